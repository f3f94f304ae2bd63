// DayReport → the printing helper's generic ZReportPrintable, and the print job that carries it.
import type { WritableDb } from '../db/types.js';
import { enqueueZReport } from '../printing/index.js';
import type { Clock } from '../../shared/time.js';
import { dayLabel, romeDateTimeLabel } from '../../shared/time.js';
import { formatEuro } from '../../shared/money.js';
import type { ZReportPrintable, ZReportRow } from '../../shared/receipt.js';
import type { DayReport } from '../../shared/contract/reports.js';
import { FISCAL_STATE_IT, METHOD_IT, plural, reportTitle } from './labels.js';

/** How many not-transmitted documents are listed by number on paper before "… and N more". */
const MAX_LISTED = 15;

/**
 * «Vendite documentate da fattura» (issue #13): sales invoiced at the counter and their credit notes,
 * outside the corrispettivi above (not counted twice) and inside the money below.
 */
function atSaleRows(r: DayReport): ZReportRow[] {
  const a = r.atSale;
  if (!a || a.sales.count + a.creditNotes.count === 0) return [];
  return [
    { label: `Vendite documentate da fattura (${a.sales.count})`, amountCents: a.sales.totalCents },
    ...(a.creditNotes.count > 0 ? [{ label: `  note di credito (${a.creditNotes.count})`, amountCents: -a.creditNotes.totalCents }] : []),
  ];
}

export function toZReportPrintable(r: DayReport, opts: { operator?: string | null } = {}): ZReportPrintable {
  const rows: ZReportRow[] = [
    { label: `Vendite (${r.sales.count})`, amountCents: r.sales.totalCents },
    // Already inside the sales: shown so that the invoices are not counted a second time.
    ...(r.invoiced && r.invoiced.count > 0 ? [{ label: `  di cui fatturati (${r.invoiced.count})`, amountCents: r.invoiced.totalCents }] : []),
    { label: `Resi (${r.returns.count})`, amountCents: -r.returns.totalCents },
    { label: `Annulli (${r.voids.count})`, amountCents: -r.voids.totalCents },
    { label: 'TOTALE CORRISPETTIVI', amountCents: r.netCents, bold: true },
    ...atSaleRows(r),
    { label: 'Sconti', amountCents: r.discounts.totalCents },
    { label: 'Omaggi', amountCents: r.complimentary.salesCents },
    { label: 'Arrotondamenti', amountCents: r.rounding.netCents },
  ];
  const cashRows: ZReportRow[] = [
    { label: 'Fondo cassa', amountCents: r.cash.openingFloatCents },
    { label: 'Incassi contanti', amountCents: r.cash.cashSalesCents },
    { label: 'Rimborsi contanti', amountCents: -r.cash.cashRefundsCents },
    { label: 'Entrate', amountCents: r.cash.cashInCents },
    { label: 'Uscite', amountCents: -r.cash.cashOutCents },
    { label: 'CONTANTI ATTESI', amountCents: r.cash.expectedCents, bold: true },
  ];
  if (r.cash.count) {
    cashRows.push({ label: 'Contanti contati', amountCents: r.cash.count.countedCents });
    cashRows.push({ label: 'DIFFERENZA', amountCents: r.cash.varianceCents ?? 0, bold: true });
  }
  const notes: string[] = [];
  const n = r.numbering;
  if (n.firstNumber) notes.push(`Documenti dal ${n.firstNumber} al ${n.lastNumber}`);
  if (n.firstDocumentNumber) notes.push(`N. AdE dal ${n.firstDocumentNumber} al ${n.lastDocumentNumber}`);
  if (!r.cash.count && r.type !== 'period') notes.push('Contanti non contati');
  const f = r.fiscal;
  if (f.notReady.length > 0) {
    notes.push(`ATTENZIONE: ${plural(f.pending + f.failed, 'documento non accettato', 'documenti non accettati')} dall'AdE`);
    for (const d of f.notReady.slice(0, MAX_LISTED)) notes.push(`${d.number} ${formatEuro(d.totalCents)} ${FISCAL_STATE_IT[d.state] ?? 'non accettato'}`);
    const more = f.notReady.length - MAX_LISTED;
    if (more > 0) notes.push(more === 1 ? '... e un altro' : `... e altri ${more}`);
  }
  if (r.closure) {
    notes.push(`Chiusa il ${romeDateTimeLabel(r.closure.closedAt)}`);
    if (r.closure.note) notes.push(`Nota di chiusura: ${r.closure.note}`);
    if (r.closure.finalSync.ran && !r.closure.finalSync.ok) notes.push(`Invio finale non riuscito: ${r.closure.finalSync.error ?? ''}`);
  }
  if (r.type === 'period') notes.unshift(`Periodo dal ${dayLabel(r.from)} al ${dayLabel(r.to)}`);
  return {
    title: reportTitle(r),
    businessDay: r.from,
    zNumber: r.closure?.zNumber ?? null,
    generatedAt: r.generatedAt,
    operator: opts.operator ?? r.closure?.operatorName ?? null,
    rows,
    vatRows: r.vat.map((v) => ({ vatCode: v.vatCode, ...v.net })),
    paymentRows: r.payments.map((p) => ({ label: METHOD_IT[p.method], amountCents: p.netCents, count: p.pieces })),
    counts: [
      { label: 'Documenti accettati AdE', value: f.ready },
      { label: 'In attesa di invio/esito', value: f.pending },
      { label: 'Rifiutati/falliti', value: f.failed },
    ],
    sections: [{ title: 'CASSA', rows: cashRows }],
    notes,
  };
}

/** Queues the report on the thermal printer (the printing queue's z_report job); returns the job id. */
export function queueReportPrint(db: WritableDb, clock: Clock, report: DayReport, opts: { operator?: string | null } = {}): string {
  return enqueueZReport(db, clock, toZReportPrintable(report, opts));
}
