// «Vendite»: documents across the shop's tills (by number, day range, till, amount, words in the
// lines) and one document in full — lines, payments, VAT, its AdE state as its till last reported
// it, the returns and voids that point at it.
import type pg from 'pg';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import type { DocumentDetail, DocumentSummary } from '../../shared/backoffice-api.js';

export type { DocumentDetail, DocumentSummary };

export interface SalesQuery {
  number?: string;
  from?: string;
  to?: string;
  tillId?: string | null;
  amountCents?: number;
  text?: string;
  limit: number;
  offset: number;
}

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SUMMARY_COLS = `d.id, t.code AS till_code, d.number, d.kind, d.business_day::text AS business_day, d.created_at, d.total_cents,
  f.state AS fiscal_state, f.ade_number`;

function summary(r: Record<string, unknown>): DocumentSummary {
  return {
    id: r.id as string, tillCode: r.till_code as string, number: r.number as string, kind: r.kind as DocumentSummary['kind'],
    businessDay: r.business_day as string, createdAt: (r.created_at as Date).toISOString(), totalCents: n(r.total_cents),
    fiscalState: (r.fiscal_state as string | null) ?? null, adeNumber: (r.ade_number as string | null) ?? null,
  };
}

/** Newest first; `more` when another page waits. */
export async function searchDocuments(pool: pg.Pool, shopId: string, q: SalesQuery): Promise<{ documents: DocumentSummary[]; more: boolean }> {
  const where = ['d.shop_id = $1'];
  const args: unknown[] = [shopId];
  const arg = (v: unknown) => { args.push(v); return `$${args.length}`; };
  if (q.number) where.push(`d.number ILIKE ${arg(like(q.number))}`);
  if (q.from) where.push(`d.business_day >= ${arg(q.from)}::date`);
  if (q.to) where.push(`d.business_day <= ${arg(q.to)}::date`);
  if (q.tillId) where.push(`d.till_id = ${arg(q.tillId)}::bigint`);
  if (q.amountCents !== undefined) where.push(`d.total_cents = ${arg(q.amountCents)}`);
  if (q.text) {
    const p = arg(like(q.text));
    where.push(`EXISTS (SELECT 1 FROM document_lines l WHERE l.document_id = d.id AND (l.description ILIKE ${p} OR l.sku ILIKE ${p} OR l.barcode ILIKE ${p}))`);
  }
  const rows = (await pool.query(`SELECT ${SUMMARY_COLS}
      FROM documents d JOIN tills t ON t.id = d.till_id LEFT JOIN fiscal_states f ON f.document_id = d.id
      WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id LIMIT ${arg(q.limit + 1)} OFFSET ${arg(q.offset)}`, args)).rows;
  return { documents: rows.slice(0, q.limit).map(summary), more: rows.length > q.limit };
}

export async function documentDetail(pool: pg.Pool, shopId: string, id: string): Promise<DocumentDetail> {
  const d = (await pool.query(`SELECT ${SUMMARY_COLS}, f.detail AS fiscal_detail, d.operator_id, d.parent_id, d.subtotal_cents, d.line_discount_cents,
        d.sale_discount_cents, d.complimentary_cents, d.rounding_cents, d.due_cents, d.tendered_cents, d.change_cents, d.lottery_code, d.note
      FROM documents d JOIN tills t ON t.id = d.till_id LEFT JOIN fiscal_states f ON f.document_id = d.id
      WHERE d.shop_id = $1 AND d.id = $2`, [shopId, id])).rows[0];
  if (!d) fail('NOT_FOUND', msg.backoffice.documentUnknown({ id }), 'id');
  const [lines, payments, vat, related, parent] = await Promise.all([
    pool.query(`SELECT line_no, sku, barcode, description, department, vat_code, quantity_milli, unit_price_cents, gross_cents, discount_cents,
        sale_discount_share_cents, complimentary, amount_cents FROM document_lines WHERE document_id = $1 ORDER BY line_no`, [id]),
    pool.query('SELECT seq, method, amount_cents, applied_cents, count FROM payments WHERE document_id = $1 ORDER BY seq', [id]),
    pool.query('SELECT vat_code, gross_cents, taxable_cents, vat_cents FROM vat_rows WHERE document_id = $1 ORDER BY vat_code', [id]),
    pool.query(`SELECT ${SUMMARY_COLS} FROM documents d JOIN tills t ON t.id = d.till_id LEFT JOIN fiscal_states f ON f.document_id = d.id
        WHERE d.shop_id = $1 AND d.parent_id = $2 ORDER BY d.created_at`, [shopId, id]),
    d.parent_id ? pool.query(`SELECT ${SUMMARY_COLS} FROM documents d JOIN tills t ON t.id = d.till_id LEFT JOIN fiscal_states f ON f.document_id = d.id
        WHERE d.shop_id = $1 AND d.id = $2`, [shopId, d.parent_id]) : Promise.resolve({ rows: [] }),
  ]);
  return {
    ...summary(d),
    operatorId: d.operator_id as string | null,
    subtotalCents: n(d.subtotal_cents), lineDiscountCents: n(d.line_discount_cents), saleDiscountCents: n(d.sale_discount_cents),
    complimentaryCents: n(d.complimentary_cents), roundingCents: n(d.rounding_cents), dueCents: n(d.due_cents),
    tenderedCents: n(d.tendered_cents), changeCents: n(d.change_cents), lotteryCode: d.lottery_code as string | null, note: d.note as string | null,
    fiscal: { state: (d.fiscal_state as string | null) ?? null, adeNumber: (d.ade_number as string | null) ?? null, detail: d.fiscal_detail ?? null },
    lines: lines.rows.map((l) => ({
      lineNo: n(l.line_no), sku: l.sku, barcode: l.barcode, description: l.description, department: l.department, vatCode: l.vat_code,
      quantityMilli: n(l.quantity_milli), unitPriceCents: n(l.unit_price_cents), grossCents: n(l.gross_cents), discountCents: n(l.discount_cents),
      saleDiscountShareCents: n(l.sale_discount_share_cents), complimentary: n(l.complimentary) !== 0, amountCents: n(l.amount_cents),
    })),
    payments: payments.rows.map((p) => ({ seq: n(p.seq), method: p.method, amountCents: n(p.amount_cents), appliedCents: n(p.applied_cents), count: p.count })),
    vat: vat.rows.map((v) => ({ vatCode: v.vat_code, grossCents: n(v.gross_cents), taxableCents: n(v.taxable_cents), vatCents: n(v.vat_cents) })),
    related: related.rows.map(summary),
    parent: parent.rows[0] ? summary(parent.rows[0]) : null,
  };
}
