// The receipt of a document recorded from the CLI (`bancone sale`, `return`, `void`) printed at once,
// as the till does: the original, with the drawer for cash. The document is already durable; a
// printer problem never fails the command, it leaves the receipt queued and says how to print it.
// Jobs are claimed atomically, so the app (if it runs) and the CLI never print the same receipt twice.
import type { CliContext } from '../command.js';
import {
  createPrintingService, getPrintJob, makeDueNow, printSettingsFromDb, printerUrl, type PrintJob, type PrintingService,
} from '../../printing/index.js';
import { msg, textOf, type Text } from '../../../shared/messages/index.js';

export interface ReceiptOutcome {
  printJobId: string | null;
  /** 'not_printed': --no-print; otherwise the print job's state after the attempt. */
  state: 'not_printed' | 'printed' | 'queued' | 'retry' | 'printing' | 'failed' | 'cancelled';
  printed: boolean;
  /** The cash drawer was opened for it (with the receipt, or by the real-time pulse while the printer could not print). */
  drawerOpened: boolean;
  /** Why it did not print (Italian / English), null when it printed. */
  reason: string | null;
  reasonEn: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `--no-print`: no receipt job was even queued. */
export function notPrinted(): ReceiptOutcome {
  return { printJobId: null, state: 'not_printed', printed: false, drawerOpened: false, reason: null, reasonEn: null };
}

/**
 * Prints one queued receipt now. In printer.mode wait_fiscal the receipt waits for its AdE number
 * (the sync, if it runs, may bring it) for at most printer.waitSeconds of real time, then prints
 * without it, as the app does.
 */
export async function printReceiptNow(ctx: CliContext, printJobId: string): Promise<ReceiptOutcome> {
  const db = ctx.db();
  const outcome = (job: PrintJob | null, reason: string | null, reasonEn: string | null): ReceiptOutcome => ({
    printJobId,
    state: (job?.state ?? 'queued') as ReceiptOutcome['state'],
    printed: job?.state === 'printed',
    drawerOpened: job?.drawerPulse != null,
    reason: job?.state === 'printed' ? null : reason,
    reasonEn: job?.state === 'printed' ? null : reasonEn,
  });
  if (printerUrl(db, ctx.env) === '') {
    return outcome(getPrintJob(db, printJobId), 'stampante non configurata', 'no printer configured');
  }
  const make = (immediate: boolean): PrintingService => createPrintingService({
    db, clock: ctx.clock, env: ctx.env, statusPollMs: 0, pollMs: 60_000,
    ...(immediate ? { settings: () => ({ ...printSettingsFromDb(db), mode: 'immediate' as const }) } : {}),
  });
  let service = make(false);
  // Real time, not ctx.clock: the wait is for the sync process, whatever clock the ledger uses.
  const waitUntil = performance.now() + (printSettingsFromDb(db).waitSeconds + 1) * 1000;
  let r = await service.queue.runJob(printJobId);
  // Deferred: waiting for the AdE number (and not due again yet, so the next try reads 'idle').
  const waiting = () => r.outcome === 'deferred' || (r.outcome === 'idle' && getPrintJob(db, printJobId)?.state === 'queued');
  while (waiting()) {
    if (performance.now() >= waitUntil) {
      service = make(true);
      makeDueNow(db, printJobId, ctx.clock.now());
    } else {
      await sleep(250);
    }
    r = await service.queue.runJob(printJobId);
  }
  const job = getPrintJob(db, printJobId);
  if (r.outcome === 'taken' || job?.state === 'printing') {
    return outcome(job, "lo sta stampando l'app della cassa", 'the till app is printing it');
  }
  const status = service.getPrinterStatus();
  return outcome(job, job?.lastError ?? status.message, status.messageEn);
}

/** What the sale/return/void commands say about the receipt (stdout if printed, stderr if not). */
export function reportReceipt(ctx: CliContext, o: ReceiptOutcome, documentNumber: string): void {
  const say = (t: Text) => t[ctx.lang];
  if (o.state === 'not_printed') {
    ctx.stdout(`${say(msg.cli.receiptNotPrintedAsked)}\n`);
    return;
  }
  if (o.printed) {
    ctx.stdout(`${say(msg.cli.receiptPrinted({ drawerOpened: o.drawerOpened }))}\n`);
    return;
  }
  const reason = textOf({ message: o.reason ?? '', messageEn: o.reasonEn ?? o.reason ?? '' });
  ctx.stderr(`${say(msg.cli.receiptNotPrinted({ reason, drawerOpened: o.drawerOpened, number: documentNumber }))}\n`);
}

/** The receipt part of the --json output. */
export function receiptJson(o: ReceiptOutcome): Record<string, unknown> {
  return { print_job_id: o.printJobId, state: o.state, printed: o.printed, drawer_opened: o.drawerOpened, error: o.reason, error_en: o.reasonEn };
}
