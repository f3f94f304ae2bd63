// One till of the chaos test (issue #14), as a process of its own: its data folder and ledger, joined
// to the shop server with a real pairing code (`bancone till join`, the CLI's own command), ringing
// random sales (several lines, cash or card), returns and voids through the ledger's API (the same
// calls the CLI and the dispatcher make), and running the shop-link loop against the proxy's
// address. SIGKILLed at any moment and started again on the same folder, it carries on where its
// ledger says it was: the document count, the clock and the random choices all come from the ledger.
//
//   node --import tsx test/chaos/till-child.ts '<TillChildConfig JSON>'     (fork: IPC to the test)
//
// The clock is the ledger's: every document moves it on by STEP_MS of shop time, so a partition that
// lasts a fifth of the run is hours of trading «compressed in time», and the link loop's waits are
// shortened by TIMER_DIVISOR (its one-minute backoff cap is 3 s here). Nothing depends on timing luck.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { openDatabase } from '../../backend/db/open.js';
import type { WritableDb } from '../../backend/db/types.js';
import { commitSale, recordReturn, recordVoid, returnedQuantities } from '../../backend/ledger/index.js';
import { closeDay, expectedCash, closureOf } from '../../backend/reports/index.js';
import { runCli } from '../../backend/cli/main.js';
import { getSetting } from '../../backend/settings.js';
import { dataDirKeyProvider } from '../../backend/secrets.js';
import { seededRandom } from '../../emulators/openapi/index.js';
import { CASH_DENOMINATIONS_CENTS } from '../../shared/contract/reports.js';
import type { Clock } from '../../shared/time.js';
import { fiscalShopFile } from '../fixtures/fiscal-shop.js';
import { startLink, type TillLink } from './till-link.js';

export interface TillChildConfig {
  dataDir: string;
  index: number;
  seed: number;
  /** Documents (sales + returns + voids) this till rings in the whole run. */
  documents: number;
  /** The server's address as the till knows it: the fault proxy's. */
  serverUrl: string;
  /** A pairing code from the server: used on the first start only. */
  pairingCode: string;
}

/** Messages to the test. */
export type TillEvent =
  | { ev: 'ready'; tillCode: string; docs: number }
  | { ev: 'progress'; docs: number }
  | { ev: 'rung'; docs: number }
  | { ev: 'closed'; zNumber: number }
  | { ev: 'error'; message: string };
/** Messages from the test. */
export type TillCommand = { cmd: 'go' } | { cmd: 'close' } | { cmd: 'stop' };

export const START = Date.parse('2026-12-01T06:00:00.000Z'); // 07:00 in Rome
export const STEP_MS = 20_000;
export const TIMER_DIVISOR = 20;

const cfg = JSON.parse(process.argv[2] ?? '{}') as TillChildConfig;
const send = (e: TillEvent) => { if (process.connected) process.send!(e); };

/** The shop's time as the ledger has it: on from the last thing it recorded, STEP_MS per document. */
function ledgerClock(db: WritableDb): Clock & { tick(): void } {
  const last = db.prepare('SELECT max(at) AS at FROM audit_log').get() as { at: string | null };
  let t = Math.max(START, last.at ? Date.parse(last.at) + 1 : START);
  return {
    now: () => { t += 1; return new Date(t); },
    tick: () => { t += STEP_MS; },
  };
}

