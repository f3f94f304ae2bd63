import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LOTTERY_CODE_RE,
  MAX_DESCRIPTION,
  cashRoundingFor,
  computeSale,
  type PaymentInput,
  type SaleInput,
  type SaleLineInput,
} from '../../../shared/sale.js';
import { BanconeError } from '../../../shared/errors.js';
import { VAT_CODES, scorporo, type VatCode } from '../../../shared/vat.js';
import { MAX_AMOUNT_CENTS } from '../../../shared/money.js';

function line(o: Partial<SaleLineInput> = {}): SaleLineInput {
  return { description: 'Articolo', unitPriceCents: 100, vatCode: '22', quantityMilli: 1000, discountCents: 0, complimentary: false, ...o };
}
const cash = (amountCents: number): PaymentInput => ({ method: 'cash', amountCents });
const card = (amountCents: number): PaymentInput => ({ method: 'electronic', amountCents });
const vouchers = (amountCents: number, count: number): PaymentInput => ({ method: 'meal_voucher', amountCents, count });

function sale(lines: SaleLineInput[], payments: PaymentInput[], o: Partial<SaleInput> = {}) {
  return computeSale({ lines, discountCents: 0, payments, lotteryCode: null, cashRounding: true, ...o });
}

/** Runs fn and returns the BanconeError it throws (fails the test if it does not throw one). */
function errorOf(fn: () => unknown): BanconeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BanconeError) return e;
    throw e;
  }
  throw new Error('expected a BanconeError, nothing was thrown');
}

describe('computeSale: totals', () => {
  it('the example of the issue: 2 × Latte 1,20 + 1,5 × Pane 3,50 − 0,50', () => {
    const t = sale(
      [
        line({ description: 'Latte', unitPriceCents: 120, vatCode: '4', quantityMilli: 2000 }),
        line({ description: 'Pane', unitPriceCents: 350, vatCode: '4', quantityMilli: 1500, discountCents: 50 }),
      ],
      [cash(1000)],
    );
    expect(t.lines.map((l) => [l.lineNo, l.grossCents, l.amountCents])).toEqual([[1, 240, 240], [2, 525, 475]]);
    expect(t.subtotalCents).toBe(765);
    expect(t.lineDiscountCents).toBe(50);
    expect(t.totalCents).toBe(715);
    expect(t.roundingCents).toBe(0);
    expect(t.dueCents).toBe(715);
    expect(t.changeCents).toBe(285);
    expect(t.cashCents).toBe(715);
    expect(t.vat).toEqual([{ vatCode: '4', grossCents: 715, taxableCents: 688, vatCents: 27 }]);
  });

  it('weighed goods are priced on thousandths and rounded to the cent', () => {
    const t = sale([line({ unitPriceCents: 1299, quantityMilli: 1235, vatCode: '10' })], [card(1604)]);
    expect(t.totalCents).toBe(1604);
  });

  it('several VAT codes: one row per code, sorted, adding up to the total', () => {
    const t = sale(
      [line({ unitPriceCents: 500, vatCode: '22' }), line({ unitPriceCents: 350, vatCode: '4' }), line({ unitPriceCents: 500, vatCode: '22' }), line({ unitPriceCents: 1000, vatCode: 'N4' })],
      [card(2350)],
    );
    expect(t.vat).toEqual([
      { vatCode: '4', grossCents: 350, taxableCents: 337, vatCents: 13 },
      { vatCode: '22', grossCents: 1000, taxableCents: 820, vatCents: 180 },
      { vatCode: 'N4', grossCents: 1000, taxableCents: 1000, vatCents: 0 },
    ]);
  });

  it('a price override charges the new price and keeps the list price for the record', () => {
    const t = sale([line({ unitPriceCents: 800, listPriceCents: 1000, quantityMilli: 2000 })], [card(1600)]);
    expect(t.lines[0]!.amountCents).toBe(1600);
    expect(t.lines[0]!.listPriceCents).toBe(1000);
    expect(t.lines[0]!.unitPriceCents).toBe(800);
    expect(t.totalCents).toBe(1600);
  });

  it('a € 0 line is refused naming the line and pointing to «Omaggio» (Openapi needs a positive unit_price)', () => {
    for (const l of [line({ unitPriceCents: 0, listPriceCents: 500 }), line({ unitPriceCents: 0 }), line({ unitPriceCents: 0, complimentary: true })]) {
      const e = errorOf(() => sale([line({ unitPriceCents: 200 }), l], [card(200)]));
      expect(e.code).toBe('LINE_PRICE_ZERO');
      expect(e.field).toBe('lines[1].unit_price_cents');
      expect(e.message).toContain('Riga 2');
      expect(e.message).toContain('Omaggio');
    }
    // An omaggio at its real price is the way to give something away.
    expect(sale([line({ unitPriceCents: 500, complimentary: true }), line({ unitPriceCents: 200 })], [card(200)]).totalCents).toBe(200);
  });
});

