// Joining a shop server (issue #14), the one way both `bancone till join URL CODE` and Settings'
// «Abbina» (contract server.join) do it: the one-time code goes to POST /pair, and the answer — this
// till's code, its token, the shop's name — is stored in ONE transaction (the token encrypted in the
// secrets, the rest in the settings). On any refusal (bad address, server unreachable, code unknown,
// used or expired, an answer that is not the wire's) nothing is stored, and the error names the field
// to correct: «url» or «code». The fetch is injected (tests, and the till's guarded fetch).
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { BanconeError } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { PairResponseSchema, ServerErrorSchema } from '../../shared/server-api.js';
import { setSetting } from '../settings.js';
import { putSecret, type KeyProvider } from '../secrets.js';
import { appendAudit } from '../ledger/audit.js';

/** The encrypted secret that holds this till's token on its server. */
export const SERVER_TOKEN_SECRET = 'server.token';

export interface JoinDeps {
  /** The ledger, or how to open it: the CLI opens it only once the server has said yes. */
  db: WritableDb | (() => WritableDb);
  keys: KeyProvider;
  clock: Clock;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Per request; a server that does not answer in time is «non raggiungibile». */
  timeoutMs?: number;
  /** Who joined (the manager in Settings; null from the command line), for the journal. */
  actor?: string | null;
}

export interface Joined { tillCode: string; shopName: string; url: string }

/** The server's base address as it will be stored: http(s) only, without the trailing «/». */
export function serverBaseUrl(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') throw new BanconeError('SERVER_URL_MISSING', msg.shopLink.urlMissing, 'url');
  let url: URL;
  try { url = new URL(trimmed); } catch { throw new BanconeError('SERVER_URL_INVALID', msg.server.urlInvalid({ url: trimmed }), 'url'); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BanconeError('SERVER_URL_INVALID', msg.server.urlInvalid({ url: trimmed }), 'url');
  return url.href.replace(/\/+$/, '');
}

export async function joinShopServer(deps: JoinDeps, rawUrl: string, rawCode: string): Promise<Joined> {
  const base = serverBaseUrl(rawUrl);
  const code = rawCode.trim();
  if (code === '') throw new BanconeError('PAIR_CODE_MISSING', msg.shopLink.codeMissing, 'code');
  let res: Response;
  let body: unknown = null;
  try {
    res = await deps.fetch(`${base}/pair`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
    });
    body = await res.json().catch(() => null);
  } catch {
    throw new BanconeError('SERVER_UNREACHABLE', msg.server.unreachable({ url: base }), 'url');
  }
  if (!res.ok) {
    const e = ServerErrorSchema.safeParse(body);
    // The server's own refusal (its field: «code» for a code unknown, used or expired).
    if (e.success) throw BanconeError.fromInfo(e.data.error);
    throw new BanconeError('SERVER_ANSWER_INVALID', msg.server.answerInvalid, 'url');
  }
  const ok = PairResponseSchema.safeParse(body);
  if (!ok.success) throw new BanconeError('SERVER_ANSWER_INVALID', msg.server.answerInvalid, 'url');
  const now = deps.clock.now();
  const db = typeof deps.db === 'function' ? deps.db() : deps.db;
  db.transaction(() => {
    putSecret(db, deps.keys, SERVER_TOKEN_SECRET, ok.data.token, now);
    setSetting(db, 'server.url', base, now);
    setSetting(db, 'server.tillCode', ok.data.tillCode, now);
    setSetting(db, 'server.shopName', ok.data.shop.name, now);
    appendAudit(db, { at: now.toISOString(), actor: deps.actor ?? null, action: 'server.join', entityId: null, payload: { url: base, till_code: ok.data.tillCode } });
  }).immediate();
  return { tillCode: ok.data.tillCode, shopName: ok.data.shop.name, url: base };
}
