// THE chaos test of the shop server (issue #14). Ten till processes, each with its own data folder
// and ledger, joined with real pairing codes, ring sales, returns and voids and run their shop-link
// loop through a fault-injecting proxy (drops, delays, cuts right after the server committed,
// partitions that refuse or black-hole everything for hours of shop time); tills are SIGKILLed and
// started again on their folder; the real `bancone server` is SIGKILLed and restarted; PostgreSQL
// itself is restarted; the shop's catalogue changes mid-run. At the end every till closes its day and
// uploads until acked. Then, from PostgreSQL: nothing lost, nothing twice, every series gap-free,
// every chain whole and acked to the till's last entry, every till on the shop's master version, and
// the shop's Z equal to the sum of the tills' own Z to the cent.
//
// npm test: 10 × 200 documents. BANCONE_CHAOS_FULL=1: 10 × 2,000. BANCONE_CHAOS_SEED=N: another run
// (BANCONE_CHAOS_DOCS and BANCONE_CHAOS_WAIT_S: another size, another deadline per wait).
// Nothing waits on timing luck: each phase ends on a condition (a count of documents, what the proxy
// saw), every wait has a deadline that fails naming what was missing, and every process is killed
// when the test ends (also when it fails).
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPairingCode } from '../../server/pairing.js';
import { shopDayTotals } from '../../server/backoffice/reports.js';
import { systemClock } from '../../shared/time.js';
import { seededRandom } from '../../emulators/openapi/index.js';
import { forkTill, Reaper, startChaosPostgres, startServerProcess, type ChaosPostgres, type ServerProcess } from '../fixtures/chaos-cluster.js';
import { startFaultProxy, type FaultMix, type FaultProxy } from './proxy.js';
import type { TillChildConfig, TillCommand, TillEvent } from './till-child.js';
import { catalogueChange, seedCatalogue, type CatalogueAdmin } from './catalogue.js';

const FULL = process.env.BANCONE_CHAOS_FULL === '1';
const TILLS = 10;
const DOCS = Number(process.env.BANCONE_CHAOS_DOCS ?? (FULL ? 2_000 : 200));
const SEED = Number(process.env.BANCONE_CHAOS_SEED ?? 20261201);
const SHOP = 'Bottega del Caos';
/** The link's faults while the chaos runs (weights per connection; every request is a connection). */
const CHAOS_MIX: FaultMix = { pass: 6, delay: 2, drop: 1, cut_after_answer: 1 };
/** Deadline of each wait, scaled with the size. */
const WAIT_MS = Number(process.env.BANCONE_CHAOS_WAIT_S ?? (FULL ? 20 * 60 : 4 * 60)) * 1000;

let dir: string;
let reaper: Reaper;
let pgc: ChaosPostgres;
let server: ServerProcess;
let proxy: FaultProxy;
let pool: pg.Pool;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bancone-chaos-'));
  chmodSync(dir, 0o711); // as root, PostgreSQL runs as the postgres user and must reach its folder inside
  reaper = new Reaper();
  pgc = await startChaosPostgres(join(dir, 'pg'), reaper);
  server = await startServerProcess({ dataDir: join(dir, 'server'), databaseUrl: pgc.url, reaper });
  proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: server.port }, seed: SEED, mix: { pass: 1 }, delayMs: [5, 80], dropMaxByte: 8192 });
}, 120_000);

afterAll(async () => {
  await pool?.end().catch(() => undefined);
  await reaper?.killAll();
  await proxy?.close();
  await pgc?.stop().catch(() => undefined);
  reaper?.killNow(); // a postmaster a failed stop left behind
  reaper?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`\nchaos figures: ${JSON.stringify(figures, null, 2)}\n`);
}, 120_000);

/** A till process and what it last said. */
interface Till {
  index: number;
  config: TillChildConfig;
  child: ChildProcess;
  code: string | null;
  docs: number;
  rung: boolean;
  closed: boolean;
  kills: number;
  killAt: number[];
  log: string;
  errors: string[];
}

/** Resolves when `cond()` holds; fails after `ms` saying what was still missing. */
async function until(what: string, cond: () => boolean | Promise<boolean>, ms: number, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`chaos: timed out after ${Math.round(ms / 1000)} s waiting for ${what}${detail() ? `\n${detail()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readLedger<T>(dataDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'bancone.db'), { readonly: true, fileMustExist: true });
  try { db.pragma('busy_timeout = 5000'); return fn(db); } finally { db.close(); }
}

