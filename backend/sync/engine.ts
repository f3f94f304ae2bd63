// The sync loop: plain Node with every dependency injected (db, clock, fetch, config, random), so the
// same engine runs in the Electron utility process, in `bancone sync` and under a fake clock in tests.
//
//   const engine = createSyncEngine({ db, clock, fetch, config: { baseUrl, token, fiscalId }, random });
//   await engine.drainOnce();           // everything due now, then return
//   await engine.watch({ signal });     // keep draining until aborted
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WritableDb } from '../db/types.js';
import { blackoutEnd, isTransmissionBlackout, type Clock } from '../../shared/time.js';
import { createOpenapiClient, type ApiOutcome, type FetchLike, type OpenapiClient } from './openapi-client.js';
import { countDuePolls, getOutboxRow, nextDueAt, pickDue, pickDuePolls, recoverInterrupted, remoteCountsByDay, setPdfPath, type OutboxRow } from './outbox.js';
import { Gates, tokenFingerprint } from './gates.js';
import { acquireLock, releaseLock } from './lock.js';
import { readState, writeState, type ContactState } from './sync-state.js';
import { getSyncStatus, type SyncStatus } from './status.js';
import {
  DEFAULT_TUNING, applyVerdict, batchPollStep, pollStep, remoteDay, resolveUnknownStep, sendStep,
  type DrainCounters, type StepContext, type SyncEvent, type SyncTuning,
} from './steps.js';
import { AccountVerifier, checkAccount } from './account.js';
import { settleUntransmitted } from './cancel.js';
import { watchLoop } from './watch-loop.js';

export { DEFAULT_TUNING, type SyncTuning, type SyncEvent } from './steps.js';

export interface SyncConfig {
  baseUrl: string;
  token: string;
  fiscalId: string;
}

export interface SyncEngineDeps {
  db: WritableDb;
  clock: Clock;
  fetch: FetchLike;
  /** Read at every drain, so a new token or fiscal id takes effect without a restart. */
  config: SyncConfig | (() => SyncConfig | null);
  random: () => number;
  tuning?: Partial<SyncTuning>;
  log?: (e: SyncEvent) => void;
  /** Lock owner id (defaults to a random one per engine). */
  ownerId?: string;
}

export interface DrainSummary extends DrainCounters {
  /** Why nothing more could be done, if something stopped the queue. */
  stopped: 'auth' | 'config' | 'locked' | 'not_configured' | null;
  paused: boolean;
  blackout: boolean;
  status: SyncStatus;
}

export interface SyncEngine {
  drainOnce(): Promise<DrainSummary>;
  /** Drains, sleeps until the next thing is due (or kick()), drains again; until the signal aborts. */
  watch(opts?: { signal?: AbortSignal; idleMs?: number; onDrain?: (s: DrainSummary) => void }): Promise<void>;
  /** Wakes a sleeping watch() (a new document was committed). */
  kick(): void;
  /** Fetches (and stores) the AdE PDF of a ready document now. */
  fetchPdf(documentId: string): Promise<string | null>;
  /** Releases the lock. */
  close(): void;
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const tuning: SyncTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const { db, clock } = deps;
  const ownerId = deps.ownerId ?? randomUUID();
  const log = deps.log ?? (() => {});
  let running: Promise<DrainSummary> | null = null;
  /** Documents a status listing did not show: polled one by one from then on. */
  const notListed = new Set<string>();
  /** Configuration checks, kept across drains for the same address, token and fiscal id. */
  let account: { key: string; verifier: AccountVerifier; client: OpenapiClient } | null = null;
  /** The last reachability written to sync_state (writes are kept to changes and a few a minute). */
  let contactWritten: { state: ContactState; at: number } | null = null;

  /** Records what an exchange with the API says about reaching it (read by the status bar). */
  function noteContact(state: ContactState, message: string | null): void {
    const now = clock.now();
    const prev = contactWritten ?? (() => {
      const stored = readState(db, 'api_contact');
      return stored ? { state: stored.state, at: new Date(stored.at).getTime() } : null;
    })();
    if (prev && prev.state === state && now.getTime() - prev.at < (state === 'not_configured' ? 60_000 : 5_000)) return;
    contactWritten = { state, at: now.getTime() };
    writeState(db, 'api_contact', { state, at: now.toISOString(), message }, now);
  }

