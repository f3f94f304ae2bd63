import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VAT_CODES, compareVatCodes, isVatCode, scorporo, vatLabel, vatRateBp, type VatCode } from '../../../shared/vat.js';
import { vatBreakdown } from '../../../shared/sale.js';

// The `vat_rate_code` enum of POSTReceipt.items in the Openapi contract, copied here so the test
// fails if anyone adds, drops or reorders a code.
const OPENAPI_ENUM = ['4', '5', '10', '22', '2', '6.4', '7', '7.3', '7.5', '7.65', '7.95', '8.3', '8.5', '8.8', '9.5', '12.3', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6'];

const vatCode = fc.constantFrom(...VAT_CODES);

describe('VAT codes', () => {
  it('are exactly the Openapi enum', () => {
    expect([...VAT_CODES]).toEqual(OPENAPI_ENUM);
  });

  it('isVatCode accepts only enum members', () => {
    for (const c of VAT_CODES) expect(isVatCode(c)).toBe(true);
    for (const c of ['', '0', '21', '22%', '22.0', '4.0', 'n1', 'N7', 'N', ' 22', '6,4', 'IVA22']) expect(isVatCode(c)).toBe(false);
  });

  it('rates in basis points', () => {
    const expected: Record<string, number> = {
      '4': 400, '5': 500, '10': 1000, '22': 2200, '2': 200, '6.4': 640, '7': 700, '7.3': 730, '7.5': 750, '7.65': 765,
      '7.95': 795, '8.3': 830, '8.5': 850, '8.8': 880, '9.5': 950, '12.3': 1230, N1: 0, N2: 0, N3: 0, N4: 0, N5: 0, N6: 0,
    };
    for (const c of VAT_CODES) expect(vatRateBp(c), c).toBe(expected[c]);
  });

  it('labels', () => {
    expect(vatLabel('22')).toBe('IVA 22%');
    expect(vatLabel('6.4')).toBe('IVA 6,4%');
    expect(vatLabel('7.65')).toBe('IVA 7,65%');
    expect(vatLabel('N4')).toBe('N4 Esenti');
    for (const c of VAT_CODES) expect(vatLabel(c).length).toBeGreaterThan(2);
  });

  it('sort order: rates ascending, then nature codes', () => {
    const shuffled: VatCode[] = ['N2', '22', '4', 'N1', '10', '7.65', '2', '12.3', '6.4'];
    expect([...shuffled].sort(compareVatCodes)).toEqual(['2', '4', '6.4', '7.65', '10', '12.3', '22', 'N1', 'N2']);
  });
});

describe('scorporo (gross → taxable + VAT)', () => {
  it.each<[number, VatCode, number, number]>([
    // gross, code, taxable, vat — worked examples an Italian accountant would recognise
    [12200, '22', 10000, 2200],
    [1000, '22', 820, 180], // 10,00 / 1,22 = 8,1967 → 8,20
    [100, '22', 82, 18],
    [1, '22', 1, 0],
    [10400, '4', 10000, 400],
    [100, '4', 96, 4], // 1,00 / 1,04 = 0,9615 → 0,96
    [350, '4', 337, 13], // pane 3,50: 3,3654 → 3,37
    [11000, '10', 10000, 1000],
    [250, '10', 227, 23], // caffè 2,50: 2,2727 → 2,27
    [10500, '5', 10000, 500],
    [10765, '7.65', 10000, 765],
    [10640, '6.4', 10000, 640],
    [11230, '12.3', 10000, 1230],
    [10200, '2', 10000, 200],
    [5000, 'N4', 5000, 0],
    [5000, 'N1', 5000, 0],
    [0, '22', 0, 0],
    // half-cent case: 61 / 1.22 = 50 exactly; 183 / 1.22 = 150 exactly; 1525/1.22 = 1250
    [1525, '22', 1250, 275],
  ])('€ %d cents at %s%% → taxable %d, VAT %d', (gross, code, taxable, vat) => {
    expect(scorporo(gross, code)).toEqual({ grossCents: gross, taxableCents: taxable, vatCents: vat });
  });

  it('rounds the taxable base half-up to the cent (documented rule)', () => {
    // 1,27 / 1,10 = 1,154545… → 1,15 ; 0,11/1,22 = 0,0901 → 0,09
    expect(scorporo(127, '10').taxableCents).toBe(115);
    expect(scorporo(11, '22').taxableCents).toBe(9);
    // An exact half cent: 0,13 / 1,04 = 0,125 → the base rounds up to 0,13 and the VAT is 0.
    expect(scorporo(13, '4')).toEqual({ grossCents: 13, taxableCents: 13, vatCents: 0 });
  });

  it('taxable + VAT = gross, taxable within half a cent of gross/(1+rate), for every code', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), vatCode, (gross, code) => {
        const s = scorporo(gross, code);
        expect(s.grossCents).toBe(gross);
        expect(s.taxableCents + s.vatCents).toBe(gross);
        expect(Number.isInteger(s.taxableCents) && Number.isInteger(s.vatCents)).toBe(true);
        const bp = vatRateBp(code);
        // |taxable·(10000+bp) − gross·10000| ≤ (10000+bp)/2, in exact integers
        const err = Math.abs(s.taxableCents * (10000 + bp) - gross * 10000);
        expect(err * 2).toBeLessThanOrEqual(10000 + bp);
        if (bp === 0) expect(s.vatCents + 0).toBe(0);
        if (gross >= 0) expect(s.vatCents).toBeGreaterThanOrEqual(0);
        // VAT is never more than the rate applied to the taxable, ± one cent
        expect(Math.abs(s.vatCents * 10000 - s.taxableCents * bp)).toBeLessThanOrEqual(10000 + bp);
      }),
    );
  });

  it('a refund splits as the mirror image of the sale', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), vatCode, (gross, code) => {
        const a = scorporo(gross, code);
        const b = scorporo(-gross, code);
        expect(b.taxableCents).toBe(-a.taxableCents);
        expect(b.vatCents + 0).toBe(-a.vatCents + 0);
      }),
    );
  });
});

