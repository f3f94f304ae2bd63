// The link's few facts in sync_state (keys server_*), written only when they change: the change feed
// (../bridge/changes.ts) pushes status to the screens on every write of a shown key.
import type { ReadableDb, WritableDb } from '../db/types.js';
import { readStmt, writeStmt } from '../db/statements.js';

export type LinkState = 'ok' | 'unreachable' | 'auth' | 'refused' | 'chain_broken' | 'checking';

/** The last outcome of talking to the server; `message` is the server's or the network's own words. */
export interface LinkOutcome { state: LinkState; message: string | null; chainBrokenAt: number | null }

export const LINK_KEYS = {
  /** Every journal entry up to this seq is held by the server (the server's word, from its last answer). */
  ack: 'server_ack_seq',
  outcome: 'server_link',
  lastUploadAt: 'server_last_upload_at',
  masterVersion: 'server_master_version',
} as const;

export function readKey(db: ReadableDb, key: string): string | null {
  const r = readStmt(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return r ? r.value : null;
}

/** Writes the key only when its value differs; true when it wrote. */
export function writeKeyIfChanged(db: WritableDb, key: string, value: string, at: Date): boolean {
  if (readKey(db, key) === value) return false;
  writeStmt(db, 'INSERT INTO sync_state (key, value, updated_at) VALUES (?,?,?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(key, value, at.toISOString());
  return true;
}

export function readAck(db: ReadableDb): number {
  const v = Number(readKey(db, LINK_KEYS.ack) ?? 0);
  return Number.isInteger(v) && v >= 0 ? v : 0;
}

export function readOutcome(db: ReadableDb): LinkOutcome | null {
  const v = readKey(db, LINK_KEYS.outcome);
  if (!v) return null;
  try { return JSON.parse(v) as LinkOutcome; } catch { return null; }
}

export function writeOutcome(db: WritableDb, o: LinkOutcome, at: Date): boolean {
  return writeKeyIfChanged(db, LINK_KEYS.outcome, JSON.stringify({ state: o.state, message: o.message, chainBrokenAt: o.chainBrokenAt }), at);
}

/** The last journal seq on this till (0: nothing journaled). */
export function lastSeq(db: ReadableDb): number {
  return (readStmt(db, 'SELECT COALESCE(MAX(seq), 0) AS n FROM audit_log').get() as { n: number }).n;
}
