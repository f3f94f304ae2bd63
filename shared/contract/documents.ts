// Committed documents: read one, history with fiscal status, receipt preview and reprint,
// returns, voids, and "riprova" for failed transmissions.
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { CommitResultSchema, DocumentRecordSchema, ReceiptLayoutSchema, id, isoDay } from './common.js';
import { ReturnRequestSchema, VoidRequestSchema } from '../schemas/documents.js';
import { REFUSAL_KINDS } from '../fiscal-errors.js';
import { INVOICE_SENDING_STATES, InvoiceSchema } from './invoices.js';

/**
 * The history filter's groups: da inviare (queued) / inviato, in attesa dell'AdE (sent) / registrato
 * (ready, AdE number) / rifiutato (error) / non trasmesso (cancelled).
 */
export const FISCAL_GROUPS = ['queued', 'sent', 'ready', 'error', 'cancelled', 'invoice'] as const;
export type FiscalGroup = (typeof FISCAL_GROUPS)[number];

/**
 * The fiscal state of a document the AdE never receives because an invoice documents it (a sale
 * invoiced at the counter instead of the receipt, and its returns and voids, documented by credit
 * notes; issue #13). It has no outbox row; the history reads it as this state.
 */
export const BY_INVOICE_STATE = 'invoice';

/** Outbox state → filter group. Unknown or missing states count as still queued. */
export function fiscalGroup(state: string | null | undefined): FiscalGroup {
  switch (state) {
    case 'sent': return 'sent';
    case 'ready':
    case 'voided': return 'ready';
    case 'failed': return 'error';
    case 'cancelled': return 'cancelled';
    case BY_INVOICE_STATE: return 'invoice';
    default: return 'queued';
  }
}

/**
 * Where a document stands, in the words the shop reads (history, detail):
 * to_send «Da inviare» · waiting_parent «In attesa della vendita» · parent_refused «Ferma: la vendita
 * è stata rifiutata» · parent_cancelled (a child whose sale is not transmitted) · sending «Invio in
 * corso» · sent «Inviato, in attesa dell'AdE» · checking «Verifica in corso» · ready «Registrato
 * dall'AdE (n. …)» · refused «Rifiutato dall'AdE — vedi dettaglio» · cancelled «Non trasmesso
 * (annullato in cassa)» · by_invoice «Documentato da fattura: non va all'AdE».
 */
export const FISCAL_PHASES = ['to_send', 'waiting_parent', 'parent_refused', 'parent_cancelled', 'sending', 'sent', 'checking', 'ready', 'refused', 'cancelled', 'by_invoice'] as const;
export type FiscalPhase = (typeof FISCAL_PHASES)[number];

/** The phase from the document's outbox state and, for a return or void, its sale's. */
export function fiscalPhase(state: string | null | undefined, parentState?: string | null): FiscalPhase {
  switch (state) {
    case 'sending': return 'sending';
    case 'sent': return 'sent';
    case 'unknown': return 'checking';
    case 'ready':
    case 'voided': return 'ready';
    case 'failed': return 'refused';
    case 'cancelled': return 'cancelled';
    case BY_INVOICE_STATE: return 'by_invoice';
    default:
      if (parentState === undefined || parentState === null) return 'to_send';
      if (parentState === 'failed') return 'parent_refused';
      if (parentState === 'cancelled') return 'parent_cancelled';
      return parentState === 'ready' || parentState === 'voided' ? 'to_send' : 'waiting_parent';
  }
}

/** What happened to a sale afterwards: annullato / reso totale / reso parziale. */
export const SALE_MARKS = ['voided', 'returned_full', 'returned_partial'] as const;
export type SaleMark = (typeof SALE_MARKS)[number];

/** Why a document was refused, explained (shared/fiscal-errors.ts), with the refuser's own words apart. */
export const FiscalProblemSchema = z.object({
  kind: z.enum(REFUSAL_KINDS),
  /** Who refused it: the till's own check, Openapi, or the Agenzia. */
  source: z.enum(['till', 'openapi', 'ade']),
  explanation: z.string(),
  explanationEn: z.string(),
  code: z.string().nullable(),
  /** The refuser's own words, untranslated: shown apart and labelled. */
  apiMessage: z.string().nullable(),
});
export type FiscalProblem = z.output<typeof FiscalProblemSchema>;

const VoidBlockerSchema = z.object({ code: z.string(), message: z.string(), messageEn: z.string() });

