// Migration 0012 (training mode, issue #12): an upgrade must not change a working shop. A ledger
// that already holds fiscal documents, or has an Openapi fiscal id, comes out set up (steps 1–2)
// and fiscal; an empty install comes out in training mode.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../../backend/db/open.js';
import { migrations } from '../../../backend/db/migrations/index.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { trainingState } from '../../../backend/training/mode.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { getSetting } from '../../../backend/settings.js';
import { fakeClock } from '../../../shared/time.js';

const before = migrations.filter((m) => m.version < 12);

function ledgerBefore0012(fill: (db: Database.Database) => void): WritableDb {
  const db = new Database(':memory:');
  migrate(db, before);
  fill(db);
  migrate(db, migrations);
  return db as WritableDb;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const pane = { lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4' as const, quantity: 1 }], payments: [{ method: 'cash' as const, amount_cents: 350 }] };

describe('migration 0012 (training mode)', () => {
  it('a ledger with fiscal documents stays a working, fiscal shop: its next sale continues the day', () => {
    const db = ledgerBefore0012((raw) => {
      raw.prepare(`INSERT INTO documents (id, kind, business_day, seq, number, created_at, subtotal_cents, line_discount_cents, sale_discount_cents,
        complimentary_cents, total_cents, rounding_cents, due_cents, tendered_cents, change_cents) VALUES ('d1','sale','2026-11-21',1,'2026-11-21/0001','2026-11-21T08:00:00Z',350,0,0,0,350,0,350,350,0)`).run();
      raw.prepare(`INSERT INTO day_counters (business_day, last_seq) VALUES ('2026-11-21', 1)`).run();
    });
    const s = trainingState(db);
    expect(s).toMatchObject({ training: false, missing: [] });
    expect(s.fiscalSince).toMatch(ISO);
    expect(getSetting(db, 'setup.shopDoneAt')).toMatch(ISO);
    expect(getSetting(db, 'setup.adeDoneAt')).toMatch(ISO);
    expect(db.prepare('SELECT how FROM fiscal_mode').pluck().get()).toBe('upgrade');
    expect(commitSale(db, fakeClock('2026-11-21T10:00:00Z'), pane).number).toBe('2026-11-21/0002');
  });

  it('a ledger with an Openapi fiscal id and no sale yet is set up and fiscal too', () => {
    const db = ledgerBefore0012((raw) => {
      raw.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('openapi.fiscalId', '"12345678901"', '2026-11-01T00:00:00Z')`).run();
    });
    expect(trainingState(db)).toMatchObject({ training: false, missing: [] });
    expect(commitSale(db, fakeClock('2026-11-21T10:00:00Z'), pane).number).toBe('2026-11-21/0001');
  });

  it('a company registered on Openapi from the till (`bancone onboard`) is set up and fiscal too', () => {
    const db = ledgerBefore0012((raw) => {
      raw.prepare(`INSERT INTO sync_state (key, value, updated_at) VALUES ('onboarding', '{"fiscalId":"12345678901"}', '2026-11-01T00:00:00Z')`).run();
    });
    expect(trainingState(db)).toMatchObject({ training: false, missing: [] });
  });

  it('an empty install, or one whose fiscal id is blank, starts in training mode with both steps missing', () => {
    for (const fill of [() => undefined, (raw: Database.Database) => raw.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('openapi.fiscalId', '""', 't')`).run()]) {
      const db = ledgerBefore0012(fill);
      expect(trainingState(db)).toEqual({ training: true, missing: ['shop', 'ade'], fiscalSince: null });
      expect(db.prepare('SELECT count(*) FROM settings WHERE key LIKE ?').pluck().get('setup.%')).toBe(0);
      expect(commitSale(db, fakeClock('2026-11-21T10:00:00Z'), pane).number).toBe('PROVA 2026-11-21/0001');
    }
  });

  it('set-up steps already recorded are kept as they were', () => {
    const db = ledgerBefore0012((raw) => {
      raw.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('openapi.fiscalId', '"12345678901"', 't'), ('setup.shopDoneAt', '"2026-10-01T08:00:00.000Z"', 't')`).run();
    });
    expect(getSetting(db, 'setup.shopDoneAt')).toBe('2026-10-01T08:00:00.000Z');
    expect(getSetting(db, 'setup.adeDoneAt')).toMatch(ISO);
  });
});
