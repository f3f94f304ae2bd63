// X, Z and period reports of a shop (all its tills, or one) from the rows the tills uploaded
// (documents, vat_rows, payments, cash_movements, fiscal_states), in the till's own DayReport shape so
// the PDF and the screens are the till's. The SQL mirrors the till's ROWS_SQL (backend/reports/
// queries.ts) on PostgreSQL; the arithmetic over the summed rows is the till's own (vatSection,
// paymentSection, cashFlows, fiscalBucket), not a second copy. Beside it, per till and day, the Z
// the till closed (closures: its number and its snapshot's totals), so the two can be compared.
//
// Sales invoiced at the counter (issue #13; at_sale_invoices, from the tills' invoice.* entries) are
// kept out of the corrispettivi and the AdE's queue and shown on their own (atSale), as the till's
// report does; their money still counts in the payments and the drawer. The comparison with the
// tills' Z (shopDayTotals) uses the documents' net total, invoiced or not, on both sides.
import type pg from 'pg';
import type { DayReport, ReportFiscal, KindTotals, CashMovement, ReportClosure } from '../../shared/contract/reports.js';
import type { DocumentKind } from '../../shared/document.js';
import type { ShopReport, TillClosure } from '../../shared/backoffice-api.js';

export type { ShopReport, TillClosure };
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { cashFlows, type KindRow, type PaymentAggRow, type VatAggRow } from '../../backend/reports/queries.js';
import { atSaleSection, fiscalBucket, paymentSection, vatSection } from '../../backend/reports/report.js';

export interface ReportScope {
  shopId: string;
  /** One till (its id), or null for the whole shop. */
  tillId: string | null;
  from: string;
  to: string;
}

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
// Days are selected as text (::text): pg would make a `date` a local-midnight Date.
const day = (v: unknown) => String(v);

/** The rows of the scope: shop, range, optionally one till ($1 shop, $2 from, $3 to, $4 till or null). */
const IN_SCOPE = `d.shop_id = $1 AND d.business_day BETWEEN $2::date AND $3::date AND ($4::bigint IS NULL OR d.till_id = $4::bigint)`;

/** The scope's corrispettivi: every document but those an invoice documented at the counter. */
const RECEIPTED = `${IN_SCOPE} AND NOT EXISTS (SELECT 1 FROM at_sale_invoices a WHERE a.document_id = d.id)`;
const AT_SALE = `${IN_SCOPE} AND EXISTS (SELECT 1 FROM at_sale_invoices a WHERE a.document_id = d.id)`;

const KINDS = (where: string) => `SELECT d.kind, count(*) AS n, sum(d.total_cents) AS total, sum(d.rounding_cents) AS rounding,
      sum(d.line_discount_cents) AS line_discount, sum(d.sale_discount_cents) AS sale_discount, sum(d.complimentary_cents) AS complimentary,
      sum(CASE WHEN d.kind = 'void' THEN coalesce((SELECT p.rounding_cents FROM documents p WHERE p.id = d.parent_id), 0) ELSE 0 END) AS parent_rounding
    FROM documents d WHERE ${where} GROUP BY d.kind`;

