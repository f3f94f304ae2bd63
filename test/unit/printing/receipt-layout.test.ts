import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  RECEIPT_COLUMNS, PROVISIONAL_NOTICE, toPrintable, layoutDocument, layoutFiscalNumberSlip, layoutTestPage, layoutZReport, lineText,
  renderPlainLines, renderPlainText, widthFor, wrap, type ReceiptLayout, type ZReportPrintable,
} from '../../../shared/receipt.js';
import { SHOP, busySale, cardSale, cashSale, fiscal, longSale, makeDocument, returnOf, voidOf } from '../../fixtures/documents.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const says = (l: ReceiptLayout) => renderPlainLines(l).map(squash);

function expectFits(layout: ReceiptLayout): void {
  for (const line of layout.lines) {
    if (line.kind === 'text') expect(line.text.length, line.text).toBeLessThanOrEqual(widthFor(layout.columns, line.size));
    if (line.kind === 'pair') {
      const w = widthFor(layout.columns, line.size);
      const used = line.left.length + line.right.length + (line.left && line.right ? 1 : 0);
      expect(used, `${line.left}|${line.right}`).toBeLessThanOrEqual(w);
    }
    if (line.kind !== 'qr' && line.kind !== 'cut') expect(lineText(line, layout.columns).length).toBeLessThanOrEqual(layout.columns);
  }
}

