// Property: on randomly generated days (mixed payments, discounts, omaggi, cash rounding, returns
// of earlier days' sales, voids, cash movements, fiscal states, closures), every figure of the X
// and Z reports equals an independent recomputation done here in plain TypeScript from what the
// generator did and from what the ledger returned at commit time — never from the report's SQL.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, getDocument, recordReturn, recordVoid, returnedQuantities } from '../../../backend/ledger/index.js';
import { closeDay, periodReport, recordCashMovement, verifyTotals, xReport, zReport } from '../../../backend/reports/index.js';
import { computeSale, type PaymentMethod } from '../../../shared/sale.js';
import { fakeClock, nextDay, romeDayBounds } from '../../../shared/time.js';
import type { VatCode } from '../../../shared/vat.js';
import type { CommitResult } from '../../../shared/schemas/documents.js';
import type { DayReport } from '../../../shared/contract/reports.js';
import { CASH_DENOMINATIONS_CENTS } from '../../../shared/contract/reports.js';
import { setFiscal, setup } from './helpers.js';

const VATS: VatCode[] = ['4', '10', '22', '5', 'N2'];
const QTYS = [1000, 2000, 3000, 500, 1250];
const FISCAL = ['ready', 'ready', 'ready', 'pending', 'sent', 'failed'] as const;

const lineArb = fc.record({
  price: fc.integer({ min: 1, max: 4000 }), // a € 0 line is refused (Openapi needs a positive unit_price)
  qty: fc.constantFrom(...QTYS),
  vat: fc.constantFrom(...VATS),
  discountPct: fc.constantFrom(0, 0, 0, 10, 50, 100),
  complimentary: fc.boolean(),
});
const saleArb = fc.record({
  t: fc.constant('sale' as const),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
  saleDiscountPct: fc.constantFrom(0, 0, 5, 20),
  pay: fc.constantFrom('cash', 'cash', 'electronic', 'mixed', 'meal', 'uncollected'),
  extra: fc.integer({ min: 0, max: 3000 }),
  fiscal: fc.constantFrom(...FISCAL),
});
const returnArb = fc.record({
  t: fc.constant('return' as const),
  pick: fc.nat(),
  line: fc.nat(),
  perMille: fc.integer({ min: 1, max: 1000 }),
  refund: fc.constantFrom('cash', 'electronic', undefined),
  fiscal: fc.constantFrom(...FISCAL),
});
const voidArb = fc.record({ t: fc.constant('void' as const), pick: fc.nat(), fiscal: fc.constantFrom(...FISCAL) });
const moveArb = fc.record({ t: fc.constant('move' as const), kind: fc.constantFrom('in', 'out'), amount: fc.integer({ min: 1, max: 5000 }) });
const actionArb = fc.oneof({ arbitrary: saleArb, weight: 6 }, { arbitrary: returnArb, weight: 2 }, { arbitrary: voidArb, weight: 1 }, { arbitrary: moveArb, weight: 1 });
const dayArb = fc.record({
  float: fc.constantFrom(0, 10000, 15075),
  actions: fc.array(actionArb, { minLength: 0, maxLength: 10 }),
  close: fc.boolean(),
  countDelta: fc.integer({ min: -500, max: 500 }),
});

/** How often the generated days met each case, so the property cannot pass by never meeting it. */
const seen = { earlierDayReturn: 0, sameDayReturn: 0, void: 0, closedDay: 0, mixedPayment: 0, rounding: 0, omaggio: 0, saleDiscount: 0, failed: 0 };

type Sale = { id: string; day: string; lines: { lineNo: number; qty: number }[]; voided: boolean; returned: boolean };

interface Expected {
  day: string;
  docs: { id: string; kind: 'sale' | 'return' | 'void'; result: CommitResult; fiscal: string; adeNumber: string | null }[];
  float: number;
  cashIn: number;
  cashOut: number;
  counted: number | null;
}

