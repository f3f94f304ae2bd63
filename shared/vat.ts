// VAT codes are exactly the Openapi `vat_rate_code` enum. Rates are kept in basis points so
// scorporo stays in integer arithmetic (7.65% = 765 bp).
import { divRound, type Cents } from './money.js';

export const VAT_CODES = [
  '4', '5', '10', '22', '2', '6.4', '7', '7.3', '7.5', '7.65', '7.95', '8.3', '8.5', '8.8', '9.5', '12.3',
  'N1', 'N2', 'N3', 'N4', 'N5', 'N6',
] as const;
export type VatCode = (typeof VAT_CODES)[number];

export function isVatCode(s: string): s is VatCode {
  return (VAT_CODES as readonly string[]).includes(s);
}

/** Rate in basis points; N codes (non imponibile, esente, …) are 0. */
export function vatRateBp(code: VatCode): number {
  if (code.startsWith('N')) return 0;
  const [i, d = ''] = code.split('.');
  return Number(i) * 100 + Number(d.padEnd(2, '0'));
}

/** Italian names of the nature codes, for receipts and reports. */
export const VAT_NATURE_LABELS: Record<string, string> = {
  N1: 'Escluse art.15',
  N2: 'Non soggette',
  N3: 'Non imponibili',
  N4: 'Esenti',
  N5: 'Regime del margine',
  N6: 'Inversione contabile',
};

export function vatLabel(code: VatCode): string {
  return code.startsWith('N') ? `${code} ${VAT_NATURE_LABELS[code] ?? ''}`.trim() : `IVA ${code.replace('.', ',')}%`;
}

export interface VatSplit {
  grossCents: Cents;
  taxableCents: Cents;
  vatCents: Cents;
}

/**
 * Scorporo of a gross amount. Rounding rule: the taxable base is rounded half-up to the cent and
 * VAT is the difference, so taxable + VAT always equals the gross exactly. Applied once per VAT
 * code on the code's total (not line by line), which is what the receipt and the Z report show.
 */
export function scorporo(grossCents: Cents, code: VatCode): VatSplit {
  const bp = vatRateBp(code);
  const taxableCents = bp === 0 ? grossCents : divRound(grossCents * 10000, 10000 + bp);
  return { grossCents, taxableCents, vatCents: grossCents - taxableCents };
}

/** Sorts VAT codes in a stable, human order: rates ascending, then N codes. */
export function compareVatCodes(a: VatCode, b: VatCode): number {
  const an = a.startsWith('N');
  const bn = b.startsWith('N');
  if (an !== bn) return an ? 1 : -1;
  if (an && bn) return a.localeCompare(b);
  return vatRateBp(a) - vatRateBp(b);
}
