// Openapi's /IT-invoices on the wire (openapi-invoice.oas.json: InvoiceResponse, ITInvoiceResponseArray).
// Read leniently like the receipts' schemas: what the adapter needs is checked, the rest is kept.
import { z } from 'zod';

/** `state`: NEW → SENT → DONE | ERROR (RECEIVED is for incoming invoices only). */
export const INVOICE_STATES = ['NEW', 'SENT', 'RECEIVED', 'DONE', 'ERROR'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];

/** `details.sdi_status`: the SDI's technical status (ACCEPTED, REJECTED, TERMS_EXPIRED: PA only). */
export const SDI_STATUSES = ['BOOKED', 'SENT', 'DELIVERED', 'NOT_DELIVERED', 'RECEIVED', 'ACCEPTED', 'REJECTED', 'TERMS_EXPIRED', 'ERROR'] as const;
export type SdiStatus = (typeof SDI_STATUSES)[number];

/** The list filters GET /IT-invoices knows (and nothing else). */
export const INVOICE_LIST_FILTERS = ['fiscal_id', 'document_number', 'state', 'direction', 'type', 'issue_date', 'issue_date[before]', 'issue_date[after]', 'skip', 'limit'] as const;

export const RemoteInvoiceSchema = z.object({
  id: z.string().min(1),
  state: z.enum(INVOICE_STATES),
  direction: z.string().nullish(),
  fiscal_id: z.string().nullish(),
  type: z.string().nullish(),
  document_number: z.string().nullish(),
  issue_date: z.string().nullish(),
  total_gross_amount: z.number().nullish(),
  details: z.object({
    sdi_id: z.string().nullish(),
    sdi_filename: z.string().nullish(),
    // Upper case in the OAS, «Delivered» in the overview's examples, "" in the callback's: compared upper-cased.
    sdi_status: z.string().nullish(),
    sdi_message: z.string().nullish(),
    sdi_update_date: z.string().nullish(),
    invoice_date: z.string().nullish(),
  }).nullish(),
});
export type RemoteInvoiceJson = z.infer<typeof RemoteInvoiceSchema>;