const SQL = {
  atSaleKinds: KINDS(AT_SALE),
  kinds: `SELECT d.kind, count(*) AS n, sum(d.total_cents) AS total, sum(d.rounding_cents) AS rounding,
      sum(d.line_discount_cents) AS line_discount, sum(d.sale_discount_cents) AS sale_discount, sum(d.complimentary_cents) AS complimentary,
      sum(CASE WHEN d.kind = 'void' THEN coalesce((SELECT p.rounding_cents FROM documents p WHERE p.id = d.parent_id), 0) ELSE 0 END) AS parent_rounding
    FROM documents d WHERE ${RECEIPTED} GROUP BY d.kind`,
  vat: `SELECT d.kind, v.vat_code, sum(v.gross_cents) AS gross, sum(v.taxable_cents) AS taxable, sum(v.vat_cents) AS vat
    FROM documents d JOIN vat_rows v ON v.document_id = d.id WHERE ${RECEIPTED} GROUP BY d.kind, v.vat_code`,
  payments: `SELECT d.kind, p.method, sum(p.applied_cents) AS applied, count(*) AS n, sum(coalesce(p.count, 0)) AS pieces
    FROM documents d JOIN payments p ON p.document_id = d.id WHERE ${IN_SCOPE} GROUP BY d.kind, p.method`,
  fiscal: `SELECT coalesce(f.state, 'missing') AS state, count(*) AS n
    FROM documents d LEFT JOIN fiscal_states f ON f.document_id = d.id WHERE ${RECEIPTED} GROUP BY 1`,
  notReady: `SELECT d.id, d.number, d.kind, d.business_day::text AS business_day, d.created_at, d.total_cents, f.state, f.detail
    FROM documents d LEFT JOIN fiscal_states f ON f.document_id = d.id JOIN tills t ON t.id = d.till_id
    WHERE ${RECEIPTED} AND (f.state IS NULL OR f.state NOT IN ('ready', 'voided'))
    ORDER BY d.business_day, t.code, d.seq LIMIT 500`,
  numbers: `SELECT (SELECT d.number FROM documents d JOIN tills t ON t.id = d.till_id WHERE ${IN_SCOPE} ORDER BY d.business_day, t.code, d.seq LIMIT 1) AS first,
      (SELECT d.number FROM documents d JOIN tills t ON t.id = d.till_id WHERE ${IN_SCOPE} ORDER BY d.business_day DESC, t.code DESC, d.seq DESC LIMIT 1) AS last`,
  adeNumbers: `SELECT (SELECT f.ade_number FROM documents d JOIN fiscal_states f ON f.document_id = d.id JOIN tills t ON t.id = d.till_id
        WHERE ${IN_SCOPE} AND f.ade_number IS NOT NULL ORDER BY d.business_day, t.code, d.seq LIMIT 1) AS first,
      (SELECT f.ade_number FROM documents d JOIN fiscal_states f ON f.document_id = d.id JOIN tills t ON t.id = d.till_id
        WHERE ${IN_SCOPE} AND f.ade_number IS NOT NULL ORDER BY d.business_day DESC, t.code DESC, d.seq DESC LIMIT 1) AS last`,
  // In each till's own order (its journal's), as the till lists them: two movements can share an instant.
  movements: `SELECT d.id, d.business_day::text AS business_day, d.kind, d.amount_cents, d.reason, d.operator_id, d.created_at
    FROM cash_movements d JOIN tills t ON t.id = d.till_id
    LEFT JOIN LATERAL (SELECT min(j.seq) AS seq FROM journal j WHERE j.till_id = d.till_id AND j.entity_id = d.id) j ON true
    WHERE ${IN_SCOPE} ORDER BY d.business_day, d.created_at, t.code, j.seq NULLS LAST, d.id`,
  closures: `SELECT t.code AS till_code, c.business_day::text AS business_day, c.z_number, c.closed_at, c.snapshot
    FROM closures c JOIN tills t ON t.id = c.till_id
    WHERE c.shop_id = $1 AND c.business_day BETWEEN $2::date AND $3::date AND ($4::bigint IS NULL OR c.till_id = $4::bigint)
    ORDER BY c.business_day, t.code`,
  /** Every (till, day) with documents or cash movements: a day a till worked. */
  worked: `SELECT DISTINCT t.code AS till_code, x.business_day::text AS business_day FROM (
        SELECT d.till_id, d.business_day FROM documents d WHERE ${IN_SCOPE}
        UNION SELECT d.till_id, d.business_day FROM cash_movements d WHERE ${IN_SCOPE}) x
      JOIN tills t ON t.id = x.till_id ORDER BY 2, 1`,
} as const;

/** The shop's id, refused (404) when there is none. */
export async function requireShop(pool: pg.Pool, shopId: string): Promise<{ id: string; name: string }> {
  const r = /^\d{1,18}$/.test(shopId) ? (await pool.query<{ id: string; name: string }>('SELECT id::text AS id, name FROM shops WHERE id = $1', [shopId])).rows[0] : undefined;
  if (!r) fail('NOT_FOUND', msg.backoffice.shopUnknown({ shopId }), 'shop');
  return r;
}

/** A till of the shop by its code (C1, C2…), refused (404) when the shop has none. */
export async function requireTill(pool: pg.Pool, shopId: string, tillCode: string): Promise<string> {
  const r = (await pool.query<{ id: string }>('SELECT id::text AS id FROM tills WHERE shop_id = $1 AND code = $2', [shopId, tillCode])).rows[0];
  if (!r) fail('NOT_FOUND', msg.backoffice.tillUnknown({ tillCode }), 'till');
  return r.id;
}

