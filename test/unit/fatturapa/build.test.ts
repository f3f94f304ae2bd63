// The invoice a shopkeeper's accountant and SDI would read: fixed examples, each checked against the
// official FatturaPA 1.2.2 XSD by xmllint, and its figures read back from the XML.
import { describe, expect, it } from 'vitest';
import { buildInvoice } from '../../../shared/fatturapa/build.js';
import { checkCessionario } from '../../../shared/fatturapa/customer.js';
import type { Cessionario, InvoiceRequest } from '../../../shared/fatturapa/types.js';
import { COMPANY, SHOP } from './fixtures.js';
import { BanconeError } from '../../../shared/errors.js';
import { makeDocument } from '../../fixtures/documents.js';
import { validateAgainstXsd } from '../../fixtures/xmllint.js';
import { blocks, readInvoice, sdiArithmetic, value } from './read-xml.js';

const PERSON: Cessionario = {
  nome: 'Mario', cognome: 'Rossi', codiceFiscale: 'RSSMRA85T10A562S',
  sede: { indirizzo: 'Via Po 3', cap: '00100', comune: 'Roma', provincia: 'RM' }, pec: 'mario.rossi@pec.it',
};

function build(over: Partial<InvoiceRequest> & Pick<InvoiceRequest, 'document'>) {
  return buildInvoice({ shop: SHOP, customer: COMPANY, number: '2026/0007', ...over });
}

function expectValid(...xmls: string[]) {
  const verdicts = validateAgainstXsd(xmls);
  verdicts.forEach((v, i) => expect(v, `document ${i}: ${v.errors.join('\n')}`).toEqual({ valid: true, errors: [] }));
}

function thrown(f: () => unknown): BanconeError {
  try { f(); } catch (e) { if (e instanceof BanconeError) return e; throw e; }
  throw new Error('no error');
}

