// Italian fiscal identifiers and their check characters: the Partita IVA (11 digits, Luhn-like check
// digit; also the codice fiscale of companies) and the codice fiscale of people (16 characters, check
// letter, with omocodia: digits replaced by letters when two people would share a code). Pure: the
// shop's set-up, the CLI and the UI all judge a typed number the same way.
import { msg, type Text } from './messages/index.js';
import type { FiscalIdField } from './messages/it.js';

/** Why a typed identifier is not one: the message names the field the shopkeeper typed it in. */
export type FiscalIdProblem = 'empty' | 'length' | 'characters' | 'check' | 'zero' | 'date';

export type FiscalIdCheck<T> = { ok: true; value: string } & T | { ok: false; problem: FiscalIdProblem };

/** Spaces, dots and dashes are how people copy numbers from letters; the «IT» prefix is the EU VAT form. */
export function normalizeFiscalId(raw: string): string {
  return raw.replace(/[\s.\-]/g, '').toUpperCase();
}

/** The check digit of the first 10 digits of a Partita IVA (or of a company's numeric codice fiscale). */
export function partitaIvaCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return (10 - (sum % 10)) % 10;
}

/** A Partita IVA: 11 digits, the last one the check digit; «IT» in front is accepted and dropped. */
export function checkPartitaIva(raw: string): FiscalIdCheck<object> {
  let v = normalizeFiscalId(raw);
  if (v === '') return { ok: false, problem: 'empty' };
  if (/^IT\d/.test(v)) v = v.slice(2);
  if (!/^\d+$/.test(v)) return { ok: false, problem: 'characters' };
  if (v.length !== 11) return { ok: false, problem: 'length' };
  // All zeros passes the arithmetic but is nobody's number.
  if (/^0{7}/.test(v)) return { ok: false, problem: 'zero' };
  if (partitaIvaCheckDigit(v.slice(0, 10)) !== v.charCodeAt(10) - 48) return { ok: false, problem: 'check' };
  return { ok: true, value: v };
}

// Values of the characters in odd positions (1st, 3rd, …; digits share their letter's value: 0=A).
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
/** Omocodia: the letters that stand for the digits 0–9. */
export const OMOCODIA_LETTERS = 'LMNPQRSTUV';
/** 1-based positions whose digits omocodia may replace, the rightmost first. */
export const OMOCODIA_POSITIONS = [15, 14, 13, 11, 10, 8, 7] as const;
const MONTHS = 'ABCDEHLMPRST';
const D = `[0-9${OMOCODIA_LETTERS}]`;
const PERSON_RE = new RegExp(`^[A-Z]{6}${D}{2}[${MONTHS}]${D}{2}[A-Z]${D}{3}[A-Z]$`);

const charValue = (c: string) => (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65);

/** The check letter of the first 15 characters of a person's codice fiscale. */
export function codiceFiscaleCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const v = charValue(first15[i]!);
    sum += i % 2 === 0 ? ODD[v]! : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** The code with omocodia undone (letters back to digits where they stand for digits). */
export function deOmocode(cf: string): string {
  const chars = cf.split('');
  for (const p of OMOCODIA_POSITIONS) {
    const i = OMOCODIA_LETTERS.indexOf(chars[p - 1]!);
    if (i >= 0) chars[p - 1] = String(i);
  }
  return chars.join('');
}

/**
 * A codice fiscale: a person's 16 characters (omocodic variants accepted) or a company's 11 digits
 * (the same arithmetic as the Partita IVA).
 */
export function checkCodiceFiscale(raw: string): FiscalIdCheck<{ kind: 'person' | 'company'; omocodic: boolean }> {
  const v = normalizeFiscalId(raw);
  if (v === '') return { ok: false, problem: 'empty' };
  if (/^\d+$/.test(v)) {
    const p = checkPartitaIva(v);
    return p.ok ? { ok: true, value: p.value, kind: 'company', omocodic: false } : p;
  }
  if (!/^[A-Z0-9]+$/.test(v)) return { ok: false, problem: 'characters' };
  if (v.length !== 16) return { ok: false, problem: 'length' };
  if (!PERSON_RE.test(v)) return { ok: false, problem: 'characters' };
  const plain = deOmocode(v);
  const day = Number(plain.slice(9, 11));
  // Day of birth, plus 40 for women.
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return { ok: false, problem: 'date' };
  if (codiceFiscaleCheckChar(v.slice(0, 15)) !== v[15]) return { ok: false, problem: 'check' };
  return { ok: true, value: v, kind: 'person', omocodic: plain !== v };
}

/**
 * What is wrong with a typed Partita IVA or codice fiscale, in Italian and English, naming the field
 * (adeTaxCode: the codice fiscale of the Fisconline/Entratel user). The words are the catalogue's.
 */
export function fiscalIdProblemText(what: FiscalIdField, problem: FiscalIdProblem): Text {
  return msg.fiscalId.problem({ what, problem });
}
