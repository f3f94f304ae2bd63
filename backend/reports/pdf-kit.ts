// Small drawing kit over pdfkit for A4 reports: section titles, key-figure boxes, label/value
// lists and tables that break across pages with their header repeated.
import PDFDocument from 'pdfkit';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 48;
export const FOOTER_SPACE = 36;
export const COLORS = {
  ink: '#1f2933',
  muted: '#616e7c',
  accent: '#1d4e89',
  rule: '#cbd2d9',
  fill: '#f0f4f8',
  zebra: '#f8fafc',
  warn: '#b42318',
  warnFill: '#fdecea',
} as const;

export type Doc = InstanceType<typeof PDFDocument>;

export function newDoc(info: { title: string; author: string; subject: string }): Doc {
  return new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'Bancone' },
  });
}

export const contentWidth = () => A4.width - 2 * MARGIN;
const bottomLimit = () => A4.height - MARGIN - FOOTER_SPACE;

export function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > bottomLimit()) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

/** A title never sits alone at the bottom of a page: it keeps room for a table header and two rows. */
export function sectionTitle(doc: Doc, text: string): void {
  ensureSpace(doc, 110);
  doc.moveDown(0.8);
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(11.5).fillColor(COLORS.accent).text(text.toUpperCase(), MARGIN, y, { characterSpacing: 0.4 });
  const ly = doc.y + 2;
  doc.moveTo(MARGIN, ly).lineTo(MARGIN + contentWidth(), ly).lineWidth(0.8).strokeColor(COLORS.accent).stroke();
  doc.y = ly + 6;
  doc.fillColor(COLORS.ink);
}

/** A row of boxes with a small caption and a large figure. */
export function keyFigures(doc: Doc, items: Array<{ label: string; value: string; warn?: boolean }>): void {
  const gap = 8;
  const w = (contentWidth() - gap * (items.length - 1)) / items.length;
  const h = 48;
  ensureSpace(doc, h + 10);
  const y = doc.y;
  items.forEach((it, i) => {
    const x = MARGIN + i * (w + gap);
    doc.roundedRect(x, y, w, h, 4).fillColor(it.warn ? COLORS.warnFill : COLORS.fill).fill();
    doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text(it.label.toUpperCase(), x + 8, y + 8, { width: w - 16, characterSpacing: 0.3 });
    doc.font('Helvetica-Bold').fontSize(14).fillColor(it.warn ? COLORS.warn : COLORS.ink).text(it.value, x + 8, y + 23, { width: w - 16 });
  });
  doc.fillColor(COLORS.ink);
  doc.y = y + h + 4;
  doc.x = MARGIN;
}

export interface Column {
  header: string;
  width: number; // fraction of the content width
  align?: 'left' | 'right' | 'center';
}

export interface TableRow {
  cells: string[];
  bold?: boolean;
  warn?: boolean;
}

const ROW_PAD = 4;

function rowHeight(doc: Doc, cols: Column[], cells: string[], bold: boolean): number {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
  const heights = cols.map((c, i) => doc.heightOfString(cells[i] ?? '', { width: c.width * contentWidth() - 2 * ROW_PAD }));
  return Math.max(...heights) + 2 * ROW_PAD;
}

function drawRow(doc: Doc, cols: Column[], cells: string[], y: number, h: number, style: { bold: boolean; color: string }): void {
  let x = MARGIN;
  doc.font(style.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor(style.color);
  cols.forEach((c, i) => {
    const w = c.width * contentWidth();
    doc.text(cells[i] ?? '', x + ROW_PAD, y + ROW_PAD, { width: w - 2 * ROW_PAD, align: c.align ?? 'left' });
    x += w;
  });
}

export function table(doc: Doc, cols: Column[], rows: TableRow[]): void {
  const header = () => {
    const h = rowHeight(doc, cols, cols.map((c) => c.header), true);
    ensureSpace(doc, h + 20);
    const y = doc.y;
    doc.rect(MARGIN, y, contentWidth(), h).fillColor(COLORS.fill).fill();
    doc.font('Helvetica-Bold').fontSize(8.5);
    drawRow(doc, cols, cols.map((c) => c.header), y, h, { bold: true, color: COLORS.muted });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + contentWidth(), y + h).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
    doc.y = y + h;
  };
  header();
  rows.forEach((r, i) => {
    const h = rowHeight(doc, cols, r.cells, r.bold ?? false);
    if (doc.y + h > bottomLimit()) {
      doc.addPage();
      doc.y = MARGIN;
      header();
    }
    const y = doc.y;
    if (r.warn) doc.rect(MARGIN, y, contentWidth(), h).fillColor(COLORS.warnFill).fill();
    else if (i % 2 === 1) doc.rect(MARGIN, y, contentWidth(), h).fillColor(COLORS.zebra).fill();
    if (r.bold) doc.moveTo(MARGIN, y).lineTo(MARGIN + contentWidth(), y).lineWidth(0.8).strokeColor(COLORS.ink).stroke();
    drawRow(doc, cols, r.cells, y, h, { bold: r.bold ?? false, color: r.warn ? COLORS.warn : COLORS.ink });
    doc.y = y + h;
  });
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + contentWidth(), doc.y).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
  doc.x = MARGIN;
  doc.fillColor(COLORS.ink);
}

/** Text paragraph in the body style. */
export function paragraph(doc: Doc, text: string, style: { warn?: boolean; muted?: boolean; bold?: boolean } = {}): void {
  ensureSpace(doc, 24);
  doc.font(style.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5)
    .fillColor(style.warn ? COLORS.warn : style.muted ? COLORS.muted : COLORS.ink)
    .text(text, MARGIN, doc.y, { width: contentWidth() });
  doc.fillColor(COLORS.ink);
  doc.moveDown(0.3);
}

/** Writes "page i of n" and a running footer on every buffered page. */
export function footers(doc: Doc, left: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = A4.height - MARGIN - 14;
    // Writing inside the bottom margin must not trigger pdfkit's automatic page break.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.moveTo(MARGIN, y - 6).lineTo(MARGIN + contentWidth(), y - 6).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted);
    doc.text(left, MARGIN, y, { width: contentWidth() * 0.75, lineBreak: false });
    doc.text(`Pagina ${i - range.start + 1} di ${range.count}`, MARGIN, y, { width: contentWidth(), align: 'right', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
}

export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
