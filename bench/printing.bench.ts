// Printing benchmark: encoding a 30-line receipt to ESC/POS (goal < 1 ms), and the latency from a
// committed sale to its first bytes on the printer's socket over loopback (goal p95 < 20 ms):
// commit (file ledger, WAL, synchronous=FULL) → wake → queue → layout → encode → connect → DLE EOT
// status → write, measured at the virtual printer.
//   tsx bench/printing.bench.ts      (or through bench/run.ts, which calls run())
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layoutDocument } from '../shared/receipt.js';
import { systemClock } from '../shared/time.js';
import { encodeLayout } from '../backend/printing/encode.js';
import { createPrintingService } from '../backend/printing/index.js';
import { openDatabase } from '../backend/db/open.js';
import { commitSale } from '../backend/ledger/index.js';
import { startVirtualPrinter } from '../emulators/escpos-printer.js';
import { SHOP, longSale } from '../test/fixtures/documents.js';

export type { TimedBenchResult as BenchResult } from './types.js';
import type { TimedBenchResult as BenchResult } from './types.js';
import { fiscalShop } from '../test/fixtures/fiscal-shop.js';

function stats(times: number[]): { median: number; p95: number } {
  const t = [...times].sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)]!, p95: t[Math.min(t.length - 1, Math.ceil(t.length * 0.95) - 1)]! };
}

function measure(fn: () => void, runs: number): { median: number; p95: number } {
  for (let i = 0; i < 50; i++) fn(); // let the JIT settle
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return stats(times);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function encodeBench(): BenchResult[] {
  const doc = longSale(30);
  const layout = layoutDocument(doc, SHOP, { columns: 42 });
  const bytes = encodeLayout(layout);
  const enc = measure(() => encodeLayout(layout), 500);
  const both = measure(() => encodeLayout(layoutDocument(doc, SHOP, { columns: 42 })), 500);
  return [
    {
      name: 'printing: encode a 30-line receipt (ESC/POS)',
      medianMs: round(enc.median), p95Ms: round(enc.p95), goalMs: 1, ok: enc.p95 < 1,
      detail: `${layout.lines.length} layout lines → ${bytes.length} bytes`,
    },
    {
      name: 'printing: layout + encode a 30-line receipt',
      medianMs: round(both.median), p95Ms: round(both.p95), goalMs: 2, ok: both.p95 < 2,
      detail: 'shared/receipt layout from the DocumentRecord, then encode',
    },
  ];
}

async function latencyBench(runs: number): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bancone-bench-print-'));
  const vp = await startVirtualPrinter();
  const db = fiscalShop(openDatabase(join(dir, 'bancone.db')));
  const clock = systemClock;
  const printing = createPrintingService({ db, clock, env: { BANCONE_PRINTER: vp.url }, pollMs: 60_000, statusPollMs: 0 });
  try {
    printing.queue.start();
    const lines = Array.from({ length: 8 }, (_, i) => ({ description: `Articolo ${i + 1}`, unit_price_cents: 150 + i * 10, vat_code: '22' as const }));
    const total = lines.reduce((a, l) => a + l.unit_price_cents, 0);
    const times: number[] = [];
    for (let i = 0; i < runs + 10; i++) {
      const firstByte = new Promise<number>((resolve) => {
        const off = vp.onFirstByte((at) => { off(); resolve(at); });
      });
      commitSale(db, clock, { lines, payments: [{ method: 'cash', amount_cents: total + 500 }] });
      const committed = performance.now();
      printing.port.wake?.();
      const at = await firstByte;
      await vp.waitForJobs(i + 1, 5000);
      if (i >= 10) times.push(at - committed); // the first ones warm up connections and statements
    }
    const s = stats(times);
    return {
      name: 'printing: committed sale → first bytes on the printer socket (loopback)',
      medianMs: round(s.median), p95Ms: round(s.p95), goalMs: 20, ok: s.p95 < 20,
      detail: `${runs} sales, file ledger (WAL, synchronous=FULL), virtual TM printer on ${vp.url}`,
    };
  } finally {
    await printing.queue.stop();
    db.close();
    await vp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  return [...encodeBench(), await latencyBench(200)];
}

const invokedDirectly = process.argv[1] !== undefined && /printing\.bench\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  run().then((results) => {
    for (const r of results) {
      console.log(`${r.ok ? 'OK  ' : 'SLOW'} ${r.name}: median ${r.medianMs} ms, p95 ${r.p95Ms} ms (goal ${r.goalMs} ms) — ${r.detail}`);
    }
    process.exitCode = results.every((r) => r.ok) ? 0 : 1;
  }, (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
