// The report's SQL, all read-only, all over a business-day range [from, to] (inclusive).
// X readings and period summaries read the per-day totals (report_day_*, migration 0005); the Z at
// closing reads the rows and is checked against the totals. A test reads EXPLAIN QUERY PLAN.
import type { ReadableDb } from '../db/types.js';
import type { DocumentKind } from '../../shared/document.js';
import type { PaymentMethod } from '../../shared/sale.js';
import type { VatCode } from '../../shared/vat.js';

export interface Range {
  from: string;
  to: string;
}

export interface KindRow {
  kind: DocumentKind;
  n: number;
  total: number;
  rounding: number;
  lineDiscount: number;
  saleDiscount: number;
  complimentary: number;
  /** Voids: the cash rounding of the sales they give back. */
  parentRounding: number;
}

export interface VatAggRow {
  kind: DocumentKind;
  vatCode: VatCode;
  gross: number;
  taxable: number;
  vat: number;
}

export interface PaymentAggRow {
  kind: DocumentKind;
  method: PaymentMethod;
  applied: number;
  n: number;
  pieces: number;
}

export interface FiscalStateRow {
  state: string;
  n: number;
}

export interface NotReadyRow {
  id: string;
  number: string;
  kind: DocumentKind;
  businessDay: string;
  createdAt: string;
  totalCents: number;
  state: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

/** Figures summed from the per-day totals the triggers of migration 0005 keep (fast: a few rows a day). */
export const TOTALS_SQL = {
  kinds: `SELECT kind, sum(n) AS n, sum(total_cents) AS total, sum(rounding_cents) AS rounding, sum(line_discount_cents) AS lineDiscount,
      sum(sale_discount_cents) AS saleDiscount, sum(complimentary_cents) AS complimentary, sum(parent_rounding_cents) AS parentRounding
    FROM report_day_documents WHERE business_day BETWEEN ? AND ? GROUP BY kind HAVING sum(n) <> 0`,
  vat: `SELECT kind, vat_code AS vatCode, sum(gross_cents) AS gross, sum(taxable_cents) AS taxable, sum(vat_cents) AS vat
    FROM report_day_vat WHERE business_day BETWEEN ? AND ? GROUP BY kind, vat_code`,
  payments: `SELECT kind, method, sum(applied_cents) AS applied, sum(n) AS n, sum(pieces) AS pieces
    FROM report_day_payments WHERE business_day BETWEEN ? AND ? GROUP BY kind, method HAVING sum(n) <> 0`,
  fiscalStates: `SELECT state, sum(n) AS n FROM report_day_fiscal WHERE business_day BETWEEN ? AND ? GROUP BY state HAVING sum(n) <> 0`,
  notReady: `SELECT d.id AS id, d.number AS number, d.kind AS kind, d.business_day AS businessDay, d.created_at AS createdAt,
      d.total_cents AS totalCents, o.state AS state, o.last_error_code AS errorCode, o.last_error_message AS errorMessage
    FROM report_not_ready r JOIN documents d ON d.id = r.document_id LEFT JOIN outbox o ON o.document_id = r.document_id
    WHERE r.business_day BETWEEN ? AND ? ORDER BY r.business_day, r.seq`,
} as const;

/**
 * A document with no /IT-receipts outbox row because an invoice issued at the counter documents it
 * (its sale's TD01 at_sale; issue #13): nothing to transmit, so it is neither pending nor missing.
 */
const NOT_INVOICE_DOCUMENTED = `(o.document_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM invoices i WHERE i.at_sale = 1 AND i.document_id IN (d.id, d.parent_id)))`;

/** The same figures straight from the ledger rows (one pass over the range's documents per query). */
export const ROWS_SQL = {
  kinds: `SELECT d.kind AS kind, count(*) AS n, sum(d.total_cents) AS total, sum(d.rounding_cents) AS rounding,
      sum(d.line_discount_cents) AS lineDiscount, sum(d.sale_discount_cents) AS saleDiscount, sum(d.complimentary_cents) AS complimentary,
      sum(CASE WHEN d.kind = 'void' THEN coalesce((SELECT p.rounding_cents FROM documents p WHERE p.id = d.parent_id), 0) ELSE 0 END) AS parentRounding
    FROM documents d WHERE d.business_day BETWEEN ? AND ? GROUP BY d.kind`,
  vat: `SELECT d.kind AS kind, v.vat_code AS vatCode, sum(v.gross_cents) AS gross, sum(v.taxable_cents) AS taxable, sum(v.vat_cents) AS vat
    FROM documents d JOIN vat_rows v ON v.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? GROUP BY d.kind, v.vat_code`,
  payments: `SELECT d.kind AS kind, p.method AS method, sum(p.applied_cents) AS applied, count(*) AS n, sum(coalesce(p.count, 0)) AS pieces
    FROM documents d JOIN payments p ON p.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? GROUP BY d.kind, p.method`,
  fiscalStates: `SELECT coalesce(o.state, 'missing') AS state, count(*) AS n
    FROM documents d LEFT JOIN outbox o ON o.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? AND ${NOT_INVOICE_DOCUMENTED} GROUP BY 1`,
  notReady: `SELECT d.id AS id, d.number AS number, d.kind AS kind, d.business_day AS businessDay, d.created_at AS createdAt,
      d.total_cents AS totalCents, o.state AS state, o.last_error_code AS errorCode, o.last_error_message AS errorMessage
    FROM documents d LEFT JOIN outbox o ON o.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? AND (o.state IS NULL OR o.state NOT IN ('ready', 'voided')) AND ${NOT_INVOICE_DOCUMENTED}
    ORDER BY d.business_day, d.seq`,
} as const;

export type Source = 'totals' | 'rows';
const pick = (source: Source) => (source === 'totals' ? TOTALS_SQL : ROWS_SQL);

export const SQL = {
  firstNumber: `SELECT number FROM documents WHERE business_day BETWEEN ? AND ? ORDER BY business_day, seq LIMIT 1`,
  lastNumber: `SELECT number FROM documents WHERE business_day BETWEEN ? AND ? ORDER BY business_day DESC, seq DESC LIMIT 1`,
  firstDocumentNumber: `SELECT o.document_number AS n FROM documents d JOIN outbox o ON o.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? AND o.document_number IS NOT NULL ORDER BY d.business_day, d.seq LIMIT 1`,
  lastDocumentNumber: `SELECT o.document_number AS n FROM documents d JOIN outbox o ON o.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? AND o.document_number IS NOT NULL ORDER BY d.business_day DESC, d.seq DESC LIMIT 1`,
  movements: `SELECT m.id AS id, m.business_day AS businessDay, m.kind AS kind, m.amount_cents AS amountCents, m.reason AS reason,
      m.operator_id AS operatorId, o.name AS operatorName, m.created_at AS createdAt
    FROM cash_movements m LEFT JOIN operators o ON o.id = m.operator_id
    WHERE m.business_day BETWEEN ? AND ? ORDER BY m.business_day, m.created_at, m.rowid`,
} as const;

const args = (r: Range) => [r.from, r.to] as const;

export function kindTotals(db: ReadableDb, r: Range, source: Source = 'totals'): KindRow[] {
  return db.prepare(pick(source).kinds).all(...args(r)) as KindRow[];
}

export function vatTotals(db: ReadableDb, r: Range, source: Source = 'totals'): VatAggRow[] {
  return db.prepare(pick(source).vat).all(...args(r)) as VatAggRow[];
}

export function paymentTotals(db: ReadableDb, r: Range, source: Source = 'totals'): PaymentAggRow[] {
  return db.prepare(pick(source).payments).all(...args(r)) as PaymentAggRow[];
}

export function fiscalStates(db: ReadableDb, r: Range, source: Source = 'totals'): FiscalStateRow[] {
  return db.prepare(pick(source).fiscalStates).all(...args(r)) as FiscalStateRow[];
}

export function notReadyDocuments(db: ReadableDb, r: Range, source: Source = 'totals'): NotReadyRow[] {
  return db.prepare(pick(source).notReady).all(...args(r)) as NotReadyRow[];
}

export function numbering(db: ReadableDb, r: Range) {
  const one = (sql: string, col: 'number' | 'n') => ((db.prepare(sql).get(...args(r)) as Record<string, string> | undefined)?.[col] ?? null);
  return {
    firstNumber: one(SQL.firstNumber, 'number'),
    lastNumber: one(SQL.lastNumber, 'number'),
    firstDocumentNumber: one(SQL.firstDocumentNumber, 'n'),
    lastDocumentNumber: one(SQL.lastDocumentNumber, 'n'),
  };
}

/** Cash kept on sales and cash paid back on returns/voids. */
export function cashFlows(payments: PaymentAggRow[]): { salesCents: number; refundsCents: number } {
  const cash = payments.filter((p) => p.method === 'cash');
  return {
    salesCents: cash.filter((p) => p.kind === 'sale').reduce((a, p) => a + p.applied, 0),
    refundsCents: cash.filter((p) => p.kind !== 'sale').reduce((a, p) => a + p.applied, 0),
  };
}

/**
 * «di cui fatturati»: the range's sales that an invoice (TD01) also documents. Read from the rows
 * (invoices are few) and as the ledger is now, so a Z read later shows an invoice issued after it.
 */
export function invoicedSales(db: ReadableDb, r: Range): { count: number; totalCents: number } {
  // A sale invoiced at the counter (at_sale) is not in the sales at all: see atSaleInvoiced.
  const row = db.prepare(`SELECT count(*) AS n, coalesce(sum(d.total_cents), 0) AS total FROM invoices i
    JOIN documents d ON d.id = i.document_id WHERE i.kind = 'TD01' AND i.at_sale = 0 AND d.business_day BETWEEN ? AND ?`).get(r.from, r.to) as { n: number; total: number };
  return { count: row.n, totalCents: row.total };
}

/**
 * The documents an invoice issued at the counter documents INSTEAD of a receipt (issue #13): the
 * sales with an at_sale TD01 and their returns/voids (TD04). Driven from the invoices (CROSS JOIN keeps them
 * the outer loop: the partial index invoices_at_sale, migration 0019), never from the range's
 * documents, so an X or a year's period costs as many probes as there are such invoices, whatever
 * the number of sales; the refunds by the index on documents(parent_id). DISTINCT: a corrected
 * re-issue is a second row for the same sale.
 */
const AT_SALE_DOCS = `WITH inv AS (SELECT DISTINCT document_id AS id FROM invoices WHERE at_sale = 1),
  docs AS (SELECT d.* FROM inv CROSS JOIN documents d ON d.id = inv.id WHERE d.business_day BETWEEN ? AND ?
    UNION ALL SELECT c.* FROM inv CROSS JOIN documents c ON c.parent_id = inv.id WHERE c.business_day BETWEEN ? AND ?)`;

/** Their figures in the shapes of ROWS_SQL (to take them out of the corrispettivi). */
export const AT_SALE_SQL = {
  kinds: `${AT_SALE_DOCS} SELECT x.kind AS kind, count(*) AS n, sum(x.total_cents) AS total, sum(x.rounding_cents) AS rounding,
      sum(x.line_discount_cents) AS lineDiscount, sum(x.sale_discount_cents) AS saleDiscount, sum(x.complimentary_cents) AS complimentary,
      sum(CASE WHEN x.kind = 'void' THEN coalesce((SELECT p.rounding_cents FROM documents p WHERE p.id = x.parent_id), 0) ELSE 0 END) AS parentRounding
    FROM docs x GROUP BY x.kind`,
  vat: `${AT_SALE_DOCS} SELECT x.kind AS kind, v.vat_code AS vatCode, sum(v.gross_cents) AS gross, sum(v.taxable_cents) AS taxable, sum(v.vat_cents) AS vat
    FROM docs x CROSS JOIN vat_rows v ON v.document_id = x.id GROUP BY x.kind, v.vat_code`,
} as const;

export function atSaleKinds(db: ReadableDb, r: Range): KindRow[] {
  return db.prepare(AT_SALE_SQL.kinds).all(r.from, r.to, r.from, r.to) as KindRow[];
}

export function atSaleVat(db: ReadableDb, r: Range): VatAggRow[] {
  return db.prepare(AT_SALE_SQL.vat).all(r.from, r.to, r.from, r.to) as VatAggRow[];
}

/**
 * `rows` less `less`, row by row on the same key (what the corrispettivi are without the invoiced). A
 * row the subtraction leaves at zero in every field is dropped, as if those documents had never been
 * there (a row that was zero before, e.g. a sale given away in full, stays).
 */
export function subtractRows<T extends object>(rows: T[], less: T[], key: (r: T) => string, fields: (keyof T)[]): T[] {
  if (less.length === 0) return rows;
  const touched = new Set<T>();
  const out = rows.map((r) => ({ ...r }));
  for (const l of less) {
    const r = out.find((x) => key(x) === key(l));
    if (!r) continue;
    touched.add(r);
    for (const f of fields) (r[f] as number) = (r[f] as number) - (l[f] as number);
  }
  return out.filter((r) => !touched.has(r) || fields.some((f) => r[f] !== 0));
}
