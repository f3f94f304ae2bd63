// Migration 0015 (the customer book): the table's rules hold in the database itself, and the
// trigram index follows every insert, change and delete (search reads through it).
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import { deleteCustomer, saveCustomer, searchCustomers } from '../../../backend/customers/store.js';
import type { CustomerFields } from '../../../shared/customer.js';

const at = '2026-11-20T09:00:00.000Z';
const bar: CustomerFields = {
  kind: 'company', denominazione: 'Bar Sport Srl', nome: '', cognome: '', codice_fiscale: '', partita_iva: '01234567897', paese_iva: '',
  codice_destinatario: '', pec: '', indirizzo: 'Via Roma', numero_civico: '', cap: '20121', comune: 'Milano', provincia: 'MI', nazione: 'IT', notes: '',
};

describe('migration 0015: customers', () => {
  it('refuses rows that break the rules the code also checks', () => {
    const db = openDatabase(':memory:');
    const insert = (kind: string, denominazione: string | null, sdi: string, idPaese: string | null = null) => () =>
      db.prepare(`INSERT INTO customers (id, kind, denominazione, id_paese, id_codice, codice_destinatario, indirizzo, cap, comune, nazione, display_name, search_text, created_at, updated_at)
        VALUES (lower(hex(randomblob(8))), ?, ?, ?, NULL, ?, 'x', '00000', 'x', 'IT', 'x', 'x', ?, ?)`).run(kind, denominazione, idPaese, sdi, at, at);
    expect(insert('company', 'A', '0000000')).not.toThrow();
    expect(insert('company', null, '0000000')).toThrow(/CHECK/);
    expect(insert('shop', 'A', '0000000')).toThrow(/CHECK/);
    expect(insert('company', 'A', '000000')).toThrow(/CHECK/);
    expect(insert('company', 'A', '0000000', 'IT')).toThrow(/CHECK/); // a country without a code
    db.close();
  });

  it('the search index follows insert, change and delete', () => {
    const db = openDatabase(':memory:');
    const c = saveCustomer(db, null, bar, at);
    const found = (text: string) => searchCustomers(db, text, 10).map((x) => x.displayName);
    expect(found('sport')).toEqual(['Bar Sport Srl']);
    saveCustomer(db, c.id, { ...bar, denominazione: 'Trattoria da Gino' }, at);
    expect(found('sport')).toEqual([]);
    expect(found('gino')).toEqual(['Trattoria da Gino']);
    expect(db.prepare(`SELECT count(*) FROM customers_fts WHERE customers_fts MATCH '"gino"'`).pluck().get()).toBe(1);
    deleteCustomer(db, c.id);
    expect(found('gino')).toEqual([]);
    expect(db.prepare(`SELECT count(*) FROM customers_fts WHERE customers_fts MATCH '"gino"'`).pluck().get()).toBe(0);
    db.close();
  });
});
