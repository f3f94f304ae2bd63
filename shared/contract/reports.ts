// End of day: cash movements, cash count, X/Z reports, closing the day. Inputs are zod schemas
// (snake_case, like the other requests); outputs are plain camelCase types shared by the services,
// the CLI, the printer layout and the end-of-day screen.
import { z } from 'zod';
import { formatEuro, MAX_AMOUNT_CENTS, type Cents } from '../money.js';
import type { PaymentMethod } from '../sale.js';
import type { VatCode } from '../vat.js';
import type { DocumentKind } from '../document.js';
import { isIsoDay } from '../time.js';
import type { ReceiptLayout } from '../receipt.js';
import type { ErrorInfo } from '../errors.js';
import { defineContract, mutation, query } from './define.js';
import { noInput } from './common.js';
import { msg, zodMessage } from '../messages/index.js';
import { amountCents, cleanText } from '../validation.js';

/** Euro coins and notes, in cents, largest first: the rows of the cash count. */
export const CASH_DENOMINATIONS_CENTS = [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1] as const;
export type DenominationCents = (typeof CASH_DENOMINATIONS_CENTS)[number];
export function isNote(d: number): boolean {
  return d >= 500;
}

const cents = amountCents.min(1);
const isoDay = z.string().refine(isIsoDay, { message: zodMessage(msg.input.isoDay) });
const operatorId = z.string().min(1).max(64);

export const CASH_MOVEMENT_KINDS = ['float', 'in', 'out'] as const;
export type CashMovementKind = (typeof CASH_MOVEMENT_KINDS)[number];

export const CashMovementInputSchema = z
  .object({
    kind: z.enum(CASH_MOVEMENT_KINDS),
    amount_cents: cents,
    /** Why the cash moved ("versamento in banca", "pagato fornitore"); the opening float may omit it. */
    reason: cleanText(200).optional(),
    operator_id: operatorId.optional(),
  })
  .strict()
  .refine((m) => m.kind === 'float' || (m.reason !== undefined && m.reason !== ''), {
    message: zodMessage(msg.reports.movementReasonRequired),
    path: ['reason'],
  });
export type CashMovementInput = z.input<typeof CashMovementInputSchema>;

/** Pieces per denomination, keyed by the denomination's value in cents: {"5000": 2, "200": 7}. */
export const DenominationsSchema = z
  .record(z.string(), z.number().int().min(0).max(1_000_000))
  // Keys exactly as written by String(cents): "0200" would otherwise be accepted and then counted as nothing.
  .refine((d) => Object.keys(d).every((k) => (CASH_DENOMINATIONS_CENTS as readonly number[]).includes(Number(k)) && String(Number(k)) === k), {
    message: zodMessage(msg.reports.denominationInvalid({ denominations: CASH_DENOMINATIONS_CENTS.join(', ') })),
  })
  // Pieces × value: a million € 500 notes is a typing error, not a drawer.
  .refine((d) => Object.entries(d).reduce((a, [k, n]) => a + Number(k) * n, 0) <= MAX_AMOUNT_CENTS, {
    message: zodMessage(msg.input.countTooLarge({ max: formatEuro(MAX_AMOUNT_CENTS) })),
  });

export const CashCountInputSchema = z
  .object({
    denominations: DenominationsSchema,
    operator_id: operatorId.optional(),
    note: cleanText(500).optional(),
  })
  .strict();
export type CashCountInput = z.input<typeof CashCountInputSchema>;

export const CloseDayInputSchema = z
  .object({
    /** The day to close; default the till's current business day. */
    business_day: isoDay.optional(),
    /** Count to record with the closure; without it the day's last count is used. */
    count: CashCountInputSchema.optional(),
    /** Required to close with documents not yet accepted by the Agenzia delle Entrate. */
    note: cleanText(500).optional(),
    /** Close even if the final sync could not run (no connection). */
    force: z.boolean().default(false),
    operator_id: operatorId.optional(),
  })
  .strict();
export type CloseDayInput = z.input<typeof CloseDayInputSchema>;

export const ReportRequestSchema = z
  .object({
    type: z.enum(['x', 'z']),
    /** Business day; default the current one (X) or the last closed one (Z). */
    date: isoDay.optional(),
  })
  .strict();
export type ReportRequest = z.input<typeof ReportRequestSchema>;

export const PeriodRequestSchema = z
  .object({ from: isoDay, to: isoDay })
  .strict()
  .refine((p) => p.from <= p.to, { message: zodMessage(msg.input.rangeOrder), path: ['to'] });

// ---- Outputs -------------------------------------------------------------------------------

export interface VatSplitTotals {
  grossCents: Cents;
  taxableCents: Cents;
  vatCents: Cents;
}

