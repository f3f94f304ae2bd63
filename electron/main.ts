// The Electron shell: windows, IPC wiring, lifecycle, secrets. Everything else is plain Node in
// backend/ (see backend/programs/electron-till.ts), so it runs and is tested without Electron.
import { app, ipcMain, safeStorage, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMainWindow, installSessionPolicies } from './window.js';
import { IPC_CALL, isTrustedRendererUrl } from '../backend/security.js';
import { createAppServices, type AppServices } from '../backend/programs/electron-till.js';
import { resolveConfig } from '../backend/config.js';

const here = import.meta.dirname;
const paths = {
  preload: join(here, '../preload/preload.cjs'),
  rendererIndex: join(here, '../renderer/index.html'),
  syncProcess: join(here, 'sync-process.js'),
  // The dev server is trusted only in development: a packaged till loads its own files.
  ...(process.env.ELECTRON_RENDERER_URL && !app.isPackaged ? { devServerUrl: process.env.ELECTRON_RENDERER_URL } : {}),
};

let services: AppServices | null = null;

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(async () => {
  installSessionPolicies();
  const env = { ...process.env, BANCONE_DATA_DIR: process.env.BANCONE_DATA_DIR ?? app.getPath('userData') };
  services = await createAppServices({
    config: resolveConfig(env),
    env,
    // In development the Node build of better-sqlite3 stays for the tests; the Electron build lives beside it.
    ...(process.env.BANCONE_SQLITE_BINDING ? { nativeBinding: process.env.BANCONE_SQLITE_BINDING } : {}),
    // The secrets key is wrapped by the OS keychain (DPAPI, Keychain, libsecret) through safeStorage.
    keyWrapper: safeStorage.isEncryptionAvailable()
      ? { wrap: (b: Buffer) => safeStorage.encryptString(b.toString('base64')), unwrap: (b: Buffer) => Buffer.from(safeStorage.decryptString(b), 'base64') }
      : null,
    startSyncProcess: (args, extraEnv) => {
      const child = utilityProcess.fork(paths.syncProcess, args, { env: { ...env, ...extraEnv } as Record<string, string>, serviceName: 'Bancone sync', stdio: 'inherit' });
      return { post: (m) => child.postMessage(m), kill: () => child.kill() };
    },
  });
  const rendererRootUrl = pathToFileURL(join(paths.rendererIndex, '..')).href;
  ipcMain.handle(IPC_CALL, async (event: IpcMainInvokeEvent, name: unknown, arg: unknown) => {
    // Only our own page may call the backend; the dispatcher validates name and input with the contract.
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedRendererUrl(url, rendererRootUrl, paths.devServerUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Pagina non autorizzata a usare la cassa: riavviare Bancone', message_en: 'This page may not use the till: restart Bancone' } };
    }
    return services!.call(typeof name === 'string' ? name : '', arg, `electron:${event.sender.id}`);
  });
  createMainWindow(paths);
}).catch((e) => {
  console.error('Bancone non si è avviato:', e);
  app.exit(1);
});

app.on('window-all-closed', () => app.quit());
app.on('before-quit', (event) => {
  if (!services) return;
  // Let in-flight print jobs and the sync process finish cleanly before exiting.
  event.preventDefault();
  const s = services;
  services = null;
  void s.close().finally(() => app.exit(0));
});
