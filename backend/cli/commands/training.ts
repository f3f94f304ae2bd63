// `bancone training status|leave`: the command-line twin of the manager's «Esci dalla modalità
// prova» (setup.leaveTraining). Whoever runs commands on the till's machine is its owner; the
// refusal names the set-up steps still missing, as on screen.
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { leaveTraining, trainingState } from '../../training/mode.js';
import { BanconeError } from '../../../shared/errors.js';
import type { TrainingState } from '../../../shared/contract/training.js';
import { msg } from '../../../shared/messages/index.js';

function describe(s: TrainingState, lang: 'it' | 'en'): string {
  const w = msg.cli;
  if (!s.training) return `${w.trainingFiscalSince({ since: s.fiscalSince ?? '' })[lang]}\n`;
  const missing = s.missing.length === 0 ? w.trainingSetupDone : w.trainingSetupMissing({ missing: s.missing });
  return `${w.trainingHead[lang]}\n${missing[lang]}\n`;
}

export const trainingCommand: Command = {
  name: 'training',
  summary: 'Modalità prova: stato, uscita / training mode: status, leave',
  usage: 'bancone training status|leave [--json]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {}, 1);
    const action = positionals[0];
    if (action !== 'status' && action !== 'leave') throw new BanconeError('CLI_USAGE', msg.cli.usage({ usage: this.usage }));
    const db = ctx.db();
    const state = action === 'leave' ? leaveTraining(db, ctx.clock.now(), { operatorId: null, how: 'cli' }) : trainingState(db);
    if (values.json) printJson(ctx, { training: state.training, missing: state.missing, fiscal_since: state.fiscalSince });
    else ctx.stdout(describe(state, ctx.lang));
    return 0;
  },
};
