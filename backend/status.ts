// A read-only summary of the till for `bancone status` and the UI status bar.
import type { ReadableDb } from './db/types.js';
import { businessDayFor } from './ledger/numbering.js';

export interface LedgerStatus {
  businessDay: string;
  today: { sales: number; salesCents: number; returns: number; voids: number };
  outbox: Record<string, number>;
  printJobs: Record<string, number>;
}

export function ledgerStatus(db: ReadableDb, now: Date): LedgerStatus {
  const businessDay = businessDayFor(db, now);
  const rows = db.prepare('SELECT kind, count(*) AS n, coalesce(sum(total_cents),0) AS cents FROM documents WHERE business_day = ? GROUP BY kind').all(businessDay) as { kind: string; n: number; cents: number }[];
  const by = (k: string) => rows.find((r) => r.kind === k);
  const counts = (sql: string) => Object.fromEntries((db.prepare(sql).all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
  return {
    businessDay,
    today: { sales: by('sale')?.n ?? 0, salesCents: by('sale')?.cents ?? 0, returns: by('return')?.n ?? 0, voids: by('void')?.n ?? 0 },
    outbox: counts('SELECT state, count(*) AS n FROM outbox GROUP BY state ORDER BY state'),
    printJobs: counts('SELECT state, count(*) AS n FROM print_jobs GROUP BY state ORDER BY state'),
  };
}
