import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_LABEL_LAYOUT, LabelLayoutSchema, LabelRuleSchema, decodeInStoreLabel, eanCheckDigitOk, encodeInStoreLabel, gs1CheckDigit,
  inStoreLabelRule, pluKeys, rulePicture, ruleValueDigits, valueVerifierDigit, withCheckDigit, type LabelLayout, type LabelRule,
} from '../../../shared/barcode.js';

const digits = (min: number, max = min) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
/** A body of an EAN-8, UPC-A or EAN-13. */
const eanBody = fc.constantFrom(7, 11, 12).chain((n) => digits(n));
const replaceAt = (s: string, i: number, c: string) => `${s.slice(0, i)}${c}${s.slice(i + 1)}`;

describe('EAN check digit', () => {
  it('accepts real codes and refuses their neighbours', () => {
    // A GS1 Italy EAN-13, a UPC-A (tissues, the GS1 US example), an EAN-8, an ISBN as EAN-13.
    for (const ok of ['8001234567897', '036000241457', '96385074', '9788804668237', '4006381333931'])
      expect(eanCheckDigitOk(ok), ok).toBe(true);
    for (const bad of ['8001234567890', '036000241456', '96385075', '9788804668230'])
      expect(eanCheckDigitOk(bad), bad).toBe(false);
  });

  it('is false for anything that is not 8, 12 or 13 digits', () => {
    for (const s of ['', '1234567', '123456789', '12345678901', '12345678901234', '800123456789A', ' 8001234567897', '8001234567897 ', '96385O74'])
      expect(eanCheckDigitOk(s), JSON.stringify(s)).toBe(false);
  });

  it('every body with its computed check digit is valid, and every other last digit is not', () => {
    fc.assert(fc.property(eanBody, (body) => {
      const cd = gs1CheckDigit(body);
      expect(cd).toBeGreaterThanOrEqual(0);
      expect(cd).toBeLessThanOrEqual(9);
      expect(eanCheckDigitOk(withCheckDigit(body))).toBe(true);
      for (let d = 0; d <= 9; d++) if (d !== cd) expect(eanCheckDigitOk(`${body}${d}`)).toBe(false);
    }), { numRuns: 2000 });
  });

  it('the check digit is the one that makes the weighted sum (3,1,3… from the right) a multiple of 10', () => {
    fc.assert(fc.property(eanBody, (body) => {
      const code = withCheckDigit(body);
      const sum = [...code].reverse().reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 1 : 3), 0);
      expect(sum % 10).toBe(0);
    }), { numRuns: 1000 });
  });

  it('any single-digit change is detected', () => {
    fc.assert(fc.property(eanBody, fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
      const code = withCheckDigit(body);
      const i = at % code.length;
      const changed = replaceAt(code, i, String((Number(code[i]) + delta) % 10));
      expect(eanCheckDigitOk(changed)).toBe(false);
    }), { numRuns: 3000 });
  });

  it('an adjacent transposition is detected unless the two digits differ by 5 (or are equal), as in EAN', () => {
    fc.assert(fc.property(eanBody, fc.nat(), (body, at) => {
      const code = withCheckDigit(body);
      const i = at % (code.length - 1);
      const a = Number(code[i]);
      const b = Number(code[i + 1]);
      const swapped = `${code.slice(0, i)}${b}${a}${code.slice(i + 2)}`;
      // Adjacent digits carry weights 1 and 3: swapping changes the sum by 2(a−b), a multiple of 10 only when a−b is 0 or ±5.
      expect(eanCheckDigitOk(swapped)).toBe(a === b || Math.abs(a - b) === 5);
    }), { numRuns: 3000 });
  });
});

describe('price/weight verifier digit (GS1 General Specifications §7.9.3)', () => {
  it('gives the GS1 worked examples', () => {
    expect(valueVerifierDigit('2875')).toBe(9); // 4-digit price
    expect(valueVerifierDigit('14685')).toBe(6); // 5-digit price
  });

  it('any single-digit change of a 4- or 5-digit value changes the verifier', () => {
    fc.assert(fc.property(fc.constantFrom(4, 5).chain((n) => digits(n)), fc.nat(), fc.integer({ min: 1, max: 9 }), (v, at, delta) => {
      const i = at % v.length;
      expect(valueVerifierDigit(replaceAt(v, i, String((Number(v[i]) + delta) % 10)))).not.toBe(valueVerifierDigit(v));
    }), { numRuns: 3000 });
  });

  it('refuses other lengths', () => {
    expect(() => valueVerifierDigit('123')).toThrow(RangeError);
    expect(() => valueVerifierDigit('123456')).toThrow(RangeError);
  });
});

const ruleArb: fc.Arbitrary<LabelRule> = fc
  .record({
    prefix: fc.integer({ min: 0, max: 3 }).chain((n) => digits(n)).map((d) => `2${d}`),
    kind: fc.constantFrom('weight' as const, 'price' as const),
    pluDigits: fc.integer({ min: 1, max: 6 }),
    valueCheckDigit: fc.boolean(),
  })
  .filter((r) => LabelRuleSchema.safeParse(r).success);