describe('sale receipt', () => {
  it('says what the customer paid, in Italian format, with the shop header and the local number', () => {
    const doc = cashSale();
    const s = says(layoutDocument(doc, SHOP, { columns: 42 }));
    expect(s).toContain('Bottega della Città');
    expect(s).toContain('Via Roma 1');
    expect(s).toContain('00100 Roma (RM)');
    expect(s).toContain('P.IVA 01234567890');
    expect(s).toContain('DOCUMENTO COMMERCIALE');
    expect(s).toContain('di vendita o prestazione');
    expect(s).toContain('2 x 1,25');
    expect(s).toContain('Pane integrale 4% 2,50');
    expect(s).toContain('Guida della Città di Roma 22% 10,00');
    expect(s).toContain('TOTALE € 12,50');
    expect(s).toContain('Pagamento contante 20,00');
    expect(s).toContain('RESTO € 7,50');
    // 17:42 UTC in November is 18:42 in Rome (CET).
    expect(s).toContain(`21/11/2026 18:42 N. ${doc.number}`);
  });

  it('uses Italian summer time for the date', () => {
    const s = says(layoutDocument(cashSale({ createdAt: '2026-07-01T22:30:00.000Z' }), SHOP, { columns: 42 }));
    expect(s.some((l) => l.startsWith('02/07/2026 00:30'))).toBe(true);
  });

  it('breaks VAT down per rate, with taxable + VAT = total on each row', () => {
    const doc = busySale();
    const s = says(layoutDocument(doc, SHOP, { columns: 42 }));
    expect(s).toContain('RIEPILOGO IVA');
    for (const v of doc.vat.filter((r) => r.grossCents > 0)) {
      expect(v.taxableCents + v.vatCents).toBe(v.grossCents);
    }
    expect(s).toContain('10% 8,07 0,81 8,88');
    expect(s).toContain('22% 6,20 1,37 7,57');
    expect(s).toContain('N4 1,23 0,00 1,23');
    expect(s).toContain('N4 = Esenti');
    // The rate used only by an omaggio has nothing to declare and is left out.
    expect(s.some((l) => l.startsWith('4% '))).toBe(false);
  });

  it('shows weight, line discount, omaggio, sale discount and cash rounding', () => {
    const doc = busySale();
    expect(doc.roundingCents).toBe(2);
    const s = says(layoutDocument(doc, SHOP, { columns: 42 }));
    expect(s).toContain('0,235 x 39,90');
    expect(s).toContain('Sconto -0,90');
    expect(s).toContain('Grissini 4% 2,50');
    expect(s).toContain('OMAGGIO -2,50');
    expect(s).toContain('SUBTOTALE 22,08');
    expect(s).toContain('SCONTO SUL TOTALE -1,00');
    expect(s).toContain('TOTALE € 17,68');
    expect(s).toContain('ARROTONDAMENTO 0,02');
    expect(s).toContain('TOTALE DA PAGARE € 17,70');
    expect(s).toContain('RESTO € 32,30');
  });

  it('omits subtotal, discount and rounding lines when there are none', () => {
    const s = says(layoutDocument(cardSale(), SHOP, { columns: 42 })).join('\n');
    expect(s).not.toContain('SUBTOTALE');
    expect(s).not.toContain('ARROTONDAMENTO');
    expect(s).not.toContain('RESTO');
    expect(s).not.toContain('OMAGGIO');
  });

  it('prints the AdE number when known and the provisional notice otherwise', () => {
    const known = says(layoutDocument(cardSale(), SHOP, { columns: 42 })).join('\n');
    expect(squash(known)).toContain('Documento N. DCW2026/1234-5678 del 21/11/2026');
    expect(known).not.toContain('IN ATTESA');
    for (const f of [null, fiscal('pending'), fiscal('sending'), fiscal('failed'), fiscal('unknown')]) {
      const text = squash(renderPlainText(layoutDocument(cashSale({ fiscal: f }), SHOP, { columns: 42 })));
      expect(text).toContain(PROVISIONAL_NOTICE);
      expect(text).not.toContain('Documento N.');
    }
  });

  it('prints the lottery code and the payment by card, and does not open the drawer', () => {
    const layout = layoutDocument(cardSale(), SHOP, { columns: 42 });
    const s = says(layout);
    expect(s).toContain('Codice lotteria ABCD1234');
    expect(s).toContain('Pagamento elettronico 12,50');
    expect(layout.openDrawer).toBe(false);
  });

  it('labels meal vouchers and uncollected amounts', () => {
    const doc = makeDocument({
      lines: [{ description: 'Pranzo', unitPriceCents: 3000, vatCode: '10' }],
      payments: [
        { method: 'meal_voucher', amountCents: 1600, count: 2 },
        { method: 'uncollected', amountCents: 1400, uncollectedKind: 'services' },
      ],
    });
    const s = says(layoutDocument(doc, SHOP, { columns: 32 }));
    expect(s).toContain('Buoni pasto (n. 2) 16,00');
    expect(s).toContain('Non riscosso (servizi) 14,00');
  });

  it('opens the drawer only when cash changes hands on an original receipt', () => {
    expect(layoutDocument(cashSale(), SHOP, { columns: 42 }).openDrawer).toBe(true);
    expect(layoutDocument(cashSale(), SHOP, { columns: 42, mark: 'copy' }).openDrawer).toBe(false);
    expect(layoutDocument(cashSale(), SHOP, { columns: 42, mark: 'reprint' }).openDrawer).toBe(false);
    const mixed = makeDocument({ lines: [{ description: 'X', unitPriceCents: 1000 }], payments: [{ method: 'electronic', amountCents: 500 }, { method: 'cash', amountCents: 500 }] });
    expect(layoutDocument(mixed, SHOP, { columns: 42 }).openDrawer).toBe(true);
  });

  it('ends with the QR code of the document id, the footer and exactly one cut', () => {
    const doc = cashSale();
    const layout = layoutDocument(doc, SHOP, { columns: 42 });
    const qrs = layout.lines.filter((l) => l.kind === 'qr');
    expect(qrs).toEqual([{ kind: 'qr', data: doc.id, moduleSize: 5 }]);
    expect(layout.lines.filter((l) => l.kind === 'cut')).toHaveLength(1);
    expect(layout.lines.at(-1)).toEqual({ kind: 'cut' });
    expect(says(layout)).toContain('Grazie e arrivederci!');
    expect(layoutDocument(doc, SHOP, { columns: 42, qr: false }).lines.some((l) => l.kind === 'qr')).toBe(false);
  });

  it('marks copies and reprints at the top and bottom', () => {
    const copy = says(layoutDocument(cashSale(), SHOP, { columns: 42, mark: 'copy' }));
    expect(copy.filter((l) => l === '*** COPIA ***')).toHaveLength(2);
    const reprint = says(layoutDocument(cashSale(), SHOP, { columns: 32, mark: 'reprint' }));
    expect(reprint.filter((l) => l === '*** RISTAMPA - COPIA ***')).toHaveLength(2);
    expect(says(layoutDocument(cashSale(), SHOP, { columns: 42 })).join('\n')).not.toContain('COPIA');
  });

  it('reprints of a voided sale say so', () => {
    const s = says(layoutDocument(cardSale({ fiscal: fiscal('voided', 'DCW2026/1234-5678') }), SHOP, { columns: 42, mark: 'reprint' }));
    expect(s).toContain('DOCUMENTO ANNULLATO');
  });

  it('puts a logo placeholder first only when asked', () => {
    expect(layoutDocument(cashSale(), SHOP, { columns: 42, logo: true }).lines[0]).toEqual({ kind: 'logo' });
    expect(layoutDocument(cashSale(), SHOP, { columns: 42 }).lines.some((l) => l.kind === 'logo')).toBe(false);
  });

  it('prints the shop name large when it fits and normal when it does not', () => {
    const short = layoutDocument(cashSale(), SHOP, { columns: 42 }).lines[0];
    expect(short).toMatchObject({ kind: 'text', text: 'Bottega della Città', size: 'large', bold: true, align: 'center' });
    const long = layoutDocument(cashSale(), { ...SHOP, name: 'Antica Salumeria e Formaggeria del Borgo' }, { columns: 42 }).lines[0];
    expect(long).toMatchObject({ kind: 'text', size: 'normal', bold: true });
  });

  it('skips empty address, VAT number and footer', () => {
    const s = says(layoutDocument(cashSale(), { name: 'Negozio', address: '', vatNumber: '', footer: '' }, { columns: 42 }));
    expect(s.join('\n')).not.toContain('P.IVA');
    expect(s.join('\n')).not.toContain('Grazie');
  });
});