const docCount = (db: WritableDb) => (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;

const VAT = ['4', '10', '22'] as const;

/** The catalogue the till has pulled from the server (active products with a barcode). */
function products(db: WritableDb): { barcode: string; priceCents: number }[] {
  return db.prepare(`SELECT b.barcode, p.price_cents AS priceCents FROM products p JOIN barcodes b ON b.product_id = p.id
    WHERE p.active = 1 ORDER BY b.barcode`).all() as { barcode: string; priceCents: number }[];
}

/** One document, its kind and contents drawn from (seed, till, its number): a restart redraws the same. */
function ringOne(db: WritableDb, clock: Clock, n: number): void {
  const rnd = seededRandom((cfg.seed * 7919 + cfg.index * 104_729 + n * 15_485_863) >>> 0);
  const r = rnd();
  if (r < 0.12) {
    // A void of a sale with nothing after it (no return, no void).
    const open = db.prepare(`SELECT id FROM documents d WHERE kind = 'sale'
      AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.parent_id = d.id) ORDER BY seq DESC LIMIT 20`).all() as { id: string }[];
    if (open.length > 0) {
      recordVoid(db, clock, { sale: open[Math.floor(rnd() * open.length)]!.id, reason: 'errore di battitura' }, { source: 'cli', printReceipt: false });
      return;
    }
  } else if (r < 0.27) {
    // A return of part of a line of a recent sale that was not voided.
    const sales = db.prepare(`SELECT id FROM documents d WHERE kind = 'sale'
      AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.parent_id = d.id AND c.kind = 'void') ORDER BY seq DESC LIMIT 30`).all() as { id: string }[];
    for (let tries = 0; tries < 3 && sales.length > 0; tries++) {
      const sale = sales[Math.floor(rnd() * sales.length)]!.id;
      const lines = db.prepare('SELECT line_no AS lineNo, quantity_milli AS q FROM document_lines WHERE document_id = ? ORDER BY line_no').all(sale) as { lineNo: number; q: number }[];
      const returned = returnedQuantities(db, sale);
      const line = lines.find((l) => l.q - (returned.get(l.lineNo) ?? 0) >= 1000);
      if (!line) continue;
      recordReturn(db, clock, { sale, lines: [{ line_no: line.lineNo, quantity: 1 }], refund_method: rnd() < 0.5 ? 'cash' : 'electronic', reason: 'difettoso' },
        { source: 'cli', printReceipt: false });
      return;
    }
  }
  // A sale: 1–5 lines, from the catalogue when it has products, else free lines; cash or card.
  const catalogue = products(db);
  const lineCount = 1 + Math.floor(rnd() * 5);
  let total = 0;
  const lines = Array.from({ length: lineCount }, (_, i) => {
    const qty = 1 + Math.floor(rnd() * 3);
    const useCatalogue = catalogue.length > 0 && rnd() < 0.6;
    if (useCatalogue) {
      const p = catalogue[Math.floor(rnd() * catalogue.length)]!;
      total += p.priceCents * qty;
      return { barcode: p.barcode, quantity: qty };
    }
    const price = 50 + Math.floor(rnd() * 4950);
    total += price * qty;
    return { description: `Articolo ${i + 1}`, unit_price_cents: price, vat_code: VAT[Math.floor(rnd() * VAT.length)]!, quantity: qty };
  });
  const card = rnd() < 0.4;
  // Card: the exact amount. Cash: rounded up to the next 10 € note (the change is the ledger's).
  const payments = card ? [{ method: 'electronic' as const, amount_cents: total }] : [{ method: 'cash' as const, amount_cents: Math.ceil((total + 1) / 1000) * 1000 }];
  commitSale(db, clock, { lines, payments }, { source: 'cli', printReceipt: false });
}

/** The drawer counted as expected, in notes and coins (greedy). */
function countOf(cents: number): Record<string, number> {
  const out: Record<string, number> = {};
  let left = Math.max(0, cents);
  for (const d of [...CASH_DENOMINATIONS_CENTS].sort((a, b) => b - a)) {
    const n = Math.floor(left / d);
    if (n > 0) { out[String(d)] = n; left -= n * d; }
  }
  return out;
}

async function main(): Promise<void> {
  const dbFile = join(cfg.dataDir, 'bancone.db');
  if (!existsSync(dbFile)) fiscalShopFile(dbFile);
  const db = openDatabase(dbFile);
  if (!getSetting(db, 'server.tillCode')) {
    // Joined through the real command, as a shop owner would (through the proxy: it passes then).
    let out = '';
    const code = await runCli(['till', 'join', cfg.serverUrl, cfg.pairingCode],
      { stdout: (s) => { out += s; }, stderr: (s) => { out += s; }, readStdin: async () => '' },
      { ...process.env, BANCONE_DATA_DIR: cfg.dataDir });
    if (code !== 0) throw new Error(`till join failed (${code}): ${out}`);
  }
  const tillCode = getSetting(db, 'server.tillCode')!;
  const clock = ledgerClock(db);
  const keys = dataDirKeyProvider(cfg.dataDir, { env: process.env });
  const link: TillLink = startLink({ db, clock, keys, timerDivisor: TIMER_DIVISOR });
  // The loop never throws for the network; anything else it throws is a defect the test must see.
  link.done.catch((e: unknown) => { send({ ev: 'error', message: `link loop: ${String((e as Error).stack ?? e)}` }); });

  let closing = false;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await link.stop();
    db.close();
    process.exit(0);
  };
  const close = async () => {
    if (closing) return;
    closing = true;
    const day = (db.prepare('SELECT max(business_day) AS d FROM documents').get() as { d: string }).d;
    if (!closureOf(db, day)) {
      clock.tick();
      const expected = expectedCash(db, day).expectedCents;
      await closeDay(db, clock, { business_day: day, count: { denominations: countOf(expected) }, note: 'prova: invio AdE non attivo' });
    }
    link.wake();
    send({ ev: 'closed', zNumber: closureOf(db, day)!.zNumber });
  };
  // Ringing starts on the test's word: every till joined first, so the chaos meets them all selling.
  let go!: () => void;
  const started = new Promise<void>((r) => { go = r; });
  process.on('message', (m: TillCommand) => {
    if (m.cmd === 'go') go();
    if (m.cmd === 'close') close().catch((e: unknown) => { send({ ev: 'error', message: String((e as Error).stack ?? e) }); process.exit(1); });
    if (m.cmd === 'stop') void stop();
  });
  process.on('SIGTERM', () => void stop());

  let n = docCount(db);
  send({ ev: 'ready', tillCode, docs: n });
  await started;
  while (n < cfg.documents && !stopping) {
    clock.tick();
    ringOne(db, clock, n);
    n = docCount(db);
    link.wake();
    send({ ev: 'progress', docs: n });
    // Let the link loop (and the IPC) run between documents, as a cashier's pauses would.
    await new Promise((r) => setImmediate(r));
  }
  send({ ev: 'rung', docs: n });
}

main().catch((e: unknown) => {
  process.stderr.write(`till ${cfg.index + 1}: ${String((e as Error).stack ?? e)}\n`);
  send({ ev: 'error', message: String((e as Error).stack ?? e) });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100);
});
