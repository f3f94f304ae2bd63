// The customer book's checks (shared/customer.ts): what an Italian shop types for its customers, and
// the words that come back naming the field.
import { describe, expect, it } from 'vitest';
import { checkCustomer, customerFields, toCessionario, type CustomerFields } from '../../../shared/customer.js';
import { BanconeError } from '../../../shared/errors.js';

const blank: CustomerFields = {
  kind: 'person', denominazione: '', nome: '', cognome: '', codice_fiscale: '', partita_iva: '', paese_iva: '',
  codice_destinatario: '', pec: '', indirizzo: 'Via Roma', numero_civico: '1', cap: '20121', comune: 'Milano', provincia: 'MI', nazione: '', notes: '',
};
const person = (f: Partial<CustomerFields> = {}): CustomerFields => ({ ...blank, nome: 'Mario', cognome: 'Rossi', codice_fiscale: 'RSSMRA85T10A562S', ...f });
const company = (f: Partial<CustomerFields> = {}): CustomerFields => ({ ...blank, kind: 'company', denominazione: 'Bar Sport Srl', partita_iva: '01234567897', ...f });

/** The refusal as the screen shows it: field, code and the Italian words. */
function refusal(f: CustomerFields): { field: string | undefined; code: string; message: string } {
  try {
    checkCustomer(f);
  } catch (e) {
    if (e instanceof BanconeError) return { field: e.field, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('accepted');
}

describe('codice fiscale', () => {
  it('accepts a person’s code, with omocodia, and normalizes spaces and case', () => {
    expect(checkCustomer(person()).codiceFiscale).toBe('RSSMRA85T10A562S');
    // 2 → N in position 15: the omocodic variant the AdE gives a second person with the same code
    expect(checkCustomer(person({ codice_fiscale: 'rssmra85t10a56nh' })).codiceFiscale).toBe('RSSMRA85T10A56NH');
    expect(checkCustomer(person({ codice_fiscale: 'RSS MRA 85T10 A562S' })).codiceFiscale).toBe('RSSMRA85T10A562S');
  });

  it('refuses a wrong check character on the codice fiscale field', () => {
    expect(refusal(person({ codice_fiscale: 'RSSMRA85T10A562T' }))).toEqual({
      field: 'codice_fiscale', code: 'CODICE_FISCALE_INVALID',
      message: "Codice fiscale: il carattere di controllo (l'ultimo) non torna, c'è un errore di battitura",
    });
    expect(refusal(person({ codice_fiscale: 'RSSMRA85T10A56NS' })).code).toBe('CODICE_FISCALE_INVALID');
  });

  it('a private Italian customer needs the codice fiscale, of a person (16 characters)', () => {
    expect(refusal(person({ codice_fiscale: '' }))).toEqual({ field: 'codice_fiscale', code: 'CUSTOMER_ID_REQUIRED', message: 'Codice fiscale: obbligatorio per un privato italiano' });
    expect(refusal(person({ codice_fiscale: '01234567897' })).field).toBe('codice_fiscale');
  });
});

describe('Partita IVA', () => {
  it('checks the Italian check digit; «IT» in front is the country', () => {
    const c = checkCustomer(company({ partita_iva: 'IT 01234567897' }));
    expect([c.idPaese, c.idCodice]).toEqual(['IT', '01234567897']);
    expect(refusal(company({ partita_iva: '01234567890' }))).toEqual({
      field: 'partita_iva', code: 'PARTITA_IVA_INVALID', message: "Partita IVA: la cifra di controllo (l'ultima) non torna, c'è un errore di battitura",
    });
    expect(refusal(company({ partita_iva: '0123456789' })).message).toBe('Partita IVA: servono 11 cifre (solo numeri)');
  });

  it('an Italian company needs it', () => {
    expect(refusal(company({ partita_iva: '' }))).toEqual({ field: 'partita_iva', code: 'CUSTOMER_ID_REQUIRED', message: 'Partita IVA: obbligatoria per una società o ditta italiana' });
  });

  it('a foreign VAT number keeps its country and is checked for shape only', () => {
    const de = checkCustomer(company({ partita_iva: 'DE123456789', nazione: 'DE', cap: '10115', comune: 'Berlin', provincia: '' }));
    expect([de.idPaese, de.idCodice, de.codiceDestinatario, de.provincia]).toEqual(['DE', '123456789', 'XXXXXXX', null]);
    // the country from its own field, the number without prefix
    const fr = checkCustomer(company({ partita_iva: '12345678901', paese_iva: 'fr', nazione: 'FR', cap: '', comune: 'Paris', provincia: '' }));
    expect([fr.idPaese, fr.idCodice, fr.cap]).toEqual(['FR', '12345678901', '00000']);
    expect(refusal(company({ partita_iva: 'DE12#45', nazione: 'DE', provincia: '' })).field).toBe('partita_iva');
    expect(refusal(company({ partita_iva: '', nazione: 'DE', provincia: '' })).code).toBe('CUSTOMER_ID_REQUIRED');
    expect(refusal(company({ partita_iva: 'DE123456789', nazione: 'DE', provincia: 'MI' })).field).toBe('provincia');
  });
});

describe('codice destinatario and PEC', () => {
  it('7 characters, upper-cased; nothing given means 0000000', () => {
    expect(checkCustomer(company({ codice_destinatario: 'm5uxcr1' })).codiceDestinatario).toBe('M5UXCR1');
    expect(checkCustomer(company()).codiceDestinatario).toBe('0000000');
    expect(refusal(company({ codice_destinatario: 'ABC123' }))).toMatchObject({ field: 'codice_destinatario', code: 'SDI_CODE_INVALID' });
    expect(refusal(company({ codice_destinatario: 'XXXXXXX' }))).toMatchObject({ field: 'codice_destinatario', code: 'SDI_CODE_INVALID' });
  });

  it('a PEC goes with 0000000, never with a code', () => {
    const c = checkCustomer(person({ pec: 'Mario.Rossi@PEC.it' }));
    expect([c.codiceDestinatario, c.pec]).toEqual(['0000000', 'mario.rossi@pec.it']);
    expect(checkCustomer(person({ pec: 'mario@pec.it', codice_destinatario: '0000000' })).pec).toBe('mario@pec.it');
    expect(refusal(person({ pec: 'mario@pec.it', codice_destinatario: 'M5UXCR1' }))).toMatchObject({ field: 'pec', code: 'SDI_CODE_AND_PEC' });
    expect(refusal(person({ pec: 'mario-at-pec.it' }))).toEqual({ field: 'pec', code: 'PEC_INVALID', message: 'PEC: indirizzo non valido (es. nome@pec.it)' });
  });
});

describe('names and address', () => {
  it('a company needs a ragione sociale, a person nome and cognome', () => {
    expect(refusal(company({ denominazione: ' ' }))).toEqual({ field: 'denominazione', code: 'CUSTOMER_FIELD_REQUIRED', message: 'Ragione sociale: campo obbligatorio' });
    expect(refusal(person({ cognome: '' })).field).toBe('cognome');
  });

  it('Italian CAP of 5 digits and a 2-letter provincia', () => {
    expect(refusal(person({ cap: '2012' }))).toEqual({ field: 'cap', code: 'CAP_INVALID', message: 'CAP: servono 5 cifre (es. 20121)' });
    expect(refusal(person({ provincia: 'Milano' })).field).toBe('provincia');
    expect(checkCustomer(person({ provincia: 'mi' })).provincia).toBe('MI');
    expect(refusal(person({ comune: 'x'.repeat(61) }))).toMatchObject({ field: 'comune', code: 'CUSTOMER_FIELD_TOO_LONG' });
  });

  it('maps to FatturaPA’s CessionarioCommittente field by field, and back to the form', () => {
    const c = checkCustomer(person({ pec: 'mario@pec.it', partita_iva: '01234567897' }));
    expect(toCessionario(c)).toEqual({
      cessionario: {
        DatiAnagrafici: { IdFiscaleIVA: { IdPaese: 'IT', IdCodice: '01234567897' }, CodiceFiscale: 'RSSMRA85T10A562S', Anagrafica: { Nome: 'Mario', Cognome: 'Rossi' } },
        Sede: { Indirizzo: 'Via Roma', NumeroCivico: '1', CAP: '20121', Comune: 'Milano', Provincia: 'MI', Nazione: 'IT' },
      },
      destinatario: { CodiceDestinatario: '0000000', PECDestinatario: 'mario@pec.it' },
    });
    expect(checkCustomer(customerFields(c))).toEqual(c);
  });
});