describe('returns and voids', () => {
  it('a return has its heading, cites the original sale and says what was refunded', () => {
    const sale = cardSale();
    const ret = returnOf(sale);
    const layout = layoutDocument(ret, SHOP, { columns: 42 });
    const s = says(layout);
    expect(s).toContain('RESO');
    expect(s).toContain('emesso per RESO MERCE');
    expect(s.join(' ')).toContain('Documento di riferimento N. DCW2026/1234-5678');
    expect(s.join(' ')).toContain(`Scontrino originale N. ${sale.number} del 21/11/2026 18:42`);
    expect(s).toContain('Rimborso contante 12,50');
    // Issue #9 item 18: a return's total is what was returned, not a total to pay.
    expect(s).toContain('TOTALE RESO € 12,50');
    expect(layout.kind).toBe('return');
    expect(layout.openDrawer).toBe(true);
  });

  it('a return of a sale with no AdE number yet cites only the local number', () => {
    const ret = returnOf(cashSale());
    const s = says(layoutDocument(ret, SHOP, { columns: 42 })).join(' ');
    expect(s).not.toContain('Documento di riferimento');
    expect(s).toContain('Scontrino originale N.');
  });

  it('a void has the ANNULLAMENTO heading and refunds as paid', () => {
    const sale = cardSale();
    const s = says(layoutDocument(voidOf(sale), SHOP, { columns: 42 }));
    expect(s).toContain('ANNULLAMENTO');
    expect(s).toContain('emesso per ANNULLAMENTO');
    expect(s).toContain('Rimborso elettronico 12,50');
  });
});