describe('computeSale: discounts', () => {
  it('line discount comes off its line only', () => {
    const t = sale([line({ unitPriceCents: 1000, discountCents: 150 }), line({ unitPriceCents: 500, vatCode: '10' })], [card(1350)]);
    expect(t.lines.map((l) => l.amountCents)).toEqual([850, 500]);
    expect(t.lineDiscountCents).toBe(150);
    expect(t.vat.find((v) => v.vatCode === '22')!.grossCents).toBe(850);
  });

  it('a line discount equal to the line makes it zero; larger is refused naming the line', () => {
    expect(sale([line({ unitPriceCents: 300, discountCents: 300 }), line()], [card(100)]).lines[0]!.amountCents).toBe(0);
    const e = errorOf(() => sale([line(), line({ unitPriceCents: 300, discountCents: 301 })], [card(100)]));
    expect(e.code).toBe('LINE_DISCOUNT_TOO_LARGE');
    expect(e.field).toBe('lines[1].discount_cents');
    expect(e.message).toMatch(/Riga 2/);
  });

  it('sale discount is spread over the charged lines in proportion to what they cost', () => {
    const t = sale(
      [line({ unitPriceCents: 1000, vatCode: '22' }), line({ unitPriceCents: 500, vatCode: '4' })],
      [card(1350)],
      { discountCents: 150 },
    );
    expect(t.lines.map((l) => l.saleDiscountShareCents)).toEqual([100, 50]);
    expect(t.lines.map((l) => l.amountCents)).toEqual([900, 450]);
    expect(t.saleDiscountCents).toBe(150);
    expect(t.totalCents).toBe(1350);
    // The VAT base goes down with the discount.
    expect(t.vat).toEqual([
      { vatCode: '4', ...scorporo(450, '4') },
      { vatCode: '22', ...scorporo(900, '22') },
    ]);
  });

  it('an uneven sale discount still adds up to the cent (largest remainder)', () => {
    const t = sale([line({ unitPriceCents: 100 }), line({ unitPriceCents: 100 }), line({ unitPriceCents: 100 })], [card(200)], { discountCents: 100 });
    expect(t.lines.map((l) => l.saleDiscountShareCents)).toEqual([34, 33, 33]);
    expect(t.totalCents).toBe(200);
  });

  it('sale discount is taken after the line discounts and never touches omaggi', () => {
    const t = sale(
      [line({ unitPriceCents: 1000, discountCents: 500 }), line({ unitPriceCents: 9999, complimentary: true }), line({ unitPriceCents: 500 })],
      [card(900)],
      { discountCents: 100 },
    );
    expect(t.lines.map((l) => l.saleDiscountShareCents)).toEqual([50, 0, 50]);
    expect(t.lines.map((l) => l.amountCents)).toEqual([450, 0, 450]);
  });

  it('sale discount up to the whole total; more is refused', () => {
    expect(sale([line({ unitPriceCents: 500 })], [], { discountCents: 500 }).totalCents).toBe(0);
    const e = errorOf(() => sale([line({ unitPriceCents: 500 })], [card(1)], { discountCents: 501 }));
    expect(e.code).toBe('SALE_DISCOUNT_TOO_LARGE');
    expect(e.field).toBe('discount_cents');
  });

  it('refuses negative discounts and non-integer amounts', () => {
    expect(errorOf(() => sale([line()], [card(100)], { discountCents: -1 })).field).toBe('discount_cents');
    expect(errorOf(() => sale([line({ discountCents: -1 })], [card(100)])).field).toBe('lines[0].discount_cents');
    expect(errorOf(() => sale([line({ unitPriceCents: -1 })], [card(100)])).field).toBe('lines[0].unit_price_cents');
    expect(errorOf(() => sale([line({ unitPriceCents: 1.5 })], [card(100)])).field).toBe('lines[0].unit_price_cents');
    expect(errorOf(() => sale([line({ discountCents: 0.5 })], [card(100)])).field).toBe('lines[0].discount_cents');
  });
});

