// Weights typed at the counter. A bare «350» means nothing without a unit: the dialog shows the unit
// it reads (kg or g, switchable), a suffix typed by the cashier («350 g», «0,35 kg») wins, and a
// weight above what the shop calls plausible is confirmed before it is sold (350 kg of bread is a
// typo for 350 g). Pure: quantities are integer thousandths of a kilogram, i.e. grams.
import { parseQuantity, type Milli } from './money.js';

export const WEIGHT_UNITS = ['kg', 'g'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

export interface ParsedWeight {
  /** Thousandths of a kilogram (grams). */
  milli: Milli;
  /** The unit the number was read in (the suffix typed, or the dialog's unit). */
  unit: WeightUnit;
  /** The number as typed, without the unit: offered again in the other unit when implausible. */
  number: string;
}

/** «350», «350 g», «350g», «0,350 kg», «1.5 KG» → grams; null when not a positive weight. */
export function parseWeight(text: string, unit: WeightUnit): ParsedWeight | null {
  const m = /^\s*([0-9]+(?:[.,][0-9]+)?)\s*(kg|g|gr|grammi|chili|chilo)?\s*$/i.exec(text);
  if (!m) return null;
  const suffix = m[2]?.toLowerCase();
  const read: WeightUnit = suffix === undefined ? unit : suffix === 'kg' || suffix === 'chili' || suffix === 'chilo' ? 'kg' : 'g';
  const number = m[1]!;
  const milli = read === 'kg' ? parseQuantity(number) : /^\d+$/.test(number) ? Number(number) : null;
  if (milli === null || !Number.isSafeInteger(milli) || milli <= 0) return null;
  return { milli, unit: read, number };
}

/** The same number read in the other unit (for «did you mean 350 g?»); null if it is not a weight there. */
export function otherReading(w: ParsedWeight): ParsedWeight | null {
  const other: WeightUnit = w.unit === 'kg' ? 'g' : 'kg';
  return parseWeight(`${w.number} ${other}`, other);
}

/** A weight above the shop's plausible maximum must be confirmed by the cashier. */
export function weightNeedsConfirmation(milli: Milli, plausibleMaxMilli: Milli): boolean {
  return milli > plausibleMaxMilli;
}

/** «0,350 kg», «12,000 kg», «1,235 kg»: how the till shows a weight (kg with grams, as a scale does). */
export function formatWeight(milli: Milli): string {
  const whole = Math.floor(milli / 1000);
  return `${whole},${(milli % 1000).toString().padStart(3, '0')} kg`;
}
