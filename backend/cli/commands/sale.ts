import type { Command } from '../command.js';
import { parse } from '../args.js';
import { readJsonArg } from '../output.js';
import { commitSale } from '../../ledger/index.js';
import { printCommitResult } from './documents-output.js';
import { notPrinted, printReceiptNow, type ReceiptOutcome } from './receipt-print.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';
import { IDEMPOTENCY_OPTION, withIdempotencyKey } from '../idempotency.js';

export const saleCommand: Command = {
  name: 'sale',
  summary: 'Registra una vendita da JSON / record a sale from JSON',
  usage: 'bancone sale --input FILE|- [--invoice CLIENTE] [--no-print] [--idempotency-key CHIAVE] [--json]\n  --invoice: fattura invece dello scontrino al cliente (id, codice fiscale o partita IVA): la vendita non va a /IT-receipts.\n  --idempotency-key: ripetuto con la stessa CHIAVE (dopo un errore o un timeout) restituisce la vendita già registrata, senza registrarla di nuovo.\n  Stampa subito lo scontrino (cassetto aperto se in contanti); --no-print non lo stampa.\n\nEsempio / example:\n  {"lines":[{"barcode":"8001234567890","quantity":2},{"description":"Pane","unit_price_cents":350,"vat_code":"4","quantity":1.5,"discount_cents":50}],\n   "discount_cents":0,"payments":[{"method":"cash","amount_cents":1000}],"lottery_code":null}',
  async run(argv, ctx) {
    // `--json FILE` is accepted as the spelling: with a value it names the input.
    const idx = argv.indexOf('--json');
    let source: string | undefined;
    let rest = argv;
    if (idx >= 0 && argv[idx + 1] !== undefined && !argv[idx + 1]!.startsWith('--')) {
      source = argv[idx + 1];
      rest = [...argv.slice(0, idx), '--json', ...argv.slice(idx + 2)];
    }
    const { values } = parse(rest, { input: { type: 'string', short: 'i' }, invoice: { type: 'string' }, 'no-print': { type: 'boolean' }, ...IDEMPOTENCY_OPTION });
    source = values.input ?? source;
    if (!source) throw new BanconeError('CLI_USAGE', msg.cli.saleInputMissing({ usage: this.usage }), 'input');
    const read = await readJsonArg(ctx, source);
    // «Fattura invece dello scontrino» (issue #13): the same as the request's own invoice field.
    const input = values.invoice !== undefined && read !== null && typeof read === 'object' && !Array.isArray(read)
      ? { ...read, invoice: { customer: values.invoice } } : read;
    const print = values['no-print'] !== true;
    const key = values['idempotency-key'];
    const { result: r, replayed } = withIdempotencyKey(ctx.db(), ctx.clock, key, 'sale', input, () => commitSale(ctx.db(), ctx.clock, input, { source: 'cli', printReceipt: print }));
    // Recorded: from here on nothing fails the command (a printer problem leaves the receipt queued).
    const receipt: ReceiptOutcome = print && !replayed ? await printReceiptNow(ctx, r.printJobId) : notPrinted();
    printCommitResult(ctx, r, values.json === true, receipt, replayed ? key : undefined);
    return 0;
  },
};