function paymentsFor(pay: string, total: number, extra: number): { method: PaymentMethod; amount_cents: number; count?: number; kind?: 'goods' }[] {
  if (total === 0) return [];
  switch (pay) {
    case 'electronic': return [{ method: 'electronic', amount_cents: total }];
    case 'uncollected': return [{ method: 'uncollected', amount_cents: total, kind: 'goods' }];
    case 'mixed': {
      const e = Math.floor(total / 3);
      return e > 0 ? [{ method: 'electronic', amount_cents: e }, { method: 'cash', amount_cents: total - e + extra }] : [{ method: 'cash', amount_cents: total + extra }];
    }
    case 'meal': {
      const m = Math.floor(total / 2);
      return m > 0 ? [{ method: 'meal_voucher', amount_cents: m, count: 1 + (m % 3) }, { method: 'cash', amount_cents: total - m + extra }] : [{ method: 'cash', amount_cents: total + extra }];
    }
    default: return [{ method: 'cash', amount_cents: total + 5 + extra }]; // +5 covers an upward rounding
  }
}

/** Greedy change-making: a count whose pieces add up to `cents`. */
function piecesFor(cents: number): Record<string, number> {
  const out: Record<string, number> = {};
  let left = cents;
  for (const d of CASH_DENOMINATIONS_CENTS) {
    const n = Math.floor(left / d);
    if (n > 0) { out[String(d)] = n; left -= n * d; }
  }
  return out;
}

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;
type DayPlan = Of<typeof dayArb>;

