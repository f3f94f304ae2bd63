import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { ledgerStatus } from '../../services/status.js';
import { formatEuro } from '../../../shared/money.js';

export const statusCommand: Command = {
  name: 'status',
  summary: 'Stato della cassa: vendite di oggi, coda fiscale, coda di stampa / till status',
  usage: 'bancone status [--json]',
  async run(argv, ctx) {
    const { values } = parse(argv, {});
    const s = ledgerStatus(ctx.db(), ctx.clock.now());
    if (values.json) { printJson(ctx, s); return 0; }
    ctx.stdout([
      `Giornata ${s.businessDay}: ${s.today.sales} vendite (${formatEuro(s.today.salesCents)}), ${s.today.returns} resi, ${s.today.voids} annulli`,
      `Trasmissione AdE: ${Object.entries(s.outbox).map(([k, v]) => `${k} ${v}`).join(', ') || 'nessun documento'}`,
      `Stampa: ${Object.entries(s.printJobs).map(([k, v]) => `${k} ${v}`).join(', ') || 'nessuna stampa'}`,
      '',
    ].join('\n'));
    return 0;
  },
};
