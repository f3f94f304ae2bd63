// The history of a sale invoiced at the counter and its return (issue #13): they never go to the AdE,
// so they must not read «Da inviare» (which would have the shop wait for a transmission that never
// comes) nor be counted among what is still to send: they read «Fattura: non va all'AdE», the filter
// «Documentati da fattura» finds exactly them, and a plain sale beside them is still «Da inviare».
import { describe, expect, it } from 'vitest';
import { loginManager, makeBackend } from '../../unit/contract/helpers.js';
import { barSport, invoicingShop, wineAndBread } from './helpers.js';

describe('history of documents documented by an invoice', () => {
  it('reads «documented by invoice», in the rows, the detail and the filter; a plain sale is still to send', async () => {
    const b = makeBackend();
    invoicingShop(b.db);
    await loginManager(b);
    await b.ok('customers.save', barSport);
    const sale = await b.ok('sale.commit', { ...wineAndBread, invoice: { customer: '01234567897' } });
    const ret = await b.ok('documents.return', { sale: sale.id, lines: [{ line_no: 2, quantity: 1 }] });
    const plain = await b.ok('sale.commit', wineAndBread);

    const { rows } = await b.ok('documents.history', {});
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[sale.id]).toMatchObject({ fiscalGroup: 'invoice', fiscalPhase: 'by_invoice', invoiceNumber: '2026/0001' });
    expect(byId[ret.id]).toMatchObject({ fiscalGroup: 'invoice', fiscalPhase: 'by_invoice', invoiceNumber: '2026/0002' });
    expect(byId[plain.id]).toMatchObject({ fiscalGroup: 'queued', fiscalPhase: 'to_send', invoiceNumber: null });

    expect((await b.ok('documents.history', { status: 'invoice' })).rows.map((r) => r.id).sort()).toEqual([sale.id, ret.id].sort());
    expect((await b.ok('documents.history', { status: 'queued' })).rows.map((r) => r.id)).toEqual([plain.id]);

    for (const id of [sale.id, ret.id]) {
      const d = await b.ok('documents.get', { ref: id });
      expect(d).toMatchObject({ fiscalGroup: 'invoice', fiscalPhase: 'by_invoice', canRetry: false, cancelTransmission: { allowed: false } });
    }
    expect((await b.ok('documents.get', { ref: plain.id })).fiscalPhase).toBe('to_send');
  });
});
