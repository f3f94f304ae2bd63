// Who is calling. A till: `Authorization: Bearer <token>` (from /pair), found by the token's SHA-256
// among the tokens not revoked; its last-seen time is kept for the back office. The back office: the
// server's admin token (kept in the data folder, 0600), compared in constant time.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import type { Clock } from '../shared/time.js';
import { BanconeError } from '../shared/errors.js';
import { msg } from '../shared/messages/index.js';
import { sha256 } from './pairing.js';

export interface TillIdentity { tillId: string; shopId: string; tillCode: string }

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1]! : null;
}

/** The till behind the request's token; refused (401) when there is none, it is unknown or revoked. */
export async function authenticateTill(pool: pg.Pool, req: IncomingMessage, clock: Clock): Promise<TillIdentity> {
  const token = bearer(req);
  if (!token) throw new BanconeError('TILL_TOKEN_INVALID', msg.server.tokenInvalid);
  const row = (await pool.query<{ till_id: string; shop_id: string; code: string }>(
    `UPDATE tills t SET last_seen_at = $2 FROM till_tokens k
      WHERE k.token_hash = $1 AND k.revoked_at IS NULL AND t.id = k.till_id
      RETURNING t.id AS till_id, t.shop_id, t.code`, [sha256(token), clock.now()])).rows[0];
  if (!row) throw new BanconeError('TILL_TOKEN_INVALID', msg.server.tokenInvalid);
  return { tillId: row.till_id, shopId: row.shop_id, tillCode: row.code };
}

/** The back office's calls carry the admin token; refused (401) otherwise. */
export function authenticateAdmin(req: IncomingMessage, adminToken: string): void {
  const given = bearer(req);
  const a = Buffer.from(given ?? '', 'utf8');
  const b = Buffer.from(adminToken, 'utf8');
  if (given === null || a.length !== b.length || !timingSafeEqual(a, b))
    throw new BanconeError('ADMIN_TOKEN_INVALID', msg.server.adminTokenInvalid);
}
