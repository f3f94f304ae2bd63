// A new invoice, credit note or re-issue nudges the sync process (the same `kick` as a new receipt),
// so its invoice sender sends it at once instead of at its next idle round.
import { describe, expect, it } from 'vitest';
import { loginCashier, makeBackend } from '../../unit/contract/helpers.js';
import { barSport, invoicingShop, receiptNumbered, wineAndBread } from '../invoices/helpers.js';

describe('invoices nudge the sync', () => {
  it('invoices.create and invoices.creditNote wake the sync once each; a refusal does not', async () => {
    let wakes = 0;
    const b = makeBackend({ sync: { status: () => ({ online: null, lastSuccessAt: null, problem: null, problemEn: null }), retry: () => ({ state: 'pending' }), wake: () => { wakes++; } } });
    invoicingShop(b.db);
    await loginCashier(b);
    await b.ok('customers.save', barSport);
    const sale = await b.ok('sale.commit', wineAndBread) as { id: string; number: string };
    receiptNumbered(b.db, sale.id, 'DCW2026/5111-2222');
    const before = wakes;
    await b.ok('invoices.create', { sale: sale.number, customer: 'IT01234567897' });
    expect(wakes - before).toBe(1);
    await b.err('invoices.create', { sale: sale.number, customer: 'IT01234567897' });
    expect(wakes - before).toBe(1);
    const ret = await b.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] }) as { id: string };
    const afterReturn = wakes;
    await b.ok('invoices.creditNote', { return: ret.id });
    expect(wakes - afterReturn).toBe(1);
  });
});
