// The chaos till's link to its server: the shop-link loop (backend/shop-link/loop.ts) with a short
// request timeout (a black-holed request gives up in seconds, not 15 s) and its waits compressed.
// (Placeholder until the loop lands on main.)
import type { WritableDb } from '../../backend/db/types.js';
import type { KeyProvider } from '../../backend/secrets.js';
import type { Clock } from '../../shared/time.js';

export interface TillLink { wake(): void; stop(): Promise<void> }

export function startLink(d: { db: WritableDb; clock: Clock; keys: KeyProvider; timerDivisor: number }): TillLink {
  void d;
  return { wake() {}, async stop() {} };
}
