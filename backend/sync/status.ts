// What the shop sees of the sync: counts, the last error, why the queue is stopped. Pure reads of
// (db, clock) so the UI, the CLI and the HTTP bridge show the same thing; the one write here is a
// manager's retry of a failed document.
import type { ReadableDb, WritableDb } from '../db/types.js';
import { systemClock, type Clock, isTransmissionBlackout, blackoutEnd } from '../../shared/time.js';
import { formatEuro } from '../../shared/money.js';
import { fail } from '../../shared/errors.js';
import { readState, type PauseReason } from './sync-state.js';
import { lockHolder } from './lock.js';
import { outboxCounts, resetForRetry } from './outbox.js';
import { readStmt } from '../db/statements.js';
import { settleUntransmitted } from './cancel.js';
import type { ApiState } from '../../shared/contract/status.js';
import { classifyRefusal, explainRefusal, refusalSource } from '../../shared/fiscal-errors.js';
import { msg, textOf, type Text } from '../../shared/messages/index.js';

export const CREDENTIALS_VALID_DAYS = 90;
/** Warned from day 80 of the 90: time to change the password at the Agenzia and renew here. */
export const CREDENTIALS_WARN_DAYS = 10;
const DAY = 24 * 60 * 60 * 1000;

export interface CredentialsStatus {
  updatedAt: string;
  expiresAt: string;
  daysLeft: number;
  /** Within 14 days of the 90-day expiry of the AdE credentials. */
  warning: boolean;
  expired: boolean;
}

export interface SyncStatus {
  pending: number;
  /** Being sent, or accepted by the API and waiting for the Agenzia (sending + sent). */
  inFlight: number;
  unknown: number;
  ready: number;
  failed: number;
  /** Never to be transmitted: cancelled by a manager, or a void of a sale that never reached the AdE. */
  cancelled: number;
  /** Returns/voids held until their sale is transmitted. */
  waitingForParent: number;
  lastError: { code: string; message: string; at: string; documentId: string | null } | null;
  lastSuccessAt: string | null;
  nextAttemptAt: string | null;
  blackout: boolean;
  blackoutEndsAt: string | null;
  authRequired: boolean;
  authMessage: string | null;
  /** `message` (Italian) and `messageEn` say what to do; `apiMessage` is Openapi's own words, if any. */
  configError: { code: string; message: string; messageEn: string | null; apiMessage: string | null } | null;
  pausedUntil: string | null;
  pauseReason: PauseReason | null;
  credentials: CredentialsStatus | null;
  /** A sync process currently holds the queue. */
  running: boolean;
}

/**
 * A stored account stop as the shop reads it. Stops written before their Italian explanation was
 * kept (messageEn absent) only carried the API's words: those are shown apart, as the API's.
 */
function configProblem(c: { code: string; message: string; messageEn?: string; apiMessage?: string | null }): NonNullable<SyncStatus['configError']> {
  if (c.messageEn !== undefined) return { code: c.code, message: c.message, messageEn: c.messageEn, apiMessage: c.apiMessage ?? null };
  return {
    code: c.code,
    message: msg.sync.configToFix.it,
    messageEn: msg.sync.configToFix.en,
    apiMessage: c.message,
  };
}

/** How the till can reach the Agenzia delle Entrate's gateway (Openapi), as last seen by the sync. */
export type ApiReach = ApiState;

/** An exchange with the API older than this says nothing about now: «in verifica». */
export const CONTACT_STALE_MS = 10 * 60_000;

export interface ConnectionView {
  api: ApiReach;
  /** When the sync last talked to the API (any answer, or none). */
  apiCheckedAt: string | null;
  /** false when the API cannot be reached at all (the offline-sale policy reads it); null when unknown. */
  online: boolean | null;
  lastSuccessAt: string | null;
  /** The queue is stopped until someone acts: a refused token, or an account/address problem. */
  stop: 'auth' | 'config' | null;
  /** For a config stop: NOT_REGISTERED, RECEIPTS_DISABLED, WRONG_ADDRESS, ACCOUNT_INACTIVE, CHECK_REFUSED, … */
  stopCode: string | null;
  /** What is wrong and what to do, Italian and English; null when nothing is. */
  problem: string | null;
  problemEn: string | null;
  /** Openapi's own words about the stop, shown apart and labelled (never as the explanation). */
  apiMessage: string | null;
}

/**
 * The status bar's view of the sync: a handful of sync_state facts (no counts over the outbox), so
 * it can be polled every second or two.
 */
