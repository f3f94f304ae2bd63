// One sync process at a time per ledger (the app's utility process, or `bancone sync` from a shell):
// a lease row in sync_state. A holder that died with kill -9 is detected by its pid on this host, so
// a restart does not wait for the lease to run out.
import { hostname } from 'node:os';
import type { ReadableDb, WritableDb } from '../db/types.js';
import { readStmt, writeStmt } from '../db/statements.js';

export interface LockHolder {
  ownerId: string;
  pid: number;
  host: string;
  expiresAt: string;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(db: ReadableDb): LockHolder | null {
  const r = readStmt(db, `SELECT value FROM sync_state WHERE key = 'lock'`).get() as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as LockHolder) : null;
}

export function lockHolder(db: ReadableDb, now: Date, isAlive: (pid: number) => boolean = processAlive): LockHolder | null {
  const h = read(db);
  if (!h) return null;
  if (new Date(h.expiresAt).getTime() < now.getTime()) return null;
  if (h.host === hostname() && !isAlive(h.pid)) return null;
  return h;
}

/** Takes or renews the lease; returns the other live holder when it cannot. */
export function acquireLock(db: WritableDb, ownerId: string, now: Date, ttlMs: number, isAlive: (pid: number) => boolean = processAlive): { ok: true } | { ok: false; holder: LockHolder } {
  return db.transaction(() => {
    const current = lockHolder(db, now, isAlive);
    if (current && current.ownerId !== ownerId) return { ok: false as const, holder: current };
    const mine: LockHolder = { ownerId, pid: process.pid, host: hostname(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
    writeStmt(db, `INSERT INTO sync_state (key, value, updated_at) VALUES ('lock', ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
      .run(JSON.stringify(mine), now.toISOString());
    return { ok: true as const };
  }).immediate();
}

export function releaseLock(db: WritableDb, ownerId: string): void {
  db.transaction(() => {
    const h = read(db);
    if (h && h.ownerId === ownerId) writeStmt(db, `DELETE FROM sync_state WHERE key = 'lock'`).run();
  }).immediate();
}
