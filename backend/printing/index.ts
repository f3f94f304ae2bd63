// Printing: receipts and reports from the print_jobs table to the shop's ESC/POS printer.
//   layout (shared/receipt.ts) → encode (ESC/POS bytes) → transport (tcp / lp / winspool / serial)
// The queue runs in the main process's event loop; everything it needs is passed in.
//
//   const printing = createPrintingService({ db, clock, env: process.env });
//   printing.queue.start();          // at start-up
//   printing.queue.wake();           // after each commit (the handlers do it through `port`)
//   printing.port                    // the PrintingPort the contract handlers use
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { DocumentRecord } from '../../shared/document.js';
import { fail } from '../../shared/errors.js';
import type { ZReportPrintable } from '../../shared/receipt.js';
import { getSetting, shopInfo } from '../settings.js';
import { getDocument as ledgerGetDocument } from '../ledger/read.js';
import type { PrintingPort } from '../api/context.js';
import { createPrintQueue, type PrintQueue, type PrintQueueEvent, type QueueSettings } from './queue.js';
import { insertPrintJob, newestWaitingReceipt, provisionalAwaitingSlip } from './jobs.js';
import type { WaitingReceipt } from '../../shared/contract/status.js';
import { ZReportPrintableSchema } from './render.js';
import { resolvePrinterUrl, transportFromUrl, type PrintTransport, type TransportOptions } from './transports/index.js';
import { makeStatus, type PrinterStatus } from './printer-status.js';
import type { LogoImage } from './encode.js';

export { encodeLayout, realtimePulseBytes, cp858Bytes, PRINTER_MODELS, DEFAULT_PRINTER_MODEL, isPrinterModel, type EncodeOptions, type LogoImage, type DrawerPulse } from './encode.js';
export { createPrintQueue, REALTIME_DRAWER_WINDOW_MS, type PrintQueue, type PrintQueueOptions, type PrintQueueEvent, type QueueSettings, type JobOutcome } from './queue.js';
export {
  getQueueStatus, listPrintJobs, getPrintJob, cancelJob, insertPrintJob, provisionalAwaitingSlip, newestWaitingReceipt, makeDueNow,
  enqueueAutoFiscalNumberSlip, PRINT_JOB_KINDS, PRINT_JOB_STATES,
  type PrintJob, type PrintJobKind, type PrintJobState, type QueueStatus, type DrawerPulseKind,
} from './jobs.js';
import { msg, textOf } from '../../shared/messages/index.js';
import { PrinterError } from './printer-status.js';
import { realtimePulseBytes, drawerPulseJob } from './encode.js';
export { renderJob, ZReportPrintableSchema, type PrintMode, type RenderSettings } from './render.js';
export { PrinterError, makeStatus, statusFromReplies, type PrinterStatus, type PrinterState } from './printer-status.js';
export * from './transports/index.js';

/** Layout and printer settings as stored in the settings table. */
export function printSettingsFromDb(db: ReadableDb, logo: LogoImage | null = null): QueueSettings {
  return {
    columns: getSetting(db, 'printer.columns'),
    model: getSetting(db, 'printer.model'),
    mode: getSetting(db, 'printer.mode'),
    waitSeconds: getSetting(db, 'printer.waitSeconds'),
    fiscalNumberSlip: getSetting(db, 'printing.fiscalNumberSlip'),
    shop: shopInfo(db),
    logo,
  };
}

/** The printer address in force (BANCONE_PRINTER wins over the `printer.url` setting). */
export function printerUrl(db: ReadableDb, env: { BANCONE_PRINTER?: string | undefined } = process.env): string {
  return resolvePrinterUrl(getSetting(db, 'printer.url'), env);
}

function documentExists(db: ReadableDb, id: string): void {
  if (!db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id)) {
    fail('DOCUMENT_NOT_FOUND', msg.ledger.documentNotFound({ ref: id }), 'id');
  }
}

/** A copy ("COPIA", handed over now) or a reprint ("RISTAMPA - COPIA", later, from the history). */
export function enqueueReprint(db: WritableDb, clock: Clock, documentId: string, mark: 'copy' | 'reprint' = 'reprint'): string {
  documentExists(db, documentId);
  return insertPrintJob(db, clock.now(), { kind: mark, documentId });
}

/** The slip with the AdE number of a receipt that went out provisional (waits for the number if needed). */
export function enqueueFiscalNumberSlip(db: WritableDb, clock: Clock, documentId: string): string {
  documentExists(db, documentId);
  return insertPrintJob(db, clock.now(), { kind: 'fiscal_number', documentId });
}

/** "Stampa numeri fiscali": one slip for every provisional receipt whose number has arrived. */
export function enqueuePendingFiscalNumbers(db: WritableDb, clock: Clock): string[] {
  return db.transaction(() => provisionalAwaitingSlip(db).map((id) => insertPrintJob(db, clock.now(), { kind: 'fiscal_number', documentId: id })))();
}

/** A Z (or X) report; validated here so a bad report fails for the caller, not later in the queue. */
export function enqueueZReport(db: WritableDb, clock: Clock, report: ZReportPrintable): string {
  const parsed = ZReportPrintableSchema.safeParse(report);
  if (!parsed.success) {
    fail('Z_REPORT_INVALID', msg.printing.zReportInvalid({ detail: parsed.error.issues[0]?.message ?? '' }), 'report');
  }
  return insertPrintJob(db, clock.now(), { kind: 'z_report', payload: parsed.data });
}

