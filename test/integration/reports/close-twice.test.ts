// Issue #9 item 10: a second closing the same evening must not close tomorrow. A business day that
// has not begun can never be closed; the refusal names the Z already done and says when the next
// closing can be made. Sales rung up after the Z go to the next day, and X readings of it still work.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../../../backend/db/types.js';
import { businessDayFor, dayHasBegun, dayToClose, documentDigest, verifyAudit } from '../../../backend/ledger/index.js';
import { closeDay, xReport } from '../../../backend/reports/index.js';
import { fakeClock } from '../../../shared/time.js';
import { line, sale, setFiscal, setup, rejection } from './helpers.js';
import { loginCashier, loginManager, makeBackend } from '../../unit/contract/helpers.js';

let db: WritableDb;
let clock: ReturnType<typeof fakeClock>;

beforeEach(() => {
  // 10:00 in Rome on Saturday 21 November 2026 (UTC+1).
  ({ db, clock } = setup('2026-11-21T09:00:00Z'));
});
afterEach(() => db.close());

function cashSale(cents: number) {
  clock.advance(60_000);
  const r = sale(db, clock, { lines: [line(cents, '22')], payments: [{ method: 'cash', amount_cents: cents }] });
  setFiscal(db, r.id, 'ready', `DCW2026/${r.number}`);
  return r;
}

