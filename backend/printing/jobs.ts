// The print_jobs table: the queue's memory. A job is only ever moved forward, never deleted, so a
// receipt cannot vanish: queued → printing → printed, or → retry (printer problem, tried again)
// or → failed (nothing to print: unknown document, bad payload) or → cancelled (by a person).
import { randomUUID } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types.js';
import { getSetting } from '../settings.js';
import { readStmt, writeStmt } from '../db/statements.js';

// training_receipt: a training sale's slip (backend/training/), its document in the payload.
export const PRINT_JOB_KINDS = ['receipt', 'copy', 'reprint', 'fiscal_number', 'z_report', 'test', 'training_receipt'] as const;
export type PrintJobKind = (typeof PRINT_JOB_KINDS)[number];

export const PRINT_JOB_STATES = ['queued', 'printing', 'retry', 'printed', 'failed', 'cancelled'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

export interface PrintJob {
  id: string;
  documentId: string | null;
  kind: PrintJobKind | string;
  state: PrintJobState | string;
  attempts: number;
  payload: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  printedAt: string | null;
  provisional: boolean | null;
  confirmed: boolean | null;
  /** How this receipt's cash drawer was opened, if it was: see migration 0009. */
  drawerPulse: DrawerPulseKind | null;
  drawerPulsedAt: string | null;
}

/** 'realtime': DLE DC4 while the receipt could not print; 'receipt': ESC p with the printed receipt. */
export type DrawerPulseKind = 'realtime' | 'receipt';

interface Row {
  id: string; document_id: string | null; kind: string; state: string; attempts: number; payload: string | null;
  last_error: string | null; next_attempt_at: string | null; created_at: string; printed_at: string | null;
  provisional: number | null; confirmed: number | null; drawer_pulse: DrawerPulseKind | null; drawer_pulsed_at: string | null;
}

const COLS = 'id, document_id, kind, state, attempts, payload, last_error, next_attempt_at, created_at, printed_at, provisional, confirmed, drawer_pulse, drawer_pulsed_at';

function toJob(r: Row): PrintJob {
  return {
    id: r.id, documentId: r.document_id, kind: r.kind, state: r.state, attempts: r.attempts, payload: r.payload,
    lastError: r.last_error, nextAttemptAt: r.next_attempt_at, createdAt: r.created_at, printedAt: r.printed_at,
    provisional: r.provisional === null ? null : r.provisional === 1, confirmed: r.confirmed === null ? null : r.confirmed === 1,
    drawerPulse: r.drawer_pulse, drawerPulsedAt: r.drawer_pulsed_at,
  };
}

/**
 * A new document's own receipt, queued for the printer. Called by the ledger inside the document's
 * transaction (ledger/write.ts): the receipt cannot be lost between the commit and the queue.
 */
export function enqueueReceipt(db: WritableDb, documentId: string, at: string): string {
  const id = randomUUID();
  writeStmt(db, `INSERT INTO print_jobs (id, document_id, kind, state, created_at) VALUES (?, ?, 'receipt', 'queued', ?)`).run(id, documentId, at);
  return id;
}

export function insertPrintJob(db: WritableDb, at: Date, job: { kind: PrintJobKind; documentId?: string | null; payload?: unknown }): string {
  const id = randomUUID();
  const iso = at.toISOString();
  db.prepare(`INSERT INTO print_jobs (id, document_id, kind, state, payload, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)`)
    .run(id, job.documentId ?? null, job.kind, job.payload === undefined ? null : JSON.stringify(job.payload), iso, iso);
  return id;
}

export function getPrintJob(db: ReadableDb, id: string): PrintJob | null {
  const r = db.prepare(`SELECT ${COLS} FROM print_jobs WHERE id = ?`).get(id) as Row | undefined;
  return r ? toJob(r) : null;
}

/**
 * The job to print now: the oldest one waiting. Retries are always due (the queue paces them with
 * its printer backoff); queued jobs may be deferred (waiting for the AdE number).
 */
export function nextDueJob(db: ReadableDb, now: Date): PrintJob | null {
  const r = db.prepare(
    `SELECT ${COLS} FROM print_jobs
      WHERE state = 'retry' OR (state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?))
      ORDER BY created_at, rowid LIMIT 1`,
  ).get(now.toISOString()) as Row | undefined;
  return r ? toJob(r) : null;
}

/** When the earliest deferred job becomes due, if any. */
export function nextDeferredAt(db: ReadableDb): string | null {
  const r = db.prepare(`SELECT min(next_attempt_at) AS at FROM print_jobs WHERE state = 'queued' AND next_attempt_at IS NOT NULL`).get() as { at: string | null };
  return r.at;
}

/**
 * Takes the job for printing. False when another process (the CLI next to the running app) took it
 * first, so two queues on one database never print the same job twice.
 */
export function claimJob(db: WritableDb, id: string, at: Date): boolean {
  return db.prepare(`UPDATE print_jobs SET state = 'printing', updated_at = ? WHERE id = ? AND state IN ('queued','retry')`)
    .run(at.toISOString(), id).changes === 1;
}

export function markPrinted(db: WritableDb, id: string, at: Date, outcome: { provisional: boolean | null; confirmed: boolean; drawerOpened?: boolean }): void {
  const iso = at.toISOString();
  db.prepare(`UPDATE print_jobs SET state = 'printed', attempts = attempts + 1, printed_at = ?, last_error = NULL, next_attempt_at = NULL,
      provisional = ?, confirmed = ?, updated_at = ?,
      drawer_pulse = CASE WHEN ? AND drawer_pulse IS NULL THEN 'receipt' ELSE drawer_pulse END,
      drawer_pulsed_at = CASE WHEN ? AND drawer_pulse IS NULL THEN ? ELSE drawer_pulsed_at END
    WHERE id = ?`)
    .run(iso, outcome.provisional === null ? null : outcome.provisional ? 1 : 0, outcome.confirmed ? 1 : 0, iso,
      outcome.drawerOpened ? 1 : 0, outcome.drawerOpened ? 1 : 0, iso, id);
}

/**
 * Takes the right to open the drawer for a waiting receipt with a real-time pulse. Taken before the
 * pulse is sent, atomically, so the app and the CLI never both open it; false when it was already
 * opened (or the receipt is no longer waiting).
 */
export function claimRealtimePulse(db: WritableDb, id: string, at: Date): boolean {
  return db.prepare(`UPDATE print_jobs SET drawer_pulse = 'realtime', drawer_pulsed_at = ?, updated_at = ?
      WHERE id = ? AND drawer_pulse IS NULL AND state IN ('queued','retry')`)
    .run(at.toISOString(), at.toISOString(), id).changes === 1;
}

/** The pulse could not be sent after all (printer gone): the receipt will open the drawer when it prints. */
export function releaseRealtimePulse(db: WritableDb, id: string): void {
  db.prepare(`UPDATE print_jobs SET drawer_pulse = NULL, drawer_pulsed_at = NULL WHERE id = ? AND drawer_pulse = 'realtime'`).run(id);
}

/**
 * Original receipts waiting to print since `since` whose drawer has not been opened: candidates for a
 * real-time pulse while the printer is in error. (Older ones are left alone: the customer has gone,
 * and a drawer opening by itself minutes later helps nobody.)
 */
export function receiptsAwaitingDrawer(db: ReadableDb, since: Date): PrintJob[] {
  return (db.prepare(
    `SELECT ${COLS} FROM print_jobs
      WHERE state IN ('queued','retry') AND created_at >= ? AND kind = 'receipt' AND drawer_pulse IS NULL
      ORDER BY created_at, rowid`,
  ).all(since.toISOString()) as Row[]).map(toJob);
}

/** An original receipt that has not come out yet, for the notice at the counter. */
export interface WaitingReceipt {
  jobId: string;
  documentId: string;
  /** Local number, e.g. "2026-11-21/0042". */
  documentNumber: string;
  documentKind: 'sale' | 'return' | 'void';
  /** When the receipt was queued (= the sale was recorded). */
  since: string;
  state: string;
  attempts: number;
  lastError: string | null;
  /** The cash drawer was already opened for it (real-time pulse): it will not open again when it prints. */
  drawerOpened: boolean;
  /** Further original receipts waiting besides this one. */
  others: number;
}

/**
 * The newest original receipt still waiting, with how many others wait: null when none. Reads the
 * (state, created_at) index: a handful of rows, also on a ledger of a million documents.
 */
export function newestWaitingReceipt(db: ReadableDb): WaitingReceipt | null {
  const r = db.prepare(
    `SELECT j.id, j.document_id, j.state, j.attempts, j.last_error, j.created_at, j.drawer_pulse, d.number, d.kind
       FROM print_jobs j JOIN documents d ON d.id = j.document_id
      WHERE j.state IN ('queued','printing','retry') AND j.kind = 'receipt'
      ORDER BY j.created_at DESC, j.rowid DESC LIMIT 1`,
  ).get() as { id: string; document_id: string; state: string; attempts: number; last_error: string | null; created_at: string;
    drawer_pulse: string | null; number: string; kind: 'sale' | 'return' | 'void' } | undefined;
  if (!r) return null;
  const waiting = (db.prepare(`SELECT count(*) AS n FROM print_jobs WHERE state IN ('queued','printing','retry') AND kind = 'receipt'`).get() as { n: number }).n;
  return {
    jobId: r.id, documentId: r.document_id, documentNumber: r.number, documentKind: r.kind, since: r.created_at, state: r.state,
    attempts: r.attempts, lastError: r.last_error, drawerOpened: r.drawer_pulse !== null, others: Math.max(0, waiting - 1),
  };
}

/** True when a receipt of the document went out without its AdE number (so a number slip has a purpose). */
export function printedProvisional(db: ReadableDb, documentId: string): boolean {
  return db.prepare(`SELECT 1 FROM print_jobs WHERE document_id = ? AND kind = 'receipt' AND state = 'printed' AND provisional = 1 LIMIT 1`).get(documentId) !== undefined;
}

/** A job that has become pointless (an automatic slip for a receipt that printed with its number after all). */
export function markSkipped(db: WritableDb, id: string, at: Date, note: string): void {
  db.prepare(`UPDATE print_jobs SET state = 'cancelled', last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state IN ('queued','retry')`)
    .run(note, at.toISOString(), id);
}

export function markRetry(db: WritableDb, id: string, at: Date, error: string, nextAttemptAt: Date): void {
  db.prepare(`UPDATE print_jobs SET state = 'retry', attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`)
    .run(error, nextAttemptAt.toISOString(), at.toISOString(), id);
}

export function markFailed(db: WritableDb, id: string, at: Date, error: string): void {
  db.prepare(`UPDATE print_jobs SET state = 'failed', attempts = attempts + 1, last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?`)
    .run(error, at.toISOString(), id);
}

/** Not an attempt: the job waits (e.g. for the AdE number) and stays queued. */
export function deferJob(db: WritableDb, id: string, at: Date, until: Date, note: string | null): void {
  db.prepare(`UPDATE print_jobs SET state = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?`)
    .run(until.toISOString(), note, at.toISOString(), id);
}

/** Ends a wait (for the AdE number): the job is due now. */
export function makeDueNow(db: WritableDb, id: string, at: Date): void {
  db.prepare(`UPDATE print_jobs SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'queued'`).run(at.toISOString(), at.toISOString(), id);
}

/** A person gave up on a job (e.g. a test page nobody needs). Printed jobs cannot be cancelled. */
export function cancelJob(db: WritableDb, id: string, at: Date): boolean {
  return db.prepare(`UPDATE print_jobs SET state = 'cancelled', next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state IN ('queued','retry','failed')`)
    .run(at.toISOString(), id).changes === 1;
}

/**
 * After a crash or restart, a job caught 'printing' may or may not have come out: print it again
 * (a duplicate is better than a customer without a receipt).
 */
export function recoverInterrupted(db: WritableDb, at: Date): number {
  return db.prepare(`UPDATE print_jobs SET state = 'retry', last_error = 'Interrotta durante la stampa: verrà ristampata', updated_at = ? WHERE state = 'printing'`)
    .run(at.toISOString()).changes;
}

/**
 * The AdE number of `documentId` has just arrived (called by the sync in the transaction that marks
 * the document ready) or its receipt has just gone out without it (called by the print queue). With
 * printing.fiscalNumberSlip = 'auto', queues its number slip if a receipt of it went out (or is going
 * out) without the number. At most one slip per document ever: a single INSERT … WHERE NOT EXISTS,
 * atomic in SQLite, so the sync process and the app calling it in any order queue it once.
 * Returns the new job id, or null when nothing was queued.
 */
export function enqueueAutoFiscalNumberSlip(db: WritableDb, documentId: string, at: Date): string | null {
  if (getSetting(db, 'printing.fiscalNumberSlip') !== 'auto') return null;
  const id = randomUUID();
  const iso = at.toISOString();
  const inserted = db.prepare(
    `INSERT INTO print_jobs (id, document_id, kind, state, payload, created_at, updated_at)
     SELECT ?, ?, 'fiscal_number', 'queued', '{"auto":true}', ?, ?
      WHERE EXISTS (SELECT 1 FROM outbox WHERE document_id = ? AND document_number IS NOT NULL)
        AND EXISTS (SELECT 1 FROM print_jobs WHERE document_id = ? AND kind = 'receipt'
                     AND (state = 'printing' OR (state = 'printed' AND provisional = 1)))
        AND NOT EXISTS (SELECT 1 FROM print_jobs WHERE document_id = ? AND kind = 'fiscal_number' AND state <> 'cancelled')`,
  ).run(id, documentId, iso, iso, documentId, documentId, documentId).changes === 1;
  return inserted ? id : null;
}

export function listPrintJobs(db: ReadableDb, opts: { states?: readonly string[]; documentId?: string; limit?: number } = {}): PrintJob[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.states && opts.states.length > 0) { where.push(`state IN (${opts.states.map(() => '?').join(',')})`); args.push(...opts.states); }
  if (opts.documentId) { where.push('document_id = ?'); args.push(opts.documentId); }
  args.push(opts.limit ?? 100);
  const rows = db.prepare(`SELECT ${COLS} FROM print_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, rowid LIMIT ?`).all(...args) as Row[];
  return rows.map(toJob);
}

