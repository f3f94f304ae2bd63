// The link between this till and its shop server (issue #14): upload the journal until nothing is
// left, pull the master data, then wait — woken at once when the ledger changes (a sale: wake()),
// else every few seconds; after a failure it backs off (doubling, capped at a minute). It never
// blocks a sale: the ledger is read and the cursor written in short statements of their own, and no
// transaction is held across a network await. Until the till has joined it does nothing at all
// (writes nothing). The clock and the timer are injected: tests drive it, never sleep on luck.
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { MAX_UPLOAD_ENTRIES, type TillReport } from '../../shared/server-api.js';
import { shopLinkClient, ShopLinkError, type ShopLinkClient } from './client.js';
import type { ShopLinkConfig } from './config.js';
import { uploadOnce, buildTillReport } from './upload.js';
import { pullMaster } from './pull.js';
import { readOutcome, writeOutcome, type LinkState } from './state.js';

export const IDLE_MS = 5_000;
export const BACKOFF_FIRST_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;
/** The smallest batch after repeated timeouts: a few entries always fit in one request. */
export const MIN_BATCH = 5;

/** A timer: calls `fn` after `ms`; the function it returns cancels it. */
export type SetTimer = (fn: () => void, ms: number) => () => void;
export const realTimer: SetTimer = (fn, ms) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); };

export interface ShopLinkLoopDeps {
  db: WritableDb;
  clock: Clock;
  /** Read at every round: joining (or leaving) takes effect without a restart. */
  config: () => ShopLinkConfig | null;
  fetch?: typeof globalThis.fetch;
  timer?: SetTimer;
  /** The waits (default IDLE_MS, BACKOFF_FIRST_MS, BACKOFF_CAP_MS); tests shorten them. */
  tuning?: Partial<ShopLinkTuning>;
  appVersion?: string;
  /** Tests: the report to send instead of the one built from the status facts. */
  report?: () => TillReport;
  log?: (e: { state: LinkState; sent: number; ackSeq: number | null; message: string | null }) => void;
}

export interface ShopLinkTuning { idleMs: number; backoffFirstMs: number; backoffCapMs: number }

/** What one round did: how long to wait before the next, and what it left. */
export interface RoundResult { state: LinkState | 'not_joined'; sent: number; ackSeq: number | null; waitMs: number }

export interface ShopLinkLoop {
  /** One round: upload until nothing is left, pull, record the outcome. Never throws for the network. */
  round(): Promise<RoundResult>;
  /** Runs rounds until the signal aborts. */
  run(signal: AbortSignal): Promise<void>;
  /** The ledger changed: start a round now (or right after the one running). */
  wake(): void;
}

const FAILURE_STATE: Record<ShopLinkError['failure'], LinkState> = { unreachable: 'unreachable', server: 'unreachable', auth: 'auth', refused: 'refused' };

export function createShopLinkLoop(d: ShopLinkLoopDeps): ShopLinkLoop {
  const timer = d.timer ?? realTimer;
  const t: ShopLinkTuning = { idleMs: IDLE_MS, backoffFirstMs: BACKOFF_FIRST_MS, backoffCapMs: BACKOFF_CAP_MS, ...d.tuning };
  let failures = 0;
  let batch = MAX_UPLOAD_ENTRIES;
  let woken = false;
  let interrupt: (() => void) | null = null;
  let client: { key: string; c: ShopLinkClient } | null = null;

  const clientFor = (cfg: ShopLinkConfig): ShopLinkClient => {
    const key = `${cfg.url}\n${cfg.token}`;
    if (client?.key !== key) client = { key, c: shopLinkClient({ url: cfg.url, token: cfg.token, fetch: d.fetch }) };
    return client.c;
  };

  async function round(): Promise<RoundResult> {
    const cfg = d.config();
    if (!cfg) return { state: 'not_joined', sent: 0, ackSeq: null, waitMs: t.idleMs };
    const c = clientFor(cfg);
    let sent = 0;
    let ackSeq: number | null = null;
    try {
      for (;;) {
        const report = d.report?.() ?? buildTillReport(d.db, d.clock, d.appVersion ?? 'dev');
        const r = await uploadOnce(d.db, c, d.clock, report, batch);
        // Answered: the batch may grow back (a slow moment has passed).
        batch = Math.min(MAX_UPLOAD_ENTRIES, batch * 2);
        sent += r.sent;
        ackSeq = r.ackSeq;
        writeOutcome(d.db, { state: r.chainBrokenAt === null ? 'ok' : 'chain_broken', message: null, chainBrokenAt: r.chainBrokenAt }, d.clock.now());
        if (!r.more) break;
      }
      const pulled = await pullMaster(d.db, c, d.clock);
      // The report just sent named the version before this pull: say the new one now, so the back
      // office does not show this till a version behind until the next round.
      if (pulled.applied > 0) {
        const r = await uploadOnce(d.db, c, d.clock, d.report?.() ?? buildTillReport(d.db, d.clock, d.appVersion ?? 'dev'), batch);
        sent += r.sent;
        ackSeq = r.ackSeq;
      }
      failures = 0;
      const state: LinkState = 'ok';
      d.log?.({ state, sent, ackSeq, message: null });
      return { state, sent, ackSeq, waitMs: t.idleMs };
    } catch (e) {
      // Anything else (a master-data page this till cannot apply, a busy or full disk) must not end
      // the loop for good, silently: it is said like a refusal, and tried again after a back-off.
      const state = e instanceof ShopLinkError ? FAILURE_STATE[e.failure] : 'refused';
      // No answer: perhaps the batch is too big for a loaded server to take within the timeout, and
      // the same batch sent again would time out for ever. The next try sends half (down to a few).
      if (e instanceof ShopLinkError && e.failure === 'unreachable') batch = Math.max(MIN_BATCH, Math.floor(batch / 2));
      if (!(e instanceof ShopLinkError)) e = new ShopLinkError('refused', e instanceof Error ? e.message : String(e));
      // The chain's state is the server's last word on it, kept while the server cannot be asked.
      const prev = readOutcome(d.db);
      writeOutcome(d.db, { state, message: (e as ShopLinkError).message, chainBrokenAt: prev?.chainBrokenAt ?? null }, d.clock.now());
      failures++;
      const waitMs = Math.min(t.backoffCapMs, t.backoffFirstMs * 2 ** Math.min(failures - 1, 30));
      d.log?.({ state, sent, ackSeq, message: (e as ShopLinkError).message });
      return { state, sent, ackSeq, waitMs };
    }
  }

  function wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let cancel = () => {};
      const done = () => { cancel(); interrupt = null; signal.removeEventListener('abort', done); resolve(); };
      cancel = timer(done, ms);
      interrupt = done;
      signal.addEventListener('abort', done);
    });
  }

  return {
    round,
    async run(signal) {
      while (!signal.aborted) {
        woken = false;
        const r = await round();
        if (signal.aborted) break;
        // A wake during the round: a sale came in while we were sending; go again at once
        // (unless the server is not answering: then the backoff stands, the sale waits with the rest).
        if (woken && (r.state === 'ok' || r.state === 'chain_broken')) continue;
        await wait(r.waitMs, signal);
      }
    },
    wake() {
      woken = true;
      // While backing off from an unreachable server a sale does not hammer it: only the idle wait is cut short.
      if (failures === 0) interrupt?.();
    },
  };
}
