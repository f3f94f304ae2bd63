import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocate,
  apiNumberToCents,
  assertCents,
  centsToApiNumber,
  divRound,
  formatAmount,
  formatEuro,
  formatQuantity,
  formatTenths,
  lineAmount,
  parseAmount,
  parseQuantity,
  quantityFromNumber,
} from '../../../shared/money.js';

// -0 and 0 are the same amount (invisible in JSON, text and SQLite): compare them as equal.
const n0 = (x: number) => (x === 0 ? 0 : x);

// Exact reference for rounding half away from zero, in BigInt so it cannot share a float bug.
function refDivRound(a: number, b: number): number {
  const A = BigInt(a);
  const B = BigInt(b);
  const neg = A < 0n;
  const abs = neg ? -A : A;
  const q = abs / B;
  const r = abs - q * B;
  const res = 2n * r >= B ? q + 1n : q;
  return Number(neg ? -res : res);
}

describe('divRound', () => {
  it('rounds halves away from zero', () => {
    expect(divRound(5, 10)).toBe(1);
    expect(divRound(4, 10)).toBe(0);
    expect(divRound(15, 10)).toBe(2);
    expect(divRound(25, 10)).toBe(3);
    expect(divRound(-5, 10)).toBe(-1);
    expect(n0(divRound(-4, 10))).toBe(0);
    expect(divRound(-15, 10)).toBe(-2);
    expect(divRound(0, 7)).toBe(0);
    expect(divRound(7, 7)).toBe(1);
    expect(divRound(10, 3)).toBe(3);
    expect(divRound(11, 3)).toBe(4);
  });

  it('refuses a zero or negative divisor', () => {
    expect(() => divRound(1, 0)).toThrow(RangeError);
    expect(() => divRound(1, -3)).toThrow(RangeError);
  });

  it('matches an exact BigInt reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (a, b) => {
        expect(n0(divRound(a, b))).toBe(refDivRound(a, b));
      }),
    );
  });

  it('is odd-symmetric: divRound(-a, b) = -divRound(a, b)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (a, b) => {
        expect(n0(divRound(-a, b))).toBe(n0(-divRound(a, b)));
      }),
    );
  });
});

describe('lineAmount', () => {
  it('multiplies quantity (thousandths) by the unit price and rounds half-up to the cent', () => {
    expect(lineAmount(1000, 350)).toBe(350);
    expect(lineAmount(2000, 120)).toBe(240);
    expect(lineAmount(1500, 350)).toBe(525);
    // 1,235 kg × € 12,99/kg = 16,04265 → 16,04
    expect(lineAmount(1235, 1299)).toBe(1604);
    // 0,5 × 1 cent = 0,5 cent → 1 cent
    expect(lineAmount(500, 1)).toBe(1);
    expect(lineAmount(499, 1)).toBe(0);
    // 0,333 kg × € 4,50 = 1,4985 → 1,50
    expect(lineAmount(333, 450)).toBe(150);
    expect(lineAmount(1, 0)).toBe(0);
  });

  it('is within half a cent of the exact product', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (q, p) => {
        const exact = BigInt(q) * BigInt(p); // in thousandths of a cent
        const got = BigInt(lineAmount(q, p)) * 1000n;
        const diff = got > exact ? got - exact : exact - got;
        expect(diff <= 500n).toBe(true);
        expect(lineAmount(q, p)).toBe(refDivRound(q * p, 1000));
      }),
    );
  });

  it('whole pieces are exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000_000 }), (n, p) => {
        expect(lineAmount(n * 1000, p)).toBe(n * p);
      }),
    );
  });
});

