// Writing a fiscal document: one IMMEDIATE transaction holds the header, lines, payments, VAT rows,
// audit entry, outbox row and print job. Either all of it is on disk (synchronous=FULL) or none.
// The outbox row and the print job belong to the sync and to printing (their tables, their
// enqueue functions); the ledger only calls them inside its transaction.
//
// Not visible from here: migration 0005 (db/migrations/0005_eod.ts) keeps per-business-day report
// totals with triggers, in this same transaction, on every insert below:
//   documents → report_day_documents (count, total, rounding, line and sale discounts, omaggi, and
//               for a void the rounding of the sale it gives back), per day and kind;
//   vat_rows  → report_day_vat (gross, taxable, VAT), per day, kind and VAT code;
//   payments  → report_day_payments (count, amount applied, meal-voucher pieces), per day, kind, method;
//   outbox    → report_day_fiscal (documents per day and fiscal state) and report_not_ready (the
//               documents the AdE has not accepted yet), both moved again when the sync changes a state.
// (Its other triggers follow updates and deletes, which the ledger never does.) The vat_rows,
// payments and outbox triggers read the document's business day and kind from its header: the
// header must be inserted first. X readings and period reports read these totals; the Z is
// computed from the rows and compared with them.
import { randomUUID } from 'node:crypto';
import type { WritableDb } from '../db/types.js';
import type { ComputedLine, ComputedPayment, SaleTotals } from '../../shared/sale.js';
import type { CommitResult } from '../../shared/schemas/documents.js';
import type { DocumentKind } from '../../shared/document.js';
import { appendAudit } from './audit.js';
import { documentDigest } from './read.js';
import { takeNumber, tillNumberPrefix } from './numbering.js';
import { enqueueDocument } from '../sync/outbox.js';
import { enqueueReceipt } from '../printing/jobs.js';
import { writeStmt } from '../db/statements.js';
import { assertFiscal } from '../training/mode.js';

export interface DocumentToWrite {
  kind: DocumentKind;
  at: Date;
  businessDay: string;
  operatorId: string | null;
  parentId: string | null;
  source: string;
  note: string | null;
  totals: SaleTotals;
  /** Returns/voids: sale line each written line refunds. */
  parentLineNos?: (number | null)[];
  printReceipt: boolean;
  /**
   * False: an invoice documents it instead of a receipt (a sale invoiced at the counter, a return or
   * void of one; issue #13). It is not a documento commerciale, so it is not queued for /IT-receipts.
   */
  receipt?: boolean;
}

export function writeDocument(db: WritableDb, doc: DocumentToWrite): CommitResult {
  // In training mode nothing is numbered, queued for Openapi, counted or journaled as fiscal: the
  // sale takes ../training/ledger.ts instead, and anything else (a return, a void, a script) is refused here.
  assertFiscal(db);
  const id = randomUUID();
  const at = doc.at.toISOString();
  const { seq, number } = takeNumber(db, doc.businessDay, { counters: 'day_counters', prefix: tillNumberPrefix(db) });
  const t = doc.totals;
  writeStmt(db,
    `INSERT INTO documents (id, kind, business_day, seq, number, created_at, operator_id, parent_id, subtotal_cents,
       line_discount_cents, sale_discount_cents, complimentary_cents, total_cents, rounding_cents, due_cents,
       tendered_cents, change_cents, lottery_code, source, note)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(id, doc.kind, doc.businessDay, seq, number, at, doc.operatorId, doc.parentId, t.subtotalCents, t.lineDiscountCents,
    t.saleDiscountCents, t.complimentaryCents, t.totalCents, t.roundingCents, t.dueCents, t.tenderedCents, t.changeCents,
    t.lotteryCode, doc.source, doc.note);
  const insLine = writeStmt(db,
    `INSERT INTO document_lines (document_id, line_no, product_id, sku, barcode, description, department, vat_code,
       quantity_milli, unit_price_cents, list_price_cents, gross_cents, discount_cents, sale_discount_share_cents,
       complimentary, amount_cents, parent_line_no)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  t.lines.forEach((l: ComputedLine, i) => {
    insLine.run(id, l.lineNo, l.productId ?? null, l.sku ?? null, l.barcode ?? null, l.description, l.department ?? null, l.vatCode,
      l.quantityMilli, l.unitPriceCents, l.listPriceCents ?? null, l.grossCents, l.discountCents, l.saleDiscountShareCents,
      l.complimentary ? 1 : 0, l.amountCents, doc.parentLineNos?.[i] ?? null);
  });
  const insPay = writeStmt(db,
    'INSERT INTO payments (document_id, seq, method, amount_cents, applied_cents, count, uncollected_kind) VALUES (?,?,?,?,?,?,?)',
  );
  t.payments.forEach((p: ComputedPayment, i) =>
    insPay.run(id, i + 1, p.method, p.amountCents, p.appliedCents, p.count ?? null, p.uncollectedKind ?? null));
  const insVat = writeStmt(db, 'INSERT INTO vat_rows (document_id, vat_code, gross_cents, taxable_cents, vat_cents) VALUES (?,?,?,?,?)');
  for (const v of t.vat) insVat.run(id, v.vatCode, v.grossCents, v.taxableCents, v.vatCents);

  if (doc.receipt ?? true) enqueueDocument(db, { documentId: id, kind: doc.kind, parentId: doc.parentId, at });
  // Without a receipt (`--no-print`) the result still carries an id, as it always has: it names no job.
  const printJobId = doc.printReceipt ? enqueueReceipt(db, id, at) : randomUUID();
  appendAudit(db, {
    at,
    actor: doc.operatorId,
    action: `document.${doc.kind}`,
    entityId: id,
    payload: { number, parentId: doc.parentId, totalCents: t.totalCents, digest: documentDigest(db, id) },
  });
  return {
    id,
    kind: doc.kind,
    number,
    businessDay: doc.businessDay,
    totalCents: t.totalCents,
    dueCents: t.dueCents,
    changeCents: t.changeCents,
    roundingCents: t.roundingCents,
    vat: t.vat,
    printJobId,
    invoice: null,
  };
}
