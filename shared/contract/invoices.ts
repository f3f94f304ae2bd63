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

const ref = z.string().trim().min(1).max(64);

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
  operatorId: z.string().nullable(),
  createdAt: z.string(),
  sending: z.object({ state: z.string(), provider: z.string().nullable(), attempts: z.number().int(), remoteId: z.string().nullable(), lastError: z.string().nullable() }),
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
});
