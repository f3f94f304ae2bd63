// The renderer is served from app://bancone/ (a privileged, standard and secure scheme) instead of
// file://: a file:// page may read any file its URL can name, and every file:// URL is the same
// origin as every other. This handler serves only the built renderer's files, with the right type
// and the CSP on every answer. Plain Node (Request → Response): main.ts gives it to
// protocol.handle, and tests call it directly.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';
import { RENDERER_CSP, RENDERER_MIME_TYPES } from '../backend/security.js';

/** The scheme and host of the app's own pages: app://bancone/index.html. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bancone';
export const APP_ROOT_URL = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_INDEX_URL = `${APP_ROOT_URL}index.html`;

/**
 * How the scheme is registered (protocol.registerSchemesAsPrivileged, before the app is ready):
 * standard, so relative URLs, origins and 'self' in the CSP work as on the web; secure, so the page
 * is a secure context; fetch allowed. Not bypassCSP, not CORS, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** What the renderer's build holds (vite; the one table, backend/security.ts): anything else is not served. */
export const MIME_TYPES = RENDERER_MIME_TYPES;

/** Headers on every answer, files and refusals alike. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    // The files change only with a new version of the app, which restarts it.
    'Cache-Control': 'no-cache',
  };
}

export interface AppProtocolOptions {
  /** The built renderer's folder (out/renderer): nothing outside it is ever read. */
  root: string;
  /** Reads a file (main: fs/promises readFile, which reads inside the app's asar archive too). */
  readFile?: (path: string) => Promise<Uint8Array>;
}

function refuse(status: 400 | 404 | 405, method: string): Response {
  const headers = { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...(status === 405 ? { Allow: 'GET, HEAD' } : {}) };
  const text = { 400: 'Bad request', 404: 'Not found', 405: 'Method not allowed' }[status];
  return new Response(method === 'HEAD' ? null : text, { status, headers });
}

/**
 * The file a request names, under `root`, or why not: each path segment is decoded on its own, and
 * a segment that is empty, `.`/`..`, hidden, or holds a separator, a drive colon or a NUL once
 * decoded is refused, so nothing can climb out of the folder (also checked on the joined path).
 */
export function resolveAppPath(root: string, url: URL): { ok: true; path: string } | { ok: false; status: 400 | 404 } {
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return { ok: false, status: 404 };
  const raw = url.pathname === '/' ? '/index.html' : url.pathname;
  const segments: string[] = [];
  for (const encoded of raw.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return { ok: false, status: 400 };
    }
    if (segment === '' || segment.startsWith('.') || /[/\\:\0]/.test(segment)) return { ok: false, status: 404 };
    segments.push(segment);
  }
  const path = join(root, ...segments);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { ok: false, status: 404 };
  return { ok: true, path };
}

/** The protocol handler of app://bancone/: GET and HEAD of the renderer's own files, nothing else. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const read = options.readFile ?? ((p: string) => readFile(p));
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return refuse(405, method);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, method);
    }
    const target = resolveAppPath(options.root, url);
    if (!target.ok) return refuse(target.status, method);
    const type = MIME_TYPES[extname(target.path).toLowerCase()];
    if (!type) return refuse(404, method);
    let body: Uint8Array;
    try {
      body = await read(target.path);
    } catch {
      // Missing, a folder, unreadable: the page asked for something that is not ours to give.
      return refuse(404, method);
    }
    const headers = { ...securityHeaders(), 'Content-Type': type, 'Content-Length': String(body.byteLength) };
    return new Response(method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
