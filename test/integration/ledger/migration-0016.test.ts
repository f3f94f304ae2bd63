// Migration 0016 (invoices): the database itself holds the rules the code relies on — one invoice
// per ledger document, a number once, a credit note always citing an invoice, a TD01 always citing
// its receipt, issued rows never changed or removed, the outbox's states and providers, and the
// customer's foreign key that backend/customers/usage.ts finds.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { customerReferences } from '../../../backend/customers/usage.js';
import { fakeClock } from '../../../shared/time.js';
import type { CustomerFields } from '../../../shared/customer.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

const at = '2026-11-21T09:00:00.000Z';
const bar: CustomerFields = {
  kind: 'company', denominazione: 'Bar Sport Srl', nome: '', cognome: '', codice_fiscale: '', partita_iva: '01234567897', paese_iva: '',
  codice_destinatario: '', pec: '', indirizzo: 'Via Roma', numero_civico: '', cap: '20121', comune: 'Milano', provincia: 'MI', nazione: 'IT', notes: '',
};

function ledger() {
  const db = fiscalShop(openDatabase(':memory:'));
  const clock = fakeClock(at);
  const sale = () => commitSale(db, clock, { lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 350 }] }, { printReceipt: false }).id;
  const customer = saveCustomer(db, null, bar, at).id;
  let n = 0;
  const insert = (o: { kind?: string; document: string; receipt?: string | null; corrects?: string | null; number?: string; seq?: number; customer?: string }) => {
    n++;
    const id = `inv-${n}`;
    db.prepare(`INSERT INTO invoices (id, kind, year, seq, number, date, document_id, receipt_number, corrects_id, customer_id, total_cents, file_name, xml, created_at)
      VALUES (?, ?, '2026', ?, ?, '2026-11-21', ?, ?, ?, ?, 350, ?, '<x/>', ?)`)
      .run(id, o.kind ?? 'TD01', o.seq ?? n, o.number ?? `2026/${n}`, o.document, o.receipt === undefined ? '2026-11-21/0001' : o.receipt, o.corrects ?? null, o.customer ?? customer, `f${n}.xml`, at);
    return id;
  };
  return { db, sale, customer, insert };
}

describe('migration 0016: invoices', () => {
  it('one invoice per document, each number once, TD01 cites its receipt, TD04 an invoice', () => {
    const { db, sale, insert } = ledger();
    const s1 = sale();
    const first = insert({ document: s1 });
    expect(() => insert({ document: s1 })).toThrow(/UNIQUE/);
    expect(() => insert({ document: sale(), number: '2026/1' })).toThrow(/UNIQUE/);
    expect(() => insert({ document: sale(), seq: 1 })).toThrow(/UNIQUE/);
    expect(() => insert({ document: sale(), receipt: null })).toThrow(/CHECK/);
    expect(() => insert({ kind: 'TD04', document: sale(), receipt: null })).toThrow(/CHECK/);
    expect(() => insert({ kind: 'TD04', document: sale(), receipt: null, corrects: 'nope' })).toThrow(/FOREIGN KEY/);
    expect(() => insert({ kind: 'TD04', document: sale(), receipt: null, corrects: first })).not.toThrow();
    expect(() => insert({ document: 'no-such-document' })).toThrow(/FOREIGN KEY/);
    expect(() => insert({ document: sale(), customer: 'no-such-customer' })).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('issued invoices are append-only; the outbox keeps to its states and providers; the customer reference is found', () => {
    const { db, sale, insert, customer } = ledger();
    const id = insert({ document: sale() });
    expect(() => db.prepare(`UPDATE invoices SET xml = '<y/>' WHERE id = ?`).run(id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM invoices WHERE id = ?').run(id)).toThrow(/append-only/);
    const outbox = (state: string, provider: string | null) => () =>
      db.prepare(`INSERT OR REPLACE INTO invoice_outbox (invoice_id, state, provider, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`).run(id, state, provider, at, at);
    expect(outbox('pending', null)).not.toThrow();
    expect(outbox('delivered', 'fattura24')).not.toThrow();
    expect(outbox('lost', null)).toThrow(/CHECK/);
    expect(outbox('pending', 'aruba')).toThrow(/CHECK/);
    expect(customerReferences(db)).toContainEqual({ table: 'invoices', column: 'customer_id' });
    expect(() => db.prepare('DELETE FROM customers WHERE id = ?').run(customer)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
