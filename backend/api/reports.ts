// End of day for the till screen: status of the open day, X/Z reports, cash movements and count,
// final sync, closing, printing and the A4 PDF. Thin: everything is in services/reports.
import type { HandlerContext, HandlerMap, SyncPort } from './context.js';
import { dayToClose } from '../ledger/index.js';
import { getSetting } from '../settings.js';
import {
  closeDay, closeRefusal, fiscalSection, lastClosure, periodReport, queueReportPrint, recordCashCount, recordCashMovement,
  reportPdf, shopInfo, toZReportPrintable, xReport, zReport,
} from '../reports/index.js';
import { layoutZReport } from '../../shared/receipt.js';
import { reconciliationCsv, reconciliationDay, reconciliationFileName, reconciliationRows } from '../reports/reconciliation.js';
import type { DayReport } from '../../shared/contract/reports.js';

/** How long the final sync step waits for the AdE answers; closing waits far less (writes queue behind it). */
const FINAL_SYNC_WAIT_MS = 30_000;
const CLOSE_SYNC_WAIT_MS = 3_000;

type ReportMethods =
  | 'reports.status' | 'reports.get' | 'reports.period' | 'reports.cashMovement' | 'reports.countCash'
  | 'reports.finalSync' | 'reports.closeDay' | 'reports.print' | 'reports.layout' | 'reports.pdf'
  | 'reports.reconciliation' | 'reports.reconciliationCsv';

/** A sync port that can also send everything still waiting and wait for the answers. */
type FinalSyncPort = SyncPort & { finalSync?: () => Promise<void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The final sync as the till can run it: the port's own finalSync when it has one; otherwise,
 * with a sync engine running in the background, wake it and wait (up to `waitMs`) until none of
 * the day's documents is still on its way. A sync stopped by a problem (token, configuration) is a
 * failed final sync. Without any sync there is no final sync.
 */
function finalSyncOf(ctx: HandlerContext, waitMs: number): (() => Promise<void>) | undefined {
  const port = ctx.sync as FinalSyncPort | undefined;
  if (!port) return undefined;
  if (port.finalSync) return port.finalSync;
  return async () => {
    const day = dayToClose(ctx.db, ctx.clock.now());
    const deadline = Date.now() + waitMs;
    port.wake?.();
    for (;;) {
      const problem = port.status().problem;
      if (problem) throw new Error(problem);
      if (fiscalSection(ctx.db, { from: day, to: day }).pending === 0 || Date.now() >= deadline) return;
      await sleep(250);
    }
  };
}

function report(ctx: HandlerContext, ref: { type: 'x' | 'z'; date?: string | undefined }): DayReport {
  return ref.type === 'z' ? zReport(ctx.db, ref.date) : xReport(ctx.db, ctx.clock, ref.date);
}

export const reportHandlers: HandlerMap<ReportMethods> = {
  'reports.status': (_, ctx) => {
    const last = lastClosure(ctx.db);
    // After midnight, the evening's day is still the one to close (see dayToClose).
    const day = dayToClose(ctx.db, ctx.clock.now());
    return {
      businessDay: day,
      closed: false, // the day to close is by definition still open
      lastClosure: last ? { businessDay: last.businessDay, zNumber: last.zNumber, closedAt: last.closedAt } : null,
      // After the evening's Z the day to close is tomorrow: the screen says so instead of offering it.
      closeRefusal: closeRefusal(ctx.db, ctx.clock.now())?.toJSON() ?? null,
      blindCount: getSetting(ctx.db, 'eod.blindCount'),
      report: xReport(ctx.db, ctx.clock, day),
    };
  },
  'reports.get': (ref, ctx) => report(ctx, ref),
  'reports.period': (p, ctx) => periodReport(ctx.db, ctx.clock, p),
  'reports.cashMovement': (m, ctx) => {
    const by = m.kind === 'out' ? ctx.requireManager('cash_out') : ctx.operator;
    return recordCashMovement(ctx.db, ctx.clock, { ...m, operator_id: by.id });
  },
  'reports.countCash': (c, ctx) => recordCashCount(ctx.db, ctx.clock, { ...c, operator_id: ctx.operator.id }, { businessDay: dayToClose(ctx.db, ctx.clock.now()) }),
  'reports.finalSync': async (_, ctx) => {
    const day = dayToClose(ctx.db, ctx.clock.now());
    const run = finalSyncOf(ctx, FINAL_SYNC_WAIT_MS);
    let result = { ran: false, ok: false, error: null as string | null };
    if (run) {
      try {
        await run();
        result = { ran: true, ok: true, error: null };
      } catch (e) {
        result = { ran: true, ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    }
    return { ...result, fiscal: fiscalSection(ctx.db, { from: day, to: day }) };
  },
  'reports.closeDay': async (input, ctx) => {
    const manager = ctx.requireManager('close_day');
    // Writes wait while closing runs: give the sync a last short chance, the screen's step 3 did the rest.
    const run = finalSyncOf(ctx, CLOSE_SYNC_WAIT_MS);
    // The count is signed by who is at the till, whatever operator_id the request names (as in reports.countCash).
    const count = input.count ? { count: { ...input.count, operator_id: ctx.operator.id } } : {};
    const res = await closeDay(ctx.db, ctx.clock, { ...input, ...count, operator_id: manager.id }, run ? { finalSync: run } : {});
    ctx.printing?.wake?.();
    return res;
  },
  'reports.print': (ref, ctx) => {
    // An X names who printed it; a Z names who closed the day (in its snapshot).
    const printJobId = queueReportPrint(ctx.db, ctx.clock, report(ctx, ref), ref.type === 'x' ? { operator: ctx.operator.name } : {});
    ctx.printing?.wake?.();
    return { printJobId };
  },
  'reports.layout': (ref, ctx) =>
    layoutZReport(toZReportPrintable(report(ctx, ref)), shopInfo(ctx.db), { columns: ref.columns ?? getSetting(ctx.db, 'printer.columns') }),
  'reports.pdf': async (ref, ctx) => {
    const r = report(ctx, ref);
    const pdf = await reportPdf(r, shopInfo(ctx.db));
    const name = r.type === 'z' ? `Z-${String(r.closure?.zNumber ?? 0).padStart(4, '0')}-${r.from}.pdf` : `X-${r.from}.pdf`;
    return { fileName: name, base64: pdf.toString('base64') };
  },
  'reports.reconciliation': ({ date }, ctx) => reconciliationDay(ctx.db, ctx.clock, date ?? dayToClose(ctx.db, ctx.clock.now())),
  // Byte for byte the CLI's CSV (bancone reconciliation export), BOM included.
  'reports.reconciliationCsv': ({ date }, ctx) => ({
    fileName: reconciliationFileName(date),
    base64: Buffer.from(reconciliationCsv(reconciliationRows(ctx.db, date)), 'utf8').toString('base64'),
  }),
};
