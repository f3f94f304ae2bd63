// The shop and the customer of the FatturaPA tests.
import type { Cessionario, InvoiceShop } from '../../../shared/fatturapa/types.js';

export const SHOP: InvoiceShop = {
  name: 'Bottega della Città S.n.c.', vatNumber: '00743110157', taxCode: '00743110157',
  address: 'Via Roma 1\n10121 Torino (TO)', regime: 'RF01',
};
export const COMPANY: Cessionario = {
  denominazione: 'Rossi & Figli S.r.l.', idFiscaleIva: { paese: 'IT', codice: '01234567897' },
  sede: { indirizzo: 'Corso Francia 12', cap: '10138', comune: 'Torino', provincia: 'TO', nazione: 'IT' }, codiceDestinatario: 'M5UXCR1',
};