describe('computeSale: omaggi (complimentary lines)', () => {
  it('an omaggio is charged zero and its value is recorded', () => {
    const t = sale([line({ unitPriceCents: 250, quantityMilli: 2000, complimentary: true }), line({ unitPriceCents: 300 })], [card(300)]);
    expect(t.lines[0]!.grossCents).toBe(500);
    expect(t.lines[0]!.amountCents).toBe(0);
    expect(t.lines[0]!.complimentaryCents).toBe(500);
    expect(t.complimentaryCents).toBe(500);
    expect(t.subtotalCents).toBe(800);
    expect(t.totalCents).toBe(300);
    expect(t.vat.reduce((a, v) => a + v.grossCents, 0)).toBe(300);
  });

  it('a sale of omaggi only totals zero and needs no payment', () => {
    const t = sale([line({ complimentary: true })], []);
    expect(t.totalCents).toBe(0);
    expect(t.dueCents).toBe(0);
    expect(t.changeCents).toBe(0);
    expect(t.payments).toEqual([]);
  });

  it('an omaggio cannot also carry a discount', () => {
    const e = errorOf(() => sale([line({ complimentary: true, discountCents: 10 })], []));
    expect(e.code).toBe('LINE_OMAGGIO_WITH_DISCOUNT');
    expect(e.field).toBe('lines[0].discount_cents');
  });
});

describe('computeSale: line checks', () => {
  it('needs at least one line', () => {
    const e = errorOf(() => sale([], [cash(100)]));
    expect(e.code).toBe('SALE_EMPTY');
    expect(e.field).toBe('lines');
  });

  it.each([0, -1000, 1.5, Number.NaN])('quantity %s is refused naming the field', (q) => {
    const e = errorOf(() => sale([line(), line({ quantityMilli: q })], [card(100)]));
    expect(e.code).toBe('LINE_QUANTITY_INVALID');
    expect(e.field).toBe('lines[1].quantity');
  });

  it('description is required and limited in length', () => {
    expect(errorOf(() => sale([line({ description: '  ' })], [card(100)])).field).toBe('lines[0].description');
    expect(sale([line({ description: 'x'.repeat(MAX_DESCRIPTION) })], [card(100)]).totalCents).toBe(100);
    const e = errorOf(() => sale([line({ description: 'x'.repeat(MAX_DESCRIPTION + 1) })], [card(100)]));
    expect(e.code).toBe('LINE_DESCRIPTION_TOO_LONG');
    expect(e.field).toBe('lines[0].description');
    expect(e.messageEn).toMatch(/1000/);
  });
});

describe('cash rounding (DL 50/2017)', () => {
  it('1,2,6,7 round down; 3,4,8,9 round up; 0 and 5 stay', () => {
    const expected: Record<number, number> = { 0: 0, 1: -1, 2: -2, 3: 2, 4: 1, 5: 0, 6: -1, 7: -2, 8: 2, 9: 1 };
    for (let cents = 0; cents < 1000; cents++) {
      const r = cashRoundingFor(cents);
      expect(r + 0, `total ${cents}`).toBe(expected[cents % 10]);
      expect((cents + r) % 5).toBe(0);
    }
  });

  it.each([
    [1251, 1250],
    [1252, 1250],
    [1253, 1255],
    [1254, 1255],
    [1255, 1255],
    [1256, 1255],
    [1257, 1255],
    [1258, 1260],
    [1259, 1260],
    [1260, 1260],
  ])('cash-only sale of %d cents: customer pays %d', (total, due) => {
    const t = sale([line({ unitPriceCents: total })], [cash(2000)]);
    expect(t.totalCents).toBe(total);
    expect(t.dueCents).toBe(due);
    expect(t.roundingCents).toBe(due - total);
    expect(t.changeCents).toBe(2000 - due);
    expect(t.cashCents).toBe(due);
    // Rounding does not touch the fiscal amounts.
    expect(t.vat.reduce((a, v) => a + v.grossCents, 0)).toBe(total);
  });

  it('exact cash on a rounded-down total is enough', () => {
    const t = sale([line({ unitPriceCents: 1252 })], [cash(1250)]);
    expect(t.changeCents).toBe(0);
    expect(t.payments[0]!.appliedCents).toBe(1250);
  });

  it('paying the unrounded amount when it rounds up is not enough', () => {
    const e = errorOf(() => sale([line({ unitPriceCents: 1253 })], [cash(1253)]));
    expect(e.code).toBe('PAYMENT_INSUFFICIENT');
    expect(e.message).toContain('€ 0,02');
  });

  it('never on electronic, mixed, meal voucher or uncollected payments', () => {
    const lines = [line({ unitPriceCents: 1253 })];
    expect(sale(lines, [card(1253)]).roundingCents).toBe(0);
    expect(sale(lines, [card(1000), cash(253)]).roundingCents).toBe(0);
    expect(sale(lines, [vouchers(1253, 2)]).roundingCents).toBe(0);
    expect(sale(lines, [{ method: 'uncollected', amountCents: 1253, uncollectedKind: 'goods' }]).roundingCents).toBe(0);
    expect(sale(lines, [card(1000), cash(253)]).dueCents).toBe(1253);
  });

  it('not when the shop turned it off', () => {
    const t = sale([line({ unitPriceCents: 1252 })], [cash(1252)], { cashRounding: false });
    expect(t.roundingCents).toBe(0);
    expect(t.dueCents).toBe(1252);
  });
});