/** One VAT code: what sales charged, what returns/voids gave back, and the net. */
export interface ReportVatRow {
  vatCode: VatCode;
  sales: VatSplitTotals;
  refunds: VatSplitTotals;
  net: VatSplitTotals;
}

export interface ReportPaymentRow {
  method: PaymentMethod;
  /** Kept by the shop on sales (cash net of change). */
  salesCents: Cents;
  salesCount: number;
  /** Paid back on returns and voids. */
  refundsCents: Cents;
  refundsCount: number;
  netCents: Cents;
  /** Meal vouchers: pieces taken on sales minus pieces given back on voids. */
  pieces: number | null;
}

export interface KindTotals {
  count: number;
  totalCents: Cents;
}

export type FiscalBucket = 'ready' | 'pending' | 'failed';

export interface NotReadyDocument {
  id: string;
  number: string;
  kind: DocumentKind;
  businessDay: string;
  createdAt: string;
  totalCents: Cents;
  state: string;
  bucket: Exclude<FiscalBucket, 'ready'>;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface ReportFiscal {
  total: number;
  ready: number;
  pending: number;
  failed: number;
  notReady: NotReadyDocument[];
}

export interface CashMovement {
  id: string;
  businessDay: string;
  kind: CashMovementKind;
  amountCents: Cents;
  reason: string;
  operatorId: string | null;
  operatorName: string | null;
  createdAt: string;
}

export interface CashCount {
  id: string;
  businessDay: string;
  countedAt: string;
  operatorId: string | null;
  /** Every denomination with its pieces (zeros included), largest first. */
  denominations: Array<{ valueCents: number; pieces: number; amountCents: Cents }>;
  countedCents: Cents;
  expectedCents: Cents;
  varianceCents: Cents;
  note: string | null;
}

export interface ReportCash {
  openingFloatCents: Cents;
  cashInCents: Cents;
  cashOutCents: Cents;
  cashSalesCents: Cents;
  cashRefundsCents: Cents;
  /** float + cash sales − cash refunds + cash in − cash out */
  expectedCents: Cents;
  movements: CashMovement[];
  /** The last count of the day (single-day reports only). */
  count: CashCount | null;
  /** counted − expected now (the count may be older than the last sale: then this differs from count.varianceCents). */
  varianceCents: Cents | null;
}

export interface ReportClosure {
  zNumber: number;
  closedAt: string;
  operatorId: string | null;
  /** As it was when the day was closed. */
  operatorName: string | null;
  note: string | null;
  /** Documents not accepted by the AdE when the day was closed. */
  notReadyAtClose: number;
  finalSync: { ran: boolean; ok: boolean; error: string | null };
}

export interface DayReport {
  version: 1;
  /** x = reading (any time, changes nothing); z = the closed day's snapshot; period = several days. */
  type: 'x' | 'z' | 'period';
  from: string;
  to: string;
  generatedAt: string;
  sales: KindTotals;
  returns: KindTotals;
  voids: KindTotals;
  /** Net corrispettivi: sales − returns − voids (fiscal totals, before cash rounding). */
  netCents: Cents;
  vat: ReportVatRow[];
  vatTotal: { sales: VatSplitTotals; refunds: VatSplitTotals; net: VatSplitTotals };
  payments: ReportPaymentRow[];
  /** Σ net payments = netCents + rounding.netCents (the money side matches the fiscal side). */
  paymentsNetCents: Cents;
  discounts: { lineCents: Cents; saleCents: Cents; totalCents: Cents };
  /** Omaggi: value given away on sales, and value of returned/voided complimentary lines. */
  complimentary: { salesCents: Cents; refundsCents: Cents };
  /** Signed 5-cent cash rounding on sales, the part given back by voids, and the net. */
  rounding: { salesCents: Cents; voidedCents: Cents; netCents: Cents };
  numbering: { firstNumber: string | null; lastNumber: string | null; firstDocumentNumber: string | null; lastDocumentNumber: string | null };
  fiscal: ReportFiscal;
  cash: ReportCash;
  closure: ReportClosure | null;
  /** Reading a closed day: the transmission state now (documents may have been accepted since). */
  fiscalNow?: ReportFiscal;
  /**
   * «di cui fatturati»: the range's sales (receipted, so already in `sales`) that an invoice (TD01)
   * also documents, as the ledger holds them now (an invoice may come after the Z). Already inside
   * the totals: shown so the accountant does not count them twice. Absent in Z snapshots taken
   * before invoices existed; reports.get fills it in.
   */
  invoiced?: KindTotals;
  /**
   * «Vendite documentate da fattura» (issue #13): sales invoiced at the counter instead of a receipt
   * and their credit notes (returns/voids). Not corrispettivi: outside sales, returns, voids, net,
   * VAT, discounts, omaggi and rounding; inside the payments and the cash (the till took the money):
   * Σ net payments = netCents + rounding.netCents + atSale.netCents + atSale.roundingCents.
   * Absent in Z snapshots taken before it existed.
   */
  atSale?: { sales: KindTotals; creditNotes: KindTotals; netCents: Cents; roundingCents: Cents };
}

export type CloseProgress =
  | { step: 'checking'; businessDay: string }
  | { step: 'sync'; phase: 'start' | 'progress' | 'done' | 'skipped'; pending: number; failed: number; ready: number; total: number }
  | { step: 'sync-error'; error: string }
  | { step: 'closing' }
  | { step: 'closed'; zNumber: number };

export interface CloseDayResult {
  businessDay: string;
  zNumber: number;
  report: DayReport;
}

/** The end-of-day screen's state of the open day, in one call. */
export interface EndOfDayStatus {
  businessDay: string;
  closed: boolean;
  lastClosure: { businessDay: string; zNumber: number; closedAt: string } | null;
  /**
   * Why closing now would be refused (typically after the evening's Z: the next day has not begun),
   * the same error reports.closeDay would give; null when the day can be closed.
   */
  closeRefusal: ErrorInfo | null;
  /** Setting eod.blindCount: the screen hides the expected cash and the variance until the count is saved. */
  blindCount: boolean;
  report: DayReport;
}

/** The reconciliation export of a day on screen (issue #13): one electronic payment per row, refunds negative. */
export interface ReconciliationDay {
  date: string;
  rows: Array<{
    identifier: string; number: string; kind: DocumentKind; parentNumber: string | null; invoiceNumber: string | null;
    method: 'electronic'; amountCents: Cents; timeUtc: string; timeRome: string;
  }>;
  /** Σ rows. */
  totalCents: Cents;
  /** The X reading's net electronic payments of the same day: equal to totalCents. */
  reportElectronicCents: Cents;
}

// ---- Contract (UI ↔ backend) -----------------------------------------------------------------

const columns = z.union([z.literal(32), z.literal(42), z.literal(48)]);
const ReportRefSchema = z.object({ type: z.enum(['x', 'z']).default('x'), date: isoDay.optional() }).strict();

export interface FinalSyncResult {
  ran: boolean;
  ok: boolean;
  error: string | null;
  fiscal: ReportFiscal;
}

export const reportsContract = defineContract({
  /** The open day at a glance: X figures, whether it is closed, the last Z. */
  'reports.status': query('operator', noInput, z.custom<EndOfDayStatus>()),
  /** X reading of any day, or the Z report of a closed day. */
  'reports.get': query('operator', ReportRequestSchema, z.custom<DayReport>()),
  'reports.period': query('manager', PeriodRequestSchema, z.custom<DayReport>()),
  /** Opening float, cash in, cash out (a cash out needs a manager). */
  'reports.cashMovement': mutation('operator', CashMovementInputSchema, z.custom<CashMovement>()),
  'reports.countCash': mutation('operator', CashCountInputSchema, z.custom<CashCount>()),
  /**
   * Sends what is still waiting and waits for the answers; the screen polls reports.status
   * meanwhile. A query for the transport: it writes nothing through this connection (the sync
   * engine does, through its own) and must not hold the sales' write queue while it waits.
   */
  'reports.finalSync': query('manager', noInput, z.custom<FinalSyncResult>()),
  'reports.closeDay': mutation('manager', CloseDayInputSchema, z.custom<CloseDayResult>()),
  /** Queues the report on the thermal printer. */
  'reports.print': mutation('operator', ReportRefSchema, z.object({ printJobId: z.string() })),
  /** The report as the printer lays it out, for the on-screen preview. */
  'reports.layout': query('operator', ReportRefSchema.extend({ columns: columns.optional() }), z.custom<ReceiptLayout>()),
  /** The A4 PDF, base64, for the screen to save. */
  'reports.pdf': query('operator', ReportRefSchema, z.object({ fileName: z.string(), base64: z.string() })),
  /** A day's electronic payments per document with their reconciliation identifier (issue #13); default the X's day. */
  'reports.reconciliation': query('operator', z.object({ date: isoDay.optional() }).strict(), z.custom<ReconciliationDay>()),
  /** The same day as the CSV of `bancone reconciliation export` (base64, UTF-8 with BOM). */
  'reports.reconciliationCsv': query('operator', z.object({ date: isoDay }).strict(), z.object({ fileName: z.string(), base64: z.string() })),
});
