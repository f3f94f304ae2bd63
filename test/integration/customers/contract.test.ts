// The customer book through the real dispatcher, as the screen calls it: who may do what, the
// errors naming the field (Italian and English), search as you type, deactivate, delete while
// unused and refused once a document names the customer, CSV export read back by the import.
import { describe, expect, it } from 'vitest';
import { loginCashier, loginManager, makeBackend } from '../../unit/contract/helpers.js';

const mario = {
  kind: 'person' as const, nome: 'Mario', cognome: 'Rossi', codice_fiscale: 'RSSMRA85T10A562S', pec: 'mario.rossi@pec.it',
  indirizzo: 'Via Roma', numero_civico: '12', cap: '20121', comune: 'Milano', provincia: 'MI',
};
const bar = {
  kind: 'company' as const, denominazione: 'Bar Sport Srl', partita_iva: '01234567897', codice_destinatario: 'M5UXCR1',
  indirizzo: 'Corso Italia', cap: '00198', comune: 'Roma', provincia: 'RM', notes: 'Fattura a fine mese',
};

describe('customers.* through the dispatcher', () => {
  it('a cashier adds a customer; a wrong codice fiscale is refused naming the field and nothing is kept', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const e = await b.err('customers.save', { ...mario, codice_fiscale: 'RSSMRA85T10A562T' });
    expect(e).toMatchObject({
      code: 'CODICE_FISCALE_INVALID', field: 'codice_fiscale',
      message: "Codice fiscale: il carattere di controllo (l'ultimo) non torna, c'è un errore di battitura",
      message_en: 'Tax code: the check character (the last one) does not match, there is a typo',
    });
    expect(b.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    const c = await b.ok('customers.save', mario);
    expect(c).toMatchObject({ displayName: 'Rossi Mario', codiceFiscale: 'RSSMRA85T10A562S', codiceDestinatario: '0000000', pec: 'mario.rossi@pec.it', active: true });
    expect(await b.ok('customers.get', { id: c.id })).toEqual(c);
    const audit = b.db.prepare(`SELECT action, actor, entity_id FROM audit_log WHERE action LIKE 'customer.%'`).all();
    expect(audit).toEqual([{ action: 'customer.create', actor: b.cashierId, entity_id: c.id }]);
  });

  it('search as you type: part of the name, of the codice fiscale or of the Partita IVA, accents and case ignored', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const m = await b.ok('customers.save', mario);
    const s = await b.ok('customers.save', bar);
    const n = await b.ok('customers.save', { ...bar, denominazione: 'Caffè Nicolò & C. Snc', partita_iva: '12345678903', codice_destinatario: '' });
    const names = async (text: string) => (await b.ok('customers.search', { text })).customers.map((c) => c.displayName);
    expect(await names('ros')).toEqual(['Rossi Mario']);
    expect(await names('mario ro')).toEqual(['Rossi Mario']);
    expect(await names('nicolo')).toEqual(['Caffè Nicolò & C. Snc']);
    expect(await names('456789')).toEqual(['Bar Sport Srl', 'Caffè Nicolò & C. Snc']);
    expect(await names('4567897')).toEqual(['Bar Sport Srl']);
    expect(await names('IT01234567897')).toEqual(['Bar Sport Srl']);
    expect(await names('t10a562')).toEqual(['Rossi Mario']);
    expect(await names('b')).toEqual(['Bar Sport Srl']);
    expect(await names('')).toEqual(['Bar Sport Srl', 'Caffè Nicolò & C. Snc', 'Rossi Mario']);
    expect(await names('zzz')).toEqual([]);
    void m; void s; void n;
    // the trigram index is what answers a three-letter search
    const plan = b.db.prepare(`EXPLAIN QUERY PLAN SELECT c.id FROM customers_fts f JOIN customers c ON c.seq = f.rowid WHERE customers_fts MATCH '"ros"'`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/VIRTUAL TABLE INDEX/);
  });

  it('editing keeps the id and re-indexes the name; an unknown id is refused', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const c = await b.ok('customers.save', bar);
    const edited = await b.ok('customers.save', { ...bar, id: c.id, denominazione: 'Bar Centrale Srl' });
    expect(edited).toMatchObject({ id: c.id, displayName: 'Bar Centrale Srl' });
    expect((await b.ok('customers.search', { text: 'sport' })).customers).toEqual([]);
    expect((await b.ok('customers.search', { text: 'centrale' })).customers.map((x) => x.id)).toEqual([c.id]);
    expect(await b.err('customers.save', { ...bar, id: 'nope' })).toMatchObject({ code: 'CUSTOMER_NOT_FOUND', field: 'id' });
  });

  it('deactivate: a manager’s; the customer leaves the search but is kept, and comes back', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const c = await b.ok('customers.save', bar);
    expect((await b.err('customers.deactivate', { id: c.id })).code).toBe('MANAGER_REQUIRED');
    await loginManager(b);
    expect(await b.ok('customers.deactivate', { id: c.id })).toMatchObject({ id: c.id, active: false });
    expect((await b.ok('customers.search', { text: 'bar' })).customers).toEqual([]);
    expect((await b.ok('customers.search', { text: 'bar', inactive: true })).customers.map((x) => [x.id, x.active])).toEqual([[c.id, false]]);
    expect(await b.ok('customers.deactivate', { id: c.id, active: true })).toMatchObject({ active: true });
  });

  it('delete: only while no document names the customer; then deactivate instead', async () => {
    const b = makeBackend();
    await loginManager(b);
    const unused = await b.ok('customers.save', mario);
    expect(await b.ok('customers.delete', { id: unused.id })).toEqual({ deleted: true });
    expect(await b.err('customers.get', { id: unused.id })).toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });

    // The hook for the invoices to come: any table whose foreign key points at customers(id).
    const c = await b.ok('customers.save', bar);
    b.db.exec(`CREATE TABLE invoice_documents (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id))`);
    b.db.prepare(`INSERT INTO invoice_documents VALUES ('F1', ?), ('F2', ?)`).run(c.id, c.id);
    expect(await b.err('customers.delete', { id: c.id })).toMatchObject({
      code: 'CUSTOMER_IN_USE', field: 'id',
      message: 'Il cliente Bar Sport Srl non si può eliminare: compare in 2 documenti. Disattivarlo invece: resta nei documenti ma non si propone più',
    });
    expect((await b.ok('customers.get', { id: c.id })).active).toBe(true);
    expect(await b.ok('customers.deactivate', { id: c.id })).toMatchObject({ active: false });
  });

  it('CSV: the export is read back by the import (updates, never doubles); bad rows named by line and column', async () => {
    const b = makeBackend();
    await loginManager(b);
    await b.ok('customers.save', mario);
    const s = await b.ok('customers.save', bar);
    const { csv, count } = await b.ok('customers.export', {});
    expect(count).toBe(2);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('id;tipo;ragione sociale;nome;cognome;codice fiscale;partita iva;paese iva;codice destinatario;pec;indirizzo;numero civico;cap;comune;provincia;nazione;note;attivo');
    expect(lines[1]).toBe(`${s.id};azienda;Bar Sport Srl;;;;01234567897;IT;M5UXCR1;;Corso Italia;;00198;Roma;RM;IT;Fattura a fine mese;sì`);

    const again = await b.ok('customers.import', { csv });
    expect(again).toMatchObject({ applied: true, imported: 2, created: 0, updated: 2, summary: 'Importati 2 clienti (0 nuovi, 2 aggiornati).' });
    expect(b.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2);

    const file = [
      'Ragione sociale;Nome;Cognome;Codice fiscale;P.IVA;Codice SDI;Indirizzo;CAP;Comune;Prov',
      'Ferramenta Bianchi Snc;;;;12345678903;;Via Po 3;10123;Torino;TO',
      ';Anna;Verdi;VRDNNA80A41F205X;;;Via Dante 1;20121;Milano;MI',
      'Bar Sport Srl;;;;IT01234567897;M5UXCR1;Corso Italia 2;00198;Roma;RM',
    ].join('\n');
    const refused = await b.ok('customers.import', { csv: file });
    expect(refused).toMatchObject({ applied: false, imported: 0, skipped: 1 });
    expect(refused.errors).toEqual([{
      line: 3, field: 'codice_fiscale',
      message: "Riga 3: Codice fiscale: il carattere di controllo (l'ultimo) non torna, c'è un errore di battitura",
      message_en: 'Row 3: Tax code: the check character (the last one) does not match, there is a typo',
    }]);
    expect(b.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2);
    const partial = await b.ok('customers.import', { csv: file, skip_bad: true });
    expect(partial).toMatchObject({ applied: true, imported: 2, created: 1, updated: 1, skipped: 1 });
    // the Bar was recognised by its Partita IVA: updated, not doubled
    expect((await b.ok('customers.get', { id: s.id })).indirizzo).toBe('Corso Italia 2');
    expect((await b.ok('customers.search', { text: 'ferramenta' })).customers.map((c) => c.comune)).toEqual(['Torino']);
  });
});
