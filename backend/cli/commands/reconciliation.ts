import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { reconciliationCsv, reconciliationJson, reconciliationRows } from '../../reports/reconciliation.js';
import { BanconeError } from '../../../shared/errors.js';
import { isIsoDay } from '../../../shared/time.js';
import { msg } from '../../../shared/messages/index.js';

export const reconciliationCommand: Command = {
  name: 'reconciliation',
  summary: 'Pagamenti elettronici di una giornata per documento, da riconciliare / electronic payments of a day, per document',
  usage: [
    'bancone reconciliation export --date AAAA-MM-GG [--json]',
    '',
    '  export  un pagamento elettronico per riga (resi e annulli negativi), con l\'identificativo di riconciliazione;',
    '          CSV («;», virgola decimale) o JSON con --json',
  ].join('\n'),
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { date: { type: 'string' } }, 1);
    if (positionals[0] !== 'export') throw new BanconeError('CLI_USAGE', msg.cli.usage({ usage: this.usage }));
    const date = values.date;
    if (date === undefined) throw new BanconeError('CLI_USAGE', msg.reconciliation.dateRequired({ usage: this.usage }), 'date');
    if (!isIsoDay(date)) throw new BanconeError('CLI_USAGE', msg.cli.dateInvalidFor({ option: 'date', value: date }), 'date');
    const rows = reconciliationRows(ctx.db(), date);
    if (rows.length === 0) ctx.stderr(`${msg.reconciliation.empty({ date })[ctx.lang]}\n`);
    if (values.json) printJson(ctx, reconciliationJson(rows));
    else ctx.stdout(reconciliationCsv(rows));
    return 0;
  },
};
