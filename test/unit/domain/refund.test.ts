import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { refundForQuantity } from '../../../shared/sale.js';

/** Splits `total` into `n` positive integer parts at the given cut points. */
function splitQty(total: number, cuts: number[]): number[] {
  const points = [...new Set(cuts.map((c) => 1 + (c % (total - 1 || 1))))].filter((p) => p > 0 && p < total).sort((a, b) => a - b);
  const parts: number[] = [];
  let prev = 0;
  for (const p of [...points, total]) {
    parts.push(p - prev);
    prev = p;
  }
  return parts;
}

describe('refundForQuantity', () => {
  it('full return gives back exactly the line amount', () => {
    expect(refundForQuantity(1000, 3000, 0, 3000)).toBe(1000);
    expect(refundForQuantity(715, 1500, 0, 1500)).toBe(715);
    expect(refundForQuantity(0, 1000, 0, 1000)).toBe(0);
  });

  it('three single returns of a 3-piece line worth € 10,00 give 3,33 + 3,34 + 3,33', () => {
    const a = refundForQuantity(1000, 3000, 0, 1000);
    const b = refundForQuantity(1000, 3000, 1000, 1000);
    const c = refundForQuantity(1000, 3000, 2000, 1000);
    expect([a, b, c]).toEqual([333, 334, 333]);
    expect(a + b + c).toBe(1000);
  });

  it('half of a weighed line', () => {
    // 1,235 kg line worth € 16,04: returning 0,500 kg → 6,49 (16,04 × 500/1235 = 6,494)
    expect(refundForQuantity(1604, 1235, 0, 500)).toBe(649);
    expect(refundForQuantity(1604, 1235, 500, 735)).toBe(1604 - 649);
  });

  it('a discounted line refunds what was actually paid, not the list price', () => {
    // 2 × € 5,00 with a € 1,00 discount: paid 9,00, one piece back → 4,50
    expect(refundForQuantity(900, 2000, 0, 1000)).toBe(450);
  });

  it('any sequence of partial returns adds up exactly to the line amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 12 }),
        (amount, qty, cuts) => {
          const parts = splitQty(qty, cuts);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(qty);
          let already = 0;
          let refunded = 0;
          for (const q of parts) {
            const r = refundForQuantity(amount, qty, already, q);
            expect(Number.isInteger(r)).toBe(true);
            expect(r).toBeGreaterThanOrEqual(0);
            // Each part is within a cent of its proportional share.
            expect(Math.abs(r - (amount * q) / qty)).toBeLessThanOrEqual(1);
            refunded += r;
            already += q;
            // What has been refunded so far is the rounded proportional share of what has come back.
            expect(Math.abs(refunded - (amount * already) / qty)).toBeLessThanOrEqual(0.5);
          }
          expect(refunded).toBe(amount);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('does not depend on how earlier returns were split', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 2, max: 10_000 }), fc.integer({ min: 1, max: 9_999 }), (amount, qty, k0) => {
        const k = 1 + (k0 % (qty - 1));
        const inOneGo = refundForQuantity(amount, qty, 0, k);
        let inSteps = 0;
        for (let i = 0; i < k; i += Math.max(1, Math.floor(k / 3))) {
          const step = Math.min(Math.max(1, Math.floor(k / 3)), k - i);
          inSteps += refundForQuantity(amount, qty, i, step);
        }
        expect(inSteps).toBe(inOneGo);
      }),
    );
  });
});
