// The server's migrations on a real PostgreSQL (Debian's, started by the server's own launcher on a
// temp folder): a fresh database, an up-to-date one, and two servers migrating at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../server/db/embedded.js';
import { migrate, MIGRATIONS } from '../../../server/db/migrations.js';

let dir: string;
let pgServer: EmbeddedPostgres;
const pools: pg.Pool[] = [];

/** A new empty database on the test's PostgreSQL, and a pool on it. */
async function freshDatabase(name: string): Promise<pg.Pool> {
  const admin = new pg.Pool({ connectionString: pgServer.url, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: pgServer.url.replace(/\/bancone$/, `/${name}`), max: 4 });
  // pool.end() can resolve while a client is still closing; PostgreSQL's shutdown (the restart test)
  // then tells it to go, and with no listener that is an unhandled error of the whole run (seen once on CI).
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
}

const tables = async (pool: pg.Pool) => (await pool.query<{ t: string }>(
  "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => r.t);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bancone-srv-mig-'));
  pgServer = await startEmbeddedPostgres(dir);
});

afterAll(async () => {
  for (const p of pools) await p.end();
  await pgServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('server migrations', () => {
  it('a fresh database gets every migration, each recorded once; an up-to-date one gets none', async () => {
    const pool = await freshDatabase('fresh');
    expect(await migrate(pool)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await tables(pool)).toEqual(['at_sale_invoices', 'cash_movements', 'closures', 'document_lines', 'documents', 'fiscal_states', 'journal', 'master_items',
      'pairing_codes', 'payments', 'schema_migrations', 'shops', 'till_sync', 'till_tokens', 'tills', 'vat_rows']);
    expect((await pool.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows)
      .toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));

    expect(await migrate(pool)).toEqual([]);
    expect((await pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(MIGRATIONS.length);
  });

  it('a migration and its record are one transaction: if the record cannot be written, the schema change is undone', async () => {
    const pool = await freshDatabase('broken');
    // Its SQL succeeds; recording it fails (name is NOT NULL): nothing of it may stay.
    const bad = [...MIGRATIONS, { version: 99, name: null as unknown as string, sql: 'CREATE TABLE half_done (x int)' }];
    await expect(migrate(pool, bad)).rejects.toThrow(/null value in column "name"/);
    expect(await tables(pool)).not.toContain('half_done');
    expect((await pool.query('SELECT version FROM schema_migrations ORDER BY 1')).rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('two servers migrating at once: the second waits on the lock, then finds the work done', async () => {
    const pool = await freshDatabase('racing');
    // The first migrator is held inside the lock, before its first migration, until the second is
    // seen waiting for that lock in pg_locks: no sleeps, the interleaving is forced.
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let reached!: () => void;
    const inside = new Promise<void>((r) => { reached = r; });
    const first = migrate(pool, MIGRATIONS, { beforeApply: async () => { reached(); await held; } });
    await inside;
    const second = migrate(pool);
    try {
      await expect.poll(async () => (await pool.query(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n, { timeout: 20_000 }).toBe(1);
    } finally {
      release(); // also when the poll fails: a held migrator would keep the pool (and PostgreSQL) from closing
    }
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual(MIGRATIONS.map((m) => m.version));
    expect(b).toEqual([]);
    expect((await pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(MIGRATIONS.length);
  });
});

describe('the embedded PostgreSQL', () => {
  it('when it cannot start, says why (the tests that need it fail, none is skipped)', async () => {
    const d = mkdtempSync(join(tmpdir(), 'bancone-srv-nopg-'));
    try {
      await expect(startEmbeddedPostgres(d, { BANCONE_PG_BIN: join(d, 'no-such-folder') })).rejects.toThrow(/PostgreSQL initdb failed \(spawnSync .*initdb ENOENT\)/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('a second start on the same folder finds the cluster made by the first and keeps its data', async () => {
    const pool = new pg.Pool({ connectionString: pgServer.url, max: 1 });
    await pool.query('CREATE TABLE IF NOT EXISTS kept (x int)');
    await pool.query('INSERT INTO kept VALUES (42)');
    await pool.end();
    for (const p of pools.splice(0)) await p.end(); // idle connections would see the shutdown as an error
    await pgServer.stop();
    pgServer = await startEmbeddedPostgres(dir);
    const again = new pg.Pool({ connectionString: pgServer.url, max: 1 });
    again.on('error', () => undefined); // the cluster stops in afterAll
    pools.push(again);
    expect((await again.query('SELECT x FROM kept')).rows).toEqual([{ x: 42 }]);
  });
});
