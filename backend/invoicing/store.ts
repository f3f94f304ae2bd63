// Reading the invoices table (migration 0016): one invoice, the list, and what a sale or a return
// already has. The writer is ./issue.ts; nothing updates an issued invoice (triggers refuse it).
import type { ReadableDb } from '../db/types.js';
import { readStmt } from '../db/statements.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import type { InvoiceSending, InvoiceSendingState } from '../../shared/contract/invoices.js';
import { sdiAdvice } from '../../shared/invoicing/sdi-errors.js';

export interface InvoiceRecord {
  id: string;
  kind: 'TD01' | 'TD04';
  number: string;
  year: string;
  seq: number;
  date: string;
  /** The ledger document it documents: the sale (TD01), the return or void (TD04). */
  document: { id: string; number: string; kind: 'sale' | 'return' | 'void' };
  customer: { id: string; name: string };
  totalCents: number;
  fileName: string;
  /** TD01: the documento commerciale it cites. */
  receipt: { number: string; date: string; adeNumber: string | null } | null;
  /** TD04: the invoice it corrects. */
  corrects: { id: string; number: string; date: string } | null;
  /** A TD01 issued at the counter instead of the receipt (no documento commerciale exists). */
  atSale: boolean;
  /** The corrected re-issue of an invoice the SDI rejected: that invoice. */
  replaces: { id: string; number: string; date: string } | null;
  operatorId: string | null;
  createdAt: string;
  /** Where the sending stands (the sending machinery moves it; pending until then). */
  sending: InvoiceSending;
}

interface Row {
  id: string; kind: 'TD01' | 'TD04'; number: string; year: string; seq: number; date: string;
  document_id: string; document_number: string; document_kind: 'sale' | 'return' | 'void';
  customer_id: string; customer_name: string; total_cents: number; file_name: string;
  receipt_number: string | null; receipt_date: string | null; receipt_ade_number: string | null;
  corrects_id: string | null; corrects_number: string | null; corrects_date: string | null;
  at_sale: 0 | 1; replaces_id: string | null; replaces_number: string | null; replaces_date: string | null;
  operator_id: string | null; created_at: string;
  state: InvoiceSendingState; provider: string | null; attempts: number; remote_id: string | null; last_error: string | null;
  sdi_id: string | null; sdi_errors: string; replaced: 0 | 1;
}

const SELECT = `SELECT i.id, i.kind, i.number, i.year, i.seq, i.date, i.document_id, d.number AS document_number, d.kind AS document_kind,
  i.customer_id, c.display_name AS customer_name, i.total_cents, i.file_name, i.receipt_number, i.receipt_date, i.receipt_ade_number,
  i.corrects_id, k.number AS corrects_number, k.date AS corrects_date, i.at_sale, i.replaces_id, p.number AS replaces_number, p.date AS replaces_date,
  i.operator_id, i.created_at,
  o.state, o.provider, o.attempts, o.remote_id, o.last_error, o.sdi_id, o.sdi_errors,
  EXISTS (SELECT 1 FROM invoices n WHERE n.replaces_id = i.id) AS replaced
  FROM invoices i JOIN documents d ON d.id = i.document_id JOIN customers c ON c.id = i.customer_id
  JOIN invoice_outbox o ON o.invoice_id = i.id LEFT JOIN invoices k ON k.id = i.corrects_id
  LEFT JOIN invoices p ON p.id = i.replaces_id`;

function toRecord(r: Row): InvoiceRecord {
  return {
    id: r.id, kind: r.kind, number: r.number, year: r.year, seq: r.seq, date: r.date,
    document: { id: r.document_id, number: r.document_number, kind: r.document_kind },
    customer: { id: r.customer_id, name: r.customer_name },
    totalCents: r.total_cents, fileName: r.file_name,
    receipt: r.receipt_number !== null ? { number: r.receipt_number, date: r.receipt_date!, adeNumber: r.receipt_ade_number } : null,
    corrects: r.corrects_id !== null ? { id: r.corrects_id, number: r.corrects_number!, date: r.corrects_date! } : null,
    atSale: r.at_sale === 1,
    replaces: r.replaces_id !== null ? { id: r.replaces_id, number: r.replaces_number!, date: r.replaces_date! } : null,
    operatorId: r.operator_id, createdAt: r.created_at,
    sending: sendingOf(r),
  };
}

/** The outbox row in the shop's words. The SDI's errors are kept as the service gave them, with what to fix for the codes the till knows. */
function sendingOf(r: Row): InvoiceSending {
  const label = msg.invoiceSending[r.state];
  const errors = JSON.parse(r.sdi_errors) as { code: string; message: string }[];
  return {
    state: r.state, provider: r.provider, attempts: r.attempts, remoteId: r.remote_id, lastError: r.last_error, sdiId: r.sdi_id,
    label: label.it, labelEn: label.en,
    sdiErrors: errors.map((e) => {
      const advice = sdiAdvice(e.code);
      return { code: e.code, message: e.message, advice: advice?.it ?? null, adviceEn: advice?.en ?? null };
    }),
    canRetry: r.state === 'failed',
    canReissue: r.state === 'rejected' && r.replaced === 0,
  };
}

/** The invoice by its id or its number («2026/0001»), or null. */
export function findInvoice(db: ReadableDb, ref: string): InvoiceRecord | null {
  const r = readStmt(db, `${SELECT} WHERE i.id = ? OR i.number = ?`).get(ref, ref) as Row | undefined;
  return r ? toRecord(r) : null;
}

export function getInvoice(db: ReadableDb, ref: string): InvoiceRecord {
  return findInvoice(db, ref) ?? fail('INVOICE_NOT_FOUND', msg.invoices.notFound({ ref }), 'invoice');
}

/** The XML exactly as issued. */
export function invoiceXml(db: ReadableDb, id: string): string {
  return readStmt(db, 'SELECT xml FROM invoices WHERE id = ?', { pluck: true }).get(id) as string;
}

/**
 * The invoice (TD01 or TD04) of a ledger document, if it has one: the one no re-issue replaces
 * (a document whose invoice the SDI rejected has the rejected one and its corrected re-issue).
 */
export function invoiceOfDocument(db: ReadableDb, documentId: string): InvoiceRecord | null {
  const r = readStmt(db, `${SELECT} WHERE i.document_id = ? AND NOT EXISTS (SELECT 1 FROM invoices n WHERE n.replaces_id = i.id)`).get(documentId) as Row | undefined;
  return r ? toRecord(r) : null;
}

/** The series in order (newest first), optionally one year's. */
export function listInvoices(db: ReadableDb, opts: { year?: string; limit: number }): InvoiceRecord[] {
  const rows = opts.year
    ? readStmt(db, `${SELECT} WHERE i.year = ? ORDER BY i.year DESC, i.seq DESC LIMIT ?`).all(opts.year, opts.limit) as Row[]
    : readStmt(db, `${SELECT} ORDER BY i.year DESC, i.seq DESC LIMIT ?`).all(opts.limit) as Row[];
  return rows.map(toRecord);
}
