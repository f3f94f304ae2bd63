// The invoice outbox's transitions (invoice_outbox, migrations 0016/0017). Each one is a small
// transaction committed BEFORE the next network step, so a kill -9 anywhere leaves a row the next
// run knows how to continue (see ../README.md for the diagram):
//
//   pending ──claim──▶ sending ──ok──▶ queued ─poll─▶ sent ─poll─▶ delivered | not_delivered | rejected
//                         │  └──refused──▶ failed (retryInvoice puts it back to pending)
//                         └──ambiguous / killed──▶ unknown ──look-up──▶ adopted (queued…) | pending (not there)
//
// The queue-wide facts (stopped by the account, waiting for a limit) live in sync_state under
// `invoice_stop` and `invoice_pause`, apart from the receipts' own keys.
import type { ReadableDb, WritableDb } from '../../db/types.js';
import type { InvoiceSendingState } from '../../../shared/contract/invoices.js';
import type { InvoiceProvider, RemoteInvoice, SdiOutcome } from '../provider.js';

export type ProviderName = InvoiceProvider['name'];

/** One outbox row with what the sender needs of its invoice. */
export interface SenderRow {
  invoiceId: string;
  kind: 'TD01' | 'TD04';
  number: string;
  date: string;
  year: string;
  seq: number;
  xml: string;
  fileName: string;
  totalCents: number;
  correctsId: string | null;
  replacesId: string | null;
  state: InvoiceSendingState;
  provider: ProviderName | null;
  attempts: number;
  remoteId: string | null;
  nextAttemptAt: string | null;
  updatedAt: string;
}

const SELECT = `SELECT i.id AS invoiceId, i.kind, i.number, i.date, i.year, i.seq, i.xml, i.file_name AS fileName, i.total_cents AS totalCents,
  i.corrects_id AS correctsId, i.replaces_id AS replacesId, o.state, o.provider, o.attempts, o.remote_id AS remoteId,
  o.next_attempt_at AS nextAttemptAt, o.updated_at AS updatedAt
  FROM invoice_outbox o JOIN invoices i ON i.id = o.invoice_id`;

/** States the sender still works on (the others are final, or wait for a person). */
export const WORKING_STATES = ['pending', 'unknown', 'queued', 'sent'] as const;
export const FINAL_OUTCOMES: ReadonlySet<SdiOutcome> = new Set(['delivered', 'not_delivered', 'rejected']);
/** Accepted by the service (a credit note may now cite it). */
const ACCEPTED = `('queued', 'sent', 'delivered', 'not_delivered')`;

export function getRow(db: ReadableDb, invoiceId: string): SenderRow | null {
  return (db.prepare(`${SELECT} WHERE o.invoice_id = ?`).get(invoiceId) as SenderRow | undefined) ?? null;
}

/**
 * Work due now: look-ups first (they settle what may be at the service), then sends, then polls, each
 * in the series' order — a service with a daily call quota (Fattura24) spends it on getting invoices
 * there before asking for outcomes. A credit note is due only once the invoice it corrects is
 * accepted by the service; a re-issue only once the invoice it replaces is rejected. Held rows are
 * simply not due: nothing fails for waiting.
 */
export function pickDue(db: ReadableDb, now: Date, exclude: ReadonlySet<string>): SenderRow[] {
  const rows = db.prepare(`${SELECT}
    WHERE o.state IN ('pending', 'unknown', 'queued', 'sent') AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
      AND (o.state <> 'pending' OR (
        (i.corrects_id IS NULL OR EXISTS (SELECT 1 FROM invoice_outbox c WHERE c.invoice_id = i.corrects_id AND c.state IN ${ACCEPTED}))
        AND (i.replaces_id IS NULL OR EXISTS (SELECT 1 FROM invoice_outbox r WHERE r.invoice_id = i.replaces_id AND r.state = 'rejected'))))
    ORDER BY CASE o.state WHEN 'unknown' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, i.year, i.seq`).all(now.toISOString()) as SenderRow[];
  return rows.filter((r) => !exclude.has(r.invoiceId));
}

/** Pending invoices held by the order rule (their credit note's invoice not yet accepted, …). */
export function countHeld(db: ReadableDb): number {
  return db.prepare(`SELECT count(*) FROM invoice_outbox o JOIN invoices i ON i.id = o.invoice_id WHERE o.state = 'pending' AND (
    (i.corrects_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM invoice_outbox c WHERE c.invoice_id = i.corrects_id AND c.state IN ${ACCEPTED}))
    OR (i.replaces_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM invoice_outbox r WHERE r.invoice_id = i.replaces_id AND r.state = 'rejected')))`).pluck().get() as number;
}

/** The earliest instant some working row is due (for watch's sleep). */
export function nextDueAt(db: ReadableDb): string | null {
  return db.prepare(`SELECT min(next_attempt_at) FROM invoice_outbox WHERE state IN ('pending', 'unknown', 'queued', 'sent') AND next_attempt_at IS NOT NULL`).pluck().get() as string | null;
}

export function hasUndatedWork(db: ReadableDb): boolean {
  return db.prepare(`SELECT 1 FROM invoice_outbox WHERE state IN ('pending', 'unknown', 'queued', 'sent') AND next_attempt_at IS NULL LIMIT 1`).get() !== undefined;
}

