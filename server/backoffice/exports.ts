// Exports for the accountant: the report as CSV (its figures, then each till's Z) and as the till's
// own A4 PDF (backend/reports/pdf.ts), the documents of a search as CSV. Same conventions as the
// till's CSV (backend/reports/csv.ts): ";" separator, decimal comma, UTF-8 with BOM, refunds negative.
import type pg from 'pg';
import type { DayReport } from '../../shared/contract/reports.js';
import type { ShopInfo } from '../../shared/receipt.js';
import { romeDateTimeLabel } from '../../shared/time.js';
import { csvAmount, csvField } from '../../backend/reports/csv.js';
import { KIND_IT, METHOD_IT } from '../../backend/reports/labels.js';
import { reportPdf } from '../../backend/reports/pdf.js';
import type { ShopReport } from './reports.js';
import type { DocumentSummary } from './sales.js';

const csv = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';

export const REPORT_CSV_COLUMNS = ['sezione', 'voce', 'cassa', 'giornata', 'numero', 'lordo', 'imponibile', 'imposta', 'importo'] as const;

/** The report's figures, one per row; then, per till and day, the Z the till closed. */
export function reportCsvOf(r: ShopReport, scopeLabel: string): string {
  const rep = r.report;
  const giornata = rep.from === rep.to ? rep.from : `${rep.from}..${rep.to}`;
  const rows: string[][] = [[...REPORT_CSV_COLUMNS]];
  const row = (v: Partial<Record<(typeof REPORT_CSV_COLUMNS)[number], string>>) => rows.push(REPORT_CSV_COLUMNS.map((c) => v[c] ?? ''));
  row({ sezione: 'documenti', voce: 'Vendite', cassa: scopeLabel, giornata, numero: String(rep.sales.count), importo: csvAmount(rep.sales.totalCents) });
  row({ sezione: 'documenti', voce: 'Resi', cassa: scopeLabel, giornata, numero: String(rep.returns.count), importo: csvAmount(-rep.returns.totalCents) });
  row({ sezione: 'documenti', voce: 'Annulli', cassa: scopeLabel, giornata, numero: String(rep.voids.count), importo: csvAmount(-rep.voids.totalCents) });
  row({ sezione: 'documenti', voce: 'Netto', cassa: scopeLabel, giornata, importo: csvAmount(rep.netCents) });
  for (const v of rep.vat)
    row({ sezione: 'iva', voce: v.vatCode, cassa: scopeLabel, giornata, lordo: csvAmount(v.net.grossCents), imponibile: csvAmount(v.net.taxableCents), imposta: csvAmount(v.net.vatCents), importo: csvAmount(v.net.grossCents) });
  for (const p of rep.payments)
    row({ sezione: 'pagamenti', voce: METHOD_IT[p.method], cassa: scopeLabel, giornata, numero: String(p.salesCount + p.refundsCount), importo: csvAmount(p.netCents) });
  row({ sezione: 'cassa', voce: 'Fondo cassa', cassa: scopeLabel, giornata, importo: csvAmount(rep.cash.openingFloatCents) });
  row({ sezione: 'cassa', voce: 'Entrate', cassa: scopeLabel, giornata, importo: csvAmount(rep.cash.cashInCents) });
  row({ sezione: 'cassa', voce: 'Uscite', cassa: scopeLabel, giornata, importo: csvAmount(-rep.cash.cashOutCents) });
  row({ sezione: 'cassa', voce: 'Contanti attesi', cassa: scopeLabel, giornata, importo: csvAmount(rep.cash.expectedCents) });
  for (const z of r.closures)
    row({ sezione: 'chiusura_z', voce: `Z ${z.zNumber}`, cassa: z.tillCode, giornata: z.businessDay, numero: String(z.zNumber), importo: csvAmount(z.netCents) });
  return csv(rows);
}

export const DOCUMENTS_CSV_COLUMNS = ['cassa', 'giornata', 'numero', 'tipo', 'data_ora', 'numero_ade', 'stato_ade', 'totale'] as const;

export function documentsCsv(docs: DocumentSummary[]): string {
  return csv([[...DOCUMENTS_CSV_COLUMNS], ...docs.map((d) => [
    d.tillCode, d.businessDay, d.number, KIND_IT[d.kind], romeDateTimeLabel(d.createdAt), d.adeNumber ?? '', d.fiscalState ?? '',
    csvAmount(d.kind === 'sale' ? d.totalCents : -d.totalCents),
  ])]);
}

/** The shop's header for the PDF: its name, and its address and VAT number from its master settings. */
export async function shopHeader(pool: pg.Pool, shopId: string, name: string): Promise<ShopInfo> {
  const rows = (await pool.query<{ id: string; value: unknown }>(
    `SELECT id, data->'value' AS value FROM master_items WHERE shop_id = $1 AND kind = 'setting' AND NOT deleted AND id IN ('shop.address', 'shop.vatNumber', 'shop.footer')`,
    [shopId])).rows;
  const get = (k: string) => { const v = rows.find((r) => r.id === k)?.value; return typeof v === 'string' ? v : ''; };
  return { name, address: get('shop.address'), vatNumber: get('shop.vatNumber'), footer: get('shop.footer') };
}

export function reportPdfOf(report: DayReport, shop: ShopInfo): Promise<Buffer> {
  return reportPdf(report, shop);
}
