// Cash in the drawer: the opening float, cash put in or taken out (with a reason and who did it),
// and counts by denomination. Each is a ledger fact, written with its audit entry in one
// transaction and dated by business day like documents, so a closed day cannot be touched.
import { randomUUID } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { dayLabel } from '../../shared/time.js';
import { fail } from '../../shared/errors.js';
import { formatEuro } from '../../shared/money.js';
import { parseInput } from '../../shared/validation.js';
import {
  CASH_DENOMINATIONS_CENTS,
  CashCountInputSchema,
  CashMovementInputSchema,
  type CashCount,
  type CashCountInput,
  type CashMovement,
  type CashMovementInput,
} from '../../shared/contract/reports.js';
import { appendAudit, businessDayFor } from '../ledger/index.js';
import { checkOperator, operatorName } from '../operators.js';
import { cashFlows, paymentTotals, SQL, type PaymentAggRow } from './queries.js';
import { closureOf } from './closures.js';
import { msg } from '../../shared/messages/index.js';

export const DEFAULT_FLOAT_REASON = 'Fondo cassa';

export function listCashMovements(db: ReadableDb, from: string, to: string = from): CashMovement[] {
  return db.prepare(SQL.movements).all(from, to) as CashMovement[];
}

/**
 * What should be in the drawer: float + cash sales − cash refunds + cash in − cash out. Pass the
 * range's payment totals when already read, so a report reads them once.
 */
export function expectedCash(db: ReadableDb, from: string, to: string = from, payments?: PaymentAggRow[]) {
  const movements = listCashMovements(db, from, to);
  const sum = (k: CashMovement['kind']) => movements.filter((m) => m.kind === k).reduce((a, m) => a + m.amountCents, 0);
  const flows = cashFlows(payments ?? paymentTotals(db, { from, to }));
  const openingFloatCents = sum('float');
  const cashInCents = sum('in');
  const cashOutCents = sum('out');
  return {
    openingFloatCents,
    cashInCents,
    cashOutCents,
    cashSalesCents: flows.salesCents,
    cashRefundsCents: flows.refundsCents,
    expectedCents: openingFloatCents + flows.salesCents - flows.refundsCents + cashInCents - cashOutCents,
    movements,
  };
}

function refuseClosed(db: ReadableDb, day: string): void {
  const c = closureOf(db, day);
  if (c)
    fail('DAY_CLOSED', msg.reports.dayClosed({ day: dayLabel(day), zNumber: c.zNumber }), 'business_day');
}

/** Records the opening float, a cash in or a cash out on the till's current business day. */
export function recordCashMovement(db: WritableDb, clock: Clock, input: CashMovementInput | unknown): CashMovement {
  const m = parseInput(CashMovementInputSchema, input);
  return db.transaction((): CashMovement => {
    const at = clock.now();
    const businessDay = businessDayFor(db, at);
    refuseClosed(db, businessDay);
    const operatorId = checkOperator(db, m.operator_id ?? null);
    const cash = expectedCash(db, businessDay);
    if (m.kind === 'float' && cash.movements.some((x) => x.kind === 'float'))
      fail('FLOAT_ALREADY_SET', msg.reports.floatAlreadySet({ day: dayLabel(businessDay), amount: formatEuro(cash.openingFloatCents) }), 'kind');
    if (m.kind === 'out' && m.amount_cents > cash.expectedCents)
      fail('CASH_OUT_EXCEEDS_DRAWER', msg.reports.cashOutExceedsDrawer({ amount: formatEuro(m.amount_cents), expected: formatEuro(cash.expectedCents) }), 'amount_cents');
    const row: CashMovement = {
      id: randomUUID(),
      businessDay,
      kind: m.kind,
      amountCents: m.amount_cents,
      reason: m.reason && m.reason !== '' ? m.reason : DEFAULT_FLOAT_REASON,
      operatorId,
      operatorName: operatorName(db, operatorId),
      createdAt: at.toISOString(),
    };
    db.prepare('INSERT INTO cash_movements (id, business_day, kind, amount_cents, reason, operator_id, created_at) VALUES (?,?,?,?,?,?,?)')
      .run(row.id, row.businessDay, row.kind, row.amountCents, row.reason, row.operatorId, row.createdAt);
    appendAudit(db, {
      at: row.createdAt,
      actor: operatorId,
      action: `cash.${row.kind}`,
      entityId: row.id,
      payload: { businessDay, amountCents: row.amountCents, reason: row.reason },
    });
    return row;
  }).immediate();
}

/** Every denomination with its pieces (zeros included), and the counted total. */
export function normaliseDenominations(d: Record<string, number>): { denominations: CashCount['denominations']; countedCents: number } {
  const denominations = CASH_DENOMINATIONS_CENTS.map((v) => {
    const pieces = d[String(v)] ?? 0;
    return { valueCents: v, pieces, amountCents: v * pieces };
  });
  return { denominations, countedCents: denominations.reduce((a, x) => a + x.amountCents, 0) };
}

interface CountRow {
  id: string; business_day: string; counted_at: string; operator_id: string | null; denominations: string;
  counted_cents: number; expected_cents: number; variance_cents: number; note: string | null;
}

function toCount(r: CountRow): CashCount {
  return {
    id: r.id,
    businessDay: r.business_day,
    countedAt: r.counted_at,
    operatorId: r.operator_id,
    denominations: normaliseDenominations(JSON.parse(r.denominations) as Record<string, number>).denominations,
    countedCents: r.counted_cents,
    expectedCents: r.expected_cents,
    varianceCents: r.variance_cents,
    note: r.note,
  };
}

export function lastCashCount(db: ReadableDb, businessDay: string): CashCount | null {
  const r = db.prepare('SELECT * FROM cash_counts WHERE business_day = ? ORDER BY counted_at DESC, rowid DESC LIMIT 1').get(businessDay) as CountRow | undefined;
  return r ? toCount(r) : null;
}

/**
 * Records a count of the drawer, with the expected cash and the variance at this moment. Defaults
 * to the current business day; closing an older, still open day counts that day instead.
 */
export function recordCashCount(db: WritableDb, clock: Clock, input: CashCountInput | unknown, opts: { businessDay?: string } = {}): CashCount {
  const c = parseInput(CashCountInputSchema, input);
  return db.transaction((): CashCount => {
    const at = clock.now().toISOString();
    const businessDay = opts.businessDay ?? businessDayFor(db, clock.now());
    refuseClosed(db, businessDay);
    const operatorId = checkOperator(db, c.operator_id ?? null);
    const { countedCents } = normaliseDenominations(c.denominations);
    const expectedCents = expectedCash(db, businessDay).expectedCents;
    const stored = Object.fromEntries(Object.entries(c.denominations).filter(([, n]) => n > 0).sort(([a], [b]) => Number(b) - Number(a)));
    const id = randomUUID();
    db.prepare(
      `INSERT INTO cash_counts (id, business_day, counted_at, operator_id, denominations, counted_cents, expected_cents, variance_cents, note)
       VALUES (?,?,?,?,?,?,?,?,?)`,
    ).run(id, businessDay, at, operatorId, JSON.stringify(stored), countedCents, expectedCents, countedCents - expectedCents, c.note ?? null);
    appendAudit(db, {
      at,
      actor: operatorId,
      action: 'cash.count',
      entityId: id,
      payload: { businessDay, denominations: stored, countedCents, expectedCents, varianceCents: countedCents - expectedCents },
    });
    return toCount(db.prepare('SELECT * FROM cash_counts WHERE id = ?').get(id) as CountRow);
  }).immediate();
}
