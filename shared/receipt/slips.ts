// The other papers the till prints: the late fiscal number, the Z/X report, the test page.
import { formatAmount, formatEuro } from '../money.js';
import type { DocumentRecord } from '../document.js';
import { dayLabel, romeDateTimeLabel } from '../time.js';
import type { ReceiptColumns, ReceiptLayout, ShopInfo, ZReportPrintable } from './model.js';
import { LineList, footer, shopHeader, vatSummary } from './common.js';
import { TOTAL_LABELS, fiscalReference } from './document.js';

const KIND_LABEL = { sale: 'Vendita', return: 'Reso', void: 'Annullamento' } as const;

/**
 * The slip printed once the AdE number of a receipt that went out provisional is known: it ties
 * the local number, date and total to the document number. Returns null while there is no number.
 */
export function layoutFiscalNumberSlip(doc: DocumentRecord, shop: ShopInfo, opts: { columns: ReceiptColumns }): ReceiptLayout | null {
  const ref = fiscalReference(doc);
  if (!ref) return null;
  const out = new LineList(opts.columns);
  shopHeader(out, shop, false);
  out.blank();
  out.center('NUMERO DOCUMENTO COMMERCIALE', { bold: true });
  out.rule();
  out.pair(KIND_LABEL[doc.kind], `N. ${doc.number}`);
  out.pair('Data', romeDateTimeLabel(doc.createdAt));
  out.pair(TOTAL_LABELS[doc.kind].total, formatEuro(doc.totalCents), { bold: true });
  out.rule();
  out.text(`Documento N. ${ref}`, { bold: true });
  out.blank();
  out.push({ kind: 'qr', data: doc.id, moduleSize: opts.columns === 32 ? 4 : 5 });
  out.push({ kind: 'cut' });
  return { kind: 'fiscal_number', columns: opts.columns, lines: out.lines, openDrawer: false };
}

/** End-of-day (Z) or interim (X) report. */
export function layoutZReport(report: ZReportPrintable, shop: ShopInfo, opts: { columns: ReceiptColumns }): ReceiptLayout {
  const out = new LineList(opts.columns);
  shopHeader(out, shop, false);
  out.blank();
  out.center(report.title, { bold: true, size: 'tall' });
  out.pair('Giornata', dayLabel(report.businessDay));
  if (report.zNumber !== null) out.pair('Chiusura Z N.', String(report.zNumber), { bold: true });
  out.pair('Stampato il', romeDateTimeLabel(report.generatedAt));
  if (report.operator) out.pair('Operatore', report.operator);
  out.rule('=');
  for (const r of report.rows) out.pair(r.label, formatAmount(r.amountCents), { bold: r.bold ?? false });
  if (report.vatRows.length > 0) {
    out.rule();
    vatSummary(out, report.vatRows, 'IVA');
  }
  if (report.paymentRows.length > 0) {
    out.rule();
    out.text('PAGAMENTI', { bold: true });
    for (const p of report.paymentRows) out.pair(p.count ? `${p.label} (${p.count})` : p.label, formatAmount(p.amountCents));
  }
  for (const s of report.sections ?? []) {
    out.rule();
    out.text(s.title, { bold: true });
    for (const r of s.rows) out.pair(r.label, formatAmount(r.amountCents), { bold: r.bold ?? false });
  }
  if (report.counts.length > 0) {
    out.rule();
    for (const c of report.counts) out.pair(c.label, String(c.value));
  }
  if (report.notes.length > 0) {
    out.rule();
    for (const n of report.notes) out.text(n);
  }
  out.rule('=');
  out.push({ kind: 'cut' });
  return { kind: 'z_report', columns: opts.columns, lines: out.lines, openDrawer: false };
}

/** What `bancone print test` prints: accents, €, the width ruler, a QR code, a cut. */
export function layoutTestPage(
  shop: ShopInfo,
  opts: { columns: ReceiptColumns; now: Date; printer?: string; openDrawer?: boolean; logo?: boolean },
): ReceiptLayout {
  const out = new LineList(opts.columns);
  shopHeader(out, shop, opts.logo ?? false);
  out.blank();
  out.center('PROVA DI STAMPA', { bold: true, size: 'tall' });
  out.pair('Data', romeDateTimeLabel(opts.now));
  if (opts.printer) out.pair('Stampante', opts.printer);
  out.pair('Colonne', String(opts.columns));
  out.rule();
  out.fixed('1234567890'.repeat(5).slice(0, opts.columns));
  out.text('Accenti: à è é ì ò ù À È É Ì Ò Ù');
  out.text('Città, perché, più, però, già');
  out.pair('Euro', formatEuro(123456));
  out.text('Grassetto', { bold: true });
  out.text('Doppia altezza', { size: 'tall' });
  out.center('Grande', { size: 'large' });
  out.rule('=');
  out.blank();
  out.push({ kind: 'qr', data: 'BANCONE-TEST', moduleSize: 4 });
  footer(out, shop);
  out.push({ kind: 'cut' });
  return { kind: 'test', columns: opts.columns, lines: out.lines, openDrawer: opts.openDrawer ?? false };
}
