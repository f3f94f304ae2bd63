// Line building blocks: word wrap, label/value pairs, and the plain-text rendering of a layout.
import { toPrintable } from './charset.js';
import type {
  ReceiptAlign, ReceiptColumns, ReceiptLayout, ReceiptLine, ReceiptPairLine, ReceiptSize, ReceiptTextLine,
} from './model.js';

/** Characters that fit on one line at a given size: double-width text takes two columns per character. */
export function widthFor(columns: ReceiptColumns, size: ReceiptSize): number {
  return size === 'large' ? Math.floor(columns / 2) : columns;
}

/** Word wrap into lines of at most `width` characters; words longer than a line are split. */
export function wrap(text: string, width: number): string[] {
  const printable = toPrintable(text);
  // Leading spaces are an indent (detail lines under an item): kept on every wrapped line.
  const indent = printable.length - printable.trimStart().length;
  if (indent > 0 && indent < width / 2) {
    return wrap(printable.trimStart(), width - indent).map((l) => ' '.repeat(indent) + l);
  }
  const words = printable.split(' ').filter((w) => w !== '');
  const out: string[] = [];
  let cur = '';
  for (let w of words) {
    while (w.length > width) {
      if (cur !== '') { out.push(cur); cur = ''; }
      out.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (w === '') continue;
    if (cur === '') cur = w;
    else if (cur.length + 1 + w.length <= width) cur += ' ' + w;
    else { out.push(cur); cur = w; }
  }
  if (cur !== '') out.push(cur);
  return out;
}

export interface TextStyle {
  align?: ReceiptAlign;
  bold?: boolean;
  size?: ReceiptSize;
}

/** A paragraph as wrapped text lines (each "\n" in the source starts a new paragraph). */
export function textLines(text: string, columns: ReceiptColumns, style: TextStyle = {}): ReceiptTextLine[] {
  const size = style.size ?? 'normal';
  const width = widthFor(columns, size);
  const out: ReceiptTextLine[] = [];
  for (const para of text.split(/\r?\n/)) {
    for (const t of wrap(para, width)) {
      out.push({ kind: 'text', text: t, align: style.align ?? 'left', bold: style.bold ?? false, size });
    }
  }
  return out;
}

/**
 * Label left, value right. When both do not fit on one line the label wraps and the value goes
 * flush right on the label's last line (or on a line of its own), so no amount is ever cut.
 */
export function pairLines(left: string, right: string, columns: ReceiptColumns, style: { bold?: boolean; size?: ReceiptSize } = {}): ReceiptPairLine[] {
  const size = style.size ?? 'normal';
  const bold = style.bold ?? false;
  const width = widthFor(columns, size);
  const r = toPrintable(right).trim();
  const room = r === '' ? width : width - r.length - 1;
  if (room <= 0) {
    // The value alone fills the line (a very long amount at double width): give each its own line.
    return [
      ...wrap(left, width).map((t) => ({ kind: 'pair' as const, left: t, right: '', bold, size })),
      ...wrap(r, width).map((t) => ({ kind: 'pair' as const, left: '', right: t, bold, size })),
    ];
  }
  const wide = wrap(left, width);
  if (wide.length === 0) return [{ kind: 'pair', left: '', right: r, bold, size }];
  if (wide[wide.length - 1]!.length <= room) {
    return wide.map((t, i) => ({ kind: 'pair', left: t, right: i === wide.length - 1 ? r : '', bold, size }));
  }
  // The value does not fit next to the label: it goes flush right on a line of its own.
  return [
    ...wide.map((t) => ({ kind: 'pair' as const, left: t, right: '', bold, size })),
    { kind: 'pair', left: '', right: r, bold, size },
  ];
}

/** The characters of a text-bearing line, padded as it appears on paper (size ignored). */
export function lineText(line: ReceiptLine, columns: ReceiptColumns): string {
  switch (line.kind) {
    case 'text': {
      const w = columns;
      if (line.align === 'left') return line.text;
      const pad = w - line.text.length;
      if (line.align === 'right') return ' '.repeat(Math.max(0, pad)) + line.text;
      return ' '.repeat(Math.max(0, Math.floor(pad / 2))) + line.text;
    }
    case 'pair': {
      if (line.right === '') return line.left;
      const gap = Math.max(1, columns - line.left.length - line.right.length);
      return line.left + ' '.repeat(gap) + line.right;
    }
    case 'rule': return line.char.repeat(columns);
    case 'blank': return '';
    case 'qr': return centre(`[QR ${line.data}]`, columns);
    case 'barcode': return centre(`[${line.data}]`, columns);
    case 'logo': return centre('[LOGO]', columns);
    case 'cut': return '✂'.padEnd(columns, '-');
  }
}

function centre(s: string, columns: number): string {
  if (s.length >= columns) return s;
  return ' '.repeat(Math.floor((columns - s.length) / 2)) + s;
}

/** The whole receipt as plain text (one string per line, trailing spaces trimmed). */
export function renderPlainLines(layout: ReceiptLayout): string[] {
  return layout.lines.map((l) => lineText(l, layout.columns).replace(/\s+$/, ''));
}

export function renderPlainText(layout: ReceiptLayout): string {
  return renderPlainLines(layout).join('\n') + '\n';
}
