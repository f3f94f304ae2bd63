// The dispatcher keeps one session per id the page chooses (the bridge's X-Bancone-Session, a tab's
// id): a client making up a new id per request must not grow the map without bound (issue #10,
// item 10). Sessions nobody is logged into go first; a logged-in till window survives the flood.
import { describe, expect, it } from 'vitest';
import { MAX_SESSIONS } from '../../../backend/api/dispatcher.js';
import { loginCashier, makeBackend } from './helpers.js';

describe('the session map is bounded', () => {
  it('10,000 made-up session ids keep the map at its cap, and the logged-in window stays logged in', async () => {
    const b = makeBackend();
    await loginCashier(b, 'till-window');
    for (let i = 0; i < 10_000; i++) await b.ok('session.state', {}, `made-up-${i}`);
    expect(b.dispatcher.sessionCount()).toBeLessThanOrEqual(MAX_SESSIONS);
    const state = await b.ok('session.state', {}, 'till-window');
    expect(state.operator?.name).toBe('Giulia');
  });

  it('when every session is logged in, the one used longest ago goes (its tab logs in again)', async () => {
    const b = makeBackend();
    for (let i = 0; i < MAX_SESSIONS; i++) await loginCashier(b, `w-${i}`);
    await b.ok('session.state', {}, 'w-0'); // w-0 used again: w-1 is now the oldest
    await loginCashier(b, 'one-more');
    expect(b.dispatcher.sessionCount()).toBe(MAX_SESSIONS);
    expect((await b.ok('session.state', {}, 'w-0')).operator?.name).toBe('Giulia');
    expect((await b.ok('session.state', {}, 'w-1')).operator).toBeNull();
  });
});
