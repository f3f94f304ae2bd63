// Exact decimal handling for the emulator: JSON numbers in, integer units out, so the emulator's
// arithmetic is as exact as the till's and a one-cent disagreement is a real disagreement.

/** n as an integer count of 10^-decimals units, or null if n has more decimals than that. */
export function toUnits(n: number, decimals: number): number | null {
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  const scale = 10 ** decimals;
  const u = Math.round(n * scale);
  if (!Number.isSafeInteger(u)) return null;
  // Accept float representation noise (0.1 + 0.2) but not a real extra digit.
  if (Math.abs(u / scale - n) > 1e-9 * Math.max(1, Math.abs(n))) return null;
  return u;
}

export function centsToNumber(cents: number): number {
  return Number((cents / 100).toFixed(2));
}

/** Line gross in cents: quantity (hundredths) × unit price (1e-8 euro), half-up to the cent. */
export function lineGrossCents(quantityHundredths: number, unitPrice1e8: number): number {
  const num = BigInt(quantityHundredths) * BigInt(unitPrice1e8); // 1e-10 euro
  const d = 100_000_000n; // 1e-10 → 1e-2
  return Number((2n * num + d) / (2n * d));
}

/**
 * Refund of returning r out of q (already a returned before) of an item worth `net` cents.
 * Computed on the cumulative quantity so several partial returns add up to the item exactly.
 */
export function proportionalRefund(net: number, q: number, a: number, r: number): number {
  const cum = (x: number) => Math.floor((net * x * 2 + q) / (2 * q));
  return cum(a + r) - cum(a);
}

/** Rate in percent for display fields (taxable / VAT); N codes are 0. */
export function vatRatePercent(code: string): number {
  return code.startsWith('N') ? 0 : Number(code);
}

export function round8(n: number): number {
  return Number(n.toFixed(8));
}
