// The shop server's benches (issue #14), on a real PostgreSQL and a real `bancone server` process
// (the chaos test's cluster fixture), with tills in this process (their ledgers, THE shop-link loop):
//  - upload throughput: 10 tills, each with documents waiting, upload at once → documents/s;
//  - catch-up of a till after 2 days offline (≈ 4,000 documents and two Z) → seconds until acked;
//  - a catalogue change on the server → applied by all 10 tills: p95 (ms), over several changes.
//    The loops run as a till runs them (real timers: a 5 s idle wait, no push), so this is the
//    delay a shop sees.
// No seeded ledger needed (needsSeed = false): each till is made here.
//   npm run bench -- --only server [--quick]
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../backend/db/open.js';
import type { WritableDb } from '../backend/db/types.js';
import { runCli } from '../backend/cli/main.js';
import { closeDay, expectedCash } from '../backend/reports/index.js';
import { dataDirKeyProvider } from '../backend/secrets.js';
import { createShopLinkLoop, type ShopLinkLoop } from '../backend/shop-link/loop.js';
import { readShopLinkConfig } from '../backend/shop-link/config.js';
import { createPairingCode } from '../server/pairing.js';
import { systemClock, type Clock } from '../shared/time.js';
import pg from 'pg';
import { freePort, Reaper, startChaosPostgres, startServerProcess } from '../test/fixtures/chaos-cluster.js';
import { fiscalShopFile } from '../test/fixtures/fiscal-shop.js';
import { countOf, ringOne } from '../test/chaos/ring.js';
import { catalogueChange, seedCatalogue } from '../test/chaos/catalogue.js';
import type { BenchContext, BenchRow } from './types.js';

export const needsSeed = false;

const DAY1 = Date.parse('2026-12-01T06:00:00.000Z'); // 07:00 in Rome
const DAY_MS = 24 * 3600_000;

interface BenchTill { dir: string; db: WritableDb; clock: Clock & { at: number }; loop: ShopLinkLoop; docs: number }

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

