// Invoices in the ledger (issue #13): issue one for a sale already documented by a receipt, a credit
// note for the return of an invoiced sale, read one (with its XML as issued), list the series.
//
// Access: `invoices.create` and `invoices.creditNote` are the cashier's. The customer asks «mi fa la
// fattura?» at the counter, right after paying; the sale and its receipt are already in the ledger,
// no money moves and nothing in the sale changes: the invoice only documents it again with the
// customer's data (a credit note only documents a refund already made, and the refund itself kept
// its own manager rules). Every refusal that matters (already invoiced, voided, training, unknown or
// inactive customer) is the service's, whoever calls; the audit names the operator.
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { noInput } from './common.js';

const ref = z.string().trim().min(1).max(64);

/** The invoice outbox's states (migration 0016): the service's and the SDI's answers in the till's words. */
export const INVOICE_SENDING_STATES = ['pending', 'sending', 'unknown', 'queued', 'sent', 'delivered', 'not_delivered', 'rejected', 'failed'] as const;
export type InvoiceSendingState = (typeof INVOICE_SENDING_STATES)[number];

/** Where the sending of one invoice stands, with its words for the history and the CLI. */
export const InvoiceSendingSchema = z.object({
  state: z.enum(INVOICE_SENDING_STATES),
  provider: z.string().nullable(),
  attempts: z.number().int(),
  remoteId: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The SDI's id of the file, once known. */
  sdiId: z.string().nullable(),
  /** The state in the shop's words (shared/messages invoiceSending), Italian and English. */
  label: z.string(),
  labelEn: z.string(),
  /** A rejected invoice: the SDI's error codes, its words, and what to fix (null when the code is not one the till knows). */
  sdiErrors: z.array(z.object({ code: z.string(), message: z.string(), advice: z.string().nullable(), adviceEn: z.string().nullable() })),
  /** «Riprova» (a failed invoice back to the queue) makes sense. */
  canRetry: z.boolean(),
  /** «Riemetti corretta» makes sense: rejected by the SDI and not yet re-issued. */
  canReissue: z.boolean(),
});
export type InvoiceSending = z.output<typeof InvoiceSendingSchema>;

/** The invoice queue as the status bar and the history show it. */
export const InvoiceQueueSchema = z.object({
  /** The service chosen in Impostazioni, or null (then nothing is sent). */
  provider: z.string().nullable(),
  /** How many invoices are in each state. */
  counts: z.record(z.enum(INVOICE_SENDING_STATES), z.number().int()),
  /** What stops the whole queue (no provider, credential refused, day's quota used up…), in words; null when it runs. */
  stopped: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).nullable(),
  /** The earliest next attempt (ISO instant) when the queue waits for a limit or a backoff. */
  nextAttemptAt: z.string().nullable(),
});
export type InvoiceQueue = z.output<typeof InvoiceQueueSchema>;

export const InvoiceSchema = z.object({
  id: z.string(),
  kind: z.enum(['TD01', 'TD04']),
  number: z.string(),
  year: z.string(),
  seq: z.number().int(),
  date: z.string(),
  document: z.object({ id: z.string(), number: z.string(), kind: z.enum(['sale', 'return', 'void']) }),
  customer: z.object({ id: z.string(), name: z.string() }),
  totalCents: z.number().int(),
  fileName: z.string(),
  receipt: z.object({ number: z.string(), date: z.string(), adeNumber: z.string().nullable() }).nullable(),
  corrects: z.object({ id: z.string(), number: z.string(), date: z.string() }).nullable(),
  /** Issued at the counter instead of the receipt: the sale has no documento commerciale. */
  atSale: z.boolean(),
  /** The corrected re-issue of an invoice the SDI rejected. */
  replaces: z.object({ id: z.string(), number: z.string(), date: z.string() }).nullable(),
  operatorId: z.string().nullable(),
  createdAt: z.string(),
  sending: InvoiceSendingSchema,
});
export type InvoiceOut = z.output<typeof InvoiceSchema>;

export const invoicesContract = defineContract({
  /** A TD01 for a receipted sale (its id or number), to a customer named by id, codice fiscale or Partita IVA. */
  'invoices.create': mutation('operator', z.object({ sale: ref, customer: ref }).strict(), InvoiceSchema),
  /** A TD04 for a return or void (its id or number) of an invoiced sale, citing that invoice. */
  'invoices.creditNote': mutation('operator', z.object({ return: ref }).strict(), InvoiceSchema),
  /** One invoice by id or number, with the XML exactly as issued. */
  'invoices.get': query('operator', z.object({ invoice: ref }).strict(), InvoiceSchema.extend({ xml: z.string() })),
  /** The series, newest first; one year's (YYYY) when given. */
  'invoices.list': query(
    'operator',
    z.object({ year: z.string().regex(/^[0-9]{4}$/).optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.object({ invoices: z.array(InvoiceSchema) }),
  ),
  /** The sending queue: counts per state, what stops it (backend/invoicing/sender). */
  'invoices.queue': query('operator', noInput, InvoiceQueueSchema),
  /** The courtesy copy (A4 PDF, base64) of an issued invoice, from its XML as issued; works offline, same bytes every time. */
  'invoices.pdf': query('operator', z.object({ invoice: ref }).strict(), z.object({ fileName: z.string(), base64: z.string() })),
  /** A failed invoice (refused by the service) back to the queue, after the cause was fixed. Manager. */
  'invoices.retry': mutation('manager', z.object({ invoice: ref }).strict(), InvoiceSchema),
  /**
   * The corrected re-issue of an invoice the SDI rejected: a new number, the same document, the
   * customer's current data from the book (or another customer of the book). Manager.
   */
  'invoices.reissue': mutation('manager', z.object({ invoice: ref, customer: ref.optional() }).strict(), InvoiceSchema),
});
