// `npm run bench`: seeds the benchmark ledger if needed (bench/seed.ts, cached under bench/data/),
// runs every bench/*.bench.ts module on a fresh copy of it — each in its own process, so a
// module that throws, hangs or crashes cannot take the others down — prints one table and writes
// bench/results.json.
//
// usage: npm run bench [-- --only ledger,sync] [--reseed] [--quick]
//   BENCH_TIMEOUT_S (default 900) bounds each module; BENCH_QUICK=1 is the same as --quick.
import { spawn } from 'node:child_process';
import { constants, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchContext, BenchModule, BenchRow } from './types.js';
import type { SeedInfo } from './seed.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
/** The context's seed for a module that declared it needs none. */
const NO_SEED = { file: '', key: '', version: 0, lastDay: '', documents: 0, barcodes: 0, bytes: 0, seconds: 0, createdAt: '' } as unknown as SeedInfo;
const ROOT = dirname(BENCH_DIR);

interface ModuleResult {
  module: string;
  seconds: number;
  rows: BenchRow[];
  error?: string;
}

/** Rows in the older {name, medianMs, p95Ms, goalMs, ok, detail} shape some modules return. */
interface TimingResult { name: string; medianMs: number; p95Ms: number; goalMs: number; ok: boolean; detail?: string }

function toRows(file: string, out: unknown): BenchRow[] {
  if (!Array.isArray(out)) throw new Error(`${basename(file)}: run(ctx) must return an array of rows`);
  return out.flatMap((r: BenchRow | TimingResult): BenchRow[] => {
    if (!('medianMs' in r) || typeof r.medianMs !== 'number') return [r as BenchRow];
    // Two rows (median, p95); the goal and the module's verdict go on the statistic the verdict
    // agrees with, so the table never shows a ✗ next to a figure that meets the goal.
    const goalOnMedian = (r.medianMs < r.goalMs) === r.ok && (r.p95Ms < r.goalMs) !== r.ok;
    const goal = { goal: `< ${r.goalMs} ms`, ok: r.ok };
    const info = { goal: 'info', ok: true };
    return [
      { name: `${r.name} (median)`, value: r.medianMs, unit: 'ms', ...(goalOnMedian ? goal : info), ...(r.detail ? { note: r.detail } : {}) },
      { name: `${r.name} (p95)`, value: r.p95Ms, unit: 'ms', ...(goalOnMedian ? info : goal) },
    ];
  });
}

/** Child mode: run one module with the context in ctxFile, write its rows to outFile. */
async function child(moduleFile: string, ctxFile: string, outFile: string): Promise<void> {
  const ctx = JSON.parse(readFileSync(ctxFile, 'utf8')) as BenchContext;
  const mod = (await import(pathToFileURL(moduleFile).href)) as Partial<BenchModule>;
  if (typeof mod.run !== 'function') throw new Error(`${basename(moduleFile)} does not export run(ctx)`);
  // Modules take the context; a module whose run's first parameter is a file/path gets the db file.
  const param = /^[^(]*\(\s*([A-Za-z_$][\w$]*)/.exec(mod.run.toString())?.[1] ?? '';
  const rows = toRows(moduleFile, await (mod.run as (a: unknown) => unknown)(/file|path/i.test(param) ? ctx.dbFile : ctx));
  for (const r of rows)
    if (typeof r?.name !== 'string' || typeof r.value !== 'number' || typeof r.unit !== 'string' || typeof r.goal !== 'string' || typeof r.ok !== 'boolean')
      throw new Error(`${basename(moduleFile)}: bad row ${JSON.stringify(r)} (want {name, value, unit, goal, ok})`);
  writeFileSync(outFile, JSON.stringify(rows));
}

function runModule(file: string, ctx: BenchContext, timeoutS: number): Promise<ModuleResult> {
  const module = basename(file).replace(/\.bench\.ts$/, '');
  const ctxFile = join(ctx.tmpDir, '.ctx.json');
  const outFile = join(ctx.tmpDir, '.rows.json');
  writeFileSync(ctxFile, JSON.stringify(ctx));
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const p = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file, ctxFile, outFile], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'pipe'],
      env: process.env,
    });
    let stderr = '';
    p.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
      process.stderr.write(d);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, timeoutS * 1000);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      if (code === 0 && existsSync(outFile)) {
        resolvePromise({ module, seconds, rows: JSON.parse(readFileSync(outFile, 'utf8')) as BenchRow[] });
        return;
      }
      const why = timedOut ? `timed out after ${timeoutS} s` : `exited with ${code ?? signal}`;
      const last = stderr.trim().split('\n').filter((l) => l.trim() !== '').slice(-3).join(' | ');
      resolvePromise({ module, seconds, rows: [], error: `${why}${last ? `: ${last}` : ''}` });
    });
  });
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en');
  const abs = Math.abs(v);
  return v.toFixed(abs >= 100 ? 1 : abs >= 1 ? 2 : abs >= 0.01 ? 3 : 4);
}

