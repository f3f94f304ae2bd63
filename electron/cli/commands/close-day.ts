import type { Command, CliContext } from '../command.js';
import { parse } from '../args.js';
import { printJson, readJsonArg } from '../output.js';
import { closeDay, lastCashCount } from '../../services/reports/index.js';
import { businessDayFor } from '../../services/ledger/index.js';
import { BanconeError } from '../../../shared/errors.js';
import { formatEuro } from '../../../shared/money.js';
import { dayLabel, isIsoDay } from '../../../shared/time.js';
import type { CashCountInput, CloseProgress } from '../../../shared/contract/reports.js';
import { writeReportOutputs } from './report.js';

/** The count file: {"denominations": {"5000": 2, ...}, "note": "..."} or just the denominations map. */
function countFrom(raw: unknown): CashCountInput {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'denominations' in raw) return raw as CashCountInput;
  return { denominations: raw as Record<string, number> };
}

function progressLine(p: CloseProgress): string | null {
  switch (p.step) {
    case 'checking': return `Chiusura della giornata ${dayLabel(p.businessDay)}`;
    case 'sync':
      if (p.phase === 'skipped') return `Invio finale non configurato: ${p.ready} accettati, ${p.pending} in attesa, ${p.failed} falliti`;
      return `Invio finale (${p.phase === 'start' ? 'avvio' : p.phase === 'done' ? 'fine' : 'in corso'}): ${p.ready}/${p.total} accettati, ${p.pending} in attesa, ${p.failed} falliti`;
    case 'sync-error': return `Invio finale non riuscito: ${p.error}`;
    case 'closing': return 'Registrazione della chiusura…';
    case 'closed': return `Chiusura Z N. ${p.zNumber} registrata`;
  }
}

/**
 * The final sync the CLI runs before closing. The sync process owns transmission; until its drain
 * function is wired here the CLI closes on the outbox as it stands (the report says so).
 */
export let finalSyncFor: (ctx: CliContext) => (() => Promise<void>) | undefined = () => undefined;

export const closeDayCommand: Command = {
  name: 'close-day',
  summary: 'Chiude la giornata: invio finale, conteggio cassa, report Z / close the business day',
  usage: [
    'bancone close-day --counted-json FILE|- [--note TEXT] [--force] [--date AAAA-MM-GG] [--print] [--pdf FILE] [--csv FILE] [--json]',
    '',
    '  --counted-json  conteggio dei contanti per taglio, in centesimi: {"denominations": {"5000": 2, "200": 7, "5": 3}}',
    '                  (facoltativo se il conteggio è già stato registrato con `bancone cash count`)',
    '  --note          obbligatoria se restano documenti non accettati dall\'Agenzia delle Entrate',
    '  --force         chiude anche se l\'invio finale non riesce (senza connessione)',
    '  --date          chiude una giornata precedente rimasta aperta',
  ].join('\n'),
  async run(argv, ctx) {
    const { values } = parse(argv, {
      'counted-json': { type: 'string' }, note: { type: 'string' }, force: { type: 'boolean' }, date: { type: 'string' },
      print: { type: 'boolean' }, pdf: { type: 'string' }, csv: { type: 'string' },
    }, false);
    if (values.date !== undefined && !isIsoDay(values.date))
      throw new BanconeError('CLI_USAGE', `Data non valida: ${values.date} (usare AAAA-MM-GG)`, `Invalid date: ${values.date} (use YYYY-MM-DD)`, 'date');
    const db = ctx.db();
    const day = values.date ?? businessDayFor(db, ctx.clock.now());
    const count = values['counted-json'] ? countFrom(await readJsonArg(ctx, values['counted-json'])) : undefined;
    if (!count && !lastCashCount(db, day))
      throw new BanconeError('COUNT_REQUIRED', `Manca il conteggio dei contanti: --counted-json FILE. Uso: ${this.usage}`, `The cash count is missing: --counted-json FILE. Usage: ${this.usage}`, 'counted-json');
    const r = await closeDay(db, ctx.clock, {
      business_day: day, ...(count ? { count } : {}), ...(values.note ? { note: values.note } : {}), force: values.force === true,
    }, {
      finalSync: finalSyncFor(ctx),
      onProgress: (p) => { const l = progressLine(p); if (l) ctx.stderr(`${l}\n`); },
    });
    const done = await writeReportOutputs(ctx, r.report, values);
    if (values.json) { printJson(ctx, { business_day: r.businessDay, z_number: r.zNumber, report: r.report }); return 0; }
    const rep = r.report;
    const out = [
      `Giornata ${dayLabel(r.businessDay)} chiusa: Z N. ${r.zNumber}`,
      `Corrispettivi netti ${formatEuro(rep.netCents)} (vendite ${rep.sales.count}, resi ${rep.returns.count}, annulli ${rep.voids.count})`,
      `Contanti attesi ${formatEuro(rep.cash.expectedCents)}, contati ${rep.cash.count ? formatEuro(rep.cash.count.countedCents) : '—'}, differenza ${rep.cash.varianceCents === null ? '—' : formatEuro(rep.cash.varianceCents)}`,
      ...(rep.fiscal.notReady.length > 0 ? [`ATTENZIONE: ${rep.fiscal.notReady.length} documenti non accettati dall'AdE; nota: ${rep.closure?.note ?? ''}`] : []),
      ...done,
    ];
    ctx.stdout(out.join('\n') + '\n');
    return 0;
  },
};
