import type { ReadableDb } from '../db/types.js';
import { readStmt } from '../db/statements.js';
import type { DocumentInvoice, DocumentLine, DocumentPayment, DocumentRecord, FiscalStatus } from '../../shared/document.js';
import type { VatRow } from '../../shared/sale.js';
import { compareVatCodes, type VatCode } from '../../shared/vat.js';
import { digestOfRows } from './digest.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

interface DocRow {
  id: string; kind: 'sale' | 'return' | 'void'; business_day: string; seq: number; number: string; created_at: string;
  operator_id: string | null; parent_id: string | null; subtotal_cents: number; line_discount_cents: number;
  sale_discount_cents: number; complimentary_cents: number; total_cents: number; rounding_cents: number;
  due_cents: number; tendered_cents: number; change_cents: number; lottery_code: string | null; source: string; note: string | null;
}

function lines(db: ReadableDb, id: string): DocumentLine[] {
  return (db.prepare('SELECT * FROM document_lines WHERE document_id = ? ORDER BY line_no').all(id) as Record<string, unknown>[]).map((r) => ({
    lineNo: r.line_no as number,
    productId: r.product_id as string | null,
    sku: r.sku as string | null,
    barcode: r.barcode as string | null,
    description: r.description as string,
    department: r.department as string | null,
    vatCode: r.vat_code as VatCode,
    quantityMilli: r.quantity_milli as number,
    unitPriceCents: r.unit_price_cents as number,
    listPriceCents: r.list_price_cents as number | null,
    grossCents: r.gross_cents as number,
    discountCents: r.discount_cents as number,
    saleDiscountShareCents: r.sale_discount_share_cents as number,
    complimentary: r.complimentary === 1,
    amountCents: r.amount_cents as number,
    parentLineNo: r.parent_line_no as number | null,
  }));
}

function payments(db: ReadableDb, id: string): DocumentPayment[] {
  return (db.prepare('SELECT * FROM payments WHERE document_id = ? ORDER BY seq').all(id) as Record<string, unknown>[]).map((r) => ({
    seq: r.seq as number,
    method: r.method as DocumentPayment['method'],
    amountCents: r.amount_cents as number,
    appliedCents: r.applied_cents as number,
    count: r.count as number | null,
    uncollectedKind: r.uncollected_kind as DocumentPayment['uncollectedKind'],
  }));
}

// Same order as computeSale (rates ascending, then N codes), not the text order of the key ("10" < "4").
function vatRows(db: ReadableDb, id: string): VatRow[] {
  return (db.prepare('SELECT vat_code, gross_cents, taxable_cents, vat_cents FROM vat_rows WHERE document_id = ?').all(id) as Record<string, unknown>[]).map((r) => ({
    vatCode: r.vat_code as VatCode,
    grossCents: r.gross_cents as number,
    taxableCents: r.taxable_cents as number,
    vatCents: r.vat_cents as number,
  })).sort((a, b) => compareVatCodes(a.vatCode, b.vatCode));
}

/** The fiscal fields of an outbox row (shared with the sync's own, richer view of the row). */
export function fiscalFields(r: Record<string, unknown>): FiscalStatus {
  return {
    state: r.state as string,
    remoteId: r.remote_id as string | null,
    documentNumber: r.document_number as string | null,
    documentDate: r.document_date as string | null,
    transactionId: r.transaction_id as string | null,
    submittedAt: r.submitted_at as string | null,
    lastErrorCode: r.last_error_code as string | null,
    lastErrorMessage: r.last_error_message as string | null,
    attempts: r.attempts as number,
    nextAttemptAt: r.next_attempt_at as string | null,
  };
}

