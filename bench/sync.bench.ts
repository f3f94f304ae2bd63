// Sync benchmark: 1,000 queued documents (sales, plus returns and voids of some of them) drained
// against the local Openapi emulator with 50 ms latency on every request and a 1 s "AdE" delay
// before a receipt is ready. Drained = the API holds every document (nothing pending, sending or
// unknown); a return or void goes only once its sale is ready, so that includes those waits.
// Concurrent drain (engine defaults; goal < 15 s, order kept: no child before its parent) next to
// a one-at-a-time drain, in the same run; the time until all are `ready` is shown too.
// The emulator runs in its own process, like the remote API it stands for.
//   tsx bench/sync.bench.ts [N]      (or through bench/run.ts, which calls run(ctx))
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../backend/db/open.js';
import { commitSale, recordReturn, recordVoid } from '../backend/ledger/index.js';
import { createSyncEngine, DEFAULT_TUNING } from '../backend/sync/engine.js';
import { openSyncDatabase } from '../backend/sync/connection.js';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seededRandom, type ApiReceipt } from '../emulators/openapi/index.js';
import type { Clock } from '../shared/time.js';
import type { BenchContext, BenchRow } from './types.js';
import { fiscalShop } from '../test/fixtures/fiscal-shop.js';

const FISCAL_ID = '12345678901';
const TOKEN = 'bench-token';
const LATENCY_MS = 50;
const READY_DELAY_MS = 1_000;

// Everyone runs at 10:00 UTC today, so the 23:55–00:00 Rome blackout never stalls the benchmark.
const at10 = new Date();
at10.setUTCHours(10, 0, 0, 0);
const OFFSET = at10.getTime() - Date.now();
const clock: Clock = { now: () => new Date(Date.now() + OFFSET) };

const SERVE = fileURLToPath(new URL('../emulators/openapi/serve.ts', import.meta.url));

interface RemoteEmulator { url: string; receipts(): Promise<ApiReceipt[]>; requests(): Promise<number>; close(): Promise<void> }