export function connectionView(db: ReadableDb, clock: Clock, staleMs = CONTACT_STALE_MS): ConnectionView {
  const now = clock.now().getTime();
  const contact = readState(db, 'api_contact');
  const pause = readState(db, 'paused');
  const pausedOffline = pause !== null && pause.reason === 'offline' && new Date(pause.until).getTime() > now;
  let api: ApiReach;
  if (!contact) api = pausedOffline ? 'unreachable' : 'checking';
  else if (contact.state === 'not_configured') api = 'not_configured';
  else if (now - new Date(contact.at).getTime() > staleMs) api = 'checking';
  else api = contact.state;
  const online = api === 'offline' || api === 'unreachable' ? false : api === 'ok' || api === 'server_error' ? true : null;
  const auth = readState(db, 'auth_required');
  const config = readState(db, 'config_error');
  const credentials = credentialsStatus(db, clock);
  let stop: ConnectionView['stop'] = null;
  let stopCode: string | null = null;
  let problem: string | null = null;
  let problemEn: string | null = null;
  let apiMessage: string | null = null;
  if (auth) {
    stop = 'auth';
    ({ it: problem, en: problemEn } = msg.sync.tokenRefused);
    apiMessage = auth.message;
  } else if (config) {
    const c = configProblem(config);
    stop = 'config';
    stopCode = c.code;
    problem = c.message;
    problemEn = c.messageEn;
    apiMessage = c.apiMessage;
  } else if (credentials?.expired) {
    ({ it: problem, en: problemEn } = msg.sync.credentialsExpired);
  }
  return { api, apiCheckedAt: contact && contact.state !== 'not_configured' ? contact.at : null, online, lastSuccessAt: readState(db, 'last_success_at'), stop, stopCode, problem, problemEn, apiMessage };
}

export function credentialsStatus(db: ReadableDb, clock: Clock): CredentialsStatus | null {
  const ob = readState(db, 'onboarding');
  if (!ob?.credentialsUpdatedAt) return null;
  const updated = new Date(ob.credentialsUpdatedAt).getTime();
  const expires = updated + CREDENTIALS_VALID_DAYS * DAY;
  const now = clock.now().getTime();
  return {
    updatedAt: ob.credentialsUpdatedAt,
    expiresAt: new Date(expires).toISOString(),
    daysLeft: Math.ceil((expires - now) / DAY),
    warning: now >= expires - CREDENTIALS_WARN_DAYS * DAY,
    expired: now >= expires,
  };
}

/** The sync's full account (`bancone status`, `bancone sync`). `counts`: outboxCounts(db), when the caller has read them already. */
export function getSyncStatus(db: ReadableDb, clock: Clock, counts: Record<string, number> = outboxCounts(db)): SyncStatus {
  const now = clock.now();
  const waiting = (readStmt(db, 
    `SELECT count(*) AS n FROM outbox o LEFT JOIN outbox p ON p.document_id = o.parent_id
     WHERE o.state = 'pending' AND o.parent_id IS NOT NULL AND (p.state IS NULL OR p.state <> 'ready' OR p.remote_id IS NULL)`,
  ).get() as { n: number }).n;
  const next = (readStmt(db, `SELECT min(coalesce(next_attempt_at, updated_at)) AS t FROM outbox WHERE state IN ('pending','unknown','sent')`).get() as { t: string | null }).t;
  const auth = readState(db, 'auth_required');
  const config = readState(db, 'config_error');
  const pause = readState(db, 'paused');
  const paused = pause && new Date(pause.until).getTime() > now.getTime() ? pause : null;
  const blackout = isTransmissionBlackout(now);
  const lastError = readState(db, 'last_error');
  let nextAttemptAt = next;
  if (next && paused && paused.until > next) nextAttemptAt = paused.until;
  if (next && blackout && blackoutEnd(now).toISOString() > next) nextAttemptAt = blackoutEnd(now).toISOString();
  return {
    pending: counts.pending ?? 0,
    inFlight: (counts.sending ?? 0) + (counts.sent ?? 0),
    unknown: counts.unknown ?? 0,
    ready: counts.ready ?? 0,
    failed: counts.failed ?? 0,
    cancelled: counts.cancelled ?? 0,
    waitingForParent: waiting,
    lastError,
    lastSuccessAt: readState(db, 'last_success_at'),
    nextAttemptAt,
    blackout,
    blackoutEndsAt: blackout ? blackoutEnd(now).toISOString() : null,
    authRequired: auth !== null,
    authMessage: auth?.message ?? null,
    configError: config ? configProblem(config) : null,
    pausedUntil: paused?.until ?? null,
    pauseReason: paused?.reason ?? null,
    credentials: credentialsStatus(db, clock),
    running: lockHolder(db, now) !== null,
  };
}

export interface FailedDocument {
  documentId: string;
  number: string;
  kind: 'sale' | 'return' | 'void';
  createdAt: string;
  totalCents: number;
  code: string | null;
  message: string | null;
  attempts: number;
  remoteId: string | null;
  parentNumber: string | null;
}

