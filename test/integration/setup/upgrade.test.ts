// A shop set up before the guided set-up existed is not sent back to the wizard (nor, with it, into
// training mode) when the till is upgraded: migration 0011 records what it had done.
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { migrate, openDatabase } from '../../../backend/db/open.js';
import { startTill } from '../../../backend/programs/till.js';
import { getSecret } from '../../../backend/secrets.js';
import { readState } from '../../../backend/sync/sync-state.js';
import { migrations } from '../../../backend/db/migrations/index.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { setupState } from '../../../backend/setup/index.js';
import { getSetting } from '../../../backend/settings.js';
import { fakeClock } from '../../../shared/time.js';

const clock = fakeClock('2026-11-21T10:00:00Z');
const before = migrations.filter((m) => m.version < 11);

function oldLedger(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, before);
  return db;
}

describe('upgrading a till set up the old way', () => {
  it('registered with the old `bancone onboard`: both steps done, the Partita IVA asked once', () => {
    const db = oldLedger();
    db.prepare('INSERT INTO settings VALUES (?,?,?)').run('openapi.fiscalId', '"00743110157"', '2026-05-02T08:00:00.000Z');
    db.prepare('INSERT INTO sync_state VALUES (?,?,?)').run('onboarding', JSON.stringify({
      fiscalId: '00743110157', name: 'Bottega', email: 'b@example.com', taxCode: null, baseUrl: 'https://invoice.openapi.com',
      credentialsUpdatedAt: '2026-05-02T08:00:00.000Z', onboardedAt: '2026-05-01T09:00:00.000Z',
    }), '2026-05-02T08:00:00.000Z');
    migrate(db, migrations);
    const s = setupState(db as WritableDb, clock, null);
    expect(s.current).toBe('complete');
    expect(s.steps.ade.doneAt).toBe('2026-05-01T09:00:00.000Z');
    expect(s.steps.shop.data.vatNumber).toBe('00743110157');
  });

  it('only the Partita IVA typed in Settings: step 1 done, step 2 to do', () => {
    const db = oldLedger();
    db.prepare('INSERT INTO settings VALUES (?,?,?)').run('shop.vatNumber', '"00743110157"', '2026-05-02T08:00:00.000Z');
    migrate(db, migrations);
    const s = setupState(db as WritableDb, clock, null);
    expect(s.current).toBe('ade');
    expect(s.steps.shop.doneAt).toBe('2026-05-02T08:00:00.000Z');
  });

  it('a new ledger starts the wizard at step 1', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    expect(setupState(db as WritableDb, clock, null).current).toBe('shop');
    expect(getSetting(db as WritableDb, 'setup.shopDoneAt')).toBe('');
  });
});

describe('the AdE tax code an older version kept in clear', () => {
  it('is moved into the encrypted store when the till starts, and is no longer in the file in clear', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bancone-legacy-'));
    const file = join(dir, 'bancone.db');
    const db = openDatabase(file);
    db.prepare('INSERT INTO sync_state VALUES (?,?,?)').run('onboarding', JSON.stringify({
      fiscalId: '00743110157', name: 'Bottega', email: 'b@example.com', taxCode: 'RSSMRA85T10A562S', baseUrl: 'https://invoice.openapi.com',
      credentialsUpdatedAt: '2026-05-02T08:00:00.000Z', onboardedAt: '2026-05-01T09:00:00.000Z',
    }), '2026-05-02T08:00:00.000Z');
    db.close();
    const till = startTill({ dbFile: file, dataDir: dir, clock, sync: false, fetch: () => Promise.reject(new Error('no network in this test')) });
    expect(readState(till.db, 'onboarding')?.taxCode).toBe(null);
    expect(getSecret(till.db, till.keys, 'ade.taxCode')).toBe('RSSMRA85T10A562S');
    till.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(file).toString('latin1').includes('RSSMRA85T10A562S')).toBe(false);
    await till.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