const syncKey = (db: Database.Database, key: string) => (db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;

describe('chaos: many tills, one shop server, faults everywhere (issue #14)', () => {
  it(`${TILLS} tills × ${DOCS} documents: nothing lost, nothing twice, series gap-free, chains whole, one catalogue, shop Z = Σ tills' Z`, async () => {
    const t0 = Date.now();
    pool = new pg.Pool({ connectionString: pgc.directUrl(), max: 3 });
    pool.on('error', () => undefined); // idle clients see PostgreSQL's restart
    const rnd = seededRandom(SEED);
    const admin: CatalogueAdmin = { serverUrl: server.url, serverDir: join(dir, 'server'), pool: () => pool };

    // The shop exists once a code is made for it; its catalogue is on the server before the tills join.
    const codes: string[] = [];
    for (let i = 0; i < TILLS; i++) codes.push((await createPairingCode(pool, SHOP, systemClock)).code);
    const shopId = String((await pool.query<{ id: string }>('SELECT id FROM shops WHERE name = $1', [SHOP])).rows[0]!.id);
    await seedCatalogue(admin, shopId);

    const tills: Till[] = [];
    const counters = { tillKills: 0, serverKills: 0, pgRestarts: 0 };
    let running = false;
    const start = (t: Till) => {
      t.child = forkTill(t.config, reaper);
      t.child.stdout!.on('data', (d: Buffer) => { t.log = (t.log + d.toString()).slice(-4000); });
      t.child.stderr!.on('data', (d: Buffer) => { t.log = (t.log + d.toString()).slice(-4000); });
      t.child.on('message', (m: TillEvent) => {
        if (m.ev === 'ready') { t.code = m.tillCode; if (running) t.child.send({ cmd: 'go' } satisfies TillCommand); }
        if (m.ev === 'progress' || m.ev === 'ready' || m.ev === 'rung') t.docs = m.docs;
        if (m.ev === 'rung') t.rung = true;
        if (m.ev === 'closed') t.closed = true;
        if (m.ev === 'error') t.errors.push(m.message);
      });
    };
    const total = () => tills.reduce((a, t) => a + t.docs, 0) / (TILLS * DOCS);
    const fail = () => { const bad = tills.filter((t) => t.errors.length > 0); if (bad.length) throw new Error(`till C${bad[0]!.index + 1} failed: ${bad[0]!.errors[0]}\n${bad[0]!.log}`); };

    for (let i = 0; i < TILLS; i++) {
      const dataDir = join(dir, `till-${i + 1}`);
      mkdirSync(dataDir);
      // Half the tills are SIGKILLed mid-run (one of them twice), at points drawn from the seed.
      const killAt = i % 2 === 0 ? [0.1 + rnd() * 0.7, ...(i === 0 ? [0.85] : [])] : [];
      const t: Till = {
        index: i, code: null, docs: 0, rung: false, closed: false, kills: 0, killAt, log: '', errors: [],
        config: { dataDir, index: i, seed: SEED, documents: DOCS, serverUrl: proxy.url, pairingCode: codes[i]! },
        child: null as unknown as ChildProcess,
      };
      tills.push(t);
      start(t);
    }
    await until('every till to join its shop', () => { fail(); return tills.every((t) => t.code !== null); }, WAIT_MS,
      () => tills.filter((t) => !t.code).map((t) => `till ${t.index + 1}: ${t.log}`).join('\n'));
    figures.joinedInS = (Date.now() - t0) / 1000;

    // The chaos, phase by phase, each ending on a condition.
    proxy.setMix(CHAOS_MIX);
    running = true;
    for (const t of tills) t.child.send({ cmd: 'go' } satisfies TillCommand);
    const at = (f: number) => until(`${Math.round(f * 100)}% of the documents`, () => { fail(); return total() >= f || tills.every((t) => t.rung); }, WAIT_MS,
      () => tills.map((t) => `C${t.index + 1}: ${t.docs}`).join(', '));
    const kills = (async () => {
      // Till kills, independent of the other phases: a till whose own count passes its point.
      const pending = tills.flatMap((t) => t.killAt.map((f) => ({ t, n: Math.floor(f * DOCS) })));
      while (pending.length > 0) {
        await until('a till to reach its kill point', () => { fail(); return pending.some((p) => p.t.docs >= p.n && p.t.code) || tills.every((t) => t.rung); }, WAIT_MS);
        const due = pending.filter((p) => p.t.docs >= p.n && !p.t.rung);
        if (due.length === 0) break;
        for (const p of due) {
          pending.splice(pending.indexOf(p), 1);
          const exited = new Promise((r) => p.t.child.once('exit', r));
          p.t.child.kill('SIGKILL');
          await exited;
          p.t.kills++;
          counters.tillKills++;
          p.t.code = null;
          start(p.t);
        }
      }
    })();

    // 1. A black-hole partition: hours of shop time; over when the documents have moved on and the tills have been swallowed a while.
    await at(0.15);
    proxy.partition('blackhole');
    await at(0.3);
    await until('the tills to hit the black hole', () => proxy.stats().blackholed >= TILLS, WAIT_MS);
    proxy.heal();
    // 2. The server SIGKILLed; it stays down until the tills have found it gone, then comes back.
    await at(0.35);
    const refusedBefore = proxy.stats().drawn;
    await server.kill();
    counters.serverKills++;
    await until('the tills to find the server gone', () => Object.values(proxy.stats().drawn).reduce((a, b) => a + b, 0) - Object.values(refusedBefore).reduce((a, b) => a + b, 0) >= TILLS, WAIT_MS);
    await server.restart();
    // 3. The catalogue changes on the server mid-run: every till must pull it.
    await at(0.5);
    const { changed } = await catalogueChange(admin, shopId);
    // 4. A refusing partition.
    await at(0.55);
    proxy.partition('refuse');
    await at(0.65);
    await until('the tills to be refused', () => proxy.stats().refused >= TILLS, WAIT_MS);
    proxy.heal();
    // 5. PostgreSQL restarted under the running server.
    await at(0.75);
    await pgc.restart();
    counters.pgRestarts++;
    expect(server.alive(), `the server died when PostgreSQL restarted:\n${server.output()}`).toBe(true);
    await pool.end();
    pool = new pg.Pool({ connectionString: pgc.directUrl(), max: 3 });
    pool.on('error', () => undefined);

    await until('every till to ring its documents', () => { fail(); return tills.every((t) => t.rung); }, WAIT_MS,
      () => tills.filter((t) => !t.rung).map((t) => `C${t.index + 1}: ${t.docs}/${DOCS}`).join(', '));
    await kills;
    const rungInS = (Date.now() - t0) / 1000;

    // The end of the day: each till closes (Z) and uploads until acked — the faults still on.
    for (const t of tills) t.child.send({ cmd: 'close' } satisfies TillCommand);
    await until('every till to close its day', () => { fail(); return tills.every((t) => t.closed); }, WAIT_MS,
      () => tills.filter((t) => !t.closed).map((t) => `C${t.index + 1}: ${t.log}`).join('\n'));
    const shopVersion = async () => Number((await pool.query<{ v: string }>('SELECT master_version AS v FROM shops WHERE id = $1', [shopId])).rows[0]!.v);
    const version = await shopVersion();
    const lagging = () => tills.filter((t) => readLedger(t.config.dataDir, (db) => {
      const last = (db.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
      return Number(syncKey(db, 'server_ack_seq') ?? 0) !== last || Number(syncKey(db, 'server_master_version') ?? 0) !== version;
    }));
    await until('every till acked to its last entry and on the shop\'s master version', () => lagging().length === 0, WAIT_MS,
      () => lagging().map((t) => readLedger(t.config.dataDir, (db) => `C${t.index + 1}: ack ${syncKey(db, 'server_ack_seq')} of ${(db.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s}, master ${syncKey(db, 'server_master_version')} of ${version}; link ${syncKey(db, 'server_link')}; ${t.log.slice(-500)}`)).join('\n'));
    for (const t of tills) t.child.send({ cmd: 'stop' } satisfies TillCommand);
    await until('every till to stop', () => tills.every((t) => t.child.exitCode !== null || t.child.signalCode !== null), 60_000);

    // ── The checks, from PostgreSQL and the tills' ledgers ──────────────────────────────────────
    const tillIds = new Map((await pool.query<{ id: string; code: string }>('SELECT id, code FROM tills WHERE shop_id = $1', [shopId])).rows.map((r) => [r.code, String(r.id)]));
    expect(tillIds.size).toBe(TILLS);
    let documents = 0;
    /** Per business day, Σ of the tills' own Z (their closure snapshots' net, in cents). */
    const tillZ = new Map<string, number>();
    const kinds = { sale: 0, return: 0, void: 0 };
    for (const t of tills) {
      const code = readLedger(t.config.dataDir, (db) => JSON.parse((db.prepare("SELECT value FROM settings WHERE key = 'server.tillCode'").get() as { value: string }).value) as string);
      const tillId = tillIds.get(code)!;
      const local = readLedger(t.config.dataDir, (db) => ({
        docs: db.prepare('SELECT id, number, kind FROM documents ORDER BY id').all() as { id: string; number: string; kind: 'sale' | 'return' | 'void' }[],
        lastSeq: (db.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s,
        closure: db.prepare('SELECT business_day AS day, z_number AS z, snapshot FROM day_closures').all() as { day: string; z: number; snapshot: string }[],
        master: Number(syncKey(db, 'server_master_version') ?? 0),
      }));
      documents += local.docs.length;
      for (const d of local.docs) kinds[d.kind]++;
      expect(local.docs.length, `till ${code}`).toBe(DOCS);
      const remote = (await pool.query<{ id: string; number: string }>('SELECT id, number FROM documents WHERE till_id = $1 ORDER BY id', [tillId])).rows;
      // 0 lost and nothing extra: the server's ids are the till's.
      expect(remote.map((r) => r.id), `till ${code}: documents on the server`).toEqual(local.docs.map((d) => d.id));
      // 0 duplicated: numbers unique per till, and the same numbers as the till printed.
      expect(new Set(remote.map((r) => r.number)).size).toBe(remote.length);
      expect(remote.map((r) => r.number)).toEqual(local.docs.map((d) => d.number));
      // Gap-free per day: seqs 1..n.
      const gaps = (await pool.query(`SELECT business_day::text AS day, count(*)::int AS n, min(seq) AS lo, max(seq) AS hi, count(DISTINCT seq)::int AS distinct_n
        FROM documents WHERE till_id = $1 GROUP BY business_day`, [tillId])).rows as { day: string; n: number; lo: number; hi: number; distinct_n: number }[];
      for (const g of gaps) expect({ till: code, ...g }).toEqual({ till: code, day: g.day, n: g.hi, lo: 1, hi: g.hi, distinct_n: g.hi });
      // The chain: whole, acked to the till's last entry, the journal complete.
      const sync = (await pool.query('SELECT ack_seq::int AS ack, chain_broken_at AS broken, chain_problem AS problem FROM till_sync WHERE till_id = $1', [tillId])).rows[0];
      expect({ till: code, ...sync }).toEqual({ till: code, ack: local.lastSeq, broken: null, problem: null });
      expect((await pool.query('SELECT count(*)::int AS n FROM journal WHERE till_id = $1', [tillId])).rows[0].n).toBe(local.lastSeq);
      // The shop's catalogue version, and the change in it: the new prices, the new product.
      expect({ till: code, master: local.master }).toEqual({ till: code, master: version });
      const prices = readLedger(t.config.dataDir, (db) => changed.map((c) => ({ id: c.id, priceCents: (db.prepare('SELECT price_cents AS p FROM products WHERE id = ?').get(c.id) as { p: number } | undefined)?.p ?? null })));
      expect({ till: code, prices }).toEqual({ till: code, prices: changed });
      // The Z: the till's own snapshot is the server's, byte for byte.
      expect(local.closure).toHaveLength(1);
      const z = (await pool.query('SELECT business_day::text AS day, z_number AS z, snapshot FROM closures WHERE till_id = $1', [tillId])).rows;
      expect(z).toEqual(local.closure);
      for (const c of local.closure) tillZ.set(c.day, (tillZ.get(c.day) ?? 0) + (JSON.parse(c.snapshot) as { netCents: number }).netCents);
    }
    // Shop-wide Z from the server's rows = Σ the tills' own Z, to the cent, day by day.
    const shopDays = (await pool.query<{ day: string; net: string }>(`SELECT business_day::text AS day, sum(CASE kind WHEN 'sale' THEN total_cents ELSE -total_cents END) AS net
      FROM documents WHERE shop_id = $1 GROUP BY business_day ORDER BY 1`, [shopId])).rows.map((r) => ({ day: r.day, net: Number(r.net) }));
    expect(shopDays).toEqual([...tillZ].sort().map(([day, net]) => ({ day, net })));
    const shopRows = shopDays.reduce((a, d) => a + d.net, 0);
    // The back office's own figure (server/backoffice/reports.ts) agrees: per till, its Z = its rows.
    for (const [day, net] of tillZ) {
      const bo = await shopDayTotals(pool, shopId, day);
      expect({ day, shopFromRows: bo.shopFromRows, sumOfTillZ: bo.sumOfTillZ, tills: bo.tills.length }).toEqual({ day, shopFromRows: net, sumOfTillZ: net, tills: TILLS });
      for (const t of bo.tills) expect({ day, till: t.tillCode, z: t.fromZ }).toEqual({ day, till: t.tillCode, z: t.fromRows });
    }
    expect((await pool.query('SELECT count(*)::int AS n FROM documents WHERE shop_id = $1', [shopId])).rows[0].n).toBe(TILLS * DOCS);

    const s = proxy.stats();
    Object.assign(figures, {
      tills: TILLS, documentsPerTill: DOCS, documents, ...kinds, shopNetCents: shopRows, masterVersion: version,
      faultsFired: s.fired, connections: s.connections, partitions: s.partitions, refused: s.refused, blackholed: s.blackholed,
      ...counters, rungInS, totalS: (Date.now() - t0) / 1000, seed: SEED,
    });
    // The chaos did happen: every kind of fault fired, every kill took place.
    expect(s.fired.drop).toBeGreaterThan(0);
    expect(s.fired.delay).toBeGreaterThan(0);
    expect(s.fired.cut_after_answer).toBeGreaterThan(0);
    expect(counters).toEqual({ tillKills: tills.reduce((a, t) => a + t.killAt.length, 0), serverKills: 1, pgRestarts: 1 });
  }, FULL ? 60 * 60_000 : 15 * 60_000);
});
