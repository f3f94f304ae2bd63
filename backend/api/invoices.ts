// Invoices in the ledger (issue #13): the services of backend/invoicing, as the contract names them.
import type { HandlerMap } from './context.js';
import { creditNoteFor, invoiceSale } from '../invoicing/issue.js';
import { getInvoice, invoiceXml, listInvoices } from '../invoicing/store.js';
import { invoiceQueue, retryInvoice } from '../invoicing/queue.js';
import { invoicePdfOf } from '../invoicing/pdf.js';
import { reissueInvoice } from '../invoicing/reissue.js';

type InvoiceMethods = 'invoices.create' | 'invoices.creditNote' | 'invoices.get' | 'invoices.list' | 'invoices.queue' | 'invoices.retry'
  | 'invoices.reissue' | 'invoices.pdf';

export const invoiceHandlers: HandlerMap<InvoiceMethods> = {
  // A new invoice nudges the sync process, whose invoice sender then sends it at once.
  'invoices.create': ({ sale, customer }, ctx) => {
    const inv = invoiceSale(ctx.db, ctx.clock, { sale, customer, operatorId: ctx.operator.id });
    ctx.sync?.wake?.();
    return inv;
  },
  'invoices.creditNote': (input, ctx) => {
    const inv = creditNoteFor(ctx.db, ctx.clock, { refund: input.return, operatorId: ctx.operator.id });
    ctx.sync?.wake?.();
    return inv;
  },
  'invoices.get': ({ invoice }, ctx) => {
    const inv = getInvoice(ctx.db, invoice);
    return { ...inv, xml: invoiceXml(ctx.db, inv.id) };
  },
  'invoices.list': ({ year, limit }, ctx) => ({ invoices: listInvoices(ctx.db, { ...(year ? { year } : {}), limit }) }),
  'invoices.pdf': async ({ invoice }, ctx) => {
    const { fileName, pdf } = await invoicePdfOf(ctx.db, invoice);
    return { fileName, base64: pdf.toString('base64') };
  },
  'invoices.queue': (_, ctx) => invoiceQueue(ctx.db, ctx.setup?.env ?? {}, ctx.setup?.keys ?? null, ctx.clock.now()),
  // Manager methods: the journal names the manager who did or approved it (a cashier's call approved
  // at the till is the manager's act), as documents.cancelTransmission does.
  'invoices.retry': ({ invoice }, ctx) => {
    const inv = retryInvoice(ctx.db, ctx.clock, invoice, ctx.requireManager('invoices.retry').id);
    ctx.sync?.wake?.();
    return inv;
  },
  'invoices.reissue': ({ invoice, customer }, ctx) => {
    const inv = reissueInvoice(ctx.db, ctx.clock, { invoice, customer, operatorId: ctx.requireManager('invoices.reissue').id });
    ctx.sync?.wake?.();
    return inv;
  },
};
