// `bancone print …` and `bancone printer …`: test page, a sale's receipt (the original while it is
// still queued, else a reprint), fiscal number slips, the queue (list, or print what is due), printer
// status. Jobs go through the same print_jobs table and queue as the app, so a job the printer cannot
// take now is kept and printed later (by the app's queue, or the next CLI run); jobs are claimed
// atomically, so the app and the CLI never print the same one twice.
import type { Command, CliContext } from '../command.js';
import { noMoreThan, parse } from '../args.js';
import { printJson } from '../output.js';
import { BanconeError } from '../../../shared/errors.js';
import { layoutDocument, renderPlainText } from '../../../shared/receipt.js';
import { romeDateTimeLabel } from '../../../shared/time.js';
import { getDocument } from '../../ledger/index.js';
import type { ReadableDb } from '../../db/types.js';
import {
  PRINTER_MODELS, createPrintingService, enqueueFiscalNumberSlip, enqueuePendingFiscalNumbers, enqueueReprint,
  enqueueTestPage, getPrintJob, getQueueStatus, listPrintJobs, makeStatus, printSettingsFromDb, printerUrl, transportFromUrl,
  type PrinterStatus, type PrintJob,
} from '../../printing/index.js';
import { msg } from '../../../shared/messages/index.js';

const usage = (u: string) => new BanconeError('CLI_USAGE', msg.cli.usage({ usage: u }));

/**
 * Prints the jobs just queued, and only those (receipts waiting for the app's queue keep their turn
 * there); what the printer cannot take now stays queued. Exit 0 all printed, 2 something queued.
 */
async function printNow(ctx: CliContext, jobIds: string[], json: boolean): Promise<number> {
  const db = ctx.db();
  const url = printerUrl(db, ctx.env);
  const service = createPrintingService({ db, clock: ctx.clock, env: ctx.env, statusPollMs: 0, pollMs: 60_000 });
  for (const id of jobIds) {
    if ((await service.queue.runJob(id)).outcome === 'retry') break; // the printer failed: the rest stays queued
  }
  const jobs = jobIds.map((id) => getPrintJob(db, id)).filter((j): j is PrintJob => j !== null);
  const printed = jobs.filter((j) => j.state === 'printed').length;
  const status = service.getPrinterStatus();
  if (json) {
    printJson(ctx, { printer: url, status, jobs: jobs.map((j) => ({ id: j.id, kind: j.kind, state: j.state, lastError: j.lastError })) });
  } else {
    for (const j of jobs) {
      if (j.state === 'printed') ctx.stdout(`Stampato: ${kindLabel(db, j)}${j.drawerPulse === 'receipt' && j.printedAt === j.drawerPulsedAt ? ', cassetto aperto' : ''}\n`);
      else ctx.stdout(`In coda: ${kindLabel(db, j)}${j.lastError ? ` (${j.lastError})` : ''}\n`);
    }
    if (printed < jobs.length) ctx.stderr(`Stampante ${url || '(non configurata)'}: ${ctx.lang === 'en' ? status.messageEn : status.message}. Il lavoro resta in coda e sarà stampato appena possibile.\n`);
  }
  return printed === jobs.length ? 0 : 2;
}

/** "scontrino N. 2026-11-21/0042" (the local number people know; the id if the document is gone). */
function kindLabel(db: ReadableDb, j: PrintJob): string {
  const names: Record<string, string> = {
    receipt: 'scontrino', copy: 'copia', reprint: 'ristampa', fiscal_number: 'numero fiscale', z_report: 'chiusura Z', test: 'pagina di prova', training_receipt: 'scontrino di prova (non fiscale)',
  };
  const number = j.documentId ? (db.prepare('SELECT number FROM documents WHERE id = ?').pluck().get(j.documentId) as string | undefined) : undefined;
  return `${names[j.kind] ?? j.kind}${number ? ` N. ${number}` : j.documentId ? ` ${j.documentId}` : ''}`;
}