export function listFailed(db: ReadableDb): FailedDocument[] {
  return (readStmt(db, 
    `SELECT o.document_id, d.number, d.kind, d.created_at, d.total_cents, o.last_error_code, o.last_error_message, o.attempts,
            o.remote_id, p.number AS parent_number
     FROM outbox o JOIN documents d ON d.id = o.document_id LEFT JOIN documents p ON p.id = d.parent_id
     WHERE o.state = 'failed' ORDER BY d.created_at`,
  ).all() as Record<string, unknown>[]).map((r) => ({
    documentId: r.document_id as string,
    number: r.number as string,
    kind: r.kind as FailedDocument['kind'],
    createdAt: r.created_at as string,
    totalCents: r.total_cents as number,
    code: r.last_error_code as string | null,
    message: r.last_error_message as string | null,
    attempts: r.attempts as number,
    remoteId: r.remote_id as string | null,
    parentNumber: r.parent_number as string | null,
  }));
}

/**
 * A manager sends a failed document again. Throws BanconeError when it is not failed — among others
 * when the till voided the refused sale meanwhile (then it is cancelled, never to be sent: the AdE
 * must not end up holding a sale the till voided).
 */
export function retryDocument(db: WritableDb, documentId: string, opts: { clock?: Clock; operatorId?: string | null } = {}): { documentId: string; state: 'pending' } {
  const clock = opts.clock ?? systemClock;
  const id = (readStmt(db, 'SELECT id FROM documents WHERE id = ? OR number = ?').get(documentId, documentId) as { id: string } | undefined)?.id;
  if (!id) fail('DOCUMENT_NOT_FOUND', msg.ledger.documentNotFound({ ref: documentId }), 'document');
  settleUntransmitted(db, clock.now());
  const state = readStmt(db, 'SELECT state FROM outbox WHERE document_id = ?', { pluck: true }).get(id) as string | undefined;
  if (state === 'cancelled')
    fail('SYNC_CANCELLED', msg.sync.retryCancelled, 'document');
  if (!resetForRetry(db, id, clock.now(), opts.operatorId ?? null))
    fail('SYNC_NOT_FAILED', msg.sync.retryNotFailed, 'document');
  return { documentId: id, state: 'pending' };
}

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString('it-IT', { timeZone: 'Europe/Rome' }) : '—');

/** The sync section of `bancone status`, in Italian (or English); the words are the catalogue's (area syncReport). */
export function syncStatusText(s: SyncStatus, lang: 'it' | 'en' = 'it', failed: FailedDocument[] = []): string {
  const w = msg.syncReport;
  const lines = [w.counts(s)[lang]];
  const line = (indent: string, t: Text) => lines.push(`${indent}${t[lang]}`);
  if (s.waitingForParent > 0) line('  ', w.waitingForParent({ n: s.waitingForParent }));
  if (s.authRequired) {
    line('  ', w.tokenStop);
    if (s.authMessage) line('    ', w.openapiSaid({ message: s.authMessage }));
  }
  if (s.configError) {
    line('  ', w.configStop({ problem: textOf({ message: s.configError.message, messageEn: s.configError.messageEn ?? s.configError.message }) }));
    if (s.configError.apiMessage) line('    ', w.openapiSaid({ message: s.configError.apiMessage }));
  }
  if (s.blackout) line('  ', w.blackout);
  if (s.pausedUntil) line('  ', w.paused({ reason: s.pauseReason ?? 'offline', until: fmt(s.pausedUntil) }));
  // The last error in words; its raw text (often Openapi's English, or a network error) only as a labelled detail.
  if (s.lastError && s.lastError.code !== 'AUTH' && !(s.configError && s.lastError.code === s.configError.code)) {
    const e = s.lastError;
    const what = e.documentId ? w.documentRefused : e.code === 'OFFLINE' ? w.unreachable : e.code === 'CHECK_FAILED' ? w.checkFailed : w.transmissionProblem;
    line('  ', w.lastProblem({ at: fmt(e.at), what }));
    line('    ', w.technicalDetail({ message: e.message }));
  }
  line('  ', w.lastSuccess({ at: fmt(s.lastSuccessAt), next: fmt(s.nextAttemptAt) }));
  if (s.credentials?.expired) line('  ', w.credentialsExpired({ at: fmt(s.credentials.expiresAt) }));
  else if (s.credentials?.warning) line('  ', w.credentialsExpiring({ days: s.credentials.daysLeft, at: fmt(s.credentials.expiresAt) }));
  for (const f of failed.slice(0, 10)) {
    const explanation = explainRefusal(classifyRefusal(f.code, f.message), f.kind);
    line('  ', w.failedDocument({ number: f.number, kind: f.kind, amount: formatEuro(f.totalCents), explanation }));
    if (f.message) line('    ', w.refuserSaid({ source: refusalSource(f.code), message: f.message }));
  }
  return lines.join('\n');
}
