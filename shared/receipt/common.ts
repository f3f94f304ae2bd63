// Pieces shared by every paper: the shop header, marks, the VAT summary, footers.
import { formatAmount } from '../money.js';
import type { VatRow } from '../sale.js';
import { VAT_NATURE_LABELS, compareVatCodes, type VatCode } from '../vat.js';
import { dayLabel } from '../time.js';
import type { ReceiptColumns, ReceiptLine, ReceiptMark, ShopInfo } from './model.js';
import { pairLines, textLines, widthFor } from './text.js';
import { toPrintable } from './charset.js';

/** A growing list of lines for one width: keeps the layout functions short and readable. */
export class LineList {
  readonly lines: ReceiptLine[] = [];
  constructor(readonly columns: ReceiptColumns) {}
  text(text: string, style: { align?: 'left' | 'center' | 'right'; bold?: boolean; size?: 'normal' | 'tall' | 'large' } = {}): this {
    this.lines.push(...textLines(text, this.columns, style));
    return this;
  }
  center(text: string, style: { bold?: boolean; size?: 'normal' | 'tall' | 'large' } = {}): this {
    return this.text(text, { ...style, align: 'center' });
  }
  /** A pre-formatted line (columns padded by the caller); wrapped only if it would not fit. */
  fixed(text: string, style: { bold?: boolean } = {}): this {
    const t = toPrintable(text).replace(/\s+$/, '');
    if (t.length > this.columns) return this.text(t, style);
    this.lines.push({ kind: 'text', text: t, align: 'left', bold: style.bold ?? false, size: 'normal' });
    return this;
  }
  pair(left: string, right: string, style: { bold?: boolean; size?: 'normal' | 'tall' | 'large' } = {}): this {
    this.lines.push(...pairLines(left, right, this.columns, style));
    return this;
  }
  rule(char: '-' | '=' = '-'): this {
    this.lines.push({ kind: 'rule', char });
    return this;
  }
  blank(): this {
    this.lines.push({ kind: 'blank' });
    return this;
  }
  push(...lines: ReceiptLine[]): this {
    this.lines.push(...lines);
    return this;
  }
}

/** Shop name (large when it fits, otherwise bold at normal size), address lines, P.IVA. */
export function shopHeader(out: LineList, shop: ShopInfo, logo: boolean): void {
  if (logo) out.push({ kind: 'logo' });
  const name = toPrintable(shop.name).trim();
  if (name !== '') {
    const fitsLarge = name.length <= widthFor(out.columns, 'large');
    out.center(name, { bold: true, size: fitsLarge ? 'large' : 'normal' });
  }
  if (shop.address.trim() !== '') out.center(shop.address);
  if (shop.vatNumber.trim() !== '') out.center(`P.IVA ${shop.vatNumber.trim()}`);
}

export const MARK_TEXT: Record<ReceiptMark, string> = {
  copy: '*** COPIA ***',
  reprint: '*** RISTAMPA - COPIA ***',
};

export function markLines(out: LineList, mark: ReceiptMark | null | undefined): void {
  if (mark) out.center(MARK_TEXT[mark], { bold: true });
}

/** "22%", "7,65%", "N4". */
export function vatShort(code: VatCode): string {
  return code.startsWith('N') ? code : `${code.replace('.', ',')}%`;
}

/**
 * Per-VAT summary as a four-column table (rate, taxable, VAT, total) when it fits the paper,
 * otherwise one block per rate. Nature codes get a legend line (N4 = Esenti).
 */
export function vatSummary(out: LineList, allRows: readonly VatRow[], title = 'RIEPILOGO IVA'): void {
  // Rows of nothing (a rate used only by an omaggio) are noise on paper.
  const rows = allRows.filter((r) => r.grossCents !== 0 || r.vatCents !== 0).sort((a, b) => compareVatCodes(a.vatCode, b.vatCode));
  if (rows.length === 0) return;
  out.text(title, { bold: true });
  const labels = rows.map((r) => vatShort(r.vatCode));
  const heads = ['Imponib.', 'Imposta', 'Totale'];
  const cells = rows.map((r) => [formatAmount(r.taxableCents), formatAmount(r.vatCents), formatAmount(r.grossCents)]);
  const labelW = Math.max(3, ...labels.map((l) => l.length));
  const needed = Math.max(...heads.map((h) => h.length), ...cells.flat().map((c) => c.length));
  // Spread the columns over the paper width when there is room.
  const colW = Math.max(needed, Math.floor((out.columns - labelW) / 3) - 1);
  if (labelW + 3 * (1 + colW) <= out.columns) {
    const row = (a: string, b: readonly string[]) => a.padEnd(labelW) + b.map((c) => ' ' + c.padStart(colW)).join('');
    out.fixed(row('IVA', heads));
    rows.forEach((_, i) => out.fixed(row(labels[i]!, cells[i]!)));
  } else {
    rows.forEach((r, i) => {
      out.text(`IVA ${labels[i]}`);
      out.pair('  Imponibile', formatAmount(r.taxableCents));
      out.pair('  Imposta', formatAmount(r.vatCents));
      out.pair('  Totale', formatAmount(r.grossCents));
    });
  }
  for (const code of new Set(rows.map((r) => r.vatCode).filter((c) => c.startsWith('N')))) {
    out.text(`${code} = ${VAT_NATURE_LABELS[code] ?? ''}`);
  }
}

export function footer(out: LineList, shop: ShopInfo): void {
  if (shop.footer.trim() !== '') {
    out.blank();
    out.center(shop.footer);
  }
}

/** "21/11/2026" from an AdE date that may come as "2026-11-21", an ISO instant or free text. */
export function fiscalDateLabel(s: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? dayLabel(s.slice(0, 10)) : s;
}
