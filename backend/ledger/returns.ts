// Returns and voids are documents of their own that point at the sale and the lines they refund.
import type { WritableDb, ReadableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { vatBreakdown, refundForQuantity, type ComputedLine, type SaleTotals } from '../../shared/sale.js';
import { ReturnRequestSchema, VoidRequestSchema, type CommitResult, type ReturnRequest, type VoidRequest } from '../../shared/schemas/documents.js';
import { parseInput } from '../../shared/validation.js';
import { fail } from '../../shared/errors.js';
import { formatQuantity, quantityFromNumber } from '../../shared/money.js';
import type { DocumentLine, DocumentRecord } from '../../shared/document.js';
import { getDocument, invoicedAtSale } from './read.js';
// A cycle (issue.ts reads returnedQuantities from here): both sides use the other only inside
// functions, never while the modules load.
import { creditNoteFor } from '../invoicing/issue.js';
import { businessDayFor } from './numbering.js';
import { writeDocument } from './write.js';
import { checkOperator } from '../operators.js';
import { msg, textOf, type Text } from '../../shared/messages/index.js';

/** Voids are possible only within 24 hours of the sale's transmission (DELETE /IT-receipts/{id}). */
export const VOID_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Quantity of each sale line already returned (returns and voids count). */
export function returnedQuantities(db: ReadableDb, saleId: string): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT l.parent_line_no AS lineNo, sum(l.quantity_milli) AS qty FROM documents d
       JOIN document_lines l ON l.document_id = d.id WHERE d.parent_id = ? GROUP BY l.parent_line_no`,
    )
    .all(saleId) as { lineNo: number; qty: number }[];
  return new Map(rows.map((r) => [r.lineNo, r.qty]));
}

/**
 * What the sale will have refunded after this return, to decide whether it needs a manager (invalid
 * lines are left to recordReturn). Earlier returns of the same sale count, so that splitting one
 * refund into small returns does not avoid the manager.
 */
export function refundAfterReturn(db: ReadableDb, req: ReturnRequest): number {
  const sale = getDocument(db, req.sale);
  const returned = returnedQuantities(db, sale.id);
  const refunded = (db.prepare(`SELECT coalesce(sum(abs(total_cents)), 0) AS n FROM documents WHERE parent_id = ? AND kind = 'return'`).get(sale.id) as { n: number }).n;
  return refunded + req.lines.reduce((sum, r) => {
    const line = sale.lines.find((l) => l.lineNo === r.line_no);
    const qty = quantityFromNumber(r.quantity);
    if (!line || qty === null) return sum;
    const already = returned.get(line.lineNo) ?? 0;
    return sum + refundForQuantity(line.amountCents, line.quantityMilli, already, Math.min(qty, line.quantityMilli - already));
  }, 0);
}

function loadSale(db: ReadableDb, ref: string): DocumentRecord {
  const sale = getDocument(db, ref);
  if (sale.kind !== 'sale')
    fail('NOT_A_SALE', msg.ledger.notASale({ number: sale.number }), 'sale');
  const voided = db.prepare(`SELECT number FROM documents WHERE parent_id = ? AND kind = 'void'`).get(sale.id) as { number: string } | undefined;
  if (voided)
    fail('SALE_VOIDED', msg.ledger.saleVoided({ number: sale.number, voidNumber: voided.number }), 'sale');
  return sale;
}

function refundTotals(lines: ComputedLine[], refundMethod: 'cash' | 'electronic'): SaleTotals {
  const total = lines.reduce((a, l) => a + l.amountCents, 0);
  return {
    lines,
    subtotalCents: total,
    lineDiscountCents: 0,
    saleDiscountCents: 0,
    complimentaryCents: lines.reduce((a, l) => a + l.complimentaryCents, 0),
    totalCents: total,
    roundingCents: 0,
    dueCents: total,
    tenderedCents: total,
    changeCents: 0,
    payments: total > 0 ? [{ method: refundMethod, amountCents: total, appliedCents: total }] : [],
    cashCents: refundMethod === 'cash' ? total : 0,
    electronicCents: refundMethod === 'electronic' ? total : 0,
    mealVoucherCents: 0,
    mealVoucherCount: 0,
    uncollectedCents: 0,
    vat: vatBreakdown(lines),
    lotteryCode: null,
  };
}

function refundLine(orig: DocumentLine, lineNo: number, already: number, qty: number): ComputedLine {
  const amount = refundForQuantity(orig.amountCents, orig.quantityMilli, already, qty);
  return {
    lineNo,
    productId: orig.productId,
    sku: orig.sku,
    barcode: orig.barcode,
    description: orig.description,
    department: orig.department,
    vatCode: orig.vatCode,
    quantityMilli: qty,
    unitPriceCents: orig.unitPriceCents,
    listPriceCents: orig.listPriceCents,
    grossCents: amount,
    discountCents: 0,
    saleDiscountShareCents: 0,
    complimentary: orig.complimentary,
    amountCents: amount,
    complimentaryCents: orig.complimentary ? refundForQuantity(orig.grossCents, orig.quantityMilli, already, qty) : 0,
  };
}

function defaultRefundMethod(sale: DocumentRecord): 'cash' | 'electronic' {
  return sale.payments.some((p) => p.method === 'electronic') ? 'electronic' : 'cash';
}

/** Records a (partial) return. A line can never be returned beyond what is still returnable. */
export function recordReturn(db: WritableDb, clock: Clock, request: ReturnRequest | unknown, opts: { operatorId?: string | null; source?: string; printReceipt?: boolean } = {}): CommitResult {
  const req = parseInput(ReturnRequestSchema, request);
  return db.transaction((): CommitResult => {
    const sale = loadSale(db, req.sale);
    const operatorId = checkOperator(db, opts.operatorId ?? req.operator_id ?? null);
    const returned = returnedQuantities(db, sale.id);
    const seen = new Set<number>();
    const lines = req.lines.map((r, i) => {
      const orig = sale.lines.find((l) => l.lineNo === r.line_no);
      if (!orig) fail('RETURN_LINE_NOT_FOUND', msg.ledger.returnLineNotFound({ number: sale.number, line: r.line_no }), `lines[${i}].line_no`);
      if (seen.has(r.line_no)) fail('RETURN_LINE_DUPLICATE', msg.ledger.returnLineDuplicate({ line: r.line_no }), `lines[${i}].line_no`);
      seen.add(r.line_no);
      const qty = quantityFromNumber(r.quantity)!;
      const already = returned.get(r.line_no) ?? 0;
      const left = orig.quantityMilli - already;
      if (qty > left)
        fail('RETURN_EXCEEDS_SOLD', msg.ledger.returnExceedsSold({ line: r.line_no, description: orig.description, left: formatQuantity(left) }), `lines[${i}].quantity`);
      return { line: refundLine(orig, i + 1, already, qty), parentLineNo: orig.lineNo };
    });
    const at = clock.now();
    // A receipted sale has its outbox row; only a sale without one can be invoiced at the counter.
    const invoiced = sale.fiscal === null && invoicedAtSale(db, sale.id);
    const result = writeDocument(db, {
      kind: 'return',
      at,
      businessDay: businessDayFor(db, at),
      operatorId,
      parentId: sale.id,
      source: opts.source ?? 'till',
      note: req.reason ?? null,
      totals: refundTotals(lines.map((l) => l.line), req.refund_method ?? defaultRefundMethod(sale)),
      parentLineNos: lines.map((l) => l.parentLineNo),
      printReceipt: opts.printReceipt ?? true,
      receipt: !invoiced,
    });
    return invoiced ? withCreditNote(db, clock, result, operatorId) : result;
  }).immediate();
}

/**
 * A return or void of a sale invoiced at the counter (issue #13): no receipt exists, so nothing goes
 * to /IT-receipts; the refund is documented by a TD04 citing the invoice, issued in the refund's
 * own transaction (a refusal to build it rolls the refund back too).
 */
function withCreditNote(db: WritableDb, clock: Clock, result: CommitResult, operatorId: string | null): CommitResult {
  const note = creditNoteFor(db, clock, { refund: result.id, operatorId });
  return { ...result, invoice: { id: note.id, number: note.number } };
}

const blocker = (code: string, words: Text) => ({ code, message: words.it, messageEn: words.en });

/** Why a sale cannot be voided now, or null if it can. Used by the UI to offer a return instead. */
export function voidBlocker(db: ReadableDb, sale: DocumentRecord, now: Date): { code: string; message: string; messageEn: string } | null {
  const hasReturns = db.prepare(`SELECT 1 FROM documents WHERE parent_id = ? AND kind = 'return' LIMIT 1`).get(sale.id);
  if (hasReturns)
    return blocker('SALE_HAS_RETURNS', msg.ledger.saleHasReturns({ number: sale.number }));
  const submittedAt = sale.fiscal?.submittedAt;
  // The 24 h window is /IT-receipts' (DELETE of a receipt): a sale invoiced at the counter was never
  // sent there (submittedAt stays null) and is voided by a full credit note at any time.
  if (submittedAt && now.getTime() - new Date(submittedAt).getTime() > VOID_WINDOW_MS)
    return blocker('VOID_TOO_LATE', msg.ledger.voidTooLate({ number: sale.number }));
  return null;
}

/** Voids a whole sale: every line, full quantity, refunded as it was paid. */
export function recordVoid(db: WritableDb, clock: Clock, request: VoidRequest | unknown, opts: { operatorId?: string | null; source?: string; printReceipt?: boolean } = {}): CommitResult {
  const req = parseInput(VoidRequestSchema, request);
  return db.transaction((): CommitResult => {
    const sale = loadSale(db, req.sale);
    const operatorId = checkOperator(db, opts.operatorId ?? req.operator_id ?? null);
    const at = clock.now();
    const blocker = voidBlocker(db, sale, at);
    if (blocker) fail(blocker.code, textOf(blocker), 'sale');
    const lines = sale.lines.map((l, i) => refundLine(l, i + 1, 0, l.quantityMilli));
    const totals = refundTotals(lines, defaultRefundMethod(sale));
    // A void gives back exactly what was kept, by the same means.
    totals.payments = sale.payments.filter((p) => p.appliedCents > 0).map((p) => ({
      method: p.method, amountCents: p.appliedCents, appliedCents: p.appliedCents, count: p.count, uncollectedKind: p.uncollectedKind,
    }));
    totals.cashCents = totals.payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.appliedCents, 0);
    totals.electronicCents = totals.payments.filter((p) => p.method === 'electronic').reduce((a, p) => a + p.appliedCents, 0);
    // What was kept includes the sale's cash rounding: carry it so due = total + rounding = paid back.
    totals.roundingCents = sale.roundingCents;
    totals.dueCents = totals.totalCents + sale.roundingCents;
    totals.tenderedCents = totals.payments.reduce((a, p) => a + p.appliedCents, 0);
    // A receipted sale has its outbox row; only a sale without one can be invoiced at the counter.
    const invoiced = sale.fiscal === null && invoicedAtSale(db, sale.id);
    const result = writeDocument(db, {
      kind: 'void',
      at,
      businessDay: businessDayFor(db, at),
      operatorId,
      parentId: sale.id,
      source: opts.source ?? 'till',
      note: req.reason ?? null,
      totals,
      parentLineNos: sale.lines.map((l) => l.lineNo),
      printReceipt: opts.printReceipt ?? true,
      receipt: !invoiced,
    });
    return invoiced ? withCreditNote(db, clock, result, operatorId) : result;
  }).immediate();
}
