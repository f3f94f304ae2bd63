// Committed documents: read one, history with fiscal status, receipt preview and reprint,
// returns, voids, and "riprova" for failed transmissions.
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { CommitResultSchema, DocumentRecordSchema, ReceiptLayoutSchema, id, isoDay } from './common.js';
import { ReturnRequestSchema, VoidRequestSchema } from '../schemas/documents.js';

/** The four states the cashier sees: in coda / inviato / pronto (AdE number) / errore. */
export const FISCAL_GROUPS = ['queued', 'sent', 'ready', 'error'] as const;
export type FiscalGroup = (typeof FISCAL_GROUPS)[number];

/** Outbox state → what the cashier sees. Unknown or missing states count as still queued. */
export function fiscalGroup(state: string | null | undefined): FiscalGroup {
  switch (state) {
    case 'sent': return 'sent';
    case 'ready':
    case 'voided': return 'ready';
    case 'failed': return 'error';
    default: return 'queued';
  }
}

const VoidBlockerSchema = z.object({ code: z.string(), message: z.string(), messageEn: z.string() });

export const DocumentDetailSchema = z.object({
  document: DocumentRecordSchema,
  fiscalGroup: z.enum(FISCAL_GROUPS),
  /** Sales: what is still returnable per line (thousandths). */
  returnable: z.array(z.object({ lineNo: z.number().int(), quantityMilli: z.number().int() })),
  /** Sales: why a void is not possible now (then a full return is offered), or null. */
  voidBlocker: VoidBlockerSchema.nullable(),
  voided: z.boolean(),
  /** Returns and voids made against this sale. */
  children: z.array(z.object({ id: z.string(), kind: z.enum(['sale', 'return', 'void']), number: z.string(), createdAt: z.string(), totalCents: z.number().int() })),
  /** Refunds above this need a manager (setting sale.managerReturnThresholdCents). */
  managerReturnThresholdCents: z.number().int(),
});
export type DocumentDetail = z.output<typeof DocumentDetailSchema>;

export const HistoryRowSchema = z.object({
  id: z.string(),
  kind: z.enum(['sale', 'return', 'void']),
  number: z.string(),
  businessDay: z.string(),
  createdAt: z.string(),
  totalCents: z.number().int(),
  operatorName: z.string().nullable(),
  parentNumber: z.string().nullable(),
  fiscalState: z.string().nullable(),
  fiscalGroup: z.enum(FISCAL_GROUPS),
  documentNumber: z.string().nullable(),
  lastErrorMessage: z.string().nullable(),
});
export type HistoryRow = z.output<typeof HistoryRowSchema>;

export const HistoryQuerySchema = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    status: z.enum([...FISCAL_GROUPS, 'all']).default('all'),
    kind: z.enum(['sale', 'return', 'void', 'all']).default('all'),
    /** Local number or AdE number, or part of it. */
    text: z.string().trim().max(64).default(''),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type HistoryQuery = z.input<typeof HistoryQuerySchema>;

export const documentsContract = defineContract({
  /** By id (what the receipt QR holds) or local number "2026-11-21/0042". */
  'documents.get': query('operator', z.object({ ref: z.string().trim().min(1).max(64) }).strict(), DocumentDetailSchema),
  'documents.history': query('operator', HistoryQuerySchema, z.object({ rows: z.array(HistoryRowSchema), total: z.number().int() })),
  /** The receipt as the printer lays it out (shared/receipt.ts), for the on-screen preview. */
  'documents.receipt': query('operator', z.object({ id, mark: z.enum(['copy', 'reprint']).nullable().default(null) }).strict(), ReceiptLayoutSchema),
  /** Prints the receipt again, marked COPIA. */
  'documents.reprint': mutation('operator', z.object({ id }).strict(), z.object({ printJobId: z.string() })),
  /** «Stampa numero AdE»: the slip with the AdE number (refused until the number has arrived). */
  'documents.printFiscalNumber': mutation('operator', z.object({ id }).strict(), z.object({ printJobId: z.string() })),
  /** Returns above the manager threshold need a manager. */
  'documents.return': mutation('operator', ReturnRequestSchema, CommitResultSchema),
  'documents.void': mutation('manager', VoidRequestSchema, CommitResultSchema),
  /** "Riprova": sends a failed document again. */
  'documents.retry': mutation('manager', z.object({ id }).strict(), z.object({ state: z.string() })),
});
