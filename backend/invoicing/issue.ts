// Issuing invoices in the ledger (issue #13): a TD01 for a sale already documented by a receipt (it
// cites the documento commerciale), a TD04 credit note for a return or void of an invoiced sale (it
// cites the invoice). One SQLite transaction takes the next number of the annual series
// (../ledger/numbering.ts takeNumber on invoice_counters), builds the XML (shared/fatturapa), keeps it
// as issued, queues it pending in invoice_outbox and journals it: a refusal or a failed build rolls
// all of it back, so the series never has a gap and never a number without its invoice.
import { createHash, randomUUID } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types.js';
import { writeStmt } from '../db/statements.js';
import { takeNumber, tillNumberPrefix } from '../ledger/numbering.js';
import { childDocuments, getDocument } from '../ledger/read.js';
import { returnedQuantities } from '../ledger/returns.js';
import { appendAudit } from '../ledger/audit.js';
import { getSetting } from '../settings.js';
import { isTraining } from '../training/mode.js';
import { readShop } from '../setup/shop.js';
import { getCustomer } from '../customers/store.js';
import { buildInvoice } from '../../shared/fatturapa/build.js';
import type { InvoiceRequest } from '../../shared/fatturapa/types.js';
import type { DocumentRecord } from '../../shared/document.js';
import type { Customer } from '../../shared/customer.js';
import { romeDate, type Clock } from '../../shared/time.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { cessionarioOf, customerForInvoice } from './customer.js';
import { getInvoice, invoiceOfDocument, type InvoiceRecord } from './store.js';

/**
 * The SDI file's progressive: at most 5 letters or digits, unique for the shop. The year's last two
 * digits and the number in base 36 (46 655 invoices a year) never repeat within a century.
 */
export function fileProgressive(year: string, seq: number): string {
  return `${year.slice(2)}${seq.toString(36).toUpperCase().padStart(3, '0')}`;
}

/** FatturaPA's Numero (String20Type): at most 20 characters. */
const FATTURAPA_NUMBER_MAX = 20;

interface Issue {
  kind: 'TD01' | 'TD04';
  document: DocumentRecord;
  customer: Customer;
  receipt: InvoiceRequest['receipt'];
  corrects: InvoiceRecord | null;
  /** A TD01 issued at the counter instead of the receipt (no documento commerciale to cite). */
  atSale?: boolean;
  /** The corrected re-issue of this invoice, which the SDI rejected (./reissue.ts): cited in the XML's Causale. */
  replaces?: InvoiceRecord;
}

/**
 * Takes the series' next number, builds and keeps the XML, queues it and journals it: the one way an
 * invoice is issued (a TD01 from a receipt or at the counter, a credit note, a corrected re-issue).
 * Called inside the caller's transaction.
 */
