import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { tillReport } from '../../status.js';
import { listFailed, syncStatusText } from '../../sync/status.js';
import { formatEuro } from '../../../shared/money.js';
import { romeDateTimeLabel } from '../../../shared/time.js';
import { msg } from '../../../shared/messages/index.js';
import { shopLinkStatus, shopLinkStatusText } from '../../shop-link/status.js';

export const statusCommand: Command = {
  name: 'status',
  summary: 'Stato della cassa: vendite di oggi, trasmissione AdE, coda di stampa / till status',
  usage: 'bancone status [--json]',
  async run(argv, ctx) {
    const { values } = parse(argv, {});
    // The same answer as the status bar's and the sync port's (backend/status.ts), in full.
    const s = tillReport(ctx.db(), ctx.clock);
    // The shop server (issue #14): null until the till joins one.
    const server = shopLinkStatus(ctx.db());
    if (values.json) { printJson(ctx, { ...s, server }); return 0; }
    const { printing, pinLocks } = s;
    const [lockDay, lockTime] = pinLocks.lastAt ? romeDateTimeLabel(pinLocks.lastAt).split(' ') : [];
    ctx.stdout([
      ...(pinLocks.last24h === 0 ? [] : [
        `Attenzione: ${pinLocks.last24h === 1 ? '1 blocco' : `${pinLocks.last24h} blocchi`} per PIN errati nelle ultime 24 ore (ultimo alle ${lockTime} del ${lockDay}, ${pinLocks.lastTarget ? `PIN di ${pinLocks.lastTarget}` : 'PIN di autorizzazione'}): qualcuno prova a indovinare un PIN; cambiarlo se non era chi lo usa`,
      ]),
      msg.cli.setupProgress(s.setup)[ctx.lang],
      s.setup.training ? msg.cli.setupTraining[ctx.lang] : msg.cli.setupFiscal({ since: romeDateTimeLabel(s.setup.fiscalSince!) })[ctx.lang],
      `Giornata ${s.businessDay}: ${s.today.sales} vendite (${formatEuro(s.today.salesCents)}), ${s.today.returns} resi, ${s.today.voids} annulli`,
      syncStatusText(s.sync, ctx.lang, listFailed(ctx.db())).trimEnd(),
      `Stampa: ${printing.waiting} in attesa${printing.failed ? `, ${printing.failed} non stampati` : ''}${printing.lastError ? ` — ultimo errore: ${printing.lastError}` : ''}`,
      ...(server ? [shopLinkStatusText(server, ctx.lang)] : []),
      '',
    ].join('\n'));
    return 0;
  },
};
