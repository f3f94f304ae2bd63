// A product sold by the piece at a fraction of a piece is a price cut in disguise (a bottle of wine
// at quantity 0,001 costs 1 cent): for a cashier it needs a manager, like a price override.
import { describe, expect, it } from 'vitest';
import { loginCashier, loginManager, makeBackend } from './helpers.js';

const pay = (cents: number) => [{ method: 'cash' as const, amount_cents: cents }];

describe('fractional quantities of products sold by the piece', () => {
  it('a cashier selling 0,001 of a bottle is asked for a manager PIN; nothing is recorded', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const e = await b.err('sale.commit', { lines: [{ barcode: '8000000000019', quantity: 0.001 }], payments: pay(100) });
    expect(e).toMatchObject({ code: 'MANAGER_REQUIRED', message: 'Serve il PIN di un responsabile per questa operazione' });
    expect(e.approval?.reasons.map((r) => r.message)).toEqual(['Quantità non intera di un articolo venduto a pezzi: Vino rosso Chianti × 0,001']);
    expect((b.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(0);
    // The PIN was typed for 0,001 bottles: half a bottle is another sale, another PIN.
    await b.approve(e);
    const half = { lines: [{ barcode: '8000000000019', quantity: 0.5 }], payments: pay(1000) };
    const again = await b.err('sale.commit', half);
    expect(again.code).toBe('MANAGER_REQUIRED');
    await b.approve(again);
    expect((await b.ok('sale.commit', half)).totalCents).toBe(645);
  });

  it('whole pieces, weighed products and open-price lines stay with the cashier; a manager may sell a fraction', async () => {
    const b = makeBackend();
    await loginCashier(b);
    expect((await b.ok('sale.commit', { lines: [{ barcode: '8000000000019', quantity: 2 }], payments: pay(2580) })).totalCents).toBe(2580);
    expect((await b.ok('sale.commit', { lines: [{ sku: 'MELE', quantity: 1.5 }], payments: pay(400) })).totalCents).toBe(374);
    expect((await b.ok('sale.commit', { lines: [{ description: 'Stoffa al metro', unit_price_cents: 1000, vat_code: '22', quantity: 1.5 }], payments: pay(1500) })).totalCents).toBe(1500);
    await loginManager(b);
    expect((await b.ok('sale.commit', { lines: [{ barcode: '8000000000019', quantity: 0.5 }], payments: pay(1000) })).totalCents).toBe(645);
  });
});