describe('payments', () => {
  it('change is given on cash', () => {
    const t = sale([line({ unitPriceCents: 730 })], [cash(1000)]);
    expect(t.changeCents).toBe(270);
    expect(t.tenderedCents).toBe(1000);
    expect(t.payments).toEqual([{ method: 'cash', amountCents: 1000, appliedCents: 730 }]);
  });

  it('card + cash: card is applied in full, change comes out of the cash', () => {
    const t = sale([line({ unitPriceCents: 1200 })], [card(500), cash(1000)]);
    expect(t.dueCents).toBe(1200);
    expect(t.changeCents).toBe(300);
    expect(t.payments.map((p) => p.appliedCents)).toEqual([500, 700]);
    expect(t.electronicCents).toBe(500);
    expect(t.cashCents).toBe(700);
  });

  it('two cash payments: change is taken from the first ones', () => {
    const t = sale([line({ unitPriceCents: 1200 })], [cash(500), cash(1000)]);
    expect(t.changeCents).toBe(300);
    expect(t.payments.map((p) => p.appliedCents)).toEqual([200, 1000]);
  });

  it('non-cash payments may not exceed the total (no change on cards or vouchers)', () => {
    for (const p of [card(1300), vouchers(1300, 2), { method: 'uncollected' as const, amountCents: 1300, uncollectedKind: 'services' as const }]) {
      const e = errorOf(() => sale([line({ unitPriceCents: 1200 })], [p]));
      expect(e.code).toBe('PAYMENT_EXCEEDS_TOTAL');
      expect(e.field).toBe('payments');
    }
    const e = errorOf(() => sale([line({ unitPriceCents: 1200 })], [card(700), vouchers(600, 1), cash(100)]));
    expect(e.code).toBe('PAYMENT_EXCEEDS_TOTAL');
  });

  it('payments must cover the total; the message says how much is missing', () => {
    const e = errorOf(() => sale([line({ unitPriceCents: 1200 })], [card(500), cash(600)]));
    expect(e.code).toBe('PAYMENT_INSUFFICIENT');
    expect(e.field).toBe('payments');
    expect(e.message).toContain('€ 1,00');
    expect(e.messageEn).toContain('€ 1,00');
    expect(errorOf(() => sale([line()], [])).code).toBe('PAYMENT_INSUFFICIENT');
  });

  it('meal vouchers record amount and count', () => {
    const t = sale([line({ unitPriceCents: 1600, vatCode: '10' })], [vouchers(1600, 2)]);
    expect(t.mealVoucherCents).toBe(1600);
    expect(t.mealVoucherCount).toBe(2);
    const t2 = sale([line({ unitPriceCents: 2000, vatCode: '10' })], [vouchers(800, 1), vouchers(700, 1), cash(1000)]);
    expect(t2.mealVoucherCents).toBe(1500);
    expect(t2.mealVoucherCount).toBe(2);
    expect(t2.changeCents).toBe(500);
    expect(t2.cashCents).toBe(500);
  });

  it('meal vouchers need a positive integer count', () => {
    for (const count of [undefined, null, 0, -1, 1.5]) {
      const e = errorOf(() => sale([line({ unitPriceCents: 800 })], [card(100), { method: 'meal_voucher', amountCents: 700, count }]));
      expect(e.code).toBe('MEAL_VOUCHER_COUNT_REQUIRED');
      expect(e.field).toBe('payments[1].count');
    }
  });

  it('uncollected needs goods or services and is recorded on its own', () => {
    const t = sale([line({ unitPriceCents: 5000 })], [card(1000), { method: 'uncollected', amountCents: 4000, uncollectedKind: 'goods' }]);
    expect(t.uncollectedCents).toBe(4000);
    expect(t.electronicCents).toBe(1000);
    expect(t.changeCents).toBe(0);
    const e = errorOf(() => sale([line({ unitPriceCents: 5000 })], [{ method: 'uncollected', amountCents: 5000 }]));
    expect(e.code).toBe('UNCOLLECTED_KIND_REQUIRED');
    expect(e.field).toBe('payments[0].kind');
  });

  it('every payment amount must be a positive integer', () => {
    for (const a of [0, -100, 1.5]) {
      const e = errorOf(() => sale([line()], [card(50), cash(a)]));
      expect(e.code).toBe('PAYMENT_AMOUNT_INVALID');
      expect(e.field).toBe('payments[1].amount_cents');
    }
  });
});

