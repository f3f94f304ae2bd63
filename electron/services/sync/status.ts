// What the shop sees of the sync: counts, the last error, why the queue is stopped. Pure reads of
// (db, clock) so the UI, the CLI and the HTTP bridge show the same thing; the one write here is a
// manager's retry of a failed document.
import type { ReadableDb, WritableDb } from '../db/types.js';
import { systemClock, type Clock, isTransmissionBlackout, blackoutEnd } from '../../../shared/time.js';
import { formatEuro } from '../../../shared/money.js';
import { fail } from '../../../shared/errors.js';
import { readState } from './sync-state.js';
import { lockHolder } from './lock.js';
import { resetForRetry } from './outbox.js';
import { stmt } from './statements.js';

export const CREDENTIALS_VALID_DAYS = 90;
export const CREDENTIALS_WARN_DAYS = 14;
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
  /** Returns/voids held until their sale is transmitted. */
  waitingForParent: number;
  lastError: { code: string; message: string; at: string; documentId: string | null } | null;
  lastSuccessAt: string | null;
  nextAttemptAt: string | null;
  blackout: boolean;
  blackoutEndsAt: string | null;
  authRequired: boolean;
  authMessage: string | null;
  configError: { code: string; message: string } | null;
  pausedUntil: string | null;
  pauseReason: 'rate_limit' | 'offline' | null;
  credentials: CredentialsStatus | null;
  /** A sync process currently holds the queue. */
  running: boolean;
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

export function getSyncStatus(db: ReadableDb, clock: Clock): SyncStatus {
  const now = clock.now();
  const counts = Object.fromEntries((stmt(db, 'SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
  const waiting = (stmt(db, 
    `SELECT count(*) AS n FROM outbox o LEFT JOIN outbox p ON p.document_id = o.parent_id
     WHERE o.state = 'pending' AND o.parent_id IS NOT NULL AND (p.state IS NULL OR p.state <> 'ready' OR p.remote_id IS NULL)`,
  ).get() as { n: number }).n;
  const next = (stmt(db, `SELECT min(coalesce(next_attempt_at, updated_at)) AS t FROM outbox WHERE state IN ('pending','unknown','sent')`).get() as { t: string | null }).t;
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
    waitingForParent: waiting,
    lastError,
    lastSuccessAt: readState(db, 'last_success_at'),
    nextAttemptAt,
    blackout,
    blackoutEndsAt: blackout ? blackoutEnd(now).toISOString() : null,
    authRequired: auth !== null,
    authMessage: auth?.message ?? null,
    configError: config ? { code: config.code, message: config.message } : null,
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
  return (stmt(db, 
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

/** A manager sends a failed document again. Throws BanconeError when it is not failed. */
export function retryDocument(db: WritableDb, documentId: string, opts: { clock?: Clock; operatorId?: string | null } = {}): { documentId: string; state: 'pending' } {
  const clock = opts.clock ?? systemClock;
  const id = (stmt(db, 'SELECT id FROM documents WHERE id = ? OR number = ?').get(documentId, documentId) as { id: string } | undefined)?.id;
  if (!id) fail('DOCUMENT_NOT_FOUND', `Documento non trovato: ${documentId}`, `Document not found: ${documentId}`, 'document');
  if (!resetForRetry(db, id, clock.now(), opts.operatorId ?? null))
    fail('SYNC_NOT_FAILED', 'Il documento non è in errore: non c\'è niente da ritrasmettere', 'The document has not failed: nothing to send again', 'document');
  return { documentId: id, state: 'pending' };
}

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString('it-IT', { timeZone: 'Europe/Rome' }) : '—');

/** The sync section of `bancone status`, in Italian (or English). */
export function syncStatusText(s: SyncStatus, lang: 'it' | 'en' = 'it', failed: FailedDocument[] = []): string {
  const it = lang === 'it';
  const lines = [
    it
      ? `Trasmissione AdE: ${s.pending} in coda, ${s.inFlight} in corso, ${s.unknown} da verificare, ${s.ready} trasmessi, ${s.failed} in errore`
      : `AdE transmission: ${s.pending} queued, ${s.inFlight} in flight, ${s.unknown} to verify, ${s.ready} transmitted, ${s.failed} failed`,
  ];
  if (s.waitingForParent > 0) lines.push(it ? `  ${s.waitingForParent} resi/annulli attendono la trasmissione della vendita` : `  ${s.waitingForParent} returns/voids wait for their sale`);
  if (s.authRequired) lines.push(it ? `  FERMO: token Openapi non valido o scaduto, inserirne uno nuovo (${s.authMessage ?? ''})` : `  STOPPED: Openapi token invalid or expired, enter a new one (${s.authMessage ?? ''})`);
  if (s.configError) lines.push(it ? `  FERMO: configurazione Openapi da sistemare: ${s.configError.message}` : `  STOPPED: Openapi configuration problem: ${s.configError.message}`);
  if (s.blackout) lines.push(it ? `  Pausa 23:55–00:00: l'invio riprende a mezzanotte` : `  23:55–00:00 blackout: sending resumes at midnight`);
  if (s.pausedUntil) lines.push(it ? `  In pausa (${s.pauseReason === 'rate_limit' ? 'troppe richieste' : 'rete non raggiungibile'}) fino alle ${fmt(s.pausedUntil)}` : `  Paused (${s.pauseReason === 'rate_limit' ? 'rate limited' : 'network unreachable'}) until ${fmt(s.pausedUntil)}`);
  if (s.lastError) lines.push(it ? `  Ultimo errore: ${s.lastError.message} (${fmt(s.lastError.at)})` : `  Last error: ${s.lastError.message} (${fmt(s.lastError.at)})`);
  lines.push(it ? `  Ultimo invio riuscito: ${fmt(s.lastSuccessAt)}; prossimo tentativo: ${fmt(s.nextAttemptAt)}` : `  Last success: ${fmt(s.lastSuccessAt)}; next attempt: ${fmt(s.nextAttemptAt)}`);
  if (s.credentials?.expired) lines.push(it ? `  Credenziali AdE SCADUTE il ${fmt(s.credentials.expiresAt)}: aggiornarle con bancone onboard` : `  AdE credentials EXPIRED on ${fmt(s.credentials.expiresAt)}: update them with bancone onboard`);
  else if (s.credentials?.warning) lines.push(it ? `  Le credenziali AdE scadono tra ${s.credentials.daysLeft} giorni (${fmt(s.credentials.expiresAt)})` : `  AdE credentials expire in ${s.credentials.daysLeft} days (${fmt(s.credentials.expiresAt)})`);
  for (const f of failed.slice(0, 10)) {
    lines.push(`  ✗ ${f.number} (${f.kind}, ${formatEuro(f.totalCents)}): ${f.message ?? f.code ?? ''}`);
  }
  return lines.join('\n');
}
