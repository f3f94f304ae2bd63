import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson, readJsonArg } from '../output.js';
import { recordCashCount, recordCashMovement, xReport } from '../../reports/index.js';
import { BanconeError } from '../../../shared/errors.js';
import { formatEuro, parseAmount } from '../../../shared/money.js';
import { dayLabel } from '../../../shared/time.js';
import { dayToClose } from '../../ledger/index.js';
import { msg } from '../../../shared/messages/index.js';

// «Fondo cassa … registrato», «Entrata/Uscita … registrata»: the participle agrees with the noun.
const RECORDED = { float: 'Fondo cassa {amount} registrato', in: 'Entrata {amount} registrata', out: 'Uscita {amount} registrata' } as const;

export const cashCommand: Command = {
  name: 'cash',
  summary: 'Fondo cassa, entrate/uscite di contanti, conteggio / opening float, cash in/out, cash count',
  usage: [
    'bancone cash float|in|out --amount IMPORTO [--reason TESTO] [--operator ID] [--json]',
    '       bancone cash count --counted-json FILE|- [--json]',
    '       bancone cash status [--json]',
    '',
    '  IMPORTO in euro: 150 | 150,00 | 12,50',
  ].join('\n'),
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      amount: { type: 'string' }, reason: { type: 'string' }, operator: { type: 'string' }, 'counted-json': { type: 'string' },
    }, 1);
    const sub = positionals[0];
    const db = ctx.db();
    if (sub === 'float' || sub === 'in' || sub === 'out') {
      const cents = values.amount === undefined ? null : parseAmount(values.amount);
      if (cents === null) throw new BanconeError('CLI_USAGE', msg.cli.amountMissing({ usage: this.usage }), 'amount');
      const m = recordCashMovement(db, ctx.clock, {
        kind: sub, amount_cents: cents, ...(values.reason ? { reason: values.reason } : {}), ...(values.operator ? { operator_id: values.operator } : {}),
      });
      if (values.json) printJson(ctx, m);
      else ctx.stdout(`${RECORDED[m.kind].replace('{amount}', formatEuro(m.amountCents))} sulla giornata ${dayLabel(m.businessDay)} (${m.reason})\n`);
      return 0;
    }
    if (sub === 'count') {
      if (!values['counted-json']) throw new BanconeError('CLI_USAGE', msg.cli.countedJsonMissing({ usage: this.usage }), 'counted-json');
      const raw = await readJsonArg(ctx, values['counted-json']);
      const input = raw !== null && typeof raw === 'object' && 'denominations' in raw ? raw : { denominations: raw };
      // After midnight the drawer counted is the evening's (the day close-day will close).
      const c = recordCashCount(db, ctx.clock, input, { businessDay: dayToClose(db, ctx.clock.now()) });
      if (values.json) printJson(ctx, c);
      else ctx.stdout(`Contati ${formatEuro(c.countedCents)}, attesi ${formatEuro(c.expectedCents)}, differenza ${formatEuro(c.varianceCents)}\n`);
      return 0;
    }
    if (sub === 'status') {
      const r = xReport(db, ctx.clock);
      if (values.json) printJson(ctx, r.cash);
      else {
        const c = r.cash;
        ctx.stdout([
          `Giornata ${dayLabel(r.from)}`,
          `Fondo cassa ${formatEuro(c.openingFloatCents)}  incassi ${formatEuro(c.cashSalesCents)}  rimborsi ${formatEuro(c.cashRefundsCents)}`,
          `Entrate ${formatEuro(c.cashInCents)}  uscite ${formatEuro(c.cashOutCents)}`,
          `Contanti attesi ${formatEuro(c.expectedCents)}${c.count ? `  contati ${formatEuro(c.count.countedCents)}  differenza ${formatEuro(c.varianceCents ?? 0)}` : ''}`,
          '',
        ].join('\n'));
      }
      return 0;
    }
    throw new BanconeError('CLI_USAGE', msg.cli.usage({ usage: this.usage }));
  },
};