export function fiscalStatus(db: ReadableDb, id: string): FiscalStatus | null {
  const r = db.prepare('SELECT * FROM outbox WHERE document_id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? fiscalFields(r) : null;
}

/** Resolves a sale reference: its UUID or its local number ("2026-11-21/0042"). */
export function resolveDocumentId(db: ReadableDb, ref: string): string | null {
  const r = db.prepare('SELECT id FROM documents WHERE id = ? OR number = ?').get(ref, ref) as { id: string } | undefined;
  return r?.id ?? null;
}

export function findDocument(db: ReadableDb, ref: string): DocumentRecord | null {
  const id = resolveDocumentId(db, ref);
  if (!id) return null;
  const d = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocRow;
  const fiscal = fiscalStatus(db, id);
  let parent: DocumentRecord['parent'] = null;
  if (d.parent_id) {
    const p = db.prepare('SELECT id, number, created_at FROM documents WHERE id = ?').get(d.parent_id) as { id: string; number: string; created_at: string };
    const pf = db.prepare('SELECT document_number FROM outbox WHERE document_id = ?').get(d.parent_id) as { document_number: string | null } | undefined;
    parent = { id: p.id, number: p.number, createdAt: p.created_at, documentNumber: pf?.document_number ?? null };
  }
  return {
    id: d.id,
    kind: d.kind,
    number: d.number,
    businessDay: d.business_day,
    seq: d.seq,
    createdAt: d.created_at,
    operatorId: d.operator_id,
    parentId: d.parent_id,
    parent,
    subtotalCents: d.subtotal_cents,
    lineDiscountCents: d.line_discount_cents,
    saleDiscountCents: d.sale_discount_cents,
    complimentaryCents: d.complimentary_cents,
    totalCents: d.total_cents,
    roundingCents: d.rounding_cents,
    dueCents: d.due_cents,
    tenderedCents: d.tendered_cents,
    changeCents: d.change_cents,
    lotteryCode: d.lottery_code,
    source: d.source,
    note: d.note,
    lines: lines(db, id),
    payments: payments(db, id),
    vat: vatRows(db, id),
    fiscal,
    // Only a document without an /IT-receipts outbox row can be documented by an invoice instead.
    invoice: fiscal === null ? documentInvoice(db, id) : null,
  };
}

/**
 * The invoice that documents `id` instead of a receipt (issue #13): the sale's TD01 issued at the
 * counter (at_sale), or the TD04 of a return/void of such a sale. A TD01 issued later for a receipted
 * sale is not one: that sale keeps its documento commerciale. The one no corrected re-issue replaces.
 */
export function documentInvoice(db: ReadableDb, id: string): DocumentInvoice | null {
  const r = readStmt(db, `SELECT i.id, i.kind, i.number, i.date, c.display_name AS name, c.id_paese AS paese, c.id_codice AS codice,
      c.codice_fiscale AS cf, k.number AS corrects
    FROM invoices i JOIN customers c ON c.id = i.customer_id LEFT JOIN invoices k ON k.id = i.corrects_id
    WHERE i.document_id = ? AND NOT EXISTS (SELECT 1 FROM invoices n WHERE n.replaces_id = i.id)
      AND (i.at_sale = 1 OR (i.kind = 'TD04' AND k.at_sale = 1))`).get(id) as
    { id: string; kind: 'TD01' | 'TD04'; number: string; date: string; name: string; paese: string | null; codice: string | null; cf: string | null; corrects: string | null } | undefined;
  if (!r) return null;
  return {
    kind: r.kind, id: r.id, number: r.number, date: r.date, corrects: r.corrects,
    customer: { name: r.name, vatNumber: r.paese && r.codice ? `${r.paese === 'IT' ? '' : r.paese}${r.codice}` : null, taxCode: r.cf },
  };
}

/** Whether sale `saleId` is documented by an invoice issued at the counter instead of its receipt. */
export function invoicedAtSale(db: ReadableDb, saleId: string): boolean {
  return readStmt(db, 'SELECT 1 FROM invoices WHERE document_id = ? AND at_sale = 1 LIMIT 1').get(saleId) !== undefined;
}

/** The day's takings: a lookup on documents(business_day), so it can be asked at every change. */
export const DAY_TAKINGS_SQL = 'SELECT kind, count(*) AS n, coalesce(sum(total_cents), 0) AS cents FROM documents WHERE business_day = ? GROUP BY kind';

/** How many sales (and for how much), returns and voids business day `day` holds. */
export function dayTakings(db: ReadableDb, day: string): { sales: number; salesCents: number; returns: number; voids: number } {
  const rows = readStmt(db, DAY_TAKINGS_SQL).all(day) as { kind: string; n: number; cents: number }[];
  const by = (k: string) => rows.find((r) => r.kind === k);
  return { sales: by('sale')?.n ?? 0, salesCents: by('sale')?.cents ?? 0, returns: by('return')?.n ?? 0, voids: by('void')?.n ?? 0 };
}

/** The returns and voids made against a sale, in the order they were recorded. */
export function childDocuments(db: ReadableDb, id: string): { id: string; kind: DocumentRecord['kind']; number: string; createdAt: string; totalCents: number }[] {
  return readStmt(db, 'SELECT id, kind, number, created_at AS createdAt, total_cents AS totalCents FROM documents WHERE parent_id = ? ORDER BY seq')
    .all(id) as { id: string; kind: DocumentRecord['kind']; number: string; createdAt: string; totalCents: number }[];
}

/** The committed document, or a DOCUMENT_NOT_FOUND error naming the reference. */
export function getDocument(db: ReadableDb, ref: string): DocumentRecord {
  const doc = findDocument(db, ref);
  if (doc) return doc;
  // A training sale (../training/): no fiscal document, and the cashier is told why, not «not found».
  const training = readStmt(db, 'SELECT number FROM training_documents WHERE id = ? OR number = ?').get(ref, ref) as { number: string } | undefined;
  if (training) fail('TRAINING_DOCUMENT', msg.training.notFiscal({ number: training.number }), 'sale');
  return fail('DOCUMENT_NOT_FOUND', msg.ledger.documentNotFound({ ref }), 'sale');
}

// The columns a digest covers, named: with `SELECT *` a later migration adding a column to one of
// these tables would change every past digest and make `audit verify` flag the whole ledger.
// Keys are sorted by canonicalJson, so naming them changes no digest of the 0001 schema.
const DIGEST_COLUMNS = {
  documents: `id, kind, business_day, seq, number, created_at, operator_id, parent_id, subtotal_cents, line_discount_cents,
    sale_discount_cents, complimentary_cents, total_cents, rounding_cents, due_cents, tendered_cents, change_cents,
    lottery_code, source, note`,
  document_lines: `document_id, line_no, product_id, sku, barcode, description, department, vat_code, quantity_milli,
    unit_price_cents, list_price_cents, gross_cents, discount_cents, sale_discount_share_cents, complimentary,
    amount_cents, parent_line_no`,
  payments: 'document_id, seq, method, amount_cents, applied_cents, count, uncollected_kind',
  vat_rows: 'document_id, vat_code, gross_cents, taxable_cents, vat_cents',
};

// Read through the connection's statement cache (../db/statements.ts): `audit verify` digests every
// document, and preparing four statements each time made it ~0.7 ms a document (over 10 minutes on
// a year of sales).
const DIGEST_SQL = {
  d: `SELECT ${DIGEST_COLUMNS.documents} FROM documents WHERE id = ?`,
  l: `SELECT ${DIGEST_COLUMNS.document_lines} FROM document_lines WHERE document_id = ? ORDER BY line_no`,
  p: `SELECT ${DIGEST_COLUMNS.payments} FROM payments WHERE document_id = ? ORDER BY seq`,
  v: `SELECT ${DIGEST_COLUMNS.vat_rows} FROM vat_rows WHERE document_id = ? ORDER BY vat_code`,
};

/**
 * Digest of a document's immutable rows (header, lines, payments, VAT), journaled at commit and
 * checked by `bancone audit verify`: changing a stored sale afterwards is detected.
 */
export function documentDigest(db: ReadableDb, id: string): string | null {
  const d = readStmt(db, DIGEST_SQL.d).get(id);
  if (!d) return null;
  return digestOfRows({ d: d as Record<string, unknown>, l: readStmt(db, DIGEST_SQL.l).all(id) as Record<string, unknown>[],
    p: readStmt(db, DIGEST_SQL.p).all(id) as Record<string, unknown>[], v: readStmt(db, DIGEST_SQL.v).all(id) as Record<string, unknown>[] });
}
