import { describe, expect, it } from 'vitest';
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import { CP858_HIGH, RECEIPT_COLUMNS, layoutDocument, layoutTestPage, renderPlainLines, type ReceiptLayout } from '../../../shared/receipt.js';
import { PRINTER_MODELS, cp858Bytes, encodeLayout } from '../../../backend/printing/encode.js';
import { CP437_TABLE, CP850_TABLE, CP858_TABLE, EscPosDecoder, decodeEscPos, paperHasLine, paperSays, squash } from '../../../emulators/escpos-decoder.js';
import { SHOP, busySale, cardSale, cashSale, longSale, returnOf } from '../../fixtures/documents.js';

/** What the layout says, minus blank lines and the QR/cut markers that are not text on paper. */
function layoutSays(layout: ReceiptLayout): string[] {
  return renderPlainLines(layout)
    .filter((_, i) => !['qr', 'cut', 'logo', 'blank'].includes(layout.lines[i]!.kind))
    .map(squash);
}

describe('the decoder itself', () => {
  it.each([
    ['cp437', CP437_TABLE],
    ['cp850', CP850_TABLE],
    ['cp858', CP858_TABLE],
  ])('its %s table agrees with the code page library byte for byte', (page, table) => {
    expect([...table]).toHaveLength(128);
    const codepoints = CodepageEncoder.getEncoding(page as 'cp437').codepoints;
    [...table].forEach((ch, i) => {
      expect(codepoints[0x80 + i], `${page} 0x${(0x80 + i).toString(16)} ${ch}`).toBe(ch.codePointAt(0));
    });
  });

  it('the layout charset and the decoder were typed independently and agree', () => {
    expect(CP858_HIGH).toBe(CP858_TABLE);
  });

  it('reads the same paper whether the bytes come at once or one by one', () => {
    const bytes = encodeLayout(layoutDocument(busySale(), SHOP, { columns: 42 }));
    const whole = decodeEscPos(bytes);
    const d = new EscPosDecoder();
    for (const b of bytes) d.push([b]);
    expect(d.paper()).toEqual(whole);
    expect(d.incomplete).toBe(0);
  });

  it('tracks the code page: the € byte means something else before ESC t 19', () => {
    expect(decodeEscPos([0xd5, 0x0a, 0x1b, 0x74, 19, 0xd5, 0x0a]).lines).toEqual(['╒', '€']);
  });
});

