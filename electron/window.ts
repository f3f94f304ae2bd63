// The one window module allowed to import electron besides main and preload.
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAIN_WINDOW_OPTIONS, RENDERER_CSP, isTrustedRendererUrl, secureWebPreferences } from '../backend/security.js';

export interface WindowPaths {
  preload: string;
  rendererIndex: string;
  devServerUrl?: string;
}

export function installSessionPolicies(): void {
  const s = session.defaultSession;
  // CSP as a response header too, so it holds even for pages that forget the meta tag.
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  // A till needs no camera, microphone, notifications or geolocation.
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({ ...MAIN_WINDOW_OPTIONS, webPreferences: secureWebPreferences(paths.preload) });
  const rendererRootUrl = pathToFileURL(join(paths.rendererIndex, '..')).href;
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedRendererUrl(url, rendererRootUrl, paths.devServerUrl)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  if (paths.devServerUrl) void win.loadURL(paths.devServerUrl);
  else void win.loadFile(paths.rendererIndex);
  return win;
}
