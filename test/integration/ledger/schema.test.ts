import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../../backend/db/open.js';
import { migrations } from '../../../backend/db/migrations/index.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { findByBarcode, findBySku, upsertProduct } from '../../../backend/catalog/products.js';

const dir = mkdtempSync(join(tmpdir(), 'bancone-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const latest = Math.max(...migrations.map((m) => m.version));
const schemaOf = (db: Database.Database) =>
  db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all();

describe('migrations', () => {
  it('are numbered uniquely and run in order on an in-memory db', () => {
    expect(new Set(migrations.map((m) => m.version)).size).toBe(migrations.length);
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(latest);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
    for (const t of ['settings', 'operators', 'departments', 'products', 'barcodes', 'day_counters', 'documents', 'document_lines', 'payments', 'vat_rows', 'outbox', 'print_jobs', 'audit_log', 'day_closures'])
      expect(tables, t).toContain(t);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('are idempotent: migrating again changes nothing', () => {
    const db = openDatabase(':memory:');
    const before = schemaOf(db);
    expect(migrate(db, migrations)).toBe(0);
    expect(migrate(db, migrations)).toBe(0);
    expect(schemaOf(db)).toEqual(before);
    expect(schemaVersion(db)).toBe(latest);
    db.close();
  });

  it('step by step gives the same schema as all at once', () => {
    const a = new Database(':memory:');
    const sorted = [...migrations].sort((x, y) => x.version - y.version);
    for (let i = 1; i <= sorted.length; i++) expect(migrate(a, sorted.slice(0, i))).toBe(1);
    const b = openDatabase(':memory:');
    expect(schemaOf(a)).toEqual(schemaOf(b));
    a.close();
    b.close();
  });

  it('a failing migration is rolled back whole and leaves the version alone', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const before = schemaOf(db);
    const broken = [...migrations, { version: latest + 1, name: 'broken', sql: 'CREATE TABLE half_done (a INTEGER); CREATE TABLE oops (' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(latest);
    expect(schemaOf(db)).toEqual(before);
    db.close();
  });

  it('a file ledger opens in WAL with synchronous=FULL, foreign keys and a busy timeout; reopening keeps data', () => {
    const file = join(dir, 'ledger.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    upsertProduct(db, { sku: 'A', description: 'Acqua', priceCents: 50, vatCode: '22', barcodes: ['123'] }, '2026-01-01T00:00:00Z');
    db.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(latest);
    expect(findByBarcode(again, '123')?.sku).toBe('A');
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });

  it('foreign keys hold: a line cannot point at a missing document', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db.prepare(`INSERT INTO document_lines (document_id, line_no, description, vat_code, quantity_milli, unit_price_cents, gross_cents, discount_cents, sale_discount_share_cents, complimentary, amount_cents) VALUES ('nope', 1, 'x', '22', 1000, 1, 1, 0, 0, 0, 1)`).run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('barcode lookup', () => {
  function catalog(n: number): WritableDb {
    const db = openDatabase(':memory:');
    db.transaction(() => {
      for (let i = 0; i < n; i++)
        upsertProduct(db, { sku: `SKU${i}`, description: `Prodotto ${i}`, priceCents: 100 + i, vatCode: '22', department: `R${i % 7}`, barcodes: [`800${String(i).padStart(10, '0')}`] }, '2026-01-01T00:00:00Z');
    })();
    return db;
  }

  /** The SQL statements a catalog call prepares, captured on a fresh connection. */
  function sqlOf(db: WritableDb, call: () => unknown): string[] {
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
      seen.push(sql);
      return prepare(sql);
    };
    try {
      call();
    } finally {
      delete (db as unknown as { prepare?: unknown }).prepare;
    }
    return seen;
  }

  it('uses the barcodes primary key (no table scan)', () => {
    const db = catalog(2000);
    db.exec('ANALYZE');
    const statements = sqlOf(db, () => expect(findByBarcode(db, '8000000001234')?.sku).toBe('SKU1234'));
    expect(statements).toHaveLength(1);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${statements[0]}`).all('8000000001234') as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/SEARCH b USING PRIMARY KEY \(barcode=\?\)/);
    for (const step of plan) expect(step, plan.join('\n')).not.toMatch(/^SCAN/);
    db.close();
  });

  it('finds only active products, by barcode or sku', () => {
    const db = catalog(10);
    expect(findByBarcode(db, '8000000000003')).toMatchObject({ sku: 'SKU3', priceCents: 103, vatCode: '22', department: 'R3' });
    expect(findByBarcode(db, '8000000000099')).toBeNull();
    db.prepare(`UPDATE products SET active = 0 WHERE sku = 'SKU3'`).run();
    expect(findByBarcode(db, '8000000000003')).toBeNull();
    expect(findBySku(db, 'SKU3')).toBeNull();
    expect(findBySku(db, 'SKU4')?.barcodes).toEqual(['8000000000004']);
    db.close();
  });
});
