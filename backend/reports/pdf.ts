// The A4 report for the accountant: shop header, key figures, VAT, payments, documents,
// transmission to the AdE, cash and the closing data, with page numbers on every page.
import { dayLabel, romeDateTimeLabel } from '../../shared/time.js';
import { formatEuro, formatAmount } from '../../shared/money.js';
import { vatLabel } from '../../shared/vat.js';
import type { ShopInfo } from '../../shared/receipt.js';
import type { DayReport } from '../../shared/contract/reports.js';
import { COLORS, MARGIN, contentWidth, footers, keyFigures, newDoc, paragraph, sectionTitle, table, toBuffer, type Doc, type TableRow } from './pdf-kit.js';
import { fiscalStateIt, KIND_IT, METHOD_IT, MOVEMENT_IT, plural, reportTitle } from './labels.js';

// The shop's header lives with the settings; re-exported for the reports' callers.
export { shopInfo } from '../settings.js';

const amt = (c: number) => formatAmount(c);
const periodLabel = (r: DayReport) => (r.from === r.to ? dayLabel(r.from) : `dal ${dayLabel(r.from)} al ${dayLabel(r.to)}`);

function header(doc: Doc, r: DayReport, shop: ShopInfo): void {
  const top = MARGIN;
  const half = contentWidth() / 2;
  doc.font('Helvetica-Bold').fontSize(16).fillColor(COLORS.ink).text(shop.name, MARGIN, top, { width: half });
  doc.font('Helvetica').fontSize(9).fillColor(COLORS.muted);
  if (shop.address.trim() !== '') doc.text(shop.address, { width: half });
  if (shop.vatNumber.trim() !== '') doc.text(`P.IVA ${shop.vatNumber}`, { width: half });
  const leftBottom = doc.y;

  const x = MARGIN + half;
  doc.font('Helvetica-Bold').fontSize(13).fillColor(COLORS.accent).text(reportTitle(r), x, top, { width: half, align: 'right' });
  doc.font('Helvetica').fontSize(9.5).fillColor(COLORS.ink);
  doc.text(r.from === r.to ? `Giornata ${periodLabel(r)}` : `Periodo ${periodLabel(r)}`, x, doc.y + 2, { width: half, align: 'right' });
  if (r.closure) doc.font('Helvetica-Bold').text(`Chiusura Z N. ${r.closure.zNumber}`, x, doc.y, { width: half, align: 'right' }).font('Helvetica');
  doc.fillColor(COLORS.muted).text(`Prodotto il ${romeDateTimeLabel(r.generatedAt)}`, x, doc.y, { width: half, align: 'right' });
  doc.y = Math.max(leftBottom, doc.y) + 10;
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + contentWidth(), doc.y).lineWidth(1.5).strokeColor(COLORS.accent).stroke();
  doc.y += 12;
  doc.x = MARGIN;
  if (r.type === 'x') paragraph(doc, 'Lettura X: situazione al momento della stampa, la giornata non è chiusa.', { muted: true });
}

function summary(doc: Doc, r: DayReport): void {
  const notReady = r.fiscal.pending + r.fiscal.failed;
  keyFigures(doc, [
    { label: 'Corrispettivi netti', value: formatEuro(r.netCents) },
    { label: `Vendite (${r.sales.count})`, value: formatEuro(r.sales.totalCents) },
    { label: `Resi e annulli (${r.returns.count + r.voids.count})`, value: formatEuro(-(r.returns.totalCents + r.voids.totalCents)) },
    { label: 'Non trasmessi AdE', value: String(notReady), warn: notReady > 0 },
  ]);
  closure(doc, r);
  sectionTitle(doc, 'Documenti');
  const cols = [{ header: 'Voce', width: 0.6 }, { header: 'Numero', width: 0.15, align: 'right' as const }, { header: 'Importo €', width: 0.25, align: 'right' as const }];
  table(doc, cols, [
    { cells: ['Vendite', String(r.sales.count), amt(r.sales.totalCents)] },
    // Already inside the sales: shown so that the invoices are not counted a second time.
    ...(r.invoiced && r.invoiced.count > 0 ? [{ cells: ['   di cui fatturati', String(r.invoiced.count), amt(r.invoiced.totalCents)] }] : []),
    { cells: ['Resi', String(r.returns.count), amt(-r.returns.totalCents)] },
    { cells: ['Annulli', String(r.voids.count), amt(-r.voids.totalCents)] },
    { cells: ['Totale corrispettivi netti', String(r.sales.count + r.returns.count + r.voids.count), amt(r.netCents)], bold: true },
    // Sales invoiced at the counter (issue #13): not corrispettivi, on their own line (money in the payments).
    ...(r.atSale && r.atSale.sales.count + r.atSale.creditNotes.count > 0 ? [
      { cells: ['Vendite documentate da fattura', String(r.atSale.sales.count), amt(r.atSale.sales.totalCents)] },
      ...(r.atSale.creditNotes.count > 0 ? [{ cells: ['   note di credito', String(r.atSale.creditNotes.count), amt(-r.atSale.creditNotes.totalCents)] }] : []),
    ] : []),
  ]);
  doc.moveDown(0.6);
  table(doc, [{ header: 'Altre voci', width: 0.75 }, { header: 'Importo €', width: 0.25, align: 'right' }], [
    { cells: ['Sconti su riga', amt(r.discounts.lineCents)] },
    { cells: ['Sconti sul totale', amt(r.discounts.saleCents)] },
    { cells: ['Omaggi (valore ceduto)', amt(r.complimentary.salesCents)] },
    ...(r.complimentary.refundsCents !== 0 ? [{ cells: ['Omaggi resi o annullati', amt(-r.complimentary.refundsCents)] }] : []),
    { cells: ['Arrotondamenti contanti sulle vendite', amt(r.rounding.salesCents)] },
    ...(r.rounding.voidedCents !== 0 ? [{ cells: ['Arrotondamenti stornati dagli annulli', amt(-r.rounding.voidedCents)] }] : []),
    { cells: ['Arrotondamenti netti', amt(r.rounding.netCents)], bold: true },
  ]);
}

