// The outbox state machine. Every transition is one small transaction that is on disk before the
// next network step, so a kill -9 at any point leaves a row the next run knows how to continue:
//
//   pending ──claim──▶ sending ──accepted──▶ sent ──poll──▶ ready
//      ▲                  │  └──rejected (4xx, account confirmed fine)──▶ failed
//      │                  └──ambiguous / killed──▶ unknown ──look-up──▶ sent (adopted) | pending (not there)
//      └── retry later (not sent, 429, 401, config) ◀──┘
//   pending | failed ──manager «Non trasmettere», or a void of a refused sale──▶ cancelled (cancel.ts; final)
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { RemoteReceipt } from '../../shared/openapi/schemas.js';
import { RemoteItemRefsSchema, type RemoteItemRef } from './receipt-mapping.js';
import { appendAudit } from '../ledger/audit.js';
import { fiscalFields } from '../ledger/read.js';
import { readStmt, writeStmt } from '../db/statements.js';
import { enqueueAutoFiscalNumberSlip } from '../printing/jobs.js';

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'unknown', 'ready', 'failed', 'cancelled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxRow {
  documentId: string;
  kind: 'sale' | 'return' | 'void';
  parentId: string | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  remoteId: string | null;
  remoteStatus: string | null;
  documentNumber: string | null;
  documentDate: string | null;
  transactionId: string | null;
  submittedAt: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  createdAt: string;
  updatedAt: string;
  remoteItems: RemoteItemRef[] | null;
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  polls: number;
  pdfPath: string | null;
  /**
   * How the API was asked for this document when that differs from its kind: a void sent after the
   * 24 h window goes as a full return of the sale (see markSentAsReturn). Sticky once set.
   */
  sentAs: 'return' | null;
}

type RawRow = Record<string, unknown>;

function toRow(r: RawRow): OutboxRow {
  let remoteItems: RemoteItemRef[] | null = null;
  if (typeof r.remote_items === 'string') {
    const parsed = RemoteItemRefsSchema.safeParse(JSON.parse(r.remote_items));
    remoteItems = parsed.success ? parsed.data : null;
  }
  return {
    ...fiscalFields(r),
    documentId: r.document_id as string,
    kind: r.kind as OutboxRow['kind'],
    parentId: r.parent_id as string | null,
    state: r.state as OutboxState,
    remoteStatus: r.remote_status as string | null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    remoteItems,
    firstAttemptAt: r.first_attempt_at as string | null,
    lastAttemptAt: r.last_attempt_at as string | null,
    polls: r.polls as number,
    pdfPath: r.pdf_path as string | null,
    sentAs: r.sent_as === 'return' ? 'return' : null,
  };
}

export function getOutboxRow(db: ReadableDb, documentId: string): OutboxRow | null {
  const r = readStmt(db, 'SELECT * FROM outbox WHERE document_id = ?').get(documentId) as RawRow | undefined;
  return r ? toRow(r) : null;
}

/** One state's documents: an equality lookup on the outbox(state, …) index. */
export const OUTBOX_COUNT_SQL = 'SELECT count(*) AS n FROM outbox WHERE state = ?';

/** How many documents are in any of `states` (index lookups only: cheap on any ledger). */
export function countOutbox(db: ReadableDb, states: readonly string[]): number {
  const s = readStmt(db, OUTBOX_COUNT_SQL);
  return states.reduce((a, state) => a + (s.get(state) as { n: number }).n, 0);
}

