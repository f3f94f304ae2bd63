// Seeds a benchmark ledger: 100,000 products and 1,000,000 sales over one year (2025), plus a few
// thousand returns and voids. Cached under bench/data/ (git-ignored) and reused while the seed
// version, its parameters and the migrations are unchanged.
//
// Fast path: sales are written with direct prepared inserts in big transactions (journal in
// memory, synchronous off, secondary indexes dropped and rebuilt at the end), but every row is what the
// ledger writes: totals from computeSale, the same columns and values as writeDocument, the
// document digest and the hash-chained audit entry exactly as appendAudit computes them (a sample
// is re-checked against documentDigest at the end). Returns and voids go through the real
// recordReturn/recordVoid. What differs from a live till, on purpose:
//  - history is "already done": outbox rows are 'ready' with a made-up AdE number, print jobs
//    'printed' (a live commit leaves them 'pending'/'queued'); no sync/print audit entries;
//  - no day closures (Z reports) and no cash movements are seeded;
//  - ids are random UUIDs like the ledger's; content is from a fixed PRNG seed.
//
// The rows are generated in a worker thread (bench/seed-gen.ts) while this thread inserts them.
//
// usage: tsx bench/seed.ts [--force] [--sales N] [--products N] [--out FILE]
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../backend/db/open.js';
import { migrations } from '../backend/db/migrations/index.js';
import type { WritableDb } from '../backend/db/types.js';
import { documentDigest, recordReturn, recordVoid, verifyAudit } from '../backend/ledger/index.js';
import { fakeClock, nextDay, romeDayBounds } from '../shared/time.js';
import { DEPARTMENTS, OPERATORS, generate, mulberry32, type Batch, type SeedParams } from './seed-gen.js';
import { fiscalShop } from '../test/fixtures/fiscal-shop.js';

export { seedBarcode, seedSku, type SeedParams } from './seed-gen.js';

/** Bump when the content or shape of the seeded rows changes. */
export const SEED_VERSION = 1;

export const DEFAULT_PARAMS: SeedParams = { sales: 1_000_000, products: 100_000, returns: 3_000, voids: 600, firstDay: '2025-01-01', days: 365, prngSeed: 20250101 };

export interface SeedInfo extends SeedParams {
  file: string;
  key: string;
  version: number;
  lastDay: string;
  documents: number;
  barcodes: number;
  bytes: number;
  seconds: number;
  createdAt: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(HERE, 'data');

function cacheKey(p: SeedParams): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: SEED_VERSION, p }));
  for (const m of migrations) h.update(`${m.version}\0${m.name}\0${m.sql}\0`);
  return h.digest('hex').slice(0, 12);
}

export interface SeedOptions {
  force?: boolean;
  params?: Partial<SeedParams>;
  /** Write here instead of the cache (no reuse check unless the meta file matches). */
  out?: string;
  log?: (s: string) => void;
  /** Generate on this thread (tests, small seeds); the default uses a worker thread. */
  inline?: boolean;
}

/** Builds (or reuses) the seeded ledger and says where it is and what it holds. */
export async function ensureSeed(opts: SeedOptions = {}): Promise<SeedInfo> {
  const params = { ...DEFAULT_PARAMS, ...opts.params };
  const key = cacheKey(params);
  const file = opts.out ?? join(DATA_DIR, `seed-${key}.db`);
  const metaFile = `${file}.json`;
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  if (!opts.force && existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as SeedInfo;
    if (meta.key === key && meta.version === SEED_VERSION) return { ...meta, file };
  }
  mkdirSync(dirname(file), { recursive: true });
  // Only one cached seed is kept: other versions are removed.
  if (!opts.out)
    for (const f of readdirSync(DATA_DIR)) if (/^seed-[0-9a-f]{12}\.db/.test(f) && !f.startsWith(`seed-${key}.db`)) rmSync(join(DATA_DIR, f), { force: true });
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, metaFile]) rmSync(f, { force: true });
  const started = Date.now();
  const info = await build(tmp, params, log, opts.inline === true);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  renameSync(tmp, file);
  const meta: SeedInfo = { ...info, file, key, version: SEED_VERSION, bytes: statSync(file).size, seconds: Math.round((Date.now() - started) / 100) / 10, createdAt: new Date().toISOString() };
  writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  log(`seed: ${meta.sales.toLocaleString('en')} sales, ${meta.products.toLocaleString('en')} products, ${(meta.bytes / 1e9).toFixed(2)} GB in ${meta.seconds} s → ${file}`);
  return meta;
}

