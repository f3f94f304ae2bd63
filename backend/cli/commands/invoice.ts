// `bancone invoice xml SALE --customer-json FILE --number N`: the FatturaPA 1.2.2 XML of a ledger
// document, printed, to try it by hand (issue #13). The number is given by hand until the invoice
// series exists (next part: a gap-free annual series kept in the ledger, like receipt numbers); the
// customer is a JSON file until the customer book exists. Nothing is written, nothing is sent.
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson, readJsonArg } from '../output.js';
import { getDocument } from '../../ledger/read.js';
import { readShop } from '../../setup/shop.js';
import { buildInvoice } from '../../../shared/fatturapa/build.js';
import { checkCessionario } from '../../../shared/fatturapa/customer.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';

export const invoiceCommand: Command = {
  name: 'invoice',
  summary: 'Fattura elettronica (FatturaPA 1.2.2) di una vendita, in XML / e-invoice XML of a sale',
  usage: 'bancone invoice xml SALE --customer-json FILE --number N [--date AAAA-MM-GG] [--credit-note-of N --credit-note-date AAAA-MM-GG] [--json]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      'customer-json': { type: 'string' }, number: { type: 'string' }, date: { type: 'string' },
      'credit-note-of': { type: 'string' }, 'credit-note-date': { type: 'string' },
    }, 2);
    const [action, sale] = positionals;
    if (action !== 'xml' || !sale || !values['customer-json'] || !values.number)
      throw new BanconeError('CLI_USAGE', msg.cli.invoiceXmlMissing({ usage: this.usage }));
    const customer = checkCessionario(await readJsonArg(ctx, values['customer-json']));
    const db = ctx.db();
    const document = getDocument(db, sale);
    const ofNumber = values['credit-note-of'];
    const ofDate = values['credit-note-date'];
    if (document.kind !== 'sale' && (!ofNumber || !ofDate))
      throw new BanconeError('CLI_USAGE', msg.cli.invoiceCreditNoteMissing({ usage: this.usage }), 'credit-note-of');
    // Every sale in the ledger went to the AdE as a documento commerciale (invoicing instead of the
    // receipt comes with the counter's part): its invoice cites it.
    const receipt = document.kind === 'sale'
      ? { number: document.number, date: document.businessDay, adeNumber: document.fiscal?.documentNumber ?? null }
      : null;
    const { xml, figures } = buildInvoice({
      document, shop: readShop(db), customer, number: values.number,
      ...(values.date ? { date: values.date } : {}),
      receipt,
      creditNoteOf: document.kind === 'sale' ? null : { number: ofNumber!, date: ofDate! },
    });
    if (values.json) {
      printJson(ctx, {
        document: document.number, tipo_documento: figures.tipoDocumento, number: values.number, total_cents: figures.totalCents,
        stamp_duty: figures.stampDuty, summary: figures.summary.map((s) => ({ vat_code: s.vatCode, natura: s.natura, taxable_cents: s.taxableCents, vat_cents: s.vatCents })),
        xml,
      });
    } else ctx.stdout(xml);
    return 0;
  },
};
