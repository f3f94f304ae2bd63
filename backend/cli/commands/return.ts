import type { Command } from '../command.js';
import { parse } from '../args.js';
import { recordReturn } from '../../ledger/index.js';
import { printCommitResult } from './documents-output.js';
import { notPrinted, printReceiptNow } from './receipt-print.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';
import { IDEMPOTENCY_OPTION, withIdempotencyKey } from '../idempotency.js';

export const returnCommand: Command = {
  name: 'return',
  summary: 'Registra un reso (righe e quantità) / record a return',
  usage: 'bancone return SALE --line N:QTY [--line N:QTY …] [--refund cash|electronic] [--reason TESTO] [--no-print] [--idempotency-key CHIAVE] [--json]\n  SALE = id della vendita o numero (es. 2026-11-21/0042); QTY con virgola o punto (1,5)',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      line: { type: 'string', multiple: true },
      refund: { type: 'string' },
      reason: { type: 'string' },
      'no-print': { type: 'boolean' },
      ...IDEMPOTENCY_OPTION,
    }, 1);
    const sale = positionals[0];
    if (!sale || !values.line?.length)
      throw new BanconeError('CLI_USAGE', msg.cli.returnMissing({ usage: this.usage }), 'line');
    const lines = values.line.map((spec, i) => {
      const m = /^(\d+):(\d+(?:[.,]\d{1,3})?)$/.exec(spec);
      if (!m) throw new BanconeError('CLI_LINE_FORMAT', msg.cli.lineFormat({ spec }), `lines[${i}]`);
      return { line_no: Number(m[1]), quantity: Number(m[2]!.replace(',', '.')) };
    });
    const request = {
      sale,
      lines,
      ...(values.refund ? { refund_method: values.refund } : {}),
      ...(values.reason ? { reason: values.reason } : {}),
    };
    const key = values['idempotency-key'];
    const { result: r, replayed } = withIdempotencyKey(ctx.db(), ctx.clock, key, 'return', request,
      () => recordReturn(ctx.db(), ctx.clock, request, { source: 'cli', printReceipt: values['no-print'] !== true }));
    const receipt = values['no-print'] === true || replayed ? notPrinted() : await printReceiptNow(ctx, r.printJobId);
    printCommitResult(ctx, r, values.json === true, receipt, replayed ? key : undefined);
    return 0;
  },
};
