// `bancone invoice create|credit-note|xml|pdf|list|status|reissue|retry` (issue #13): invoices in the
// ledger, through the same services as the counter (backend/invoicing). `status DOC` says where one
// invoice stands (state in words, service, SDI id, errors with what to fix, what to do); `status`
// alone, the queue (counts, what stops it). `reissue DOC [--customer ID]` issues the corrected
// re-issue of a rejected invoice; `retry DOC` puts a refused one back in the queue. `invoice xml DOC` prints an issued invoice's XML, the
// same bytes as issued (DOC: its number or id). The earlier by-sale form stays for trying the
// builder by hand — `invoice xml SALE --customer-json FILE --number N` prints a draft from a sale
// and a customer file and writes nothing; it is only taken when --customer-json is given.
// `invoice pdf DOC [--out FILE]` writes the courtesy copy (A4, from the XML as issued; offline).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson, readJsonArg } from '../output.js';
import { getDocument } from '../../ledger/read.js';
import { readShop } from '../../setup/shop.js';
import { creditNoteFor, invoiceSale } from '../../invoicing/issue.js';
import { getInvoice, invoiceXml, listInvoices } from '../../invoicing/store.js';
import { buildInvoice } from '../../../shared/fatturapa/build.js';
import { checkCessionario } from '../../../shared/fatturapa/customer.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';
import { dayLabel, romeDateTimeLabel } from '../../../shared/time.js';
import { INVOICE_SENDING_STATES, type InvoiceQueue } from '../../../shared/contract/invoices.js';
import { dataDirKeyProvider } from '../../secrets.js';
import { invoiceQueue, retryInvoice } from '../../invoicing/queue.js';
import { reissueInvoice } from '../../invoicing/reissue.js';
import { countHeld } from '../../invoicing/sender/store.js';
import type { InvoiceRecord } from '../../invoicing/store.js';
import type { ReadableDb } from '../../db/types.js';

type Lang = 'it' | 'en';

/** The queue in words: counts per state, what stops it, what waits, the next attempt. */
export function queueText(q: InvoiceQueue, lang: Lang, held = 0): string {
  const lines = [msg.invoiceSender.queueLine({ counts: '' })[lang].trimEnd()];
  for (const s of INVOICE_SENDING_STATES) if (q.counts[s]) lines.push(msg.invoiceSender.countLine({ count: q.counts[s], label: msg.invoiceSending[s][lang] })[lang]);
  lines.push(q.stopped ? (lang === 'en' ? q.stopped.messageEn : q.stopped.message) : msg.invoiceSender.queueRuns[lang]);
  if (held > 0) lines.push(msg.invoiceSender.held({ count: held })[lang]);
  if (q.nextAttemptAt) lines.push(msg.invoiceSender.nextAttempt({ at: romeDateTimeLabel(q.nextAttemptAt) })[lang]);
  return lines.join('\n');
}

/** One invoice in words: where it stands and what to do. */
export function invoiceStatusText(inv: InvoiceRecord, lang: Lang): string {
  const s = inv.sending;
  const lines = [
    msg.invoiceSender.statusHead({ kind: inv.kind, number: inv.number, date: dayLabel(inv.date), customer: inv.customer.name, total: inv.totalCents })[lang],
    msg.invoiceSender.stateLine({ label: lang === 'en' ? s.labelEn : s.label })[lang],
  ];
  if (s.provider) lines.push(msg.invoiceSender.service({ provider: s.provider })[lang]);
  if (s.sdiId) lines.push(msg.invoiceSender.sdiId({ id: s.sdiId })[lang]);
  for (const e of s.sdiErrors) {
    lines.push(msg.invoiceSender.errorLine({ code: e.code, message: e.message })[lang]);
    const advice = lang === 'en' ? e.adviceEn : e.advice;
    if (advice) lines.push(msg.invoiceSender.adviceLine({ advice })[lang]);
  }
  if (s.lastError && (s.state === 'failed' || s.state === 'unknown' || s.state === 'pending')) lines.push(msg.invoiceSender.reasonLine({ reason: s.lastError })[lang]);
  if (s.canReissue) lines.push(msg.invoiceSender.todoReissue({ number: inv.number })[lang]);
  if (s.canRetry) lines.push(msg.invoiceSender.todoRetry({ number: inv.number })[lang]);
  if (s.state === 'not_delivered') lines.push(msg.invoiceSender.todoNotDelivered[lang]);
  return lines.join('\n');
}

