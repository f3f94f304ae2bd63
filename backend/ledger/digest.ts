// A document's digest, pure: the sha256 of its rows (header, lines, payments, VAT) as canonical JSON.
// The till journals it at commit (write.ts, through read.ts documentDigest, which reads the rows) and
// `audit verify` checks it; the shop server computes it from the uploaded DocumentBody (server/ingest)
// to check that what arrived is what the till journaled. Both go through digestOfRows: one definition.
import { createHash } from 'node:crypto';
import type { DocumentBody } from '../../shared/server-api.js';
import { canonicalJson } from './chain.js';

type Row = Record<string, unknown>;

/** The digest of a document's rows, each as the ledger's column names (snake_case) → value. */
export function digestOfRows(content: { d: Row; l: Row[]; p: Row[]; v: Row[] }): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The same digest from a document as it travels to the server (shared/server-api.ts DocumentBody). */
export function documentBodyDigest(b: DocumentBody): string {
  const d: Row = {
    id: b.id, kind: b.kind, business_day: b.businessDay, seq: b.seq, number: b.number, created_at: b.createdAt,
    operator_id: b.operatorId, parent_id: b.parentId, subtotal_cents: b.subtotalCents, line_discount_cents: b.lineDiscountCents,
    sale_discount_cents: b.saleDiscountCents, complimentary_cents: b.complimentaryCents, total_cents: b.totalCents,
    rounding_cents: b.roundingCents, due_cents: b.dueCents, tendered_cents: b.tenderedCents, change_cents: b.changeCents,
    lottery_code: b.lotteryCode, source: b.source, note: b.note,
  };
  const l = [...b.lines].sort((x, y) => x.lineNo - y.lineNo).map((x) => ({
    document_id: b.id, line_no: x.lineNo, product_id: x.productId, sku: x.sku, barcode: x.barcode, description: x.description,
    department: x.department, vat_code: x.vatCode, quantity_milli: x.quantityMilli, unit_price_cents: x.unitPriceCents,
    list_price_cents: x.listPriceCents, gross_cents: x.grossCents, discount_cents: x.discountCents,
    sale_discount_share_cents: x.saleDiscountShareCents, complimentary: x.complimentary, amount_cents: x.amountCents,
    parent_line_no: x.parentLineNo,
  }));
  const p = [...b.payments].sort((x, y) => x.seq - y.seq).map((x) => ({
    document_id: b.id, seq: x.seq, method: x.method, amount_cents: x.amountCents, applied_cents: x.appliedCents,
    count: x.count, uncollected_kind: x.uncollectedKind,
  }));
  // ORDER BY vat_code in SQLite: binary comparison of the text.
  const v = [...b.vat].sort((x, y) => (x.vatCode < y.vatCode ? -1 : x.vatCode > y.vatCode ? 1 : 0)).map((x) => ({
    document_id: b.id, vat_code: x.vatCode, gross_cents: x.grossCents, taxable_cents: x.taxableCents, vat_cents: x.vatCents,
  }));
  return digestOfRows({ d, l, p, v });
}
