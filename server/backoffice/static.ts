// The back office page: the Vite build of backoffice/ (out/backoffice, made by `npm run build`),
// served at / with the till's strict policy (backend/security.ts RENDERER_CSP: default-src 'self',
// no inline script) and index.html never cached (the assets' names carry their hash, so they may be).
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { RENDERER_CSP, RENDERER_MIME_TYPES } from '../../backend/security.js';
import { packageRootOf } from '../../backend/bridge/renderer-build.js';
import { msg } from '../../shared/messages/index.js';
import type { Route, RouteResult } from '../router.js';

export function backofficeOutDir(root: string = packageRootOf(import.meta.url)): string {
  return join(root, 'out', 'backoffice');
}

const SECURITY = { 'content-security-policy': RENDERER_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

async function file(dir: string, rel: string): Promise<RouteResult> {
  const root = resolve(dir);
  const path = normalize(join(root, rel));
  if (!path.startsWith(root + sep)) return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not found' };
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
  } catch {
    if (rel === 'index.html') return { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...SECURITY }, body: `${msg.backoffice.notBuilt.it}\n${msg.backoffice.notBuilt.en}\n` };
    return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not found' };
  }
  const type = RENDERER_MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const html = type.startsWith('text/html');
  return {
    headers: { 'content-type': type, 'cache-control': html ? 'no-store' : 'public, max-age=31536000, immutable', ...SECURITY },
    body: await readFile(path),
  };
}

/** GET / and GET /assets/… from `dir` (no token: the page holds nothing; its data calls need one). */
export function backofficeStaticRoutes(dir: () => string = () => backofficeOutDir()): Route[] {
  return [
    { method: 'GET', path: '/', auth: 'none', handle: async () => file(dir(), 'index.html') },
    { method: 'GET', path: /^\/assets\/(?<name>[A-Za-z0-9._-]+)$/, auth: 'none', handle: async ({ params }) => file(dir(), join('assets', params.name!)) },
    { method: 'GET', path: '/favicon.svg', auth: 'none', handle: async () => file(dir(), 'favicon.svg') },
  ];
}
