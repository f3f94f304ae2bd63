// A document that never reached the Agenzia delle Entrate can be taken out of the queue for good:
// outbox state `cancelled` («Non trasmesso (annullato in cassa)»). Only when it certainly is not at
// the AdE: refused (`failed`) or never sent (`pending`). A document being sent, sent, or whose fate
// is being looked up (`unknown`) may be there: it cannot be cancelled until that is known.
//
// Children follow their sale: a sale that is not transmitted has nothing to return or void at the
// AdE, so its returns and voids are not sent either. And a void of a refused sale (the customer got
// the money back; the AdE never had the sale) cancels the transmission of both by itself: sending
// the sale later would leave the AdE holding a sale the till voided. A partial return of a refused
// sale waits instead, shown as such, for the manager's decision on the sale (fix and «Riprova», or
// «Non trasmettere»): part of that sale was really sold and must be transmitted unless they decide.
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { fail } from '../../shared/errors.js';
import { appendAudit } from '../ledger/audit.js';
import { readStmt, writeStmt } from '../db/statements.js';
import { msg, textOf, type Text } from '../../shared/messages/index.js';

export const CANCEL_ACTION = 'fiscal.cancelled';

export interface CancelBlocker { code: string; message: string; messageEn: string }

interface Row { id: string; number: string; kind: 'sale' | 'return' | 'void'; state: string; parentId: string | null; lastErrorCode: string | null; lastErrorMessage: string | null }

function row(db: ReadableDb, ref: string): Row | null {
  return (readStmt(db,
    `SELECT d.id, d.number, d.kind, o.state, d.parent_id AS parentId, o.last_error_code AS lastErrorCode, o.last_error_message AS lastErrorMessage
     FROM documents d JOIN outbox o ON o.document_id = d.id WHERE d.id = ? OR d.number = ?`,
  ).get(ref, ref) as Row | undefined) ?? null;
}

const blocker = (code: string, words: Text): CancelBlocker => ({ code, message: words.it, messageEn: words.en });

/** Why the transmission of this document cannot be cancelled now, or null if it can. */
export function cancelBlocker(db: ReadableDb, documentId: string): CancelBlocker | null {
  const r = row(db, documentId);
  if (!r) return blocker('DOCUMENT_NOT_FOUND', msg.ledger.documentNotFound({ ref: documentId }));
  const doc = { kind: r.kind, number: r.number };
  switch (r.state) {
    case 'pending':
    case 'failed':
      break;
    case 'cancelled':
      return blocker('SYNC_ALREADY_CANCELLED', msg.sync.cancelAlreadyCancelled(doc));
    case 'sending':
      return blocker('SYNC_SENDING', msg.sync.cancelSending(doc));
    case 'unknown':
      return blocker('SYNC_CHECKING', msg.sync.cancelChecking(doc));
    default:
      return blocker('SYNC_AT_ADE', msg.sync.cancelAtAde(doc));
  }
  if (r.kind === 'sale') {
    const moving = readStmt(db, `SELECT count(*) FROM outbox WHERE parent_id = ? AND state IN ('sending','sent','unknown','ready')`, { pluck: true }).get(r.id) as number;
    if (moving > 0) return blocker('SYNC_CHILD_AT_ADE', msg.sync.cancelChildAtAde(doc));
  }
  return null;
}

/** pending|failed → cancelled, with its audit entry. False if the row moved meanwhile. */
function markCancelled(db: WritableDb, r: Row, now: Date, actor: string | null, payload: Record<string, unknown>): boolean {
  const changed = writeStmt(db, `UPDATE outbox SET state = 'cancelled', next_attempt_at = NULL, updated_at = @at WHERE document_id = @id AND state IN ('pending','failed')`)
    .run({ id: r.id, at: now.toISOString() }).changes;
  if (changed !== 1) return false;
  appendAudit(db, {
    at: now.toISOString(), actor, action: CANCEL_ACTION, entityId: r.id,
    payload: { ...payload, previousState: r.state, previousCode: r.lastErrorCode, previousMessage: r.lastErrorMessage },
  });
  return true;
}

function childrenToCancel(db: ReadableDb, saleId: string): Row[] {
  return readStmt(db,
    `SELECT d.id, d.number, d.kind, o.state, d.parent_id AS parentId, o.last_error_code AS lastErrorCode, o.last_error_message AS lastErrorMessage
     FROM outbox o JOIN documents d ON d.id = o.document_id WHERE o.parent_id = ? AND o.state IN ('pending','failed') ORDER BY d.seq`,
  ).all(saleId) as Row[];
}

export interface CancelResult {
  documentId: string;
  state: 'cancelled';
  /** Every document whose transmission was cancelled: this one, then its returns and voids. */
  cancelled: string[];
}