async function play(db: WritableDb, plans: DayPlan[]): Promise<Expected[]> {
  const sales: Sale[] = [];
  const days: Expected[] = [];
  let day = '2026-03-27'; // crosses the switch to summer time on 2026-03-29
  let adeSeq = 1;
  for (const plan of plans) {
    const clock = fakeClock(new Date(new Date(romeDayBounds(day).start).getTime() + 8 * 3600_000));
    const exp: Expected = { day, docs: [], float: 0, cashIn: 0, cashOut: 0, counted: null };
    const fiscalise = (r: CommitResult, state: string) => {
      const ade = state === 'ready' ? `DCW2026/${String(adeSeq++).padStart(5, '0')}-0001` : null;
      setFiscal(db, r.id, state, ade, state === 'failed' ? 'Scartato' : null);
      if (state === 'failed') seen.failed++;
      exp.docs.push({ id: r.id, kind: r.kind, result: r, fiscal: state, adeNumber: ade });
    };
    if (plan.float > 0) {
      recordCashMovement(db, clock, { kind: 'float', amount_cents: plan.float });
      exp.float = plan.float;
    }
    for (const act of plan.actions) {
      clock.advance(5 * 60_000);
      if (act.t === 'sale') {
        const s = act;
        const lines = s.lines.map((l) => {
          const gross = Math.round((l.qty * l.price) / 1000);
          const complimentary = l.complimentary;
          return { description: `Art ${l.vat}`, unit_price_cents: l.price, vat_code: l.vat, quantity: l.qty / 1000, complimentary,
            discount_cents: complimentary ? 0 : Math.floor((gross * l.discountPct) / 100) };
        });
        // Ask the domain what the sale costs, only to hand over valid payments.
        const probe = computeSale({
          lines: lines.map((l) => ({ description: l.description, unitPriceCents: l.unit_price_cents, vatCode: l.vat_code, quantityMilli: Math.round(l.quantity * 1000), discountCents: l.discount_cents, complimentary: l.complimentary })),
          discountCents: 0, payments: [{ method: 'cash', amountCents: 1_000_000_00 }], cashRounding: false,
        });
        const discount = Math.floor((probe.totalCents * s.saleDiscountPct) / 100);
        const total = probe.totalCents - discount;
        const r = commitSale(db, clock, { lines, discount_cents: discount, payments: paymentsFor(s.pay, total, s.extra) });
        if (r.roundingCents !== 0) seen.rounding++;
        if (s.pay === 'mixed' || s.pay === 'meal') seen.mixedPayment++;
        if (s.lines.some((l) => l.complimentary)) seen.omaggio++;
        if (discount > 0) seen.saleDiscount++;
        sales.push({ id: r.id, day, lines: lines.map((l, i) => ({ lineNo: i + 1, qty: Math.round(l.quantity * 1000) })), voided: false, returned: false });
        fiscalise(r, s.fiscal);
      } else if (act.t === 'return') {
        const candidates = sales.filter((x) => !x.voided);
        if (candidates.length === 0) continue;
        const sale = candidates[act.pick % candidates.length]!;
        const already = returnedQuantities(db, sale.id);
        const open = sale.lines.map((l) => ({ ...l, left: l.qty - (already.get(l.lineNo) ?? 0) })).filter((l) => l.left > 0);
        if (open.length === 0) continue;
        const l = open[act.line % open.length]!;
        const qty = Math.max(1, Math.floor((l.left * act.perMille) / 1000));
        const r = recordReturn(db, clock, { sale: sale.id, lines: [{ line_no: l.lineNo, quantity: qty / 1000 }], ...(act.refund ? { refund_method: act.refund } : {}) });
        sale.returned = true;
        if (sale.day < day) seen.earlierDayReturn++; else seen.sameDayReturn++;
        fiscalise(r, act.fiscal);
      } else if (act.t === 'void') {
        const candidates = sales.filter((x) => !x.voided && !x.returned);
        if (candidates.length === 0) continue;
        const sale = candidates[act.pick % candidates.length]!;
        const r = recordVoid(db, clock, { sale: sale.id });
        sale.voided = true;
        seen.void++;
        fiscalise(r, act.fiscal);
      } else {
        const kind = act.kind;
        if (kind === 'out' && act.amount > expectedCash(exp, db)) continue;
        recordCashMovement(db, clock, { kind, amount_cents: act.amount, reason: kind === 'in' ? 'Cambio' : 'Fornitore' });
        if (kind === 'in') exp.cashIn += act.amount; else exp.cashOut += act.amount;
      }
    }
    if (plan.close) {
      clock.advance(60 * 60_000);
      const counted = Math.max(0, expectedCash(exp, db) + plan.countDelta);
      const notReady = exp.docs.filter((d) => d.fiscal !== 'ready').length;
      await closeDay(db, clock, { business_day: day, count: { denominations: piecesFor(counted) }, ...(notReady > 0 ? { note: 'Rete assente' } : {}) });
      exp.counted = counted;
      seen.closedDay++;
    }
    days.push(exp);
    day = nextDay(day);
  }
  return days;
}

/** Cash the drawer should hold, from the generator's movements and the ledger's stored payments. */
function expectedCash(exp: Expected, db: WritableDb): number {
  let cash = exp.float + exp.cashIn - exp.cashOut;
  for (const d of exp.docs) {
    const applied = getDocument(db, d.id).payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.appliedCents, 0);
    cash += d.kind === 'sale' ? applied : -applied;
  }
  return cash;
}

