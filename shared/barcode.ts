// Barcodes the till can trust: the GS1 check digit of EAN-8, EAN-13 and UPC-A, and the in-store
// EAN-13 labels a shop's scale prints (prefix 2, restricted circulation) with the weight or the
// price of the piece embedded. Pure: no I/O, used by the catalogue, the sale store and the ledger.
import { z } from 'zod';
import { msg, zodMessage } from './messages/index.js';

/** The GS1 mod-10 check digit of `body` (the digits before the check digit), 0–9. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  // Weights 3,1,3,1… from the rightmost digit of the body: the same rule for every GTIN length.
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += (body.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

/** `body` with its GS1 check digit appended. */
export function withCheckDigit(body: string): string {
  return `${body}${gs1CheckDigit(body)}`;
}

/**
 * True for an EAN-8, UPC-A (12 digits) or EAN-13 whose last digit is the right check digit.
 * False for anything else, including other lengths: call it only on codes that claim to be one of
 * those (all digits, 8/12/13 long — see `looksLikeEan`).
 */
export function eanCheckDigitOk(code: string): boolean {
  if (!looksLikeEan(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** All digits and 8, 12 or 13 long: a code that must carry a valid GS1 check digit. */
export function looksLikeEan(code: string): boolean {
  return /^(?:\d{8}|\d{12,13})$/.test(code);
}

// ---------------------------------------------------------------------------------------------
// Price/measure verifier digit (GS1 General Specifications §7.9.3): a digit inside the label that
// checks the 4 or 5 value digits on their own, so a misread price is caught even when a second
// misread digit happens to repair the EAN check digit. Each table is a permutation of 0–9 (every
// single-digit change of the value changes the verifier).
const W2MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7]; // ×2, units minus tens
const W3 = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7]; // ×3, units
const W5PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9]; // ×5, units plus tens
const W5MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1]; // ×5, units minus tens

/** The verifier digit of a 4- or 5-digit price or weight. */
export function valueVerifierDigit(value: string): number {
  const d = [...value].map((c) => c.charCodeAt(0) - 48);
  if (d.length === 4) return ((W2MINUS[d[0]!]! + W2MINUS[d[1]!]! + W3[d[2]!]! + W5MINUS[d[3]!]!) * 3) % 10;
  if (d.length === 5) {
    const sum = W5PLUS[d[0]!]! + W2MINUS[d[1]!]! + W5MINUS[d[2]!]! + W5PLUS[d[3]!]! + W2MINUS[d[4]!]!;
    // The verifier is the digit whose 5- product completes the sum to a multiple of 10.
    return W5MINUS.indexOf((10 - (sum % 10)) % 10);
  }
  throw new RangeError(`a verifier digit needs 4 or 5 digits, not ${d.length}`);
}

// ---------------------------------------------------------------------------------------------
// In-store labels. A rule says what a 13-digit code starting with `prefix` carries:
//   prefix · PLU (pluDigits) · [verifier digit] · value · EAN check digit
// and the value is grams (`weight`) or euro cents (`price`); its length is what is left (4–6 digits).

export const LabelRuleSchema = z
  .object({
    /** The first digits of the label: "2" (every 2x code), "20"…"29", or longer ("200"). */
    prefix: z.string().regex(/^2\d{0,3}$/, { message: zodMessage(msg.catalog.labelPrefixFormat) }),
    kind: z.enum(['weight', 'price']),
    /** How many digits after the prefix name the article (the scale's PLU). */
    pluDigits: z.number().int().min(1).max(6),
    /** A price/weight verifier digit sits between the PLU and the value. */
    valueCheckDigit: z.boolean(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const n = 12 - r.prefix.length - r.pluDigits - (r.valueCheckDigit ? 1 : 0);
    if (n < 4 || n > 6)
      ctx.addIssue({ code: 'custom', path: ['pluDigits'], message: zodMessage(msg.catalog.labelValueDigits({ left: n })) });
    else if (r.valueCheckDigit && n === 6)
      ctx.addIssue({ code: 'custom', path: ['valueCheckDigit'], message: zodMessage(msg.catalog.labelValueCheckDigit) });
  });
export type LabelRule = z.output<typeof LabelRuleSchema>;

export const LabelLayoutSchema = z
  .object({ rules: z.array(LabelRuleSchema).max(10) })
  .strict()
  .superRefine((l, ctx) => {
    const seen = new Set<string>();
    l.rules.forEach((r, i) => {
      if (seen.has(r.prefix)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'prefix'], message: zodMessage(msg.catalog.labelPrefixRepeated({ prefix: r.prefix })) });
      seen.add(r.prefix);
    });
  });
