import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command, CliContext } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { periodReport, queueReportPrint, reportCsv, reportPdf, shopInfo, toZReportPrintable, xReport, zReport } from '../../reports/index.js';
import { BanconeError } from '../../../shared/errors.js';
import { isIsoDay } from '../../../shared/time.js';
import { layoutZReport, renderPlainText } from '../../../shared/receipt.js';
import { createPrintingService, getPrintJob, printerUrl } from '../../printing/index.js';
import type { DayReport } from '../../../shared/contract/reports.js';
import { msg } from '../../../shared/messages/index.js';

function day(v: string | undefined, field: string): string | undefined {
  if (v !== undefined && !isIsoDay(v)) throw new BanconeError('CLI_USAGE', msg.cli.dateInvalidFor({ option: field, value: v }), field);
  return v;
}

/** Prints the queued report now; if the printer cannot take it, it stays queued for the app. */
async function printNow(ctx: CliContext, jobId: string): Promise<string> {
  const db = ctx.db();
  const service = createPrintingService({ db, clock: ctx.clock, env: ctx.env, statusPollMs: 0, pollMs: 60_000 });
  await service.queue.runJob(jobId);
  const job = getPrintJob(db, jobId);
  if (job?.state === 'printed') return `Stampato su ${printerUrl(db, ctx.env)}`;
  const url = printerUrl(db, ctx.env) || '(stampante non configurata)';
  return `Stampa in coda (job ${jobId}): ${url}${job?.lastError ? `, ${job.lastError}` : ''}`;
}

/** Writes the exports asked for; returns one line per output saying where it went. */
export async function writeReportOutputs(ctx: CliContext, report: DayReport, v: { csv?: string; pdf?: string; print?: boolean }): Promise<string[]> {
  const db = ctx.db();
  const done: string[] = [];
  if (v.csv) {
    await writeFile(resolve(v.csv), reportCsv(db, report), 'utf8');
    done.push(`CSV: ${resolve(v.csv)}`);
  }
  if (v.pdf) {
    await writeFile(resolve(v.pdf), await reportPdf(report, shopInfo(db)));
    done.push(`PDF: ${resolve(v.pdf)}`);
  }
  if (v.print) done.push(await printNow(ctx, queueReportPrint(db, ctx.clock, report)));
  return done;
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Lettura X, report Z, riepilogo di un periodo; PDF/CSV/stampa / X reading, Z report, period summary',
  usage: [
    'bancone report x|z [--date AAAA-MM-GG] [--json | --csv FILE | --pdf FILE] [--print]',
    '       bancone report period --from AAAA-MM-GG --to AAAA-MM-GG [--json | --csv FILE | --pdf FILE]',
    '',
    '  x       lettura della giornata (default: quella in corso); non cambia nulla',
    '  z       report Z di una giornata chiusa (default: l\'ultima chiusa), come salvato alla chiusura',
    '  period  riepilogo di più giornate (es. un mese)',
  ].join('\n'),
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      date: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
      csv: { type: 'string' }, pdf: { type: 'string' }, print: { type: 'boolean' },
    }, 1);
    const type = positionals[0];
    if (type !== 'x' && type !== 'z' && type !== 'period')
      throw new BanconeError('CLI_USAGE', msg.cli.reportTypeMissing({ usage: this.usage }));
    const db = ctx.db();
    let report: DayReport;
    if (type === 'period') {
      const from = day(values.from, 'from');
      const to = day(values.to, 'to');
      if (!from || !to) throw new BanconeError('CLI_USAGE', msg.cli.periodNeedsRange, 'from');
      report = periodReport(db, ctx.clock, { from, to });
    } else {
      const date = day(values.date, 'date');
      report = type === 'x' ? xReport(db, ctx.clock, date) : zReport(db, date);
    }
    const done = await writeReportOutputs(ctx, report, values);
    if (values.json) printJson(ctx, report);
    else if (!values.csv && !values.pdf) ctx.stdout(renderPlainText(layoutZReport(toZReportPrintable(report), shopInfo(db), { columns: 48 })));
    if (!values.json) for (const d of done) ctx.stdout(`${d}\n`);
    return 0;
  },
};