function vat(doc: Doc, r: DayReport): void {
  sectionTitle(doc, 'Riepilogo IVA');
  const n = (w: number, h: string) => ({ header: h, width: w, align: 'right' as const });
  const rows: TableRow[] = r.vat.map((v) => ({
    cells: [vatLabel(v.vatCode), amt(v.sales.grossCents), amt(-v.refunds.grossCents), amt(v.net.grossCents), amt(v.net.taxableCents), amt(v.net.vatCents)],
  }));
  const t = r.vatTotal;
  rows.push({ cells: ['Totale', amt(t.sales.grossCents), amt(-t.refunds.grossCents), amt(t.net.grossCents), amt(t.net.taxableCents), amt(t.net.vatCents)], bold: true });
  table(doc, [{ header: 'Aliquota / natura', width: 0.25 }, n(0.15, 'Vendite €'), n(0.15, 'Resi/annulli €'), n(0.15, 'Lordo netto €'), n(0.15, 'Imponibile €'), n(0.15, 'Imposta €')], rows);
}

function payments(doc: Doc, r: DayReport): void {
  sectionTitle(doc, 'Pagamenti');
  const n = (w: number, h: string) => ({ header: h, width: w, align: 'right' as const });
  const rows: TableRow[] = r.payments.map((p) => ({
    cells: [METHOD_IT[p.method] + (p.pieces ? ` (${plural(p.pieces, 'buono', 'buoni')})` : ''), String(p.salesCount), amt(p.salesCents), String(p.refundsCount), amt(-p.refundsCents), amt(p.netCents)],
  }));
  rows.push({ cells: ['Totale incassato', '', '', '', '', amt(r.paymentsNetCents)], bold: true });
  table(doc, [{ header: 'Metodo', width: 0.3 }, n(0.1, 'N.'), n(0.16, 'Incassato €'), n(0.1, 'N.'), n(0.16, 'Rimborsato €'), n(0.18, 'Netto €')], rows);
  doc.moveDown(0.5);
  const a = r.atSale && r.atSale.sales.count + r.atSale.creditNotes.count > 0 ? r.atSale : null;
  paragraph(doc, `Il totale incassato è pari ai corrispettivi netti (${formatEuro(r.netCents)}) più gli arrotondamenti netti (${formatEuro(r.rounding.netCents)})${
    a ? ` più le vendite documentate da fattura al netto delle note di credito (${formatEuro(a.netCents + a.roundingCents)})` : ''}.`, { muted: true });
}

function fiscal(doc: Doc, r: DayReport): void {
  sectionTitle(doc, "Trasmissione all'Agenzia delle Entrate");
  const n = r.numbering;
  table(doc, [{ header: 'Numerazione', width: 0.4 }, { header: 'Primo', width: 0.3 }, { header: 'Ultimo', width: 0.3 }], [
    { cells: ['Numero locale', n.firstNumber ?? '—', n.lastNumber ?? '—'] },
    { cells: ['Numero documento AdE', n.firstDocumentNumber ?? '—', n.lastDocumentNumber ?? '—'] },
  ]);
  doc.moveDown(0.6);
  const f = r.fiscal;
  paragraph(doc, `Documenti: ${f.total} — accettati ${f.ready}, in attesa ${f.pending}, rifiutati/falliti ${f.failed}.`, { bold: true, warn: f.pending + f.failed > 0 });
  if (r.fiscalNow && (r.fiscalNow.ready !== f.ready || r.fiscalNow.failed !== f.failed))
    paragraph(doc, `Situazione attuale: accettati ${r.fiscalNow.ready}, in attesa ${r.fiscalNow.pending}, rifiutati/falliti ${r.fiscalNow.failed}.`, { muted: true });
  if (f.notReady.length > 0) {
    table(doc, [{ header: 'Documento', width: 0.19 }, { header: 'Tipo', width: 0.1 }, { header: 'Data e ora', width: 0.19 }, { header: 'Importo €', width: 0.13, align: 'right' }, { header: 'Stato', width: 0.39 }],
      f.notReady.map((d) => ({
        cells: [d.number, KIND_IT[d.kind], romeDateTimeLabel(d.createdAt), amt(d.totalCents), fiscalStateIt(d.state, d.errorMessage)],
        warn: d.bucket === 'failed',
      })));
  }
}

