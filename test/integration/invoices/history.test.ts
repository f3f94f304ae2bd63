// The history shows invoices (issue #13): a sale's detail carries its invoice with the sending state
// in words, a return's detail its credit note and its sale's invoice, and the list marks the rows;
// a rejected invoice's corrected re-issue is the one shown (invoiceOfDocument), in the list too.
import { describe, expect, it } from 'vitest';
import { loginCashier, makeBackend } from '../../unit/contract/helpers.js';
import { barSport, invoicingShop, wineAndBread } from './helpers.js';

function backend() {
  const b = makeBackend();
  invoicingShop(b.db);
  return b;
}

describe('invoices in documents.get and documents.history', () => {
  it('a sale without invoice has none; once invoiced, its detail and its row show the invoice and where it stands', async () => {
    const b = backend();
    await loginCashier(b);
    const bar = await b.ok('customers.save', barSport);
    const sale = await b.ok('sale.commit', wineAndBread);
    const plain = await b.ok('sale.commit', wineAndBread);

    expect(await b.ok('documents.get', { ref: sale.id })).toMatchObject({ invoice: null, saleInvoice: null });
    await b.ok('invoices.create', { sale: sale.id, customer: bar.id });

    const detail = await b.ok('documents.get', { ref: sale.number });
    expect(detail.invoice).toMatchObject({
      kind: 'TD01', number: '2026/0001', customer: { id: bar.id, name: 'Bar Sport Srl' },
      sending: { state: 'pending', label: 'Da inviare', sdiErrors: [], canRetry: false },
    });
    expect(detail.saleInvoice).toBeNull();

    // The invoice's number finds its sale.
    expect((await b.ok('documents.history', { text: '2026/0001' })).rows.map((r) => r.number)).toEqual([sale.number]);
    const { rows } = await b.ok('documents.history', {});
    expect(rows.map((r) => [r.number, r.invoiceNumber, r.invoiceKind, r.invoiceState])).toEqual([
      [plain.number, null, null, null],
      [sale.number, '2026/0001', 'TD01', 'pending'],
    ]);
  });

  it("a return of an invoiced sale: its detail names the sale's invoice until the credit note, then shows the credit note", async () => {
    const b = backend();
    await loginCashier(b);
    const bar = await b.ok('customers.save', barSport);
    const sale = await b.ok('sale.commit', wineAndBread);
    await b.ok('invoices.create', { sale: sale.id, customer: bar.id });
    const ret = await b.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] });

    expect(await b.ok('documents.get', { ref: ret.id })).toMatchObject({ invoice: null, saleInvoice: { number: '2026/0001' } });
    await b.ok('invoices.creditNote', { return: ret.id });
    expect(await b.ok('documents.get', { ref: ret.id })).toMatchObject({
      invoice: { kind: 'TD04', number: '2026/0002', corrects: { number: '2026/0001' }, sending: { label: 'Da inviare' } },
      saleInvoice: { number: '2026/0001' },
    });
    const rows = (await b.ok('documents.history', {})).rows;
    expect(rows.map((r) => [r.kind, r.invoiceNumber, r.invoiceKind])).toEqual([['return', '2026/0002', 'TD04'], ['sale', '2026/0001', 'TD01']]);
  });

  it('a rejected invoice: the detail says «Scartata…» with the SDI code; the row carries the state', async () => {
    const b = backend();
    await loginCashier(b);
    const bar = await b.ok('customers.save', barSport);
    const sale = await b.ok('sale.commit', wineAndBread);
    const inv = await b.ok('invoices.create', { sale: sale.id, customer: bar.id });
    // As the sender records the SDI's verdict (backend/invoicing/sender is another's).
    b.db.prepare(`UPDATE invoice_outbox SET state = 'rejected', provider = 'fattura24', sdi_errors = ? WHERE invoice_id = ?`)
      .run(JSON.stringify([{ code: '00311', message: 'CodiceDestinatario non valido' }]), inv.id);

    const detail = await b.ok('documents.get', { ref: sale.id });
    expect(detail.invoice?.sending).toMatchObject({
      state: 'rejected', label: 'Scartata dallo SDI: va emessa di nuovo, corretta, entro 5 giorni',
      sdiErrors: [{ code: '00311', message: 'CodiceDestinatario non valido' }], canReissue: true,
    });
    expect((await b.ok('documents.history', {})).rows[0]).toMatchObject({ invoiceNumber: '2026/0001', invoiceState: 'rejected' });
  });
});
