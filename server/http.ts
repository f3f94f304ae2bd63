// The server's HTTP service (127.0.0.1 unless told otherwise): GET /health, POST /pair. Every body
// is validated with zod; refusals are the same error shape as the till's ({ error: ErrorInfo }).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type pg from 'pg';
import type { Clock } from '../shared/time.js';
import { BanconeError, toErrorInfo } from '../shared/errors.js';
import { msg } from '../shared/messages/index.js';
import { PairRequestSchema } from '../shared/server-api.js';
import { redeemPairingCode } from './pairing.js';

const MAX_BODY = 16 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) throw new BanconeError('REQUEST_INVALID', msg.server.requestInvalid({ field: 'body', detail: `> ${MAX_BODY} byte` }), 'body');
    chunks.push(c);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    throw new BanconeError('REQUEST_INVALID', msg.server.requestInvalid({ field: 'body', detail: (e as Error).message }), 'body');
  }
}

function parseBody<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'body';
  throw new BanconeError('REQUEST_INVALID', msg.server.requestInvalid({ field, detail: issue.message }), field);
}

export interface RunningServer { url: string; port: number; close(): Promise<void> }

export function startHttpServer(o: { pool: pg.Pool; clock: Clock; host?: string; port?: number }): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      try {
        if (req.method === 'GET' && path === '/health') {
          await o.pool.query('SELECT 1');
          return send(res, 200, { ok: true });
        }
        if (req.method === 'POST' && path === '/pair') {
          const body = parseBody(PairRequestSchema, await readJson(req));
          return send(res, 200, await redeemPairingCode(o.pool, body.code, o.clock));
        }
        send(res, 404, { error: toErrorInfo(new BanconeError('NOT_FOUND', msg.server.notFound({ path }))) });
      } catch (e) {
        send(res, e instanceof BanconeError ? (e.code.startsWith('PAIR_CODE') ? 403 : 400) : 500, { error: toErrorInfo(e) });
      }
    })();
  });
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