function cash(doc: Doc, r: DayReport): void {
  sectionTitle(doc, 'Cassa contanti');
  const c = r.cash;
  const rows: TableRow[] = [
    { cells: ['Fondo cassa iniziale', amt(c.openingFloatCents)] },
    { cells: ['Incassi in contanti', amt(c.cashSalesCents)] },
    { cells: ['Rimborsi in contanti', amt(-c.cashRefundsCents)] },
    { cells: ['Entrate di cassa', amt(c.cashInCents)] },
    { cells: ['Uscite di cassa', amt(-c.cashOutCents)] },
    { cells: ['Contanti attesi', amt(c.expectedCents)], bold: true },
  ];
  if (c.count) {
    rows.push({ cells: [`Contanti contati (${romeDateTimeLabel(c.count.countedAt)})`, amt(c.count.countedCents)] });
    rows.push({ cells: ['Differenza (contati - attesi)', amt(c.varianceCents ?? 0)], bold: true, warn: (c.varianceCents ?? 0) !== 0 });
  }
  table(doc, [{ header: 'Voce', width: 0.75 }, { header: 'Importo €', width: 0.25, align: 'right' }], rows);
  if (!c.count && r.type !== 'period') paragraph(doc, 'Il contante non è stato contato.', { warn: true });
  if (c.movements.length > 0) {
    doc.moveDown(0.6);
    table(doc, [{ header: 'Movimento', width: 0.15 }, { header: 'Data e ora', width: 0.2 }, { header: 'Operatore', width: 0.15 }, { header: 'Motivo', width: 0.32 }, { header: 'Importo €', width: 0.18, align: 'right' }],
      c.movements.map((m) => ({ cells: [MOVEMENT_IT[m.kind], romeDateTimeLabel(m.createdAt), m.operatorName ?? '—', m.reason, amt(m.kind === 'out' ? -m.amountCents : m.amountCents)] })));
  }
  if (c.count) {
    const used = c.count.denominations.filter((d) => d.pieces > 0);
    if (used.length > 0) {
      doc.moveDown(0.6);
      table(doc, [{ header: 'Taglio', width: 0.4 }, { header: 'Pezzi', width: 0.3, align: 'right' }, { header: 'Importo €', width: 0.3, align: 'right' }], [
        ...used.map((d) => ({ cells: [formatEuro(d.valueCents), String(d.pieces), amt(d.amountCents)] })),
        { cells: ['Totale contato', '', amt(c.count.countedCents)], bold: true },
      ]);
    }
  }
}

function closure(doc: Doc, r: DayReport): void {
  if (!r.closure) return;
  const z = r.closure;
  sectionTitle(doc, 'Chiusura');
  const rows: TableRow[] = [
    { cells: ['Chiusura Z numero', String(z.zNumber)] },
    { cells: ['Chiusa il', `${romeDateTimeLabel(z.closedAt)}${z.operatorName ? ` da ${z.operatorName}` : ''}`] },
    { cells: ['Invio finale', !z.finalSync.ran ? 'non eseguito' : z.finalSync.ok ? 'completato' : `non riuscito: ${z.finalSync.error ?? ''}`], warn: z.finalSync.ran && !z.finalSync.ok },
    { cells: ['Documenti non accettati alla chiusura', String(z.notReadyAtClose)], warn: z.notReadyAtClose > 0 },
  ];
  if (z.note) rows.push({ cells: ['Nota del responsabile', z.note], warn: z.notReadyAtClose > 0 });
  table(doc, [{ header: 'Dato', width: 0.4 }, { header: 'Valore', width: 0.6 }], rows);
}

/** The report as an A4 PDF. */
export async function reportPdf(report: DayReport, shop: ShopInfo): Promise<Buffer> {
  const title = `${reportTitle(report)} ${periodLabel(report)}`;
  const doc = newDoc({ title, author: shop.name, subject: 'Corrispettivi giornalieri' });
  header(doc, report, shop);
  summary(doc, report);
  vat(doc, report);
  payments(doc, report);
  fiscal(doc, report);
  cash(doc, report);
  const z = report.closure ? ` — Z N. ${report.closure.zNumber}` : '';
  footers(doc, `${shop.name} — ${title}${z}`);
  return toBuffer(doc);
}