/** The report recomputed by hand: plain loops over commit results and stored documents. */
function recompute(db: WritableDb, exp: Expected) {
  const of = (k: string) => exp.docs.filter((d) => d.kind === k);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const sales = of('sale');
  const refunds = exp.docs.filter((d) => d.kind !== 'sale');
  const records = new Map(exp.docs.map((d) => [d.id, getDocument(db, d.id)]));
  const vat = new Map<string, { s: [number, number, number]; r: [number, number, number] }>();
  for (const d of exp.docs) {
    for (const v of d.result.vat) {
      const e = vat.get(v.vatCode) ?? { s: [0, 0, 0], r: [0, 0, 0] };
      const t = d.kind === 'sale' ? e.s : e.r;
      t[0] += v.grossCents; t[1] += v.taxableCents; t[2] += v.vatCents;
      vat.set(v.vatCode, e);
    }
  }
  const pay = new Map<string, { s: number; sn: number; r: number; rn: number; pieces: number }>();
  for (const d of exp.docs) {
    for (const p of records.get(d.id)!.payments) {
      const e = pay.get(p.method) ?? { s: 0, sn: 0, r: 0, rn: 0, pieces: 0 };
      if (d.kind === 'sale') { e.s += p.appliedCents; e.sn++; e.pieces += p.count ?? 0; } else { e.r += p.appliedCents; e.rn++; e.pieces -= p.count ?? 0; }
      pay.set(p.method, e);
    }
  }
  const byNumber = [...exp.docs].sort((a, b) => records.get(a.id)!.seq - records.get(b.id)!.seq);
  const ade = byNumber.filter((d) => d.adeNumber !== null);
  const saleRecs = sales.map((d) => records.get(d.id)!);
  const cashSales = sum(saleRecs.flatMap((r) => r.payments.filter((p) => p.method === 'cash').map((p) => p.appliedCents)));
  const cashRefunds = sum(refunds.flatMap((d) => records.get(d.id)!.payments.filter((p) => p.method === 'cash').map((p) => p.appliedCents)));
  const expected = exp.float + cashSales - cashRefunds + exp.cashIn - exp.cashOut;
  const salesRounding = sum(sales.map((d) => d.result.roundingCents));
  const voidedRounding = sum(of('void').map((d) => getDocument(db, records.get(d.id)!.parentId!).roundingCents));
  return {
    sales: { count: sales.length, totalCents: sum(sales.map((d) => d.result.totalCents)) },
    returns: { count: of('return').length, totalCents: sum(of('return').map((d) => d.result.totalCents)) },
    voids: { count: of('void').length, totalCents: sum(of('void').map((d) => d.result.totalCents)) },
    netCents: sum(sales.map((d) => d.result.totalCents)) - sum(refunds.map((d) => d.result.totalCents)),
    vat: [...vat.entries()].map(([code, e]) => ({
      vatCode: code,
      sales: { grossCents: e.s[0], taxableCents: e.s[1], vatCents: e.s[2] },
      refunds: { grossCents: e.r[0], taxableCents: e.r[1], vatCents: e.r[2] },
      net: { grossCents: e.s[0] - e.r[0], taxableCents: e.s[1] - e.r[1], vatCents: e.s[2] - e.r[2] },
    })),
    payments: [...pay.entries()].map(([method, e]) => ({
      method, salesCents: e.s, salesCount: e.sn, refundsCents: e.r, refundsCount: e.rn, netCents: e.s - e.r, pieces: method === 'meal_voucher' ? e.pieces : null,
    })),
    discounts: {
      lineCents: sum(saleRecs.map((r) => r.lineDiscountCents)),
      saleCents: sum(saleRecs.map((r) => r.saleDiscountCents)),
      totalCents: sum(saleRecs.map((r) => r.lineDiscountCents + r.saleDiscountCents)),
    },
    complimentary: {
      salesCents: sum(saleRecs.map((r) => r.lines.filter((l) => l.complimentary).reduce((a, l) => a + l.grossCents, 0))),
      refundsCents: sum(refunds.map((d) => records.get(d.id)!.complimentaryCents)),
    },
    rounding: { salesCents: salesRounding, voidedCents: voidedRounding, netCents: salesRounding - voidedRounding },
    numbering: {
      firstNumber: byNumber[0] ? records.get(byNumber[0].id)!.number : null,
      lastNumber: byNumber.at(-1) ? records.get(byNumber.at(-1)!.id)!.number : null,
      firstDocumentNumber: ade[0]?.adeNumber ?? null,
      lastDocumentNumber: ade.at(-1)?.adeNumber ?? null,
    },
    fiscal: {
      total: exp.docs.length,
      ready: exp.docs.filter((d) => d.fiscal === 'ready').length,
      pending: exp.docs.filter((d) => d.fiscal === 'pending' || d.fiscal === 'sent').length,
      failed: exp.docs.filter((d) => d.fiscal === 'failed').length,
      notReady: byNumber.filter((d) => d.fiscal !== 'ready').map((d) => d.id),
    },
    cash: { openingFloatCents: exp.float, cashInCents: exp.cashIn, cashOutCents: exp.cashOut, cashSalesCents: cashSales, cashRefundsCents: cashRefunds, expectedCents: expected },
  };
}

