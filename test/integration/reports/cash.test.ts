import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../../../backend/db/types.js';
import { recordCashCount, recordCashMovement, lastCashCount, xReport } from '../../../backend/reports/index.js';
import { fakeClock } from '../../../shared/time.js';
import { line, recordReturn, sale, setup } from './helpers.js';

let db: WritableDb;
let clock: ReturnType<typeof fakeClock>;
beforeEach(() => ({ db, clock } = setup('2026-11-21T08:00:00Z')));
afterEach(() => db.close());

const journal = (action: string) => db.prepare('SELECT actor, entity_id, payload FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { actor: string | null; entity_id: string; payload: string }[];

describe('cash movements', () => {
  it('records the float and cash in/out with reason and operator, in the ledger and the journal', () => {
    db.prepare(`INSERT INTO operators (id, name, role, created_at) VALUES ('anna', 'Anna', 'manager', '2026-01-01T00:00:00Z')`).run();
    const f = recordCashMovement(db, clock, { kind: 'float', amount_cents: 15000, operator_id: 'anna' });
    expect(f).toMatchObject({ kind: 'float', amountCents: 15000, reason: 'Fondo cassa', operatorId: 'anna', operatorName: 'Anna', businessDay: '2026-11-21' });
    clock.advance(3600_000);
    recordCashMovement(db, clock, { kind: 'out', amount_cents: 4000, reason: 'Versamento in banca', operator_id: 'anna' });
    recordCashMovement(db, clock, { kind: 'in', amount_cents: 1000, reason: 'Monete dal bar accanto' });
    expect(journal('cash.float')).toEqual([{ actor: 'anna', entity_id: f.id, payload: JSON.stringify({ amountCents: 15000, businessDay: '2026-11-21', reason: 'Fondo cassa' }) }]);
    expect(journal('cash.out')[0]!.payload).toContain('Versamento in banca');
    expect(journal('cash.in')).toHaveLength(1);
    const r = xReport(db, clock);
    expect(r.cash).toMatchObject({ openingFloatCents: 15000, cashInCents: 1000, cashOutCents: 4000, expectedCents: 12000 });
    expect(r.cash.movements.map((m) => m.reason)).toEqual(['Fondo cassa', 'Versamento in banca', 'Monete dal bar accanto']);
    expect(r.cash.movements.map((m) => m.operatorName)).toEqual(['Anna', 'Anna', null]);
  });

  it('refuses a second float, a cash out larger than the drawer, a movement without reason, and non-cent amounts', () => {
    recordCashMovement(db, clock, { kind: 'float', amount_cents: 5000 });
    expect(() => recordCashMovement(db, clock, { kind: 'float', amount_cents: 100 })).toThrow(/fondo cassa .* già registrato/i);
    expect(() => recordCashMovement(db, clock, { kind: 'out', amount_cents: 5001, reason: 'x' })).toThrow(/superiore ai contanti attesi in cassa \(€ 50,00\)/);
    expect(() => recordCashMovement(db, clock, { kind: 'in', amount_cents: 100 })).toThrow(/motivo/);
    expect(() => recordCashMovement(db, clock, { kind: 'in', amount_cents: 1.5, reason: 'x' })).toThrow(/amount_cents/);
    expect(() => recordCashMovement(db, clock, { kind: 'in', amount_cents: 0, reason: 'x' })).toThrow(/amount_cents/);
    expect(() => recordCashMovement(db, clock, { kind: 'in', amount_cents: 100, reason: 'x', operator_id: 'ghost' })).toThrow(/Operatore sconosciuto/);
    expect(db.prepare('SELECT count(*) FROM cash_movements').pluck().get()).toBe(1);
  });
});

describe('cash count', () => {
  it('counts by denomination and records the variance against float + cash sales − cash refunds ± movements', () => {
    recordCashMovement(db, clock, { kind: 'float', amount_cents: 10000 });
    const s = sale(db, clock, { lines: [line(1252, '22')], payments: [{ method: 'cash', amount_cents: 2000 }] }); // keeps 12,50
    sale(db, clock, { lines: [line(800, '10')], payments: [{ method: 'electronic', amount_cents: 800 }] });
    recordReturn(db, clock, { sale: s.id, lines: [{ line_no: 1, quantity: 1 }], refund_method: 'cash' }); // pays back 12,52
    recordCashMovement(db, clock, { kind: 'out', amount_cents: 2000, reason: 'Fornitore' });
    const expected = 10000 + 1250 - 1252 - 2000;
    const c = recordCashCount(db, clock, { denominations: { '5000': 1, '2000': 1, '500': 1, '200': 2, '100': 1, '50': 1, '20': 2, '5': 1, '2': 1, '1': 1 }, note: 'Contato da Anna' });
    expect(c.countedCents).toBe(5000 + 2000 + 500 + 400 + 100 + 50 + 40 + 5 + 2 + 1);
    expect(c.expectedCents).toBe(expected);
    expect(c.varianceCents).toBe(c.countedCents - expected);
    expect(c.denominations).toHaveLength(15);
    expect(c.denominations.find((d) => d.valueCents === 200)).toEqual({ valueCents: 200, pieces: 2, amountCents: 400 });
    expect(lastCashCount(db, '2026-11-21')).toEqual(c);
    expect(JSON.parse(journal('cash.count')[0]!.payload)).toMatchObject({ countedCents: c.countedCents, expectedCents: expected, varianceCents: c.varianceCents });
    const x = xReport(db, clock);
    expect(x.cash.count?.id).toBe(c.id);
    expect(x.cash.varianceCents).toBe(c.varianceCents);
  });

  it('rejects unknown denominations and negative pieces, naming the field', () => {
    expect(() => recordCashCount(db, clock, { denominations: { '300': 1 } })).toThrow(/denominations.*taglio non valido/);
    expect(() => recordCashCount(db, clock, { denominations: { '50.00': 1 } })).toThrow(/taglio non valido/);
    expect(() => recordCashCount(db, clock, { denominations: { '200': -1 } })).toThrow(/denominations\.200/);
    expect(db.prepare('SELECT count(*) FROM cash_counts').pluck().get()).toBe(0);
  });
});
