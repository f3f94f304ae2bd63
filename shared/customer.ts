// The customer book's domain (issue #13): who a customer is, the checks a customer's data must pass
// before it is kept, and the FatturaPA «CessionarioCommittente» it becomes on an invoice. Pure: the
// backend (save, CSV import), the CLI and the screen judge the same data the same way.
//
// The shape follows FatturaPA 1.2.2's CessionarioCommittente so an invoice maps it field by field
// (toCessionario below): a company has a denominazione, a person nome + cognome; IdFiscaleIVA is a
// country + code; the Sede has indirizzo, numero civico (optional), CAP, comune, provincia (Italy
// only) and nazione. CodiceDestinatario/PECDestinatario belong to DatiTrasmissione, kept here too.
import { checkCodiceFiscale, checkPartitaIva, normalizeFiscalId } from './fiscal-id.js';
import { fail } from './errors.js';
import { msg } from './messages/index.js';
import { foldForSearch } from './text.js';

export type CustomerKind = 'person' | 'company';

/** The fields as typed (contract input, CSV columns): snake_case, and what each error names. */
export const CUSTOMER_FIELDS = [
  'kind', 'denominazione', 'nome', 'cognome', 'codice_fiscale', 'partita_iva', 'paese_iva',
  'codice_destinatario', 'pec', 'indirizzo', 'numero_civico', 'cap', 'comune', 'provincia', 'nazione', 'notes',
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** A customer as typed: every text may be empty (''), the checks decide what is required. */
export interface CustomerFields {
  kind: CustomerKind;
  denominazione: string;
  nome: string;
  cognome: string;
  codice_fiscale: string;
  /** Italian: 11 digits (an «IT» prefix is dropped); foreign: the number, optionally with its country prefix. */
  partita_iva: string;
  /** The VAT number's country (ISO 3166-1 alpha-2); empty: the prefix of partita_iva, else the nazione. */
  paese_iva: string;
  codice_destinatario: string;
  pec: string;
  indirizzo: string;
  numero_civico: string;
  cap: string;
  comune: string;
  provincia: string;
  nazione: string;
  notes: string;
}

/** What is kept: normalized, checked. Absent values are null. */
export interface CustomerData {
  kind: CustomerKind;
  denominazione: string | null;
  nome: string | null;
  cognome: string | null;
  codiceFiscale: string | null;
  /** IdFiscaleIVA: both or neither. */
  idPaese: string | null;
  idCodice: string | null;
  /** Always 7 characters: the customer's code, '0000000' (PEC or cassetto fiscale), 'XXXXXXX' (abroad). */
  codiceDestinatario: string;
  pec: string | null;
  indirizzo: string;
  numeroCivico: string | null;
  cap: string;
  comune: string;
  provincia: string | null;
  nazione: string;
  notes: string;
}

export interface Customer extends CustomerData {
  id: string;
  /** «Rossi Mario» or the ragione sociale: how lists and invoices name the customer. */
  displayName: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The code for «no code»: the invoice reaches the PEC, or the customer's cassetto fiscale. */
export const SDI_NO_CODE = '0000000';
/** The code for a customer abroad (the invoice goes to the SDI for the AdE, the customer gets a copy). */
export const SDI_ABROAD = 'XXXXXXX';

/** FatturaPA's lengths (CessionarioCommittente) and ours for notes. */
export const CUSTOMER_MAX: Record<CustomerField, number> = {
  kind: 7, denominazione: 80, nome: 60, cognome: 60, codice_fiscale: 16, partita_iva: 30, paese_iva: 2,
  codice_destinatario: 7, pec: 256, indirizzo: 60, numero_civico: 8, cap: 10, comune: 60, provincia: 2, nazione: 2, notes: 1000,
};

const PEC_RE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** «Rossi Mario» for a person, the ragione sociale for a company. */
export function customerDisplayName(c: Pick<CustomerData, 'kind' | 'denominazione' | 'nome' | 'cognome'>): string {
  return c.kind === 'company' ? (c.denominazione ?? '') : `${c.cognome ?? ''} ${c.nome ?? ''}`.trim();
}

/** The text the search index holds: name, codice fiscale and VAT number, folded (accents, case). */
export function customerSearchText(c: CustomerData): string {
  return foldForSearch([customerDisplayName(c), c.kind === 'person' ? `${c.nome ?? ''} ${c.cognome ?? ''}` : '', c.codiceFiscale ?? '', c.idCodice ?? '', c.idPaese && c.idCodice ? `${c.idPaese}${c.idCodice}` : ''].join(' '));
}

/**
 * Checks a customer as typed and gives what is kept, or throws the first problem as a BanconeError
 * naming the field (in Italian and English). The rules (FatturaPA, Agenzia delle Entrate):
 * - a company has a ragione sociale, a person nome and cognome;
 * - an Italian company needs its Partita IVA (check digit verified), an Italian private person the
 *   codice fiscale (16 characters, check character verified, omocodia accepted); a customer abroad
 *   needs its fiscal identifier with the country (shape only: it is not ours to verify);
 * - codice destinatario: 7 letters or digits; none → '0000000' in Italy (the PEC, or the cassetto
 *   fiscale), 'XXXXXXX' abroad; a PEC only goes with '0000000' (the SDI delivers to the code);
 * - the address: CAP of 5 digits and a 2-letter provincia in Italy.
 */
export function checkCustomer(f: CustomerFields): CustomerData {
  const t = (s: string) => s.trim().replace(/\s+/g, ' ');
  // Identifiers, codes and the CAP have their own shape checks below (on the normalized text).
  for (const field of ['denominazione', 'nome', 'cognome', 'pec', 'indirizzo', 'numero_civico', 'comune', 'notes'] as const) {
    const v = t(f[field]);
    if (v.length > CUSTOMER_MAX[field]) fail('CUSTOMER_FIELD_TOO_LONG', msg.customers.tooLong({ field, max: CUSTOMER_MAX[field] }), field);
  }
  const kind = f.kind;
  const denominazione = t(f.denominazione);
  const nome = t(f.nome);
  const cognome = t(f.cognome);
  if (kind === 'company') {
    if (denominazione === '') fail('CUSTOMER_FIELD_REQUIRED', msg.customers.required({ field: 'denominazione' }), 'denominazione');
  } else {
    if (nome === '') fail('CUSTOMER_FIELD_REQUIRED', msg.customers.required({ field: 'nome' }), 'nome');
    if (cognome === '') fail('CUSTOMER_FIELD_REQUIRED', msg.customers.required({ field: 'cognome' }), 'cognome');
  }

  const nazione = t(f.nazione).toUpperCase() || 'IT';
  if (!/^[A-Z]{2}$/.test(nazione)) fail('CUSTOMER_COUNTRY', msg.customers.country({ field: 'nazione' }), 'nazione');
  const italy = nazione === 'IT';

  // ---- the VAT number: the country from paese_iva, else its own prefix, else the nazione
  let vat = normalizeFiscalId(f.partita_iva);
  let idPaese = t(f.paese_iva).toUpperCase();
  if (idPaese !== '' && !/^[A-Z]{2}$/.test(idPaese)) fail('CUSTOMER_COUNTRY', msg.customers.country({ field: 'paese_iva' }), 'paese_iva');
  if (idPaese !== '') {
    // «IT01234567890» with paese_iva IT: the prefix repeats the country.
    if (vat.startsWith(idPaese) && /^[A-Z]{2}/.test(vat)) vat = vat.slice(2);
  } else if (/^[A-Z]{2}/.test(vat)) {
    // «DE123456789»: the EU form, the prefix is the country.
    idPaese = vat.slice(0, 2);
    vat = vat.slice(2);
  } else if (vat !== '') {
    idPaese = nazione;
  }
  let idCodice: string | null = null;
  if (vat !== '') {
    if (idPaese === 'IT') {
      const p = checkPartitaIva(vat);
      if (!p.ok) fail('PARTITA_IVA_INVALID', msg.fiscalId.problem({ what: 'partitaIva', problem: p.problem }), 'partita_iva');
      idCodice = p.value;
    } else {
      if (!/^[A-Z0-9+*]{2,28}$/.test(vat)) fail('VAT_NUMBER_INVALID', msg.customers.foreignVat({ country: idPaese }), 'partita_iva');
      idCodice = vat;
    }
  }

  // ---- codice fiscale
  const cfText = normalizeFiscalId(f.codice_fiscale);
  let codiceFiscale: string | null = null;
  if (cfText !== '') {
    const c = checkCodiceFiscale(cfText);
    if (!c.ok) fail('CODICE_FISCALE_INVALID', msg.fiscalId.problem({ what: 'codiceFiscale', problem: c.problem }), 'codice_fiscale');
    if (kind === 'person' && c.kind !== 'person') fail('CODICE_FISCALE_INVALID', msg.customers.personCf, 'codice_fiscale');
    codiceFiscale = c.value;
  }

  // ---- which identifier the rules ask for
  if (italy && kind === 'company' && idCodice === null)
    fail('CUSTOMER_ID_REQUIRED', msg.customers.companyNeedsVat, 'partita_iva');
  if (italy && kind === 'person' && codiceFiscale === null)
    fail('CUSTOMER_ID_REQUIRED', msg.customers.personNeedsCf, 'codice_fiscale');
  if (!italy && idCodice === null && codiceFiscale === null)
    fail('CUSTOMER_ID_REQUIRED', msg.customers.abroadNeedsId, 'partita_iva');

  // ---- where the invoice goes
  let codiceDestinatario = normalizeFiscalId(f.codice_destinatario);
  const pec = t(f.pec).toLowerCase();
  if (codiceDestinatario !== '' && !/^[A-Z0-9]{7}$/.test(codiceDestinatario))
    fail('SDI_CODE_INVALID', msg.customers.sdiCode, 'codice_destinatario');
  if (!italy) {
    if (codiceDestinatario !== '' && codiceDestinatario !== SDI_ABROAD) fail('SDI_CODE_INVALID', msg.customers.sdiAbroad, 'codice_destinatario');
    codiceDestinatario = SDI_ABROAD;
  } else if (codiceDestinatario === SDI_ABROAD) {
    fail('SDI_CODE_INVALID', msg.customers.sdiAbroadOnly, 'codice_destinatario');
  }
  if (pec !== '') {
    if (!PEC_RE.test(pec)) fail('PEC_INVALID', msg.customers.pec, 'pec');
    if (codiceDestinatario !== '' && codiceDestinatario !== SDI_NO_CODE) fail('SDI_CODE_AND_PEC', msg.customers.codeAndPec, 'pec');
  }
  if (codiceDestinatario === '') codiceDestinatario = SDI_NO_CODE;

  // ---- the address (FatturaPA's Sede)
  const indirizzo = t(f.indirizzo);
  const numeroCivico = t(f.numero_civico);
  const comune = t(f.comune);
  let cap = t(f.cap);
  const provincia = t(f.provincia).toUpperCase();
  if (indirizzo === '') fail('CUSTOMER_FIELD_REQUIRED', msg.customers.required({ field: 'indirizzo' }), 'indirizzo');
  if (italy) {
    if (cap === '') fail('CUSTOMER_FIELD_REQUIRED', msg.customers.required({ field: 'cap' }), 'cap');
    if (!/^\d{5}$/.test(cap)) fail('CAP_INVALID', msg.customers.cap, 'cap');
  } else if (cap === '') {
    // FatturaPA's CAP is 5 digits even abroad: «00000» when the country has none that fits.
    cap = '00000';
  } else if (!/^\d{5}$/.test(cap)) {
    fail('CAP_INVALID', msg.customers.capAbroad, 'cap');
  }
  if (comune === '') fail('CUSTOMER_FIELD_REQUIRED', msg.customers.required({ field: 'comune' }), 'comune');
  if (italy) {
    if (provincia === '') fail('CUSTOMER_FIELD_REQUIRED', msg.customers.required({ field: 'provincia' }), 'provincia');
    if (!/^[A-Z]{2}$/.test(provincia)) fail('PROVINCIA_INVALID', msg.customers.provincia, 'provincia');
  } else if (provincia !== '') {
    fail('PROVINCIA_INVALID', msg.customers.provinciaAbroad, 'provincia');
  }

  return {
    kind,
    denominazione: kind === 'company' ? denominazione : null,
    nome: kind === 'person' ? nome : null,
    cognome: kind === 'person' ? cognome : null,
    codiceFiscale,
    idPaese: idCodice === null ? null : idPaese,
    idCodice,
    codiceDestinatario,
    pec: pec === '' ? null : pec,
    indirizzo,
    numeroCivico: numeroCivico === '' ? null : numeroCivico,
    cap,
    comune,
    provincia: italy ? provincia : null,
    nazione,
    notes: f.notes.trim(),
  };
}

/** A kept customer back to the fields as typed (the form, the CSV export). */
export function customerFields(c: CustomerData): CustomerFields {
  return {
    kind: c.kind,
    denominazione: c.denominazione ?? '',
    nome: c.nome ?? '',
    cognome: c.cognome ?? '',
    codice_fiscale: c.codiceFiscale ?? '',
    partita_iva: c.idCodice ?? '',
    paese_iva: c.idPaese ?? '',
    // '0000000' and 'XXXXXXX' are the rules' defaults, not something the customer gave.
    codice_destinatario: c.codiceDestinatario === SDI_NO_CODE || c.codiceDestinatario === SDI_ABROAD ? '' : c.codiceDestinatario,
    pec: c.pec ?? '',
    indirizzo: c.indirizzo,
    numero_civico: c.numeroCivico ?? '',
    cap: c.cap,
    comune: c.comune,
    provincia: c.provincia ?? '',
    nazione: c.nazione,
    notes: c.notes,
  };
}

/** FatturaPA 1.2.2 CessionarioCommittente, as plain data (element names as in the XSD). */
export interface Cessionario {
  DatiAnagrafici: {
    IdFiscaleIVA?: { IdPaese: string; IdCodice: string };
    CodiceFiscale?: string;
    Anagrafica: { Denominazione: string } | { Nome: string; Cognome: string };
  };
  Sede: { Indirizzo: string; NumeroCivico?: string; CAP: string; Comune: string; Provincia?: string; Nazione: string };
}

/** Where the invoice is delivered (FatturaPA DatiTrasmissione). */
export interface Destinatario {
  CodiceDestinatario: string;
  PECDestinatario?: string;
}

/** The customer as an invoice's CessionarioCommittente, and its DatiTrasmissione recipient. */
export function toCessionario(c: CustomerData): { cessionario: Cessionario; destinatario: Destinatario } {
  return {
    cessionario: {
      DatiAnagrafici: {
        ...(c.idPaese && c.idCodice ? { IdFiscaleIVA: { IdPaese: c.idPaese, IdCodice: c.idCodice } } : {}),
        ...(c.codiceFiscale ? { CodiceFiscale: c.codiceFiscale } : {}),
        Anagrafica: c.kind === 'company' ? { Denominazione: c.denominazione ?? '' } : { Nome: c.nome ?? '', Cognome: c.cognome ?? '' },
      },
      Sede: {
        Indirizzo: c.indirizzo,
        ...(c.numeroCivico ? { NumeroCivico: c.numeroCivico } : {}),
        CAP: c.cap,
        Comune: c.comune,
        ...(c.provincia ? { Provincia: c.provincia } : {}),
        Nazione: c.nazione,
      },
    },
    destinatario: { CodiceDestinatario: c.codiceDestinatario, ...(c.pec ? { PECDestinatario: c.pec } : {}) },
  };
}