describe('allocate', () => {
  it('splits proportionally with the largest remainder, ties to the earliest index', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(200, [1, 1, 1])).toEqual([67, 67, 66]);
    expect(allocate(10, [300, 700])).toEqual([3, 7]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    expect(allocate(1, [1, 2])).toEqual([0, 1]);
    expect(allocate(0, [5, 7])).toEqual([0, 0]);
    expect(allocate(50, [475, 240])).toEqual([33, 17]);
  });

  it('handles empty and all-zero weights', () => {
    expect(allocate(0, [])).toEqual([]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocate(5, [0, 0])).toThrow(RangeError);
  });

  it('never gives anything to a zero weight', () => {
    expect(allocate(7, [0, 3, 0, 4])).toEqual([0, 3, 0, 4]);
    expect(allocate(99, [0, 1, 0])).toEqual([0, 99, 0]);
  });

  it('always adds up exactly, parts within 1 of the exact share, zero weights get zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocate(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            const exact = (total * weights[i]!) / sum;
            expect(Math.abs(p - exact)).toBeLessThan(1);
            if (weights[i] === 0) expect(n0(p)).toBe(0);
          });
        },
      ),
    );
  });

  it('is monotone: a bigger weight never gets a smaller non-negative share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 2, maxLength: 20 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          for (let i = 0; i < weights.length; i++)
            for (let j = 0; j < weights.length; j++)
              if (weights[i]! > weights[j]!) expect(parts[i]!).toBeGreaterThanOrEqual(parts[j]!);
        },
      ),
    );
  });
});

describe('parseAmount', () => {
  it.each([
    ['12,50', 1250],
    ['12.50', 1250],
    ['12.5', 1250],
    ['12,5', 1250],
    ['0,01', 1],
    ['0.99', 99],
    ['3', 300],
    ['€ 3', 300],
    ['€3,20', 320],
    ['3,20 €', 320],
    ['  7,00  ', 700],
    ['1.234,56', 123456],
    ['1.234.567,89', 123456789],
    ['1234,56', 123456],
    ['1.234', 123400],
    ['1.234.567', 123456700],
    ['1 234,56', 123456],
    ['-2,50', -250],
    ['0', 0],
    ['007', 700],
  ])('"%s" → %d cents', (text, cents) => {
    expect(parseAmount(text)).toBe(cents);
  });

  it.each([
    [''],
    ['   '],
    ['€'],
    ['abc'],
    ['12,345'],
    ['12.345.6'],
    ['1,2,3'],
    ['12.3.4'],
    ['1.23,45'],
    ['12,50x'],
    ['+5'],
    ['--5'],
    ['5-'],
    [',50'],
    ['12,'],
    ['1e3'],
    ['0x10'],
    ['Infinity'],
    ['NaN'],
    ['99999999999999999999'],
  ])('"%s" is not an amount', (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it('round-trips every formatted amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => {
        expect(parseAmount(formatAmount(c))).toBe(c);
        expect(parseAmount(formatEuro(c))).toBe(c);
      }),
    );
  });

  it('reads plain dot decimals as written by spreadsheets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (e, c) => {
        expect(parseAmount(`${e}.${c.toString().padStart(2, '0')}`)).toBe(e * 100 + c);
      }),
    );
  });
});

describe('parseQuantity', () => {
  it.each([
    ['1', 1000],
    ['2', 2000],
    ['1,5', 1500],
    ['1.5', 1500],
    ['1,235', 1235],
    ['0,001', 1],
    ['0.1', 100],
    ['10.25', 10250],
    [' 3 ', 3000],
  ])('"%s" → %d thousandths', (text, milli) => {
    expect(parseQuantity(text)).toBe(milli);
  });

  it.each([[''], ['-1'], ['1,2345'], ['1.2.3'], ['1,2,3'], ['abc'], ['1e3'], ['.5'], ['1.'], ['99999999999999999']])(
    '"%s" is not a quantity',
    (text) => {
      expect(parseQuantity(text)).toBeNull();
    },
  );

  it('round-trips formatQuantity for positive quantities', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (m) => {
        expect(parseQuantity(formatQuantity(m))).toBe(m);
      }),
    );
  });
});

describe('quantityFromNumber', () => {
  it('accepts at most three decimals', () => {
    expect(quantityFromNumber(1)).toBe(1000);
    expect(quantityFromNumber(1.5)).toBe(1500);
    expect(quantityFromNumber(1.235)).toBe(1235);
    expect(quantityFromNumber(0.001)).toBe(1);
    expect(quantityFromNumber(2.675)).toBe(2675);
    expect(quantityFromNumber(1.2345)).toBeNull();
    expect(quantityFromNumber(Number.NaN)).toBeNull();
    expect(quantityFromNumber(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('recovers every thousandth from its decimal number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), (m) => {
        expect(quantityFromNumber(m / 1000)).toBe(m);
      }),
    );
  });
});

