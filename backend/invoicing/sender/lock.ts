// One invoice sender at a time per ledger (the app's sync process, `bancone sync`, a test): a lease
// row `invoice_lock` in sync_state, like the receipts' ../../sync/lock.ts. A holder killed with
// kill -9 is seen dead by its pid on this host, so a restart does not wait for the lease to expire.
import { hostname } from 'node:os';
import type { WritableDb } from '../../db/types.js';
import { processAlive, type LockHolder } from '../../sync/lock.js';

const KEY = 'invoice_lock';

export function acquireSenderLock(db: WritableDb, ownerId: string, now: Date, ttlMs: number, isAlive: (pid: number) => boolean = processAlive): { ok: true } | { ok: false; holder: LockHolder } {
  return db.transaction(() => {
    const raw = db.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck().get(KEY) as string | undefined;
    const h = raw ? (JSON.parse(raw) as LockHolder) : null;
    const live = h && new Date(h.expiresAt).getTime() >= now.getTime() && !(h.host === hostname() && !isAlive(h.pid)) ? h : null;
    if (live && live.ownerId !== ownerId) return { ok: false as const, holder: live };
    const mine: LockHolder = { ownerId, pid: process.pid, host: hostname(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
    db.prepare(`INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
      .run(KEY, JSON.stringify(mine), now.toISOString());
    return { ok: true as const };
  }).immediate();
}

export function releaseSenderLock(db: WritableDb, ownerId: string): void {
  db.transaction(() => {
    const raw = db.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck().get(KEY) as string | undefined;
    if (raw && (JSON.parse(raw) as LockHolder).ownerId === ownerId) db.prepare(`DELETE FROM sync_state WHERE key = ?`).run(KEY);
  }).immediate();
}
