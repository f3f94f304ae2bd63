// `bancone training status|leave`: the command-line twin of the manager's «Esci dalla modalità
// prova» (setup.leaveTraining). Whoever runs commands on the till's machine is its owner; the
// refusal names the set-up steps still missing, as on screen.
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { leaveTraining, trainingState } from '../../training/mode.js';
import { BanconeError } from '../../../shared/errors.js';
import type { TrainingState } from '../../../shared/contract/training.js';

const STEP = { shop: { it: 'passo 1 (negozio)', en: 'step 1 (shop)' }, ade: { it: 'passo 2 (AdE tramite Openapi)', en: 'step 2 (AdE through Openapi)' } } as const;

function describe(s: TrainingState, lang: 'it' | 'en'): string {
  if (!s.training) return lang === 'en' ? `Fiscal mode since ${s.fiscalSince}.\n` : `Modalità fiscale dal ${s.fiscalSince}.\n`;
  const head = lang === 'en' ? 'TRAINING MODE - NOT FISCAL: sales are not sent to the AdE and are not in the reports.' : 'MODALITÀ PROVA - NON FISCALE: le vendite non vanno all\'AdE e non entrano nei report.';
  const missing = s.missing.length === 0
    ? (lang === 'en' ? 'Set-up done: `bancone training leave` makes the till fiscal.' : 'Configurazione completata: `bancone training leave` rende fiscale la cassa.')
    : (lang === 'en' ? `Set-up still missing: ${s.missing.map((m) => STEP[m].en).join(', ')}.` : `Configurazione ancora da fare: ${s.missing.map((m) => STEP[m].it).join(', ')}.`);
  return `${head}\n${missing}\n`;
}

export const trainingCommand: Command = {
  name: 'training',
  summary: 'Modalità prova: stato, uscita / training mode: status, leave',
  usage: 'bancone training status|leave [--json]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {}, 1);
    const action = positionals[0];
    if (action !== 'status' && action !== 'leave') throw new BanconeError('CLI_USAGE', `Uso: ${this.usage}`, `Usage: ${this.usage}`);
    const db = ctx.db();
    const state = action === 'leave' ? leaveTraining(db, ctx.clock.now(), { operatorId: null, how: 'cli' }) : trainingState(db);
    if (values.json) printJson(ctx, { training: state.training, missing: state.missing, fiscal_since: state.fiscalSince });
    else ctx.stdout(describe(state, ctx.lang));
    return 0;
  },
};
