// The facts the policies (shared/policies.ts: what needs a manager, and why) are judged on, looked
// up in the settings and the ledger; and the manager-only methods described for the manager.
// documents.return and the dispatcher call these; the sale's part is in sale/policy.ts.
//
// The CLI does not ask: `bancone sale|return|void` run with no session, as the owner, on the
// machine that holds the database: whoever can run them can open the SQLite file too, so a PIN
// there would protect nothing and would break scripted use. Their documents are recorded with
// source 'cli' and no operator, which the journal shows.
import type { ReadableDb } from './db/types.js';
import { getSetting } from './settings.js';
import { getDocument } from './ledger/index.js';
import type { ApprovalReason } from '../shared/errors.js';
import { approvalReason, type PolicyReturn, type ReturnPolicy } from '../shared/policies.js';
import { msg } from '../shared/messages/index.js';

export { returnReasons, type PolicyReturn, type ReturnPolicy } from '../shared/policies.js';

export function returnPolicy(db: ReadableDb): ReturnPolicy {
  return { thresholdCents: getSetting(db, 'sale.managerReturnThresholdCents'), cashRefundOfCard: getSetting(db, 'sale.managerCashRefundOfCard') };
}

/**
 * The facts of a return from the ledger. `refundAfterCents` is what the sale will have refunded
 * after this return, earlier returns included (documents.ts computes it line by line).
 */
export function policyReturn(db: ReadableDb, saleRef: string, refundAfterCents: number, refundMethod: 'cash' | 'electronic' | undefined): PolicyReturn {
  const sale = getDocument(db, saleRef);
  const earlier = db.prepare(
    `SELECT coalesce(sum(abs(d.total_cents)), 0) AS total,
       coalesce((SELECT sum(abs(p.applied_cents)) FROM payments p JOIN documents r ON r.id = p.document_id
                 WHERE r.parent_id = ? AND r.kind = 'return' AND p.method = 'cash'), 0) AS cash
     FROM documents d WHERE d.parent_id = ? AND d.kind = 'return'`,
  ).get(sale.id, sale.id) as { total: number; cash: number };
  const paidByCard = sale.payments.some((p) => p.method === 'electronic' && p.appliedCents > 0);
  const cashKept = sale.payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.appliedCents, 0);
  return {
    refundCents: Math.max(0, refundAfterCents - earlier.total),
    refundedBeforeCents: earlier.total,
    // The ledger's own default: a sale paid (partly) by card is refunded by card.
    refundMethod: refundMethod ?? (paidByCard ? 'electronic' : 'cash'),
    paidByCard,
    cashLeftCents: Math.max(0, cashKept - earlier.cash),
  };
}

/**
 * A manager-only method (or a handler's named rule such as 'cash_out') in words, with the figures
 * the manager needs to recognise the action (which sale, how much).
 */
export function methodReason(db: ReadableDb, code: string, input: unknown): ApprovalReason {
  const i = (input ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof i[k] === 'string' ? (i[k] as string) : null);
  try {
    if (code === 'documents.void' && str('sale')) {
      const d = getDocument(db, str('sale')!);
      return approvalReason(code, msg.approval.voidSale({ number: d.number, amount: d.totalCents }));
    }
    if ((code === 'documents.retry' || code === 'documents.cancelTransmission') && str('id')) {
      const d = getDocument(db, str('id')!);
      return approvalReason(code, msg.approval.actionOn({ method: code, what: d.number }));
    }
  } catch {
    // An unknown document: the action itself will say so once approved; describe it generically.
  }
  if (code === 'catalog.save' && str('description') && typeof i.price_cents === 'number')
    return approvalReason(code, msg.approval.actionOnPriced({ method: code, what: str('description')!, amount: i.price_cents }));
  if (code === 'catalog.saveDepartment' && str('name')) return approvalReason(code, msg.approval.actionOn({ method: code, what: str('name')! }));
  if (code === 'operators.save' && str('name')) return approvalReason(code, msg.approval.actionOn({ method: code, what: str('name')! }));
  if (code === 'cash_out' && typeof i.amount_cents === 'number')
    return approvalReason(code, msg.approval.actionAmount({ method: code, amount: i.amount_cents, reason: str('reason') }));
  return approvalReason(code, msg.approval.action({ method: code }));
}
