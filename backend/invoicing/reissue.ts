// The corrected re-issue of an invoice the SDI rejected (issue #13). The SDI treats a rejected
// (scartata) invoice as never issued: the shop issues it again, corrected, within five days, with a
// new number of the series, citing the rejected one in Causale («Riemissione della fattura n. X del D
// scartata dallo SDI»). Same ledger document; `replaces_id` names the rejected invoice (migration
// 0017: one re-issue per rejected invoice). The customer is the book's current data (the usual fix
// is the customer's codice destinatario, P.IVA or PEC), or another customer of the book when given.
// One transaction through ./issue.ts's issue(): number, XML, outbox row and journal, or nothing.
//
// A re-issue goes only after the invoice it replaces is rejected (./sender/store.ts pickDue), which
// is always true here; its look-up after an ambiguous send asks for its own new number, so it can
// never adopt the rejected invoice.
import type { WritableDb } from '../db/types.js';
import { getDocument } from '../ledger/read.js';
import { getCustomer } from '../customers/store.js';
import type { Clock } from '../../shared/time.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { customerForInvoice } from './customer.js';
import { issue } from './issue.js';
import { getInvoice, invoiceOfDocument, type InvoiceRecord } from './store.js';

export function reissueInvoice(db: WritableDb, clock: Clock, req: { invoice: string; customer?: string | undefined; operatorId: string | null }): InvoiceRecord {
  return db.transaction(() => {
    const old = getInvoice(db, req.invoice);
    const successor = db.prepare('SELECT number FROM invoices WHERE replaces_id = ?').pluck().get(old.id) as string | undefined;
    if (successor !== undefined) fail('INVOICE_ALREADY_REISSUED', msg.invoiceReissue.alreadyReissued({ number: old.number, reissue: successor }), 'invoice');
    if (old.sending.state !== 'rejected') fail('INVOICE_NOT_REJECTED', msg.invoiceReissue.notRejected({ number: old.number, state: old.sending.label }), 'invoice');

    const customer = req.customer !== undefined ? customerForInvoice(db, req.customer) : getCustomer(db, old.customer.id);
    const document = getDocument(db, old.document.id);
    // A credit note cites the invoice it corrects as it stands now: its own re-issue, if it was rejected too.
    const corrects = old.corrects ? invoiceOfDocument(db, getInvoice(db, old.corrects.id).document.id) ?? getInvoice(db, old.corrects.id) : null;

    return issue(db, clock, req.operatorId, {
      kind: old.kind, document, customer, receipt: old.receipt, corrects, atSale: old.atSale, replaces: old,
    });
  }).immediate();
}
