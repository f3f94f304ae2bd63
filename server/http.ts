// The server's HTTP service (127.0.0.1 unless told otherwise). Routes come from one table
// (routes.ts); the router authenticates each call as its route says (auth.ts), every body is
// validated with zod, and refusals are the same error shape as the till's ({ error: ErrorInfo }).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type pg from 'pg';
import type { Clock } from '../shared/time.js';
import { BanconeError, toErrorInfo } from '../shared/errors.js';
import { msg } from '../shared/messages/index.js';
import { authenticateAdmin, authenticateTill } from './auth.js';
import { matchRoute, type Route, type RouteContext } from './router.js';
import { ROUTES } from './routes.js';
export { parseBody } from './body.js';

const MAX_BODY = 16 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > max) throw new BanconeError('REQUEST_INVALID', msg.server.requestInvalid({ field: 'body', detail: `> ${max} byte` }), 'body');
    chunks.push(c);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    throw new BanconeError('REQUEST_INVALID', msg.server.requestInvalid({ field: 'body', detail: (e as Error).message }), 'body');
  }
}

function statusOf(e: unknown): number {
  if (!(e instanceof BanconeError)) return 500;
  if (e.code === 'TILL_TOKEN_INVALID' || e.code === 'ADMIN_TOKEN_INVALID') return 401;
  if (e.code.startsWith('PAIR_CODE')) return 403;
  if (e.code === 'NOT_FOUND') return 404;
  return 400;
}

export interface RunningServer { url: string; port: number; close(): Promise<void> }

export interface HttpServerOptions {
  pool: pg.Pool;
  clock: Clock;
  host?: string;
  port?: number;
  /** The back office's token (routes with auth 'admin'); without one those routes refuse every call. */
  adminToken?: string;
  routes?: readonly Route[];
}

export function startHttpServer(o: HttpServerOptions): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  const routes = o.routes ?? ROUTES;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://server.invalid');
      try {
        const found = matchRoute(routes, req.method ?? 'GET', url.pathname);
        if (!found) throw new BanconeError('NOT_FOUND', msg.server.notFound({ path: url.pathname }));
        const { route, params } = found;
        let till: RouteContext['till'] = null;
        if (route.auth === 'till') till = await authenticateTill(o.pool, req, o.clock);
        if (route.auth === 'admin') authenticateAdmin(req, o.adminToken ?? '');
        const result = await route.handle({
          pool: o.pool, clock: o.clock, req, res, url, params, till,
          json: (max = MAX_BODY) => readJson(req, max),
        });
        if (!result) return; // the handler answered itself
        if ('json' in result) return sendJson(res, result.status ?? 200, result.json);
        res.writeHead(result.status ?? 200, result.headers);
        res.end(result.body);
      } catch (e) {
        if (res.headersSent) { res.destroy(); return; }
        sendJson(res, statusOf(e), { error: toErrorInfo(e) });
      }
    })();
  });
  // Tills ask every few seconds: keep their connections open longer than that (Node's default, 5 s,
  // is just what the link loop waits when idle, so each round met a connection closing under it).
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
      });
    });
  });
}