/**
 * Documents whose receipt went out provisional, whose AdE number is now known, and for which no
 * fiscal number slip has been queued yet: what "stampa numeri fiscali" would print.
 */
export function provisionalAwaitingSlip(db: ReadableDb): string[] {
  return (db.prepare(
    `SELECT DISTINCT j.document_id AS id FROM print_jobs j
       JOIN outbox o ON o.document_id = j.document_id
      WHERE j.kind = 'receipt' AND j.state = 'printed' AND j.provisional = 1 AND o.document_number IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM print_jobs f WHERE f.document_id = j.document_id AND f.kind = 'fiscal_number' AND f.state <> 'cancelled')
      ORDER BY j.created_at`,
  ).all() as { id: string }[]).map((r) => r.id);
}

/** One state's jobs: an equality lookup on the print_jobs(state, created_at) index. */
export const PRINT_JOBS_COUNT_SQL = 'SELECT count(*) AS n FROM print_jobs WHERE state = ?';

/** How many jobs are in any of `states` (index lookups only: cheap on any ledger). */
export function countPrintJobs(db: ReadableDb, states: readonly string[]): number {
  const s = readStmt(db, PRINT_JOBS_COUNT_SQL);
  return states.reduce((a, state) => a + (s.get(state) as { n: number }).n, 0);
}

