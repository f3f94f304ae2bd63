// The invoice sender (issue #13): takes invoices from invoice_outbox to the shop's e-invoicing service
// exactly once, like ../../sync/engine.ts does for receipts. Plain Node, every dependency injected,
// so the same engine runs in the sync process, in `bancone sync` and under a fake clock in tests.
//
//   const sender = createInvoiceSender({ db, clock, fetch, config: () => readInvoicingConfig(db, env, keys), random });
//   await sender.drainOnce();            // everything due now, then return
//   await sender.watch({ signal });      // keep draining until aborted; kick() wakes it
//
// One invoice at a time: invoices are few, and Fattura24 forbids concurrent calls anyway.
import { createHash, randomUUID } from 'node:crypto';
import { watchLoop } from '../../sync/watch-loop.js';
import type { WritableDb } from '../../db/types.js';
import type { Clock } from '../../../shared/time.js';
import type { FetchLike } from '../../sync/openapi-client.js';
import { createInvoiceProvider, type InvoicingConfig, type InvoicingConfigGap } from '../config.js';
import type { Fetch } from '../providers/http.js';
import type { InvoiceProvider } from '../provider.js';
import { acquireSenderLock, releaseSenderLock } from './lock.js';
import {
  clearPause, clearStop, defer, getRow, hasUndatedWork, nextDueAt, pickDue, readPause, readStop, recoverInterrupted,
  type ProviderName, type SenderRow,
} from './store.js';
import {
  DEFAULT_SENDER_TUNING, pollStep, resolveUnknownStep, sendStep,
  type SenderCounters, type SenderEvent, type SenderTuning, type StepContext,
} from './steps.js';

export { DEFAULT_SENDER_TUNING, type SenderTuning, type SenderEvent } from './steps.js';

export interface InvoiceSenderDeps {
  db: WritableDb;
  clock: Clock;
  fetch: FetchLike & Fetch;
  /** The provider chosen in Settings, read at every drain (a key typed in Settings works at once). */
  config: () => { config: InvoicingConfig } | { gap: InvoicingConfigGap };
  /**
   * The configuration for an invoice already attempted with `name` (its look-ups and polls go there).
   * Default: the current one when it is the same service. See ./recorded.ts.
   */
  configFor?: (name: ProviderName) => InvoicingConfig | null;
  random: () => number;
  tuning?: Partial<SenderTuning>;
  log?: (e: SenderEvent) => void;
  /** How Fattura24's adapter waits out a full minute (tests move their fake clock). */
  sleep?: (ms: number) => Promise<void>;
  ownerId?: string;
}

export interface SenderSummary extends SenderCounters {
  stopped: 'account' | 'limited' | 'locked' | 'not_configured' | null;
}

export interface InvoiceSender {
  drainOnce(): Promise<SenderSummary>;
  watch(opts?: { signal?: AbortSignal; idleMs?: number; onDrain?: (s: SenderSummary) => void }): Promise<void>;
  /** Wakes a sleeping watch() (a new invoice was committed). */
  kick(): void;
  close(): void;
}

