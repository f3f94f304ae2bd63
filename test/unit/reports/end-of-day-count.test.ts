// The guided end of day as the store drives it, against the real dispatcher in memory (issue #9
// items 10 and 15): a blind cash count saved by «Avanti» (once, however often it is pressed), and
// the screen after the evening's Z, which says the day is closed instead of offering tomorrow.
import { beforeEach, describe, expect, it } from 'vitest';
import { closeBlocked, expectedHidden, useEndOfDay } from '../../../renderer/src/features/end-of-day/store.js';
import { useApp } from '../../../renderer/src/kit/app-store.js';
import { loginAs, world, type StoreWorld } from '../renderer/helpers.js';
import type { Backend } from '../contract/helpers.js';
import { setSetting } from '../../../backend/settings.js';

let w: StoreWorld;
let b: Backend;

beforeEach(async () => {
  w = world();
  b = w.backend;
  useEndOfDay.setState(useEndOfDay.getInitialState(), true);
  await loginAs(w, 'cashier');
  await b.ok('reports.cashMovement', { kind: 'float', amount_cents: 5000 }, 'renderer-test');
  await b.ok('sale.commit', { lines: [{ barcode: '8000000000019', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 1290 }] }, 'renderer-test');
});

const counts = () => b.db.prepare('SELECT counted_cents FROM cash_counts ORDER BY rowid').pluck().all();
const countEntries = () => b.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'cash.count'`).pluck().get();
const s = () => useEndOfDay.getState();

describe('the blind cash count', () => {
  it('hides the expected cash and the variance until the count is saved, by default', async () => {
    await s().load();
    expect(s().status?.blindCount).toBe(true);
    expect(expectedHidden(s())).toBe(true);
    s().goTo('count');
    s().setPieces(5000, '1');
    s().setPieces(1000, '1');
    s().setPieces(200, '1');
    expect(s().countedCents()).toBe(6200);
    expect(expectedHidden(s())).toBe(true); // still counting
    expect(await s().next()).toBe(true);
    expect(expectedHidden(s())).toBe(false);
    expect(s().count).toMatchObject({ countedCents: 6200, expectedCents: 6290, varianceCents: -90 });
  });

  it('with eod.blindCount off, the expected cash shows while counting', async () => {
    setSetting(b.db, 'eod.blindCount', false, b.clock.now());
    await s().load();
    expect(s().status?.blindCount).toBe(false);
    expect(expectedHidden(s())).toBe(false);
  });
});

describe('«Avanti» on the count step', () => {
  it('saves the count and moves on; pressed twice, it counts once', async () => {
    await s().load();
    s().goTo('count');
    s().setPieces(5000, '1');
    s().setPieces(1000, '1');
    s().setPieces(200, '1');
    s().setPieces(50, '1');
    s().setPieces(20, '2');
    const [a, c] = await Promise.all([s().next(), s().next()]); // a double press
    expect([a, c]).toEqual([true, true]);
    expect(s().step).toBe('sync');
    expect(counts()).toEqual([6290]);
    expect(w.calls.filter((n) => n === 'reports.countCash')).toHaveLength(1);
    expect(s().count).toMatchObject({ countedCents: 6290, varianceCents: 0 });

    // Back and «Avanti» again without changing anything: nothing is counted twice.
    s().goTo('count');
    expect(await s().next()).toBe(true);
    expect(counts()).toEqual([6290]);
    // The save button after «Avanti», unchanged: no second count either.
    s().goTo('count');
    expect(await s().saveCount()).toBe(true);
    expect(counts()).toEqual([6290]);
  });

  it('a saved count changed afterwards is saved again as the new count, with its audit entry', async () => {
    await s().load();
    s().goTo('count');
    s().setPieces(5000, '1');
    expect(await s().saveCount()).toBe(true);
    s().setPieces(1000, '1');
    expect(await s().next()).toBe(true);
    expect(counts()).toEqual([5000, 6000]);
    expect(countEntries()).toBe(2);
    expect(s().status?.report.cash.count).toMatchObject({ countedCents: 6000, varianceCents: -290 });
  });

  it('with bad pieces it stays on the count and names the field; with nothing typed it moves on without a count', async () => {
    await s().load();
    s().goTo('count');
    s().setPieces(200, '3,5');
    expect(await s().next()).toBe(false);
    expect(s().step).toBe('count');
    expect(s().error).toMatchObject({ code: 'PIECES_INVALID', field: 'denominations.200' });
    s().setPieces(200, '');
    expect(await s().next()).toBe(true);
    expect(s().step).toBe('sync');
    expect(counts()).toEqual([]);
  });

  it('«Avanti» on the other steps only moves on', async () => {
    await s().load();
    expect(await s().next()).toBe(true);
    expect(s().step).toBe('count');
    expect(counts()).toEqual([]);
  });
});

describe('the end-of-day screen after the evening’s Z', () => {
  it('says the day is closed (naming the Z) instead of offering to close an empty tomorrow', async () => {
    await s().load();
    expect(closeBlocked(s())).toBeNull();
    // The manager closes the day at 19:00 (on the back-office session).
    b.clock.set('2026-11-21T18:00:00Z');
    await b.ok('session.login', { operator_id: b.managerId, pin: '9999' }, 'back-office');
    expect(await b.ok('reports.closeDay', { note: 'Trasmissione non attiva' }, 'back-office')).toMatchObject({ zNumber: 1 });

    // Later the same evening the screen is opened again.
    b.clock.set('2026-11-21T19:00:00Z');
    s().reset();
    await s().load();
    expect(s().status?.businessDay).toBe('2026-11-22');
    expect(closeBlocked(s())).toMatchObject({ code: 'DAY_ALREADY_CLOSED' });
    expect(closeBlocked(s())?.message).toBe('Giornata del 21/11/2026 già chiusa (Z N. 1 del 21/11/2026 19:00). La prossima chiusura, della giornata del 22/11/2026, si potrà fare da domani.');
    // Nothing is counted tonight for tomorrow; the new day's X figures are shown as they are.
    expect(expectedHidden(s())).toBe(false);
    // Trying anyway changes nothing, and no manager is asked for a PIN just to hear it.
    s().setNote('di nuovo');
    expect(await s().close()).toBe(false);
    expect(s().error?.code).toBe('DAY_ALREADY_CLOSED');
    expect(useApp.getState().approval).toBeNull();
    expect(b.db.prepare('SELECT count(*) FROM day_closures').pluck().get()).toBe(1);
    // The X reading of the new day and the last Z stay available.
    expect(await s().print()).toBe(true);
    expect(await s().print({ type: 'z' })).toBe(true);
    const reports = b.db.prepare(`SELECT payload FROM print_jobs WHERE kind = 'z_report' ORDER BY rowid`).pluck().all() as string[];
    expect(reports.map((p) => [JSON.parse(p).businessDay, JSON.parse(p).zNumber])).toEqual([['2026-11-22', null], ['2026-11-21', 1]]);

    // The next day it can be closed again.
    b.clock.set('2026-11-22T18:00:00Z');
    await s().load();
    expect(closeBlocked(s())).toBeNull();
  });
});
