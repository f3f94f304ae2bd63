// `bancone print …` and `bancone printer …`: test page, reprints, fiscal number slips, printer and
// queue status. Jobs go through the same print_jobs table and queue as the app, so a job the
// printer cannot take now is kept and printed later (by the app's queue, or the next CLI run).
import type { Command, CliContext } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { BanconeError } from '../../../shared/errors.js';
import { layoutDocument, renderPlainText } from '../../../shared/receipt.js';
import { getDocument } from '../../services/ledger/index.js';
import {
  PRINTER_MODELS, createPrintingService, enqueueFiscalNumberSlip, enqueuePendingFiscalNumbers, enqueueReprint,
  enqueueTestPage, getPrintJob, getQueueStatus, listPrintJobs, makeStatus, printSettingsFromDb, printerUrl, transportFromUrl,
  type PrinterStatus, type PrintJob,
} from '../../services/printing/index.js';

const usage = (u: string) => new BanconeError('CLI_USAGE', `Uso: ${u}`, `Usage: ${u}`);

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
      if (j.state === 'printed') ctx.stdout(`Stampato: ${kindLabel(j)}\n`);
      else ctx.stdout(`In coda: ${kindLabel(j)}${j.lastError ? ` (${j.lastError})` : ''}\n`);
    }
    if (printed < jobs.length) ctx.stderr(`Stampante ${url || '(non configurata)'}: ${ctx.lang === 'en' ? status.messageEn : status.message}. Il lavoro resta in coda e sarà stampato appena possibile.\n`);
  }
  return printed === jobs.length ? 0 : 2;
}

function kindLabel(j: PrintJob): string {
  const names: Record<string, string> = {
    receipt: 'scontrino', copy: 'copia', reprint: 'ristampa', fiscal_number: 'numero fiscale', z_report: 'chiusura Z', test: 'pagina di prova',
  };
  return `${names[j.kind] ?? j.kind}${j.documentId ? ` ${j.documentId}` : ''}`;
}

export const printCommand: Command = {
  name: 'print',
  summary: 'Stampa: pagina di prova, ristampa di uno scontrino, numeri fiscali / print test page, receipt copy, fiscal numbers',
  usage: 'bancone print test | print sale SALE [--copy] [--fiscal-number] [--preview] | print fiscal-numbers  [--json]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      copy: { type: 'boolean' },
      'fiscal-number': { type: 'boolean' },
      preview: { type: 'boolean' },
    });
    const json = values.json === true;
    const [what, ref] = positionals;
    const db = ctx.db();
    switch (what) {
      case 'test':
        return printNow(ctx, [enqueueTestPage(db, ctx.clock)], json);
      case 'sale': {
        if (!ref) throw usage('bancone print sale SALE (id o numero 2026-11-21/0042)');
        const doc = getDocument(db, ref);
        if (values.preview) {
          const s = printSettingsFromDb(db);
          const layout = layoutDocument(doc, s.shop, { columns: s.columns, mark: values.copy ? 'copy' : 'reprint' });
          if (json) printJson(ctx, layout);
          else ctx.stdout(renderPlainText(layout));
          return 0;
        }
        const id = values['fiscal-number'] ? enqueueFiscalNumberSlip(db, ctx.clock, doc.id) : enqueueReprint(db, ctx.clock, doc.id, values.copy ? 'copy' : 'reprint');
        return printNow(ctx, [id], json);
      }
      case 'fiscal-numbers': {
        const ids = enqueuePendingFiscalNumbers(db, ctx.clock);
        if (ids.length === 0 && !json) ctx.stdout('Nessun numero fiscale da stampare\n');
        return printNow(ctx, ids, json);
      }
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
    ...(q.lastError ? [`Ultimo errore: ${q.lastError}`] : []),
    '',
  ];
}

export const printerCommand: Command = {
  name: 'printer',
  summary: 'Stampante: stato, coda di stampa, modelli / printer status, print queue, models',
  usage: 'bancone printer status | printer queue [--all] | printer models  [--json]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { all: { type: 'boolean' } });
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
      case 'queue': {
        const jobs = listPrintJobs(db, values.all ? { limit: 200 } : { states: ['queued', 'printing', 'retry', 'failed'] });
        if (json) { printJson(ctx, jobs); return 0; }
        if (jobs.length === 0) ctx.stdout('Nessuna stampa in coda\n');
        for (const j of jobs) {
          ctx.stdout(`${j.createdAt}  ${j.state.padEnd(9)} ${kindLabel(j)}  tentativi ${j.attempts}${j.lastError ? `  ${j.lastError}` : ''}\n`);
        }
        return 0;
      }
      case 'models':
        if (json) printJson(ctx, PRINTER_MODELS);
        else ctx.stdout(PRINTER_MODELS.join('\n') + '\n');
        return 0;
      default:
        throw usage(this.usage);
    }
  },
};
