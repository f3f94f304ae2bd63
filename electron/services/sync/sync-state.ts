// Small persistent facts of the sync process, shared with the UI and CLI through the database:
// why the queue is stopped, until when it is paused, the last success and the last error.
import type { ReadableDb, WritableDb } from '../db/types.js';
import { stmt } from './statements.js';

export interface AuthStop { message: string; at: string; tokenFingerprint: string }
export interface ConfigStop { code: string; message: string; at: string }
export interface Pause { until: string; reason: 'rate_limit' | 'offline' }
export interface LastError { code: string; message: string; at: string; documentId: string | null }
export interface Onboarding {
  fiscalId: string;
  name: string;
  email: string;
  taxCode: string | null;
  baseUrl: string;
  /** When the AdE credentials were last set; they expire after 90 days. */
  credentialsUpdatedAt: string | null;
  onboardedAt: string;
}

export interface SyncStateMap {
  auth_required: AuthStop;
  config_error: ConfigStop;
  paused: Pause;
  last_success_at: string;
  last_error: LastError;
  onboarding: Onboarding;
  last_auth_probe_at: string;
}
export type SyncStateKey = keyof SyncStateMap;

export function readState<K extends SyncStateKey>(db: ReadableDb, key: K): SyncStateMap[K] | null {
  const r = stmt(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  if (!r) return null;
  try {
    return JSON.parse(r.value) as SyncStateMap[K];
  } catch {
    return null;
  }
}

export function writeState<K extends SyncStateKey>(db: WritableDb, key: K, value: SyncStateMap[K], at: Date): void {
  stmt(db, 'INSERT INTO sync_state (key, value, updated_at) VALUES (?,?,?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(key, JSON.stringify(value), at.toISOString());
}

export function clearState(db: WritableDb, key: SyncStateKey): void {
  stmt(db, 'DELETE FROM sync_state WHERE key = ?').run(key);
}