  function contactOf(outcome: ApiOutcome<unknown>): { state: ContactState; message: string | null } {
    switch (outcome.kind) {
      case 'notSent': return { state: outcome.network ? 'offline' : 'unreachable', message: outcome.message };
      case 'ambiguous': return { state: outcome.httpStatus !== undefined ? 'server_error' : 'unreachable', message: outcome.message };
      // Openapi (or something at its address) answered: reachable, whatever it said.
      default: return { state: 'ok', message: null };
    }
  }

  /** The client, with every answer noted for the reachability shown to the shop. */
  function observed(client: OpenapiClient): OpenapiClient {
    const wrapped = {} as Record<string, unknown>;
    for (const [name, fn] of Object.entries(client) as [string, (...a: unknown[]) => Promise<ApiOutcome<unknown>>][]) {
      wrapped[name] = async (...args: unknown[]) => {
        const r = await fn(...args);
        const c = contactOf(r);
        try { noteContact(c.state, c.message); } catch { /* a status fact must never break a request */ }
        return r;
      };
    }
    return wrapped as unknown as OpenapiClient;
  }

  function accountFor(cfg: SyncConfig): { verifier: AccountVerifier; client: OpenapiClient } {
    const key = `${cfg.baseUrl}\n${cfg.fiscalId}\n${tokenFingerprint(cfg.token)}`;
    if (account?.key !== key) {
      const client = observed(createOpenapiClient({ baseUrl: cfg.baseUrl, token: cfg.token, timeoutMs: tuning.requestTimeoutMs }, deps.fetch, () => clock.now()));
      account = { key, client, verifier: new AccountVerifier(() => client, cfg.fiscalId, () => clock.now(), tuning.accountOkReuseMs) };
    }
    return account;
  }

  const currentConfig = (): SyncConfig | null => {
    const c = typeof deps.config === 'function' ? deps.config() : deps.config;
    return c && c.baseUrl && c.token && c.fiscalId ? c : null;
  };

  async function storePdf(client: OpenapiClient, row: OutboxRow): Promise<string | null> {
    if (!tuning.pdfDir || !row.remoteId) return null;
    const res = await client.getReceiptPdf(row.remoteId);
    if (res.kind !== 'ok') return null;
    await mkdir(tuning.pdfDir, { recursive: true });
    const file = join(tuning.pdfDir, `${row.documentId}.pdf`);
    const tmp = `${file}.${ownerId}.tmp`;
    await writeFile(tmp, res.data);
    await rename(tmp, file);
    setPdfPath(db, row.documentId, file, clock.now());
    return file;
  }

  function summary(counters: DrainCounters, stopped: DrainSummary['stopped'], gates: Gates | null): DrainSummary {
    const now = clock.now();
    return {
      ...counters,
      stopped,
      paused: gates ? gates.pausedUntil(now) !== null : false,
      blackout: isTransmissionBlackout(now),
      status: getSyncStatus(db, clock),
    };
  }

  /** While stopped by a 401 or an account problem, check now and then whether it is fixed. */
  async function probe(client: OpenapiClient, cfg: SyncConfig, gates: Gates, verifier: AccountVerifier): Promise<void> {
    const reason = gates.stopReason();
    if (!reason) return;
    const now = clock.now();
    const last = readState(db, 'last_auth_probe_at');
    if (last && now.getTime() - new Date(last).getTime() < tuning.probeIntervalMs) return;
    writeState(db, 'last_auth_probe_at', now.toISOString(), now);
    if (reason === 'auth') {
      const r = await client.listReceipts({ fiscal_id: cfg.fiscalId, limit: 1 });
      if (r.kind === 'ok') gates.clearStops();
    } else {
      const v = await checkAccount(client, cfg.fiscalId);
      if (v.kind === 'ok') {
        verifier.noteOk();
        gates.clearStops();
      } else if (v.kind === 'config') {
        // Still wrong, perhaps differently (registered now, receipts still off): say what is true now.
        gates.onConfig(v.code, v.message, { messageEn: v.messageEn, apiMessage: v.apiMessage });
      }
    }
  }

