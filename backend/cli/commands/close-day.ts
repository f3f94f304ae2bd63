import type { Command, CliContext } from '../command.js';
import { parse } from '../args.js';
import { printJson, readJsonArg } from '../output.js';
import { closeDay, closeRefusal, lastCashCount } from '../../reports/index.js';
import { plural } from '../../reports/labels.js';
import { dayToClose } from '../../ledger/index.js';
import { BanconeError } from '../../../shared/errors.js';
import { formatEuro } from '../../../shared/money.js';
import { dayLabel, isIsoDay } from '../../../shared/time.js';
import type { CashCountInput, CloseProgress } from '../../../shared/contract/reports.js';
import { writeReportOutputs } from './report.js';
import { join } from 'node:path';
import { dataDirKeyProvider } from '../../secrets.js';
import { createSyncEngine } from '../../sync/engine.js';
import { missingConfig, resolveSyncConfig, tuningFromEnv } from '../../sync/config.js';
import { nextDueAt } from '../../sync/outbox.js';
import { processRandom } from '../../sync/process.js';
import { msg } from '../../../shared/messages/index.js';

/** The count file: {"denominations": {"5000": 2, ...}, "note": "..."} or just the denominations map. */
function countFrom(raw: unknown): CashCountInput {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'denominations' in raw) return raw as CashCountInput;
  return { denominations: raw as Record<string, number> };
}

