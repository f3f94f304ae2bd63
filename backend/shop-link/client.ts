// The till's HTTP client for its shop server (issue #14): every call carries the till's token, every
// answer is validated with the wire's zod schemas (shared/server-api.ts), and every failure is sorted
// into what the caller must do about it. The fetch is injected (tests put a fault-injecting proxy or a
// stopped server behind it); nothing here retries: the loop that calls decides when to try again.
import { ServerErrorSchema } from '../../shared/server-api.js';
import type { ErrorInfo } from '../../shared/errors.js';

/**
 * unreachable: no answer at all (refused, reset, DNS, timeout) — the request may or may not have
 *   been applied: callers only send idempotent requests, so they simply send again later.
 * auth: 401 — the token was revoked or the till was removed: stop and say «abbinare di nuovo».
 * refused: 4xx with the server's error (a body the server will never accept as it is).
 * server: 5xx, or an answer that does not match the schema.
 */
export type ShopLinkFailure = 'unreachable' | 'auth' | 'refused' | 'server';

export class ShopLinkError extends Error {
  constructor(readonly failure: ShopLinkFailure, message: string, readonly info: ErrorInfo | null = null, readonly status: number | null = null) {
    super(message);
    this.name = 'ShopLinkError';
  }
}

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } };

export interface ShopLinkClient {
  readonly url: string;
  get<T>(path: string, schema: Schema<T>): Promise<T>;
  post<T>(path: string, body: unknown, schema: Schema<T>): Promise<T>;
}

export interface ShopLinkClientOptions {
  /** The server's base address, as `bancone till join` stored it (setting server.url). */
  url: string;
  token: string;
  fetch?: typeof globalThis.fetch;
  /** Per request; a request that takes longer is `unreachable` (and idempotent, so sent again later). */
  timeoutMs?: number;
}

export function shopLinkClient(o: ShopLinkClientOptions): ShopLinkClient {
  const doFetch = o.fetch ?? globalThis.fetch;
  const timeoutMs = o.timeoutMs ?? 15_000;
  const base = o.url.replace(/\/$/, '');

  async function call<T>(method: 'GET' | 'POST', path: string, body: unknown, schema: Schema<T>): Promise<T> {
    let res: Response;
    let text: string;
    const attempt = async () => {
      const r = await doFetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${o.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { r, t: await r.text() };
    };
    try {
      ({ r: res, t: text } = await attempt());
    } catch (first) {
      // A kept-alive connection the server closed while we were idle fails at once («other side
      // closed», a reset): every call here may be sent again (the journal upload is idempotent, the
      // rest are reads), so try once more on a new connection before calling the server unreachable.
      // Not after a timeout: that one already waited its full time.
      if ((first as Error).name === 'TimeoutError') throw new ShopLinkError('unreachable', (first as Error).message);
      try {
        ({ r: res, t: text } = await attempt());
      } catch (e) {
        throw new ShopLinkError('unreachable', (e as Error).message);
      }
    }
    let parsed: unknown = null;
    try { parsed = JSON.parse(text); } catch { /* judged below */ }
    if (!res.ok) {
      const err = ServerErrorSchema.safeParse(parsed);
      const info = err.success ? (err.data.error as ErrorInfo) : null;
      const failure: ShopLinkFailure = res.status === 401 ? 'auth' : res.status >= 500 ? 'server' : 'refused';
      throw new ShopLinkError(failure, info?.message ?? `HTTP ${res.status}`, info, res.status);
    }
    const ok = schema.safeParse(parsed);
    if (!ok.success) throw new ShopLinkError('server', `risposta non valida: ${ok.error.message}`, null, res.status);
    return ok.data;
  }

  return {
    url: base,
    get: (path, schema) => call('GET', path, undefined, schema),
    post: (path, body, schema) => call('POST', path, body, schema),
  };
}