export function enqueueTestPage(db: WritableDb, clock: Clock): string {
  return insertPrintJob(db, clock.now(), { kind: 'test' });
}

export interface PrintingServiceOptions {
  db: WritableDb;
  clock: Clock;
  env?: { BANCONE_PRINTER?: string | undefined };
  transportOptions?: TransportOptions;
  /** Overrides (tests): a fixed transport, settings or document reader. */
  transport?: () => PrintTransport | null;
  settings?: () => QueueSettings;
  getDocument?: (db: ReadableDb, id: string) => DocumentRecord;
  retry?: { baseMs?: number; maxMs?: number };
  pollMs?: number;
  statusPollMs?: number;
  jobTimeoutMs?: number;
  onEvent?: (e: PrintQueueEvent) => void;
}

export interface PrintingService {
  queue: PrintQueue;
  /** For the contract handlers (status bar, reprint, test page, wake after commit). */
  port: PrintingPort;
  /** The transport for the configured printer, or null (not configured or invalid URL). */
  transport(): PrintTransport | null;
  getPrinterStatus(): PrinterStatus;
}

/** States in which a receipt cannot come out: the counter shows the waiting receipt. */
const NOT_PRINTING: ReadonlySet<string> = new Set(['paper_out', 'cover_open', 'offline', 'error', 'unreachable', 'timeout']);

/**
 * The receipt the counter must hear about: the newest original receipt still waiting, when it waits
 * because of the printer (it failed, or the printer is known to be unable to print). A receipt that
 * is simply next in line, or waiting for its AdE number (printer.mode wait_fiscal), is not news.
 * Null without a printer configured: then no receipt ever prints, which the status bar already says.
 */
export function waitingReceiptNotice(db: ReadableDb, printer: PrinterStatus): WaitingReceipt | null {
  if (printer.state === 'not_configured') return null;
  const w = newestWaitingReceipt(db);
  if (!w) return null;
  if (w.state !== 'retry' && !NOT_PRINTING.has(printer.state)) return null;
  return {
    documentId: w.documentId, documentNumber: w.documentNumber, documentKind: w.documentKind, since: w.since, attempts: w.attempts,
    lastError: w.lastError, drawerOpened: w.drawerOpened, others: w.others,
  };
}

/** Maps the printer status onto the contract's status-bar states. */
export function contractPrinterState(s: PrinterStatus): ReturnType<PrintingPort['status']>['state'] {
  switch (s.state) {
    case 'ready': return 'ok';
    case 'unreachable':
    case 'timeout': return 'offline';
    default: return s.state;
  }
}

export function createPrintingService(o: PrintingServiceOptions): PrintingService {
  const env = o.env ?? process.env;
  let cached: { url: string; transport: PrintTransport | null; error: PrinterStatus | null } | null = null;
  const transport = o.transport ?? (() => {
    const url = printerUrl(o.db, env);
    if (cached?.url !== url) {
      try {
        cached = { url, transport: url === '' ? null : transportFromUrl(url, { now: () => o.clock.now(), ...o.transportOptions }), error: null };
      } catch (e) {
        const s = makeStatus('not_configured', url, o.clock.now());
        cached = { url, transport: null, error: { ...s, message: (e as Error).message, messageEn: (e as Error).message } };
      }
    }
    return cached.transport;
  });
  const queue = createPrintQueue({
    db: o.db,
    clock: o.clock,
    transport,
    settings: o.settings ?? (() => printSettingsFromDb(o.db)),
    getDocument: o.getDocument ?? ledgerGetDocument,
    ...(o.retry ? { retry: o.retry } : {}),
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
    ...(o.statusPollMs !== undefined ? { statusPollMs: o.statusPollMs } : {}),
    ...(o.jobTimeoutMs !== undefined ? { jobTimeoutMs: o.jobTimeoutMs } : {}),
    ...(o.onEvent ? { onEvent: o.onEvent } : {}),
  });
  const getPrinterStatus = (): PrinterStatus => {
    const t = transport();
    if (cached?.error) return cached.error;
    // No printer at all: say so from the start, not "unknown" until the first receipt tries.
    if (!t) return makeStatus('not_configured', '', o.clock.now());
    return queue.printerStatus();
  };
  const port: PrintingPort = {
    status() {
      const s = getPrinterStatus();
      return { state: contractPrinterState(s), message: s.message, messageEn: s.messageEn, waitingReceipt: waitingReceiptNotice(o.db, s) };
    },
    enqueue({ kind, documentId }) {
      const id = kind === 'test' ? enqueueTestPage(o.db, o.clock)
        : kind === 'fiscal_number' ? enqueueFiscalNumberSlip(o.db, o.clock, documentId ?? '')
          : enqueueReprint(o.db, o.clock, documentId ?? '', 'reprint');
      queue.wake();
      return id;
    },
    wake: () => queue.wake(),
    async openDrawer() {
      const t = transport();
      if (!t) throw cached?.error ? new PrinterError('PRINTER_URL_INVALID', textOf({ message: cached.error.message ?? '', messageEn: cached.error.messageEn ?? '' })) : new PrinterError('PRINTER_NOT_CONFIGURED', msg.printing.notConfigured);
      // DLE DC4 where the transport reaches the printer itself (it opens even with the paper out);
      // through a spooler or a serial line, ESC p as a job of its own.
      if (t.sendRealtime) await t.sendRealtime(realtimePulseBytes());
      else await t.print(drawerPulseJob());
    },
  };
  return { queue, port, transport, getPrinterStatus };
}
