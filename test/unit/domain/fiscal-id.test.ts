// Partita IVA and codice fiscale check characters: real published numbers pass, every typo a
// shopkeeper can make in one character is caught, omocodic codes and companies' numeric codes pass.
import { describe, it, expect } from 'vitest';
import {
  checkCodiceFiscale, checkPartitaIva, codiceFiscaleCheckChar, deOmocode, fiscalIdProblemText, normalizeFiscalId,
  OMOCODIA_LETTERS, OMOCODIA_POSITIONS, partitaIvaCheckDigit,
} from '../../../shared/fiscal-id.js';

// Published numbers (companies' registry entries, the Agenzia's own examples).
const VALID_PIVA = ['00905811006', '00488410010', '00743110157', '01234567897', '12345678903'];
const VALID_CF = ['RSSMRA85T10A562S', 'RSSMRA80A01H501U', 'MRTMTT25D09F205Z'];
const DIGITS = '0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

describe('Partita IVA', () => {
  it.each(VALID_PIVA)('%s is valid', (p) => {
    expect(checkPartitaIva(p)).toEqual({ ok: true, value: p });
  });

  it('is read as people copy it: spaces, dots, the IT prefix', () => {
    expect(checkPartitaIva(' IT 009 058 110 06 ')).toEqual({ ok: true, value: '00905811006' });
    expect(checkPartitaIva('it00905811006')).toEqual({ ok: true, value: '00905811006' });
  });

  it('refuses what is not 11 digits, all zeros, or a wrong check digit, saying which', () => {
    expect(checkPartitaIva('')).toEqual({ ok: false, problem: 'empty' });
    expect(checkPartitaIva('0090581100')).toEqual({ ok: false, problem: 'length' });
    expect(checkPartitaIva('009058110066')).toEqual({ ok: false, problem: 'length' });
    expect(checkPartitaIva('0090581100A')).toEqual({ ok: false, problem: 'characters' });
    expect(checkPartitaIva('00000000000')).toEqual({ ok: false, problem: 'zero' });
    expect(checkPartitaIva('12345678901')).toEqual({ ok: false, problem: 'check' });
  });

  it('catches every single-digit change of every valid number', () => {
    let tried = 0;
    for (const p of VALID_PIVA) {
      for (let i = 0; i < 11; i++) {
        for (const d of DIGITS) {
          if (d === p[i]) continue;
          const typo = p.slice(0, i) + d + p.slice(i + 1);
          tried++;
          expect(checkPartitaIva(typo).ok, typo).toBe(false);
        }
      }
    }
    expect(tried).toBe(VALID_PIVA.length * 11 * 9);
  });

  it('has exactly one check digit for any 10 digits (10,000 sampled prefixes)', () => {
    for (let n = 0; n < 10_000; n++) {
      const first10 = String(n * 7919 + 1_000_003).padStart(10, '0').slice(-10);
      const good = partitaIvaCheckDigit(first10);
      const passing = DIGITS.split('').filter((d) => checkPartitaIva(first10 + d).ok);
      if (/^0{7}/.test(first10)) expect(passing).toEqual([]);
      else expect(passing).toEqual([String(good)]);
    }
  });
});

describe('codice fiscale', () => {
  it.each(VALID_CF)('%s is a valid person\'s code', (cf) => {
    expect(checkCodiceFiscale(cf)).toEqual({ ok: true, value: cf, kind: 'person', omocodic: false });
  });

  it('of a company is its 11 digits, checked like a Partita IVA', () => {
    expect(checkCodiceFiscale('00488410010')).toEqual({ ok: true, value: '00488410010', kind: 'company', omocodic: false });
    expect(checkCodiceFiscale('00488410011')).toEqual({ ok: false, problem: 'check' });
  });

  it('is read in lower case and with spaces', () => {
    expect(checkCodiceFiscale(' rssmra 85t10 a562s ')).toMatchObject({ ok: true, value: 'RSSMRA85T10A562S' });
  });

  it('refuses wrong shapes, impossible days and wrong check letters, saying which', () => {
    expect(checkCodiceFiscale('')).toEqual({ ok: false, problem: 'empty' });
    expect(checkCodiceFiscale('RSSMRA85T10A562')).toEqual({ ok: false, problem: 'length' });
    expect(checkCodiceFiscale('RSSMRA85T10A562S/')).toEqual({ ok: false, problem: 'characters' });
    expect(checkCodiceFiscale('RSSMRA85Z10A562S')).toEqual({ ok: false, problem: 'characters' }); // Z is no month
    expect(checkCodiceFiscale('RSSMRA85T35A562S')).toEqual({ ok: false, problem: 'date' });
    expect(checkCodiceFiscale('RSSMRA85T10A562T')).toEqual({ ok: false, problem: 'check' });
  });

  it('catches every single-character change of every valid code', () => {
    let tried = 0;
    for (const cf of VALID_CF) {
      for (let i = 0; i < 16; i++) {
        for (const c of ALNUM) {
          if (c === cf[i]) continue;
          const typo = cf.slice(0, i) + c + cf.slice(i + 1);
          tried++;
          expect(checkCodiceFiscale(typo).ok, typo).toBe(false);
        }
      }
    }
    expect(tried).toBe(VALID_CF.length * 16 * 35);
  });

  it('accepts every omocodic variant (each set of replaced digits), with its own check letter', () => {
    for (const cf of VALID_CF) {
      for (let mask = 1; mask < 1 << OMOCODIA_POSITIONS.length; mask++) {
        const chars = cf.slice(0, 15).split('');
        OMOCODIA_POSITIONS.forEach((p, bit) => {
          if (mask & (1 << bit)) chars[p - 1] = OMOCODIA_LETTERS[Number(chars[p - 1])]!;
        });
        const body = chars.join('');
        const variant = body + codiceFiscaleCheckChar(body);
        expect(checkCodiceFiscale(variant), variant).toEqual({ ok: true, value: variant, kind: 'person', omocodic: true });
        expect(deOmocode(variant).slice(0, 15)).toBe(cf.slice(0, 15));
        // The variant with the original's check letter is a typo, unless the letters happen to agree.
        if (variant[15] !== cf[15]) expect(checkCodiceFiscale(body + cf[15]).ok).toBe(false);
      }
    }
  });

  it('a known omocodic code passes (RSSMRA85T10A56NH: position 15 replaced, 2 → N)', () => {
    expect(checkCodiceFiscale('RSSMRA85T10A56NH')).toMatchObject({ ok: true, omocodic: true });
  });
});

describe('the words', () => {
  it('name the field and say what is wrong, in Italian and English', () => {
    expect(fiscalIdProblemText('partitaIva', 'check').it).toMatch(/^Partita IVA: la cifra di controllo/);
    expect(fiscalIdProblemText('codiceFiscale', 'length').it).toMatch(/^Codice fiscale: servono 16 caratteri/);
    expect(fiscalIdProblemText('codiceFiscale', 'check').en).toMatch(/^Tax code/);
    expect(normalizeFiscalId(' it-009.058 ')).toBe('IT009058');
  });
});