function table(results: ModuleResult[]): string {
  const rows: string[][] = [['bench', 'measure', 'value', 'unit', 'goal', 'ok']];
  for (const r of results) {
    if (r.error) rows.push([r.module, 'FAILED TO RUN', '', '', '', '✗']);
    for (const x of r.rows) rows.push([r.module, x.name, fmt(x.value), x.unit, x.goal, x.ok ? '✓' : '✗']);
  }
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 2 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  ').trimEnd();
  return [line(rows[0]!), w.map((n) => '─'.repeat(n)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const only = argv.includes('--only') ? new Set(argv[argv.indexOf('--only') + 1]!.split(',')) : null;
  const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const timeoutS = Number(process.env.BENCH_TIMEOUT_S ?? 900);
  const modules = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    .filter((f) => !only || only.has(f.replace(/\.bench\.ts$/, '')))
    .map((f) => join(BENCH_DIR, f));
  if (modules.length === 0) {
    process.stderr.write('no bench/*.bench.ts modules to run\n');
    return 1;
  }

  const { ensureSeed, DATA_DIR } = await import('./seed.js');
  const started = Date.now();
  // A module that says `export const needsSeed = false` (the shop-server benches make their own
  // tills) runs without the seeded ledger: `--only server` does not build a million sales first.
  const needsSeed = (f: string) => !/^export const needsSeed = false\b/m.test(readFileSync(f, 'utf8'));
  const seed = modules.some(needsSeed) || argv.includes('--reseed') ? await ensureSeed({ force: argv.includes('--reseed') }) : null;
  // Each module gets a fresh copy of the seed: benches write (commits, closures…), and one
  // module's writes must not change what the next one measures. The cache stays pristine.
  const work = join(DATA_DIR, 'work.db');
  const removeWork = () => { for (const f of [work, `${work}-wal`, `${work}-shm`]) rmSync(f, { force: true }); };

  const results: ModuleResult[] = [];
  for (const file of modules) {
    const tmp = mkdtempSync(join(tmpdir(), `bancone-bench-${basename(file, '.bench.ts')}-`));
    removeWork();
    const withSeed = needsSeed(file) ? seed : null;
    if (withSeed) {
      const tCopy = Date.now();
      copyFileSync(withSeed.file, work, constants.COPYFILE_FICLONE);
      process.stderr.write(`bench: ${basename(file)} (fresh copy of the seed, ${(withSeed.bytes / 1e9).toFixed(2)} GB, in ${((Date.now() - tCopy) / 1000).toFixed(1)} s) …\n`);
    } else process.stderr.write(`bench: ${basename(file)} (no seed) …\n`);
    try {
      // Without the seed: no ledger file, and the seed's description empty (such a module never reads them).
      const ctx: BenchContext = withSeed ? { dbFile: work, seed: withSeed, tmpDir: tmp, root: ROOT, quick } : { dbFile: '', seed: NO_SEED, tmpDir: tmp, root: ROOT, quick };
      results.push(await runModule(file, ctx, timeoutS));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      removeWork();
    }
    const last = results[results.length - 1]!;
    process.stderr.write(`bench: ${last.module} ${last.error ? `FAILED (${last.error})` : 'done'} in ${last.seconds} s\n`);
  }
  process.stdout.write(`\n${table(results)}\n\n`);
  const failed = results.filter((r) => r.error);
  const missed = results.flatMap((r) => r.rows.filter((x) => !x.ok).map((x) => `${r.module}: ${x.name}`));
  if (failed.length) process.stdout.write(`Modules that failed to run: ${failed.map((r) => `${r.module} (${r.error})`).join('; ')}\n`);
  if (missed.length) process.stdout.write(`Goals not met: ${missed.join('; ')}\n`);
  const out = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 1e9), node: process.version, platform: process.platform },
    quick,
    seed: seed ? { ...seed, file: undefined } : null,
    seconds: Math.round((Date.now() - started) / 1000),
    modules: results.map((r) => ({ module: r.module, seconds: r.seconds, ...(r.error ? { error: r.error } : {}) })),
    rows: results.flatMap((r) => r.rows.map((x) => ({ bench: r.module, ...x }))),
  };
  writeFileSync(join(BENCH_DIR, 'results.json'), `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`Results written to bench/results.json\n`);
  return failed.length > 0 ? 1 : 0;
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  child(argv[1]!, argv[2]!, argv[3]!).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
} else {
  main(argv).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
