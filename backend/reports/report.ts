// X, Z and period reports: every figure comes from the ledger's stored rows (documents, vat_rows,
// payments, outbox, cash movements), summed in SQL. Read-only by type: these take a ReadableDb.
import type { ReadableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { dayLabel } from '../../shared/time.js';
import { fail } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../../shared/sale.js';
import { compareVatCodes, type VatCode } from '../../shared/vat.js';
import {
  PeriodRequestSchema,
  type DayReport,
  type FiscalBucket,
  type KindTotals,
  type ReportFiscal,
  type ReportPaymentRow,
  type ReportVatRow,
  type VatSplitTotals,
} from '../../shared/contract/reports.js';
import { dayToClose } from '../ledger/index.js';
import * as q from './queries.js';
import { expectedCash, lastCashCount } from './cash.js';
import { closureOf, closureSnapshot, lastClosure } from './closures.js';
import { msg } from '../../shared/messages/index.js';

/**
 * ready (accepted, or accepted then voided), failed (refused, or cancelled: never to be transmitted,
 * so not accepted by the AdE either), or still on its way (pending, sending, sent, unknown).
 */
export function fiscalBucket(state: string | null): FiscalBucket {
  if (state === 'ready' || state === 'voided') return 'ready';
  if (state === 'failed' || state === 'cancelled') return 'failed';
  return 'pending';
}

const zero = (): VatSplitTotals => ({ grossCents: 0, taxableCents: 0, vatCents: 0 });
const add = (a: VatSplitTotals, g: number, t: number, v: number) => {
  a.grossCents += g;
  a.taxableCents += t;
  a.vatCents += v;
};
const minus = (a: VatSplitTotals, b: VatSplitTotals): VatSplitTotals => ({
  grossCents: a.grossCents - b.grossCents,
  taxableCents: a.taxableCents - b.taxableCents,
  vatCents: a.vatCents - b.vatCents,
});

/** Exported for the shop server's reports (server/backoffice), which sum the same rows from PostgreSQL. */
export function vatSection(rows: q.VatAggRow[]): Pick<DayReport, 'vat' | 'vatTotal'> {
  const byCode = new Map<VatCode, { sales: VatSplitTotals; refunds: VatSplitTotals }>();
  for (const r of rows) {
    const e = byCode.get(r.vatCode) ?? { sales: zero(), refunds: zero() };
    add(r.kind === 'sale' ? e.sales : e.refunds, r.gross, r.taxable, r.vat);
    byCode.set(r.vatCode, e);
  }
  const vat: ReportVatRow[] = [...byCode.entries()]
    .sort(([a], [b]) => compareVatCodes(a, b))
    .map(([vatCode, e]) => ({ vatCode, sales: e.sales, refunds: e.refunds, net: minus(e.sales, e.refunds) }));
  const sales = zero();
  const refunds = zero();
  for (const r of vat) {
    add(sales, r.sales.grossCents, r.sales.taxableCents, r.sales.vatCents);
    add(refunds, r.refunds.grossCents, r.refunds.taxableCents, r.refunds.vatCents);
  }
  return { vat, vatTotal: { sales, refunds, net: minus(sales, refunds) } };
}

/** Exported for the shop server's reports (server/backoffice). */
export function paymentSection(rows: q.PaymentAggRow[]): ReportPaymentRow[] {
  const out: ReportPaymentRow[] = [];
  for (const method of PAYMENT_METHODS) {
    const mine = rows.filter((r) => r.method === method);
    if (mine.length === 0) continue;
    const sales = mine.filter((r) => r.kind === 'sale');
    const refunds = mine.filter((r) => r.kind !== 'sale');
    const s = (xs: q.PaymentAggRow[], k: 'applied' | 'n' | 'pieces') => xs.reduce((a, r) => a + r[k], 0);
    out.push({
      method: method as PaymentMethod,
      salesCents: s(sales, 'applied'),
      salesCount: s(sales, 'n'),
      refundsCents: s(refunds, 'applied'),
      refundsCount: s(refunds, 'n'),
      netCents: s(sales, 'applied') - s(refunds, 'applied'),
      pieces: method === 'meal_voucher' ? s(sales, 'pieces') - s(refunds, 'pieces') : null,
    });
  }
  return out;
}

export function fiscalSection(db: ReadableDb, range: q.Range, source: q.Source = 'totals'): ReportFiscal {
  const f: ReportFiscal = { total: 0, ready: 0, pending: 0, failed: 0, notReady: [] };
  for (const r of q.fiscalStates(db, range, source)) {
    f.total += r.n;
    f[fiscalBucket(r.state === 'missing' ? null : r.state)] += r.n;
  }
  if (f.total > f.ready) {
    f.notReady = q.notReadyDocuments(db, range, source).map((d) => ({
      ...d,
      state: d.state ?? 'missing',
      bucket: fiscalBucket(d.state) === 'failed' ? 'failed' : 'pending',
    }));
  }
  return f;
}

/**
 * Computes the report of a range of business days from the ledger as it is now: from the per-day
 * totals (default) or from the rows themselves (`source: 'rows'`, what closing uses). A single day
 * includes its last cash count; `type` only labels the result (the Z snapshot is made by closeDay).
 */
export function computeReport(db: ReadableDb, range: q.Range, opts: { now: Date; type: DayReport['type']; source?: q.Source }): DayReport {
  const source = opts.source ?? 'totals';
  // Sales invoiced at the counter (issue #13) are not corrispettivi: taken out of every fiscal
  // figure (counts, totals, VAT, discounts, omaggi, rounding) and shown on their own (atSale). Their
  // money stays in the payments and the cash: the till took it.
  const atSaleKinds = q.atSaleKinds(db, range);
  const kinds = q.subtractRows(q.kindTotals(db, range, source), atSaleKinds, (r) => r.kind,
    ['n', 'total', 'rounding', 'lineDiscount', 'saleDiscount', 'complimentary', 'parentRounding']);
  const vatRows = q.subtractRows(q.vatTotals(db, range, source), q.atSaleVat(db, range), (r) => `${r.kind} ${r.vatCode}`, ['gross', 'taxable', 'vat']);
  const kt = (k: 'sale' | 'return' | 'void'): KindTotals => {
    const r = kinds.find((x) => x.kind === k);
    return { count: r?.n ?? 0, totalCents: r?.total ?? 0 };
  };
  const sale = kinds.find((x) => x.kind === 'sale');
  const sales = kt('sale');
  const returns = kt('return');
  const voids = kt('void');
  const refundKinds = kinds.filter((x) => x.kind !== 'sale');
  const paymentRows = q.paymentTotals(db, range, source);
  const payments = paymentSection(paymentRows);
  const voidedCents = kinds.find((x) => x.kind === 'void')?.parentRounding ?? 0;
  const rounding = { salesCents: sale?.rounding ?? 0, voidedCents, netCents: (sale?.rounding ?? 0) - voidedCents };
  const cash = expectedCash(db, range.from, range.to, paymentRows);
  const count = range.from === range.to ? lastCashCount(db, range.from) : null;
  return {
    version: 1,
    type: opts.type,
    from: range.from,
    to: range.to,
    generatedAt: opts.now.toISOString(),
    sales,
    returns,
    voids,
    netCents: sales.totalCents - returns.totalCents - voids.totalCents,
    ...vatSection(vatRows),
    payments,
    paymentsNetCents: payments.reduce((a, p) => a + p.netCents, 0),
    discounts: {
      lineCents: sale?.lineDiscount ?? 0,
      saleCents: sale?.saleDiscount ?? 0,
      totalCents: (sale?.lineDiscount ?? 0) + (sale?.saleDiscount ?? 0),
    },
    complimentary: { salesCents: sale?.complimentary ?? 0, refundsCents: refundKinds.reduce((a, r) => a + r.complimentary, 0) },
    rounding,
    numbering: q.numbering(db, range),
    fiscal: fiscalSection(db, range, source),
    cash: { ...cash, count, varianceCents: count ? count.countedCents - cash.expectedCents : null },
    closure: null,
    invoiced: q.invoicedSales(db, range),
    atSale: atSaleSection(atSaleKinds),
  };
}

/** «Vendite documentate da fattura»: the sales invoiced at the counter and their credit notes. */
export function atSaleSection(kinds: q.KindRow[]): NonNullable<DayReport['atSale']> {
  const of = (k: string) => kinds.find((r) => r.kind === k);
  const sales = { count: of('sale')?.n ?? 0, totalCents: of('sale')?.total ?? 0 };
  const refunds = kinds.filter((r) => r.kind !== 'sale');
  const creditNotes = { count: refunds.reduce((a, r) => a + r.n, 0), totalCents: refunds.reduce((a, r) => a + r.total, 0) };
  const roundingCents = (of('sale')?.rounding ?? 0) - (of('void')?.parentRounding ?? 0);
  return { sales, creditNotes, netCents: sales.totalCents - creditNotes.totalCents, roundingCents };
}

/**
 * X reading of a business day (default: the one the end of day works on — after midnight still the
 * evening's open day, after the Z the next day). Changes nothing.
 */
export function xReport(db: ReadableDb, clock: Clock, businessDay?: string): DayReport {
  const now = clock.now();
  const day = businessDay ?? dayToClose(db, now);
  return computeReport(db, { from: day, to: day }, { now, type: 'x' });
}

/**
 * The Z report of a closed day (default: the last closed day): the snapshot stored at closing,
 * plus the transmission state now. A day not yet closed has no Z report.
 */
export function zReport(db: ReadableDb, businessDay?: string): DayReport {
  const day = businessDay ?? lastClosure(db)?.businessDay;
  if (!day) fail('NO_CLOSED_DAY', msg.reports.noClosedDay, 'date');
  const snap = closureSnapshot(db, day);
  if (!snap)
    fail('DAY_NOT_CLOSED', msg.reports.dayNotClosed({ day: dayLabel(day) }), 'date');
  return { ...snap, fiscalNow: fiscalSection(db, { from: day, to: day }), invoiced: q.invoicedSales(db, { from: day, to: day }) };
}

/** Report over several business days (e.g. a month), open or closed. */
export function periodReport(db: ReadableDb, clock: Clock, period: { from: string; to: string }): DayReport {
  const p = parseInput(PeriodRequestSchema, period);
  return computeReport(db, p, { now: clock.now(), type: 'period' });
}

export function isClosed(db: ReadableDb, businessDay: string): boolean {
  return closureOf(db, businessDay) !== null;
}

const FIGURES = ['sales', 'returns', 'voids', 'netCents', 'vat', 'payments', 'discounts', 'complimentary', 'rounding', 'cash'] as const;

/** The sections in which two reports of the same range differ (empty when equal to the cent). */
export function diffReports(a: DayReport, b: DayReport): string[] {
  // A VAT code whose documents were all removed leaves a row of zeros in the totals.
  const vat = (r: DayReport) => r.vat.filter((v) => v.sales.grossCents || v.sales.vatCents || v.refunds.grossCents || v.refunds.vatCents || v.sales.taxableCents || v.refunds.taxableCents);
  const differs: string[] = FIGURES.filter((k) => JSON.stringify(k === 'vat' ? vat(a) : a[k]) !== JSON.stringify(k === 'vat' ? vat(b) : b[k]));
  if (JSON.stringify(a.fiscal) !== JSON.stringify(b.fiscal)) differs.push('fiscal');
  return differs;
}

/**
 * Compares the per-day totals with the rows they summarise over a range; returns the sections
 * that differ (empty when they agree to the cent). Closing does the same; so do the tests.
 */
export function verifyTotals(db: ReadableDb, range: q.Range, now: Date): string[] {
  return diffReports(computeReport(db, range, { now, type: 'x', source: 'totals' }), computeReport(db, range, { now, type: 'x', source: 'rows' }));
}