/** Documents per outbox state. Counts every row (~45 ms a million documents): for summaries, not for the status bar. */
export function outboxCounts(db: ReadableDb): Record<string, number> {
  return Object.fromEntries((readStmt(db, 'SELECT state, count(*) AS n FROM outbox GROUP BY state ORDER BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
}

/**
 * A new document's place in the queue: `pending`, waiting for the sync. Called by the ledger inside
 * the document's own transaction (ledger/write.ts), so a document is never on disk without it.
 */
export function enqueueDocument(db: WritableDb, doc: { documentId: string; kind: OutboxRow['kind']; parentId: string | null; at: string }): void {
  writeStmt(db, `INSERT INTO outbox (document_id, kind, parent_id, state, created_at, updated_at) VALUES (?,?,?, 'pending', ?, ?)`)
    .run(doc.documentId, doc.kind, doc.parentId, doc.at, doc.at);
}

/** Rows left in `sending` by a process that died: their request may have reached the API. */
export function recoverInterrupted(db: WritableDb, now: Date): number {
  return writeStmt(db, `UPDATE outbox SET state = 'unknown', next_attempt_at = ?, updated_at = ? WHERE state = 'sending'`)
    .run(now.toISOString(), now.toISOString()).changes;
}

/**
 * Work that is due now, oldest first. A return or void is due only once its sale is `ready` with a
 * remote id and every earlier document of the same sale has left pending/sending/unknown, so a
 * document never overtakes its parent or an older sibling. With `canSend` false (blackout, rate
 * limit) only polls and look-ups are due.
 */
export function pickDue(db: ReadableDb, now: Date, limit: number, exclude: ReadonlySet<string>, canSend: boolean): OutboxRow[] {
  const ids = readStmt(db,
    `SELECT o.document_id FROM outbox o LEFT JOIN outbox p ON p.document_id = o.parent_id
     WHERE o.state IN ('pending','unknown','sent')
       AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= @now)
       AND (@canSend = 1 OR o.state <> 'pending')
       AND (o.state <> 'pending' OR o.parent_id IS NULL OR (
             p.state = 'ready' AND p.remote_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM outbox s WHERE s.parent_id = o.parent_id
                   AND s.state IN ('pending','sending','unknown')
                   AND (s.created_at < o.created_at OR (s.created_at = o.created_at AND s.rowid < o.rowid)))))
       AND o.document_id NOT IN (SELECT value FROM json_each(@busy))
     ORDER BY o.created_at, o.rowid
     LIMIT @limit`, { pluck: true },
  ).all({ now: now.toISOString(), canSend: canSend ? 1 : 0, limit, busy: JSON.stringify([...exclude]) }) as string[];
  return ids.map((id) => getOutboxRow(db, id)!);
}

/** Sent documents whose status poll is due, oldest first. */
export function pickDuePolls(db: ReadableDb, now: Date, exclude: ReadonlySet<string>): OutboxRow[] {
  return (readStmt(db, `SELECT * FROM outbox WHERE state = 'sent' AND remote_id IS NOT NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY created_at, rowid`)
    .all(now.toISOString()) as RawRow[]).map(toRow).filter((r) => !exclude.has(r.documentId));
}

export function countDuePolls(db: ReadableDb, until: Date): number {
  return readStmt(db, `SELECT count(*) FROM outbox WHERE state = 'sent' AND remote_id IS NOT NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?)`, { pluck: true }).get(until.toISOString()) as number;
}

/** How many receipts the API holds for us per UTC day (to price a page-by-page status scan). */
export function remoteCountsByDay(db: ReadableDb, days: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of days) out.set(d, readStmt(db, `SELECT count(*) FROM outbox WHERE remote_id IS NOT NULL AND submitted_at >= ? AND submitted_at < ?`, { pluck: true }).get(`${d}T00:00:00`, `${d}T99`) as number);
  return out;
}

/** Earliest future moment something in the outbox becomes due (ignores blocked children). */
export function nextDueAt(db: ReadableDb): string | null {
  const r = readStmt(db, `SELECT min(next_attempt_at) AS t FROM outbox WHERE state IN ('pending','unknown','sent') AND next_attempt_at IS NOT NULL`).get() as { t: string | null };
  return r.t;
}

/** pending|unknown → sending, counted as an attempt. False if someone else moved the row. */
export function claimForSend(db: WritableDb, id: string, from: 'pending' | 'unknown', now: Date): boolean {
  const at = now.toISOString();
  return writeStmt(db, 
    `UPDATE outbox SET state = 'sending', attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, @at),
       last_attempt_at = @at, updated_at = @at WHERE document_id = @id AND state = @from`,
  ).run({ id, from, at }).changes === 1;
}

function audit(db: WritableDb, action: string, id: string, at: Date, payload: unknown, actor: string | null = 'sync'): void {
  appendAudit(db, { at: at.toISOString(), actor, action, entityId: id, payload });
}

/**
 * The API holds the document (its answer to our request, or a look-up found it): remember the
 * remote id and items, then follow its status.
 */
export function recordAccepted(db: WritableDb, row: OutboxRow, remote: RemoteReceipt, refs: RemoteItemRef[] | null, now: Date, nextPollAt: Date): OutboxState {
  return db.transaction((): OutboxState => {
    const at = now.toISOString();
    writeStmt(db, 
      `UPDATE outbox SET state = 'sent', remote_id = @rid, remote_status = @status, submitted_at = @submitted,
         remote_items = coalesce(@items, remote_items), polls = 0, next_attempt_at = @next, last_error_code = NULL,
         last_error_message = NULL, updated_at = @at WHERE document_id = @id`,
    ).run({ id: row.documentId, rid: remote.id, status: remote.status, submitted: remote.created_at ?? at, items: refs ? JSON.stringify(refs) : null, next: nextPollAt.toISOString(), at });
    // A void sent as a full return leaves the sale ready at the API (every item returned, not voided).
    if (row.kind === 'void' && row.sentAs !== 'return' && row.parentId) {
      writeStmt(db, `UPDATE outbox SET remote_status = 'voided', updated_at = ? WHERE document_id = ?`).run(at, row.parentId);
    }
    return applyStatus(db, { ...row, state: 'sent', remoteId: remote.id }, remote, now, nextPollAt, false);
  }).immediate();
}

/** A status seen for a sent document: final (ready/failed) or poll again at nextPollAt. */
export function recordRemoteStatus(db: WritableDb, row: OutboxRow, remote: RemoteReceipt, now: Date, nextPollAt: Date): OutboxState {
  return db.transaction(() => applyStatus(db, row, remote, now, nextPollAt, true)).immediate();
}

function applyStatus(db: WritableDb, row: OutboxRow, remote: RemoteReceipt, now: Date, nextPollAt: Date, countPoll: boolean): OutboxState {
  const at = now.toISOString();
  // A sale voided by its void receipt is still a transmitted sale: it stays ready.
  if (remote.status === 'ready' || (remote.status === 'voided' && row.kind === 'sale')) {
    writeStmt(db, 
      `UPDATE outbox SET state = 'ready', remote_status = @status, document_number = coalesce(@num, document_number),
         document_date = coalesce(@date, document_date), transaction_id = coalesce(@tx, transaction_id),
         next_attempt_at = NULL, last_error_code = NULL, last_error_message = NULL, updated_at = @at WHERE document_id = @id`,
    ).run({ id: row.documentId, status: remote.status, num: remote.document_number ?? null, date: remote.document_date ?? null, tx: remote.transaction_id ?? null, at });
    if (row.state !== 'ready') audit(db, 'fiscal.ready', row.documentId, now, { remoteId: row.remoteId, documentNumber: remote.document_number ?? null, transactionId: remote.transaction_id ?? null });
    // Printing (issue #9, item 9): with printing.fiscalNumberSlip = 'auto', the slip with the AdE
    // number of a receipt that went out without it is queued in this same transaction, at most once
    // per document whoever calls it (printing/jobs.ts); the till's print queue finds it on its poll.
    if (row.state !== 'ready') enqueueAutoFiscalNumberSlip(db, row.documentId, now);
    return 'ready';
  }
  if (remote.status === 'failed') {
    const code = remote.error_code ?? 'ADE_FAILED';
    const message = remote.error_message ?? "Documento scartato dall'Agenzia delle Entrate";
    writeStmt(db, 
      `UPDATE outbox SET state = 'failed', remote_status = 'failed', next_attempt_at = NULL, last_error_code = @code,
         last_error_message = @message, updated_at = @at WHERE document_id = @id`,
    ).run({ id: row.documentId, code, message, at });
    audit(db, 'fiscal.failed', row.documentId, now, { remoteId: row.remoteId, code, message });
    return 'failed';
  }
  writeStmt(db, `UPDATE outbox SET remote_status = @status, polls = polls + @inc, next_attempt_at = @next, updated_at = @at WHERE document_id = @id`)
    .run({ id: row.documentId, status: remote.status, next: nextPollAt.toISOString(), at, inc: countPoll ? 1 : 0 });
  return 'sent';
}

/** A status poll that got no usable answer: try again later, keep the state. */
export function recordPollLater(db: WritableDb, id: string, nextAt: Date, now: Date, error: { code: string; message: string } | null): void {
  writeStmt(db, 
    `UPDATE outbox SET polls = polls + 1, next_attempt_at = @next, last_error_code = coalesce(@code, last_error_code),
       last_error_message = coalesce(@message, last_error_message), updated_at = @at WHERE document_id = @id`,
  ).run({ id, next: nextAt.toISOString(), code: error?.code ?? null, message: error?.message ?? null, at: now.toISOString() });
}

/** We cannot know whether the API processed the request: look it up before doing anything else. */
export function recordUnknown(db: WritableDb, id: string, lookupAt: Date, now: Date, message: string): void {
  writeStmt(db, 
    `UPDATE outbox SET state = 'unknown', next_attempt_at = @next, last_error_code = 'AMBIGUOUS', last_error_message = @message,
       updated_at = @at WHERE document_id = @id`,
  ).run({ id, next: lookupAt.toISOString(), message, at: now.toISOString() });
}

/**
 * Certainly not processed (or looked up and not found): back to pending, due at nextAt. A document a
 * manager cancelled meanwhile stays cancelled (cancelled is final).
 */
export function recordRetryLater(db: WritableDb, id: string, nextAt: Date | null, now: Date, error: { code: string; message: string } | null): void {
  writeStmt(db, 
    `UPDATE outbox SET state = 'pending', next_attempt_at = @next, last_error_code = @code, last_error_message = @message,
       updated_at = @at WHERE document_id = @id AND state <> 'cancelled'`,
  ).run({ id, next: nextAt?.toISOString() ?? null, code: error?.code ?? null, message: error?.message ?? null, at: now.toISOString() });
}

/**
 * Final: the API (or a rule we check first) refused the document. Not over a cancellation: a manager
 * may cancel a refused document while its refusal is being judged.
 */
export function recordFailed(db: WritableDb, id: string, code: string, message: string, now: Date): void {
  db.transaction(() => {
    const changed = writeStmt(db, 
      `UPDATE outbox SET state = 'failed', next_attempt_at = NULL, last_error_code = @code, last_error_message = @message,
         updated_at = @at WHERE document_id = @id AND state <> 'cancelled'`,
    ).run({ id, code, message, at: now.toISOString() }).changes;
    if (changed === 1) audit(db, 'fiscal.failed', id, now, { code, message });
  }).immediate();
}

/**
 * A void goes to the API as a full return of its sale (the 24 h DELETE window has passed). Committed
 * before the request, so a look-up after an ambiguous failure searches the sale's returns and a
 * resend stays a return. The local document stays a void: the money was refunded at the counter.
 */
export function markSentAsReturn(db: WritableDb, id: string, now: Date, reason: string): void {
  db.transaction(() => {
    const changed = writeStmt(db, `UPDATE outbox SET sent_as = 'return', updated_at = @at WHERE document_id = @id AND kind = 'void' AND sent_as IS NULL`)
      .run({ id, at: now.toISOString() }).changes;
    if (changed === 1) audit(db, 'fiscal.void_as_return', id, now, { reason });
  }).immediate();
}

export function setRemoteItems(db: WritableDb, id: string, refs: RemoteItemRef[]): void {
  writeStmt(db, 'UPDATE outbox SET remote_items = ? WHERE document_id = ?').run(JSON.stringify(refs), id);
}

export function setPdfPath(db: WritableDb, id: string, path: string, now: Date): void {
  writeStmt(db, 'UPDATE outbox SET pdf_path = ?, updated_at = ? WHERE document_id = ?').run(path, now.toISOString(), id);
}

/** Remote ids already owned by some local document (a look-up must never adopt one twice). */
export function claimedRemoteIds(db: ReadableDb): Set<string> {
  return new Set((readStmt(db, 'SELECT remote_id FROM outbox WHERE remote_id IS NOT NULL').all() as { remote_id: string }[]).map((r) => r.remote_id));
}

/**
 * A manager sends a failed document again (after fixing what the API complained about). A document
 * the Agenzia rejected keeps no remote id: it was never a valid fiscal document, a new one is sent.
 */
export function resetForRetry(db: WritableDb, id: string, now: Date, actor: string | null): boolean {
  return db.transaction((): boolean => {
    const row = getOutboxRow(db, id);
    if (!row || row.state !== 'failed') return false;
    writeStmt(db, 
      `UPDATE outbox SET state = 'pending', next_attempt_at = NULL, remote_id = NULL, remote_status = NULL, remote_items = NULL,
         submitted_at = NULL, first_attempt_at = NULL, last_attempt_at = NULL, polls = 0, last_error_code = NULL,
         last_error_message = NULL, updated_at = @at WHERE document_id = @id`,
    ).run({ id, at: now.toISOString() });
    audit(db, 'fiscal.retry', id, now, { previousCode: row.lastErrorCode, previousMessage: row.lastErrorMessage, previousRemoteId: row.remoteId }, actor);
    return true;
  }).immediate();
}