describe('vatBreakdown (per-code rows of a sale)', () => {
  it('groups lines by code, sorted, one scorporo per code total', () => {
    const rows = vatBreakdown([
      { vatCode: '22', amountCents: 500 },
      { vatCode: '4', amountCents: 350 },
      { vatCode: '22', amountCents: 500 },
      { vatCode: 'N4', amountCents: 1000 },
      { vatCode: '10', amountCents: 250 },
    ]);
    expect(rows).toEqual([
      { vatCode: '4', grossCents: 350, taxableCents: 337, vatCents: 13 },
      { vatCode: '10', grossCents: 250, taxableCents: 227, vatCents: 23 },
      // 10,00 at 22% on the code's total (8,20 + 1,80), not 2 × (4,10 + 0,90)
      { vatCode: '22', grossCents: 1000, taxableCents: 820, vatCents: 180 },
      { vatCode: 'N4', grossCents: 1000, taxableCents: 1000, vatCents: 0 },
    ]);
  });

  it('per-code lines add up to the total, for any mix of codes', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ vatCode, amountCents: fc.integer({ min: 0, max: 10_000_000 }) }), { minLength: 1, maxLength: 40 }), (lines) => {
        const rows = vatBreakdown(lines);
        const total = lines.reduce((a, l) => a + l.amountCents, 0);
        expect(rows.reduce((a, r) => a + r.grossCents, 0)).toBe(total);
        expect(rows.reduce((a, r) => a + r.taxableCents + r.vatCents, 0)).toBe(total);
        expect(new Set(rows.map((r) => r.vatCode)).size).toBe(rows.length);
        expect(rows.map((r) => r.vatCode)).toEqual([...rows.map((r) => r.vatCode)].sort(compareVatCodes));
        for (const r of rows) {
          const perCode = lines.filter((l) => l.vatCode === r.vatCode).reduce((a, l) => a + l.amountCents, 0);
          expect(r.grossCents).toBe(perCode);
          expect(r).toEqual({ vatCode: r.vatCode, ...scorporo(perCode, r.vatCode) });
        }
      }),
    );
  });

  it('every code in the enum works in a breakdown', () => {
    const rows = vatBreakdown(VAT_CODES.map((c) => ({ vatCode: c, amountCents: 10_000 })));
    expect(rows).toHaveLength(VAT_CODES.length);
    expect(rows.reduce((a, r) => a + r.grossCents, 0)).toBe(10_000 * VAT_CODES.length);
  });
});
