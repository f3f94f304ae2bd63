// Pairing a till with its shop: the server shows a one-time code (expiring), the till sends it back
// and gets its till code (C1, C2… per shop) and a token. Only SHA-256 digests of codes and tokens are
// stored: a copy of the database pairs nothing and authenticates no one.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type pg from 'pg';
import type { Clock } from '../shared/time.js';
import { BanconeError } from '../shared/errors.js';
import { msg } from '../shared/messages/index.js';

export const PAIRING_MINUTES = 15;
// No 0/O, 1/I/L: read aloud or copied from a screen without mistakes.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The code as typed: case, spaces and dashes do not matter. */
export const normaliseCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

/** A new one-time code for `shopName` (the shop is made if there is none by that name). */
export async function createPairingCode(pool: pg.Pool, shopName: string, clock: Clock): Promise<{ code: string; shop: string; expiresAt: Date }> {
  const now = clock.now();
  const raw = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expiresAt = new Date(now.getTime() + PAIRING_MINUTES * 60_000);
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('INSERT INTO shops (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [shopName, now]);
    const shop = (await c.query<{ id: string }>('SELECT id FROM shops WHERE name = $1', [shopName])).rows[0]!;
    await c.query('INSERT INTO pairing_codes (shop_id, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [shop.id, sha256(raw), now, expiresAt]);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
  return { code: `${raw.slice(0, 4)}-${raw.slice(4)}`, shop: shopName, expiresAt };
}

/** Redeems a code: a new till and its token, in one transaction; refused (nothing changed) if unknown, used or expired. */
export async function redeemPairingCode(pool: pg.Pool, code: string, clock: Clock): Promise<{ tillCode: string; token: string; shop: { name: string } }> {
  const now = clock.now();
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    // FOR UPDATE: two tills sending the same code at once are served one after the other.
    const row = (await c.query<{ id: string; shop_id: string; expires_at: Date; used_at: Date | null; shop_name: string }>(
      `SELECT p.id, p.shop_id, p.expires_at, p.used_at, s.name AS shop_name
         FROM pairing_codes p JOIN shops s ON s.id = p.shop_id WHERE p.code_hash = $1 FOR UPDATE OF p, s`,
      [sha256(normaliseCode(code))])).rows[0];
    if (!row) throw new BanconeError('PAIR_CODE_UNKNOWN', msg.server.pairCodeUnknown, 'code');
    if (row.used_at) throw new BanconeError('PAIR_CODE_USED', msg.server.pairCodeUsed, 'code');
    if (row.expires_at.getTime() <= now.getTime()) throw new BanconeError('PAIR_CODE_EXPIRED', msg.server.pairCodeExpired, 'code');
    const n = (await c.query<{ n: string }>('SELECT count(*) AS n FROM tills WHERE shop_id = $1', [row.shop_id])).rows[0]!.n;
    const tillCode = `C${Number(n) + 1}`;
    const till = (await c.query<{ id: string }>('INSERT INTO tills (shop_id, code, created_at) VALUES ($1, $2, $3) RETURNING id',
      [row.shop_id, tillCode, now])).rows[0]!;
    const token = randomBytes(32).toString('base64url');
    await c.query('INSERT INTO till_tokens (till_id, token_hash, created_at) VALUES ($1, $2, $3)', [till.id, sha256(token), now]);
    await c.query('UPDATE pairing_codes SET used_at = $1, used_by_till = $2 WHERE id = $3', [now, till.id, row.id]);
    await c.query('COMMIT');
    return { tillCode, token, shop: { name: row.shop_name } };
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

/**
 * Revokes a till's tokens (a till stolen, broken or given away): from now on every call it makes is
 * refused (401) and it says «cassa non riconosciuta, abbinarla di nuovo». What it uploaded stays.
 * Refused, naming the field, when the shop or its till is not there.
 */
export async function revokeTill(pool: pg.Pool, shopName: string, tillCode: string, clock: Clock): Promise<{ revoked: number }> {
  const till = (await pool.query<{ id: string }>(
    'SELECT t.id FROM tills t JOIN shops s ON s.id = t.shop_id WHERE s.name = $1 AND t.code = $2', [shopName, tillCode.toUpperCase()])).rows[0];
  if (!till) throw new BanconeError('TILL_UNKNOWN', msg.server.tillUnknown({ tillCode, shop: shopName }), 'till');
  const r = await pool.query('UPDATE till_tokens SET revoked_at = $2 WHERE till_id = $1 AND revoked_at IS NULL', [till.id, clock.now()]);
  return { revoked: r.rowCount ?? 0 };
}
