// A ledger, an emulator and an engine sharing one fake clock: tests move time by hand.
import { startEmulator, seededRandom, type Emulator, type EmulatorOptions } from '../../../emulators/openapi/index.js';
import { createSyncEngine, type SyncEngine, type SyncConfig, type DrainSummary } from '../../../backend/sync/engine.js';
import type { FetchLike } from '../../../backend/sync/openapi-client.js';
import type { SyncTuning, SyncEvent } from '../../../backend/sync/steps.js';
import { fakeClock } from '../../../shared/time.js';
import { tempLedger, FISCAL_ID, TOKEN, type TempLedger } from './fixtures.js';

export interface Harness {
  clock: ReturnType<typeof fakeClock>;
  emu: Emulator;
  ledger: TempLedger;
  engine: SyncEngine;
  events: SyncEvent[];
  config: SyncConfig;
  newEngine(config?: Partial<SyncConfig>): SyncEngine;
  /** drainOnce, then advance the clock, until nothing is left to do or `rounds` run out. */
  settle(rounds?: number, stepMs?: number): Promise<DrainSummary>;
  requests(method?: string, pathPrefix?: string): number;
  state(documentId: string): Record<string, unknown>;
  close(): Promise<void>;
}

export const TEST_TUNING: Partial<SyncTuning> = {
  concurrency: 4, requestTimeoutMs: 5_000, sendBackoffBaseMs: 1_000, sendBackoffMaxMs: 60_000, pollFirstMs: 1_000,
  pollBackoffMaxMs: 30_000, lookupDelayMs: 5_000, offlineBackoffBaseMs: 1_000, offlineBackoffMaxMs: 60_000, probeIntervalMs: 60_000,
};

/** `fetch`: what the engines use (default the global one; DOM tests pass test/integration/sync/node-fetch.ts). */
export async function harness(opts: { start?: string; emu?: EmulatorOptions; tuning?: Partial<SyncTuning>; fetch?: FetchLike } = {}): Promise<Harness> {
  const clock = fakeClock(opts.start ?? '2026-03-10T10:00:00Z');
  const emu = await startEmulator({ fiscalId: FISCAL_ID, token: TOKEN, clock, readyDelayMs: 2_000, ...opts.emu });
  const ledger = tempLedger();
  const events: SyncEvent[] = [];
  const config: SyncConfig = { baseUrl: emu.url, token: TOKEN, fiscalId: FISCAL_ID };
  const random = seededRandom(99);
  const engines: SyncEngine[] = [];
  const newEngine = (c: Partial<SyncConfig> = {}) => {
    const e = createSyncEngine({ db: ledger.db, clock, fetch: opts.fetch ?? globalThis.fetch, random, config: { ...config, ...c }, tuning: { ...TEST_TUNING, ...opts.tuning }, log: (ev) => events.push(ev) });
    engines.push(e);
    return e;
  };
  const engine = newEngine();
  const h: Harness = {
    clock, emu, ledger, engine, events, config, newEngine,
    async settle(rounds = 40, stepMs = 2_000) {
      let s = await h.engine.drainOnce();
      for (let i = 0; i < rounds; i++) {
        const st = s.status;
        if (st.pending - st.waitingForParent + st.inFlight + st.unknown === 0) break;
        clock.advance(stepMs);
        s = await h.engine.drainOnce();
      }
      return s;
    },
    requests(method, prefix = '/IT-receipts') {
      return emu.requests().filter((r) => (!method || r.method === method) && r.path.startsWith(prefix)).length;
    },
    state(id) {
      return ledger.db.prepare('SELECT * FROM outbox WHERE document_id = ?').get(id) as Record<string, unknown>;
    },
    async close() {
      for (const e of engines) e.close();
      await emu.close();
      ledger.cleanup();
    },
  };
  return h;
}

export { seededRandom };
