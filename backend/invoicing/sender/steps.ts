// One network step for one invoice: send, look up after an ambiguous failure, or poll the SDI's
// outcome. Every step commits its transition (./store.ts) before and after the network call; a
// failure that concerns the whole queue (account, limit) is written as a queue-wide fact and the
// step answers 'halt' so the drain stops asking.
import type { WritableDb } from '../../db/types.js';
import type { Clock } from '../../../shared/time.js';
import { backoffMs } from '../../sync/backoff.js';
import type { InvoiceProvider, OutgoingInvoice, ProviderFailure } from '../provider.js';
import {
  backToPending, claim, defer, markFailed, markRemote, markUnknown, writePause, writeStop, type SenderRow,
} from './store.js';

export interface SenderTuning {
  /** Wait before the look-up that follows an ambiguous send (the service may still be storing it). */
  lookupDelayMs: number;
  /** Backoff of repeated look-ups (and sends after a look-up said «not there»). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** First poll of an accepted invoice, then doubling up to pollMaxMs. */
  pollFirstMs: number;
  pollMaxMs: number;
  /** While stopped by the account, one attempt this often checks whether it was fixed elsewhere. */
  probeIntervalMs: number;
  lockTtlMs: number;
  /** At most this many steps per invoice in one drain (a service that always fails cannot spin). */
  stepsPerInvoice: number;
}

export const DEFAULT_SENDER_TUNING: SenderTuning = {
  lookupDelayMs: 2_000,
  backoffBaseMs: 5_000,
  backoffMaxMs: 10 * 60_000,
  pollFirstMs: 60_000,
  pollMaxMs: 60 * 60_000,
  probeIntervalMs: 5 * 60_000,
  // Longer than Fattura24's minute wait inside a step: the lease must not lapse while a claimed
  // invoice waits for its call (another sender would then look it up under our feet).
  lockTtlMs: 180_000,
  stepsPerInvoice: 3,
};

export type SenderEvent =
  | { type: 'sent' | 'adopted' | 'resend' | 'polled'; invoiceId: string; number: string; state?: string }
  | { type: 'failed' | 'ambiguous'; invoiceId: string; number: string; message: string }
  | { type: 'stopped' | 'paused'; message: string }
  | { type: 'error'; invoiceId: string | null; message: string };

export interface SenderCounters {
  steps: number; sent: number; adopted: number; resent: number; polled: number; failed: number; ambiguous: number;
}

export interface StepContext {
  db: WritableDb;
  clock: Clock;
  provider: InvoiceProvider;
  /** The provider's configuration fingerprint (a stop is cleared when it changes). */
  fingerprint: string;
  tuning: SenderTuning;
  random: () => number;
  counters: SenderCounters;
  log: (e: SenderEvent) => void;
}

export type StepResult = 'continue' | 'halt';

export function outgoingOf(row: SenderRow): OutgoingInvoice {
  return { localId: row.invoiceId, number: row.number, date: row.date, kind: row.kind, xml: row.xml, fileName: row.fileName, totalCents: row.totalCents };
}

const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

/** Account or limit: the queue stops or waits; the row keeps its place. Else null. */
function queueWide(ctx: StepContext, row: SenderRow, f: ProviderFailure): StepResult | null {
  const now = ctx.clock.now();
  if (f.kind === 'account') {
    defer(ctx.db, row.invoiceId, now, null, null);
    writeStop(ctx.db, {
      code: f.code, message: f.message, apiMessage: f.apiMessage, provider: ctx.provider.name, configFingerprint: ctx.fingerprint,
      at: now.toISOString(), probeAt: later(now, ctx.tuning.probeIntervalMs).toISOString(),
    }, now);
    ctx.log({ type: 'stopped', message: f.message });
    return 'halt';
  }
  if (f.kind === 'limited') {
    defer(ctx.db, row.invoiceId, now, null, null);
    writePause(ctx.db, { until: f.retryAt, message: f.message, provider: ctx.provider.name }, now);
    ctx.log({ type: 'paused', message: f.message });
    return 'halt';
  }
  return null;
}

