// The chaos till's link to its server: THE shop-link loop (backend/shop-link/loop.ts) with the till's
// own config (url, till code, decrypted token), over a fetch that opens a connection per request
// (`connection: close`), so the proxy's per-connection faults hit requests and not one long-lived
// keep-alive socket; and with its waits divided by `timerDivisor` (idle 5 s → 250 ms, the one-minute
// backoff cap → 3 s): hours of shop time compressed into seconds. The request timeout is the
// client's own (15 s): a black-holed request gives up as a till's would. (A shorter one, 3 s, was
// tried: on a loaded machine a 200-entry batch took longer than that to ingest, every time, so the
// till resent the same batch forever without ever hearing its ack.)
import type { WritableDb } from '../../backend/db/types.js';
import type { KeyProvider } from '../../backend/secrets.js';
import type { Clock } from '../../shared/time.js';
import { createShopLinkLoop, realTimer, type SetTimer } from '../../backend/shop-link/loop.js';
import { readShopLinkConfig } from '../../backend/shop-link/config.js';

export interface TillLink { wake(): void; stop(): Promise<void>; readonly done: Promise<void> }

export function startLink(d: { db: WritableDb; clock: Clock; keys: KeyProvider; timerDivisor: number }): TillLink {
  const fetchPerConnection: typeof fetch = (input, init = {}) =>
    fetch(input, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), connection: 'close' } });
  const timer: SetTimer = (fn, ms) => realTimer(fn, Math.max(1, Math.round(ms / d.timerDivisor)));
  const loop = createShopLinkLoop({ db: d.db, clock: d.clock, config: () => readShopLinkConfig(d.db, d.keys), fetch: fetchPerConnection, timer, appVersion: 'chaos' });
  const abort = new AbortController();
  const done = loop.run(abort.signal);
  return {
    wake: () => loop.wake(),
    done,
    async stop() { abort.abort(); await done.catch(() => undefined); },
  };
}
