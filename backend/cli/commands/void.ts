import type { Command } from '../command.js';
import { parse } from '../args.js';
import { recordVoid } from '../../ledger/index.js';
import { printCommitResult } from './documents-output.js';
import { notPrinted, printReceiptNow } from './receipt-print.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';
import { IDEMPOTENCY_OPTION, withIdempotencyKey } from '../idempotency.js';

export const voidCommand: Command = {
  name: 'void',
  summary: 'Annulla una vendita intera (entro 24 ore dalla trasmissione) / void a whole sale',
  usage: 'bancone void SALE [--reason TESTO] [--no-print] [--idempotency-key CHIAVE] [--json]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { reason: { type: 'string' }, 'no-print': { type: 'boolean' }, ...IDEMPOTENCY_OPTION }, 1);
    const sale = positionals[0];
    if (!sale) throw new BanconeError('CLI_USAGE', msg.cli.saleMissing({ usage: this.usage }), 'sale');
    const print = values['no-print'] !== true;
    const request = { sale, ...(values.reason ? { reason: values.reason } : {}) };
    const key = values['idempotency-key'];
    const { result: r, replayed } = withIdempotencyKey(ctx.db(), ctx.clock, key, 'void', request, () => recordVoid(ctx.db(), ctx.clock, request, { source: 'cli', printReceipt: print }));
    const receipt = print && !replayed ? await printReceiptNow(ctx, r.printJobId) : notPrinted();
    printCommitResult(ctx, r, values.json === true, receipt, replayed ? key : undefined);
    return 0;
  },
};
