// The corrected re-issue of an invoice the SDI rejected (issue #13). The SDI treats a rejected
// (scartata) invoice as never issued: the shop issues it again, corrected, within five days, with a
// new number of the series, citing the rejected one in Causale («Riemissione della fattura n. X del D
// scartata dallo SDI»). Same ledger document; `replaces_id` names the rejected invoice (migration
// 0017: one re-issue per rejected invoice). The customer is the book's current data (the usual fix
// is the customer's codice destinatario, P.IVA or PEC), or another customer of the book when given.
// One transaction, like ./issue.ts: number, XML, outbox row and journal, or nothing.
//
// A re-issue goes only after the invoice it replaces is rejected (./sender/store.ts pickDue), which
// is always true here; its look-up after an ambiguous send asks for its own new number, so it can
// never adopt the rejected invoice.
import { createHash, randomUUID } from 'node:crypto';
import type { WritableDb } from '../db/types.js';
import { takeNumber } from '../ledger/numbering.js';
import { getDocument } from '../ledger/read.js';
import { appendAudit } from '../ledger/audit.js';
import { getSetting } from '../settings.js';
import { readShop } from '../setup/shop.js';
import { getCustomer } from '../customers/store.js';
import { buildInvoice } from '../../shared/fatturapa/build.js';
import { romeDate, type Clock } from '../../shared/time.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { cessionarioOf, customerForInvoice } from './customer.js';
import { fileProgressive } from './issue.js';
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

    const now = clock.now();
    const at = now.toISOString();
    const date = romeDate(now);
    const year = date.slice(0, 4);
    const { seq, number } = takeNumber(db, year, { counters: 'invoice_counters', prefix: getSetting(db, 'invoice.prefix') });
    const shop = readShop(db);
    const progressive = fileProgressive(year, seq);
    const { xml, figures } = buildInvoice({
      document, shop, customer: cessionarioOf(customer), number, date, transmissionId: progressive,
      receipt: old.receipt, creditNoteOf: corrects ? { number: corrects.number, date: corrects.date } : null,
      reissueOf: { number: old.number, date: old.date },
    });
    const id = randomUUID();
    const fileName = `IT${shop.taxCode.trim().toUpperCase()}_${progressive}.xml`;
    db.prepare(`INSERT INTO invoices (id, kind, year, seq, number, date, document_id, at_sale, receipt_number, receipt_date, receipt_ade_number,
      corrects_id, replaces_id, customer_id, total_cents, file_name, xml, operator_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, old.kind, year, seq, number, date, document.id, old.atSale ? 1 : 0, old.receipt?.number ?? null, old.receipt?.date ?? null, old.receipt?.adeNumber ?? null,
        corrects?.id ?? null, old.id, customer.id, figures.totalCents, fileName, xml, req.operatorId, at);
    db.prepare(`INSERT INTO invoice_outbox (invoice_id, state, attempts, created_at, updated_at) VALUES (?, 'pending', 0, ?, ?)`).run(id, at, at);
    appendAudit(db, {
      at, actor: req.operatorId, action: 'invoice.reissue', entityId: id,
      payload: { number, replaces: old.number, document: document.number, customer: customer.id, total_cents: figures.totalCents,
        xml_sha256: createHash('sha256').update(xml, 'utf8').digest('hex') },
    });
    return getInvoice(db, id);
  }).immediate();
}
