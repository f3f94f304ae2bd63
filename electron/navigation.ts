// Where the window may go, decided in plain Node (window.ts wires these into Electron's events and
// tests call them directly). The till's window shows its own pages and nothing else: a navigation,
// a redirect or a frame's navigation to anywhere but our origin is refused, new windows are never
// opened, and the system browser opens only what EXTERNAL_ALLOW_LIST names.
import { APP_HOST, APP_SCHEME } from './protocol.js';

/** The origins of the app's own pages: app://bancone, and the dev server in development. */
export interface AppOrigins {
  devServerUrl?: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for our own pages only: app://bancone/… (compared as scheme and host: for a custom scheme
 * Node's URL has no origin to compare), or the dev server's origin when one is given (development).
 * Also the check of who may call the backend over IPC (main.ts).
 */
export function isAppUrl(url: string, origins: AppOrigins = {}): boolean {
  const u = parse(url);
  if (!u || u.username || u.password) return false;
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  const dev = origins.devServerUrl ? parse(origins.devServerUrl) : null;
  return dev !== null && (dev.protocol === 'http:' || dev.protocol === 'https:') && u.origin === dev.origin;
}

/** will-navigate, will-redirect, will-frame-navigate: allowed only within our own origin. */
export function allowNavigation(url: string, origins: AppOrigins = {}): boolean {
  return isAppUrl(url, origins);
}

/**
 * Pages the system browser may open from the till, as exact https origins with a path prefix.
 * None: no screen links outside the till today, so a request to open anything is refused (and a
 * link added later must be added here on purpose).
 */
export const EXTERNAL_ALLOW_LIST: readonly { origin: string; pathPrefix: string }[] = [];

/** shell.openExternal only for an https URL under an allow-listed origin and path. */
export function allowExternal(url: string, allowList: readonly { origin: string; pathPrefix: string }[] = EXTERNAL_ALLOW_LIST): boolean {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.username || u.password) return false;
  return allowList.some((a) => u.origin === a.origin && u.pathname.startsWith(a.pathPrefix));
}

/**
 * setWindowOpenHandler: never a new window (a second window would be a page outside our
 * policies); an allow-listed link goes to the system browser instead.
 */
export function windowOpenDecision(url: string, allowList: readonly { origin: string; pathPrefix: string }[] = EXTERNAL_ALLOW_LIST): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: allowExternal(url, allowList) };
}
