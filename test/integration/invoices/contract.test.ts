// Invoices through the real dispatcher, as the counter calls them: a receipted sale invoiced to a
// customer of the book (the series' first number of the year, the XML valid against the XSD and
// citing the receipt), the next number, every refusal in Italian naming the field and consuming no
// number, a credit note citing the invoice, the invoiced customer kept, the issued rows untouchable.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loginCashier, loginManager, makeBackend } from '../../unit/contract/helpers.js';
import { validateAgainstXsd } from '../../fixtures/xmllint.js';
import { barSport, invoicingShop, marioRossi, receiptNumbered, wineAndBread, xmlField } from './helpers.js';

function backend() {
  const b = makeBackend();
  invoicingShop(b.db);
  return b;
}

describe('invoices.* through the dispatcher', () => {
  it('a cashier invoices a receipted sale: 2026/0001 citing the receipt, valid against the XSD, queued to send; the next is 2026/0002', async () => {
    const b = backend();
    await loginCashier(b);
    const bar = await b.ok('customers.save', barSport);
    const sale = await b.ok('sale.commit', wineAndBread);
    receiptNumbered(b.db, sale.id, 'DCW2026/5111-2222');
    b.clock.set('2026-11-21T15:30:00Z');

    const inv = await b.ok('invoices.create', { sale: sale.number, customer: 'IT01234567897' });
    expect(inv).toMatchObject({
      kind: 'TD01', number: '2026/0001', year: '2026', seq: 1, date: '2026-11-21',
      document: { id: sale.id, number: sale.number, kind: 'sale' },
      customer: { id: bar.id, name: 'Bar Sport Srl' }, totalCents: sale.dueCents,
      receipt: { number: sale.number, date: '2026-11-21', adeNumber: 'DCW2026/5111-2222' }, corrects: null,
      operatorId: b.cashierId, createdAt: '2026-11-21T15:30:00.000Z', fileName: 'IT00743110157_26001.xml',
      sending: { state: 'pending', provider: null, attempts: 0, remoteId: null, lastError: null },
    });
    const { xml } = await b.ok('invoices.get', { invoice: '2026/0001' });
    expect(validateAgainstXsd([xml])[0]).toEqual({ valid: true, errors: [] });
    expect(xmlField(xml, 'TipoDocumento')).toBe('TD01');
    expect(xmlField(xml, 'Numero')).toBe('2026/0001');
    expect(xmlField(xml, 'Causale')).toBe(`Fattura relativa al documento commerciale n. ${sale.number} del 21/11/2026 (n. AdE DCW2026/5111-2222)`);
    expect(xmlField(xml, 'Denominazione')).toBe('Bottega della Città S.n.c.');
    expect(xml).toContain('<CodiceDestinatario>M5UXCR1</CodiceDestinatario>');
    expect(xmlField(xml, 'ImportoTotaleDocumento')).toBe((sale.dueCents / 100).toFixed(2));

    // the customer by codice fiscale this time; the receipt's AdE number not known yet
    const mario = await b.ok('customers.save', marioRossi);
    const sale2 = await b.ok('sale.commit', wineAndBread);
    const second = await b.ok('invoices.create', { sale: sale2.id, customer: 'rssmra85t10a562s' });
    expect(second).toMatchObject({ number: '2026/0002', seq: 2, customer: { id: mario.id, name: 'Rossi Mario' }, receipt: { adeNumber: null } });
    const xml2 = (await b.ok('invoices.get', { invoice: second.id })).xml;
    expect(xmlField(xml2, 'Causale')).toBe(`Fattura relativa al documento commerciale n. ${sale2.number} del 21/11/2026`);
    expect(validateAgainstXsd([xml2])[0]!.valid).toBe(true);

    expect((await b.ok('invoices.list', {})).invoices.map((i) => [i.number, i.customer.name])).toEqual([['2026/0002', 'Rossi Mario'], ['2026/0001', 'Bar Sport Srl']]);
    expect(b.db.prepare(`SELECT invoice_id, state FROM invoice_outbox ORDER BY created_at, invoice_id`).all()).toHaveLength(2);
    const journaled = JSON.parse(b.db.prepare(`SELECT payload FROM audit_log WHERE entity_id = ?`).pluck().get(inv.id) as string) as { xml_sha256: string; number: string };
    expect(journaled).toMatchObject({ number: '2026/0001', xml_sha256: createHash('sha256').update(xml, 'utf8').digest('hex') });
    expect(b.db.prepare(`SELECT action, actor, entity_id FROM audit_log WHERE action LIKE 'invoice.%' ORDER BY seq`).all()).toEqual([
      { action: 'invoice.issue', actor: b.cashierId, entity_id: inv.id },
      { action: 'invoice.issue', actor: b.cashierId, entity_id: second.id },
    ]);
  });

  it('refusals name the field in Italian, change nothing and take no number', async () => {
    const b = backend();
    await loginManager(b);
    const bar = await b.ok('customers.save', barSport);
    const sale = await b.ok('sale.commit', wineAndBread);
    await b.ok('invoices.create', { sale: sale.id, customer: bar.id });

    expect(await b.err('invoices.create', { sale: sale.id, customer: bar.id })).toMatchObject({
      code: 'INVOICE_ALREADY_ISSUED', field: 'sale',
      message: `Vendita: la vendita ${sale.number} è già fatturata (fattura 2026/0001); non si può fatturare due volte`,
      message_en: `Sale: sale ${sale.number} is already invoiced (invoice 2026/0001); it cannot be invoiced twice`,
    });
    const other = await b.ok('sale.commit', wineAndBread);
    expect(await b.err('invoices.create', { sale: other.id, customer: '99999999999' })).toMatchObject({
      code: 'INVOICE_CUSTOMER_UNKNOWN', field: 'customer',
      message: 'Cliente: nessun cliente con id, codice fiscale o partita IVA «99999999999» (aggiungerlo prima con «Clienti»)',
    });
    const mario = await b.ok('customers.save', marioRossi);
    await b.ok('customers.deactivate', { id: mario.id });
    expect(await b.err('invoices.create', { sale: other.id, customer: mario.id })).toMatchObject({
      code: 'INVOICE_CUSTOMER_INACTIVE', field: 'customer',
      message: 'Cliente: Rossi Mario è disattivato; riattivarlo in «Clienti» per fatturargli',
    });
    expect(await b.err('invoices.create', { sale: '2026-11-21/9999', customer: bar.id })).toMatchObject({ code: 'DOCUMENT_NOT_FOUND', field: 'sale' });

    // fully returned, voided
    const returned = await b.ok('sale.commit', wineAndBread);
    await b.ok('documents.return', { sale: returned.id, lines: [{ line_no: 1, quantity: 2 }, { line_no: 2, quantity: 1 }] });
    expect(await b.err('invoices.create', { sale: returned.id, customer: bar.id })).toMatchObject({
      code: 'INVOICE_SALE_RETURNED', field: 'sale',
      message: `Vendita: la vendita ${returned.number} è stata resa per intero; non c'è più nulla da fatturare`,
    });
    const voided = await b.ok('sale.commit', wineAndBread);
    receiptNumbered(b.db, voided.id, 'DCW2026/5111-3333');
    const v = await b.ok('documents.void', { sale: voided.id, reason: 'errore' });
    expect(await b.err('invoices.create', { sale: voided.id, customer: bar.id })).toMatchObject({
      code: 'INVOICE_SALE_VOIDED', field: 'sale',
      message: `Vendita: la vendita ${voided.number} è annullata (annullo ${v.number}); non si può fatturare`,
    });
    // a return is not a sale to invoice
    const ret = b.db.prepare(`SELECT number FROM documents WHERE kind = 'return'`).pluck().get() as string;
    expect(await b.err('invoices.create', { sale: ret, customer: bar.id })).toMatchObject({ code: 'INVOICE_NOT_A_SALE', field: 'sale' });

    // the shop's data missing: the builder refuses, and the number taken in the transaction is given back
    b.db.prepare(`UPDATE settings SET value = '""' WHERE key = 'shop.vatNumber'`).run();
    expect(await b.err('invoices.create', { sale: other.id, customer: bar.id })).toMatchObject({ code: 'INVOICE_SHOP_VAT_NUMBER_MISSING', field: 'shop.vatNumber' });
    invoicingShop(b.db);

    expect(b.db.prepare('SELECT count(*) FROM invoices').pluck().get()).toBe(1);
    expect(b.db.prepare('SELECT count(*) FROM invoice_outbox').pluck().get()).toBe(1);
    expect((await b.ok('invoices.create', { sale: other.id, customer: bar.id })).number).toBe('2026/0002');
  });

  it('a codice fiscale two customers share (the person and their sole-trader business) asks for the id', async () => {
    const b = backend();
    await loginCashier(b);
    const person = await b.ok('customers.save', marioRossi);
    const business = await b.ok('customers.save', { ...barSport, denominazione: 'Rossi Mario Ferramenta', partita_iva: '12345678903', codice_fiscale: marioRossi.codice_fiscale });
    const sale = await b.ok('sale.commit', wineAndBread);
    expect(await b.err('invoices.create', { sale: sale.id, customer: marioRossi.codice_fiscale })).toMatchObject({
      code: 'INVOICE_CUSTOMER_AMBIGUOUS', field: 'customer',
      message: `Cliente: 2 clienti hanno «${marioRossi.codice_fiscale}»; indicare l'id del cliente`,
    });
    expect((await b.ok('invoices.create', { sale: sale.id, customer: '12345678903' })).customer.id).toBe(business.id);
    void person;
  });

  it('a training sale is not invoiced', async () => {
    const b = makeBackend({}, {}, 'training');
    invoicingShop(b.db);
    await loginCashier(b);
    const bar = await b.ok('customers.save', barSport);
    const sale = await b.ok('sale.commit', wineAndBread);
    expect(await b.err('invoices.create', { sale: sale.id, customer: bar.id })).toMatchObject({ code: 'TRAINING_DOCUMENT', field: 'sale' });
    expect(b.db.prepare('SELECT count(*) FROM invoices').pluck().get()).toBe(0);
  });

  it('a credit note for the return of an invoiced sale cites the invoice; a return of a sale not invoiced has none', async () => {
    const b = backend();
    await loginCashier(b);
    const bar = await b.ok('customers.save', barSport);
    const sale = await b.ok('sale.commit', wineAndBread);
    const inv = await b.ok('invoices.create', { sale: sale.id, customer: bar.id });
    const ret = await b.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] });
    // the customer deactivated since: the credit note still goes to them
    await loginManager(b);
    await b.ok('customers.deactivate', { id: bar.id });
    await loginCashier(b);

    const cn = await b.ok('invoices.creditNote', { return: ret.number });
    expect(cn).toMatchObject({
      kind: 'TD04', number: '2026/0002', document: { id: ret.id, kind: 'return' }, customer: { id: bar.id },
      corrects: { id: inv.id, number: '2026/0001', date: '2026-11-21' }, receipt: null, totalCents: ret.totalCents,
    });
    const { xml } = await b.ok('invoices.get', { invoice: cn.number });
    expect(validateAgainstXsd([xml])[0]).toEqual({ valid: true, errors: [] });
    expect(xmlField(xml, 'TipoDocumento')).toBe('TD04');
    expect(xml).toMatch(/<DatiFattureCollegate>\s*<IdDocumento>2026\/0001<\/IdDocumento>\s*<Data>2026-11-21<\/Data>\s*<\/DatiFattureCollegate>/);
    expect(await b.err('invoices.creditNote', { return: ret.id })).toMatchObject({ code: 'INVOICE_CREDIT_NOTE_EXISTS', field: 'return' });
    expect(await b.err('invoices.creditNote', { return: sale.id })).toMatchObject({ code: 'INVOICE_NOT_A_REFUND', field: 'return' });

    const plain = await b.ok('sale.commit', wineAndBread);
    const plainReturn = await b.ok('documents.return', { sale: plain.id, lines: [{ line_no: 2, quantity: 1 }] });
    expect(await b.err('invoices.creditNote', { return: plainReturn.id })).toMatchObject({
      code: 'INVOICE_SALE_NOT_INVOICED', field: 'return',
      message: `Reso: la vendita ${plain.number} (di ${plainReturn.number}) non è fatturata; la nota di credito serve solo per correggere una fattura`,
    });
  });

  it('an invoiced customer cannot be deleted; issued invoices cannot be changed or removed', async () => {
    const b = backend();
    await loginManager(b);
    const bar = await b.ok('customers.save', barSport);
    const sale = await b.ok('sale.commit', wineAndBread);
    await b.ok('invoices.create', { sale: sale.id, customer: bar.id });
    expect(await b.err('customers.delete', { id: bar.id })).toMatchObject({
      code: 'CUSTOMER_IN_USE', field: 'id',
      message: 'Il cliente Bar Sport Srl non si può eliminare: compare in 1 documento. Disattivarlo invece: resta nei documenti ma non si propone più',
    });
    expect(() => b.db.prepare(`UPDATE invoices SET total_cents = 1`).run()).toThrow(/append-only/);
    expect(() => b.db.prepare(`DELETE FROM invoices`).run()).toThrow(/append-only/);
    expect((await b.ok('customers.get', { id: bar.id })).active).toBe(true);
  });

  it('the series: the prefix set by the shop, and a new series on 1 January (Europe/Rome)', async () => {
    const b = backend();
    await loginManager(b);
    const bar = await b.ok('customers.save', barSport);
    await b.ok('settings.save', { values: { 'invoice.prefix': 'A-' } });
    b.clock.set('2026-12-31T22:30:00Z'); // 23:30 in Rome: still 2026
    const last = await b.ok('sale.commit', wineAndBread);
    expect((await b.ok('invoices.create', { sale: last.id, customer: bar.id })).number).toBe('A-2026/0001');
    b.clock.set('2026-12-31T23:30:00Z'); // 00:30 on 1 January in Rome
    const first = await b.ok('sale.commit', wineAndBread);
    expect(await b.ok('invoices.create', { sale: first.id, customer: bar.id })).toMatchObject({ number: 'A-2027/0001', year: '2027', date: '2027-01-01', fileName: 'IT00743110157_27001.xml' });
    expect(await b.err('settings.save', { values: { 'invoice.prefix': 'Serie è' } })).toMatchObject({
      code: 'INVALID_INPUT', field: 'values.invoice.prefix',
      message: 'Campo "values.invoice.prefix": Prefisso delle fatture: fino a 8 lettere, cifre, «-» o «/» (es. «A-»), oppure vuoto',
    });
  });
});