/** Jobs per state, over the whole table (one row per receipt ever printed): for summaries, not for the status bar. */
export function printJobCounts(db: ReadableDb): Record<string, number> {
  return Object.fromEntries((readStmt(db, 'SELECT state, count(*) AS n FROM print_jobs GROUP BY state ORDER BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
}

export interface QueueStatus {
  /** Waiting to print (queued, retry, printing). */
  waiting: number;
  queued: number;
  printing: number;
  retry: number;
  failed: number;
  /** Provisional receipts whose fiscal number slip can now be printed. */
  fiscalNumbersReady: number;
  oldestWaitingAt: string | null;
  lastError: string | null;
}

/** For the status bar: how many receipts are waiting and why. */
export function getQueueStatus(db: ReadableDb): QueueStatus {
  const counts = Object.fromEntries(
    (db.prepare(`SELECT state, count(*) AS n FROM print_jobs WHERE state IN ('queued','printing','retry','failed') GROUP BY state`).all() as { state: string; n: number }[])
      .map((r) => [r.state, r.n]),
  ) as Record<string, number>;
  const oldest = db.prepare(`SELECT created_at AS at, last_error AS err FROM print_jobs WHERE state IN ('queued','printing','retry') ORDER BY created_at, rowid LIMIT 1`).get() as { at: string; err: string | null } | undefined;
  const lastErr = db.prepare(`SELECT last_error AS err FROM print_jobs WHERE state IN ('retry','failed') AND last_error IS NOT NULL ORDER BY updated_at DESC LIMIT 1`).get() as { err: string } | undefined;
  const queued = counts.queued ?? 0;
  const printing = counts.printing ?? 0;
  const retry = counts.retry ?? 0;
  return {
    waiting: queued + printing + retry,
    queued,
    printing,
    retry,
    failed: counts.failed ?? 0,
    fiscalNumbersReady: provisionalAwaitingSlip(db).length,
    oldestWaitingAt: oldest?.at ?? null,
    lastError: lastErr?.err ?? oldest?.err ?? null,
  };
}