export const DocumentDetailSchema = z.object({
  document: DocumentRecordSchema,
  fiscalGroup: z.enum(FISCAL_GROUPS),
  fiscalPhase: z.enum(FISCAL_PHASES),
  /** Sales: voided, or returned in full / in part (from its returns and voids). */
  saleMark: z.enum(SALE_MARKS).nullable(),
  /** Refused documents: why, and what to do. */
  fiscalProblem: FiscalProblemSchema.nullable(),
  /** «Riprova» makes sense (refused, and not cancelled). */
  canRetry: z.boolean(),
  /** «Non trasmettere»: possible only while the document certainly is not at the AdE; else why not. */
  cancelTransmission: z.object({ allowed: z.boolean(), reason: z.string().nullable(), reasonEn: z.string().nullable() }),
  /** A cancelled transmission: why, when, by whom (null: the till itself, for a void of a refused sale). */
  cancellation: z.object({ reason: z.string(), at: z.string(), by: z.string().nullable() }).nullable(),
  /** Sales: what is still returnable per line (thousandths). */
  returnable: z.array(z.object({ lineNo: z.number().int(), quantityMilli: z.number().int() })),
  /** Sales: why a void is not possible now (then a full return is offered), or null. */
  voidBlocker: VoidBlockerSchema.nullable(),
  voided: z.boolean(),
  /** Returns and voids made against this sale. */
  children: z.array(z.object({ id: z.string(), kind: z.enum(['sale', 'return', 'void']), number: z.string(), createdAt: z.string(), totalCents: z.number().int() })),
  /** Refunds above this need a manager (setting sale.managerReturnThresholdCents). */
  managerReturnThresholdCents: z.number().int(),
  /**
   * Issue #13: the document's invoice — a sale's TD01, a return's or void's TD04 credit note — the one
   * no corrected re-issue replaces (backend/invoicing/store.ts invoiceOfDocument); null when none.
   */
  invoice: InvoiceSchema.nullable(),
  /** A return or void: the invoice of its sale (then a credit note documents the refund); else null. */
  saleInvoice: z.object({ id: z.string(), number: z.string() }).nullable(),
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
  fiscalPhase: z.enum(FISCAL_PHASES),
  saleMark: z.enum(SALE_MARKS).nullable(),
  documentNumber: z.string().nullable(),
  /** The refusal's explanation in Italian / English (history tooltips); null unless refused. */
  problem: z.string().nullable(),
  problemEn: z.string().nullable(),
  lastErrorMessage: z.string().nullable(),
  /** Issue #13: the document's current invoice (a sale's TD01, a return's TD04), its sending state; null when none. */
  invoiceNumber: z.string().nullable(),
  invoiceKind: z.enum(['TD01', 'TD04']).nullable(),
  invoiceState: z.enum(INVOICE_SENDING_STATES).nullable(),
});
export type HistoryRow = z.output<typeof HistoryRowSchema>;

/** A training sale (issue #12) as the history lists it, apart: not fiscal, never sent, its number «PROVA …». */
export const TrainingHistoryRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  businessDay: z.string(),
  createdAt: z.string(),
  totalCents: z.number().int(),
  operatorName: z.string().nullable(),
});
export type TrainingHistoryRow = z.output<typeof TrainingHistoryRowSchema>;

export const HistoryQuerySchema = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    status: z.enum([...FISCAL_GROUPS, 'all']).default('all'),
    kind: z.enum(['sale', 'return', 'void', 'all']).default('all'),
    /** Local number, AdE number or invoice number, or part of it. */
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
  /** The training sales of the same days as the history (newest first, at most 200): listed apart, marked «PROVA». */
  'documents.trainingHistory': query('operator', z.object({ from: isoDay.optional(), to: isoDay.optional() }).strict(), z.object({ rows: z.array(TrainingHistoryRowSchema) })),
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
  /**
   * «Non trasmettere»: a document that never reached the Agenzia delle Entrate (refused, or not sent
   * yet) is taken out of the queue for good, with the manager's reason (audited); a sale's returns
   * and voids go with it. Refused while the document is or may be at the AdE.
   */
  // The reason's minimum is checked by the service, which says in words what is missing.
  'documents.cancelTransmission': mutation('manager', z.object({ id, reason: z.string().trim().max(500) }).strict(),
    z.object({ state: z.literal('cancelled'), cancelled: z.number().int() })),
});