function compare(report: DayReport, want: ReturnType<typeof recompute>, exp: Expected): void {
  const sortBy = <T>(xs: T[], k: (x: T) => string) => [...xs].sort((a, b) => k(a).localeCompare(k(b)));
  expect(report.sales).toEqual(want.sales);
  expect(report.returns).toEqual(want.returns);
  expect(report.voids).toEqual(want.voids);
  expect(report.netCents).toBe(want.netCents);
  expect(sortBy(report.vat, (v) => v.vatCode)).toEqual(sortBy(want.vat, (v) => v.vatCode));
  expect(sortBy(report.payments, (p) => p.method)).toEqual(sortBy(want.payments, (p) => p.method));
  expect(report.discounts).toEqual(want.discounts);
  expect(report.complimentary).toEqual(want.complimentary);
  expect(report.rounding).toEqual(want.rounding);
  expect(report.numbering).toEqual(want.numbering);
  const { notReady, ...counts } = want.fiscal;
  expect(report.fiscal).toMatchObject(counts);
  expect(report.fiscal.notReady.map((d) => d.id)).toEqual(notReady);
  expect(report.cash).toMatchObject(want.cash);
  // The money side matches the fiscal side: what was collected is the net plus the rounding.
  expect(report.paymentsNetCents).toBe(want.netCents + want.rounding.netCents);
  // VAT rows add up to the net corrispettivi.
  expect(report.vatTotal.net.grossCents).toBe(want.netCents);
  if (exp.counted !== null) {
    expect(report.cash.count?.countedCents).toBe(exp.counted);
    expect(report.cash.varianceCents).toBe(exp.counted - want.cash.expectedCents);
  }
}

describe('X and Z reports against an independent recomputation', () => {
  it('match to the cent on random days', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(dayArb, { minLength: 1, maxLength: 3 }), async (plans) => {
        const { db } = setup();
        try {
          const days = await play(db, plans);
          const clock = fakeClock('2026-04-10T10:00:00Z');
          for (const exp of days) {
            const want = recompute(db, exp);
            // X readings come from the per-day totals the triggers keep, the Z from the rows.
            compare(xReport(db, clock, exp.day), want, exp);
            expect(verifyTotals(db, { from: exp.day, to: exp.day }, clock.now())).toEqual([]);
            if (exp.counted !== null) {
              const z = zReport(db, exp.day);
              expect(z.type).toBe('z');
              expect(z.closure?.zNumber).toBeGreaterThan(0);
              compare(z, want, exp);
            }
          }
          if (days.length > 1) {
            // A period report is the sum of its days.
            const p = periodReport(db, clock, { from: days[0]!.day, to: days.at(-1)!.day });
            const sumOf = (f: (r: DayReport) => number) => days.reduce((a, e) => a + f(xReport(db, clock, e.day)), 0);
            expect(p.netCents).toBe(sumOf((r) => r.netCents));
            expect(p.vatTotal.net.vatCents).toBe(sumOf((r) => r.vatTotal.net.vatCents));
            expect(p.cash.expectedCents).toBe(sumOf((r) => r.cash.expectedCents));
            expect(p.fiscal.notReady.length).toBe(sumOf((r) => r.fiscal.notReady.length));
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
    for (const [k, n] of Object.entries(seen)) expect(n, `generated days never had: ${k}`).toBeGreaterThan(0);
  });
});

