// Which customer an invoice goes to: the cashier (or `bancone invoice create --customer`) names it by
// its id, codice fiscale or Partita IVA (with or without «IT»). The book's data becomes the builder's
// Cessionario, checked once more by shared/fatturapa/customer.ts on its way into the XML.
import type { ReadableDb } from '../db/types.js';
import { readStmt } from '../db/statements.js';
import { findCustomer } from '../customers/store.js';
import type { Customer } from '../../shared/customer.js';
import { checkCessionario } from '../../shared/fatturapa/customer.js';
import type { Cessionario } from '../../shared/fatturapa/types.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

/** The customer named by `ref` (id, CF or P.IVA); refused naming `field` when unknown, ambiguous or inactive. */
export function customerForInvoice(db: ReadableDb, ref: string, field = 'customer'): Customer {
  const byId = findCustomer(db, ref);
  let found: Customer | null = byId;
  if (!found) {
    const code = ref.replace(/[\s.-]/g, '').toUpperCase();
    const vat = /^IT[0-9]{11}$/.test(code) ? code.slice(2) : code;
    const ids = readStmt(db, `SELECT DISTINCT id FROM customers WHERE codice_fiscale = ? OR id_codice = ? OR id_codice = ? ORDER BY seq`, { pluck: true })
      .all(code, code, vat) as string[];
    if (ids.length > 1) fail('INVOICE_CUSTOMER_AMBIGUOUS', msg.invoices.customerAmbiguous({ ref, count: ids.length }), field);
    found = ids.length === 1 ? findCustomer(db, ids[0]!) : null;
  }
  if (!found) return fail('INVOICE_CUSTOMER_UNKNOWN', msg.invoices.customerUnknown({ ref }), field);
  if (!found.active) fail('INVOICE_CUSTOMER_INACTIVE', msg.invoices.customerInactive({ name: found.displayName }), field);
  return found;
}

/** The book's customer as the FatturaPA builder takes it. */
export function cessionarioOf(c: Customer, field = 'customer'): Cessionario {
  return checkCessionario({
    denominazione: c.kind === 'company' ? c.denominazione : null,
    nome: c.kind === 'person' ? c.nome : null,
    cognome: c.kind === 'person' ? c.cognome : null,
    idFiscaleIva: c.idPaese && c.idCodice ? { paese: c.idPaese, codice: c.idCodice } : null,
    codiceFiscale: c.codiceFiscale,
    sede: { indirizzo: c.indirizzo, numeroCivico: c.numeroCivico, cap: c.cap, comune: c.comune, provincia: c.provincia, nazione: c.nazione },
    codiceDestinatario: c.codiceDestinatario,
    pec: c.pec,
  }, field);
}
