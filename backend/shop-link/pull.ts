// Master data down (issue #14): catalogue, prices, departments, operators and shop settings, pulled
// by version cursor from GET /till/master and applied in one transaction per page. (Being written:
// until it is, a pull applies nothing.)
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { ShopLinkClient } from './client.js';

export interface PullResult { applied: number; version: number }

/** Pulls every page waiting and applies it; returns how many rows it applied and the new cursor. */
export async function pullMaster(db: WritableDb, client: ShopLinkClient, clock: Clock): Promise<PullResult> {
  void client; void clock;
  const row = db.prepare(`SELECT value FROM sync_state WHERE key = 'server_master_version'`).get() as { value: string } | undefined;
  return { applied: 0, version: row ? Number(row.value) : 0 };
}
