import { describe, expect, it } from 'vitest';
import { csvAmount, csvField } from '../../../backend/reports/csv.js';
import { normaliseDenominations } from '../../../backend/reports/cash.js';
import { CASH_DENOMINATIONS_CENTS, CashCountInputSchema, CloseDayInputSchema, CashMovementInputSchema } from '../../../shared/contract/reports.js';

describe('CSV fields', () => {
  it('writes amounts with a decimal comma and no thousands separator, negatives with a minus', () => {
    expect(csvAmount(0)).toBe('0,00');
    expect(csvAmount(5)).toBe('0,05');
    expect(csvAmount(123456789)).toBe('1234567,89');
    expect(csvAmount(-1250)).toBe('-12,50');
    expect(csvAmount(-7)).toBe('-0,07');
  });

  it('quotes fields with the separator, quotes or new lines', () => {
    expect(csvField('Pane')).toBe('Pane');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('il "buono"')).toBe('"il ""buono"""');
    expect(csvField('riga\nnuova')).toBe('"riga\nnuova"');
  });
});

describe('cash count input', () => {
  it('adds up every euro denomination, zeros included, largest first', () => {
    const all = Object.fromEntries(CASH_DENOMINATIONS_CENTS.map((d) => [String(d), 1]));
    const n = normaliseDenominations(all);
    expect(n.countedCents).toBe(88888);
    expect(n.denominations.map((d) => d.valueCents)).toEqual([...CASH_DENOMINATIONS_CENTS]);
    expect(normaliseDenominations({ '200': 3 }).denominations.filter((d) => d.pieces > 0)).toEqual([{ valueCents: 200, pieces: 3, amountCents: 600 }]);
  });

  it('accepts only euro denominations in cents and whole, non-negative pieces', () => {
    expect(CashCountInputSchema.safeParse({ denominations: { '5000': 2, '1': 0 } }).success).toBe(true);
    expect(CashCountInputSchema.safeParse({ denominations: { '300': 1 } }).success).toBe(false);
    expect(CashCountInputSchema.safeParse({ denominations: { '0200': 1 } }).success).toBe(false);
    expect(CashCountInputSchema.safeParse({ denominations: { '200': 1.5 } }).success).toBe(false);
    expect(CashCountInputSchema.safeParse({ denominations: { '200': -1 } }).success).toBe(false);
    expect(CashCountInputSchema.safeParse({ denominations: {}, extra: 1 }).success).toBe(false);
  });

  it('a cash in or out needs a reason, the opening float does not; closing dates must be real days', () => {
    expect(CashMovementInputSchema.safeParse({ kind: 'float', amount_cents: 100 }).success).toBe(true);
    expect(CashMovementInputSchema.safeParse({ kind: 'out', amount_cents: 100 }).success).toBe(false);
    expect(CashMovementInputSchema.safeParse({ kind: 'out', amount_cents: 100, reason: '   ' }).success).toBe(false);
    expect(CloseDayInputSchema.safeParse({ business_day: '2026-02-30' }).success).toBe(false);
    expect(CloseDayInputSchema.parse({}).force).toBe(false);
  });
});
