import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cartToSaleRequest, discountCents, paymentSummary, previewCart, tryPreviewCart } from '../../../shared/contract/cart.js';
import type { CartLine, ParkedCart } from '../../../shared/contract/sale.js';
import { makeBackend, loginManager } from './helpers.js';

const line = (over: Partial<CartLine> = {}): CartLine => ({
  key: Math.random().toString(36).slice(2),
  productId: null, sku: null, barcode: null,
  description: 'Reparto 1', vatCode: '22', department: null,
  unitPriceCents: 1000, listPriceCents: null, quantityMilli: 1000, soldByWeight: false,
  discount: null, complimentary: false,
  ...over,
});
const cart = (lines: CartLine[], saleDiscount: ParkedCart['saleDiscount'] = null): ParkedCart => ({ lines, saleDiscount });

describe('cart figures come from shared/sale.ts', () => {
  it('percent discounts are basis points rounded half-up to the cent', () => {
    expect(discountCents({ kind: 'percent', value: 1000 }, 1999)).toBe(200);
    expect(discountCents({ kind: 'percent', value: 250 }, 1)).toBe(0);
    expect(discountCents({ kind: 'amount', value: 150 }, 1999)).toBe(150);
    expect(discountCents(null, 1999)).toBe(0);
  });

  it('previews total, weight lines, line and sale discounts, and the 5-cent rounding for cash', () => {
    const p = previewCart(cart([
      line({ unitPriceCents: 249, quantityMilli: 1235, vatCode: '4' }), // 3,08 (3,075 half-up)
      line({ unitPriceCents: 1000, discount: { kind: 'percent', value: 1000 } }), // 10,00 − 1,00
    ], { kind: 'amount', value: 100 }), true);
    expect(p.totals.subtotalCents).toBe(308 + 1000);
    expect(p.totals.lineDiscountCents).toBe(100);
    expect(p.totals.saleDiscountCents).toBe(100);
    expect(p.totals.totalCents).toBe(1108);
    expect(p.cashRoundingCents).toBe(2); // 11,08 → 11,10
    expect(p.cashDueCents).toBe(1110);
  });

  it('reports an invalid cart as an error value with its field', () => {
    const r = tryPreviewCart(cart([line({ unitPriceCents: 100, discount: { kind: 'amount', value: 500 } })]), true);
    expect(r.preview).toBeNull();
    expect(r.error).toMatchObject({ code: 'LINE_DISCOUNT_TOO_LARGE', field: 'lines[0].discount_cents' });
  });

  it('payment summary: remaining, change on cash, rounding only when all cash', () => {
    const c = cart([line({ unitPriceCents: 1253 })]);
    const none = paymentSummary(c, [], null, true);
    expect(none).toMatchObject({ totalCents: 1253, roundingCents: 2, dueCents: 1255, remainingCents: 1255, remainingNonCashCents: 1253, ready: false, error: null });
    const cash = paymentSummary(c, [{ method: 'cash', amountCents: 2000 }], null, true);
    expect(cash).toMatchObject({ dueCents: 1255, changeCents: 745, ready: true, remainingCents: 0 });
    const split = paymentSummary(c, [{ method: 'electronic', amountCents: 1000 }], null, true);
    expect(split).toMatchObject({ roundingCents: 0, dueCents: 1253, remainingCents: 253, remainingNonCashCents: 253, ready: false });
    // Cash first, card for the rest: no rounding once the payment is mixed.
    expect(paymentSummary(c, [{ method: 'cash', amountCents: 1000 }], null, true).remainingNonCashCents).toBe(253);
    const card = paymentSummary(c, [{ method: 'electronic', amountCents: 1253 }], 'ABCD1234', true);
    expect(card.ready).toBe(true);
    // With a lottery code entered, what is due is the electronic amount (no cash rounding).
    expect(paymentSummary(c, [], 'ABCD1234', true)).toMatchObject({ roundingCents: 0, dueCents: 1253, remainingCents: 1253 });
  });

  it('a bad lottery code is a field error in Italian, and only an all-electronic sale may carry one', () => {
    const c = cart([line({ unitPriceCents: 1253 })]);
    const bad = paymentSummary(c, [{ method: 'electronic', amountCents: 1253 }], 'ABC', true);
    expect(bad.error).toMatchObject({ code: 'LOTTERY_CODE_FORMAT', field: 'lottery_code' });
    expect(bad.error?.message).toMatch(/Codice lotteria non valido/);
    const withCash = paymentSummary(c, [{ method: 'cash', amountCents: 1300 }], 'ABCD1234', true);
    expect(withCash.error?.code).toBe('LOTTERY_NOT_ELECTRONIC');
  });

  it('the ledger commits exactly what the cart previewed (property)', async () => {
    const b = makeBackend();
    // A manager: big discounts and open prices are what this property explores, not who may give them (policies.test.ts).
    await loginManager(b);
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({
        price: fc.integer({ min: 1, max: 50_000 }),
        qty: fc.integer({ min: 1, max: 5_000 }),
        pct: fc.integer({ min: 0, max: 5_000 }),
        vat: fc.constantFrom('4' as const, '10' as const, '22' as const, 'N2' as const),
      }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 0, max: 3_000 }),
      async (specs, salePct) => {
        const c = cart(specs.map((s) => line({ unitPriceCents: s.price, quantityMilli: s.qty, vatCode: s.vat, discount: { kind: 'percent', value: s.pct } })),
          { kind: 'percent', value: salePct });
        const preview = previewCart(c, true);
        const payments = [{ method: 'cash' as const, amountCents: preview.cashDueCents + 1000 }];
        const r = await b.ok('sale.commit', cartToSaleRequest(c, payments, null));
        expect(r.totalCents).toBe(preview.totals.totalCents);
        expect(r.dueCents).toBe(preview.cashDueCents);
        expect(r.changeCents).toBe(1000);
        expect(r.vat).toEqual(preview.totals.vat);
      },
    ), { numRuns: 40 });
  });

  it('product lines send the catalog reference, and the price only when overridden', () => {
    const req = cartToSaleRequest(cart([
      line({ productId: 'p1', barcode: '800', unitPriceCents: 149, description: 'Latte' }),
      line({ productId: 'p2', unitPriceCents: 100, listPriceCents: 149, description: 'Latte' }),
      line({ department: 'REP1', unitPriceCents: 500, vatCode: '10', quantityMilli: 1500 }),
    ]), [{ method: 'cash', amountCents: 5000 }], null);
    expect(req.lines).toEqual([
      { product_id: 'p1', barcode: '800', quantity: 1, discount_cents: 0, complimentary: false },
      { product_id: 'p2', unit_price_cents: 100, quantity: 1, discount_cents: 0, complimentary: false },
      { description: 'Reparto 1', unit_price_cents: 500, vat_code: '10', department: 'REP1', quantity: 1.5, discount_cents: 0, complimentary: false },
    ]);
  });
});
