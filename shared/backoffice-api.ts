// The back office's own wire (srv-backoffice, issue #14): what `bancone server`'s admin routes
// (server/backoffice/routes.ts) answer and the back office page (backoffice/) reads. All money in
// integer cents, days as YYYY-MM-DD business days, instants as ISO strings. The master-data calls
// are in server-api.ts (srv-master's).
import type { DayReport } from './contract/reports.js';
import type { TillReport } from './server-api.js';

export type TillProblem = 'never_seen' | 'not_seen' | 'chain_broken' | 'ade_failed' | 'ade_stuck';

export interface TillHealth {
  tillCode: string;
  lastSeenAt: string | null;
  ackSeq: number;
  lastUploadAt: string | null;
  chain: { brokenAt: number | null; problem: string | null };
  /** The till's last report of itself (pending uploads, AdE queue, printer, master version). */
  report: TillReport | null;
  masterVersion: number | null;
  problems: TillProblem[];
}

/** GET /admin/api/tills → { shops: ShopTills[] } */
export interface ShopTills {
  shopId: string;
  name: string;
  masterVersion: number;
  tills: TillHealth[];
}

/** A Z a till closed: its number and what its snapshot says the documents came to. */
export interface TillClosure {
  tillCode: string;
  businessDay: string;
  zNumber: number;
  closedAt: string;
  /** The snapshot's net corrispettivi plus its sales invoiced at the counter: the documents' net. */
  documentsNetCents: number;
  /** The snapshot's own net corrispettivi (what the Z printed as «netto»). */
  netCents: number;
}

/** GET /admin/api/shops/:shopId/report?from&to[&till] */
export interface ShopReport {
  report: DayReport;
  closures: TillClosure[];
  /** Tills with documents or cash movements in the range and no Z for one of those days. */
  openDays: { tillCode: string; businessDay: string }[];
}

export interface DocumentSummary {
  id: string;
  tillCode: string;
  number: string;
  kind: 'sale' | 'return' | 'void';
  businessDay: string;
  createdAt: string;
  totalCents: number;
  fiscalState: string | null;
  adeNumber: string | null;
}

/** GET /admin/api/shops/:shopId/documents?… */
export interface DocumentSearchResult { documents: DocumentSummary[]; more: boolean }

/** GET /admin/api/shops/:shopId/documents/:id */
export interface DocumentDetail extends DocumentSummary {
  operatorId: string | null;
  subtotalCents: number; lineDiscountCents: number; saleDiscountCents: number; complimentaryCents: number;
  roundingCents: number; dueCents: number; tenderedCents: number; changeCents: number;
  lotteryCode: string | null; note: string | null;
  fiscal: { state: string | null; adeNumber: string | null; detail: unknown };
  lines: { lineNo: number; sku: string | null; barcode: string | null; description: string; department: string | null; vatCode: string;
    quantityMilli: number; unitPriceCents: number; grossCents: number; discountCents: number; saleDiscountShareCents: number;
    complimentary: boolean; amountCents: number }[];
  payments: { seq: number; method: string; amountCents: number; appliedCents: number; count: number | null }[];
  vat: { vatCode: string; grossCents: number; taxableCents: number; vatCents: number }[];
  /** Its returns and voids. */
  related: DocumentSummary[];
  /** The sale a return or void points at. */
  parent: DocumentSummary | null;
}
