// The print queue: runs in the main process's event loop and works through print_jobs one job at a
// time, oldest first. A printer problem never loses a receipt and never blocks the till: the job is
// kept (state 'retry', attempts and last error visible), the printer is left alone for a while
// (exponential backoff, capped), and every new sale (`wake`) tries again at once. All state is in
// SQLite, so a restart picks up exactly where the queue stopped.
import type { WritableDb, ReadableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { DocumentRecord } from '../../shared/document.js';
import { isBanconeError, toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { encodeLayout, realtimePulseBytes, type DrawerPulse, type LogoImage } from './encode.js';
import { movesCash } from '../../shared/receipt.js';
import { renderJob, type RenderSettings } from './render.js';
import {
  deferJob, getQueueStatus, insertPrintJob, claimJob, markFailed, markPrinted, markRetry, nextDeferredAt, nextDueJob,
  getPrintJob, recoverInterrupted, claimRealtimePulse, releaseRealtimePulse, receiptsAwaitingDrawer, enqueueAutoFiscalNumberSlip,
  printedProvisional, markSkipped, type PrintJob, type PrintJobKind, type QueueStatus,
} from './jobs.js';
import { PrinterError, makeStatus, type PrinterStatus } from './printer-status.js';
import type { PrintTransport } from './transports/types.js';
import { msg } from '../../shared/messages/index.js';

export interface QueueSettings extends Omit<RenderSettings, 'logo' | 'printer'> {
  model: string;
  logo?: LogoImage | null;
  drawer?: Partial<DrawerPulse>;
  cut?: 'partial' | 'full';
}

export interface PrintQueueOptions {
  db: WritableDb;
  clock: Clock;
  /** The printer for the next job (null = none configured); asked per job, so a settings change applies at once. */
  transport: () => PrintTransport | null;
  /** Layout settings, read per job for the same reason. */
  settings: () => QueueSettings;
  getDocument: (db: ReadableDb, id: string) => DocumentRecord;
  /** Pause after a printer failure: base × 2^(failures−1), at most max. */
  retry?: { baseMs?: number; maxMs?: number };
  /** Look at the table this often even without a wake (jobs written by another process, e.g. the CLI). */
  pollMs?: number;
  /** Ask an idle printer for its status this often, so the status bar shows paper out before the next sale (0 = never). */
  statusPollMs?: number;
  /**
   * Last-resort watchdog on one delivery. Transports have their own deadlines; this only keeps a
   * wedged one (a serial line held by flow control forever) from stopping the queue.
   */
  jobTimeoutMs?: number;
  onEvent?: (e: PrintQueueEvent) => void;
}

export type PrintQueueEvent =
  | { type: 'printed'; jobId: string; kind: string; documentId: string | null; confirmed: boolean; provisional: boolean | null }
  | { type: 'retry'; jobId: string; error: ErrorInfo; nextAttemptAt: string }
  | { type: 'failed'; jobId: string; error: ErrorInfo }
  | { type: 'deferred'; jobId: string; until: string }
  /** The cash drawer was opened with a real-time pulse for a receipt that cannot print now. */
  | { type: 'drawer'; jobId: string; documentId: string | null }
  | { type: 'skipped'; jobId: string; reason: string }
  | { type: 'status'; status: PrinterStatus };

/** 'taken': another process claimed the job first (it prints it). 'skipped': nothing left to print. */
export type JobOutcome = 'printed' | 'retry' | 'failed' | 'deferred' | 'taken' | 'skipped' | 'idle';

/**
 * Printer states in which the printer is there and executes real-time commands but cannot print:
 * DLE DC4 opens the drawer anyway (Epson ESC/POS: "executed even when the printer is offline or in
 * an error state"; not after an unrecoverable error, which then simply has no effect).
 */
const REALTIME_STATES: ReadonlySet<string> = new Set(['paper_out', 'cover_open', 'offline', 'error']);

/**
 * A receipt this recent still has its customer at the counter: its drawer may be opened with a
 * real-time pulse. Older ones are not (a drawer popping open by itself minutes later helps nobody;
 * it opens with the receipt when that prints, as ESC p always did).
 */
export const REALTIME_DRAWER_WINDOW_MS = 2 * 60_000;

export interface PrintQueue {
  /** Recovers jobs interrupted by a crash and starts working. */
  start(): void;
  /** Stops after the job in hand (if any). */
  stop(): Promise<void>;
  /** A job was just queued (a sale was committed) or the cashier pressed "riprova": try now. */
  wake(): void;
  /** Handles the next due job, if any (tests and the CLI drive the queue with this). */
  runOnce(): Promise<{ outcome: JobOutcome; job: PrintJob | null }>;
  /** Handles one given job now, out of turn ('idle' if it is not waiting to print). */
  runJob(id: string): Promise<{ outcome: JobOutcome; job: PrintJob | null }>;
  /** Runs jobs until none is due ('idle') or the printer failed ('retry'). */
  drain(): Promise<'idle' | 'retry'>;
  enqueue(job: { kind: PrintJobKind; documentId?: string | null; payload?: unknown }): string;
  /** Last known printer status (from the last job or status check). */
  printerStatus(): PrinterStatus;
  refreshStatus(): Promise<PrinterStatus>;
  queueStatus(): QueueStatus;
}

export function createPrintQueue(o: PrintQueueOptions): PrintQueue {
  const baseMs = o.retry?.baseMs ?? 1000;
  const maxMs = o.retry?.maxMs ?? 30_000;
  const pollMs = o.pollMs ?? 2000;
  const statusPollMs = o.statusPollMs ?? 30_000;
  const jobTimeoutMs = o.jobTimeoutMs ?? 5 * 60_000;
  const { db, clock } = o;

  let status: PrinterStatus = makeStatus('unknown', '', clock.now());
  let failures = 0;
  let backoffUntil = 0; // performance.now() ms
  let running = false;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  let lastStatusCheck = -Infinity;

  const emit = (e: PrintQueueEvent) => {
    try { o.onEvent?.(e); } catch { /* a listener's bug must not stop printing */ }
  };
  const setStatus = (s: PrinterStatus) => {
    status = s;
    lastStatusCheck = performance.now();
    emit({ type: 'status', status: s });
  };

  async function processNext(onlyId?: string): Promise<{ outcome: JobOutcome; job: PrintJob | null }> {
    const now = clock.now();
    const job = onlyId === undefined ? nextDueJob(db, now) : dueJob(onlyId, now);
    if (!job) return { outcome: 'idle', job: null };
    if (job.kind === 'fiscal_number' && isAutoSlip(job) && job.documentId && !printedProvisional(db, job.documentId)) {
      // Queued when the number arrived while its receipt was printing; the receipt then printed
      // again later, with the number on it: the slip would tell the customer nothing new.
      const reason = 'Non serve: lo scontrino riporta già il numero AdE';
      markSkipped(db, job.id, clock.now(), reason);
      emit({ type: 'skipped', jobId: job.id, reason });
      return { outcome: 'skipped', job };
    }
    const settings = o.settings();
    const transport = o.transport();

    let rendered;
    try {
      rendered = renderJob(job, { ...settings, logo: Boolean(settings.logo), ...(transport ? { printer: transport.target } : {}) }, now,
        (id) => o.getDocument(db, id));
    } catch (e) {
      // Only a known, job-specific problem (no such document, bad report data) ends a job; anything
      // else may be passing (a busy database) and the job is kept.
      if (isBanconeError(e)) {
        markFailed(db, job.id, clock.now(), e.message);
        emit({ type: 'failed', jobId: job.id, error: toErrorInfo(e) });
        return { outcome: 'failed', job };
      }
      return retry(job, e);
    }
    if (rendered.kind === 'defer') {
      deferJob(db, job.id, clock.now(), rendered.until, rendered.note);
      emit({ type: 'deferred', jobId: job.id, until: rendered.until.toISOString() });
      return { outcome: 'deferred', job };
    }

    if (!transport) {
      setStatus(makeStatus('not_configured', '', clock.now()));
      return retry(job, new PrinterError('PRINTER_NOT_CONFIGURED', msg.printing.notConfigured, status));
    }
    if (!claimJob(db, job.id, clock.now())) return { outcome: 'taken', job };
    // Read after the claim: another process may have opened the drawer for it meanwhile.
    const drawerDone = getPrintJob(db, job.id)?.drawerPulse != null;
    const openDrawer = rendered.layout.openDrawer && !drawerDone;
    try {
      const bytes = encodeLayout(rendered.layout, {
        model: settings.model, logo: settings.logo ?? null, ...(settings.drawer ? { drawer: settings.drawer } : {}), ...(settings.cut ? { cut: settings.cut } : {}),
        openDrawer,
      });
      const result = await withWatchdog(transport.print(bytes), transport.target);
      markPrinted(db, job.id, clock.now(), { provisional: rendered.provisional, confirmed: result.confirmed, drawerOpened: openDrawer });
      failures = 0;
      backoffUntil = 0;
      setStatus(result.status ?? makeStatus('unknown', transport.target, clock.now()));
      emit({ type: 'printed', jobId: job.id, kind: job.kind, documentId: job.documentId, confirmed: result.confirmed, provisional: rendered.provisional });
      // The AdE number may have arrived while this receipt was on its way out without it.
      if (job.kind === 'receipt' && rendered.provisional && job.documentId) enqueueSlipSafely(job.documentId);
      return { outcome: 'printed', job };
    } catch (e) {
      if (e instanceof PrinterError && e.status) setStatus(e.status);
      const out = retry(job, e);
      if (e instanceof PrinterError && e.status && REALTIME_STATES.has(e.status.state)) {
        // The job's own outcome stands whatever happens here (a busy database is tried at the next failure).
        await openDrawersNow(transport, settings).catch(() => undefined);
      }
      return out;
    }
  }

  function isAutoSlip(job: PrintJob): boolean {
    try { return (JSON.parse(job.payload ?? 'null') as { auto?: unknown } | null)?.auto === true; } catch { return false; }
  }

  function enqueueSlipSafely(documentId: string): void {
    try {
      if (enqueueAutoFiscalNumberSlip(db, documentId, clock.now())) schedule(0);
    } catch { /* a busy database: the receipt is printed; `bancone print fiscal-numbers` still finds it */ }
  }

  /**
   * The printer is there but cannot print (paper out, cover open): open the cash drawer now for every
   * recent cash receipt waiting to print, once each, with the real-time pulse. Recorded first (the
   * claim), so the receipt does not open the drawer a second time when it prints, and two processes
   * never both send it; given back if the pulse could not be sent.
   */
  async function openDrawersNow(transport: PrintTransport, settings: QueueSettings): Promise<void> {
    if (!transport.sendRealtime) return;
    const seen = new Set<string>();
    // Looked up again after each pulse: a sale committed meanwhile gets its pulse now, not after the backoff.
    for (;;) {
      const since = new Date(clock.now().getTime() - REALTIME_DRAWER_WINDOW_MS);
      const j = receiptsAwaitingDrawer(db, since).find((x) => !seen.has(x.id));
      if (!j) return;
      seen.add(j.id);
      let cash = false;
      try { cash = j.documentId !== null && movesCash(o.getDocument(db, j.documentId)); } catch { cash = false; }
      if (!cash || !claimRealtimePulse(db, j.id, clock.now())) continue;
      try {
        await transport.sendRealtime(realtimePulseBytes(settings.drawer ?? {}));
        emit({ type: 'drawer', jobId: j.id, documentId: j.documentId });
      } catch {
        releaseRealtimePulse(db, j.id);
        return; // the printer is gone too: the receipts open the drawer when they print
      }
    }
  }

  function withWatchdog<T>(p: Promise<T>, target: string): Promise<T> {
    let t: NodeJS.Timeout | undefined;
    const limit = jobTimeoutMs < 1000 ? `${jobTimeoutMs} ms` : `${Math.round(jobTimeoutMs / 1000)} s`;
    const timeout = new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new PrinterError('PRINTER_TIMEOUT', msg.printing.jobTimeout({ limit }), makeStatus('timeout', target, clock.now()))), jobTimeoutMs);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(t));
  }

  function dueJob(id: string, now: Date): PrintJob | null {
    const j = getPrintJob(db, id);
    if (!j) return null;
    const due = j.state === 'retry' || (j.state === 'queued' && (j.nextAttemptAt === null || j.nextAttemptAt <= now.toISOString()));
    return due ? j : null;
  }

  function retry(job: PrintJob, e: unknown): { outcome: JobOutcome; job: PrintJob } {
    failures += 1;
    const delay = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 20));
    backoffUntil = performance.now() + delay;
    const at = clock.now();
    const next = new Date(at.getTime() + delay);
    const info = toErrorInfo(e);
    markRetry(db, job.id, at, info.message, next);
    emit({ type: 'retry', jobId: job.id, error: info, nextAttemptAt: next.toISOString() });
    return { outcome: 'retry', job };
  }

  function runOnce(onlyId?: string): Promise<{ outcome: JobOutcome; job: PrintJob | null }> {
    const run = () => processNext(onlyId);
    const p = current.then(run, run);
    current = p.catch(() => undefined);
    return p;
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, Math.max(0, ms));
    timer.unref();
  }

  async function tick(): Promise<void> {
    timer = null;
    if (stopped) return;
    if (running) return;
    const wait = backoffUntil - performance.now();
    if (wait > 0) { schedule(wait); return; }
    running = true;
    let outcome: JobOutcome = 'idle';
    try {
      outcome = (await runOnce()).outcome;
    } catch {
      // The database or a setting failed us (not the printer): pause like after a printer failure.
      failures += 1;
      backoffUntil = performance.now() + Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 20));
      outcome = 'retry';
    } finally {
      running = false;
    }
    if (stopped) return;
    if (outcome === 'printed' || outcome === 'failed' || outcome === 'deferred' || outcome === 'taken' || outcome === 'skipped') { schedule(0); return; }
    if (outcome === 'retry') { schedule(backoffUntil - performance.now()); return; }
    // Idle: wake for the next deferred job, the poll, or a status check, whichever comes first.
    const deferred = nextDeferredAt(db);
    const untilDeferred = deferred ? new Date(deferred).getTime() - clock.now().getTime() : Infinity;
    if (statusPollMs > 0 && performance.now() - lastStatusCheck >= statusPollMs) refreshStatus().catch(() => undefined);
    schedule(Math.min(pollMs, untilDeferred));
  }

  async function refreshStatus(): Promise<PrinterStatus> {
    const t = o.transport();
    if (!t) {
      setStatus(makeStatus('not_configured', '', clock.now()));
      return status;
    }
    setStatus(await t.status());
    return status;
  }

  function wake(): void {
    // A new job or a person asking: do not make them wait out the backoff. (If a job is in hand,
    // its outcome decides: success runs the next job at once, a failure means the printer just failed.)
    backoffUntil = 0;
    if (!stopped && !running) schedule(0);
  }

  async function drain(): Promise<'idle' | 'retry'> {
    for (;;) {
      const { outcome } = await runOnce();
      if (outcome === 'idle' || outcome === 'retry') return outcome;
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      recoverInterrupted(db, clock.now());
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await current;
    },
    wake,
    runOnce: () => runOnce(),
    runJob: (id: string) => runOnce(id),
    drain,
    enqueue(job) {
      const id = insertPrintJob(db, clock.now(), job);
      wake();
      return id;
    },
    printerStatus: () => status,
    refreshStatus,
    queueStatus: () => getQueueStatus(db),
  };
}