describe('formatting', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [99, '0,99'],
    [100, '1,00'],
    [1250, '12,50'],
    [123456, '1.234,56'],
    [100000000, '1.000.000,00'],
    [-5, '-0,05'],
    [-123456, '-1.234,56'],
  ])('formatAmount(%d) = "%s"', (c, s) => {
    expect(formatAmount(c)).toBe(s);
  });

  it('formatEuro prefixes the euro sign', () => {
    expect(formatEuro(1250)).toBe('€ 12,50');
    expect(formatEuro(0)).toBe('€ 0,00');
    expect(formatEuro(-250)).toBe('€ -2,50');
    expect(formatEuro(123456789)).toBe('€ 1.234.567,89');
  });

  it('formatQuantity drops trailing zeros', () => {
    expect(formatQuantity(1000)).toBe('1');
    expect(formatQuantity(2000)).toBe('2');
    expect(formatQuantity(1500)).toBe('1,5');
    expect(formatQuantity(1235)).toBe('1,235');
    expect(formatQuantity(1)).toBe('0,001');
    expect(formatQuantity(10050)).toBe('10,05');
    expect(formatQuantity(-1500)).toBe('-1,5');
  });

  it('formatAmount always has exactly two decimals and digit groups of three', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => {
        expect(formatAmount(c)).toMatch(/^-?\d{1,3}(\.\d{3})*,\d{2}$/);
      }),
    );
  });
});

describe('API edge conversions', () => {
  it('cents ↔ API decimals round-trip exactly', () => {
    expect(centsToApiNumber(1250)).toBe(12.5);
    expect(centsToApiNumber(1)).toBe(0.01);
    expect(centsToApiNumber(-715)).toBe(-7.15);
    expect(apiNumberToCents(12.5)).toBe(1250);
    expect(apiNumberToCents(0.29)).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(apiNumberToCents(1.005)).toBe(100); // 1.005 is 1.00499999… in binary
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => {
        expect(apiNumberToCents(centsToApiNumber(c))).toBe(c);
        // The JSON the API receives is the shortest decimal of the amount: never 10.049999….
        const euros = Math.trunc(Math.abs(c) / 100);
        const cc = Math.abs(c) % 100;
        const text = `${c < 0 && c !== 0 ? '-' : ''}${euros}${cc ? `.${String(cc).padStart(2, '0').replace(/0$/, '')}` : ''}`;
        expect(JSON.stringify(centsToApiNumber(c))).toBe(text);
      }),
    );
  });

  it('assertCents refuses non-integers', () => {
    expect(assertCents(5)).toBe(5);
    expect(() => assertCents(1.5)).toThrow(RangeError);
    expect(() => assertCents(Number.NaN, 'total')).toThrow(/total/);
    expect(() => assertCents(2 ** 53)).toThrow(RangeError);
  });
});

describe('no negative zero leaks into amounts', () => {
  it('divRound of a small negative that rounds to zero is +0', () => {
    expect(Object.is(divRound(-1, 3), 0)).toBe(true);
    expect(Object.is(divRound(-1, 2), -1)).toBe(true);
  });
});

describe('formatTenths (a percentage held in tenths, for display)', () => {
  it('shows whole percentages without decimals and tenths with the language\'s separator', () => {
    expect(formatTenths(250)).toBe('25');
    expect(formatTenths(125)).toBe('12,5');
    expect(formatTenths(125, '.')).toBe('12.5');
    expect(formatTenths(5)).toBe('0,5');
    expect(formatTenths(0)).toBe('0');
    expect(formatTenths(1000)).toBe('100');
    expect(formatTenths(-15)).toBe('-1,5');
  });
  it('reads back as the same tenths for every value up to 100 %', () => {
    for (let t = 0; t <= 1000; t++) expect(Math.round(Number(formatTenths(t, '.')) * 10)).toBe(t);
  });
});
