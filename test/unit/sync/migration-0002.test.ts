// Migration 0002 on a ledger that already has outbox rows, and the plan of the sync's hot query.
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../../backend/db/open.js';
import { migrations } from '../../../backend/db/migrations/index.js';

describe('migration 0002 (sync)', () => {
  it('adds its columns and tables without touching existing outbox rows', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version === 1));
    db.prepare(`INSERT INTO documents (id, kind, business_day, seq, number, created_at, subtotal_cents, line_discount_cents, sale_discount_cents,
      complimentary_cents, total_cents, rounding_cents, due_cents, tendered_cents, change_cents) VALUES ('d1','sale','2026-03-10',1,'2026-03-10/0001','2026-03-10T10:00:00Z',100,0,0,0,100,0,100,100,0)`).run();
    db.prepare(`INSERT INTO outbox (document_id, kind, state, created_at, updated_at) VALUES ('d1','sale','pending','t','t')`).run();
    migrate(db, migrations.filter((m) => m.version <= 2));
    expect(db.prepare('SELECT document_id, state, polls, remote_items, pdf_path FROM outbox').get()).toEqual({ document_id: 'd1', state: 'pending', polls: 0, remote_items: null, pdf_path: null });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table','index')`).all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['sync_state', 'secrets', 'outbox_parent', 'outbox_remote']));
  });

  it('the due-work query reads the outbox through its indexes', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN
      SELECT o.* FROM outbox o LEFT JOIN outbox p ON p.document_id = o.parent_id
      WHERE o.state IN ('pending','unknown','sent') AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
        AND (o.state <> 'pending' OR o.parent_id IS NULL OR (p.state = 'ready' AND NOT EXISTS (SELECT 1 FROM outbox s WHERE s.parent_id = o.parent_id AND s.state IN ('pending','sending','unknown'))))
      ORDER BY o.created_at LIMIT 10`).all('x') as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/outbox_state/);
    expect(plan).toMatch(/outbox_parent/);
    expect(plan).not.toMatch(/SCAN o\b/);
  });
});