/** Rows a killed process left `sending`: maybe at the service. Never resent blindly: looked up first. */
export function recoverInterrupted(db: WritableDb, now: Date): number {
  const at = now.toISOString();
  return db.prepare(`UPDATE invoice_outbox SET state = 'unknown', next_attempt_at = ?, updated_at = ? WHERE state = 'sending'`).run(at, at).changes;
}

/**
 * pending → sending, with the provider it goes to; from here its look-ups and polls go to that
 * service. A pending row is certainly at no service (never sent, refused, or a look-up found
 * nothing), so it goes to the service chosen now. False if someone else moved it.
 */
export function claim(db: WritableDb, invoiceId: string, provider: ProviderName, now: Date): boolean {
  const at = now.toISOString();
  return db.prepare(`UPDATE invoice_outbox SET state = 'sending', provider = ?, attempts = attempts + 1, updated_at = ?
    WHERE invoice_id = ? AND state = 'pending'`).run(provider, at, invoiceId).changes === 1;
}

/** What the service holds: its id, the SDI's outcome and errors; a poll is scheduled unless final. */
export function markRemote(db: WritableDb, invoiceId: string, remote: RemoteInvoice, now: Date, nextPollAt: Date | null): void {
  const at = now.toISOString();
  db.prepare(`UPDATE invoice_outbox SET state = ?, remote_id = ?, sdi_id = coalesce(?, sdi_id), sdi_errors = ?, outcome_at = coalesce(?, outcome_at, ?),
    next_attempt_at = ?, last_error = NULL, updated_at = ? WHERE invoice_id = ?`)
    .run(remote.outcome, remote.remoteId, remote.sdiId, JSON.stringify(remote.sdiErrors), remote.updatedAt, at,
      FINAL_OUTCOMES.has(remote.outcome) ? null : nextPollAt?.toISOString() ?? null, at, invoiceId);
}

/** Certainly not stored, refused for itself: this invoice alone waits for a person. */
export function markFailed(db: WritableDb, invoiceId: string, message: string, now: Date): void {
  const at = now.toISOString();
  db.prepare(`UPDATE invoice_outbox SET state = 'failed', next_attempt_at = NULL, last_error = ?, updated_at = ? WHERE invoice_id = ?`).run(message, at, invoiceId);
}

export function markUnknown(db: WritableDb, invoiceId: string, message: string, now: Date, lookupAt: Date): void {
  db.prepare(`UPDATE invoice_outbox SET state = 'unknown', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE invoice_id = ?`)
    .run(lookupAt.toISOString(), message, now.toISOString(), invoiceId);
}

/** The look-up says the service holds nothing: safe to send again. */
export function backToPending(db: WritableDb, invoiceId: string, now: Date, message: string | null = null): void {
  db.prepare(`UPDATE invoice_outbox SET state = 'pending', next_attempt_at = NULL, last_error = coalesce(?, last_error), updated_at = ? WHERE invoice_id = ? AND state IN ('unknown', 'sending')`)
    .run(message, now.toISOString(), invoiceId);
}

/** Not now (a limit, the account, a backoff): the row keeps its state (a claimed one goes back to pending). */
export function defer(db: WritableDb, invoiceId: string, now: Date, until: Date | null, message: string | null): void {
  db.prepare(`UPDATE invoice_outbox SET state = CASE state WHEN 'sending' THEN 'pending' ELSE state END, next_attempt_at = ?,
    last_error = coalesce(?, last_error), updated_at = ? WHERE invoice_id = ?`)
    .run(until?.toISOString() ?? null, message, now.toISOString(), invoiceId);
}

// ── queue-wide facts ────────────────────────────────────────────────────────────────────────────

/** The account was refused: the whole queue stops until the configuration changes (or a probe passes). */
export interface InvoiceStop {
  code: string;
  /** The service's reason in Italian (ProviderFailure.message). */
  message: string;
  apiMessage: string | null;
  provider: ProviderName;
  /** The configuration it was refused with: a new one clears the stop. */
  configFingerprint: string;
  at: string;
  /** When one attempt may check whether it was fixed elsewhere (the service's console). */
  probeAt: string;
}

/** A limit (429, Fattura24's quotas): nothing is asked before `until`. */
export interface InvoicePause { until: string; message: string; provider: ProviderName }

function readJson<T>(db: ReadableDb, key: string): T | null {
  const v = db.prepare(`SELECT value FROM sync_state WHERE key = ?`).pluck().get(key) as string | undefined;
  return v === undefined ? null : (JSON.parse(v) as T);
}

function writeJson(db: WritableDb, key: string, value: unknown, now: Date): void {
  db.prepare(`INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    .run(key, JSON.stringify(value), now.toISOString());
}

export const readStop = (db: ReadableDb) => readJson<InvoiceStop>(db, 'invoice_stop');
export const writeStop = (db: WritableDb, stop: InvoiceStop, now: Date) => writeJson(db, 'invoice_stop', stop, now);
export const clearStop = (db: WritableDb) => { db.prepare(`DELETE FROM sync_state WHERE key = 'invoice_stop'`).run(); };
export const readPause = (db: ReadableDb) => readJson<InvoicePause>(db, 'invoice_pause');
export const writePause = (db: WritableDb, pause: InvoicePause, now: Date) => writeJson(db, 'invoice_pause', pause, now);
export const clearPause = (db: WritableDb) => { db.prepare(`DELETE FROM sync_state WHERE key = 'invoice_pause'`).run(); };
