// The Electron shell: windows, lifecycle, the OS keychain, and the relay to the backend process.
// The till itself runs in a utility process (backend/programs/backend-process.ts), so SQLite,
// pdfkit and the print queue never hold up the event loop that moves the windows; main checks who
// calls and carries messages (electron/relay.ts, plain Node and tested without Electron).
import { app, BrowserWindow, dialog, ipcMain, safeStorage, utilityProcess } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMainWindow, installSessionPolicies, registerAppScheme } from './window.js';
import { isAppUrl } from './navigation.js';
import { IPC_CALL, IPC_EVENT } from '../backend/security.js';
import { resolveConfig } from '../backend/config.js';
import { secretsKeyForBackend, startRelay, type Relay } from './relay.js';
import { safeStorageWrapping } from './key-wrapping.js';
import { wrappedKeyTexts } from '../backend/keyring/data-key.js';

const here = import.meta.dirname;
const paths = {
  preload: join(here, '../preload/preload.cjs'),
  // Served as app://bancone/ (electron/protocol.ts), never as file://.
  rendererRoot: join(here, '../renderer'),
  backendProcess: join(here, 'backend-process.js'),
  syncProcess: join(here, 'sync-process.js'),
  // The dev server is trusted only in development: a packaged till loads its own files.
  ...(process.env.ELECTRON_RENDERER_URL && !app.isPackaged ? { devServerUrl: process.env.ELECTRON_RENDERER_URL } : {}),
};

let relay: Relay | null = null;

// `Bancone --cli <command> …` is the shipped `bancone` command line (out/cli/bancone.mjs) on the
// app's own runtime: no window, no single-instance lock, and no need for the RunAsNode fuse. The
// await never settles: the app exits with the command's code, and nothing below runs.
if (process.argv.includes('--cli')) await runShippedCli(process.argv.slice(process.argv.indexOf('--cli') + 1));

if (!app.requestSingleInstanceLock()) app.quit();

registerAppScheme();

app.whenReady().then(async () => {
  installSessionPolicies(paths);
  const env = { ...process.env, BANCONE_DATA_DIR: process.env.BANCONE_DATA_DIR ?? app.getPath('userData') } as Record<string, string>;
  const config = resolveConfig(env);
  // Only our own pages may call the till or hear its events.
  const trusted = (url: string) => isAppUrl(url, paths.devServerUrl ? { devServerUrl: paths.devServerUrl } : {});
  // The secrets key is wrapped by the OS keychain (DPAPI, Keychain, libsecret) through safeStorage,
  // which exists only here: unwrapped here and handed to the backend process over its message port.
  // safeStorage's asynchronous API (the synchronous one is deprecated): its work is done here, ahead.
  const keyWrapper = await safeStorageWrapping(safeStorage, process.platform, wrappedKeyTexts(config.dataDir, env));
  if (keyWrapper.refused) process.stderr.write(`[bancone] ${keyWrapper.refused}\n`);
  const secretsKey = secretsKeyForBackend(config.dataDir, keyWrapper.wrapping, keyWrapper.legacyUnwrap, keyWrapper.newKey);
  if (secretsKey.ok && keyWrapper.stale.length > 0) await keyWrapper.rewrap(Buffer.from(secretsKey.bytes)).catch(() => { /* kept as it was: still readable */ });
  relay = startRelay({
    ipcMain,
    callChannel: IPC_CALL,
    isTrustedSender: trusted,
    forkBackend: () => utilityProcess.fork(paths.backendProcess, [], { env, serviceName: 'Bancone backend', stdio: 'inherit' }),
    forkSync: (args, extraEnv) => utilityProcess.fork(paths.syncProcess, args, { env: { ...env, ...extraEnv }, serviceName: 'Bancone sync', stdio: 'inherit' }),
    start: {
      dbFile: config.dbFile,
      dataDir: config.dataDir,
      // In development the Node build of better-sqlite3 stays for the tests; the Electron build lives beside it.
      ...(process.env.BANCONE_SQLITE_BINDING ? { nativeBinding: process.env.BANCONE_SQLITE_BINDING } : {}),
      key: secretsKey,
    },
    broadcast: (event) => {
      for (const w of BrowserWindow.getAllWindows()) if (trusted(w.webContents.getURL())) w.webContents.send(IPC_EVENT, event);
    },
    onBackendDown: (info) => {
      void dialog.showMessageBox({ type: info.restarting ? 'warning' : 'error', title: 'Bancone', message: info.message, detail: info.detail });
    },
  });
  await relay.ready;
  createMainWindow(paths);
}).catch((e) => {
  console.error('Bancone non si è avviato:', e);
  app.exit(1);
});

app.on('window-all-closed', () => app.quit());
app.on('before-quit', (event) => {
  if (!relay) return;
  // Let in-flight print jobs and the sync process finish cleanly before exiting.
  event.preventDefault();
  const r = relay;
  relay = null;
  void r.stop().finally(() => app.exit(0));
});

async function runShippedCli(argv: string[]): Promise<never> {
  let code = 1;
  try {
    // By path, not by import: the CLI is its own build, not part of main's bundle.
    const cli = (await import(pathToFileURL(join(here, '../cli/bancone.mjs')).href)) as { runCli(argv: string[], io: unknown): Promise<number>; processIO: unknown };
    code = await cli.runCli(argv, cli.processIO);
  } catch (e) {
    console.error(e);
  }
  app.exit(code);
  return new Promise<never>(() => undefined);
}
