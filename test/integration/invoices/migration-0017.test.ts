// Migration 0017 rebuilds the invoices table (invoice at the sale, corrected re-issue). An upgraded
// till keeps every invoice it issued byte for byte, its outbox still points at them, the series goes
// on, and the new rules hold: one first invoice per document, one re-issue per rejected invoice, a
// TD01 at the sale cites no receipt, the rows stay append-only.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../../backend/db/open.js';
import { migrations } from '../../../backend/db/migrations/index.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { getInvoice, invoiceOfDocument } from '../../../backend/invoicing/store.js';

const T = '2026-11-21T10:00:00.000Z';

function ledgerWithInvoiceBefore0017(): WritableDb {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.filter((m) => m.version < 17));
  for (const [id, seq] of [['d1', 1], ['d2', 2]] as const) {
    db.prepare(`INSERT INTO documents (id, kind, business_day, seq, number, created_at, subtotal_cents, line_discount_cents, sale_discount_cents,
      complimentary_cents, total_cents, rounding_cents, due_cents, tendered_cents, change_cents) VALUES (?, 'sale', '2026-11-21', ?, ?, ?, 350, 0, 0, 0, 350, 0, 350, 350, 0)`)
      .run(id, seq, `2026-11-21/000${seq}`, T);
  }
  db.prepare(`INSERT INTO customers (id, kind, denominazione, id_paese, id_codice, codice_destinatario, indirizzo, cap, comune, nazione, display_name, search_text, created_at, updated_at)
    VALUES ('c1', 'company', 'Bar Sport Srl', 'IT', '01234567897', 'M5UXCR1', 'Corso Italia', '00198', 'Roma', 'IT', 'Bar Sport Srl', 'bar sport srl', ?, ?)`).run(T, T);
  db.prepare(`INSERT INTO invoices (id, kind, year, seq, number, date, document_id, receipt_number, receipt_date, receipt_ade_number, corrects_id,
    customer_id, total_cents, file_name, xml, operator_id, created_at) VALUES ('i1', 'TD01', '2026', 1, '2026/0001', '2026-11-21', 'd1', '2026-11-21/0001',
    '2026-11-21', 'DCW2026/1', NULL, 'c1', 350, 'IT00743110157_26001.xml', '<xml>as issued</xml>', NULL, ?)`).run(T);
  db.prepare(`INSERT INTO invoice_counters (business_day, last_seq) VALUES ('2026', 1)`).run();
  db.prepare(`INSERT INTO invoice_outbox (invoice_id, state, attempts, created_at, updated_at) VALUES ('i1', 'rejected', 1, ?, ?)`).run(T, T);
  migrate(db, migrations);
  return db as WritableDb;
}

/** An issued invoice as the ledger writes it: the row and its outbox row, together. */
const insert = (db: WritableDb, o: { id: string; seq: number; doc: string; atSale?: 0 | 1; receipt?: string | null; replaces?: string | null }) => db.transaction(() => {
  db.prepare(`INSERT INTO invoices (id, kind, year, seq, number, date, document_id, at_sale, receipt_number, receipt_date, replaces_id,
    customer_id, total_cents, file_name, xml, created_at) VALUES (?, 'TD01', '2026', ?, ?, '2026-11-22', ?, ?, ?, ?, ?, 'c1', 350, ?, '<x/>', ?)`)
    .run(o.id, o.seq, `2026/000${o.seq}`, o.doc, o.atSale ?? 0, o.receipt === undefined ? '2026-11-21/0001' : o.receipt,
      o.receipt === null ? null : '2026-11-21', o.replaces ?? null, `IT00743110157_2600${o.seq}.xml`, T);
  db.prepare(`INSERT INTO invoice_outbox (invoice_id, state, attempts, created_at, updated_at) VALUES (?, 'pending', 0, ?, ?)`).run(o.id, T, T);
})();

describe('migration 0017 (invoice at the sale, corrected re-issue)', () => {
  it('keeps the issued invoice as it was, with its outbox row, and no foreign key left dangling', () => {
    const db = ledgerWithInvoiceBefore0017();
    expect(getInvoice(db, '2026/0001')).toMatchObject({
      id: 'i1', number: '2026/0001', atSale: false, replaces: null, receipt: { number: '2026-11-21/0001', adeNumber: 'DCW2026/1' },
      sending: { state: 'rejected' },
    });
    expect(db.prepare(`SELECT xml FROM invoices WHERE id = 'i1'`).pluck().get()).toBe('<xml>as issued</xml>');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare(`UPDATE invoices SET xml = 'x' WHERE id = 'i1'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM invoices WHERE id = 'i1'`).run()).toThrow(/append-only/);
  });

  it('one first invoice per document; a re-issue replaces a rejected one once and becomes the document\'s invoice', () => {
    const db = ledgerWithInvoiceBefore0017();
    expect(() => insert(db, { id: 'i2', seq: 2, doc: 'd1' })).toThrow(/UNIQUE/);
    insert(db, { id: 'i2', seq: 2, doc: 'd1', replaces: 'i1' });
    expect(() => insert(db, { id: 'i3', seq: 3, doc: 'd1', replaces: 'i1' })).toThrow(/UNIQUE/);
    expect(invoiceOfDocument(db, 'd1')).toMatchObject({ id: 'i2', number: '2026/0002', replaces: { id: 'i1', number: '2026/0001' } });
    expect(() => insert(db, { id: 'i9', seq: 9, doc: 'd1', replaces: 'nope' })).toThrow(/FOREIGN KEY/);
  });

  it('a TD01 at the sale cites no receipt; any other TD01 must', () => {
    const db = ledgerWithInvoiceBefore0017();
    expect(() => insert(db, { id: 'i2', seq: 2, doc: 'd2', receipt: null })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'i2', seq: 2, doc: 'd2', atSale: 1 })).toThrow(/CHECK/);
    insert(db, { id: 'i2', seq: 2, doc: 'd2', atSale: 1, receipt: null });
    expect(invoiceOfDocument(db, 'd2')).toMatchObject({ atSale: true, receipt: null });
  });
});
