// End-of-day benchmark on the 1,000,000-sale database: the report of a busy day (goal < 20 ms) and
// of a month (goal < 200 ms) as X readings and period summaries compute them (from the per-day
// totals), and what closing a day costs on top (the Z from the rows, checked against the totals).
//   tsx bench/reports.bench.ts FILE      (or through bench/run.ts, which calls run(file))
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../backend/db/open.js';
import { computeReport, diffReports } from '../backend/reports/index.js';
import { TOTALS_SQL } from '../backend/reports/queries.js';

export type { TimedBenchResult as BenchResult } from './types.js';
import type { TimedBenchResult as BenchResult } from './types.js';

function measure(fn: () => void, runs: number): { median: number; p95: number } {
  for (let i = 0; i < 3; i++) fn(); // warm the page cache and the statement cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)]!, p95: times[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)]! };
}

function monthOf(day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

export async function run(dbFile: string): Promise<BenchResult[]> {
  const db = openDatabase(dbFile); // migrates a seed made before 0005, so the report index exists
  try {
    const total = db.prepare(`SELECT count(*) FROM documents WHERE kind = 'sale'`).pluck().get() as number;
    // The busiest day of the most recent full month: a day report and its month report.
    const lastDay = db.prepare('SELECT max(business_day) FROM documents').pluck().get() as string;
    const probeMonth = monthOf(lastDay);
    const prev = new Date(`${probeMonth.from}T12:00:00Z`);
    prev.setUTCDate(0);
    const month = monthOf(prev.toISOString().slice(0, 10));
    const busiest = db.prepare(`SELECT business_day AS d, count(*) AS n FROM documents WHERE business_day BETWEEN ? AND ? AND kind = 'sale'
      GROUP BY business_day ORDER BY n DESC LIMIT 1`).get(month.from, month.to) as { d: string; n: number } | undefined;
    if (!busiest) throw new Error(`no sales in ${month.from}..${month.to}`);
    const monthSales = db.prepare(`SELECT count(*) FROM documents WHERE business_day BETWEEN ? AND ? AND kind = 'sale'`).pluck().get(month.from, month.to) as number;
    const now = new Date();
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${TOTALS_SQL.vat}`).all(month.from, month.to) as { detail: string }[];

    const day = measure(() => computeReport(db, { from: busiest.d, to: busiest.d }, { now, type: 'x' }), 30);
    const mon = measure(() => computeReport(db, month, { now, type: 'period' }), 10);
    // What closeDay does on top: the Z from the rows themselves, compared with the totals.
    const closing = measure(() => {
      const range = { from: busiest.d, to: busiest.d };
      diffReports(computeReport(db, range, { now, type: 'z', source: 'rows' }), computeReport(db, range, { now, type: 'z', source: 'totals' }));
    }, 10);
    return [
      { name: `Z/X report of one day (${busiest.d}, ${busiest.n} sales, ${total} sales in the ledger)`, medianMs: day.median, p95Ms: day.p95, goalMs: 20, ok: day.median < 20, detail: plan.map((p) => p.detail).join('; ') },
      { name: `Report of a month (${month.from}..${month.to}, ${monthSales} sales)`, medianMs: mon.median, p95Ms: mon.p95, goalMs: 200, ok: mon.median < 200, detail: '' },
      { name: `Closing a day: Z from the rows, checked against the totals (${busiest.n} sales)`, medianMs: closing.median, p95Ms: closing.p95, goalMs: 1000, ok: closing.median < 1000, detail: '' },
    ];
  } finally {
    db.close();
  }
}

const direct = process.argv[1] !== undefined && /reports\.bench\.ts$/.test(process.argv[1]);
if (direct) {
  const file = process.argv[2];
  if (!file) {
    console.error('uso: tsx bench/reports.bench.ts FILE.db');
    process.exit(2);
  }
  for (const r of await run(file)) {
    console.log(`${r.ok ? 'OK  ' : 'SLOW'} ${r.name}: median ${r.medianMs.toFixed(2)} ms, p95 ${r.p95Ms.toFixed(2)} ms (goal < ${r.goalMs} ms)${r.detail ? `\n     plan: ${r.detail}` : ''}`);
  }
}
