// The reconciliation export (issue #13, Sibill's use case «collega fatture e pagamenti»): one row per
// electronic payment of a business day, so the card settlement (and any bank transfer) can be matched
// to the document it paid. Only `electronic` payments: cash never reaches a settlement, meal vouchers
// are paid out by their issuer (Edenred, Pluxee, …) in its own statements, not by the card acquirer,
// and «non riscosso» was not collected at all. Refunds (returns, voids) are negative, as in the
// documents CSV, so the column sums to the X/Z's net electronic figure. Training sales live in
// training_documents and never appear here.
import type { ReadableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { ReconciliationDay } from '../../shared/contract/reports.js';
import { xReport } from './report.js';
import type { DocumentKind } from '../../shared/document.js';
import { csvAmount, csvField } from './csv.js';
import { KIND_IT, METHOD_IT } from './labels.js';
import { SHOP_TZ } from '../../shared/time.js';
import { reconciliationIdentifier } from '../../shared/reconciliation.js';

// The identifier's rule lives in shared/ (the receipt and the invoice print it too).
export { reconciliationIdentifier };

export interface ReconciliationRow {
  identifier: string;
  number: string;
  kind: DocumentKind;
  parentNumber: string | null;
  invoiceNumber: string | null;
  method: 'electronic';
  /** Signed: negative for money given back (returns, voids). */
  amountCents: number;
  timeUtc: string;
  timeRome: string;
}

/** "2026-11-21T11:05:00+01:00": the shop's wall clock with its offset, so a person and a program both read it. */
export function romeIsoLocal(instant: string): string {
  const d = new Date(instant);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: SHOP_TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23', timeZoneName: 'longOffset',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  const offset = String(parts.timeZoneName).replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

const SQL = `
  SELECT d.number AS number, d.kind AS kind, d.created_at AS createdAt, par.number AS parentNumber,
    -- The document's invoice: after a rejection, the corrected re-issue (the one no other replaces).
    (SELECT i.number FROM invoices i WHERE i.document_id = d.id AND NOT EXISTS (SELECT 1 FROM invoices n WHERE n.replaces_id = i.id)) AS invoiceNumber,
    p.applied_cents AS appliedCents
  FROM documents d
  JOIN payments p ON p.document_id = d.id AND p.method = 'electronic'
  LEFT JOIN documents par ON par.id = d.parent_id
  WHERE d.business_day = ? AND p.applied_cents <> 0
  ORDER BY d.seq, p.seq`;

export function reconciliationRows(db: ReadableDb, businessDay: string): ReconciliationRow[] {
  const rows = db.prepare(SQL).all(businessDay) as {
    number: string; kind: DocumentKind; createdAt: string; parentNumber: string | null; invoiceNumber: string | null; appliedCents: number;
  }[];
  return rows.map((r) => ({
    identifier: reconciliationIdentifier(r.number),
    number: r.number,
    kind: r.kind,
    parentNumber: r.parentNumber,
    invoiceNumber: r.invoiceNumber,
    method: 'electronic',
    amountCents: r.kind === 'sale' ? r.appliedCents : -r.appliedCents,
    timeUtc: new Date(r.createdAt).toISOString(),
    timeRome: romeIsoLocal(r.createdAt),
  }));
}

export const RECONCILIATION_COLUMNS = [
  'identificativo', 'numero', 'tipo', 'documento_origine', 'fattura', 'metodo', 'importo', 'data_ora_utc', 'data_ora_roma',
] as const;

/** Same conventions as the documents CSV (csv.ts): «;», decimal comma, CRLF, UTF-8 with BOM for Excel. */
export function reconciliationCsv(rows: readonly ReconciliationRow[]): string {
  const lines = [RECONCILIATION_COLUMNS.join(';')];
  for (const r of rows) {
    lines.push([
      r.identifier, r.number, KIND_IT[r.kind], r.parentNumber ?? '', r.invoiceNumber ?? '', METHOD_IT[r.method],
      csvAmount(r.amountCents), r.timeUtc, r.timeRome,
    ].map(csvField).join(';'));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The JSON of `--json`: amounts as decimal strings at the edge ("-12.50"), cents kept alongside. */
export function reconciliationJson(rows: readonly ReconciliationRow[]) {
  return rows.map((r) => ({
    identifier: r.identifier, number: r.number, kind: r.kind, parent_number: r.parentNumber, invoice_number: r.invoiceNumber,
    method: r.method, amount: csvAmount(r.amountCents).replace(',', '.'), amount_cents: r.amountCents,
    time_utc: r.timeUtc, time_rome: r.timeRome,
  }));
}

/**
 * The screen's view of a day (reports.reconciliation): the rows, their total, and the X reading's net
 * electronic payments of the same day beside it, so the shop sees the two agree before exporting.
 */
export function reconciliationDay(db: ReadableDb, clock: Clock, businessDay: string): ReconciliationDay {
  const rows = reconciliationRows(db, businessDay);
  const electronic = xReport(db, clock, businessDay).payments.find((p) => p.method === 'electronic');
  return {
    date: businessDay,
    rows: rows.map((r) => ({
      identifier: r.identifier, number: r.number, kind: r.kind, parentNumber: r.parentNumber, invoiceNumber: r.invoiceNumber,
      method: r.method, amountCents: r.amountCents, timeUtc: r.timeUtc, timeRome: r.timeRome,
    })),
    totalCents: rows.reduce((a, r) => a + r.amountCents, 0),
    reportElectronicCents: electronic?.netCents ?? 0,
  };
}

/** «riconciliazione-2026-11-21.csv» */
export function reconciliationFileName(businessDay: string): string {
  return `riconciliazione-${businessDay}.csv`;
}