export function issue(db: WritableDb, clock: Clock, operatorId: string | null, i: Issue): InvoiceRecord {
  const now = clock.now();
  const at = now.toISOString();
  const date = romeDate(now);
  const year = date.slice(0, 4);
  // A joined till's code first (issue #14: «C2-2026/0001», «C2-A-2026/0001» with the shop's own
  // prefix): every till of the shop has its own annual series. FatturaPA's Numero is at most 20
  // ASCII characters with a digit (buildInvoice refuses a longer one, naming «number»).
  const prefix = `${tillNumberPrefix(db)}${getSetting(db, 'invoice.prefix')}`;
  // «C12-» and an 8-character prefix leave no room for «2026/0001» in 20: say which setting to shorten.
  const room = FATTURAPA_NUMBER_MAX - `${year}/0000`.length;
  if (prefix.length > room) {
    fail('INVOICE_PREFIX_TOO_LONG', msg.shopLink.invoicePrefixTooLong({ number: `${prefix}${year}/0001`, max: Math.max(0, room - tillNumberPrefix(db).length) }), 'invoice.prefix');
  }
  const { seq, number } = takeNumber(db, year, { counters: 'invoice_counters', prefix });
  const shop = readShop(db);
  const progressive = fileProgressive(year, seq);
  const { xml, figures } = buildInvoice({
    document: i.document, shop, customer: cessionarioOf(i.customer), number, date, transmissionId: progressive,
    receipt: i.receipt ?? null,
    creditNoteOf: i.corrects ? { number: i.corrects.number, date: i.corrects.date } : null,
    ...(i.replaces ? { reissueOf: { number: i.replaces.number, date: i.replaces.date } } : {}),
  });
  const id = randomUUID();
  const fileName = `IT${shop.taxCode.trim().toUpperCase()}_${progressive}.xml`;
  writeStmt(db, `INSERT INTO invoices (id, kind, year, seq, number, date, document_id, at_sale, receipt_number, receipt_date, receipt_ade_number,
    corrects_id, replaces_id, customer_id, total_cents, file_name, xml, operator_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(id, i.kind, year, seq, number, date, i.document.id, i.atSale ? 1 : 0, i.receipt?.number ?? null, i.receipt?.date ?? null, i.receipt?.adeNumber ?? null,
      i.corrects?.id ?? null, i.replaces?.id ?? null, i.customer.id, figures.totalCents, fileName, xml, operatorId, at);
  writeStmt(db, `INSERT INTO invoice_outbox (invoice_id, state, attempts, created_at, updated_at) VALUES (?, 'pending', 0, ?, ?)`).run(id, at, at);
  appendAudit(db, {
    at, actor: operatorId, action: i.replaces ? 'invoice.reissue' : i.kind === 'TD01' ? 'invoice.issue' : 'invoice.credit_note', entityId: id,
    // The XML's digest in the hash-chained journal: the bytes kept as issued can be checked against it.
    payload: { number, document: i.document.number, at_sale: i.atSale === true, customer: i.customer.id, total_cents: figures.totalCents, corrects: i.corrects?.number ?? null,
      ...(i.replaces ? { replaces: i.replaces.number } : {}),
      xml_sha256: createHash('sha256').update(xml, 'utf8').digest('hex') },
  });
  return getInvoice(db, id);
}

/** Why a sale cannot be invoiced (field «sale»), or nothing. */
function refuseSale(db: WritableDb, sale: DocumentRecord): void {
  if (sale.kind !== 'sale') fail('INVOICE_NOT_A_SALE', msg.invoices.saleNotASale({ number: sale.number }), 'sale');
  const invoiced = invoiceOfDocument(db, sale.id);
  if (invoiced) fail('INVOICE_ALREADY_ISSUED', msg.invoices.alreadyInvoiced({ sale: sale.number, invoice: invoiced.number }), 'sale');
  const voided = childDocuments(db, sale.id).find((c) => c.kind === 'void');
  if (voided) fail('INVOICE_SALE_VOIDED', msg.invoices.saleVoided({ sale: sale.number, voidNumber: voided.number }), 'sale');
  const returned = returnedQuantities(db, sale.id);
  if (returned.size > 0 && sale.lines.every((l) => (returned.get(l.lineNo) ?? 0) >= l.quantityMilli))
    fail('INVOICE_SALE_RETURNED', msg.invoices.saleReturned({ sale: sale.number }), 'sale');
}

/**
 * A TD01 for a sale already documented by a receipt, to the customer named by id, CF or P.IVA.
 * A training sale is refused by getDocument (TRAINING_DOCUMENT, field «sale»).
 */
export function invoiceSale(db: WritableDb, clock: Clock, req: { sale: string; customer: string; operatorId: string | null }): InvoiceRecord {
  return db.transaction(() => {
    const sale = getDocument(db, req.sale);
    refuseSale(db, sale);
    const customer = customerForInvoice(db, req.customer);
    return issue(db, clock, req.operatorId, {
      kind: 'TD01', document: sale, customer, corrects: null,
      receipt: { number: sale.number, date: sale.businessDay, adeNumber: sale.fiscal?.documentNumber ?? null },
    });
  }).immediate();
}

/**
 * «Fattura invece dello scontrino» (issue #13), checked before the sale is written: the customer
 * named at the counter (id, CF or P.IVA), active, with everything FatturaPA needs (each refusal names
 * its field under `invoice.customer`), and a fiscal till: in training mode an invoice is refused, so
 * it never takes a number of the real, gap-free series nor reaches the queue for the SDI.
 */
export function atSaleCustomer(db: ReadableDb, ref: string): Customer {
  if (isTraining(db)) fail('INVOICE_TRAINING', msg.atSaleInvoice.training, 'invoice');
  const customer = customerForInvoice(db, ref, 'invoice.customer');
  cessionarioOf(customer, 'invoice.customer');
  return customer;
}

/**
 * The TD01 of a sale invoiced at the counter, inside the sale's own transaction (the caller's:
 * ../sale/commit.ts): numbered in the series, kept, queued in invoice_outbox. It cites no receipt,
 * and the sale was written without an /IT-receipts outbox row.
 */
export function invoiceAtSale(db: WritableDb, clock: Clock, req: { sale: string; customer: Customer; operatorId: string | null }): InvoiceRecord {
  return db.transaction(() => {
    const sale = getDocument(db, req.sale);
    refuseSale(db, sale);
    return issue(db, clock, req.operatorId, { kind: 'TD01', document: sale, customer: req.customer, corrects: null, receipt: null, atSale: true });
  })();
}

/** A TD04 for a return or void of an invoiced sale: to the invoice's customer, citing the invoice. */
export function creditNoteFor(db: WritableDb, clock: Clock, req: { refund: string; operatorId: string | null }): InvoiceRecord {
  return db.transaction(() => {
    const refund = getDocument(db, req.refund);
    if (refund.kind === 'sale' || refund.parent === null) return fail('INVOICE_NOT_A_REFUND', msg.invoices.returnNotARefund({ number: refund.number }), 'return');
    const invoice = invoiceOfDocument(db, refund.parent.id);
    if (!invoice) return fail('INVOICE_SALE_NOT_INVOICED', msg.invoices.returnSaleNotInvoiced({ refund: refund.number, sale: refund.parent.number }), 'return');
    const existing = invoiceOfDocument(db, refund.id);
    if (existing) fail('INVOICE_CREDIT_NOTE_EXISTS', msg.invoices.creditNoteExists({ refund: refund.number, invoice: existing.number }), 'return');
    // The invoice's customer, even if deactivated since: the credit note corrects what they received.
    const customer = getCustomer(db, invoice.customer.id);
    return issue(db, clock, req.operatorId, { kind: 'TD04', document: refund, customer, corrects: invoice, receipt: null });
  }).immediate();
}
