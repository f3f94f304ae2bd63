// CSV for the accountant: one row per document, then one row per VAT code. Italian spreadsheet
// conventions: ";" separator, decimal comma, no thousands separator, UTF-8 with BOM (Excel).
// Refunds (returns, voids) are negative, so summing the "totale" of the «documento» rows gives the net
// corrispettivi; sales invoiced at the counter and their refunds are «fattura» rows (issue #13).
import type { ReadableDb } from '../db/types.js';
import { romeDateTimeLabel } from '../../shared/time.js';
import type { DayReport } from '../../shared/contract/reports.js';
import { iterateReportDocuments } from './documents.js';
import { KIND_IT } from './labels.js';

export const CSV_COLUMNS = [
  'riga', 'giornata', 'numero', 'tipo', 'data_ora', 'operatore', 'documento_origine', 'numero_ade', 'stato_ade',
  'codice_iva', 'lordo', 'sconti', 'omaggi', 'totale', 'imponibile', 'imposta', 'arrotondamento',
  'contanti', 'elettronico', 'buoni_pasto', 'non_riscosso', 'fattura',
] as const;

/** "-1234,56": a decimal comma and nothing else, so every spreadsheet reads it as a number. */
export function csvAmount(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)},${(abs % 100).toString().padStart(2, '0')}`;
}

export function csvField(v: string): string {
  return /[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function reportCsv(db: ReadableDb, report: DayReport): string {
  const lines: string[] = [CSV_COLUMNS.join(';')];
  const row = (values: Partial<Record<(typeof CSV_COLUMNS)[number], string>>) =>
    lines.push(CSV_COLUMNS.map((c) => csvField(values[c] ?? '')).join(';'));
  for (const d of iterateReportDocuments(db, report)) {
    const s = d.kind === 'sale' ? 1 : -1;
    row({
      // A sale invoiced at the counter or its refund (issue #13): not a documento commerciale, not in
      // the corrispettivi; its own kind of row, so summing the «documento» rows' totale still gives them.
      riga: d.atSale ? 'fattura' : 'documento',
      giornata: d.businessDay,
      numero: d.number,
      tipo: KIND_IT[d.kind],
      data_ora: romeDateTimeLabel(d.createdAt),
      operatore: d.operatorName ?? '',
      documento_origine: d.parentNumber ?? '',
      numero_ade: d.documentNumber ?? '',
      stato_ade: d.fiscalState ?? '',
      lordo: csvAmount(s * d.subtotalCents),
      sconti: csvAmount(d.discountCents),
      omaggi: csvAmount(s * d.complimentaryCents),
      totale: csvAmount(s * d.totalCents),
      arrotondamento: csvAmount(s * d.roundingCents),
      contanti: csvAmount(s * d.cashCents),
      elettronico: csvAmount(s * d.electronicCents),
      buoni_pasto: csvAmount(s * d.mealVoucherCents),
      non_riscosso: csvAmount(s * d.uncollectedCents),
      // The sale's invoice (or the refund's credit note): already in «totale», not to be counted again.
      fattura: d.invoiceNumber ?? '',
    });
  }
  const giornata = report.from === report.to ? report.from : `${report.from}..${report.to}`;
  for (const v of report.vat) {
    row({
      riga: 'iva',
      giornata,
      codice_iva: v.vatCode,
      totale: csvAmount(v.net.grossCents),
      imponibile: csvAmount(v.net.taxableCents),
      imposta: csvAmount(v.net.vatCents),
    });
  }
  const a = report.atSale;
  if (a && a.sales.count + a.creditNotes.count > 0) {
    row({ riga: 'vendite documentate da fattura', giornata, totale: csvAmount(a.sales.totalCents) });
    if (a.creditNotes.count > 0) row({ riga: 'note di credito', giornata, totale: csvAmount(-a.creditNotes.totalCents) });
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