describe('lottery code', () => {
  const lines = [line({ unitPriceCents: 1000 })];

  it('accepted with a fully electronic payment of at least € 1', () => {
    expect(sale(lines, [card(1000)], { lotteryCode: 'A1B2C3D4' }).lotteryCode).toBe('A1B2C3D4');
    expect(sale(lines, [card(400), card(600)], { lotteryCode: 'abcdefgh' }).lotteryCode).toBe('abcdefgh');
    expect(sale([line({ unitPriceCents: 100 })], [card(100)], { lotteryCode: '12345678' }).lotteryCode).toBe('12345678');
    expect(sale(lines, [card(1000)], { lotteryCode: '' }).lotteryCode).toBeNull();
    expect(sale(lines, [card(1000)]).lotteryCode).toBeNull();
  });

  it('refused with any cash, meal vouchers or uncollected', () => {
    for (const payments of [[cash(1000)], [card(500), cash(500)], [card(500), vouchers(500, 1)], [{ method: 'uncollected' as const, amountCents: 1000, uncollectedKind: 'goods' as const }]]) {
      const e = errorOf(() => sale(lines, payments, { lotteryCode: 'A1B2C3D4' }));
      expect(e.code).toBe('LOTTERY_NOT_ELECTRONIC');
      expect(e.field).toBe('lottery_code');
    }
  });

  it('refused under € 1', () => {
    const e = errorOf(() => sale([line({ unitPriceCents: 99 })], [card(99)], { lotteryCode: 'A1B2C3D4' }));
    expect(e.code).toBe('LOTTERY_MIN_TOTAL');
    expect(e.field).toBe('lottery_code');
  });

  it.each(['A1B2C3D', 'A1B2C3D4E', 'A1B2-3D4', 'A1B2C3D ', 'àèìòùabc'])('format "%s" is refused', (code) => {
    const e = errorOf(() => sale(lines, [card(1000)], { lotteryCode: code }));
    expect(e.code).toBe('LOTTERY_CODE_FORMAT');
    expect(e.field).toBe('lottery_code');
  });

  it('the pattern is the Openapi one', () => {
    expect(LOTTERY_CODE_RE.source).toBe('^[a-zA-Z0-9]{8}$');
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests over random carts.

const vatCodeArb = fc.constantFrom(...VAT_CODES) as fc.Arbitrary<VatCode>;
const lineArb: fc.Arbitrary<SaleLineInput> = fc
  .record({
    unitPriceCents: fc.integer({ min: 1, max: 500_000 }),
    quantityMilli: fc.oneof(fc.integer({ min: 1, max: 20 }).map((n) => n * 1000), fc.integer({ min: 1, max: 50_000 })),
    vatCode: vatCodeArb,
    complimentary: fc.boolean(),
    discountFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ discountFraction, ...l }) => {
    const gross = Math.round((l.quantityMilli * l.unitPriceCents) / 1000);
    return { description: 'X', ...l, discountCents: l.complimentary ? 0 : Math.floor(gross * discountFraction * 0.5) };
  });
const cartArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 25 }),
  saleDiscountFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  cashRounding: fc.boolean(),
  // Carts a till can ring up: the gross, plus the € 1.000 (and rounding) the properties may overpay, within
  // MAX_AMOUNT_CENTS (beyond it computeSale refuses the document, tested on its own).
}).filter(({ lines }) => lines.reduce((a, l) => a + Math.round((l.quantityMilli * l.unitPriceCents) / 1000), 0) + 100_010 <= MAX_AMOUNT_CENTS);

