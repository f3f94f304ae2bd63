// Integer cents and thousandths → the XSD's decimals, at the edge only. Unit prices net of VAT need
// up to 8 decimals (Amount8DecimalType): they are kept in BigInt units of 1e-8 euro, never floats.

/** 1234 → "12.34", -5 → "-0.05" (Amount2DecimalType). */
export function cents2(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Thousandths → "1.50", "2.00", "0.125" (QuantitaType: 2 to 8 decimals). */
export function quantity(milli: number): string {
  const s = `${Math.floor(milli / 1000)}.${String(milli % 1000).padStart(3, '0')}`;
  return s.endsWith('0') ? s.slice(0, -1) : s;
}

/** Basis points → "22.00", "7.65", "0.00" (RateType). */
export function rate(bp: number): string {
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

/** Amounts in units of 1e-8 euro. */
export type E8 = bigint;
export const E8_PER_CENT = 1_000_000n;

/** a / b rounded half away from zero (b > 0). */
export function divRoundBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (2n * (r < 0n ? -r : r) >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}

/** 1e-8 euro → "12.34", "0.81967213" (2 to 8 decimals, trailing zeros after the second dropped). */
export function e8(v: E8): string {
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  let frac = (a % 100_000_000n).toString().padStart(8, '0');
  while (frac.length > 2 && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${sign}${a / 100_000_000n}.${frac}`;
}