const heldCount = (db: ReadableDb) => countHeld(db);

export const invoiceCommand: Command = {
  name: 'invoice',
  summary: 'Fatture elettroniche: emetti, nota di credito, XML, elenco / e-invoices: create, credit note, XML, list',
  usage: 'bancone invoice create --sale VENDITA --customer ID|CF|PIVA [--json]\n' +
    '     bancone invoice credit-note --return RESO [--json]\n' +
    '     bancone invoice xml FATTURA            (l\'XML come emesso; FATTURA: numero, es. 2026/0001, o id)\n' +
    '     bancone invoice pdf FATTURA [--out FILE]  (copia di cortesia A4; senza --out: Fattura-2026-0001.pdf qui)\n' +
    '     bancone invoice list [--year AAAA] [--json]\n' +
    '     bancone invoice status [FATTURA] [--json]  (una fattura: stato, servizio, errori SDI e cosa fare; senza: la coda)\n' +
    '     bancone invoice reissue FATTURA [--customer ID|CF|PIVA] [--json]  (riemette corretta una fattura scartata dallo SDI)\n' +
    '     bancone invoice retry FATTURA [--json]   (rimette in coda una fattura rifiutata dal servizio)\n' +
    '     bancone invoice xml VENDITA --customer-json FILE --number N [--date AAAA-MM-GG] [--credit-note-of N --credit-note-date AAAA-MM-GG] [--json]\n' +
    '       (prova: l\'XML di una vendita con un numero dato a mano, senza registrare nulla)',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      sale: { type: 'string' }, customer: { type: 'string' }, return: { type: 'string' }, year: { type: 'string' },
      'customer-json': { type: 'string' }, number: { type: 'string' }, date: { type: 'string' },
      'credit-note-of': { type: 'string' }, 'credit-note-date': { type: 'string' }, out: { type: 'string' },
    }, 2);
    const [action, ref] = positionals;
    const json = values.json === true;
    const say = (t: { it: string; en: string }) => t[ctx.lang];

    if (action === 'create' || action === 'credit-note') {
      const db = ctx.db();
      let inv;
      if (action === 'create') {
        if (!values.sale || !values.customer) throw new BanconeError('CLI_USAGE', msg.invoices.createUsage({ usage: this.usage }), values.sale ? 'customer' : 'sale');
        inv = invoiceSale(db, ctx.clock, { sale: values.sale, customer: values.customer, operatorId: null });
      } else {
        if (!values.return) throw new BanconeError('CLI_USAGE', msg.invoices.createUsage({ usage: this.usage }), 'return');
        inv = creditNoteFor(db, ctx.clock, { refund: values.return, operatorId: null });
      }
      if (json) printJson(ctx, inv);
      else ctx.stdout(`${say(msg.invoices.created({ kind: inv.kind, number: inv.number, customer: inv.customer.name }))}\n`);
      return 0;
    }
    if (action === 'status') {
      const db = ctx.db();
      if (ref) {
        const inv = getInvoice(db, ref);
        if (json) printJson(ctx, inv);
        else ctx.stdout(`${invoiceStatusText(inv, ctx.lang)}\n`);
        return 0;
      }
      const q = invoiceQueue(db, ctx.env, dataDirKeyProvider(ctx.config.dataDir, { env: ctx.env }), ctx.clock.now());
      if (json) printJson(ctx, { ...q, held: heldCount(db) });
      else ctx.stdout(`${queueText(q, ctx.lang, heldCount(db))}\n`);
      return 0;
    }
    if (action === 'reissue' || action === 'retry') {
      if (!ref) throw new BanconeError('CLI_USAGE', msg.invoiceSender.docMissing({ usage: this.usage }), 'invoice');
      const db = ctx.db();
      const inv = action === 'reissue'
        ? reissueInvoice(db, ctx.clock, { invoice: ref, customer: values.customer, operatorId: null })
        : retryInvoice(db, ctx.clock, ref, null);
      if (json) printJson(ctx, inv);
      else ctx.stdout(`${say(action === 'reissue' ? msg.invoiceSender.reissued({ number: inv.number, replaces: inv.replaces!.number }) : msg.invoiceSender.retried({ number: inv.number }))}\n`);
      return 0;
    }
    if (action === 'list') {
      const found = listInvoices(ctx.db(), { ...(values.year ? { year: values.year } : {}), limit: 10_000 });
      if (json) printJson(ctx, found);
      else if (found.length === 0) ctx.stdout(`${say(msg.invoices.listEmpty)}\n`);
      else for (const i of found) ctx.stdout(`${say(msg.invoices.listLine({ number: i.number, date: i.date, kind: i.kind, customer: i.customer.name, total: i.totalCents, state: i.sending.state }))}\n`);
      return 0;
    }
    if (action === 'pdf') {
      if (!ref) throw new BanconeError('CLI_USAGE', msg.invoices.pdfUsage({ usage: this.usage }), 'invoice');
      // pdfkit only when a PDF is asked for: `invoice list` and `invoice xml` start without it.
      const { invoicePdfOf } = await import('../../invoicing/pdf.js');
      const { invoice, fileName, pdf } = await invoicePdfOf(ctx.db(), ref);
      const path = resolve(values.out ?? fileName);
      await writeFile(path, pdf);
      if (json) printJson(ctx, { number: invoice.number, kind: invoice.kind, file: path, bytes: pdf.length });
      else ctx.stdout(`${say(msg.invoices.pdfWritten({ number: invoice.number, path }))}\n`);
      return 0;
    }
    if (action === 'xml' && ref && !values['customer-json']) {
      const db = ctx.db();
      const inv = getInvoice(db, ref);
      const xml = invoiceXml(db, inv.id);
      if (json) printJson(ctx, { ...inv, xml });
      else ctx.stdout(xml);
      return 0;
    }
    if (action !== 'xml' || !ref || !values['customer-json'] || !values.number)
      throw new BanconeError('CLI_USAGE', msg.cli.invoiceXmlMissing({ usage: this.usage }));
    return draftXml(ref, values, ctx, this.usage);
  },
};

/** The by-sale draft (nothing written, the number typed by hand): kept to try the builder on any sale. */
async function draftXml(
  sale: string,
  values: { 'customer-json'?: string; number?: string; date?: string; 'credit-note-of'?: string; 'credit-note-date'?: string; json?: boolean },
  ctx: Parameters<Command['run']>[1],
  usage: string,
): Promise<number> {
  const customer = checkCessionario(await readJsonArg(ctx, values['customer-json']!));
  const db = ctx.db();
  const document = getDocument(db, sale);
  const ofNumber = values['credit-note-of'];
  const ofDate = values['credit-note-date'];
  if (document.kind !== 'sale' && (!ofNumber || !ofDate))
    throw new BanconeError('CLI_USAGE', msg.cli.invoiceCreditNoteMissing({ usage }), 'credit-note-of');
  const receipt = document.kind === 'sale'
    ? { number: document.number, date: document.businessDay, adeNumber: document.fiscal?.documentNumber ?? null }
    : null;
  const { xml, figures } = buildInvoice({
    document, shop: readShop(db), customer, number: values.number!,
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
}
