// How is the till? The one answer, for each who asks, each taking only what it shows:
//   the status bar (status.get, api/status.ts)    tillStatus: index lookups only, asked at every change
//   `bancone status` (cli/commands/status.ts)      tillReport: whole-table counts and the sync's full account
//   the sync port (sync/port.ts)                   syncConnection: the sync_state facts, no counts
// Each is a plain function of (db, clock[, ports]); nothing here keeps state. The facts come from the
// modules that own them: the ledger (the day's takings), the sync (its connection view, its queue and
// account), printing (its queue) and the ports the composition root wires (the printer's live state,
// which only the process running the print queue knows; the sync as its process reports it).
import type { ReadableDb } from './db/types.js';
import type { Clock } from '../shared/time.js';
import { isTransmissionBlackout } from '../shared/time.js';
import type { TillStatus } from '../shared/contract/status.js';
import { getOperator, type Operator } from './operators.js';
import type { PrintingPort, SyncPort } from './api/context.js';
import { getSetting } from './settings.js';
import { trainingState } from './training/mode.js';
import { shopLinkStatus } from './shop-link/status.js';
import { businessDayFor } from './ledger/numbering.js';
import { dayTakings, DAY_TAKINGS_SQL } from './ledger/read.js';
import { connectionView, getSyncStatus, type ConnectionView, type SyncStatus } from './sync/status.js';
import { countOutbox, outboxCounts, OUTBOX_COUNT_SQL } from './sync/outbox.js';
import { countPrintJobs, getQueueStatus, printJobCounts, PRINT_JOBS_COUNT_SQL, type QueueStatus } from './printing/jobs.js';
import { msg } from '../shared/messages/index.js';
import { SETUP_STEPS, type SetupStep } from '../shared/contract/setup.js';
import { laterSteps } from './setup/steps.js';

/** Documents still on their way to the AdE (the bar's «in coda»). */
const NOT_READY = ['pending', 'sending', 'sent', 'unknown'] as const;
/** Print job states still waiting for the printer. */
const PRINT_WAITING = ['queued', 'printing', 'retry'] as const;

/**
 * The status bar's queries. It is asked at every change while the till works, so each one reads an
 * index range of the rows still in motion, never the whole history (1M documents: the whole-table
 * counts of tillReport take ~0.3 s, which would stall every keystroke). A test checks each plan.
 */
export const STATUS_SQL = {
  today: DAY_TAKINGS_SQL,
  outbox: OUTBOX_COUNT_SQL,
  print_jobs: PRINT_JOBS_COUNT_SQL,
} as const;

/** What the status needs of the ports: the live state only their processes know. */
export interface StatusPorts {
  sync?: Pick<SyncPort, 'status'> | undefined;
  printing?: Pick<PrintingPort, 'status'> | undefined;
}

/** The sync port's status: Openapi's reachability and why the queue is stopped, from sync_state alone. */
export function syncConnection(db: ReadableDb, clock: Clock): ConnectionView {
  return connectionView(db, clock);
}

/** The status bar (status.get): today's takings (to a logged-in operator only), the fiscal queue, the printer, the blackout. */
export function tillStatus(db: ReadableDb, clock: Clock, ports: StatusPorts, operator: Pick<Operator, 'id' | 'name' | 'role'> | null): TillStatus {
  const now = clock.now();
  // No sync port (a backend without a sync process): nothing is known about Openapi, say so.
  const sync = ports.sync?.status() ?? { online: null, lastSuccessAt: null, problem: null, problemEn: null };
  const printer = ports.printing?.status() ?? (getSetting(db, 'printer.url') !== ''
    ? { state: 'unknown' as const, message: null, messageEn: null }
    : { state: 'not_configured' as const, message: msg.printing.notConfigured.it, messageEn: msg.printing.notConfigured.en });
  const businessDay = businessDayFor(db, now);
  return {
    now: now.toISOString(),
    businessDay,
    operator: operator ? { id: operator.id, name: operator.name, role: operator.role } : null,
    // The takings are for the people at the till, not for whoever looks at the login screen.
    today: operator ? dayTakings(db, businessDay) : { sales: 0, salesCents: 0, returns: 0, voids: 0 },
    sync: {
      online: sync.online,
      api: sync.api ?? 'checking',
      apiCheckedAt: sync.apiCheckedAt ?? null,
      stop: sync.stop ?? null,
      stopCode: sync.stopCode ?? null,
      apiMessage: sync.apiMessage ?? null,
      queued: countOutbox(db, NOT_READY),
      failed: countOutbox(db, ['failed']),
      lastSuccessAt: sync.lastSuccessAt,
      blackout: isTransmissionBlackout(now),
      problem: sync.problem,
      problemEn: sync.problemEn,
    },
    printer: { ...printer, waitingReceipt: 'waitingReceipt' in printer ? printer.waitingReceipt ?? null : null, queued: countPrintJobs(db, PRINT_WAITING) },
    server: shopLinkStatus(db),
    training: trainingState(db),
  };
}