/** Feeds every batch of the generator to `take`, from a worker thread or inline. */
async function runGenerator(params: SeedParams, inline: boolean, take: (b: Batch) => void): Promise<void> {
  if (inline) {
    generate(params, take);
    return;
  }
  const flow = new SharedArrayBuffer(8);
  const counters = new Int32Array(flow);
  // The worker is TypeScript: load it through tsx's loader, registered in the worker itself.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./seed-worker.ts', import.meta.url).href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { params, flow } });
  await new Promise<void>((resolvePromise, reject) => {
    let done = false;
    worker.on('message', (json: string) => {
      try {
        const b = JSON.parse(json) as Batch;
        take(b);
        Atomics.add(counters, 1, 1);
        Atomics.notify(counters, 1);
        if (b.done) done = true;
      } catch (e) {
        void worker.terminate();
        reject(e);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (done ? resolvePromise() : reject(new Error(`seed worker exited with ${code} before the end`))));
  });
}

async function build(file: string, p: SeedParams, log: (s: string) => void, inline: boolean): Promise<Omit<SeedInfo, 'file' | 'key' | 'version' | 'bytes' | 'seconds' | 'createdAt'>> {
  const db = fiscalShop(openDatabase(file)); // created and migrated like a real till's ledger, set up and fiscal
  // Loading speed only: nothing here is a live till. better-sqlite3 runs SQLite in defensive
  // mode, which refuses journal_mode=OFF; MEMORY is the next best.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1500000'); // 1.5 GB: the random-UUID B-trees stay in memory while loading
  db.pragma('temp_store = MEMORY');
  db.pragma('locking_mode = EXCLUSIVE');

  // Secondary indexes of the document tables are rebuilt after the load (sorting once is much
  // faster than maintaining them row by row). Their SQL is read from the migrated schema.
  const docTables = ['documents', 'document_lines', 'payments', 'vat_rows', 'outbox', 'print_jobs', 'audit_log'];
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${docTables.map(() => '?').join(',')})`).all(...docTables) as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);

  const at0 = `${p.firstDay}T00:00:00.000Z`;
  const deptIds = new Map<string, string>();
  db.transaction(() => {
    for (const [i, id] of OPERATORS.entries())
      db.prepare('INSERT INTO operators (id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, NULL, 1, ?)').run(id, id.slice(3), i === 0 ? 'manager' : 'cashier', at0);
    for (const [code, vat] of DEPARTMENTS) {
      const id = randomUUID();
      deptIds.set(code, id);
      db.prepare('INSERT INTO departments (id, code, name, vat_code, created_at) VALUES (?,?,?,?,?)').run(id, code, code, vat, at0);
    }
  })();

  const insProduct = db.prepare(`INSERT INTO products (id, sku, description, search_text, price_cents, vat_code, department_id, sold_by_weight, favourite, active, updated_at) VALUES (?,?,?,?,?,?,?,?,?,1,?)`);
  const insBarcode = db.prepare('INSERT INTO barcodes (barcode, product_id) VALUES (?, ?)');
  const insDoc = db.prepare(`INSERT INTO documents (id, kind, business_day, seq, number, created_at, operator_id, parent_id, subtotal_cents,
      line_discount_cents, sale_discount_cents, complimentary_cents, total_cents, rounding_cents, due_cents, tendered_cents, change_cents, lottery_code, source, note)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insLine = db.prepare(`INSERT INTO document_lines (document_id, line_no, product_id, sku, barcode, description, department, vat_code, quantity_milli,
      unit_price_cents, list_price_cents, gross_cents, discount_cents, sale_discount_share_cents, complimentary, amount_cents, parent_line_no)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insPay = db.prepare('INSERT INTO payments (document_id, seq, method, amount_cents, applied_cents, count, uncollected_kind) VALUES (?,?,?,?,?,?,?)');
  const insVat = db.prepare('INSERT INTO vat_rows (document_id, vat_code, gross_cents, taxable_cents, vat_cents) VALUES (?,?,?,?,?)');
  const insOut = db.prepare(`INSERT INTO outbox (document_id, kind, parent_id, state, attempts, remote_id, remote_status, document_number, document_date, submitted_at, created_at, updated_at)
    VALUES (?, 'sale', NULL, 'ready', 1, ?, 'ready', ?, ?, ?, ?, ?)`);
  const insJob = db.prepare(`INSERT INTO print_jobs (id, document_id, kind, state, attempts, created_at, printed_at) VALUES (?, ?, 'receipt', 'printed', 1, ?, ?)`);
  const insAudit = db.prepare('INSERT INTO audit_log (seq, at, actor, action, entity_id, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)');
  const insCounter = db.prepare('INSERT INTO day_counters (business_day, last_seq) VALUES (?, ?)');

  const byKey = (a: unknown[], b: unknown[]) => ((a[0] as string) < (b[0] as string) ? -1 : (a[0] as string) > (b[0] as string) ? 1 : (a[1] as string) < (b[1] as string) ? -1 : 1);
  let sales = 0;
  let barcodes = 0;
  let lastDay = p.firstDay;
  const refs: Batch['refs'] = [];
  const t1 = Date.now();
  let nextLog = 100_000;
  const insertBatch = db.transaction((b: Batch) => {
    for (const r of b.products) insProduct.run(r[0], r[1], r[2], r[3], r[4], r[5], deptIds.get(r[6] as string)!, r[7], r[8], at0);
    for (const [code, productId] of b.barcodes) insBarcode.run(code, productId);
    barcodes += b.barcodes.length;
    for (const r of b.docs) insDoc.run(...r);
    // These tables are clustered on (document_id, …), a random UUID: inserting a batch in key
    // order walks each B-tree once instead of jumping around it (same rows, same final table).
    for (const r of b.lines.sort(byKey)) insLine.run(...r);
    for (const r of b.pays.sort(byKey)) insPay.run(...r);
    for (const r of b.vats.sort(byKey)) insVat.run(...r);
    for (const r of b.outs) insOut.run(...r);
    for (const r of b.jobs) insJob.run(...r);
    for (const r of b.audits) insAudit.run(...r);
    for (const [day, n] of b.counters) insCounter.run(day, n);
  });
  let inserting = 0;
  await runGenerator(p, inline, (b) => {
    const ti = Date.now();
    insertBatch(b);
    inserting += Date.now() - ti;
    sales += b.docs.length;
    if (b.lastDay) lastDay = b.lastDay;
    refs.push(...b.refs);
    if (b.products.length > 0) log(`seed: ${b.products.length.toLocaleString('en')} products (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
    if (sales >= nextLog) {
      log(`seed: ${sales.toLocaleString('en')} sales (${((Date.now() - t1) / 1000).toFixed(0)} s)`);
      nextLog += 100_000;
    }
  });
  log(`seed: ${sales.toLocaleString('en')} sales in ${((Date.now() - t1) / 1000).toFixed(1)} s (inserting ${(inserting / 1000).toFixed(1)} s)`);

  // Indexes back before the ledger's own code runs (returns look sales up by parent_id).
  const t2 = Date.now();
  for (const ix of indexes) db.exec(ix.sql);
  log(`seed: ${indexes.length} indexes rebuilt in ${((Date.now() - t2) / 1000).toFixed(1)} s`);

  // Returns and voids through the real ledger, at 20:30 Italian time (after that day's sales).
  const t3 = Date.now();
  const rand = mulberry32(p.prngSeed + 1);
  const clock = fakeClock(at0);
  let returns = 0;
  let voids = 0;
  const evening = (day: string, k: number) => new Date(Date.parse(romeDayBounds(day).start) + 20.5 * 3_600_000 + k);
  db.transaction(() => {
    for (const s of refs) {
      if (returns >= p.returns && voids >= p.voids) break;
      if (voids < p.voids && (returns >= p.returns || rand() < p.voids / (p.returns + p.voids))) {
        clock.set(evening(s.day, returns + voids));
        recordVoid(db, clock, { sale: s.id, reason: 'errore di battitura' }, { operatorId: OPERATORS[0]! });
        voids++;
      } else {
        let day = s.day;
        for (let k = Math.floor(rand() * 4); k > 0 && day < lastDay; k--) day = nextDay(day);
        clock.set(evening(day, returns + voids));
        const lineNo = 1 + Math.floor(rand() * s.lines.length);
        const qty = s.lines[lineNo - 1]!;
        recordReturn(db, clock, { sale: s.id, lines: [{ line_no: lineNo, quantity: (qty >= 2000 && rand() < 0.5 ? 1000 : qty) / 1000 }], reason: 'reso cliente' }, { operatorId: OPERATORS[1]! });
        returns++;
      }
    }
    // They are history too: transmitted and printed.
    db.exec(`UPDATE outbox SET state = 'ready', attempts = 1, remote_status = 'ready', submitted_at = created_at, updated_at = created_at WHERE state = 'pending'`);
    db.exec(`UPDATE outbox SET remote_status = 'voided' WHERE kind = 'sale' AND document_id IN (SELECT parent_id FROM documents WHERE kind = 'void')`);
    db.exec(`UPDATE print_jobs SET state = 'printed', attempts = 1, printed_at = created_at WHERE state = 'queued'`);
  })();
  log(`seed: ${returns} returns and ${voids} voids through the ledger in ${((Date.now() - t3) / 1000).toFixed(1)} s`);

  checkSeed(db, log);
  const documents = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  db.pragma('foreign_keys = ON');
  db.pragma('locking_mode = NORMAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { ...p, lastDay, documents, barcodes, returns, voids };
}

/** The fast path must write what the ledger writes: re-check digests and the journal chain. */
function checkSeed(db: WritableDb, log: (s: string) => void): void {
  const t = Date.now();
  const n = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  const every = Math.max(1, Math.floor(n / 300));
  const sample = db.prepare(`SELECT entity_id AS id, payload FROM audit_log WHERE action = 'document.sale' AND seq % ? = 1`).all(every) as { id: string; payload: string }[];
  for (const s of sample) {
    const want = (JSON.parse(s.payload) as { digest: string }).digest;
    if (documentDigest(db, s.id) !== want) throw new Error(`seed: digest of ${s.id} differs from the ledger's`);
  }
  // Small seeds get a full chain verification; 1M entries take a minute, so big ones check the
  // hash chain (not the digests) over the whole journal.
  const v = n <= 50_000 ? verifyAudit(db, (id) => documentDigest(db, id)) : verifyAudit(db);
  if (!v.ok) throw new Error(`seed: audit chain does not verify: ${JSON.stringify(v.problems.slice(0, 3))}`);
  log(`seed: ${sample.length} digests and the chain of ${v.entries.toLocaleString('en')} entries checked in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// CLI
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const num = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const out = args.includes('--out') ? resolve(args[args.indexOf('--out') + 1]!) : undefined;
  const params: Partial<SeedParams> = {};
  if (num('--sales') !== undefined) params.sales = num('--sales')!;
  if (num('--products') !== undefined) params.products = num('--products')!;
  if (params.sales !== undefined && params.sales < 200_000) {
    params.returns = Math.floor(params.sales / 300);
    params.voids = Math.floor(params.sales / 1500);
  }
  const info = await ensureSeed({ force: args.includes('--force'), params, ...(out ? { out } : {}), inline: args.includes('--inline') });
  process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
}