function chargeable(lines: SaleLineInput[]): number {
  return lines.reduce((a, l) => a + (l.complimentary ? 0 : Math.round((l.quantityMilli * l.unitPriceCents) / 1000) - l.discountCents), 0);
}

describe('computeSale properties', () => {
  it('amounts, discounts and VAT rows always add up exactly', () => {
    fc.assert(
      fc.property(cartArb, ({ lines, saleDiscountFraction, cashRounding }) => {
        const discountCents = Math.floor(chargeable(lines) * saleDiscountFraction);
        const total = chargeable(lines) - discountCents;
        const t = computeSale({ lines, discountCents, payments: total > 0 ? [card(total)] : [], lotteryCode: null, cashRounding });
        expect(t.totalCents).toBe(total);
        expect(t.lines.reduce((a, l) => a + l.amountCents, 0)).toBe(t.totalCents);
        expect(t.lines.reduce((a, l) => a + l.saleDiscountShareCents, 0)).toBe(discountCents);
        expect(t.subtotalCents - t.lineDiscountCents - t.saleDiscountCents - t.complimentaryCents).toBe(t.totalCents);
        for (const l of t.lines) {
          expect(l.amountCents).toBeGreaterThanOrEqual(0);
          if (l.complimentary) {
            expect(l.amountCents).toBe(0);
            expect(l.saleDiscountShareCents).toBe(0);
            expect(l.complimentaryCents).toBe(l.grossCents);
          } else expect(l.amountCents).toBe(l.grossCents - l.discountCents - l.saleDiscountShareCents);
        }
        expect(t.vat.reduce((a, v) => a + v.grossCents, 0)).toBe(t.totalCents);
        for (const v of t.vat) {
          expect(v.taxableCents + v.vatCents).toBe(v.grossCents);
          expect(v.grossCents).toBe(t.lines.filter((l) => l.vatCode === v.vatCode).reduce((a, l) => a + l.amountCents, 0));
        }
        expect(t.roundingCents).toBe(0);
        expect(t.changeCents).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('cash-only: due is a multiple of 5 within 2 cents of the total; payments applied add up to what is due', () => {
    fc.assert(
      fc.property(cartArb, fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 3 }), ({ lines, cashRounding }, extra, nPay) => {
        const total = chargeable(lines);
        fc.pre(total > 0);
        const due = total + (cashRounding ? cashRoundingFor(total) : 0);
        fc.pre(due > 0);
        const tendered = due + extra;
        const parts = Array.from({ length: nPay }, (_, i) => Math.floor(tendered / nPay) + (i < tendered % nPay ? 1 : 0)).filter((a) => a > 0);
        const t = computeSale({ lines, discountCents: 0, payments: parts.map(cash), lotteryCode: null, cashRounding });
        expect(t.dueCents).toBe(due);
        if (cashRounding) {
          expect(t.dueCents % 5).toBe(0);
          expect(Math.abs(t.roundingCents)).toBeLessThanOrEqual(2);
        } else expect(t.roundingCents).toBe(0);
        expect(t.dueCents - t.totalCents).toBe(t.roundingCents);
        expect(t.changeCents).toBe(extra);
        expect(t.payments.reduce((a, p) => a + p.appliedCents, 0)).toBe(t.dueCents);
        expect(t.cashCents).toBe(t.dueCents);
        for (const p of t.payments) expect(p.appliedCents).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('mixed payments: change only from cash, applied amounts add up to the total', () => {
    fc.assert(
      fc.property(cartArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 10_000 }), ({ lines }, cardShare, extra) => {
        const total = chargeable(lines);
        const cardPart = Math.floor(total * cardShare);
        fc.pre(cardPart > 0 && total - cardPart + extra > 0);
        const t = computeSale({ lines, discountCents: 0, payments: [card(cardPart), cash(total - cardPart + extra)], lotteryCode: null, cashRounding: true });
        expect(t.roundingCents).toBe(0);
        expect(t.changeCents).toBe(extra);
        expect(t.payments[0]!.appliedCents).toBe(cardPart);
        expect(t.payments.reduce((a, p) => a + p.appliedCents, 0)).toBe(total);
      }),
      { numRuns: 200 },
    );
  });
});