describe('in-store labels', () => {
  const price6: LabelRule = { prefix: '2', kind: 'price', pluDigits: 6, valueCheckDigit: false };
  const weight21: LabelRule = { prefix: '21', kind: 'weight', pluDigits: 5, valueCheckDigit: false };
  const priceChecked: LabelRule = { prefix: '2', kind: 'price', pluDigits: 5, valueCheckDigit: true };

  it('the Italian default: 2 · article code (6) · price in cents (5) · check digit', () => {
    expect(DEFAULT_LABEL_LAYOUT).toEqual({ rules: [price6] });
    expect(LabelLayoutSchema.parse(DEFAULT_LABEL_LAYOUT)).toEqual(DEFAULT_LABEL_LAYOUT);
    // Focaccia, PLU 123, € 4,35 as a scale prints it (2 0 00123 00435 K)
    const code = withCheckDigit('200012300435');
    expect(code).toBe('2000123004358');
    expect(decodeInStoreLabel(code, DEFAULT_LABEL_LAYOUT)).toEqual({ plu: '000123', kind: 'price', priceCents: 435 });
    expect(pluKeys('000123')).toEqual(['000123', '123']);
    expect(rulePicture(price6)).toBe('2 PPPPPP VVVVV K');
  });

  it('a weight label gives grams as thousandths of a kilogram', () => {
    const layout: LabelLayout = { rules: [price6, weight21] };
    // 21 · PLU 00042 · 1,250 kg · K: the longer prefix 21 wins over 2
    const code = withCheckDigit('210004201250');
    expect(decodeInStoreLabel(code, layout)).toEqual({ plu: '00042', kind: 'weight', quantityMilli: 1250 });
    expect(inStoreLabelRule(code, layout)).toBe(weight21);
    expect(decodeInStoreLabel(withCheckDigit('220004201250'), layout)).toEqual({ plu: '200042', kind: 'price', priceCents: 1250 });
  });

  it('a label with a price verifier digit: 2 · PLU (5) · verifier · price (5) · K', () => {
    const code = encodeInStoreLabel(priceChecked, '00077', 14685);
    expect(code).toBe(withCheckDigit('200077614685'));
    expect(decodeInStoreLabel(code, { rules: [priceChecked] })).toEqual({ plu: '00077', kind: 'price', priceCents: 14685 });
    // A wrong verifier with a repaired EAN check digit: not a label the till may sell from.
    const forged = withCheckDigit('200077514685');
    expect(eanCheckDigitOk(forged)).toBe(true);
    expect(decodeInStoreLabel(forged, { rules: [priceChecked] })).toBeNull();
  });

  it('null for codes outside the layout: other prefixes, other lengths, wrong check digit, no rules', () => {
    expect(decodeInStoreLabel('8001234567897', DEFAULT_LABEL_LAYOUT)).toBeNull();
    expect(decodeInStoreLabel('200012300435', DEFAULT_LABEL_LAYOUT)).toBeNull();
    expect(decodeInStoreLabel('2000123004351', DEFAULT_LABEL_LAYOUT)).toBeNull();
    expect(decodeInStoreLabel('2000123004358', { rules: [] })).toBeNull();
    expect(decodeInStoreLabel('2000123004358', { rules: [weight21] })).toBeNull();
    expect(inStoreLabelRule('2000123004351', DEFAULT_LABEL_LAYOUT)).toEqual(price6); // the rule, whatever the check digit
  });

  it('round-trips every label of every valid rule', () => {
    fc.assert(fc.property(ruleArb, fc.nat(), fc.nat(), (rule, pluSeed, valueSeed) => {
      const plu = String(pluSeed % 10 ** rule.pluDigits).padStart(rule.pluDigits, '0');
      const value = valueSeed % 10 ** ruleValueDigits(rule);
      const code = encodeInStoreLabel(rule, plu, value);
      expect(code).toMatch(/^2\d{12}$/);
      expect(eanCheckDigitOk(code)).toBe(true);
      const label = decodeInStoreLabel(code, { rules: [rule] });
      expect(label).toEqual(rule.kind === 'weight' ? { plu, kind: 'weight', quantityMilli: value } : { plu, kind: 'price', priceCents: value });
    }), { numRuns: 3000 });
  });

  it('any single-digit change of a label is never read as another label', () => {
    fc.assert(fc.property(ruleArb, fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 9 }), (rule, pluSeed, valueSeed, at, delta) => {
      const code = encodeInStoreLabel(rule, String(pluSeed % 10 ** rule.pluDigits), valueSeed % 10 ** ruleValueDigits(rule));
      const i = at % 13;
      const changed = replaceAt(code, i, String((Number(code[i]) + delta) % 10));
      expect(decodeInStoreLabel(changed, { rules: [rule] })).toBeNull();
    }), { numRuns: 3000 });
  });

  it('encode refuses numbers that do not fit', () => {
    expect(() => encodeInStoreLabel(price6, '1234567', 1)).toThrow(RangeError);
    expect(() => encodeInStoreLabel(price6, '1', 100000)).toThrow(RangeError);
    expect(() => encodeInStoreLabel(price6, '1', -1)).toThrow(RangeError);
  });

  it('the schema refuses layouts a scale cannot print, in Italian and English', () => {
    const issue = (v: unknown) => {
      const r = LabelLayoutSchema.safeParse(v);
      return r.success ? null : r.error.issues[0]!.message;
    };
    expect(issue({ rules: [{ prefix: '3', kind: 'price', pluDigits: 5, valueCheckDigit: false }] })).toMatch(/inizia con 2/);
    expect(issue({ rules: [{ prefix: '2', kind: 'price', pluDigits: 2, valueCheckDigit: false }] })).toMatch(/restano 9 cifre.*\|9 digits left/);
    expect(issue({ rules: [{ prefix: '2', kind: 'price', pluDigits: 4, valueCheckDigit: true }] })).toMatch(/solo per valori di 4 o 5 cifre/);
    expect(issue({ rules: [weight21, { ...weight21, kind: 'price' }] })).toMatch(/prefisso 21 ripetuto/);
    expect(issue({ rules: [{ ...weight21, extra: 1 }] })).not.toBeNull();
    expect(issue({ rules: [price6, weight21, priceChecked].slice(0, 2) })).toBeNull();
  });
});
