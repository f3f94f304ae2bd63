import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { ledgerStatus } from '../../status.js';
import { getQueueStatus } from '../../printing/index.js';
import { syncStatusSection } from './sync.js';
import { formatEuro } from '../../../shared/money.js';

export const statusCommand: Command = {
  name: 'status',
  summary: 'Stato della cassa: vendite di oggi, trasmissione AdE, coda di stampa / till status',
  usage: 'bancone status [--json]',
  async run(argv, ctx) {
    const { values } = parse(argv, {});
    const s = ledgerStatus(ctx.db(), ctx.clock.now());
    const sync = syncStatusSection(ctx);
    const printing = getQueueStatus(ctx.db());
    if (values.json) { printJson(ctx, { ...s, sync: sync.json, printing }); return 0; }
    ctx.stdout([
      `Giornata ${s.businessDay}: ${s.today.sales} vendite (${formatEuro(s.today.salesCents)}), ${s.today.returns} resi, ${s.today.voids} annulli`,
      sync.text.trimEnd(),
      `Stampa: ${printing.waiting} in attesa${printing.failed ? `, ${printing.failed} non stampati` : ''}${printing.lastError ? ` — ultimo errore: ${printing.lastError}` : ''}`,
      '',
    ].join('\n'));
    return 0;
  },
};
