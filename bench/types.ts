// The contract between bench/run.ts and every bench/*.bench.ts module.
import type { SeedInfo } from './seed.js';

/** One measured figure. `goal` is human text ("< 0.2 ms", "≤ 2× bare insert p99 (3.1 ms)"); informational rows say "info" and are ok. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal: string;
  ok: boolean;
  note?: string;
}

export interface BenchContext {
  /**
   * A fresh copy of the seeded ledger (1,000,000 sales over 2025, 100,000 products; see
   * bench/seed.ts), made for this module only: write to it freely. Open it with openDatabase
   * (WAL, synchronous=FULL). Modules run one after the other, in name order.
   */
  dbFile: string;
  /** What the seed holds (counts, first/last business day, …). Barcodes: seedBarcode(i) from bench/seed.ts, i < seed.products. */
  seed: SeedInfo;
  /** An empty directory for this module only, removed afterwards. */
  tmpDir: string;
  /** Repository root. */
  root: string;
  /** BENCH_QUICK=1: fewer iterations, for a smoke run. */
  quick: boolean;
}

/** Timing rows of the printing and reports benches: run.ts shows each as a median and a p95 row. */
export interface TimedBenchResult {
  name: string;
  medianMs: number;
  p95Ms: number;
  goalMs: number;
  ok: boolean;
  detail: string;
}

/**
 * What a bench module exports. run.ts also accepts `run(dbFile)` (a first parameter whose name
 * contains "file" or "path" gets ctx.dbFile) and rows shaped {name, medianMs, p95Ms, goalMs, ok,
 * detail}, shown as a median and a p95 row, the goal on the one the module's ok agrees with.
 */
export interface BenchModule {
  run(ctx: BenchContext): Promise<BenchRow[]> | BenchRow[];
}