/** Starts the emulator in a child process (clock shifted like ours). */
async function startRemoteEmulator(): Promise<RemoteEmulator> {
  const child: ChildProcess = fork(SERVE, [JSON.stringify({ fiscalId: FISCAL_ID, token: TOKEN, readyDelayMs: READY_DELAY_MS, faults: { latencyMs: LATENCY_MS }, clockOffsetMs: OFFSET })], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (b: Buffer) => {
      buf += b.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve((JSON.parse(buf.slice(0, nl)) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
  });
  let seq = 0;
  const ask = <T,>(type: string, key: string) => new Promise<T>((resolve) => {
    const id = ++seq;
    const on = (m: { id?: number } & Record<string, unknown>) => { if (m.id === id) { child.off('message', on); resolve(m[key] as T); } };
    child.on('message', on);
    child.send({ type, id });
  });
  return {
    url,
    receipts: () => ask<ApiReceipt[]>('receipts', 'receipts'),
    requests: async () => (await ask<{ requests: number }>('stats', 'stats')).requests,
    close: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

export interface DrainResult {
  documents: number;
  concurrency: number;
  /** Until the API holds every document. */
  seconds: number;
  /** Until every document is ready with its AdE number. */
  readySeconds: number;
  requests: number;
  /** Children the emulator created before their parent was created (must be 0). */
  childBeforeParent: number;
  /** Pairs of sales whose remote creation order differs from the local order (information). */
  saleInversions: number;
}

/** Queues `n` documents (~90% sales, ~6% returns, ~4% voids) in a fresh ledger and drains them. */
export async function drain(n: number, concurrency: number, dir: string): Promise<DrainResult> {
  const emu = await startRemoteEmulator();
  // The till commits with its own FULL-sync connection; the engine runs on the sync process's one.
  const file = join(dir, `sync-${concurrency}.db`);
  const db = fiscalShop(openDatabase(file));
  const syncDb = openSyncDatabase(file);
  const random = seededRandom(7);
  try {
    const sales: string[] = [];
    const order: string[] = [];
    for (let i = 0; order.length < n; i++) {
      if (i % 16 === 15 && sales.length > 2) {
        const s = sales[sales.length - 2]!;
        const id = i % 32 === 31 ? recordVoid(db, clock, { sale: s }).id : recordReturn(db, clock, { sale: s, lines: [{ line_no: 1, quantity: 1 }] }).id;
        sales.splice(sales.length - 2, 1); // neither returned nor voided twice
        order.push(id);
        continue;
      }
      const cents = 100 + (i % 50) * 37;
      const id = commitSale(db, clock, {
        lines: [{ description: `Articolo ${i}`, unit_price_cents: cents, vat_code: '22', quantity: 2 }, { description: 'Sacchetto', unit_price_cents: 10, vat_code: '22', quantity: 1 }],
        payments: i % 3 === 0 ? [{ method: 'cash', amount_cents: Math.ceil((2 * cents + 13) / 500) * 500 }] : [{ method: 'electronic', amount_cents: 2 * cents + 10 }],
      }).id;
      sales.push(id);
      order.push(id);
    }
    const engine = createSyncEngine({
      db: syncDb, clock, fetch: globalThis.fetch, random, config: { baseUrl: emu.url, token: TOKEN, fiscalId: FISCAL_ID },
      tuning: { concurrency },
    });
    const notReady = db.prepare(`SELECT count(*) FROM outbox WHERE state <> 'ready'`).pluck();
    const queued = db.prepare(`SELECT count(*) FROM outbox WHERE state IN ('pending','sending','unknown')`).pluck();
    const t0 = performance.now();
    let drainedAt = 0;
    const ac = new AbortController();
    // Checked every 10 ms from the outside: the engine's own loop is what is measured.
    const probe = setInterval(() => {
      if (!drainedAt && (queued.get() as number) === 0) drainedAt = performance.now();
      if ((notReady.get() as number) === 0) ac.abort();
    }, 10);
    await engine.watch({ signal: ac.signal });
    clearInterval(probe);
    const seconds = (drainedAt - t0) / 1000;
    const readySeconds = (performance.now() - t0) / 1000;
    engine.close();
    const failed = db.prepare(`SELECT count(*) FROM outbox WHERE state <> 'ready'`).pluck().get() as number;
    if (failed > 0) throw new Error(`${failed} documents not ready`);

    const remote = await emu.receipts();
    const index = new Map(remote.map((r, i) => [r.id, i]));
    const remoteOf = (id: string) => db.prepare('SELECT remote_id FROM outbox WHERE document_id = ?').pluck().get(id) as string;
    let childBeforeParent = 0;
    for (const r of remote) if (r.parent_receipt_id && index.get(r.parent_receipt_id)! > index.get(r.id)!) childBeforeParent++;
    const saleIdx = order.filter((id) => db.prepare(`SELECT kind FROM documents WHERE id = ?`).pluck().get(id) === 'sale').map((id) => index.get(remoteOf(id))!);
    let saleInversions = 0;
    for (let i = 1; i < saleIdx.length; i++) if (saleIdx[i]! < saleIdx[i - 1]!) saleInversions++;
    return { documents: n, concurrency, seconds, readySeconds, requests: await emu.requests(), childBeforeParent, saleInversions };
  } finally {
    syncDb.close();
    db.close();
    await emu.close();
  }
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export async function run(ctx?: BenchContext | number): Promise<BenchRow[]> {
  const n = typeof ctx === 'number' ? ctx : ctx?.quick ? 200 : 1000;
  const dir = typeof ctx === 'object' && ctx ? ctx.tmpDir : mkdtempSync(join(tmpdir(), 'bancone-sync-bench-'));
  try {
    const conc = await drain(n, DEFAULT_TUNING.concurrency, dir);
    const serial = await drain(n, 1, dir);
    // The goal is for 1,000 documents; a quick run is a smoke test (its fixed waits do not scale).
    const full = n >= 1000;
    return [
      { name: `sync: drain ${n} documents, ${conc.concurrency} in flight (${LATENCY_MS} ms/request)`, value: round(conc.seconds), unit: 's', goal: full ? '< 15 s' : 'info (goal < 15 s is for 1,000)', ok: !full || conc.seconds < 15, note: `${conc.requests} requests; all ready after ${round(conc.readySeconds)} s` },
      { name: `sync: drain ${n} documents, one at a time`, value: round(serial.seconds), unit: 's', goal: 'info', ok: true, note: `${serial.requests} requests; all ready after ${round(serial.readySeconds)} s` },
      { name: 'sync: speed-up of the concurrent drain', value: round(serial.seconds / conc.seconds, 1), unit: '×', goal: 'info', ok: true },
      { name: 'sync: children created before their parent (both runs)', value: conc.childBeforeParent + serial.childBeforeParent, unit: 'docs', goal: '0', ok: conc.childBeforeParent + serial.childBeforeParent === 0 },
      { name: 'sync: sales reaching the API out of local order, concurrent run', value: conc.saleInversions, unit: 'pairs', goal: 'info', ok: true, note: `one at a time: ${serial.saleInversions}` },
    ];
  } finally {
    if (typeof ctx !== 'object' || !ctx) rmSync(dir, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && /sync\.bench\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  const n = process.argv[2] ? Number(process.argv[2]) : 1000;
  run(n).then((rows) => { for (const r of rows) console.log(`${r.ok ? 'ok ' : 'NO '} ${r.name}: ${r.value} ${r.unit} (goal ${r.goal})${r.note ? ` — ${r.note}` : ''}`); }, (e) => { console.error(e); process.exitCode = 1; });
}