/** pending → sending (committed) → the service → queued/sent… | failed | unknown. */
export async function sendStep(ctx: StepContext, row: SenderRow): Promise<StepResult> {
  if (!claim(ctx.db, row.invoiceId, ctx.provider.name, ctx.clock.now())) return 'continue';
  const r = await ctx.provider.send(outgoingOf(row));
  const now = ctx.clock.now();
  if (r.ok) {
    markRemote(ctx.db, row.invoiceId, r.value, now, later(now, ctx.tuning.pollFirstMs));
    ctx.counters.sent++;
    ctx.log({ type: 'sent', invoiceId: row.invoiceId, number: row.number, state: r.value.outcome });
    return 'continue';
  }
  const f = r.failure;
  if (f.kind === 'refused') {
    markFailed(ctx.db, row.invoiceId, f.message, now);
    ctx.counters.failed++;
    ctx.log({ type: 'failed', invoiceId: row.invoiceId, number: row.number, message: f.message });
    return 'continue';
  }
  const wide = queueWide(ctx, row, f);
  if (wide) return wide;
  // Ambiguous: maybe stored. Never sent again before a look-up says it is not there.
  const attempts = row.attempts + 1;
  const wait = attempts <= 1 ? ctx.tuning.lookupDelayMs : Math.max(ctx.tuning.lookupDelayMs, backoffMs(attempts - 1, ctx.tuning.backoffBaseMs, ctx.tuning.backoffMaxMs, ctx.random));
  markUnknown(ctx.db, row.invoiceId, f.message, now, later(now, wait));
  ctx.counters.ambiguous++;
  ctx.log({ type: 'ambiguous', invoiceId: row.invoiceId, number: row.number, message: f.message });
  return 'continue';
}

/** unknown → look-up at the recorded service: found → adopted (never sent again); nothing → pending. */
export async function resolveUnknownStep(ctx: StepContext, row: SenderRow): Promise<StepResult> {
  const r = await ctx.provider.lookup({ localId: row.invoiceId, number: row.number, date: row.date, kind: row.kind });
  const now = ctx.clock.now();
  if (r.ok) {
    if (r.value) {
      markRemote(ctx.db, row.invoiceId, r.value, now, later(now, ctx.tuning.pollFirstMs));
      ctx.counters.adopted++;
      ctx.log({ type: 'adopted', invoiceId: row.invoiceId, number: row.number, state: r.value.outcome });
    } else {
      backToPending(ctx.db, row.invoiceId, now);
      ctx.counters.resent++;
      ctx.log({ type: 'resend', invoiceId: row.invoiceId, number: row.number });
    }
    return 'continue';
  }
  const wide = queueWide(ctx, row, r.failure);
  if (wide) return wide;
  markUnknown(ctx.db, row.invoiceId, r.failure.message, now, later(now, backoffMs(row.attempts, ctx.tuning.backoffBaseMs, ctx.tuning.backoffMaxMs, ctx.random)));
  return 'continue';
}

/** queued/sent → the SDI's outcome; polled again later (doubling) until final. */
export async function pollStep(ctx: StepContext, row: SenderRow): Promise<StepResult> {
  const r = await ctx.provider.status(row.remoteId!);
  const now = ctx.clock.now();
  // The gap between the last poll and this one, doubled (first poll: pollFirstMs after acceptance).
  const prevGap = row.nextAttemptAt ? new Date(row.nextAttemptAt).getTime() - new Date(row.updatedAt).getTime() : 0;
  // Fattura24 counts every call against 500 a day: its outcomes are asked for less often.
  const max = ctx.provider.name === 'fattura24' ? 6 * ctx.tuning.pollMaxMs : ctx.tuning.pollMaxMs;
  const gap = Math.min(max, Math.max(ctx.tuning.pollFirstMs, 2 * prevGap));
  ctx.counters.polled++;
  if (r.ok) {
    markRemote(ctx.db, row.invoiceId, r.value, now, later(now, gap));
    ctx.log({ type: 'polled', invoiceId: row.invoiceId, number: row.number, state: r.value.outcome });
    return 'continue';
  }
  const wide = queueWide(ctx, row, r.failure);
  if (wide) return wide;
  defer(ctx.db, row.invoiceId, now, later(now, gap), r.failure.message);
  return 'continue';
}