function closureOfSnapshot(tillCode: string, row: { business_day: unknown; z_number: unknown; closed_at: unknown; snapshot: string }): TillClosure & { snapshot: DayReport } {
  const snap = JSON.parse(row.snapshot) as DayReport;
  return {
    tillCode,
    businessDay: day(row.business_day),
    zNumber: n(row.z_number),
    closedAt: row.closed_at instanceof Date ? row.closed_at.toISOString() : String(row.closed_at),
    netCents: snap.netCents,
    documentsNetCents: snap.netCents + (snap.atSale?.netCents ?? 0),
    snapshot: snap,
  };
}

/** The report of a scope from the uploaded rows; `now` labels it. */
export async function shopReport(pool: pg.Pool, scope: ReportScope, now: Date): Promise<ShopReport> {
  const args = [scope.shopId, scope.from, scope.to, scope.tillId];
  const [kindsR, vatR, payR, fiscalR, numbersR, adeR, movR, closR, workedR, atSaleR] = await Promise.all([
    pool.query(SQL.kinds, args), pool.query(SQL.vat, args), pool.query(SQL.payments, args), pool.query(SQL.fiscal, args),
    pool.query(SQL.numbers, args), pool.query(SQL.adeNumbers, args), pool.query(SQL.movements, args),
    pool.query(SQL.closures, args), pool.query(SQL.worked, args), pool.query(SQL.atSaleKinds, args),
  ]);
  const kindRow = (r: Record<string, unknown>): KindRow => ({
    kind: r.kind as DocumentKind, n: n(r.n), total: n(r.total), rounding: n(r.rounding), lineDiscount: n(r.line_discount),
    saleDiscount: n(r.sale_discount), complimentary: n(r.complimentary), parentRounding: n(r.parent_rounding),
  });
  const kinds: KindRow[] = kindsR.rows.map((r) => ({
    kind: r.kind as DocumentKind, n: n(r.n), total: n(r.total), rounding: n(r.rounding), lineDiscount: n(r.line_discount),
    saleDiscount: n(r.sale_discount), complimentary: n(r.complimentary), parentRounding: n(r.parent_rounding),
  }));
  const vatRows: VatAggRow[] = vatR.rows.map((r) => ({ kind: r.kind, vatCode: r.vat_code, gross: n(r.gross), taxable: n(r.taxable), vat: n(r.vat) }));
  const paymentRows: PaymentAggRow[] = payR.rows.map((r) => ({ kind: r.kind, method: r.method, applied: n(r.applied), n: n(r.n), pieces: n(r.pieces) }));

  const kt = (k: DocumentKind): KindTotals => {
    const r = kinds.find((x) => x.kind === k);
    return { count: r?.n ?? 0, totalCents: r?.total ?? 0 };
  };
  const sale = kinds.find((x) => x.kind === 'sale');
  const sales = kt('sale');
  const returns = kt('return');
  const voids = kt('void');
  const payments = paymentSection(paymentRows);
  const voidedCents = kinds.find((x) => x.kind === 'void')?.parentRounding ?? 0;

  const fiscal: ReportFiscal = { total: 0, ready: 0, pending: 0, failed: 0, notReady: [] };
  for (const r of fiscalR.rows) {
    fiscal.total += n(r.n);
    fiscal[fiscalBucket(r.state === 'missing' ? null : r.state)] += n(r.n);
  }
  if (fiscal.total > fiscal.ready) {
    const nr = await pool.query(SQL.notReady, args);
    fiscal.notReady = nr.rows.map((d) => ({
      id: d.id, number: d.number, kind: d.kind, businessDay: day(d.business_day), createdAt: (d.created_at as Date).toISOString(),
      totalCents: n(d.total_cents), state: d.state ?? 'missing', bucket: fiscalBucket(d.state) === 'failed' ? 'failed' : 'pending',
      errorCode: null, errorMessage: null,
    }));
  }

  const movements: CashMovement[] = movR.rows.map((m) => ({
    id: m.id, businessDay: day(m.business_day), kind: m.kind, amountCents: n(m.amount_cents), reason: m.reason ?? '',
    operatorId: m.operator_id, operatorName: null, createdAt: (m.created_at as Date).toISOString(),
  }));
  const sum = (k: CashMovement['kind']) => movements.filter((m) => m.kind === k).reduce((a, m) => a + m.amountCents, 0);
  const flows = cashFlows(paymentRows);
  const expectedCents = sum('float') + flows.salesCents - flows.refundsCents + sum('in') - sum('out');

  const closures = closR.rows.map((r) => closureOfSnapshot(r.till_code, r));
  const closed = new Set(closures.map((c) => `${c.tillCode} ${c.businessDay}`));
  const openDays = workedR.rows.map((r) => ({ tillCode: r.till_code as string, businessDay: day(r.business_day) }))
    .filter((w) => !closed.has(`${w.tillCode} ${w.businessDay}`));
  // A Z when the range is one day and every till that worked it has closed it.
  const single = scope.from === scope.to;
  const type: DayReport['type'] = !single ? 'period' : closures.length > 0 && openDays.length === 0 ? 'z' : 'x';
  // One till's Z: its closing data as the till recorded them.
  const closure: ReportClosure | null = type === 'z' && closures.length === 1 ? closures[0]!.snapshot.closure : null;

  const report: DayReport = {
    version: 1,
    type,
    from: scope.from,
    to: scope.to,
    generatedAt: now.toISOString(),
    sales, returns, voids,
    netCents: sales.totalCents - returns.totalCents - voids.totalCents,
    ...vatSection(vatRows),
    payments,
    paymentsNetCents: payments.reduce((a, p) => a + p.netCents, 0),
    discounts: { lineCents: sale?.lineDiscount ?? 0, saleCents: sale?.saleDiscount ?? 0, totalCents: (sale?.lineDiscount ?? 0) + (sale?.saleDiscount ?? 0) },
    complimentary: { salesCents: sale?.complimentary ?? 0, refundsCents: kinds.filter((k) => k.kind !== 'sale').reduce((a, r) => a + r.complimentary, 0) },
    rounding: { salesCents: sale?.rounding ?? 0, voidedCents, netCents: (sale?.rounding ?? 0) - voidedCents },
    numbering: { firstNumber: numbersR.rows[0]?.first ?? null, lastNumber: numbersR.rows[0]?.last ?? null, firstDocumentNumber: adeR.rows[0]?.first ?? null, lastDocumentNumber: adeR.rows[0]?.last ?? null },
    fiscal,
    cash: {
      openingFloatCents: sum('float'), cashInCents: sum('in'), cashOutCents: sum('out'),
      cashSalesCents: flows.salesCents, cashRefundsCents: flows.refundsCents, expectedCents,
      movements, count: null, varianceCents: null,
    },
    closure,
    atSale: atSaleSection(atSaleR.rows.map(kindRow)),
  };
  return { report, closures: closures.map(({ snapshot: _s, ...c }) => c), openDays };
}