function progressLine(p: CloseProgress): string | null {
  switch (p.step) {
    case 'checking': return `Chiusura della giornata ${dayLabel(p.businessDay)}`;
    // «accettati 1 su 3»: label first, so no participle has to agree with a number.
    case 'sync': {
      const counts = `accettati ${p.ready} su ${p.total}, in attesa ${p.pending}, falliti ${p.failed}`;
      if (p.phase === 'skipped') return `Invio finale non configurato: ${counts}`;
      return `Invio finale (${p.phase === 'start' ? 'avvio' : p.phase === 'done' ? 'fine' : 'in corso'}): ${counts}`;
    }
    case 'sync-error': return `Invio finale non riuscito: ${p.error}`;
    case 'closing': return 'Registrazione della chiusura…';
    case 'closed': return `Chiusura Z N. ${p.zNumber} registrata`;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The final sync before closing, on the sync helper's engine: drain until nothing is pending or in
 * flight, or until the time runs out (what is left then needs a note). A stopped queue (token
 * refused, bad configuration) is a failed final sync: closing then needs --force. When the app's
 * own sync process holds the queue, wait for it instead. Not configured: no final sync.
 */
export function finalSyncFor(ctx: CliContext, timeoutS: number): (() => Promise<void>) | undefined {
  const db = ctx.db();
  const keys = dataDirKeyProvider(ctx.config.dataDir, { env: ctx.env });
  let missing: string[];
  try {
    missing = missingConfig(db, ctx.env, keys);
  } catch (e) {
    // A token this machine cannot read (a copied data folder): the final sync fails and says why;
    // the day still closes with --force, like any failed final sync.
    if (!(e instanceof BanconeError) || !e.code.startsWith('SECRET_')) throw e;
    return () => Promise.reject(new Error(e.message));
  }
  if (missing.length > 0) return undefined;
  return async () => {
    const engine = createSyncEngine({
      db, clock: ctx.clock, fetch: globalThis.fetch, random: processRandom,
      config: () => resolveSyncConfig(db, ctx.env, keys),
      tuning: { pdfDir: join(ctx.config.dataDir, 'receipts'), ...tuningFromEnv(ctx.env) },
    });
    const deadline = performance.now() + timeoutS * 1000;
    try {
      for (;;) {
        const s = await engine.drainOnce();
        const st = s.status;
        if (s.stopped === 'auth') throw new Error(st.authMessage ?? 'token rifiutato da Openapi');
        if (s.stopped === 'config' || s.stopped === 'not_configured') throw new Error(st.configError?.message ?? 'trasmissione non configurata');
        if (st.pending + st.inFlight + st.unknown === 0) return;
        const due = nextDueAt(db);
        const waitMs = s.stopped === 'locked' ? 500 : Math.min(1000, Math.max(20, (due ? new Date(due).getTime() : Infinity) - ctx.clock.now().getTime()));
        if (performance.now() + waitMs > deadline) return;
        await sleep(waitMs);
      }
    } finally {
      engine.close();
    }
  };
}

export const closeDayCommand: Command = {
  name: 'close-day',
  summary: 'Chiude la giornata: invio finale, conteggio cassa, report Z / close the business day',
  usage: [
    'bancone close-day --counted-json FILE|- [--note TEXT] [--force] [--date AAAA-MM-GG] [--sync-timeout SECONDI] [--print] [--pdf FILE] [--csv FILE] [--json]',
    '',
    '  --counted-json  conteggio dei contanti per taglio, in centesimi: {"denominations": {"5000": 2, "200": 7, "5": 3}}',
    '                  (facoltativo se il conteggio è già stato registrato con `bancone cash count`)',
    '  --note          obbligatoria se restano documenti non accettati dall\'Agenzia delle Entrate',
    '  --force         chiude anche se l\'invio finale non riesce (senza connessione)',
    '  --date          chiude una giornata precedente rimasta aperta',
    '  --sync-timeout  attesa massima dell\'invio finale all\'Agenzia delle Entrate (default 60 s)',
    '',
    '  Chiude la giornata aperta: dopo mezzanotte ancora quella della sera. Una giornata si può chiudere',
    '  dalle 06:00 del suo giorno: una seconda chiusura la stessa sera è rifiutata (la giornata dopo non è iniziata).',
  ].join('\n'),
  async run(argv, ctx) {
    const { values } = parse(argv, {
      'counted-json': { type: 'string' }, note: { type: 'string' }, force: { type: 'boolean' }, date: { type: 'string' },
      print: { type: 'boolean' }, pdf: { type: 'string' }, csv: { type: 'string' }, 'sync-timeout': { type: 'string' },
    });
    const timeoutS = values['sync-timeout'] === undefined ? 60 : Number(values['sync-timeout']);
    if (!Number.isFinite(timeoutS) || timeoutS < 0)
      throw new BanconeError('CLI_USAGE', msg.cli.syncTimeoutInvalid({ value: values['sync-timeout'] }), 'sync-timeout');
    if (values.date !== undefined && !isIsoDay(values.date))
      throw new BanconeError('CLI_USAGE', msg.cli.dateInvalid({ date: values.date }), 'date');
    const db = ctx.db();
    // Like the till screen: after midnight the evening's open day (dayToClose), and a second
    // closing the same evening is refused up front (before asking for a count), naming the Z done.
    const refusal = closeRefusal(db, ctx.clock.now(), values.date);
    if (refusal) throw refusal;
    const day = values.date ?? dayToClose(db, ctx.clock.now());
    const count = values['counted-json'] ? countFrom(await readJsonArg(ctx, values['counted-json'])) : undefined;
    if (!count && !lastCashCount(db, day))
      throw new BanconeError('COUNT_REQUIRED', msg.cli.countRequired({ usage: this.usage }), 'counted-json');
    const r = await closeDay(db, ctx.clock, {
      business_day: day, ...(count ? { count } : {}), ...(values.note ? { note: values.note } : {}), force: values.force === true,
    }, {
      finalSync: finalSyncFor(ctx, timeoutS),
      onProgress: (p) => { const l = progressLine(p); if (l) ctx.stderr(`${l}\n`); },
    });
    const done = await writeReportOutputs(ctx, r.report, values);
    if (values.json) { printJson(ctx, { business_day: r.businessDay, z_number: r.zNumber, report: r.report }); return 0; }
    const rep = r.report;
    const out = [
      `Giornata ${dayLabel(r.businessDay)} chiusa: Z N. ${r.zNumber}`,
      `Corrispettivi netti ${formatEuro(rep.netCents)} (vendite ${rep.sales.count}, resi ${rep.returns.count}, annulli ${rep.voids.count})`,
      `Contanti attesi ${formatEuro(rep.cash.expectedCents)}, contati ${rep.cash.count ? formatEuro(rep.cash.count.countedCents) : '—'}, differenza ${rep.cash.varianceCents === null ? '—' : formatEuro(rep.cash.varianceCents)}`,
      ...(rep.fiscal.notReady.length > 0 ? [`ATTENZIONE: ${plural(rep.fiscal.notReady.length, 'documento non accettato', 'documenti non accettati')} dall'AdE; nota: ${rep.closure?.note ?? ''}`] : []),
      ...done,
    ];
    ctx.stdout(out.join('\n') + '\n');
    return 0;
  },
};
