// One row per document of a range, for the CSV export and the PDF's document list.
import type { ReadableDb } from '../db/types.js';
import type { DocumentKind } from '../../shared/document.js';
import type { Range } from './queries.js';

export interface ReportDocumentRow {
  id: string;
  businessDay: string;
  seq: number;
  number: string;
  kind: DocumentKind;
  createdAt: string;
  operatorId: string | null;
  operatorName: string | null;
  parentNumber: string | null;
  subtotalCents: number;
  discountCents: number;
  complimentaryCents: number;
  totalCents: number;
  roundingCents: number;
  cashCents: number;
  electronicCents: number;
  mealVoucherCents: number;
  uncollectedCents: number;
  fiscalState: string | null;
  documentNumber: string | null;
  /** The invoice of a sale (TD01) or the credit note of a refund (TD04), when there is one. */
  invoiceNumber: string | null;
  /** Documented by an invoice issued at the counter instead of a receipt (its own or its sale's: issue #13). */
  atSale: 0 | 1;
}

const pay = (m: string) => `(SELECT coalesce(sum(applied_cents), 0) FROM payments p WHERE p.document_id = d.id AND p.method = '${m}')`;

const SQL_DOCS = `
  SELECT d.id AS id, d.business_day AS businessDay, d.seq AS seq, d.number AS number, d.kind AS kind, d.created_at AS createdAt,
    d.operator_id AS operatorId, op.name AS operatorName, par.number AS parentNumber, d.subtotal_cents AS subtotalCents,
    d.line_discount_cents + d.sale_discount_cents AS discountCents, d.complimentary_cents AS complimentaryCents,
    d.total_cents AS totalCents, d.rounding_cents AS roundingCents,
    ${pay('cash')} AS cashCents, ${pay('electronic')} AS electronicCents, ${pay('meal_voucher')} AS mealVoucherCents,
    ${pay('uncollected')} AS uncollectedCents, o.state AS fiscalState, o.document_number AS documentNumber,
    (SELECT i.number FROM invoices i WHERE i.document_id = d.id AND NOT EXISTS (SELECT 1 FROM invoices n WHERE n.replaces_id = i.id)) AS invoiceNumber,
    EXISTS (SELECT 1 FROM invoices i WHERE i.at_sale = 1 AND i.document_id IN (d.id, d.parent_id)) AS atSale
  FROM documents d
  LEFT JOIN documents par ON par.id = d.parent_id
  LEFT JOIN outbox o ON o.document_id = d.id
  LEFT JOIN operators op ON op.id = d.operator_id
  WHERE d.business_day BETWEEN ? AND ?
  ORDER BY d.business_day, d.seq`;

export function reportDocuments(db: ReadableDb, r: Range): ReportDocumentRow[] {
  return db.prepare(SQL_DOCS).all(r.from, r.to) as ReportDocumentRow[];
}

/** Streams the rows: a month of documents need not sit in memory at once. */
export function iterateReportDocuments(db: ReadableDb, r: Range): IterableIterator<ReportDocumentRow> {
  return db.prepare(SQL_DOCS).iterate(r.from, r.to) as IterableIterator<ReportDocumentRow>;
}
