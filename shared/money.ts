// Money is integer euro cents everywhere; decimals exist only in display and at the API edge.

export type Cents = number;
/** Quantities are integer thousandths: 1000 = one piece or 1 kg; 1235 = 1,235 kg. */
export type Milli = number;

/**
 * The most any one amount may be: a price, a discount, a payment, a cash movement, a line's
 * quantity × price, a document's total. € 1.000.000 is far beyond any shop's till and far below
 * 2^53 (so sums of many lines stay exact integers); anything above it is a typing or script error.
 */
export const MAX_AMOUNT_CENTS: Cents = 100_000_000;

export function assertCents(n: number, what = 'amount'): Cents {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be integer cents, got ${n}`);
  return n;
}

/** Rounds a/b to the nearest integer, halves away from zero. Integer inputs only. */
export function divRound(a: number, b: number): number {
  if (b <= 0) throw new RangeError('divisor must be positive');
  const sign = a < 0 ? -1 : 1;
  const abs = Math.abs(a);
  const q = Math.floor(abs / b);
  const r = abs - q * b;
  const v = 2 * r >= b ? q + 1 : q;
  return v === 0 ? 0 : sign * v; // never -0
}

/** Line amount for quantity (thousandths) × unit price (cents), rounded half-up to the cent. */
export function lineAmount(quantityMilli: Milli, unitPriceCents: Cents): Cents {
  return divRound(quantityMilli * unitPriceCents, 1000);
}

/** "12,50" (Italian decimal comma, thousands with a dot). */
export function formatAmount(cents: Cents): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const c = (abs % 100).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${euros},${c}`;
}

/** "€ 12,50" */
export function formatEuro(cents: Cents): string {
  return `€ ${formatAmount(cents)}`;
}

/** "1,235" for 1235 milli; "2" for 2000. */
export function formatQuantity(milli: Milli): string {
  const neg = milli < 0;
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / 1000);
  const frac = abs % 1000;
  const f = frac === 0 ? '' : ',' + frac.toString().padStart(3, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${f}`;
}

/**
 * Parses a human amount ("12,50", "12.5", "1.234,56", "€ 3") into cents without floats.
 * Returns null when the text is not an amount with at most 2 decimals.
 */
export function parseAmount(text: string): Cents | null {
  let s = text.trim().replace(/^€\s*/, '').replace(/\s*€$/, '').replace(/\s/g, '');
  if (s === '') return null;
  let neg = false;
  if (s.startsWith('-')) { neg = true; s = s.slice(1); }
  // A comma is always the decimal separator; with no comma, a single dot followed by 1-2 digits is decimal.
  let intPart: string;
  let decPart = '';
  if (s.includes(',')) {
    const [a, b, ...rest] = s.split(',');
    if (rest.length > 0 || a === undefined || b === undefined || b === '') return null;
    intPart = a.replace(/\./g, '');
    if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(a)) return null;
    decPart = b;
  } else {
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
    if (m) { intPart = m[1]!; decPart = m[2] ?? ''; }
    else if (/^\d{1,3}(\.\d{3})+$/.test(s)) { intPart = s.replace(/\./g, ''); }
    else return null;
  }
  if (!/^\d+$/.test(intPart) || !/^\d{0,2}$/.test(decPart)) return null;
  const cents = Number(intPart) * 100 + Number(decPart.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(cents)) return null;
  return neg ? -cents : cents;
}

/** Parses "1,235" / "1.5" / "2" into thousandths; null if more than 3 decimals or not a number. */
export function parseQuantity(text: string): Milli | null {
  const s = text.trim().replace(',', '.');
  const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(s);
  if (!m) return null;
  const v = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0') || '0');
  return Number.isSafeInteger(v) ? v : null;
}

/** Decimal quantity (as JSON number, e.g. 1.5) into thousandths; null unless it has ≤ 3 decimals. */
export function quantityFromNumber(q: number): Milli | null {
  if (!Number.isFinite(q)) return null;
  const milli = Math.round(q * 1000);
  // Accept only numbers that really are thousandths (guards against 1.2345).
  if (Math.abs(milli / 1000 - q) > 1e-9) return null;
  return milli;
}

/** Cents → API decimal number with 2 decimals. Only the Openapi edge may call this. */
export function centsToApiNumber(cents: Cents): number {
  assertCents(cents);
  const abs = Math.abs(cents);
  // Built from the integer parts, so 1005 is exactly the JSON number 10.05.
  return Number(`${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${(abs % 100).toString().padStart(2, '0')}`);
}

/** API decimal number → cents, for validating what the API sends back. */
export function apiNumberToCents(n: number): Cents {
  return Math.round(n * 100);
}

/**
 * Splits `total` across `weights` proportionally (largest remainder, ties to the earliest index),
 * so the parts are integers that add up exactly to `total`.
 */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum === 0) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero amount over zero weights');
    return weights.map(() => 0);
  }
  const base = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - base.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, rem: total * w - base[i]! * sum }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) base[order[k]!.i]! += 1;
  return base;
}

/** A percentage held in tenths, for display: 250 → «25», 125 → «12,5» (`decimal` '.' in English). Integer arithmetic only. */
export function formatTenths(tenths: number, decimal: ',' | '.' = ','): string {
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(tenths));
  const whole = Math.trunc(abs / 10);
  const tenth = abs % 10;
  return tenth === 0 ? `${sign}${whole}` : `${sign}${whole}${decimal}${tenth}`;
}
