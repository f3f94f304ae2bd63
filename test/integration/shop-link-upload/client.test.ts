// The till's client for its shop server: a kept-alive connection the server closed while the till
// was idle fails at once; the call is tried once more on a new connection instead of reporting the
// server unreachable and backing off (seen by the chaos test: the first upload after a pause failed).
// A timeout is not tried again: it already waited its full time.
import { expect, it } from 'vitest';
import { z } from 'zod';
import { shopLinkClient, ShopLinkError } from '../../../backend/shop-link/client.js';

const Ok = z.object({ ok: z.boolean() });

it('a connection closed under it is tried once more; a second failure, or a timeout, is «unreachable»', async () => {
  let calls = 0;
  const closedOnce: typeof fetch = async () => {
    calls++;
    if (calls === 1) throw new TypeError('fetch failed: other side closed');
    return new Response(JSON.stringify({ ok: true }), { status: 200 });
  };
  expect(await shopLinkClient({ url: 'http://127.0.0.1:9', token: 't'.repeat(43), fetch: closedOnce }).get('/x', Ok)).toEqual({ ok: true });
  expect(calls).toBe(2);

  calls = 0;
  const down: typeof fetch = async () => { calls++; throw new TypeError('fetch failed: ECONNREFUSED'); };
  const e1 = await shopLinkClient({ url: 'http://127.0.0.1:9', token: 't'.repeat(43), fetch: down }).get('/x', Ok).catch((e: unknown) => e);
  expect(e1).toBeInstanceOf(ShopLinkError);
  expect((e1 as ShopLinkError).failure).toBe('unreachable');
  expect(calls).toBe(2);

  calls = 0;
  const slow: typeof fetch = async () => { calls++; throw new DOMException('The operation was aborted due to timeout', 'TimeoutError'); };
  const e2 = await shopLinkClient({ url: 'http://127.0.0.1:9', token: 't'.repeat(43), fetch: slow }).get('/x', Ok).catch((e: unknown) => e);
  expect((e2 as ShopLinkError).failure).toBe('unreachable');
  expect(calls).toBe(1);
});
