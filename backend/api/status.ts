// The status bar in one call: today's counts, fiscal queue, printer, operator, blackout.
// Asked again whenever the backend pushes a change (often, while the till works), so every query here reads an index range of
// the rows still in motion — never a scan of the whole history (1M documents: the whole-table
// counts of `bancone status` take ~0.3 s, which would stall every keystroke).
import type { HandlerMap } from './context.js';
import type { ReadableDb } from '../db/types.js';
import { getSetting } from '../settings.js';
import { businessDayFor } from '../ledger/numbering.js';
import { isTransmissionBlackout } from '../../shared/time.js';

const NOT_READY = ['pending', 'sending', 'sent', 'unknown'] as const;
/** Print job states still waiting for the printer. */
const PRINT_WAITING = ['queued', 'printing', 'retry'] as const;

/** The status bar's queries (a test checks each one reads an index, never the whole table). */
export const STATUS_SQL = {
  today: 'SELECT kind, count(*) AS n, coalesce(sum(total_cents), 0) AS cents FROM documents WHERE business_day = ? GROUP BY kind',
  outbox: 'SELECT count(*) AS n FROM outbox WHERE state = ?',
  print_jobs: 'SELECT count(*) AS n FROM print_jobs WHERE state = ?',
} as const;

function today(db: ReadableDb, day: string) {
  const rows = db.prepare(STATUS_SQL.today).all(day) as { kind: string; n: number; cents: number }[];
  const by = (k: string) => rows.find((r) => r.kind === k);
  return { sales: by('sale')?.n ?? 0, salesCents: by('sale')?.cents ?? 0, returns: by('return')?.n ?? 0, voids: by('void')?.n ?? 0 };
}

function countIn(db: ReadableDb, table: 'outbox' | 'print_jobs', states: readonly string[]): number {
  // One equality lookup per state on the (state, …) index.
  const stmt = db.prepare(STATUS_SQL[table]);
  return states.reduce((a, s) => a + (stmt.get(s) as { n: number }).n, 0);
}

export const statusHandlers: HandlerMap<'status.get'> = {
  'status.get': (_, ctx) => {
    const now = ctx.clock.now();
    // No sync port (a backend without a sync process): nothing is known about Openapi, say so.
    const sync = ctx.sync?.status() ?? { online: null, lastSuccessAt: null, problem: null, problemEn: null };
    const printerConfigured = getSetting(ctx.db, 'printer.url') !== '';
    const printer = ctx.printing?.status() ?? (printerConfigured
      ? { state: 'unknown' as const, message: null, messageEn: null }
      : { state: 'not_configured' as const, message: 'Stampante non configurata: impostarla in Impostazioni', messageEn: 'No printer configured: set it up in Settings' });
    const op = ctx.session.operator;
    const businessDay = businessDayFor(ctx.db, now);
    return {
      now: now.toISOString(),
      businessDay,
      operator: op ? { id: op.id, name: op.name, role: op.role } : null,
      // The takings are for the people at the till, not for whoever looks at the login screen.
      today: op ? today(ctx.db, businessDay) : { sales: 0, salesCents: 0, returns: 0, voids: 0 },
      sync: {
        online: sync.online,
        api: sync.api ?? 'checking',
        apiCheckedAt: sync.apiCheckedAt ?? null,
        stop: sync.stop ?? null,
        stopCode: sync.stopCode ?? null,
        apiMessage: sync.apiMessage ?? null,
        queued: countIn(ctx.db, 'outbox', NOT_READY),
        failed: countIn(ctx.db, 'outbox', ['failed']),
        lastSuccessAt: sync.lastSuccessAt,
        blackout: isTransmissionBlackout(now),
        problem: sync.problem,
        problemEn: sync.problemEn,
      },
      printer: { ...printer, waitingReceipt: 'waitingReceipt' in printer ? printer.waitingReceipt ?? null : null, queued: countIn(ctx.db, 'print_jobs', PRINT_WAITING) },
    };
  },
};
