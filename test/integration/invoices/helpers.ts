// Shared set-up of the invoice tests: the shop's data an invoice needs (set-up step 1), a customer
// of the book, and a sale whose receipt the AdE numbered (as the sync process records it).
import type { WritableDb } from '../../../backend/db/types.js';
import { setSetting } from '../../../backend/settings.js';

export function invoicingShop(db: WritableDb, at = new Date('2026-01-01T00:00:00Z')): void {
  setSetting(db, 'shop.name', 'Bottega della Città S.n.c.', at);
  setSetting(db, 'shop.address', 'Via Roma 1\n10121 Torino (TO)', at);
  setSetting(db, 'shop.vatNumber', '00743110157', at);
  setSetting(db, 'shop.taxCode', '00743110157', at);
}

/** The receipt went through: the AdE's number is known. */
export function receiptNumbered(db: WritableDb, documentId: string, adeNumber: string): void {
  db.prepare(`UPDATE outbox SET state = 'ready', document_number = ?, document_date = '2026-11-21' WHERE document_id = ?`).run(adeNumber, documentId);
}

export const barSport = {
  kind: 'company' as const, denominazione: 'Bar Sport Srl', partita_iva: '01234567897', codice_destinatario: 'M5UXCR1',
  indirizzo: 'Corso Italia', numero_civico: '2', cap: '00198', comune: 'Roma', provincia: 'RM',
};
export const marioRossi = {
  kind: 'person' as const, nome: 'Mario', cognome: 'Rossi', codice_fiscale: 'RSSMRA85T10A562S', pec: 'mario.rossi@pec.it',
  indirizzo: 'Via Roma', numero_civico: '12', cap: '20121', comune: 'Milano', provincia: 'MI',
};

/** Two bottles of wine at 22% and a bread at 4%, paid by card and cash. */
export const wineAndBread = {
  lines: [{ barcode: '8000000000019', quantity: 2 }, { barcode: '2000000000015', quantity: 1 }],
  payments: [{ method: 'electronic' as const, amount_cents: 2000 }, { method: 'cash' as const, amount_cents: 1000 }],
};

/** The text of the first element with this name (enough for the few single-valued fields checked). */
export function xmlField(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m ? m[1]! : null;
}
