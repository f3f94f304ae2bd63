import type { Command } from '../command.js';
import { parse } from '../args.js';
import { recordVoid } from '../../services/ledger/index.js';
import { printCommitResult } from './documents-output.js';
import { BanconeError } from '../../../shared/errors.js';

export const voidCommand: Command = {
  name: 'void',
  summary: 'Annulla una vendita intera (entro 24 ore dalla trasmissione) / void a whole sale',
  usage: 'bancone void SALE [--reason TESTO] [--json]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { reason: { type: 'string' } });
    const sale = positionals[0];
    if (!sale) throw new BanconeError('CLI_USAGE', `Indicare la vendita. Uso: ${this.usage}`, `Give the sale. Usage: ${this.usage}`, 'sale');
    const r = recordVoid(ctx.db(), ctx.clock, { sale, ...(values.reason ? { reason: values.reason } : {}) }, { source: 'cli' });
    printCommitResult(ctx, r, values.json === true);
    return 0;
  },
};
