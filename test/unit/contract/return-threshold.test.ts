// Refunds above the threshold need a manager: splitting one sale's return into small returns,
// each under the threshold, must not refund more than the threshold without one.
import { describe, expect, it } from 'vitest';
import { loginCashier, loginManager, makeBackend } from './helpers.js';

describe('return threshold counts what the sale already refunded', () => {
  it('a second small return of the same sale that takes the refunds over the threshold needs a manager', async () => {
    const b = makeBackend();
    await loginManager(b);
    await b.ok('settings.save', { values: { 'sale.managerReturnThresholdCents': 2000 } });
    await loginCashier(b);
    // Two bottles of wine at 12,90 € = 25,80 €.
    const sale = await b.ok('sale.commit', { lines: [{ barcode: '8000000000019', quantity: 2 }], payments: [{ method: 'cash', amount_cents: 2580 }] });
    const first = await b.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] });
    expect(first.totalCents).toBe(1290);
    const second = await b.err('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] });
    expect(second).toMatchObject({ code: 'MANAGER_REQUIRED', message: 'Serve il PIN di un responsabile per questa operazione' });
    expect(second.approval?.reasons.map((r) => r.message)).toEqual(['Reso di € 12,90: con i resi precedenti fanno € 25,80 su questa vendita (oltre la soglia di € 20,00)']);
    await b.approve(second);
    expect((await b.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] })).totalCents).toBe(1290);
  });

  it('small returns of different sales stay with the cashier', async () => {
    const b = makeBackend();
    await loginCashier(b);
    for (let i = 0; i < 3; i++) {
      const sale = await b.ok('sale.commit', { lines: [{ barcode: '8000000000019', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 1290 }] });
      expect((await b.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] })).kind).toBe('return');
    }
  });
});