  /**
   * While nothing else talks to the API, a light configuration check every few minutes: the status
   * bar then tells the truth about reaching Openapi (and about the account) instead of showing the
   * last success for ever.
   */
  async function idleProbe(verifier: AccountVerifier, gates: Gates): Promise<void> {
    const now = clock.now();
    if (!gates.canTalk(now)) return;
    const last = readState(db, 'api_contact');
    if (last && last.state !== 'not_configured' && now.getTime() - new Date(last.at).getTime() < tuning.reachabilityProbeMs) return;
    applyVerdict({ gates, log, tuning, random: deps.random }, await verifier.verify(true));
  }

  /** Requests a page-by-page status scan of these documents' days would take. */
  function pagesFor(rows: OutboxRow[]): number {
    const days = [...new Set(rows.map(remoteDay))];
    return [...remoteCountsByDay(db, days).values()].reduce((a, n) => a + Math.max(1, Math.ceil(n / 100)), 0);
  }

  async function drain(): Promise<DrainSummary> {
    const counters: DrainCounters = { steps: 0, sent: 0, adopted: 0, resent: 0, ready: 0, failed: 0, ambiguous: 0 };
    const cfg = currentConfig();
    if (!cfg) {
      noteContact('not_configured', null);
      return summary(counters, 'not_configured', null);
    }
    const lock = acquireLock(db, ownerId, clock.now(), tuning.lockTtlMs);
    if (!lock.ok) return summary(counters, 'locked', null);
    // We hold the lock and nothing of ours is in flight: any `sending` row was left by a dead process.
    recoverInterrupted(db, new Date(clock.now().getTime() + tuning.lookupDelayMs));
    // Returns and voids of sales that will never be transmitted go nowhere either (cancel.ts).
    settleUntransmitted(db, clock.now());

    const { client, verifier } = accountFor(cfg);
    const gates = new Gates(db, clock, tuning, deps.random, tokenFingerprint(cfg.token), tokenFingerprint(`${cfg.baseUrl}\n${cfg.fiscalId}\n${cfg.token}`));
    gates.refresh();
    await probe(client, cfg, gates, verifier);
    if (gates.stopReason()) return summary(counters, gates.stopReason(), gates);
    await idleProbe(verifier, gates);
    if (gates.stopReason()) return summary(counters, gates.stopReason(), gates);

    const ctx: StepContext = {
      db, clock, client, fiscalId: cfg.fiscalId, tuning, random: deps.random, gates, account: verifier, counters, log,
      onReady: async (row) => {
        try { await storePdf(client, row); } catch (e) { log({ type: 'error', documentId: row.documentId, message: `PDF: ${(e as Error).message}` }); }
      },
    };
    // `busy`: documents some task is working on (never picked twice); `slots`: tasks running, a
    // batch poll counting as one.
    const busy = new Set<string>();
    const tasks = new Set<Promise<void>>();
    // Due work fetched a few slots ahead (reserved in `busy`), so the queue is not queried after
    // every single answer.
    let queue: OutboxRow[] = [];
    let slots = 0;
    let batching = false;
    let lastRenew = clock.now().getTime();
    const start = (ids: string[], work: () => Promise<void>, onDone: () => void = () => {}) => {
      for (const id of ids) busy.add(id);
      slots++;
      const p: Promise<void> = work().finally(() => {
        for (const id of ids) busy.delete(id);
        slots--;
        onDone();
        tasks.delete(p);
      });
      tasks.add(p);
    };
    for (;;) {
      const now = clock.now();
      if (now.getTime() - lastRenew > tuning.lockTtlMs / 3) {
        lastRenew = now.getTime();
        if (!acquireLock(db, ownerId, now, tuning.lockTtlMs).ok) break;
      }
      if (gates.canTalk(now)) {
        if (!batching && slots < tuning.concurrency) {
          // Polls due now or within half a poll interval go together: one page covers 100 of them.
          const until = new Date(now.getTime() + tuning.pollFirstMs / 2);
          const polls = countDuePolls(db, until) >= tuning.batchPollMin ? pickDuePolls(db, until, busy).filter((r) => !notListed.has(r.documentId)) : [];
          const dueNow = polls.some((r) => !r.nextAttemptAt || r.nextAttemptAt <= now.toISOString());
          if (dueNow && polls.length >= tuning.batchPollMin && polls.length > 2 * pagesFor(polls)) {
            batching = true;
            counters.steps++;
            start(polls.map((r) => r.documentId), async () => {
              try {
                for (const id of await batchPollStep(ctx, polls)) notListed.add(id);
              } catch (e) {
                log({ type: 'error', documentId: null, message: `batch poll: ${(e as Error).message}` });
              }
            }, () => { batching = false; });
          }
        }
        const canSend = gates.canSend(now);
        let free = tuning.concurrency - slots;
        if (free > 0 && queue.length < free) {
          const more = pickDue(db, now, 2 * tuning.concurrency, busy, canSend);
          for (const r of more) busy.add(r.documentId);
          queue.push(...more);
        }
        while (free > 0 && queue.length > 0) {
          const row = queue.shift()!;
          busy.delete(row.documentId);
          if (row.state === 'pending' && !canSend) continue;
          free--;
          counters.steps++;
          const step = row.state === 'sent' ? pollStep : row.state === 'unknown' ? resolveUnknownStep : sendStep;
          start([row.documentId], () => step(ctx, row).catch((e: unknown) => guard(row, e)));
        }
      } else {
        for (const r of queue) busy.delete(r.documentId);
        queue = [];
      }
      if (tasks.size === 0) break;
      await Promise.race(tasks);
    }
    return summary(counters, gates.stopReason(), gates);
  }