export interface ShopDayTotals {
  tills: { tillCode: string; zNumber: number | null; fromZ: number; fromRows: number }[];
  shopFromRows: number;
  sumOfTillZ: number;
}

/**
 * One business day of a shop, till by till: the documents' net (sales − returns − voids, in cents)
 * from the uploaded rows, beside the same figure from the Z the till closed (0 and zNumber null when
 * it has not closed the day). The chaos test asserts shop-wide = Σ tills' Z to the cent.
 */
export async function shopDayTotals(pool: pg.Pool, shopId: string, businessDay: string): Promise<ShopDayTotals> {
  const rows = (await pool.query<{ till_code: string; from_rows: string | null; z_number: number | null; snapshot: string | null }>(
    `SELECT t.code AS till_code,
        (SELECT sum(CASE WHEN d.kind = 'sale' THEN d.total_cents ELSE -d.total_cents END) FROM documents d
          WHERE d.till_id = t.id AND d.business_day = $2::date) AS from_rows,
        c.z_number, c.snapshot
      FROM tills t LEFT JOIN closures c ON c.till_id = t.id AND c.business_day = $2::date
      WHERE t.shop_id = $1 ORDER BY length(t.code), t.code`, [shopId, businessDay])).rows;
  const tills = rows
    .filter((r) => r.from_rows !== null || r.z_number !== null)
    .map((r) => {
      const snap = r.snapshot ? (JSON.parse(r.snapshot) as DayReport) : null;
      return {
        tillCode: r.till_code,
        zNumber: r.z_number === null ? null : Number(r.z_number),
        fromZ: snap ? snap.netCents + (snap.atSale?.netCents ?? 0) : 0,
        fromRows: n(r.from_rows),
      };
    });
  return {
    tills,
    shopFromRows: tills.reduce((a, t) => a + t.fromRows, 0),
    sumOfTillZ: tills.reduce((a, t) => a + t.fromZ, 0),
  };
}
