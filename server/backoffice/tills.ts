// «Casse»: every shop's tills as the server last heard of them — when each was last seen, what it
// says it still has to upload, its AdE queue and printer (its last TillReport), the server's ack and
// the state of its hash chain, and its master-data version against the shop's. The flags are decided
// here, once, so the screen and its tests read the same verdict.
import type pg from 'pg';
import type { TillReport } from '../../shared/server-api.js';
import type { ShopTills, TillHealth, TillProblem } from '../../shared/backoffice-api.js';

export type { ShopTills, TillHealth, TillProblem };

/** Not heard of for this long: the till is off, or cannot reach the server. */
export const STALE_AFTER_MS = 15 * 60_000;
/** Documents waiting for the AdE with no success for this long: the queue is stuck. */
export const ADE_STUCK_AFTER_MS = 30 * 60_000;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function tillProblems(t: Omit<TillHealth, 'problems'>, now: Date): TillProblem[] {
  const out: TillProblem[] = [];
  if (!t.lastSeenAt) out.push('never_seen');
  else if (now.getTime() - Date.parse(t.lastSeenAt) > STALE_AFTER_MS) out.push('not_seen');
  if (t.chain.brokenAt !== null) out.push('chain_broken');
  const ade = t.report?.ade;
  if (ade && ade.failed > 0) out.push('ade_failed');
  if (ade && ade.queued > 0) {
    const since = ade.lastSuccessAt ? Date.parse(ade.lastSuccessAt) : null;
    const reportAt = Date.parse(t.report!.at);
    // Stuck: nothing accepted for a while although documents wait (judged at the report's time).
    if (since === null || reportAt - since > ADE_STUCK_AFTER_MS) out.push('ade_stuck');
  }
  return out;
}

export async function tillsHealth(pool: pg.Pool, now: Date, shopId?: string): Promise<ShopTills[]> {
  const shops = (await pool.query<{ id: string; name: string; master_version: string }>(
    'SELECT id::text AS id, name, master_version FROM shops WHERE ($1::bigint IS NULL OR id = $1::bigint) ORDER BY name', [shopId ?? null])).rows;
  const tills = (await pool.query<{ shop_id: string; code: string; last_seen_at: Date | null; ack_seq: string | null; last_upload_at: Date | null;
    chain_broken_at: string | null; chain_problem: string | null; report: TillReport | null }>(
    `SELECT t.shop_id::text AS shop_id, t.code, t.last_seen_at, s.ack_seq, s.last_upload_at, s.chain_broken_at, s.chain_problem, s.report
      FROM tills t LEFT JOIN till_sync s ON s.till_id = t.id
      WHERE ($1::bigint IS NULL OR t.shop_id = $1::bigint) ORDER BY length(t.code), t.code`, [shopId ?? null])).rows;
  return shops.map((s) => ({
    shopId: s.id,
    name: s.name,
    masterVersion: Number(s.master_version),
    tills: tills.filter((t) => t.shop_id === s.id).map((t) => {
      const h = {
        tillCode: t.code,
        lastSeenAt: iso(t.last_seen_at),
        ackSeq: Number(t.ack_seq ?? 0),
        lastUploadAt: iso(t.last_upload_at),
        chain: { brokenAt: t.chain_broken_at === null ? null : Number(t.chain_broken_at), problem: t.chain_problem },
        report: t.report,
        masterVersion: t.report ? t.report.masterVersion : null,
      };
      return { ...h, problems: tillProblems(h, now) };
    }),
  }));
}
