// The read model of a committed fiscal document (sale, return or void), as the ledger returns it.
// Receipt layout, sync, reports and the UI all consume this one shape.
import type { Cents, Milli } from './money.js';
import type { PaymentMethod, VatRow } from './sale.js';
import type { VatCode } from './vat.js';

export type DocumentKind = 'sale' | 'return' | 'void';

export interface DocumentLine {
  lineNo: number;
  productId: string | null;
  sku: string | null;
  barcode: string | null;
  description: string;
  department: string | null;
  vatCode: VatCode;
  quantityMilli: Milli;
  unitPriceCents: Cents;
  listPriceCents: Cents | null;
  grossCents: Cents;
  discountCents: Cents;
  saleDiscountShareCents: Cents;
  complimentary: boolean;
  amountCents: Cents;
  /** Returns/voids: the line of the original sale this refunds. */
  parentLineNo: number | null;
}

export interface DocumentPayment {
  seq: number;
  method: PaymentMethod;
  amountCents: Cents;
  appliedCents: Cents;
  count: number | null;
  uncollectedKind: 'goods' | 'services' | null;
}

/** Where the document stands with the Agenzia delle Entrate (via Openapi). */
export type FiscalState = 'pending' | 'sending' | 'sent' | 'unknown' | 'ready' | 'failed' | 'voided';

export interface FiscalStatus {
  state: FiscalState | string;
  remoteId: string | null;
  documentNumber: string | null;
  documentDate: string | null;
  transactionId: string | null;
  submittedAt: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  attempts: number;
  nextAttemptAt: string | null;
}

export interface DocumentRecord {
  id: string;
  kind: DocumentKind;
  number: string;
  businessDay: string;
  seq: number;
  createdAt: string;
  operatorId: string | null;
  parentId: string | null;
  /** For returns/voids: the original sale's local number, date and AdE number (if known). */
  parent: { id: string; number: string; createdAt: string; documentNumber: string | null } | null;
  subtotalCents: Cents;
  lineDiscountCents: Cents;
  saleDiscountCents: Cents;
  complimentaryCents: Cents;
  totalCents: Cents;
  roundingCents: Cents;
  dueCents: Cents;
  tenderedCents: Cents;
  changeCents: Cents;
  lotteryCode: string | null;
  source: string;
  note: string | null;
  lines: DocumentLine[];
  payments: DocumentPayment[];
  vat: VatRow[];
  fiscal: FiscalStatus | null;
  /**
   * Documented by an invoice INSTEAD of a receipt (issue #13): a sale invoiced at the counter (its
   * TD01), or a return/void of one (its TD04 credit note). Absent or null: a documento commerciale.
   */
  invoice?: DocumentInvoice | null;
}

export interface DocumentInvoice {
  kind: 'TD01' | 'TD04';
  id: string;
  number: string;
  date: string;
  customer: { name: string; vatNumber: string | null; taxCode: string | null };
  /** TD04: the number of the invoice it corrects. */
  corrects: string | null;
}
