import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatWeight, otherReading, parseWeight, weightNeedsConfirmation } from '../../../shared/weight.js';

describe('weights typed at the counter', () => {
  it('reads the number in the dialog unit, and a typed suffix wins', () => {
    expect(parseWeight('350', 'g')).toEqual({ milli: 350, unit: 'g', number: '350' });
    expect(parseWeight('350', 'kg')).toEqual({ milli: 350_000, unit: 'kg', number: '350' });
    expect(parseWeight('350 g', 'kg')?.milli).toBe(350);
    expect(parseWeight('350g', 'kg')?.milli).toBe(350);
    expect(parseWeight('0,35 kg', 'g')?.milli).toBe(350);
    expect(parseWeight('0.350', 'kg')?.milli).toBe(350);
    expect(parseWeight('1,235', 'kg')?.milli).toBe(1235);
    expect(parseWeight('2 KG', 'g')?.milli).toBe(2000);
    expect(parseWeight('350 grammi', 'kg')?.milli).toBe(350);
  });

  it('refuses what is not a positive weight (grams are whole, kg have at most 3 decimals)', () => {
    for (const t of ['', ' ', '0', '0 g', '0,000', '-1', 'abc', '1,2345', '350,5 g', '1,2,3', '€ 3', '3 l']) expect(parseWeight(t, 'kg'), t).toBeNull();
  });

  it('offers the other reading of an implausible number: 350 kg → 350 g', () => {
    const w = parseWeight('350', 'kg')!;
    expect(weightNeedsConfirmation(w.milli, 5000)).toBe(true);
    expect(otherReading(w)).toEqual({ milli: 350, unit: 'g', number: '350' });
    expect(weightNeedsConfirmation(350, 5000)).toBe(false);
    expect(otherReading(parseWeight('0,35', 'kg')!)).toBeNull(); // «0,35 g» is no weight
  });

  it('shows kilograms with grams, as a scale does', () => {
    expect(formatWeight(350)).toBe('0,350 kg');
    expect(formatWeight(12_000)).toBe('12,000 kg');
    expect(formatWeight(1235)).toBe('1,235 kg');
  });

  it('round-trips every weight through its display (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000_000 }), (milli) => {
      expect(parseWeight(formatWeight(milli), 'g')?.milli).toBe(milli);
      expect(parseWeight(String(milli), 'g')?.milli).toBe(milli);
    }));
  });
});
