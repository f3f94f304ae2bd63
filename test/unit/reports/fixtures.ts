// A hand-made day report: every figure chosen so a mapping mistake (sign, field) shows.
import type { DayReport, NotReadyDocument } from '../../../shared/contract/reports.js';

export function notReady(n: number): NotReadyDocument[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `id-${i}`, number: `2026-11-21/${String(i + 1).padStart(4, '0')}`, kind: 'sale' as const, businessDay: '2026-11-21',
    createdAt: '2026-11-21T09:00:00.000Z', totalCents: 100 + i, state: i === 0 ? 'failed' : 'pending', bucket: i === 0 ? 'failed' as const : 'pending' as const,
    errorCode: null, errorMessage: i === 0 ? 'Scartato' : null,
  }));
}

export function dayReport(over: Partial<DayReport> = {}): DayReport {
  const split = (g: number, t: number) => ({ grossCents: g, taxableCents: t, vatCents: g - t });
  return {
    version: 1,
    type: 'z',
    from: '2026-11-21',
    to: '2026-11-21',
    generatedAt: '2026-11-21T19:30:00.000Z',
    sales: { count: 40, totalCents: 123456 },
    returns: { count: 2, totalCents: 2345 },
    voids: { count: 1, totalCents: 1111 },
    netCents: 120000,
    vat: [
      { vatCode: '10', sales: split(23456, 21324), refunds: split(345, 314), net: split(23111, 21010) },
      { vatCode: '22', sales: split(100000, 81967), refunds: split(3111, 2550), net: split(96889, 79417) },
    ],
    vatTotal: { sales: split(123456, 103291), refunds: split(3456, 2864), net: split(120000, 100427) },
    payments: [
      { method: 'cash', salesCents: 80003, salesCount: 30, refundsCents: 3456, refundsCount: 3, netCents: 76547, pieces: null },
      { method: 'meal_voucher', salesCents: 4000, salesCount: 2, refundsCents: 0, refundsCount: 0, netCents: 4000, pieces: 5 },
      { method: 'electronic', salesCents: 39450, salesCount: 10, refundsCents: 0, refundsCount: 0, netCents: 39450, pieces: null },
    ],
    paymentsNetCents: 119997,
    discounts: { lineCents: 150, saleCents: 250, totalCents: 400 },
    complimentary: { salesCents: 399, refundsCents: 0 },
    rounding: { salesCents: -3, voidedCents: 0, netCents: -3 },
    numbering: { firstNumber: '2026-11-21/0001', lastNumber: '2026-11-21/0043', firstDocumentNumber: 'DCW2026/0001-0001', lastDocumentNumber: 'DCW2026/0043-0001' },
    fiscal: { total: 43, ready: 43, pending: 0, failed: 0, notReady: [] },
    cash: {
      openingFloatCents: 15000, cashInCents: 2000, cashOutCents: 4500, cashSalesCents: 80003, cashRefundsCents: 3456, expectedCents: 89047,
      movements: [], count: {
        id: 'c1', businessDay: '2026-11-21', countedAt: '2026-11-21T19:00:00.000Z', operatorId: null, countedCents: 89000, expectedCents: 89047, varianceCents: -47, note: null,
        denominations: [{ valueCents: 5000, pieces: 17, amountCents: 85000 }, { valueCents: 200, pieces: 20, amountCents: 4000 }],
      },
      varianceCents: -47,
    },
    closure: { zNumber: 12, closedAt: '2026-11-21T19:30:00.000Z', operatorId: 'm1', operatorName: 'Marco', note: null, notReadyAtClose: 0, finalSync: { ran: true, ok: true, error: null } },
    ...over,
  };
}