/**
 * A manager takes a document that never reached the AdE out of the queue, with a reason (audited).
 * For a sale, its returns and voids are cancelled with it. Throws BanconeError when it may be at the AdE.
 */
export function cancelTransmission(db: WritableDb, ref: string, opts: { clock: Clock; operatorId: string | null; reason: string }): CancelResult {
  const reason = opts.reason.trim();
  if (reason.length < 3)
    fail('CANCEL_REASON_REQUIRED', msg.sync.cancelReasonRequired, 'reason');
  return db.transaction((): CancelResult => {
    const r = row(db, ref);
    if (!r) fail('DOCUMENT_NOT_FOUND', msg.ledger.documentNotFound({ ref }), 'id');
    const refusal = cancelBlocker(db, r.id);
    if (refusal) fail(refusal.code, textOf(refusal), 'id');
    const now = opts.clock.now();
    markCancelled(db, r, now, opts.operatorId, { reason, cause: 'manager' });
    const cancelled = [r.id];
    if (r.kind === 'sale') {
      for (const c of childrenToCancel(db, r.id)) {
        if (markCancelled(db, c, now, opts.operatorId, { reason: `Vendita ${r.number} non trasmessa: ${reason}`, cause: 'sale_cancelled', saleId: r.id })) cancelled.push(c.id);
      }
    }
    return { documentId: r.id, state: 'cancelled', cancelled };
  }).immediate();
}

/**
 * Settles what can never be sent (run by the sync before each drain, and by the till after a void
 * or return): returns and voids of a sale whose transmission was cancelled are cancelled; a void of
 * a refused sale cancels the transmission of the sale and of everything recorded against it.
 * Returns the documents cancelled. Cheap when there is nothing to do (two index lookups).
 */
export function settleUntransmitted(db: WritableDb, now: Date): string[] {
  const orphans = readStmt(db,
    `SELECT d.id, d.number, d.kind, o.state, d.parent_id AS parentId, o.last_error_code AS lastErrorCode, o.last_error_message AS lastErrorMessage,
            p.number AS parentNumber
     FROM outbox o JOIN outbox po ON po.document_id = o.parent_id JOIN documents d ON d.id = o.document_id JOIN documents p ON p.id = o.parent_id
     WHERE o.state = 'pending' AND po.state = 'cancelled'`,
  ).all() as (Row & { parentNumber: string })[];
  const voidsOfRefused = readStmt(db,
    `SELECT d.id, d.number, d.kind, o.state, d.parent_id AS parentId, o.last_error_code AS lastErrorCode, o.last_error_message AS lastErrorMessage
     FROM outbox o JOIN outbox po ON po.document_id = o.parent_id JOIN documents d ON d.id = o.document_id
     WHERE o.state = 'pending' AND o.kind = 'void' AND po.state = 'failed'`,
  ).all() as Row[];
  if (orphans.length === 0 && voidsOfRefused.length === 0) return [];
  return db.transaction((): string[] => {
    const done: string[] = [];
    for (const v of voidsOfRefused) {
      const sale = row(db, v.parentId!);
      if (!sale || sale.state !== 'failed') continue;
      const why = `Vendita ${sale.number} annullata in cassa (${v.number}) senza essere mai arrivata all'Agenzia delle Entrate: niente da trasmettere`;
      if (markCancelled(db, sale, now, 'sync', { reason: why, cause: 'voided_before_transmission', voidId: v.id })) done.push(sale.id);
      for (const c of childrenToCancel(db, sale.id)) {
        if (markCancelled(db, c, now, 'sync', { reason: why, cause: 'voided_before_transmission', saleId: sale.id })) done.push(c.id);
      }
    }
    for (const o of orphans) {
      const why = `Vendita ${o.parentNumber} non trasmessa all'Agenzia delle Entrate: niente da stornare`;
      if (markCancelled(db, o, now, 'sync', { reason: why, cause: 'sale_cancelled', saleId: o.parentId })) done.push(o.id);
    }
    return done;
  }).immediate();
}

export interface Cancellation {
  reason: string;
  at: string;
  /** Operator id of the manager, or null when the till decided it (a void of a refused sale). */
  by: string | null;
}

/** Why and when a document's transmission was cancelled (its audit entry), or null. */
export function cancellationOf(db: ReadableDb, documentId: string): Cancellation | null {
  const r = readStmt(db, `SELECT at, actor, payload FROM audit_log WHERE entity_id = ? AND action = ? ORDER BY seq DESC LIMIT 1`).get(documentId, CANCEL_ACTION) as { at: string; actor: string | null; payload: string } | undefined;
  if (!r) return null;
  let reason = '';
  try { reason = String((JSON.parse(r.payload) as { reason?: unknown }).reason ?? ''); } catch { /* an unreadable payload still says it was cancelled */ }
  return { reason, at: r.at, by: r.actor === 'sync' ? null : r.actor };
}
