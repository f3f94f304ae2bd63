// The report's SQL, all read-only, all over a business-day range [from, to] (inclusive).
// Each query walks the range once through documents_day_report (covering index, migration 0005)
// and probes the child tables by primary key; a test reads EXPLAIN QUERY PLAN to keep it so.
import type { ReadableDb } from '../db/types.js';
import type { DocumentKind } from '../../../shared/document.js';
import type { PaymentMethod } from '../../../shared/sale.js';
import type { VatCode } from '../../../shared/vat.js';

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

export const SQL = {
  kinds: `SELECT kind, count(*) AS n, coalesce(sum(total_cents), 0) AS total, coalesce(sum(rounding_cents), 0) AS rounding,
      coalesce(sum(line_discount_cents), 0) AS lineDiscount, coalesce(sum(sale_discount_cents), 0) AS saleDiscount,
      coalesce(sum(complimentary_cents), 0) AS complimentary
    FROM documents WHERE business_day BETWEEN ? AND ? GROUP BY kind`,
  vat: `SELECT d.kind AS kind, v.vat_code AS vatCode, sum(v.gross_cents) AS gross, sum(v.taxable_cents) AS taxable, sum(v.vat_cents) AS vat
    FROM documents d JOIN vat_rows v ON v.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? GROUP BY d.kind, v.vat_code`,
  payments: `SELECT d.kind AS kind, p.method AS method, sum(p.applied_cents) AS applied, count(*) AS n, coalesce(sum(p.count), 0) AS pieces
    FROM documents d JOIN payments p ON p.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? GROUP BY d.kind, p.method`,
  voidedRounding: `SELECT coalesce(sum(s.rounding_cents), 0) AS r FROM documents v JOIN documents s ON s.id = v.parent_id
    WHERE v.business_day BETWEEN ? AND ? AND v.kind = 'void'`,
  fiscalStates: `SELECT coalesce(o.state, 'missing') AS state, count(*) AS n
    FROM documents d LEFT JOIN outbox o ON o.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? GROUP BY 1`,
  notReady: `SELECT d.id AS id, d.number AS number, d.kind AS kind, d.business_day AS businessDay, d.created_at AS createdAt,
      d.total_cents AS totalCents, o.state AS state, o.last_error_code AS errorCode, o.last_error_message AS errorMessage
    FROM documents d LEFT JOIN outbox o ON o.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? AND (o.state IS NULL OR o.state NOT IN ('ready', 'voided'))
    ORDER BY d.business_day, d.seq`,
  firstNumber: `SELECT number FROM documents WHERE business_day BETWEEN ? AND ? ORDER BY business_day, seq LIMIT 1`,
  lastNumber: `SELECT number FROM documents WHERE business_day BETWEEN ? AND ? ORDER BY business_day DESC, seq DESC LIMIT 1`,
  firstDocumentNumber: `SELECT o.document_number AS n FROM documents d JOIN outbox o ON o.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? AND o.document_number IS NOT NULL ORDER BY d.business_day, d.seq LIMIT 1`,
  lastDocumentNumber: `SELECT o.document_number AS n FROM documents d JOIN outbox o ON o.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? AND o.document_number IS NOT NULL ORDER BY d.business_day DESC, d.seq DESC LIMIT 1`,
  cashFlows: `SELECT d.kind = 'sale' AS isSale, coalesce(sum(p.applied_cents), 0) AS applied
    FROM documents d JOIN payments p ON p.document_id = d.id
    WHERE d.business_day BETWEEN ? AND ? AND p.method = 'cash' GROUP BY 1`,
  movements: `SELECT id, business_day AS businessDay, kind, amount_cents AS amountCents, reason, operator_id AS operatorId, created_at AS createdAt
    FROM cash_movements WHERE business_day BETWEEN ? AND ? ORDER BY business_day, created_at, rowid`,
} as const;

const args = (r: Range) => [r.from, r.to] as const;

export function kindTotals(db: ReadableDb, r: Range): KindRow[] {
  return db.prepare(SQL.kinds).all(...args(r)) as KindRow[];
}

export function vatTotals(db: ReadableDb, r: Range): VatAggRow[] {
  return db.prepare(SQL.vat).all(...args(r)) as VatAggRow[];
}

export function paymentTotals(db: ReadableDb, r: Range): PaymentAggRow[] {
  return db.prepare(SQL.payments).all(...args(r)) as PaymentAggRow[];
}

export function voidedRounding(db: ReadableDb, r: Range): number {
  return (db.prepare(SQL.voidedRounding).get(...args(r)) as { r: number }).r;
}

export function fiscalStates(db: ReadableDb, r: Range): FiscalStateRow[] {
  return db.prepare(SQL.fiscalStates).all(...args(r)) as FiscalStateRow[];
}

export function notReadyDocuments(db: ReadableDb, r: Range): NotReadyRow[] {
  return db.prepare(SQL.notReady).all(...args(r)) as NotReadyRow[];
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
export function cashFlows(db: ReadableDb, r: Range): { salesCents: number; refundsCents: number } {
  const rows = db.prepare(SQL.cashFlows).all(...args(r)) as { isSale: number; applied: number }[];
  return {
    salesCents: rows.find((x) => x.isSale === 1)?.applied ?? 0,
    refundsCents: rows.find((x) => x.isSale === 0)?.applied ?? 0,
  };
}
