// A bar or pizzeria closes after midnight: the end of day must work on the evening's business day,
// not on the new, empty calendar day, and sales after the closure belong to the new day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../../../backend/db/types.js';
import { businessDayFor, dayToClose } from '../../../backend/ledger/index.js';
import { closeDay, recordCashCount } from '../../../backend/reports/index.js';
import { createDispatcher } from '../../../backend/api/dispatcher.js';
import { fakeClock } from '../../../shared/time.js';
import { line, sale, setFiscal, setup } from './helpers.js';

let db: WritableDb;
let clock: ReturnType<typeof fakeClock>;

beforeEach(() => {
  // 23:10 in Rome on 21 November (UTC+1).
  ({ db, clock } = setup('2026-11-21T22:10:00Z'));
});
afterEach(() => db.close());

describe('closing the day after midnight', () => {
  it('the day to close stays the evening’s day until it is closed, then the new day starts', async () => {
    const r = sale(db, clock, { lines: [line(1250, '22')], payments: [{ method: 'cash', amount_cents: 1250 }] });
    setFiscal(db, r.id, 'ready', 'DCW2026/0001-0001');
    clock.set('2026-11-21T23:30:00Z'); // 00:30 on the 22nd in Rome
    expect(businessDayFor(db, clock.now())).toBe('2026-11-22');
    expect(dayToClose(db, clock.now())).toBe('2026-11-21');

    const count = recordCashCount(db, clock, { denominations: { '1000': 1, '200': 1, '50': 1 } }, { businessDay: dayToClose(db, clock.now()) });
    expect(count.businessDay).toBe('2026-11-21');
    const closed = await closeDay(db, clock, {});
    expect(closed.businessDay).toBe('2026-11-21');
    expect(closed.report.from).toBe('2026-11-21');
    expect(closed.report.netCents).toBe(1250);

    // Next sale: the new day; and with nothing left open, the day to close is the current one.
    const next = sale(db, clock, { lines: [line(300, '10')], payments: [{ method: 'cash', amount_cents: 300 }] });
    expect(next.number.startsWith('2026-11-22/')).toBe(true);
    expect(dayToClose(db, clock.now())).toBe('2026-11-22');
  });

  it('the till’s end-of-day status shows the evening’s unclosed day after midnight', async () => {
    sale(db, clock, { lines: [line(990, '22')], payments: [{ method: 'cash', amount_cents: 1000 }] });
    clock.set('2026-11-21T23:45:00Z');
    const d = createDispatcher({ db, clock });
    await d.call('session.setup', { name: 'Marco', pin: '9999' });
    const st = await d.call('reports.status', {});
    expect(st.ok).toBe(true);
    const v = (st as { ok: true; value: { businessDay: string; report: { from: string; netCents: number } } }).value;
    expect(v.businessDay).toBe('2026-11-21');
    expect(v.report).toMatchObject({ from: '2026-11-21', netCents: 990 });
  });
});
