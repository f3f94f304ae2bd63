// Security settings of the Electron shell, kept in plain Node so tests can check them without
// Electron (which cannot run on CI machines). window.ts applies exactly these (and the bridge
// sends the same CSP).

/**
 * Content Security Policy of the renderer: only our own files; no inline scripts, no eval. Sent as a
 * response header (Electron session, HTTP bridge). The page also carries it in a <meta> tag, minus
 * frame-ancestors, which browsers ignore in meta (RENDERER_CSP_META).
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const RENDERER_CSP_META = RENDERER_CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** webPreferences for every window: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  } as const;
}

/** Window geometry for a 1024×768 till up to a full HD counter screen. */
export const MAIN_WINDOW_OPTIONS = {
  width: 1280,
  height: 800,
  minWidth: 1024,
  minHeight: 700,
  backgroundColor: '#f4f5f7',
  show: false,
  autoHideMenuBar: true,
  title: 'Bancone',
} as const;

/** The IPC channel of calls: the generic contract call (invoke), relayed by main to the backend process. */
export const IPC_CALL = 'bancone:call';
/** The IPC channel of pushed events (main → our windows): what changed, and the backend going down or up. */
export const IPC_EVENT = 'bancone:event';

// Which pages are the app's own (app://bancone/, served by electron/protocol.ts) is decided in
// electron/navigation.ts, beside the scheme it names.

/** The renderer build's file types (vite's output, and its source maps), for both ways it is served:
 * the app:// protocol of Electron (electron/protocol.ts) and browser mode's bridge (bridge/server.ts). */
export const RENDERER_MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};