export type LabelLayout = z.output<typeof LabelLayoutSchema>;

/**
 * The usual Italian layout (GS1 Italy, «codici a peso/prezzo variabile»): 2 · article code of 6
 * digits · price in euro cents of 5 digits · check digit. Codes 20xxxxx–21xxxxx are the shop's own
 * (a scale printing «2» + flag 0 + a 5-digit PLU gives PLU 0xxxxx, which matches PLU xxxxx: leading
 * zeros do not count); 22xxxxx–29xxxxx are assigned by GS1 Italy to pre-packed fresh goods.
 */
export const DEFAULT_LABEL_LAYOUT: LabelLayout = { rules: [{ prefix: '2', kind: 'price', pluDigits: 6, valueCheckDigit: false }] };

export type InStoreLabel =
  | { plu: string; kind: 'weight'; quantityMilli: number }
  | { plu: string; kind: 'price'; priceCents: number };

/** Digits of the value under `rule`. */
export function ruleValueDigits(rule: LabelRule): number {
  return 12 - rule.prefix.length - rule.pluDigits - (rule.valueCheckDigit ? 1 : 0);
}

/** The rule `code` falls under (longest matching prefix), whatever its check digits; null if none. */
export function inStoreLabelRule(code: string, layout: LabelLayout): LabelRule | null {
  if (!/^2\d{12}$/.test(code)) return null;
  let best: LabelRule | null = null;
  for (const r of layout.rules) if (code.startsWith(r.prefix) && (!best || r.prefix.length > best.prefix.length)) best = r;
  return best;
}

/**
 * Reads an in-store label: null when `code` is not one under `layout` — not 13 digits, no rule's
 * prefix, or a wrong check digit (EAN or value verifier), so a misread label is never sold.
 * The PLU is returned as printed (leading zeros kept); `pluKeys` gives the forms to look it up by.
 */
export function decodeInStoreLabel(code: string, layout: LabelLayout): InStoreLabel | null {
  const rule = inStoreLabelRule(code, layout);
  if (!rule || !eanCheckDigitOk(code)) return null;
  let i = rule.prefix.length;
  const plu = code.slice(i, (i += rule.pluDigits));
  const verifier = rule.valueCheckDigit ? code.charCodeAt(i++) - 48 : null;
  const value = code.slice(i, 12);
  if (verifier !== null && valueVerifierDigit(value) !== verifier) return null;
  return rule.kind === 'weight' ? { plu, kind: 'weight', quantityMilli: Number(value) } : { plu, kind: 'price', priceCents: Number(value) };
}

/** Builds the label a scale would print (tests, demo, label printing). Throws if a number does not fit. */
export function encodeInStoreLabel(rule: LabelRule, plu: string, value: number): string {
  const n = ruleValueDigits(rule);
  if (!/^\d+$/.test(plu) || plu.length > rule.pluDigits) throw new RangeError(`PLU ${plu} does not fit in ${rule.pluDigits} digits`);
  if (!Number.isSafeInteger(value) || value < 0 || value >= 10 ** n) throw new RangeError(`value ${value} does not fit in ${n} digits`);
  const v = String(value).padStart(n, '0');
  return withCheckDigit(`${rule.prefix}${plu.padStart(rule.pluDigits, '0')}${rule.valueCheckDigit ? valueVerifierDigit(v) : ''}${v}`);
}

/** The PLU as printed and without leading zeros ("00123" → ["00123", "123"]; "0" stays "0"). */
export function pluKeys(plu: string): string[] {
  const bare = plu.replace(/^0+(?=\d)/, '');
  return bare === plu ? [plu] : [plu, bare];
}

/** «2 PPPPPP VVVVV K»-style picture of a rule, for the settings screen (P PLU, V value, C value check, K check). */
export function rulePicture(rule: LabelRule): string {
  return `${rule.prefix} ${'P'.repeat(rule.pluDigits)} ${rule.valueCheckDigit ? 'C ' : ''}${'V'.repeat(ruleValueDigits(rule))} K`;
}
