import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { idleCheckpointer, migrate, openDatabase } from '../../../backend/db/open.js';
import { migrations } from '../../../backend/db/migrations/index.js';
import { mkdtempSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

describe('migrations applied by version, not by high-water mark', () => {
  it('applies a migration numbered below one already applied (work that landed out of order)', () => {
    const db = new Database(':memory:');
    const m = [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 3, name: 'c', sql: 'CREATE TABLE c (x INTEGER)' },
    ];
    expect(migrate(db, m)).toBe(2);
    const withLate = [...m, { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER)' }];
    expect(migrate(db, withLate)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='b'").get()).toBeTruthy();
    expect(migrate(db, withLate)).toBe(0);
  });

  it('adopts a database migrated before the tracking table existed (user_version only)', () => {
    const db = new Database(':memory:');
    db.exec(migrations[0]!.sql);
    db.pragma('user_version = 1');
    const applied = migrate(db, migrations);
    expect(applied).toBe(migrations.length - 1);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(migrations.length);
  });

  it('per-document lookups of print jobs and journal entries use an index', () => {
    const db = openDatabase(':memory:');
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM print_jobs WHERE document_id = 'x'")).toMatch(/USING INDEX print_jobs_document/);
    expect(plan("SELECT * FROM audit_log WHERE entity_id = 'x'")).toMatch(/USING INDEX audit_log_entity/);
  });
});

describe('idle checkpointing', () => {
  it('keeps the WAL out of the commit path and folds it back when the till is idle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bancone-ckpt-'));
    const file = join(dir, 'l.db');
    const db = openDatabase(file);
    const ck = idleCheckpointer(db, 20, 10_000);
    db.exec('CREATE TABLE t (x TEXT)');
    const before = statSync(file).size;
    for (let i = 0; i < 300; i++) { db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(4000)); ck.touched(); }
    // No checkpoint inside the writes: the rows are only in the WAL, the database file has not grown.
    expect(statSync(join(dir, 'l.db-wal')).size).toBeGreaterThan(1_000_000);
    expect(statSync(file).size).toBe(before);
    // Once the till is idle the WAL is copied back into the database file.
    const deadline = Date.now() + 5000;
    while (statSync(file).size === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
    ck.stop();
    expect(statSync(join(dir, 'l.db-wal')).size).toBe(0);
    db.close();
  });
});
