// What to fix for the SDI's common rejection codes: every code the brief names has advice in both
// languages; an unknown code (or none) has none, and the SDI's own words are then all there is.
import { describe, expect, it } from 'vitest';
import { sdiAdvice } from '../../../shared/invoicing/sdi-errors.js';

const KNOWN = ['00001', '00002', '00200', '00305', '00306', '00311', '00312', '00400', '00401', '00403', '00404', '00417', '00418', '00421', '00422', '00423', '00425', '00426', '00427'];

describe('sdiAdvice', () => {
  it('each common code says what to fix, in Italian and English, all different', () => {
    const advice = KNOWN.map((c) => sdiAdvice(c));
    expect(advice.every((a) => a !== null && a.it.length > 20 && a.en.length > 20)).toBe(true);
    expect(new Set(advice.map((a) => a!.it)).size).toBe(KNOWN.length);
    expect(sdiAdvice('00305')!.it).toBe("Partita IVA del cliente non valida per l'Anagrafe tributaria: correggerla in «Clienti» e riemettere");
    expect(sdiAdvice(' 00404 ')!.en).toMatch(/^Invoice already received by the SDI/);
  });

  it('an unknown code, an empty one or an inherited property name has no advice', () => {
    expect([sdiAdvice('00999'), sdiAdvice(''), sdiAdvice('toString'), sdiAdvice('constructor')]).toEqual([null, null, null, null]);
  });
});
