// Guessing a PIN must not get cheaper by opening new sessions (the bridge takes the session id from
// the page, so a new one costs nothing) or by logging in with one's own PIN between wrong guesses.
import { describe, expect, it } from 'vitest';
import { loginCashier, makeBackend } from './helpers.js';

describe('PIN lockout holds across sessions', () => {
  it('wrong manager PINs spread over fresh sessions still lock the manager login', async () => {
    const b = makeBackend();
    for (let i = 0; i < 12; i++) {
      const e = await b.err('session.login', { operator_id: b.managerId, pin: String(1000 + i) }, `guess-${Math.floor(i / 4)}`);
      if (i < 10) expect(e.code).toBe('PIN_WRONG');
      else expect(e.code).toBe('PIN_LOCKED');
    }
    const locked = await b.err('session.login', { operator_id: b.managerId, pin: '9999' }, 'fresh-session');
    expect(locked).toMatchObject({ code: 'PIN_LOCKED', field: 'pin' });
    expect(locked.message).toMatch(/riprovare tra \d+ secondi/);
    // The cashier's own login is not locked by guesses at the manager's PIN.
    await loginCashier(b, 'cashier-window');
    b.clock.advance(31_000);
    expect((await b.ok('session.login', { operator_id: b.managerId, pin: '9999' }, 'fresh-session')).role).toBe('manager');
  });

  it("a cashier's own good login between wrong approval PINs does not reset the count", async () => {
    const b = makeBackend();
    await loginCashier(b);
    let wrong = 0;
    for (let round = 0; round < 3; round++) {
      // A fresh request each round (a login drops the old ones): the count is the PIN's, not the request's.
      const { approval } = await b.err('operators.list', {});
      for (let i = 0; i < 4; i++) {
        const e = await b.err('session.approve', { pin: String(2000 + wrong++), request_id: approval!.requestId });
        if (e.code === 'PIN_LOCKED') break;
        expect(e.code).toBe('PIN_WRONG');
      }
      await loginCashier(b);
    }
    const denied = await b.err('operators.list', {});
    const e = await b.err('session.approve', { pin: '9999', request_id: denied.approval!.requestId });
    expect(e.code).toBe('PIN_LOCKED');
    // From another window too.
    await loginCashier(b, 'w2');
    const deniedW2 = await b.err('operators.list', {}, 'w2');
    expect((await b.err('session.approve', { pin: '9999', request_id: deniedW2.approval!.requestId }, 'w2')).code).toBe('PIN_LOCKED');
    b.clock.advance(31_000);
    expect((await b.approve(denied)).managerName).toBe('Marco');
  });

  it('wrong PINs sent with a made-up request id still count and lock', async () => {
    const b = makeBackend();
    await loginCashier(b);
    for (let i = 0; i < 5; i++) expect((await b.err('session.approve', { pin: String(3000 + i), request_id: 'made-up' })).code).toBe('PIN_WRONG');
    const denied = await b.err('operators.list', {});
    expect((await b.err('session.approve', { pin: '9999', request_id: denied.approval!.requestId })).code).toBe('PIN_LOCKED');
  });
});
