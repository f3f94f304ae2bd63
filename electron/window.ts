// The one window module allowed to import electron besides main and preload. The decisions
// (which files are served, where the window may go) are plain Node in protocol.ts and
// navigation.ts, tested without Electron; this file only wires them into Electron's events.
import { BrowserWindow, protocol, session, shell } from 'electron';
import { MAIN_WINDOW_OPTIONS, RENDERER_CSP, secureWebPreferences } from '../backend/security.js';
import { allowNavigation, windowOpenDecision, type AppOrigins } from './navigation.js';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol.js';

export interface WindowPaths {
  preload: string;
  /** The built renderer's folder (out/renderer), served as app://bancone/. */
  rendererRoot: string;
  devServerUrl?: string;
}

/** app:// as a standard, secure scheme: only possible before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

export function installSessionPolicies(paths: WindowPaths): void {
  const s = session.defaultSession;
  // Our pages, from the renderer's folder only (path traversal refused, CSP on every answer).
  s.protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: paths.rendererRoot }));
  // CSP as a response header on what else loads (the dev server), so it holds even for pages that forget the meta tag.
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  // A till needs no camera, microphone, notifications or geolocation.
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({ ...MAIN_WINDOW_OPTIONS, webPreferences: secureWebPreferences(paths.preload) });
  const origins: AppOrigins = paths.devServerUrl ? { devServerUrl: paths.devServerUrl } : {};
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
  // The main frame, a redirect on the way, and any frame: our own origin or nothing.
  win.webContents.on('will-navigate', (event) => {
    if (!allowNavigation(event.url, origins)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event) => {
    if (!allowNavigation(event.url, origins)) event.preventDefault();
  });
  win.webContents.on('will-frame-navigate', (event) => {
    if (!allowNavigation(event.url, origins)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(paths.devServerUrl ?? APP_INDEX_URL);
  return win;
}