export function fingerprintOf(config: InvoicingConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

export function createInvoiceSender(deps: InvoiceSenderDeps): InvoiceSender {
  const tuning: SenderTuning = { ...DEFAULT_SENDER_TUNING, ...deps.tuning };
  const { db, clock } = deps;
  const ownerId = deps.ownerId ?? randomUUID();
  const log = deps.log ?? (() => {});
  // Adapters are kept across drains (Fattura24's limiter counts in memory), one per configuration.
  const adapters = new Map<string, InvoiceProvider>();
  let running: Promise<SenderSummary> | null = null;

  function adapterFor(config: InvoicingConfig): { provider: InvoiceProvider; fingerprint: string } {
    const fingerprint = fingerprintOf(config);
    let provider = adapters.get(fingerprint);
    if (!provider) {
      provider = createInvoiceProvider(config, { fetch: deps.fetch, clock, ...(deps.sleep ? { sleep: deps.sleep } : {}) });
      adapters.set(fingerprint, provider);
    }
    return { provider, fingerprint };
  }

  async function drain(): Promise<SenderSummary> {
    const counters: SenderCounters = { steps: 0, sent: 0, adopted: 0, resent: 0, polled: 0, failed: 0, ambiguous: 0 };
    const done = (stopped: SenderSummary['stopped']): SenderSummary => ({ ...counters, stopped });
    const read = deps.config();
    const current = 'config' in read ? read.config : null;
    const configFor = (name: ProviderName): InvoicingConfig | null =>
      deps.configFor ? deps.configFor(name) : current && current.provider === name ? current : null;

    if (!acquireSenderLock(db, ownerId, clock.now(), tuning.lockTtlMs).ok) return done('locked');
    // We hold the lock and nothing of ours is in flight: a `sending` row was left by a dead process.
    recoverInterrupted(db, clock.now());

    // Stopped by the account: cleared by a new configuration, or tried once per probe interval.
    const stop = readStop(db);
    if (stop) {
      const cfg = configFor(stop.provider);
      const changed = !cfg || fingerprintOf(cfg) !== stop.configFingerprint;
      if (changed || clock.now().toISOString() >= stop.probeAt) clearStop(db);
      else return done('account');
    }
    const pause = readPause(db);
    if (pause) {
      if (clock.now().toISOString() < pause.until) return done('limited');
      clearPause(db);
    }

    const skip = new Set<string>();
    const stepsOf = new Map<string, number>();
    let lastRenew = clock.now().getTime();
    let stopped: SenderSummary['stopped'] = null;
    for (;;) {
      const now = clock.now();
      if (now.getTime() - lastRenew > tuning.lockTtlMs / 3) {
        lastRenew = now.getTime();
        if (!acquireSenderLock(db, ownerId, now, tuning.lockTtlMs).ok) { stopped = 'locked'; break; }
      }
      const row = pickDue(db, now, skip)[0];
      if (!row) break;
      const n = (stepsOf.get(row.invoiceId) ?? 0) + 1;
      stepsOf.set(row.invoiceId, n);
      if (n > tuning.stepsPerInvoice) { skip.add(row.invoiceId); continue; }
      // A pending invoice goes to the service chosen now (nothing of it is anywhere); one already
      // attempted is looked up and polled at the service that has (or may have) it.
      const cfg = row.state === 'pending' ? current : row.provider ? configFor(row.provider) : null;
      if (!cfg) { skip.add(row.invoiceId); continue; }
      const { provider, fingerprint } = adapterFor(cfg);
      const ctx: StepContext = { db, clock, provider, fingerprint, tuning, random: deps.random, counters, log };
      const step = row.state === 'pending' ? sendStep : row.state === 'unknown' ? resolveUnknownStep : pollStep;
      counters.steps++;
      let result;
      try {
        result = await step(ctx, row);
      } catch (e) {
        guard(row, e);
        skip.add(row.invoiceId);
        continue;
      }
      if (result === 'halt') { stopped = readStop(db) ? 'account' : 'limited'; break; }
    }
    if (!stopped && !current && hasPendingWork()) stopped = 'not_configured';
    return done(stopped);
  }

  function hasPendingWork(): boolean {
    return db.prepare(`SELECT 1 FROM invoice_outbox WHERE state = 'pending' LIMIT 1`).get() !== undefined;
  }

  /** A bug or a database error in one step must not stop the queue nor spin on the same row. */
  function guard(row: SenderRow, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    log({ type: 'error', invoiceId: row.invoiceId, message });
    try {
      const now = clock.now();
      const cur = getRow(db, row.invoiceId);
      // A claimed row may have reached the service: never back to pending, to the look-up instead.
      if (cur?.state === 'sending') db.prepare(`UPDATE invoice_outbox SET state = 'unknown' WHERE invoice_id = ?`).run(row.invoiceId);
      defer(db, row.invoiceId, now, new Date(now.getTime() + tuning.backoffMaxMs), message);
    } catch { /* the database itself is failing: the next drain retries */ }
  }

  function drainOnce(): Promise<SenderSummary> {
    if (!running) running = drain().finally(() => { running = null; });
    return running;
  }

  function nextWakeMs(idleMs: number): number {
    const now = clock.now().getTime();
    const candidates = [idleMs];
    const due = nextDueAt(db);
    if (due) candidates.push(new Date(due).getTime() - now);
    if (hasUndatedWork(db)) candidates.push(idleMs);
    const pause = readPause(db);
    if (pause) candidates.push(new Date(pause.until).getTime() - now);
    const stop = readStop(db);
    if (stop) candidates.push(new Date(stop.probeAt).getTime() - now);
    return Math.max(10, Math.min(...candidates));
  }

  const loop = watchLoop(drainOnce, nextWakeMs, 5_000);
  return {
    drainOnce,
    watch: loop.watch,
    kick: loop.kick,
    close() {
      releaseSenderLock(db, ownerId);
    },
  };
}