describe('FatturaPA 1.2.2 from a sale', () => {
  it('a receipted cash sale at two rates: TD01 citing the documento commerciale, riepilogo equal to the ledger, valid against the XSD', () => {
    const doc = makeDocument({
      number: '2026-11-21/0042',
      lines: [
        { description: 'Pane integrale', unitPriceCents: 125, quantityMilli: 2000, vatCode: '4' },
        { description: 'Guida della Città di Roma', unitPriceCents: 1000, vatCode: '22', barcode: '9788804668237' },
      ],
      payments: [{ method: 'cash', amountCents: 2000 }],
    });
    const { xml } = build({ document: doc, receipt: { number: doc.number, date: '2026-11-21', adeNumber: 'DCW2026/5821-0042' } });
    expectValid(xml);
    const inv = readInvoice(xml);
    expect(inv.tipo).toBe('TD01');
    expect(inv.causale).toBe('Fattura relativa al documento commerciale n. 2026-11-21/0042 del 21/11/2026 (n. AdE DCW2026/5821-0042)');
    expect(inv.summary).toEqual([
      { rate: '4.00', natura: null, taxable: 240, vat: 10 },
      { rate: '22.00', natura: null, taxable: 820, vat: 180 },
    ]);
    expect(inv.summary).toEqual(doc.vat.map((r) => expect.objectContaining({ taxable: r.taxableCents, vat: r.vatCents })));
    expect(inv.total).toBe(1250);
    expect(inv.payments).toEqual([{ mode: 'MP01', amount: 1250 }]); // € 20 tendered, € 7,50 change: what stays is paid
    expect(sdiArithmetic(inv)).toEqual([]);
    expect(value(xml, 'FormatoTrasmissione')).toBe('FPR12');
    expect(value(xml, 'CodiceDestinatario')).toBe('M5UXCR1');
    expect(blocks(xml, 'CedentePrestatore')[0]).toContain('<Indirizzo>Via Roma 1</Indirizzo>');
    expect(blocks(xml, 'CedentePrestatore')[0]).toContain('<Provincia>TO</Provincia>');
    expect(xml).toContain('<CodiceValore>9788804668237</CodiceValore>');
    expect(xml).toContain('<Denominazione>Rossi &amp; Figli S.r.l.</Denominazione>');
  });

  it('discounts, the sale discount and an omaggio read as the ledger holds them, and still add up to the cent', () => {
    const doc = makeDocument({
      lines: [
        { description: 'Formaggio al taglio', unitPriceCents: 1890, quantityMilli: 347, vatCode: '4', discountCents: 33 },
        { description: 'Vino rosso', unitPriceCents: 799, quantityMilli: 3000, vatCode: '22', discountCents: 100 },
        { description: 'Cioccolatino', unitPriceCents: 150, vatCode: '22', complimentary: true },
        { description: 'Libro', unitPriceCents: 1999, vatCode: '4' },
      ],
      discountCents: 97,
      payments: [{ method: 'electronic', amountCents: 4000 }, { method: 'cash', amountCents: 2000 }],
      cashRounding: true,
    });
    const { xml } = build({ document: doc });
    expectValid(xml);
    const inv = readInvoice(xml);
    expect(sdiArithmetic(inv)).toEqual([]);
    expect(inv.lines[0]!.quantity).toBe('0.347');
    expect(inv.lines[0]!.discount?.amount).toMatch(/^\d+\.\d{2,8}$/);
    expect(inv.lines[2]).toMatchObject({ total: '0.00', discount: { percent: '100.00', amount: null } });
    expect(inv.lines[3]!.discount).not.toBeNull(); // its share of the sale discount
    expect(inv.summary.map((s) => [s.taxable, s.vat])).toEqual(doc.vat.map((r) => [r.taxableCents, r.vatCents]));
    expect(inv.summary.reduce((a, s) => a + s.taxable + s.vat, 0)).toBe(doc.totalCents);
    expect(inv.total).toBe(doc.dueCents);
    expect(inv.rounding).toBe(0); // card in the mix: no cash rounding
    expect(inv.payments).toEqual([{ mode: 'MP08', amount: 4000 }, { mode: 'MP01', amount: doc.dueCents - 4000 }]);
  });

  it('every DettaglioPagamento carries the reconciliation identifier in CodicePagamento (the receipt\'s and the export\'s), still XSD-valid', () => {
    const doc = makeDocument({
      number: '2026-11-21/0042',
      lines: [{ description: 'Borsa', unitPriceCents: 6000 }],
      payments: [{ method: 'electronic', amountCents: 4000 }, { method: 'cash', amountCents: 2000 }],
    });
    const { xml } = build({ document: doc });
    expectValid(xml);
    expect(blocks(xml, 'DettaglioPagamento').map((b) => [value(b, 'ModalitaPagamento'), value(b, 'CodicePagamento')])).toEqual([
      ['MP08', 'BNC-20261121-0042'], ['MP01', 'BNC-20261121-0042'],
    ]);
    // A credit note's payments are the refund's: the return's own identifier.
    const ret = makeDocument({ kind: 'return', number: '2026-11-22/0003', lines: [{ description: 'Borsa', unitPriceCents: 6000 }], payments: [{ method: 'electronic', amountCents: 6000 }] });
    const credit = build({ document: ret, creditNoteOf: { number: '2026/0007', date: '2026-11-21' }, number: '2026/0008' }).xml;
    expectValid(credit);
    expect(blocks(credit, 'DettaglioPagamento').map((b) => value(b, 'CodicePagamento'))).toEqual(['BNC-20261122-0003']);
  });

  it('cash rounding: ImportoTotaleDocumento is what was due, the rounding in Arrotondamento', () => {
    const doc = makeDocument({ lines: [{ description: 'Caffè', unitPriceCents: 1252, vatCode: '10' }], payments: [{ method: 'cash', amountCents: 1250 }] });
    expect(doc.roundingCents).toBe(-2);
    const { xml } = build({ document: doc });
    expectValid(xml);
    expect(readInvoice(xml)).toMatchObject({ total: 1250, rounding: -2, payments: [{ mode: 'MP01', amount: 1250 }] });
    expect(value(xml, 'Arrotondamento')).toBe('-0.02');
  });

  it('exempt lines carry their Natura (SDI codes, not the receipts\' bare N2/N3/N6); bollo € 2,00 above € 77,47 only', () => {
    const over = makeDocument({
      lines: [
        { description: 'Visita', unitPriceCents: 7748, vatCode: 'N4' },
        { description: 'Diritti', unitPriceCents: 500, vatCode: 'N2' },
        { description: 'Export', unitPriceCents: 1000, vatCode: 'N3' },
        { description: 'Rottame', unitPriceCents: 1000, vatCode: 'N6' },
      ],
      payments: [{ method: 'electronic', amountCents: 7748 + 2500 }],
    });
    const at = makeDocument({ lines: [{ description: 'Visita', unitPriceCents: 7747, vatCode: 'N4' }], payments: [{ method: 'electronic', amountCents: 7747 }] });
    const a = build({ document: over, natureDetails: { N6: 'N6.1' } });
    const b = build({ document: at });
    expectValid(a.xml, b.xml);
    const inv = readInvoice(a.xml);
    expect(inv.summary.map((s) => [s.rate, s.natura, s.taxable, s.vat])).toEqual([
      ['0.00', 'N2.2', 500, 0], ['0.00', 'N3.6', 1000, 0], ['0.00', 'N4', 7748, 0], ['0.00', 'N6.1', 1000, 0],
    ]);
    expect(inv.lines.map((l) => l.natura)).toEqual(['N4', 'N2.2', 'N3.6', 'N6.1']);
    expect(inv.stampDuty).toBe(true);
    expect(blocks(a.xml, 'DatiBollo')[0]).toContain('<ImportoBollo>2.00</ImportoBollo>');
    expect(inv.total).toBe(10248); // the shop pays the stamp: not added to the customer's total
    expect(readInvoice(b.xml).stampDuty).toBe(false);
    expect(a.xml).not.toContain('<EsigibilitaIVA>');
  });

  it('exports (N3.1) and reverse charge do not bear the stamp duty', () => {
    const doc = makeDocument({ lines: [{ description: 'Export', unitPriceCents: 50000, vatCode: 'N3' }, { description: 'RC', unitPriceCents: 50000, vatCode: 'N6' }], payments: [{ method: 'electronic', amountCents: 100000 }] });
    const { xml, figures } = build({ document: doc, natureDetails: { N3: 'N3.1' } });
    expectValid(xml);
    expect(figures.stampDuty).toBe(false);
  });

  it('a private person with a PEC: CodiceDestinatario 0000000 and PECDestinatario; abroad: XXXXXXX and CAP 00000', () => {
    const doc = makeDocument({ lines: [{ description: 'Borsa', unitPriceCents: 4500 }], payments: [{ method: 'electronic', amountCents: 4500 }] });
    const person = build({ document: doc, customer: checkCessionario(PERSON) });
    const foreign = build({ document: doc, customer: checkCessionario({ denominazione: 'Müller GmbH', idFiscaleIva: { paese: 'DE', codice: 'DE123456789' }, sede: { indirizzo: 'Hauptstraße 5', comune: 'München', nazione: 'DE' } }) });
    expectValid(person.xml, foreign.xml);
    expect(value(person.xml, 'CodiceDestinatario')).toBe('0000000');
    expect(value(person.xml, 'PECDestinatario')).toBe('mario.rossi@pec.it');
    expect(blocks(person.xml, 'CessionarioCommittente')[0]).toContain('<Nome>Mario</Nome>');
    expect(value(foreign.xml, 'CodiceDestinatario')).toBe('XXXXXXX');
    expect(blocks(foreign.xml, 'CessionarioCommittente')[0]).toContain('<CAP>00000</CAP>');
    expect(blocks(foreign.xml, 'CessionarioCommittente')[0]).toContain('<Indirizzo>Hauptstraße 5</Indirizzo>');
  });

  it('words outside Latin-1 and XML specials never make the invoice invalid', () => {
    const doc = makeDocument({
      lines: [{ description: 'Caffè ☕ «speciale» <b>€ 2</b> & “più” — Łódź 🍕', unitPriceCents: 200, vatCode: '10' }, { description: '\u0001\u0002 x', unitPriceCents: 100 }],
      payments: [{ method: 'cash', amountCents: 300 }],
    });
    const { xml } = build({ document: doc });
    expectValid(xml);
    expect(readInvoice(xml).lines[0]!.description).toBe('Caffè ? «speciale» <b>EUR 2</b> & "più" - Lódz ?');
  });

  it('a return of an invoiced sale is a TD04 citing the invoice; without the invoice it is refused, naming it', () => {
    const ret = makeDocument({ kind: 'return', lines: [{ description: 'Vino rosso', unitPriceCents: 799, quantityMilli: 2000 }], payments: [{ method: 'electronic', amountCents: 1598 }] });
    const { xml } = build({ document: ret, number: 'NC-2026/1', creditNoteOf: { number: '2026/0007', date: '2026-11-21' } });
    expectValid(xml);
    expect(readInvoice(xml).tipo).toBe('TD04');
    expect(blocks(xml, 'DatiFattureCollegate')[0]).toMatch(/<IdDocumento>2026\/0007<\/IdDocumento>\s*<Data>2026-11-21<\/Data>/);
    const e = thrown(() => build({ document: ret }));
    expect([e.code, e.field, e.message]).toEqual(['INVOICE_CREDIT_NOTE_NEEDS_INVOICE', 'creditNoteOf', 'Nota di credito: indicare la fattura che corregge (numero e data)']);
  });

  it('what cannot make an invoice is said, naming the field', () => {
    const doc = makeDocument({ lines: [{ description: 'Borsa', unitPriceCents: 4500 }], payments: [{ method: 'cash', amountCents: 4500 }] });
    const cases: [() => unknown, string, string][] = [
      [() => build({ document: doc, shop: { ...SHOP, address: 'Via Roma 1, Torino' } }), 'INVOICE_SHOP_ADDRESS_UNREADABLE', 'shop.address'],
      [() => build({ document: doc, shop: { ...SHOP, vatNumber: '' } }), 'INVOICE_SHOP_VAT_NUMBER_MISSING', 'shop.vatNumber'],
      [() => build({ document: doc, number: 'FATTURA' }), 'INVOICE_NUMBER_INVALID', 'number'],
      [() => build({ document: doc, number: 'N° 1' }), 'INVOICE_NUMBER_INVALID', 'number'],
      [() => build({ document: doc, date: '21/11/2026' }), 'INVOICE_DATE_INVALID', 'date'],
      [() => checkCessionario({ ...COMPANY, nome: 'Mario' }), 'INVOICE_CUSTOMER_NAME_BOTH', 'customer.denominazione'],
      [() => checkCessionario({ ...PERSON, cognome: ' ' }), 'INVOICE_CUSTOMER_NAME_REQUIRED', 'customer.cognome'],
      [() => checkCessionario({ ...COMPANY, idFiscaleIva: { paese: 'IT', codice: '01234567890' } }), 'INVOICE_CUSTOMER_VAT_INVALID', 'customer.idFiscaleIva.codice'],
      [() => checkCessionario({ ...PERSON, codiceFiscale: 'RSSMRA85T10A562T' }), 'INVOICE_CUSTOMER_TAX_CODE_INVALID', 'customer.codiceFiscale'],
      [() => checkCessionario({ ...COMPANY, idFiscaleIva: null }), 'INVOICE_CUSTOMER_ID_REQUIRED', 'customer.idFiscaleIva'],
      [() => checkCessionario({ ...COMPANY, sede: { ...COMPANY.sede, cap: '1012' } }), 'INVOICE_CUSTOMER_CAP_INVALID', 'customer.sede.cap'],
      [() => checkCessionario({ ...COMPANY, codiceDestinatario: 'abc' }), 'INVOICE_CUSTOMER_RECIPIENT_CODE_INVALID', 'customer.codiceDestinatario'],
      [() => checkCessionario({ ...PERSON, pec: 'mario.rossi' }), 'INVOICE_CUSTOMER_PEC_INVALID', 'customer.pec'],
    ];
    for (const [f, code, field] of cases) {
      const e = thrown(f);
      expect([e.code, e.field]).toEqual([code, field]);
      expect(e.message).not.toBe('');
    }
    expect(thrown(() => checkCessionario({ ...PERSON, codiceFiscale: 'RSSMRA85T10A562T' })).message).toBe(
      "Codice fiscale: il carattere di controllo (l'ultimo) non torna, c'è un errore di battitura");
  });

  it('the shop address is read from the set-up\'s free text, on one line or two', () => {
    const doc = makeDocument({ lines: [{ description: 'Borsa', unitPriceCents: 4500 }], payments: [{ method: 'cash', amountCents: 4500 }] });
    const one = build({ document: doc, shop: { ...SHOP, address: 'Piazza Castello 5, 10122 Torino TO' } });
    const noProv = build({ document: doc, shop: { ...SHOP, address: 'Via Garibaldi 7\nScala B\n20121 Milano' } });
    expectValid(one.xml, noProv.xml);
    expect(blocks(one.xml, 'CedentePrestatore')[0]).toMatch(/<Indirizzo>Piazza Castello 5<\/Indirizzo>\s*<CAP>10122<\/CAP>\s*<Comune>Torino<\/Comune>\s*<Provincia>TO<\/Provincia>/);
    expect(blocks(noProv.xml, 'CedentePrestatore')[0]).toMatch(/<Indirizzo>Via Garibaldi 7, Scala B<\/Indirizzo>\s*<CAP>20121<\/CAP>\s*<Comune>Milano<\/Comune>\s*<Nazione>/);
  });

  it('the XSD check itself catches an invalid invoice (the helper can fail)', () => {
    const doc = makeDocument({ lines: [{ description: 'Borsa', unitPriceCents: 4500 }], payments: [{ method: 'cash', amountCents: 4500 }] });
    const { xml } = build({ document: doc });
    const [good, noNumber, badNatura] = validateAgainstXsd([xml, xml.replace(/<Numero>[^<]*<\/Numero>/, ''), xml.replace('<AliquotaIVA>22.00</AliquotaIVA>', '<AliquotaIVA>22</AliquotaIVA>')]);
    expect(good!.valid).toBe(true);
    expect(noNumber!.valid).toBe(false);
    expect(noNumber!.errors.join('\n')).toMatch(/Numero/);
    expect(badNatura!.valid).toBe(false);
  });
});
