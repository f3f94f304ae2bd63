// CLI start-up benchmark: the wall time of `bancone status` (a spawned process, to its exit)
// against `node -e ""` on the same machine in the same run, for both ways bin/bancone.mjs can run
// the CLI: through tsx (before: TypeScript compiled at every call) and compiled (after:
// out/cli/bancone.mjs, built by cli.vite.config.ts). Goal: compiled ≤ 3× Node's own start-up.
// The three are spawned in turn, round after round, so a busy spell of the machine hits all three.
//
//   npm run bench -- --only cli
//   npx tsx bench/cli.bench.ts          (standalone)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchRow } from './types.js';
import { compiledCliPath, compiledCliState } from '../bin/compiled-cli.mjs';

const GOAL_RATIO = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

interface Runner { name: string; args: string[]; env?: Record<string, string> }

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const root = ctx.root;
  // Measure this checkout's code: build the CLI when the build is missing or older than a source.
  const state = compiledCliState(root);
  if (state !== 'fresh') {
    process.stderr.write(`bench cli: the compiled CLI is ${state}, building it (cli.vite.config.ts)\n`);
    const { build } = await import('vite');
    await build({ configFile: join(root, 'cli.vite.config.ts'), logLevel: 'warn' });
  }

  const dataDir = join(ctx.tmpDir, 'cli-data');
  mkdirSync(dataDir, { recursive: true });
  // Nothing inherited that changes how Node starts (NODE_OPTIONS, a loader of the bench runner).
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ctx.tmpDir, BANCONE_DATA_DIR: dataDir };
  const spawn = (args: string[], input = '') => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, env, input, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
    return { ms, stdout: r.stdout };
  };
  // A ledger with a sale in it (status opens, migrates once, and reads it).
  const bin = join(root, 'bin', 'bancone.mjs');
  spawn([compiledCliPath(root), 'sale', '--json', '-', '--no-print'],
    JSON.stringify({ lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 500 }] }));

  const runners: Runner[] = [
    { name: 'node -e ""', args: ['-e', ''] },
    // Before: what bin/bancone.mjs did at every call until #11 (tsx's ESM loader, then main.ts).
    { name: 'tsx', args: ['--import', 'tsx/esm', join(root, 'backend', 'cli', 'main.ts'), 'status'] },
    // After: the build itself …
    { name: 'compiled', args: [compiledCliPath(root), 'status'] },
    // … and what `bancone status` runs: bin's freshness check (a stat per source file), then the
    // build. Only while the build is fresh: otherwise bin would run tsx.
    ...(compiledCliState(root) === 'fresh' ? [{ name: 'bin', args: [bin, 'status'] }] : []),
  ];
  const rounds = ctx.quick ? 5 : 30;
  const times = runners.map(() => [] as number[]);
  for (const r of runners) spawn(r.args); // warm the file cache once
  for (let i = 0; i < rounds; i++) runners.forEach((r, k) => times[k]!.push(spawn(r.args).ms));
  const binFresh = runners.length === 4 && compiledCliState(root) === 'fresh';

  const stats = times.map((t) => ({ median: median(t), p95: pct(t, 95) }));
  const [node, tsx, compiled, viaBin] = stats as [typeof stats[0], typeof stats[0], typeof stats[0], typeof stats[0] | undefined];
  const ratio = (x: number) => Math.round((x / node.median) * 100) / 100;
  const info = { goal: 'info', ok: true };
  return [
    { name: 'node -e "" (median)', value: Math.round(node.median), unit: 'ms', ...info, note: `p95 ${Math.round(node.p95)} ms, ${rounds} runs each, interleaved` },
    { name: 'bancone status through tsx, before (median)', value: Math.round(tsx.median), unit: 'ms', ...info, note: `${ratio(tsx.median)}× node; p95 ${Math.round(tsx.p95)} ms` },
    { name: 'bancone status compiled (median)', value: Math.round(compiled.median), unit: 'ms', ...info, note: `p95 ${Math.round(compiled.p95)} ms` },
    { name: 'bancone status compiled ÷ node -e ""', value: ratio(compiled.median), unit: '×', goal: `≤ ${GOAL_RATIO}×`, ok: compiled.median <= GOAL_RATIO * node.median },
    viaBin && binFresh
      ? { name: 'bancone status via bin/bancone.mjs (median)', value: Math.round(viaBin.median), unit: 'ms', ...info, note: `${ratio(viaBin.median)}× node; p95 ${Math.round(viaBin.p95)} ms` }
      : { name: 'bancone status via bin/bancone.mjs', value: NaN, unit: 'ms', ...info, note: 'not measured: a source was newer than the build (bin would have run tsx)' },
  ];
}

// Standalone: npx tsx bench/cli.bench.ts
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tmp = mkdtempSync(join(tmpdir(), 'bancone-bench-cli-'));
  const root = resolve(import.meta.dirname, '..');
  run({ root, tmpDir: tmp, quick: process.env.BENCH_QUICK === '1', dbFile: '', seed: {} as BenchContext['seed'] })
    .then((rows) => { for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} (${r.goal}${r.ok ? ' ✓' : ' ✗'})${r.note ? ` — ${r.note}` : ''}`); })
    .finally(() => rmSync(tmp, { recursive: true, force: true }));
}