  /** A bug or a database error in one step must not stop the queue nor spin on the same row. */
  function guard(row: OutboxRow, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    log({ type: 'error', documentId: row.documentId, message });
    try {
      const now = clock.now();
      const cur = getOutboxRow(db, row.documentId);
      const later = new Date(now.getTime() + tuning.sendBackoffMaxMs).toISOString();
      const state = cur?.state === 'sending' ? 'unknown' : cur?.state;
      db.prepare(`UPDATE outbox SET state = ?, next_attempt_at = ?, last_error_code = 'INTERNAL', last_error_message = ?, updated_at = ? WHERE document_id = ?`)
        .run(state, later, `Errore interno: ${message}`, now.toISOString(), row.documentId);
    } catch { /* the database itself is failing: the next drain retries */ }
  }

  function drainOnce(): Promise<DrainSummary> {
    if (!running) running = drain().finally(() => { running = null; });
    return running;
  }

  function nextWakeMs(idleMs: number): number {
    const now = clock.now();
    const candidates = [idleMs];
    const due = nextDueAt(db);
    if (due) candidates.push(new Date(due).getTime() - now.getTime());
    const pause = readState(db, 'paused');
    if (pause) candidates.push(new Date(pause.until).getTime() - now.getTime());
    if (isTransmissionBlackout(now)) candidates.push(blackoutEnd(now).getTime() - now.getTime());
    // The idle reachability check is due once the last exchange with the API is that old.
    const contact = readState(db, 'api_contact');
    if (contact && contact.state !== 'not_configured') candidates.push(new Date(contact.at).getTime() + tuning.reachabilityProbeMs - now.getTime());
    return Math.max(10, Math.min(...candidates));
  }

  const loop = watchLoop(drainOnce, nextWakeMs, 1_000);
  return {
    drainOnce,
    watch: loop.watch,
    kick: loop.kick,
    async fetchPdf(documentId) {
      const cfg = currentConfig();
      const row = getOutboxRow(db, documentId);
      if (!cfg || !row?.remoteId) return null;
      const client = createOpenapiClient({ baseUrl: cfg.baseUrl, token: cfg.token, timeoutMs: tuning.requestTimeoutMs }, deps.fetch, () => clock.now());
      return storePdf(client, row);
    },
    close() {
      releaseLock(db, ownerId);
    },
  };
}