describe('widths', () => {
  it.each(RECEIPT_COLUMNS)('every line fits %i columns for every kind of document', (columns) => {
    for (const doc of [cashSale(), cardSale(), busySale(), returnOf(cardSale()), voidOf(busySale()), longSale(30)]) {
      for (const mark of [null, 'copy', 'reprint'] as const) expectFits(layoutDocument(doc, SHOP, { columns, mark, logo: true }));
    }
  });

  it('never loses a word of a description, whatever its length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-zA-Zàèéìòù0-9]{1,14}$/), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(...RECEIPT_COLUMNS),
        fc.integer({ min: 1, max: 99_999_99 }),
        (words, columns, price) => {
          const description = words.join(' ');
          const doc = makeDocument({ lines: [{ description, unitPriceCents: price }], payments: [{ method: 'electronic', amountCents: price }] });
          const layout = layoutDocument(doc, SHOP, { columns });
          expectFits(layout);
          // Every word is printed whole (words up to 14 letters always fit a line) and in order.
          const tokens = renderPlainLines(layout).join(' ').split(/\s+/);
          let at = tokens.indexOf('DESCRIZIONE');
          for (const w of words) {
            const next = tokens.indexOf(w, at + 1);
            expect(next, w).toBeGreaterThan(at);
            at = next;
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('word wrap splits only words longer than the line', () => {
    expect(wrap('uno due tre quattro', 8)).toEqual(['uno due', 'tre', 'quattro']);
    expect(wrap('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrap('  Sconto speciale', 10)).toEqual(['  Sconto', '  speciale']);
    expect(wrap('', 10)).toEqual([]);
  });

  it('a value that does not fit next to its label goes on its own line, flush right', () => {
    const layout = layoutDocument(cashSale(), SHOP, { columns: 32 });
    const plain = renderPlainLines(layout);
    const i = plain.findIndex((l) => l.startsWith('21/11/2026 18:42'));
    expect(plain[i + 1]!.trim()).toMatch(/^N\. 2026-11-21\/\d{4}$/);
    expect(plain[i + 1]!.length).toBe(32);
  });
});

describe('characters', () => {
  it('keeps Italian accents and € but makes typographic punctuation plain', () => {
    const doc = makeDocument({
      lines: [{ description: 'Caffè “speciale” — l’originale… 🍕 Łódź', unitPriceCents: 100 }],
      payments: [{ method: 'electronic', amountCents: 100 }],
    });
    const s = renderPlainText(layoutDocument(doc, SHOP, { columns: 48 }));
    expect(s).toContain(`Caffè "speciale" -`);
    expect(s).toContain(`l'originale... ? ?ódz`);
    expect(toPrintable('Perché no – sì…')).toBe('Perché no - sì...');
  });

  it('does not let a newline in a description break the receipt', () => {
    const doc = makeDocument({ lines: [{ description: 'Riga uno\nRiga due', unitPriceCents: 100 }], payments: [{ method: 'electronic', amountCents: 100 }] });
    expect(says(layoutDocument(doc, SHOP, { columns: 42 }))).toContain('Riga uno Riga due 22% 1,00');
  });
});

describe('other papers', () => {
  const report: ZReportPrintable = {
    title: 'CHIUSURA GIORNALIERA',
    businessDay: '2026-11-21',
    zNumber: 12,
    generatedAt: '2026-11-21T19:05:00.000Z',
    operator: 'Maria',
    rows: [
      { label: 'Vendite (34)', amountCents: 123450 },
      { label: 'Resi (2)', amountCents: -2500 },
      { label: 'TOTALE NETTO', amountCents: 120950, bold: true },
    ],
    vatRows: [{ vatCode: '22', grossCents: 100000, taxableCents: 81967, vatCents: 18033 }, { vatCode: '4', grossCents: 20950, taxableCents: 20144, vatCents: 806 }],
    paymentRows: [{ label: 'Contanti', amountCents: 50950 }, { label: 'Buoni pasto', amountCents: 10000, count: 8 }],
    counts: [{ label: 'Documenti', value: 36 }],
    sections: [{ title: 'REPARTI', rows: [{ label: 'Alimentari', amountCents: 20950 }] }],
    notes: ['Fondo cassa € 100,00 lasciato nel cassetto'],
  };

  it('lays out a Z report from the generic printable', () => {
    const layout = layoutZReport(report, SHOP, { columns: 42 });
    const s = says(layout);
    expect(s).toContain('CHIUSURA GIORNALIERA');
    expect(s).toContain('Giornata 21/11/2026');
    expect(s).toContain('Chiusura Z N. 12');
    expect(s).toContain('Stampato il 21/11/2026 20:05');
    expect(s).toContain('Operatore Maria');
    expect(s).toContain('Resi (2) -25,00');
    expect(s).toContain('TOTALE NETTO 1.209,50');
    expect(s).toContain('4% 201,44 8,06 209,50');
    expect(s).toContain('22% 819,67 180,33 1.000,00');
    expect(s).toContain('Buoni pasto (8) 100,00');
    expect(s).toContain('REPARTI');
    expect(s).toContain('Alimentari 209,50');
    expect(s).toContain('Documenti 36');
    expect(s).toContain('Fondo cassa € 100,00 lasciato nel cassetto');
    expect(layout.lines.filter((l) => l.kind === 'cut')).toHaveLength(1);
    expect(layout.openDrawer).toBe(false);
    for (const columns of RECEIPT_COLUMNS) expectFits(layoutZReport(report, SHOP, { columns }));
  });

  it('an X reading has no Z number', () => {
    const s = says(layoutZReport({ ...report, title: 'LETTURA X', zNumber: null }, SHOP, { columns: 32 })).join('\n');
    expect(s).toContain('LETTURA X');
    expect(s).not.toContain('Chiusura Z');
  });

  it('the fiscal number slip ties the local number to the AdE number, and waits for it', () => {
    expect(layoutFiscalNumberSlip(cashSale(), SHOP, { columns: 42 })).toBeNull();
    const doc = cashSale({ fiscal: fiscal('ready', 'DCW2026/0000-4706', '2026-11-21T17:43:00Z') });
    const layout = layoutFiscalNumberSlip(doc, SHOP, { columns: 42 })!;
    const s = says(layout);
    expect(s).toContain('NUMERO DOCUMENTO COMMERCIALE');
    expect(s).toContain(`Vendita N. ${doc.number}`);
    expect(s).toContain('TOTALE € 12,50');
    expect(s.join(' ')).toContain('Documento N. DCW2026/0000-4706 del 21/11/2026');
    expect(layout.openDrawer).toBe(false);
    expect(layout.lines.filter((l) => l.kind === 'qr')).toEqual([{ kind: 'qr', data: doc.id, moduleSize: 5 }]);
  });

  it('the test page shows accents, €, the column ruler and the printer', () => {
    for (const columns of RECEIPT_COLUMNS) {
      const layout = layoutTestPage(SHOP, { columns, now: new Date('2026-11-21T10:00:00Z'), printer: 'tcp://127.0.0.1:9100' });
      const s = says(layout);
      expect(s).toContain('PROVA DI STAMPA');
      expect(s).toContain('Accenti: à è é ì ò ù À È É Ì Ò Ù');
      expect(s).toContain('Euro € 1.234,56');
      expect(s).toContain('Stampante tcp://127.0.0.1:9100');
      expect(renderPlainLines(layout)).toContain('1234567890'.repeat(5).slice(0, columns));
      expectFits(layout);
    }
  });
});

describe('plain text', () => {
  it('is the same for the same input (pure)', () => {
    const doc = busySale();
    expect(renderPlainText(layoutDocument(doc, SHOP, { columns: 42 }))).toBe(renderPlainText(layoutDocument(doc, SHOP, { columns: 42 })));
  });

  it('aligns pairs flush right and centres headings', () => {
    const plain = renderPlainLines(layoutDocument(cashSale(), SHOP, { columns: 42 }));
    const total = plain.find((l) => l.startsWith('TOTALE '))!;
    expect(total).toHaveLength(42);
    expect(total.endsWith('€ 12,50')).toBe(true);
    const heading = plain.find((l) => l.trim() === 'DOCUMENTO COMMERCIALE')!;
    expect(heading.indexOf('D')).toBe(Math.floor((42 - 'DOCUMENTO COMMERCIALE'.length) / 2));
  });
});