describe('ESC/POS encoding of a receipt', () => {
  it('the paper says what the layout says, with € and accents intact', () => {
    for (const doc of [cashSale(), cardSale(), busySale(), returnOf(cardSale()), longSale(30)]) {
      for (const columns of RECEIPT_COLUMNS) {
        const layout = layoutDocument(doc, SHOP, { columns });
        const paper = decodeEscPos(encodeLayout(layout));
        expect(paper.unknown).toEqual([]);
        expect(paperSays(paper).filter((l) => l !== '')).toEqual(layoutSays(layout));
      }
    }
  });

  it('starts with ESC @ and pins code page 858 before any text', () => {
    const bytes = encodeLayout(layoutDocument(cashSale(), SHOP, { columns: 42 }));
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]);
    const esct = bytes.findIndex((b, i) => b === 0x1b && bytes[i + 1] === 0x74);
    expect([...bytes.slice(esct, esct + 3)]).toEqual([0x1b, 0x74, 19]);
    const firstHigh = bytes.findIndex((b) => b >= 0x80);
    expect(firstHigh).toBeGreaterThan(esct);
    expect(bytes.includes(0xd5)).toBe(true); // € in cp858
    const paper = decodeEscPos(bytes);
    expect(paper.events.filter((e) => e.type === 'codepage')).toHaveLength(1);
  });

  it('a cash sale: TOTALE in bold double height, Città, the QR of the sale id, one cut, then one drawer pulse', () => {
    const doc = cashSale();
    const paper = decodeEscPos(encodeLayout(layoutDocument(doc, SHOP, { columns: 42 })));
    expect(paperHasLine(paper, 'TOTALE € 12,50')).toBe(true);
    const total = paper.styled.find((l) => squash(l.text) === 'TOTALE € 12,50')!;
    expect(total).toMatchObject({ bold: true, height: 2, width: 1 });
    expect(paper.styled[0]).toMatchObject({ text: expect.stringContaining('Bottega della Città'), bold: true, width: 2, height: 2 });
    expect(paperHasLine(paper, 'Guida della Città di Roma 22% 10,00')).toBe(true);
    expect(paperHasLine(paper, 'RESTO € 7,50')).toBe(true);
    expect(paper.qrCodes).toEqual([doc.id]);
    expect(paper.events.find((e) => e.type === 'qr')).toMatchObject({ model: 2, moduleSize: 5, errorLevel: 'm' });
    expect(paper.cuts).toHaveLength(1);
    expect(paper.cuts[0]!.partial).toBe(true);
    expect(paper.pulses).toHaveLength(1);
    expect(paper.pulses[0]).toMatchObject({ pin: 0, onMs: 100, offMs: 500 });
    const order = paper.events.map((e) => e.type).filter((t) => ['qr', 'cut', 'pulse'].includes(t));
    expect(order).toEqual(['qr', 'cut', 'pulse']);
  });

  it('no pulse for a card sale, a copy or a test page', () => {
    expect(decodeEscPos(encodeLayout(layoutDocument(cardSale(), SHOP, { columns: 42 }))).pulses).toEqual([]);
    expect(decodeEscPos(encodeLayout(layoutDocument(cashSale(), SHOP, { columns: 42, mark: 'copy' }))).pulses).toEqual([]);
    expect(decodeEscPos(encodeLayout(layoutTestPage(SHOP, { columns: 42, now: new Date() }))).pulses).toEqual([]);
  });

  it('sends ESC p m t1 t2 with the configured pin and timings in 2 ms units', () => {
    const bytes = encodeLayout(layoutDocument(cashSale(), SHOP, { columns: 42 }), { drawer: { pin: 1, onMs: 200, offMs: 400 } });
    const at = bytes.findIndex((b, i) => b === 0x1b && bytes[i + 1] === 0x70);
    expect([...bytes.slice(at, at + 5)]).toEqual([0x1b, 0x70, 1, 100, 200]);
  });

  it('feeds the paper past the cutter as the model needs before cutting', () => {
    const layout = layoutDocument(cardSale(), SHOP, { columns: 42 });
    const blanksBeforeCut = (model: string) => {
      const p = decodeEscPos(encodeLayout(layout, { model }));
      const cut = p.cuts[0]!.line;
      let n = 0;
      while (n < cut && p.lines[cut - 1 - n] === '') n++;
      return n;
    };
    // The TM-T20III cutter sits 4 lines above the print head; the footer's own blank is not counted.
    expect(blanksBeforeCut('epson-tm-t20iii')).toBe(4);
    expect(blanksBeforeCut('citizen-ct-s310ii')).toBe(3);
  });

  it('uses the model’s own number for cp858 (Citizen calls it page 2)', () => {
    const bytes = encodeLayout(layoutDocument(cashSale(), SHOP, { columns: 48 }), { model: 'citizen-ct-s310ii' });
    const esct = bytes.findIndex((b, i) => b === 0x1b && bytes[i + 1] === 0x74);
    expect(bytes[esct + 2]).toBe(2);
  });

  it('prints the id as text on a model without QR support', () => {
    const doc = cashSale();
    const paper = decodeEscPos(encodeLayout(layoutDocument(doc, SHOP, { columns: 42 }), { model: 'epson-tm-t88iii' }));
    expect(paper.qrCodes).toEqual([]);
    expect(paper.lines.map((l) => l.trim())).toContain(doc.id);
  });

  it('draws the logo only when one is configured', () => {
    const layout = layoutDocument(cashSale(), SHOP, { columns: 42, logo: true });
    const logo = { width: 16, height: 8, data: new Uint8ClampedArray(16 * 8 * 4).fill(0).map((_, i) => (i % 4 === 3 ? 255 : 0)) };
    const withLogo = decodeEscPos(encodeLayout(layout, { logo }));
    expect(withLogo.events.filter((e) => e.type === 'image')).toHaveLength(1);
    expect(withLogo.unknown).toEqual([]);
    expect(decodeEscPos(encodeLayout(layout)).events.some((e) => e.type === 'image')).toBe(false);
  });

  it('prints a Code 128 barcode line with its data', () => {
    const layout: ReceiptLayout = { kind: 'test', columns: 42, openDrawer: false, lines: [{ kind: 'barcode', data: '2026112100042', symbology: 'code128' }, { kind: 'cut' }] };
    const paper = decodeEscPos(encodeLayout(layout));
    expect(paper.barcodes).toEqual(['2026112100042']);
    expect(paper.unknown).toEqual([]);
  });

  it('knows only ESC/POS models and refuses unknown ones', () => {
    expect(PRINTER_MODELS).toContain('epson-tm-t20iii');
    expect(PRINTER_MODELS).toContain('epson-tm-m30iii');
    expect(PRINTER_MODELS.some((m) => m.startsWith('star-'))).toBe(false);
    expect(() => encodeLayout(layoutDocument(cashSale(), SHOP, { columns: 42 }), { model: 'star-tsp100iv' })).toThrow(/sconosciuto/);
  });

  it('maps text to cp858 bytes without a per-character search', () => {
    expect(cp858Bytes('€ Città àèéìòù')).toEqual([0xd5, 0x20, 0x43, 0x69, 0x74, 0x74, 0x85, 0x20, 0x85, 0x8a, 0x82, 0x8d, 0x95, 0x97]);
    expect(cp858Bytes('→')).toEqual([0x3f]);
  });
});
