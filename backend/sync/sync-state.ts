// Small persistent facts of the sync process, shared with the UI and CLI through the database:
// why the queue is stopped, until when it is paused, the last success and the last error.
import type { ReadableDb, WritableDb } from '../db/types.js';
import { readStmt, writeStmt } from '../db/statements.js';

export interface AuthStop { message: string; at: string; tokenFingerprint: string }
/** `message` in Italian says what to do; `apiMessage` keeps Openapi's own words (shown apart, labelled). */
export interface ConfigStop { code: string; message: string; messageEn?: string; apiMessage?: string | null; at: string; configFingerprint?: string }
/** `unverified`: a refusal could not be judged because the configuration check got no answer. */
export type PauseReason = 'rate_limit' | 'offline' | 'unverified';
export interface Pause { until: string; reason: PauseReason }
/**
 * What the last exchange with the API said about reaching it (any request: sends, polls, checks,
 * the idle probe), or that the sync has no configuration to talk with.
 * - ok: Openapi answered (even a refusal);  offline: the host could not be found or routed to;
 * - unreachable: no connection (refused, reset, timed out);  server_error: 5xx or unreadable answers.
 */
export type ContactState = 'ok' | 'offline' | 'unreachable' | 'server_error' | 'not_configured';
export interface ApiContact { state: ContactState; at: string; message: string | null }
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
  api_contact: ApiContact;
}
export type SyncStateKey = keyof SyncStateMap;

export function readState<K extends SyncStateKey>(db: ReadableDb, key: K): SyncStateMap[K] | null {
  const r = readStmt(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  if (!r) return null;
  try {
    return JSON.parse(r.value) as SyncStateMap[K];
  } catch {
    return null;
  }
}

export function writeState<K extends SyncStateKey>(db: WritableDb, key: K, value: SyncStateMap[K], at: Date): void {
  writeStmt(db, 'INSERT INTO sync_state (key, value, updated_at) VALUES (?,?,?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(key, JSON.stringify(value), at.toISOString());
}

export function clearState(db: WritableDb, key: SyncStateKey): void {
  writeStmt(db, 'DELETE FROM sync_state WHERE key = ?').run(key);
}
