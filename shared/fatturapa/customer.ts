// The customer of an invoice, checked at the boundary (a JSON file, later the customer book): shape
// by zod, then the rules SDI applies, each error naming its field. Returns it normalised (upper case
// identifiers, CAP 00000 abroad, the SDI code settled).
import { z } from 'zod';
import { fail } from '../errors.js';
import { msg } from '../messages/index.js';
import { checkCodiceFiscale, checkPartitaIva, fiscalIdProblemText } from '../fiscal-id.js';
import { parseInput } from '../validation.js';
import type { Cessionario } from './types.js';

const text = z.string().max(1000).nullish();

export const CessionarioSchema = z.strictObject({
  denominazione: text,
  nome: text,
  cognome: text,
  idFiscaleIva: z.strictObject({ paese: z.string().max(2), codice: z.string().max(40) }).nullish(),
  codiceFiscale: z.string().max(40).nullish(),
  sede: z.strictObject({
    indirizzo: z.string().max(1000),
    numeroCivico: z.string().max(8).nullish(),
    cap: z.string().max(10).nullish(),
    comune: z.string().max(1000),
    provincia: z.string().max(2).nullish(),
    nazione: z.string().max(2).nullish(),
  }),
  codiceDestinatario: z.string().max(7).nullish(),
  pec: z.string().max(256).nullish(),
});

const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';
const PEC_RE = /^[A-Za-z0-9!#-'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
/** «0000000»: no SDI channel of the customer's own (a private person, or a PEC given instead). */
export const NO_RECIPIENT_CODE = '0000000';
/** What SDI expects for a customer abroad. */
export const FOREIGN_RECIPIENT_CODE = 'XXXXXXX';

/** Checks a customer (`field` prefixes the names in errors, e.g. «customer»). Throws BanconeError. */
export function checkCessionario(input: unknown, field = 'customer'): Cessionario {
  const c = parseInput(CessionarioSchema, input);
  const f = (k: string) => `${field}.${k}`;
  const company = !blank(c.denominazione);
  const person = !blank(c.nome) || !blank(c.cognome);
  if (company && person) fail('INVOICE_CUSTOMER_NAME_BOTH', msg.fatturapa.customerNameBoth, f('denominazione'));
  if (!company && (blank(c.nome) || blank(c.cognome)))
    fail('INVOICE_CUSTOMER_NAME_REQUIRED', msg.fatturapa.customerNameRequired, f(person ? (blank(c.nome) ? 'nome' : 'cognome') : 'denominazione'));

  let idFiscaleIva: Cessionario['idFiscaleIva'] = null;
  if (c.idFiscaleIva) {
    const paese = c.idFiscaleIva.paese.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(paese)) fail('INVOICE_CUSTOMER_COUNTRY_INVALID', msg.fatturapa.customerCountryInvalid, f('idFiscaleIva.paese'));
    let codice = c.idFiscaleIva.codice.replace(/[\s.-]/g, '').toUpperCase();
    if (paese === 'IT') {
      const p = checkPartitaIva(codice);
      if (!p.ok) fail('INVOICE_CUSTOMER_VAT_INVALID', fiscalIdProblemText('partitaIva', p.problem), f('idFiscaleIva.codice'));
      codice = p.value;
    } else if (!/^[A-Z0-9]{1,28}$/.test(codice)) fail('INVOICE_CUSTOMER_VAT_INVALID', msg.fatturapa.customerForeignVatInvalid, f('idFiscaleIva.codice'));
    idFiscaleIva = { paese, codice };
  }
  let codiceFiscale: string | null = null;
  if (!blank(c.codiceFiscale)) {
    const cf = checkCodiceFiscale(c.codiceFiscale!);
    if (!cf.ok) fail('INVOICE_CUSTOMER_TAX_CODE_INVALID', fiscalIdProblemText('codiceFiscale', cf.problem), f('codiceFiscale'));
    codiceFiscale = cf.value;
  }
  if (!idFiscaleIva && !codiceFiscale) fail('INVOICE_CUSTOMER_ID_REQUIRED', msg.fatturapa.customerIdRequired, f('idFiscaleIva'));

  const s = c.sede;
  const nazione = blank(s.nazione) ? 'IT' : s.nazione!.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(nazione)) fail('INVOICE_CUSTOMER_COUNTRY_INVALID', msg.fatturapa.customerCountryInvalid, f('sede.nazione'));
  if (blank(s.indirizzo)) fail('INVOICE_CUSTOMER_TEXT_REQUIRED', msg.fatturapa.customerTextRequired({ field: 'Indirizzo' }), f('sede.indirizzo'));
  if (blank(s.comune)) fail('INVOICE_CUSTOMER_TEXT_REQUIRED', msg.fatturapa.customerTextRequired({ field: 'Comune' }), f('sede.comune'));
  const cap = (s.cap ?? '').trim();
  if (nazione === 'IT' ? !/^[0-9]{5}$/.test(cap) : cap !== '' && !/^[0-9]{5}$/.test(cap))
    fail('INVOICE_CUSTOMER_CAP_INVALID', msg.fatturapa.customerCapInvalid, f('sede.cap'));
  const provincia = blank(s.provincia) ? null : s.provincia!.trim().toUpperCase();
  if (provincia !== null && !/^[A-Z]{2}$/.test(provincia)) fail('INVOICE_CUSTOMER_PROVINCE_INVALID', msg.fatturapa.customerProvinceInvalid, f('sede.provincia'));
  const numeroCivico = blank(s.numeroCivico) ? null : s.numeroCivico!.trim();
  if (numeroCivico !== null && !/^[\x20-\x7e]{1,8}$/.test(numeroCivico))
    fail('INVOICE_CUSTOMER_TEXT_REQUIRED', msg.fatturapa.customerTextRequired({ field: 'Numero civico' }), f('sede.numeroCivico'));

  const code = blank(c.codiceDestinatario) ? null : c.codiceDestinatario!.trim().toUpperCase();
  if (code !== null && !/^[A-Z0-9]{7}$/.test(code)) fail('INVOICE_CUSTOMER_RECIPIENT_CODE_INVALID', msg.fatturapa.customerRecipientCodeInvalid, f('codiceDestinatario'));
  const pec = blank(c.pec) ? null : c.pec!.trim();
  if (pec !== null && !PEC_RE.test(pec)) fail('INVOICE_CUSTOMER_PEC_INVALID', msg.fatturapa.customerPecInvalid, f('pec'));

  return {
    denominazione: company ? c.denominazione!.trim() : null,
    nome: company ? null : c.nome!.trim(),
    cognome: company ? null : c.cognome!.trim(),
    idFiscaleIva,
    codiceFiscale,
    sede: { indirizzo: s.indirizzo.trim(), numeroCivico, cap: cap === '' ? '00000' : cap, comune: s.comune.trim(), provincia, nazione },
    codiceDestinatario: code,
    pec,
  };
}

/**
 * CodiceDestinatario and PECDestinatario as SDI takes them: abroad «XXXXXXX»; a code of the
 * customer's own (then no PEC: SDI refuses both); else «0000000», with the PEC when there is one.
 */
export function recipientOf(c: Cessionario): { code: string; pec: string | null } {
  if ((c.sede.nazione ?? 'IT') !== 'IT') return { code: FOREIGN_RECIPIENT_CODE, pec: null };
  if (c.codiceDestinatario && c.codiceDestinatario !== NO_RECIPIENT_CODE) return { code: c.codiceDestinatario, pec: null };
  return { code: NO_RECIPIENT_CODE, pec: c.pec ?? null };
}