export interface TillReport {
  businessDay: string;
  today: { sales: number; salesCents: number; returns: number; voids: number };
  /** Documents per outbox state, and print jobs per state, over the whole ledger. */
  outbox: Record<string, number>;
  printJobs: Record<string, number>;
  sync: SyncStatus;
  printing: QueueStatus;
  /** PIN locks (someone typing wrong PINs at one target) in the last 24 hours: the manager should know. */
  pinLocks: PinLocks;
  setup: SetupProgress;
}

/** Where the guided set-up stands (steps 1–6, in order) and whether the till is fiscal yet. */
export interface SetupProgress {
  done: SetupStep[];
  skipped: SetupStep[];
  todo: SetupStep[];
  training: boolean;
  fiscalSince: string | null;
}

/** `bancone status`'s set-up part: each step done (its rule met), skipped by the manager, or still to do. */
export function setupProgress(db: ReadableDb): SetupProgress {
  const training = trainingState(db);
  const later = laterSteps(db);
  const standing = (step: SetupStep): 'done' | 'skipped' | 'todo' => {
    if (step === 'shop' || step === 'ade') return training.missing.includes(step) ? 'todo' : 'done';
    return later[step].done ? 'done' : later[step].skipped ? 'skipped' : 'todo';
  };
  const of = (s: 'done' | 'skipped' | 'todo') => SETUP_STEPS.filter((step) => standing(step) === s);
  return { done: of('done'), skipped: of('skipped'), todo: of('todo'), training: training.training, fiscalSince: training.fiscalSince };
}

export interface PinLocks {
  last24h: number;
  lastAt: string | null;
  /** Whose PIN: the operator's name, or null for the approval PIN (any manager's). */
  lastTarget: string | null;
}

/** The audit log's `pin.locked` entries of the last 24 hours (written by api/session.ts). */
export function pinLocks(db: ReadableDb, clock: Clock): PinLocks {
  const since = new Date(clock.now().getTime() - 24 * 3600 * 1000).toISOString();
  const rows = db.prepare(`SELECT at, entity_id FROM audit_log WHERE action = 'pin.locked' AND at >= ? ORDER BY seq DESC`).all(since) as { at: string; entity_id: string | null }[];
  const last = rows[0];
  return { last24h: rows.length, lastAt: last?.at ?? null, lastTarget: last?.entity_id ? getOperator(db, last.entity_id)?.name ?? last.entity_id : null };
}

/** `bancone status`: the day, the whole fiscal queue with the sync's account, the print queue. Reads every row: not for the bar. */
export function tillReport(db: ReadableDb, clock: Clock): TillReport {
  const now = clock.now();
  const businessDay = businessDayFor(db, now);
  const outbox = outboxCounts(db);
  return {
    businessDay,
    today: dayTakings(db, businessDay),
    outbox,
    printJobs: printJobCounts(db),
    sync: getSyncStatus(db, clock, outbox),
    printing: getQueueStatus(db),
    pinLocks: pinLocks(db, clock),
    setup: setupProgress(db),
  };
}
