// Closing the business day: final sync (with progress), the decision about documents the Agenzia
// delle Entrate has not accepted, then ONE transaction that records the cash count, stores the
// numbered Z snapshot in day_closures and journals it. From then on the ledger dates new documents
// on the next day (businessDayFor) and the closed day can only be reported.
import { createHash } from 'node:crypto';
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { fail } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import {
  CloseDayInputSchema,
  type CloseDayInput,
  type CloseDayResult,
  type CloseProgress,
  type ReportClosure,
  type ReportFiscal,
} from '../../shared/contract/reports.js';
import { appendAudit, canonicalJson, dayToClose } from '../ledger/index.js';
import { checkOperator, operatorName } from '../operators.js';
import { recordCashCount } from './cash.js';
import { closureOf, nextZNumber } from './closures.js';
import { alreadyClosedError, closeRefusal } from './closable.js';
import { computeReport, diffReports, fiscalSection } from './report.js';
import { msg } from '../../shared/messages/index.js';

export interface CloseDayDeps {
  /** Sends what is still pending and waits for the answers (the sync helper's drain). */
  finalSync?: () => Promise<void>;
  onProgress?: (p: CloseProgress) => void;
  /** How often transmission progress is reported while the final sync runs (ms). */
  progressEveryMs?: number;
}

function refuseIfClosed(db: WritableDb, day: string): void {
  const c = closureOf(db, day);
  if (c) throw alreadyClosedError(day, c);
}

/** Documents the AdE has not accepted may be closed over only with a note; returns how many. */
function refuseUnsentWithoutNote(db: WritableDb, day: string, note: string | null): number {
  const fiscal = fiscalSection(db, { from: day, to: day }, 'rows');
  const notReady = fiscal.pending + fiscal.failed;
  if (notReady > 0 && note === null)
    fail('DAY_HAS_UNSENT_DOCUMENTS',
      msg.reports.dayHasUnsentDocuments({ notReady, pending: fiscal.pending, failed: fiscal.failed }),
      'note');
  return notReady;
}

function syncProgress(fiscal: ReportFiscal, phase: 'start' | 'progress' | 'done' | 'skipped'): CloseProgress {
  return { step: 'sync', phase, pending: fiscal.pending, failed: fiscal.failed, ready: fiscal.ready, total: fiscal.total };
}

async function runFinalSync(db: WritableDb, day: string, deps: CloseDayDeps): Promise<ReportClosure['finalSync']> {
  const range = { from: day, to: day };
  const progress = deps.onProgress ?? (() => {});
  if (!deps.finalSync) {
    progress(syncProgress(fiscalSection(db, range), 'skipped'));
    return { ran: false, ok: false, error: null };
  }
  progress(syncProgress(fiscalSection(db, range), 'start'));
  const timer = setInterval(() => progress(syncProgress(fiscalSection(db, range), 'progress')), deps.progressEveryMs ?? 500);
  timer.unref?.();
  try {
    await deps.finalSync();
    return { ran: true, ok: true, error: null };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    progress({ step: 'sync-error', error });
    return { ran: true, ok: false, error };
  } finally {
    clearInterval(timer);
    progress(syncProgress(fiscalSection(db, range), 'done'));
  }
}

/**
 * Closes a business day (default: the one the end of day works on, dayToClose). Refuses a day
 * already closed, a day that has not begun (closable.ts: the second closing of an evening), a
 * failed final sync without `force`, and documents not accepted by the AdE without a `note`
 * explaining why the manager closes anyway. The note goes into the Z report.
 */
export async function closeDay(db: WritableDb, clock: Clock, input: CloseDayInput | unknown, deps: CloseDayDeps = {}): Promise<CloseDayResult> {
  const req = parseInput(CloseDayInputSchema, input);
  const day = req.business_day ?? dayToClose(db, clock.now());
  // A day already closed, or one that has not begun (the second closing of the evening): refused
  // before anything runs or is written.
  const refusal = closeRefusal(db, clock.now(), req.business_day);
  if (refusal) throw refusal;
  const operatorId = checkOperator(db, req.operator_id ?? null);
  const note = req.note && req.note !== '' ? req.note : null;
  deps.onProgress?.({ step: 'checking', businessDay: day });

  const finalSync = await runFinalSync(db, day, deps);
  if (finalSync.ran && !finalSync.ok && !req.force)
    fail('FINAL_SYNC_FAILED', msg.reports.finalSyncFailed({ error: finalSync.error }), 'force');

  refuseUnsentWithoutNote(db, day, note);
  deps.onProgress?.({ step: 'closing' });
  const result = db.transaction((): CloseDayResult => {
    refuseIfClosed(db, day);
    const notReady = refuseUnsentWithoutNote(db, day, note);
    if (req.count) recordCashCount(db, clock, req.count, { businessDay: day });
    const now = clock.now();
    const zNumber = nextZNumber(db);
    const closure: ReportClosure = { zNumber, closedAt: now.toISOString(), operatorId, operatorName: operatorName(db, operatorId), note, notReadyAtClose: notReady, finalSync };
    // The Z is computed from the ledger rows themselves; the running totals the X readings use
    // are checked against it and the outcome journaled.
    const range = { from: day, to: day };
    const report = { ...computeReport(db, range, { now, type: 'z', source: 'rows' }), closure };
    const totalsDiffer = diffReports(report, computeReport(db, range, { now, type: 'z', source: 'totals' }));
    const snapshot = canonicalJson(report);
    db.prepare('INSERT INTO day_closures (business_day, z_number, closed_at, operator_id, note, snapshot) VALUES (?,?,?,?,?,?)')
      .run(day, zNumber, closure.closedAt, operatorId, note, snapshot);
    appendAudit(db, {
      at: closure.closedAt,
      actor: operatorId,
      action: 'day.close',
      entityId: day,
      payload: {
        businessDay: day,
        zNumber,
        netCents: report.netCents,
        documents: report.sales.count + report.returns.count + report.voids.count,
        notReady,
        varianceCents: report.cash.varianceCents,
        note,
        totalsDiffer,
        snapshotSha256: createHash('sha256').update(snapshot).digest('hex'),
      },
    });
    return { businessDay: day, zNumber, report };
  }).immediate();
  deps.onProgress?.({ step: 'closed', zNumber: result.zNumber });
  return result;
}
