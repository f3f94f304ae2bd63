// The link loop's waits, driven by an injected timer (nothing sleeps): it backs off from a server
// that does not answer (doubling, capped), a sale cuts the idle wait short, and a till that has not
// joined a server is left alone — not a row written.
import { afterAll, describe, expect, it } from 'vitest';
import { commitSale } from '../../../backend/ledger/index.js';
import { createShopLinkLoop, type SetTimer } from '../../../backend/shop-link/loop.js';
import { shopLinkStatus } from '../../../backend/shop-link/status.js';
import { setSetting } from '../../../backend/settings.js';
import { fakeClock } from '../../../shared/time.js';
import { tempLedger, type TempLedger } from '../sync/fixtures.js';

const ledgers: TempLedger[] = [];
afterAll(() => { for (const l of ledgers) l.cleanup(); });
const clock = fakeClock(new Date('2026-11-20T10:00:00.000Z'));
const sale = (l: TempLedger) => commitSale(l.db, clock, { lines: [{ description: 'Pane', unit_price_cents: 250, vat_code: '4', quantity: 1 }], payments: [{ method: 'electronic', amount_cents: 250 }] });

/** A timer the test fires by hand: each wait the loop asks for is recorded. */
function manualTimer() {
  const waits: number[] = [];
  let fire: (() => void) | null = null;
  const timer: SetTimer = (fn, ms) => { waits.push(ms); fire = fn; return () => { if (fire === fn) fire = null; }; };
  return { timer, waits, fire: () => { const f = fire; fire = null; f?.(); }, get pending() { return fire !== null; } };
}

const until = async (cond: () => boolean) => { await expect.poll(cond, { timeout: 10_000, interval: 5 }).toBe(true); };

describe('the link loop', () => {
  it('backs off from a server that does not answer: 1 s, 2 s, 4 s … capped at 60 s; the status says what waits', async () => {
    const l = tempLedger('bancone-loop-'); ledgers.push(l);
    setSetting(l.db, 'server.url', 'http://127.0.0.1:9', clock.now());
    setSetting(l.db, 'server.tillCode', 'C1', clock.now());
    sale(l);
    let calls = 0;
    const refused: typeof fetch = async () => { calls++; throw new TypeError('fetch failed: ECONNREFUSED'); };
    const t = manualTimer();
    const loop = createShopLinkLoop({ db: l.db, clock, fetch: refused, timer: t.timer, config: () => ({ url: 'http://127.0.0.1:9', tillCode: 'C1', token: 'x'.repeat(43) }) });
    const stop = new AbortController();
    const running = loop.run(stop.signal);
    for (let i = 1; i <= 9; i++) { await until(() => t.pending); if (i < 9) t.fire(); }
    expect(t.waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    // A sale while backing off does not hammer the server: the wait stands.
    sale(l);
    loop.wake();
    // A round needs no I/O here (the fetch fails at once, the ledger is synchronous): had the wake
    // started one, it would have finished before the next turn of the event loop.
    await new Promise((r) => setImmediate(r));
    expect(calls).toBe(18); // 9 rounds, each trying at once on a new connection before backing off
    expect(t.waits).toHaveLength(9);
    expect(shopLinkStatus(l.db)).toMatchObject({ state: 'unreachable', pending: 2 });
    stop.abort();
    await running;
  });

  it('a sale cuts the idle wait short; a till that has not joined is left alone (nothing written)', async () => {
    const l = tempLedger('bancone-loop-'); ledgers.push(l);
    const before = l.db.prepare('SELECT * FROM sync_state ORDER BY key').all();
    let calls = 0;
    const never: typeof fetch = async () => { calls++; throw new Error('not called'); };
    const t = manualTimer();
    const loop = createShopLinkLoop({ db: l.db, clock, fetch: never, timer: t.timer, config: () => null });
    const stop = new AbortController();
    const running = loop.run(stop.signal);
    await until(() => t.pending);
    expect(t.waits).toEqual([5000]);
    sale(l);
    loop.wake(); // cuts the idle wait: the next round starts at once
    await until(() => t.waits.length === 2);
    expect(calls).toBe(0);
    expect(l.db.prepare('SELECT * FROM sync_state ORDER BY key').all()).toEqual(before);
    expect(shopLinkStatus(l.db)).toBeNull();
    stop.abort();
    await running;
  });

  it('an error on the till itself (not the network) does not end the loop: said like a refusal, tried again after a back-off', async () => {
    const l = tempLedger('bancone-loop-'); ledgers.push(l);
    setSetting(l.db, 'server.url', 'http://127.0.0.1:9', clock.now());
    setSetting(l.db, 'server.tillCode', 'C1', clock.now());
    sale(l);
    let rounds = 0;
    const t = manualTimer();
    const loop = createShopLinkLoop({
      db: l.db, clock, fetch: async () => { throw new Error('not called'); }, timer: t.timer,
      config: () => ({ url: 'http://127.0.0.1:9', tillCode: 'C1', token: 'x'.repeat(43) }),
      report: () => { rounds++; throw new Error('SQLITE_FULL: database or disk is full'); },
    });
    const stop = new AbortController();
    const running = loop.run(stop.signal);
    await until(() => t.pending);
    t.fire();
    await until(() => t.pending && rounds === 2);
    expect(t.waits).toEqual([1000, 2000]);
    expect(shopLinkStatus(l.db)).toMatchObject({ state: 'refused', pending: 1 });
    expect(shopLinkStatus(l.db)!.problem).toContain('SQLITE_FULL');
    expect(shopLinkStatus(l.db)!.problem).toContain('la cassa vende lo stesso');
    stop.abort();
    await running;
  });
});
