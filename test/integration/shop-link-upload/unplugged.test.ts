// The shop server unplugged (issue #14): a real `bancone server` process is stopped while the till
// (browser mode: backend/programs/till.ts with its in-process sync, as `bancone serve` runs it) keeps
// selling. The sale API answers as always, the receipts still reach the Openapi emulator, the status
// reads «unreachable» with what waits; the server back at the same address, the till catches up and
// nothing arrives twice (on the server, nor at the AdE).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startTill, type Till } from '../../../backend/programs/till.js';
import { saveOperator } from '../../../backend/operators.js';
import { shopLinkStatus } from '../../../backend/shop-link/status.js';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import { startEmbeddedPostgres } from '../../../server/db/embedded.js';
import type { Clock } from '../../../shared/time.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';
import { freePort, pairingCode, startServerProcess, type ServerProcess } from '../../fixtures/shop-link-upload.js';
import { cli } from '../cli/helpers.js';
import { FISCAL_ID, TOKEN } from '../sync/fixtures.js';

// 10:00 UTC today: far from the 23:55–00:00 blackout whatever the hour the test runs.
const at10 = new Date();
at10.setUTCHours(10, 0, 0, 0);
const OFFSET = at10.getTime() - Date.now();
const clock: Clock = { now: () => new Date(Date.now() + OFFSET) };

const dirs: string[] = [];
const temp = (what: string) => { const d = mkdtempSync(join(tmpdir(), `bancone-${what}-`)); dirs.push(d); return d; };
let server: ServerProcess | null = null;
let till: Till | null = null;
let emu: Emulator | null = null;
let pool: pg.Pool | null = null;
let stopPg: (() => Promise<void>) | null = null;
afterAll(async () => {
  await till?.close();
  await emu?.close();
  await pool?.end();
  await stopPg?.();
  await server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the shop server unplugged', () => {
  it('the till sells on and its receipts reach the AdE; «unreachable» with N pending; the server back, it catches up, nothing twice', async () => {
    const serverDir = temp('server');
    const port = await freePort();
    server = await startServerProcess(serverDir, port);
    emu = await startEmulator({ fiscalId: FISCAL_ID, token: TOKEN, clock, readyDelayMs: 20 });
    const dir = temp('till');
    till = startTill({
      dbFile: join(dir, 'bancone.db'), dataDir: dir, clock,
      env: { BANCONE_OPENAPI_URL: emu.url, BANCONE_OPENAPI_TOKEN: TOKEN, BANCONE_FISCAL_ID: FISCAL_ID },
      syncTuning: { pollFirstMs: 50, pollBackoffMaxMs: 200 },
      shopLinkTuning: { idleMs: 200, backoffFirstMs: 100, backoffCapMs: 400 },
    });
    fiscalShop(till.db, clock.now());
    const joined = await cli(dir, ['till', 'join', server.url, await pairingCode(serverDir, 'Forno Rossi')]);
    expect(joined.code, joined.stderr).toBe(0);
    saveOperator(till.db, clock, { name: 'Marco', role: 'manager', pin: '9999' }, null);
    const marco = till.db.prepare(`SELECT id FROM operators WHERE name = 'Marco'`).pluck().get() as string;
    const call = async (name: string, arg: unknown) => {
      const r = await till!.dispatcher.call(name as never, arg as never, { id: 's' });
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as { number: string };
    };
    await call('session.login', { operator_id: marco, pin: '9999' });
    const sell = (what: string, cents: number) => call('sale.commit', { lines: [{ description: what, unit_price_cents: cents, vat_code: '4', quantity: 1 }], payments: [{ method: 'electronic', amount_cents: cents }] });
    const lastSeq = () => till!.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    const status = () => shopLinkStatus(till!.db)!;

    // Up: a sale goes up, acknowledged.
    await sell('Pane', 250);
    await expect.poll(() => emu!.receipts().length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => status(), { timeout: 30_000 }).toMatchObject({ state: 'ok', pending: 0 });

    // Unplugged: the till sells on; the receipts still reach the AdE.
    await server.stop();
    const during = [await sell('Latte', 120), await sell('Caffè', 499), await sell('Vino', 750)];
    expect(during.map((d) => d.number)).toHaveLength(3);
    await expect.poll(() => emu!.receipts().length, { timeout: 30_000 }).toBe(4);
    // Everything the sync journals (fiscal.ready) is in too before counting what waits.
    await expect.poll(() => till!.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'fiscal.ready'").pluck().get(), { timeout: 30_000 }).toBe(4);
    await expect.poll(() => status(), { timeout: 30_000 }).toMatchObject({ state: 'unreachable' });
    const acked = Number(till.db.prepare("SELECT value FROM sync_state WHERE key = 'server_ack_seq'").pluck().get());
    const waiting = lastSeq() - acked;
    expect(waiting).toBeGreaterThanOrEqual(6); // 3 sales, 3 AdE acceptances
    expect(status()).toMatchObject({
      state: 'unreachable', pending: waiting,
      problem: `Server del negozio non raggiungibile (${server.url}): la cassa vende lo stesso; ${waiting} registrazioni in attesa di invio`,
    });

    // Back at the same address: caught up, nothing twice.
    server = await startServerProcess(serverDir, port);
    await expect.poll(() => status(), { timeout: 30_000 }).toMatchObject({ state: 'ok', pending: 0, problem: null });
    const db = await startEmbeddedPostgres(serverDir); // the server's running cluster, attached (stop() leaves it running)
    stopPg = db.stop;
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined); // an idle client told to go when the server's PostgreSQL stops at the end
    const q = async (sql: string) => (await pool!.query(sql)).rows;
    expect(await q('SELECT count(*)::int AS n, max(seq)::int AS last FROM journal')).toEqual([{ n: lastSeq(), last: lastSeq() }]);
    expect(await q('SELECT ack_seq::int AS ack, chain_broken_at FROM till_sync')).toEqual([{ ack: lastSeq(), chain_broken_at: null }]);
    expect(await q('SELECT number FROM documents ORDER BY seq')).toEqual(till.db.prepare('SELECT number FROM documents ORDER BY seq').all());
    expect((await q('SELECT count(*)::int AS n FROM document_lines'))[0].n).toBe(4);
    // The AdE's answers came up too: each sale's AdE number, as the emulator gave it.
    expect((await q("SELECT d.number, f.state, f.ade_number FROM documents d JOIN fiscal_states f ON f.document_id = d.id ORDER BY d.seq")).map((r) => r.state))
      .toEqual(['ready', 'ready', 'ready', 'ready']);
    expect((await q('SELECT ade_number FROM fiscal_states WHERE ade_number IS NULL'))).toEqual([]);
    expect(emu.receipts()).toHaveLength(4); // nothing twice to the AdE either
  }, 120_000);
});