const STATE_IT: Record<string, string> = {
  queued: 'in coda', printing: 'in stampa', retry: 'da riprovare', printed: 'stampato', failed: 'non stampabile', cancelled: 'annullato',
};

/** One line per job: when, state, what, attempts, why it has not printed. */
function queueLines(db: ReadableDb, jobs: PrintJob[]): string {
  if (jobs.length === 0) return 'Nessuna stampa in coda\n';
  return jobs.map((j) => `${romeDateTimeLabel(j.createdAt)}  ${(STATE_IT[j.state] ?? j.state).padEnd(14)} ${kindLabel(db, j)}  tentativi ${j.attempts}${j.lastError ? `  ${j.lastError}` : ''}\n`).join('');
}

const WAITING = ['queued', 'printing', 'retry', 'failed'] as const;

/** `print queue` / `printer queue`: the waiting jobs; --all the last 200 of any state; --run prints what is due. */
async function queueCommand(ctx: CliContext, opts: { all: boolean; run: boolean; json: boolean }): Promise<number> {
  const db = ctx.db();
  if (!opts.run) {
    const jobs = listPrintJobs(db, opts.all ? { limit: 200 } : { states: WAITING });
    if (opts.json) printJson(ctx, jobs);
    else ctx.stdout(queueLines(db, jobs));
    return 0;
  }
  const url = printerUrl(db, ctx.env);
  if (url === '') {
    ctx.stderr('Stampante non configurata: impostarla in Impostazioni (o con BANCONE_PRINTER). Le stampe restano in coda.\n');
    return 2;
  }
  const printed: string[] = [];
  const service = createPrintingService({
    db, clock: ctx.clock, env: ctx.env, statusPollMs: 0, pollMs: 60_000,
    onEvent: (e) => { if (e.type === 'printed') printed.push(e.jobId); },
  });
  const end = await service.queue.drain();
  const left = listPrintJobs(db, { states: WAITING });
  if (opts.json) {
    printJson(ctx, { printer: url, status: service.getPrinterStatus(), printed, waiting: left });
  } else {
    for (const id of printed) {
      const j = getPrintJob(db, id);
      if (j) ctx.stdout(`Stampato: ${kindLabel(db, j)}\n`);
    }
    if (printed.length === 0 && left.length === 0) ctx.stdout('Nessuna stampa in coda\n');
    if (left.length > 0) {
      ctx.stdout(`Ancora in coda:\n${queueLines(db, left)}`);
      if (end === 'retry') {
        const s = service.getPrinterStatus();
        ctx.stderr(`Stampante ${url}: ${ctx.lang === 'en' ? s.messageEn : s.message}. Le stampe restano in coda e si stampano appena possibile.\n`);
      }
    }
  }
  return end === 'retry' ? 2 : 0;
}

