// The per-day totals (report_day_*, report_not_ready) follow every change of the rows they sum —
// even raw edits the ledger never makes — and the hot report queries read them through their keys.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../../../backend/db/types.js';
import { migrate } from '../../../backend/db/open.js';
import { migrations } from '../../../backend/db/migrations/index.js';
import { verifyTotals, xReport } from '../../../backend/reports/index.js';
import { ROWS_SQL, SQL, TOTALS_SQL } from '../../../backend/reports/queries.js';
import { fakeClock } from '../../../shared/time.js';
import Database from 'better-sqlite3';
import { line, recordReturn, recordVoid, sale, setFiscal, setup } from './helpers.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

let db: WritableDb;
let clock: ReturnType<typeof fakeClock>;
beforeEach(() => ({ db, clock } = setup('2026-11-21T08:00:00Z')));
afterEach(() => db.close());

const day = { from: '2026-11-21', to: '2026-11-21' };

function someDay(db: WritableDb) {
  const a = sale(db, clock, { lines: [line(1252, '22'), line(300, '4', { complimentary: true })], payments: [{ method: 'cash', amount_cents: 2000 }] });
  const b = sale(db, clock, { lines: [line(1000, '10'), line(500, '22')], payments: [{ method: 'meal_voucher', amount_cents: 800, count: 2 }, { method: 'electronic', amount_cents: 700 }] });
  const c = sale(db, clock, { lines: [line(999, '5')], payments: [{ method: 'uncollected', amount_cents: 999, kind: 'services' }] });
  recordReturn(db, clock, { sale: b.id, lines: [{ line_no: 1, quantity: 1 }] });
  recordVoid(db, clock, { sale: a.id });
  setFiscal(db, a.id, 'ready', 'DCW2026/0001-0001');
  setFiscal(db, c.id, 'failed', null, 'Scartato');
  return { a, b, c };
}

describe('per-day totals', () => {
  it('agree with the rows after commits and fiscal state changes', () => {
    const { c } = someDay(db);
    expect(verifyTotals(db, day, clock.now())).toEqual([]);
    setFiscal(db, c.id, 'ready', 'DCW2026/0002-0001');
    expect(verifyTotals(db, day, clock.now())).toEqual([]);
    expect(xReport(db, clock).fiscal.notReady.map((d) => d.kind)).toEqual(['sale', 'return', 'void']);
  });

  it('follow raw edits and deletions of ledger rows (what a tampering would do): the X shows what the rows say', () => {
    const { b, c } = someDay(db);
    db.prepare('UPDATE documents SET total_cents = total_cents + 100 WHERE id = ?').run(b.id);
    db.prepare('UPDATE vat_rows SET gross_cents = gross_cents + 100, taxable_cents = taxable_cents + 100 WHERE document_id = ? AND vat_code = ?').run(b.id, '10');
    db.prepare('UPDATE payments SET applied_cents = applied_cents + 100, method = ? WHERE document_id = ? AND seq = 2').run('cash', b.id);
    db.prepare('DELETE FROM outbox WHERE document_id = ?').run(c.id);
    db.prepare('DELETE FROM payments WHERE document_id = ?').run(c.id);
    db.prepare('DELETE FROM vat_rows WHERE document_id = ?').run(c.id);
    db.prepare('DELETE FROM document_lines WHERE document_id = ?').run(c.id);
    db.prepare('DELETE FROM print_jobs WHERE document_id = ?').run(c.id);
    db.prepare('DELETE FROM documents WHERE id = ?').run(c.id);
    db.prepare(`UPDATE documents SET business_day = '2026-11-20' WHERE id = ?`).run(b.id);
    expect(verifyTotals(db, day, clock.now())).toEqual([]);
    expect(verifyTotals(db, { from: '2026-11-20', to: '2026-11-20' }, clock.now())).toEqual([]);
    expect(xReport(db, clock, '2026-11-20').sales).toEqual({ count: 1, totalCents: 1600 });
  });

  it('are built from existing rows when the migration runs on a ledger that already has documents', () => {
    const raw = new Database(':memory:');
    raw.pragma('foreign_keys = ON');
    // Before 0005, but a set-up, fiscal shop (0012, which tells training mode apart, applied early).
    migrate(raw, migrations.filter((m) => m.version < 5 || m.version === 12));
    const old = fiscalShop(raw as unknown as WritableDb);
    someDay(old);
    migrate(raw, migrations);
    expect(verifyTotals(old, day, clock.now())).toEqual([]);
    expect(xReport(old, clock, '2026-11-21')).toMatchObject({ sales: { count: 3 }, returns: { count: 1 }, voids: { count: 1 }, fiscal: { ready: 1, failed: 1, pending: 3 } });
    raw.close();
  });
});

describe('query plans', () => {
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('2026-11-01', '2026-11-30') as { detail: string }[]).map((r) => r.detail).join(' | ');

  it('X and period reports read the per-day totals by their primary key, never the documents', () => {
    for (const [name, sql] of Object.entries(TOTALS_SQL)) {
      const p = plan(sql);
      expect(p, name).toMatch(/SEARCH (report_day_\w+|r) USING PRIMARY KEY \(business_day>\? AND business_day<\?\)/);
      expect(p, name).not.toMatch(/SCAN/);
      if (name !== 'notReady') expect(p, name).not.toMatch(/\bdocuments\b|SEARCH d /);
    }
    expect(plan(TOTALS_SQL.notReady)).toMatch(/SEARCH d USING INDEX sqlite_autoindex_documents_1 \(id=\?\)/);
  });

  it('numbering and the rows path (closing) walk the day through the (business_day, seq) index and probe children by key', () => {
    for (const sql of [SQL.firstNumber, SQL.lastNumber, SQL.firstDocumentNumber, SQL.lastDocumentNumber, ...Object.values(ROWS_SQL)]) {
      const p = plan(sql);
      expect(p).toMatch(/SEARCH d(ocuments)? USING (COVERING )?INDEX sqlite_autoindex_documents_3 \(business_day>\? AND business_day<\?\)/);
      expect(p).not.toMatch(/SCAN/);
    }
    expect(plan(ROWS_SQL.vat)).toContain('SEARCH v USING PRIMARY KEY (document_id=?)');
    expect(plan(ROWS_SQL.payments)).toContain('SEARCH p USING PRIMARY KEY (document_id=?)');
    expect(plan(SQL.movements)).toContain('USING INDEX cash_movements_day');
  });
});