const closures = () => db.prepare('SELECT business_day AS day, z_number AS z FROM day_closures ORDER BY z_number').all();
const closeEntries = () => db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'day.close'`).pluck().get();
const counters = () => db.prepare('SELECT business_day AS day, last_seq AS seq FROM day_counters ORDER BY business_day').all();

describe('a second closing the same evening', () => {
  it('is refused, names the Z already done, and changes nothing (no Z N. 2, numbering untouched)', async () => {
    cashSale(1250);
    clock.set('2026-11-21T18:00:00Z'); // 19:00 in Rome
    const first = await closeDay(db, clock, { count: { denominations: { '1000': 1, '200': 1, '50': 1 } } });
    expect(first).toMatchObject({ businessDay: '2026-11-21', zNumber: 1 });

    clock.set('2026-11-21T19:30:00Z'); // 20:30, same evening
    const again = await rejection(closeDay(db, clock, { count: { denominations: {} } }));
    expect(again.code).toBe('DAY_ALREADY_CLOSED');
    expect(again.field).toBe('business_day');
    expect(again.message).toBe('Giornata del 21/11/2026 già chiusa (Z N. 1 del 21/11/2026 19:00). La prossima chiusura, della giornata del 22/11/2026, si potrà fare da domani.');
    expect(again.messageEn).toContain('already closed (Z no. 1');
    expect(closures()).toEqual([{ day: '2026-11-21', z: 1 }]);
    expect(closeEntries()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM cash_counts').pluck().get()).toBe(1);
    expect(counters()).toEqual([{ day: '2026-11-21', seq: 1 }]);
    expect(verifyAudit(db, (id) => documentDigest(db, id)).ok).toBe(true);
  });

  it('sales rung up after the Z go to the next day without making it closable tonight; X readings of it work; it closes tomorrow', async () => {
    cashSale(500);
    clock.set('2026-11-21T18:00:00Z');
    await closeDay(db, clock, { count: { denominations: { '500': 1 } } });
    const late = cashSale(700); // 19:01, one more customer after the Z
    expect(late.number).toBe('2026-11-22/0001');
    expect(dayHasBegun('2026-11-22', clock.now())).toBe(false);

    clock.set('2026-11-21T22:50:00Z'); // 23:50
    const refused = await rejection(closeDay(db, clock, {}));
    expect(refused.code).toBe('DAY_ALREADY_CLOSED');
    // Naming tomorrow explicitly is no different.
    const named = await rejection(closeDay(db, clock, { business_day: '2026-11-22' }));
    expect(named.code).toBe('DAY_NOT_STARTED');
    expect(named.message).toContain('La giornata del 22/11/2026 non è ancora iniziata');
    expect(named.message).toContain('Z N. 1');
    expect(closures()).toHaveLength(1);

    // The next day's X reading stays available.
    expect(xReport(db, clock)).toMatchObject({ from: '2026-11-22', sales: { count: 1, totalCents: 700 } });

    clock.set('2026-11-22T08:00:00Z'); // 09:00 on the 22nd
    const next = cashSale(300);
    expect(next.number).toBe('2026-11-22/0002'); // gap-free after the refusals
    clock.set('2026-11-22T18:00:00Z');
    const second = await closeDay(db, clock, { count: { denominations: { '500': 2 } } });
    expect(second).toMatchObject({ businessDay: '2026-11-22', zNumber: 2 });
    expect(second.report.sales).toEqual({ count: 2, totalCents: 1000 });
  });

  it('after midnight: closes the evening’s day, then refuses the new day until the morning', async () => {
    cashSale(990);
    clock.set('2026-11-21T23:30:00Z'); // 00:30 on the 22nd
    expect((await closeDay(db, clock, { count: { denominations: {} } })).businessDay).toBe('2026-11-21');
    clock.set('2026-11-21T23:35:00Z');
    const beer = sale(db, clock, { lines: [line(450, '22')], payments: [{ method: 'cash', amount_cents: 450 }] }); // served after the Z
    expect(beer.businessDay).toBe('2026-11-22');

    clock.set('2026-11-21T23:40:00Z'); // 00:40: the same night
    expect(dayToClose(db, clock.now())).toBe('2026-11-22');
    const again = await rejection(closeDay(db, clock, { count: { denominations: {} } }));
    expect(again.code).toBe('DAY_ALREADY_CLOSED');
    expect(again.message).toBe('Giornata del 21/11/2026 già chiusa (Z N. 1 del 22/11/2026 00:30). La prossima chiusura, della giornata del 22/11/2026, si potrà fare da oggi alle 06:00.');
    clock.set('2026-11-22T04:59:59Z'); // 05:59:59
    expect((await rejection(closeDay(db, clock, {}))).code).toBe('DAY_ALREADY_CLOSED');
    expect(closures()).toHaveLength(1);

    clock.set('2026-11-22T23:20:00Z'); // 00:20 on the 23rd: the bar closes the 22nd
    const next = await closeDay(db, clock, { count: { denominations: {} }, note: 'birra non ancora trasmessa' });
    expect(next).toMatchObject({ businessDay: '2026-11-22', zNumber: 2 });
    expect(next.report.sales.count).toBe(1);
  });

  it('a business day begins at 06:00 Rome time on its own date (also across the change to summer time)', () => {
    expect(dayHasBegun('2026-11-22', new Date('2026-11-22T04:59:59Z'))).toBe(false);
    expect(dayHasBegun('2026-11-22', new Date('2026-11-22T05:00:00Z'))).toBe(true);
    expect(dayHasBegun('2026-03-29', new Date('2026-03-29T03:59:59Z'))).toBe(false); // 05:59:59 CEST
    expect(dayHasBegun('2026-03-29', new Date('2026-03-29T04:00:00Z'))).toBe(true);
    expect(dayHasBegun('2026-11-21', new Date('2026-11-22T01:00:00Z'))).toBe(true);
    expect(businessDayFor(db, new Date('2026-11-21T09:00:00Z'))).toBe('2026-11-21');
  });
});

describe('the till (dispatcher) after the Z', () => {
  it('reports.status says the day is closed and why it cannot close again; reports.closeDay refuses; X still works', async () => {
    const b = makeBackend();
    await loginCashier(b);
    await b.ok('sale.commit', { lines: [{ barcode: '8000000000019', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 1290 }] });
    let st = await b.ok('reports.status', {});
    expect(st.closeRefusal).toBeNull();
    await loginManager(b);
    b.clock.set('2026-11-21T18:00:00Z');
    await b.ok('reports.closeDay', { note: 'prova' });
    b.clock.set('2026-11-21T18:30:00Z');
    st = await b.ok('reports.status', {});
    expect(st).toMatchObject({ businessDay: '2026-11-22', lastClosure: { businessDay: '2026-11-21', zNumber: 1 } });
    expect(st.closeRefusal).toMatchObject({ code: 'DAY_ALREADY_CLOSED' });
    expect(st.closeRefusal?.message).toContain('Giornata del 21/11/2026 già chiusa (Z N. 1');
    const err = await b.err('reports.closeDay', { note: 'di nuovo' });
    expect(err.code).toBe('DAY_ALREADY_CLOSED');
    expect(b.db.prepare('SELECT count(*) FROM day_closures').pluck().get()).toBe(1);
    expect((await b.ok('reports.get', { type: 'x' })).from).toBe('2026-11-22');
    b.clock.set('2026-11-22T17:00:00Z');
    expect((await b.ok('reports.status', {})).closeRefusal).toBeNull();
  });
});