export const printCommand: Command = {
  name: 'print',
  summary: 'Stampa: pagina di prova, scontrino di una vendita, numeri fiscali, coda di stampa / print test page, a receipt, fiscal numbers, the print queue',
  usage: 'bancone print test | print sale SALE [--copy] [--fiscal-number] [--preview] | print fiscal-numbers | print queue [--all] [--run]  [--json]\n'
    + '  print sale: lo scontrino originale se è ancora in coda (con il cassetto, se non già aperto), altrimenti una ristampa\n'
    + '  print queue: le stampe in attesa con il motivo; --run stampa ora quelle pronte',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      copy: { type: 'boolean' },
      'fiscal-number': { type: 'boolean' },
      preview: { type: 'boolean' },
      all: { type: 'boolean' },
      run: { type: 'boolean' },
    }, 2);
    noMoreThan(positionals, positionals[0] === 'sale' ? 2 : 1);
    const json = values.json === true;
    const [what, ref] = positionals;
    const db = ctx.db();
    switch (what) {
      case 'test':
        return printNow(ctx, [enqueueTestPage(db, ctx.clock)], json);
      case 'sale': {
        if (!ref) throw usage('bancone print sale SALE (id o numero 2026-11-21/0042)');
        const doc = getDocument(db, ref);
        // The original receipt has not come out yet (paper out, a CLI sale before this fix, the app
        // closed): that is what the customer is owed, not a RISTAMPA; it goes out once.
        const original = values.copy || values['fiscal-number'] ? undefined
          : listPrintJobs(db, { documentId: doc.id, states: ['queued', 'retry'] }).find((j) => j.kind === 'receipt');
        if (values.preview) {
          const s = printSettingsFromDb(db);
          const layout = layoutDocument(doc, s.shop, { columns: s.columns, mark: original ? null : values.copy ? 'copy' : 'reprint', fiscalNumberSlip: s.fiscalNumberSlip ?? 'on_request' });
          if (json) printJson(ctx, layout);
          else ctx.stdout(renderPlainText(layout));
          return 0;
        }
        if (original) return printNow(ctx, [original.id], json);
        const id = values['fiscal-number'] ? enqueueFiscalNumberSlip(db, ctx.clock, doc.id) : enqueueReprint(db, ctx.clock, doc.id, values.copy ? 'copy' : 'reprint');
        return printNow(ctx, [id], json);
      }
      case 'fiscal-numbers': {
        const ids = enqueuePendingFiscalNumbers(db, ctx.clock);
        if (ids.length === 0 && !json) ctx.stdout('Nessun numero fiscale da stampare\n');
        return printNow(ctx, ids, json);
      }
      case 'queue':
        return queueCommand(ctx, { all: values.all === true, run: values.run === true, json });
      default:
        throw usage(this.usage);
    }
  },
};

function statusLines(url: string, s: PrinterStatus, ctx: CliContext): string[] {
  const q = getQueueStatus(ctx.db());
  const set = printSettingsFromDb(ctx.db());
  return [
    `Stampante: ${url || '(non configurata)'}${ctx.env.BANCONE_PRINTER ? ' (da BANCONE_PRINTER)' : ''}`,
    `Stato: ${ctx.lang === 'en' ? s.messageEn : s.message}`,
    `Modello: ${set.model}, ${set.columns} colonne, stampa ${set.mode === 'immediate' ? 'immediata' : `dopo il numero AdE (max ${set.waitSeconds} s)`}`,
    `Coda: ${q.waiting} in attesa${q.retry ? ` (${q.retry} da riprovare)` : ''}, ${q.failed} non stampabili${q.fiscalNumbersReady ? `, ${q.fiscalNumbersReady} numeri fiscali da stampare` : ''}`,
    `Numero AdE a parte: ${set.fiscalNumberSlip === 'auto' ? 'stampato da solo' : set.fiscalNumberSlip === 'never' ? 'mai' : 'su richiesta'}`,
    ...(q.lastError ? [`Ultimo errore: ${q.lastError}`] : []),
    '',
  ];
}

export const printerCommand: Command = {
  name: 'printer',
  summary: 'Stampante: stato, coda di stampa, modelli / printer status, print queue, models',
  usage: 'bancone printer status | printer queue [--all] [--run] | printer models  [--json]   (printer queue = print queue)',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { all: { type: 'boolean' }, run: { type: 'boolean' } }, 1);
    const json = values.json === true;
    const db = ctx.db();
    switch (positionals[0]) {
      case 'status': {
        const url = printerUrl(db, ctx.env);
        let status: PrinterStatus;
        if (url === '') status = makeStatus('not_configured', '', ctx.clock.now());
        else status = await transportFromUrl(url, { now: () => ctx.clock.now() }).status();
        if (json) printJson(ctx, { printer: url, status, queue: getQueueStatus(db) });
        else ctx.stdout(statusLines(url, status, ctx).join('\n'));
        return status.state === 'ready' || status.state === 'unknown' ? 0 : 2;
      }
      case 'queue':
        return queueCommand(ctx, { all: values.all === true, run: values.run === true, json });
      case 'models':
        if (json) printJson(ctx, PRINTER_MODELS);
        else ctx.stdout(PRINTER_MODELS.join('\n') + '\n');
        return 0;
      default:
        throw usage(this.usage);
    }
  },
};