const lastSeq = (db: WritableDb) => (db.prepare('SELECT coalesce(max(seq), 0) AS s FROM audit_log').get() as { s: number }).s;
const syncKey = (db: WritableDb, k: string) => Number((db.prepare('SELECT value FROM sync_state WHERE key = ?').get(k) as { value: string } | undefined)?.value ?? 0);

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const TILLS = 10;
  const PER_TILL = ctx.quick ? 100 : 500;
  const OFFLINE = ctx.quick ? 1_000 : 4_000;
  const CHANGES = ctx.quick ? 3 : 10;
  // The tills' data keys in a folder of the bench's own, never the user's keyring.
  process.env.BANCONE_KEYRING = 'off';
  process.env.XDG_CONFIG_HOME = join(ctx.tmpDir, 'config');
  chmodSync(ctx.tmpDir, 0o711); // as root, PostgreSQL runs as the postgres user and must reach its folder
  const reaper = new Reaper();
  const pgc = await startChaosPostgres(join(ctx.tmpDir, 'pg'), reaper);
  const tills: BenchTill[] = [];
  const abort = new AbortController();
  const runs: Promise<void>[] = [];
  let pool: pg.Pool | null = null;
  try {
    const server = await startServerProcess({ dataDir: join(ctx.tmpDir, 'server'), databaseUrl: pgc.url, reaper, port: await freePort() });
    pool = new pg.Pool({ connectionString: pgc.directUrl(), max: 3 });
    const p = pool;
    const admin = { serverUrl: server.url, serverDir: join(ctx.tmpDir, 'server'), pool: () => p };

    const newTill = async (i: number): Promise<BenchTill> => {
      const dir = join(ctx.tmpDir, `till-${i}`);
      mkdirSync(dir);
      fiscalShopFile(join(dir, 'bancone.db'));
      const code = (await createPairingCode(p, 'Banco di prova', systemClock)).code;
      let out = '';
      const rc = await runCli(['till', 'join', server.url, code], { stdout: (s) => { out += s; }, stderr: (s) => { out += s; }, readStdin: async () => '' },
        { ...process.env, BANCONE_DATA_DIR: dir });
      if (rc !== 0) throw new Error(`till join: ${out}`);
      const db = openDatabase(join(dir, 'bancone.db'));
      const clock = { at: DAY1, now() { this.at += 1; return new Date(this.at); } };
      const keys = dataDirKeyProvider(dir, { env: process.env });
      const loop = createShopLinkLoop({ db, clock, config: () => readShopLinkConfig(db, keys), appVersion: 'bench' });
      return { dir, db, clock, loop, docs: 0 };
    };
    const ring = (t: BenchTill, n: number, index: number) => {
      for (let k = 0; k < n; k++) { t.clock.at += 5_000; ringOne(t.db, t.clock, { seed: 7, index }, t.docs++); }
    };
    /**
     * Rounds until the server holds every entry of the till. A round that meets a keep-alive
     * connection the server has just closed (idle > 5 s) fails as `unreachable`, as it would in a
     * shop, and the next round goes through: counted, not fatal; five failures in a row are.
     */
    let failedRounds = 0;
    const uploadAll = async (t: BenchTill) => {
      let row = 0;
      for (let i = 0; i < 10_000 && syncKey(t.db, 'server_ack_seq') < lastSeq(t.db); i++) {
        const r = await t.loop.round();
        if (r.state === 'ok') { row = 0; continue; }
        failedRounds++;
        if (++row >= 5) throw new Error(`upload: ${r.state}: ${(t.db.prepare("SELECT value FROM sync_state WHERE key = 'server_link'").get() as { value: string } | undefined)?.value}\n${server.output().slice(-3000)}`);
      }
    };

    // The shop's catalogue first (the tills sell from it), then the tills.
    for (let i = 0; i < TILLS; i++) tills.push(await newTill(i));
    const shopId = String((await p.query<{ id: string }>("SELECT id FROM shops WHERE name = 'Banco di prova'")).rows[0]!.id);
    await seedCatalogue(admin, shopId);
    for (const t of tills) await t.loop.round(); // pulled

    // 1. Upload throughput: every till has PER_TILL documents waiting; all upload at once.
    tills.forEach((t, i) => ring(t, PER_TILL, i));
    const t1 = performance.now();
    await Promise.all(tills.map(uploadAll));
    const uploadS = (performance.now() - t1) / 1000;
    const throughput = (TILLS * PER_TILL) / uploadS;

    // 2. Catch-up after 2 days offline: OFFLINE documents over two days, each day closed with its Z.
    const off = await newTill(TILLS);
    await off.loop.round();
    for (let day = 0; day < 2; day++) {
      off.clock.at = DAY1 + day * DAY_MS;
      ring(off, OFFLINE / 2, TILLS);
      const businessDay = new Date(DAY1 + day * DAY_MS).toISOString().slice(0, 10);
      await closeDay(off.db, off.clock, { business_day: businessDay, count: { denominations: countOf(expectedCash(off.db, businessDay).expectedCents) }, note: 'banco di prova' });
    }
    const entries = lastSeq(off.db) - syncKey(off.db, 'server_ack_seq');
    const t2 = performance.now();
    await uploadAll(off);
    const catchUpS = (performance.now() - t2) / 1000;
    off.db.close();

    // 3. A catalogue change → all 10 tills applied: the loops run as in the shop (5 s idle, no push).
    for (const t of tills) runs.push(t.loop.run(abort.signal));
    const perTill: number[] = [];
    const allTen: number[] = [];
    for (let c = 1; c <= CHANGES; c++) {
      await catalogueChange(admin, shopId, c);
      const t0 = performance.now();
      const version = Number((await p.query<{ v: string }>('SELECT master_version AS v FROM shops WHERE id = $1', [shopId])).rows[0]!.v);
      const seen = new Map<number, number>();
      const deadline = t0 + 60_000;
      while (seen.size < TILLS) {
        tills.forEach((t, i) => { if (!seen.has(i) && syncKey(t.db, 'server_master_version') >= version) seen.set(i, performance.now() - t0); });
        if (performance.now() > deadline) throw new Error(`catalogue change ${c}: ${TILLS - seen.size} tills not at version ${version} after 60 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      perTill.push(...seen.values());
      allTen.push(Math.max(...seen.values()));
    }

    return [
      { name: `upload throughput (${TILLS} tills × ${PER_TILL} documents at once)`, value: Math.round(throughput), unit: 'documents/s', goal: '≥ 100 documents/s', ok: throughput >= 100,
        note: `${TILLS * PER_TILL} documents in ${uploadS.toFixed(1)} s; rounds that met a closed keep-alive connection: ${failedRounds}` },
      { name: `catch-up after 2 days offline (${OFFLINE} documents, ${entries} journal entries)`, value: Math.round(catchUpS * 10) / 10, unit: 's', goal: '< 60 s', ok: catchUpS < 60 },
      { name: `catalogue change → all ${TILLS} tills applied (p95 of ${CHANGES} changes)`, value: Math.round(p95(allTen)), unit: 'ms', goal: '< 10000 ms (5 s idle wait, no push)', ok: p95(allTen) < 10_000 },
      { name: 'catalogue change → one till applied (p95)', value: Math.round(p95(perTill)), unit: 'ms', goal: 'info', ok: true },
    ];
  } finally {
    abort.abort();
    await Promise.allSettled(runs);
    for (const t of tills) { try { t.db.close(); } catch { /* closed */ } }
    await pool?.end();
    await reaper.killAll();
    await pgc.stop().catch(() => undefined);
    reaper.killNow();
    reaper.dispose();
  }
}
