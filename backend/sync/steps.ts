// One step for one outbox row: send it, look it up after an ambiguous failure, or poll its status.
// Each step writes its outcome before returning, so the scheduler only decides what runs when.
import { ZodError } from 'zod';
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { DocumentRecord } from '../../shared/document.js';
import { getDocument, VOID_WINDOW_MS } from '../ledger/index.js';
import type { RemoteReceipt } from '../../shared/openapi/schemas.js';
import type { ApiOutcome, OpenapiClient } from './openapi-client.js';
import { remoteItemRefs, toPostReceipt, toReturnBody, type RemoteItemRef } from './receipt-mapping.js';
import {
  claimForSend, claimedRemoteIds, getOutboxRow, markSentAsReturn, recordAccepted, recordFailed, recordPollLater, recordRemoteStatus,
  recordRetryLater, recordUnknown, setRemoteItems, type OutboxRow, type OutboxState,
} from './outbox.js';
import { lookupChild, lookupSale } from './lookup.js';
import { addMs, backoffMs } from './backoff.js';
import type { Gates } from './gates.js';
import type { AccountVerdict, AccountVerifier } from './account.js';

export interface SyncTuning {
  /** Documents in flight at once. */
  concurrency: number;
  requestTimeoutMs: number;
  sendBackoffBaseMs: number;
  sendBackoffMaxMs: number;
  /** First status poll after the API accepted a document; then doubling up to pollBackoffMaxMs. */
  pollFirstMs: number;
  pollBackoffMaxMs: number;
  /** Wait after an ambiguous failure before looking the document up (longer than a request can take). */
  lookupDelayMs: number;
  offlineBackoffBaseMs: number;
  offlineBackoffMaxMs: number;
  /** While stopped (401, account problem), how often to check whether it is fixed. */
  probeIntervalMs: number;
  /** Lease of the one-sync-process lock. */
  lockTtlMs: number;
  /** Where to store the AdE PDF of each ready document; null to fetch on demand only. */
  pdfDir: string | null;
  /** Poll statuses page by page once at least this many are due (and it costs fewer requests). */
  batchPollMin: number;
  /**
   * When nothing has talked to the API for this long, the idle sync checks the configuration
   * (GET /IT-configurations/{fiscal_id}): the shop then knows whether Openapi can be reached, and
   * whether the account still takes receipts, before the next sale needs it.
   */
  reachabilityProbeMs: number;
  /** A configuration check that said "fine" is reused this long for refusals that do not look like account problems. */
  accountOkReuseMs: number;
}

export const DEFAULT_TUNING: SyncTuning = {
  concurrency: 8,
  requestTimeoutMs: 30_000,
  sendBackoffBaseMs: 2_000,
  sendBackoffMaxMs: 5 * 60_000,
  pollFirstMs: 3_000,
  pollBackoffMaxMs: 5 * 60_000,
  lookupDelayMs: 35_000,
  offlineBackoffBaseMs: 2_000,
  offlineBackoffMaxMs: 5 * 60_000,
  probeIntervalMs: 5 * 60_000,
  lockTtlMs: 60_000,
  pdfDir: null,
  batchPollMin: 8,
  reachabilityProbeMs: 3 * 60_000,
  accountOkReuseMs: 60_000,
};

export interface DrainCounters {
  steps: number;
  sent: number;
  adopted: number;
  resent: number;
  ready: number;
  failed: number;
  ambiguous: number;
}

export type SyncEvent =
  | { type: 'sent' | 'adopted' | 'ready' | 'resend' | 'unknown' | 'retry'; documentId: string; remoteId?: string; message?: string }
  | { type: 'failed'; documentId: string; code: string; message: string }
  | { type: 'stopped'; reason: 'auth' | 'config'; message: string }
  | { type: 'paused'; reason: 'rate_limit' | 'offline' | 'unverified'; ms: number }
  | { type: 'error'; documentId: string | null; message: string };

export interface StepContext {
  db: WritableDb;
  clock: Clock;
  client: OpenapiClient;
  fiscalId: string;
  tuning: SyncTuning;
  random: () => number;
  gates: Gates;
  /** Configuration checks: confirms an account problem before stopping, a document problem before failing it. */
  account: AccountVerifier;
  counters: DrainCounters;
  log: (e: SyncEvent) => void;
  /** Called when a document becomes ready (PDF fetch). */
  onReady: (row: OutboxRow) => Promise<void>;
}

type Failure = Exclude<ApiOutcome<unknown>, { kind: 'ok' }>;

function sendBackoff(ctx: StepContext, attempts: number): number {
  return backoffMs(attempts, ctx.tuning.sendBackoffBaseMs, ctx.tuning.sendBackoffMaxMs, ctx.random);
}

function pollDelay(ctx: StepContext, polls: number): number {
  return backoffMs(polls + 1, ctx.tuning.pollFirstMs, ctx.tuning.pollBackoffMaxMs, ctx.random);
}

/**
 * What a configuration check concluded, applied to the queue: stop it (token, account, address) or
 * pause it (no usable answer). Returns false when the account is fine (nothing queue-wide).
 */
export function applyVerdict(ctx: Pick<StepContext, 'gates' | 'log' | 'tuning' | 'random'>, verdict: AccountVerdict): boolean {
  switch (verdict.kind) {
    case 'ok':
      return false;
    case 'auth':
      ctx.gates.onAuth(verdict.message);
      ctx.log({ type: 'stopped', reason: 'auth', message: verdict.message });
      return true;
    case 'config':
      ctx.gates.onConfig(verdict.code, verdict.message, { messageEn: verdict.messageEn, apiMessage: verdict.apiMessage });
      ctx.log({ type: 'stopped', reason: 'config', message: verdict.message });
      return true;
    default: {
      const o = verdict.outcome;
      if (o.kind === 'auth' || o.kind === 'config' || o.kind === 'rejected') return true; // not produced by checkAccount
      if (o.kind === 'notSent' || o.kind === 'rateLimited') return queueWideNow(ctx, o);
      ctx.gates.onUnverified(`Verifica della configurazione Openapi non riuscita: ${o.message}`);
      ctx.log({ type: 'paused', reason: 'unverified', ms: 0 });
      return true;
    }
  }
}

/**
 * Outcomes that concern the whole queue rather than the document. True if handled. An answer that
 * looks like an account problem is confirmed by a configuration check first: if the account is
 * fine, it is the caller's to handle as its own (false).
 */
async function handleQueueWide(ctx: StepContext, outcome: Failure): Promise<boolean> {
  if (outcome.kind === 'config') return applyVerdict(ctx, await ctx.account.verify(true));
  return queueWideNow(ctx, outcome);
}

function queueWideNow(ctx: Pick<StepContext, 'gates' | 'log' | 'tuning' | 'random'>, outcome: Failure): boolean {
  if (outcome.kind === 'auth') {
    ctx.gates.onAuth(outcome.message);
    ctx.log({ type: 'stopped', reason: 'auth', message: outcome.message });
    return true;
  }
  if (outcome.kind === 'rateLimited') {
    const ms = outcome.retryAfterMs ?? backoffMs(1, ctx.tuning.sendBackoffBaseMs, ctx.tuning.sendBackoffMaxMs, ctx.random);
    ctx.gates.onRateLimit(ms);
    ctx.log({ type: 'paused', reason: 'rate_limit', ms });
    return true;
  }
  if (outcome.kind === 'notSent') {
    ctx.gates.onNotSent(outcome.message);
    ctx.log({ type: 'paused', reason: 'offline', ms: 0 });
    return true;
  }
  return false;
}

/** Quantity of each sale line the API already holds as returned (earlier returns it accepted). */
function returnedBefore(db: WritableDb, doc: DocumentRecord): Map<number, number> {
  const rows = db.prepare(
    `SELECT l.parent_line_no AS lineNo, sum(l.quantity_milli) AS qty FROM documents d
     JOIN outbox o ON o.document_id = d.id JOIN document_lines l ON l.document_id = d.id
     WHERE d.parent_id = ? AND d.kind = 'return' AND d.id <> ? AND o.state IN ('sent','ready')
     GROUP BY l.parent_line_no`,
  ).all(doc.parentId, doc.id) as { lineNo: number; qty: number }[];
  return new Map(rows.map((r) => [r.lineNo, r.qty]));
}

/** The sale's remote item ids, from what we stored or, failing that, from the API. */
async function parentItems(ctx: StepContext, parent: OutboxRow): Promise<RemoteItemRef[] | Failure> {
  if (parent.remoteItems) return parent.remoteItems;
  const res = await ctx.client.getReceipt(parent.remoteId!);
  if (res.kind !== 'ok') return res;
  const refs = remoteItemRefs(getDocument(ctx.db, parent.documentId), res.data.items);
  if (!refs) return { kind: 'rejected', httpStatus: 200, code: 'PARENT_ITEMS_MISMATCH', message: 'Le righe della vendita su Openapi non corrispondono a quelle locali' };
  setRemoteItems(ctx.db, parent.documentId, refs);
  return refs;
}

type Request = {
  call: () => Promise<ApiOutcome<RemoteReceipt>>;
  refs: (r: RemoteReceipt) => RemoteItemRef[] | null;
  /** The request is a DELETE of the sale (a void within the 24 h window). */
  voidDelete?: boolean;
  /** The row as it stands once the request was decided (a void may have just become a return). */
  row: OutboxRow;
};

/**
 * The API refused a DELETE because the sale's 24 h window has passed (its clock may be ahead of
 * ours). 605 is the emulator's code: Openapi publishes none for this case, so its message counts too.
 */
function isVoidWindowRefusal(outcome: Failure): boolean {
  return outcome.kind === 'rejected' && (outcome.code === '605' || /24\s*(h\b|hours|ore)/i.test(outcome.message));
}

const VOID_AS_RETURN_MESSAGE = 'Annullo oltre le 24 ore dalla trasmissione della vendita: trasmesso come reso totale';

/**
 * A void can no longer be a DELETE once the sale's submission is older than the 24 h window (the
 * till was offline): the refund was already given at the counter and the ledger refuses a return of
 * a voided sale, so the only way to report it is a full return of every item, sent here.
 */
function sendVoidAsReturn(ctx: StepContext, row: OutboxRow, reason: string): OutboxRow {
  markSentAsReturn(ctx.db, row.documentId, ctx.clock.now(), reason);
  ctx.log({ type: 'retry', documentId: row.documentId, message: VOID_AS_RETURN_MESSAGE });
  return getOutboxRow(ctx.db, row.documentId)!;
}

/** Builds the request for a pending document, or records why it cannot go now. */
async function buildRequest(ctx: StepContext, row: OutboxRow): Promise<Request | null> {
  const doc = getDocument(ctx.db, row.documentId);
  if (doc.kind === 'sale') {
    let body;
    try {
      body = toPostReceipt(doc, ctx.fiscalId);
    } catch (e) {
      // The spec's own rule, checked before sending (e.g. a € 0 line): the first broken field, as the API would name it.
      const issue = e instanceof ZodError ? e.issues[0] : undefined;
      fail(ctx, row, 'LOCAL_INVALID', `Documento non trasmissibile: ${issue ? `${issue.path.join('.')}: ${issue.message}` : (e as Error).message}`);
      return null;
    }
    return { call: () => ctx.client.createReceipt(body), refs: (r) => remoteItemRefs(doc, r.items), row };
  }
  const parent = getOutboxRow(ctx.db, row.parentId!);
  if (!parent?.remoteId) {
    recordRetryLater(ctx.db, row.documentId, null, ctx.clock.now(), { code: 'WAITING_PARENT', message: 'In attesa della trasmissione della vendita' });
    return null;
  }
  const parentRemoteId = parent.remoteId;
  if (doc.kind === 'void' && row.sentAs !== 'return') {
    const submitted = parent.submittedAt ? new Date(parent.submittedAt).getTime() : null;
    if (submitted === null || ctx.clock.now().getTime() - submitted <= VOID_WINDOW_MS) {
      return { call: () => ctx.client.voidReceipt(parentRemoteId), refs: () => null, voidDelete: true, row };
    }
    row = sendVoidAsReturn(ctx, row, `submitted ${parent.submittedAt}`);
  }
  const refs = await parentItems(ctx, parent);
  if (!Array.isArray(refs)) {
    if (!(await handleQueueWide(ctx, refs))) {
      recordRetryLater(ctx.db, row.documentId, addMs(ctx.clock.now(), sendBackoff(ctx, row.attempts + 1)), ctx.clock.now(), { code: refs.kind === 'rejected' ? refs.code : 'PARENT_ITEMS', message: refs.message });
    }
    return null;
  }
  const sale = getDocument(ctx.db, parent.documentId);
  const plan = toReturnBody(doc, sale, refs, returnedBefore(ctx.db, doc));
  if (!plan.exact) ctx.log({ type: 'retry', documentId: row.documentId, message: 'quantità di reso arrotondata a 2 decimali' });
  return { call: () => ctx.client.returnItems(parentRemoteId, plan.body), refs: () => null, row };
}

function fail(ctx: StepContext, row: OutboxRow, code: string, message: string): void {
  recordFailed(ctx.db, row.documentId, code, message, ctx.clock.now());
  ctx.gates.onError(code, message, row.documentId);
  ctx.counters.failed++;
  ctx.log({ type: 'failed', documentId: row.documentId, code, message });
}

async function afterAccepted(ctx: StepContext, row: OutboxRow, state: OutboxState): Promise<void> {
  if (state === 'ready') {
    ctx.counters.ready++;
    ctx.log({ type: 'ready', documentId: row.documentId });
    await ctx.onReady(getOutboxRow(ctx.db, row.documentId)!);
  } else if (state === 'failed') {
    const r = getOutboxRow(ctx.db, row.documentId)!;
    ctx.counters.failed++;
    ctx.gates.onError(r.lastErrorCode ?? 'ADE_FAILED', r.lastErrorMessage ?? '', row.documentId);
    ctx.log({ type: 'failed', documentId: row.documentId, code: r.lastErrorCode ?? '', message: r.lastErrorMessage ?? '' });
  }
}

/** pending → sending → (sent | failed | unknown | pending later). */
export async function sendStep(ctx: StepContext, pendingRow: OutboxRow): Promise<void> {
  const req = await buildRequest(ctx, pendingRow);
  if (!req) return;
  const row = req.row;
  if (!ctx.gates.canSend(ctx.clock.now())) return;
  if (!claimForSend(ctx.db, row.documentId, 'pending', ctx.clock.now())) return;
  const outcome = await req.call();
  const now = ctx.clock.now();
  const attempts = row.attempts + 1;
  if (outcome.kind === 'ok') {
    ctx.gates.onSuccess();
    const state = recordAccepted(ctx.db, row, outcome.data, req.refs(outcome.data), now, addMs(now, pollDelay(ctx, 0)));
    ctx.counters.sent++;
    ctx.log({ type: 'sent', documentId: row.documentId, remoteId: outcome.data.id });
    await afterAccepted(ctx, row, state);
    return;
  }
  if (outcome.kind === 'rejected' || outcome.kind === 'config') {
    if (outcome.kind === 'rejected' && req.voidDelete && isVoidWindowRefusal(outcome)) {
      // Refused, so certainly not processed: send it again at once, as a full return.
      sendVoidAsReturn(ctx, row, `DELETE refused: ${outcome.code} ${outcome.message}`);
      recordRetryLater(ctx.db, row.documentId, null, now, { code: 'VOID_AS_RETURN', message: VOID_AS_RETURN_MESSAGE });
      return;
    }
    await judgeRefusal(ctx, row, outcome);
    return;
  }
  if (outcome.kind === 'ambiguous') {
    recordUnknown(ctx.db, row.documentId, addMs(now, ctx.tuning.lookupDelayMs), now, outcome.message);
    ctx.counters.ambiguous++;
    ctx.log({ type: 'unknown', documentId: row.documentId, message: outcome.message });
    return;
  }
  // Certainly not processed: back to pending.
  const retryAt = outcome.kind === 'rateLimited' && outcome.retryAfterMs !== null ? addMs(now, outcome.retryAfterMs) : addMs(now, sendBackoff(ctx, attempts));
  const code = outcome.kind === 'auth' ? 'AUTH' : outcome.kind === 'rateLimited' ? 'RATE_LIMITED' : 'OFFLINE';
  recordRetryLater(ctx.db, row.documentId, outcome.kind === 'auth' ? null : retryAt, now, { code, message: outcome.message });
  queueWideNow(ctx, outcome);
}

/**
 * The API refused the document (nothing was stored). Whose fault is it? A configuration check
 * decides: the account is fine → the document alone fails and the queue goes on; the token, the
 * account or the address is wrong → the queue stops, the document waits; no usable answer → the
 * queue pauses, the document waits and is sent (and judged) again later. Nothing fails on a guess.
 */
async function judgeRefusal(ctx: StepContext, row: OutboxRow, outcome: Extract<Failure, { kind: 'rejected' | 'config' }>): Promise<void> {
  // Back in the queue first, so a crash during the check leaves a document that is simply sent again.
  recordRetryLater(ctx.db, row.documentId, null, ctx.clock.now(), { code: outcome.code, message: outcome.message });
  const verdict = await ctx.account.verify(outcome.kind === 'config');
  if (verdict.kind === 'ok') {
    fail(ctx, row, outcome.code, outcome.message);
    return;
  }
  // The refusal's own words say it best when the check itself gave none (it just read "receipts: false").
  applyVerdict(ctx, verdict.kind === 'config' && !verdict.apiMessage ? { ...verdict, apiMessage: outcome.message } : verdict);
}

/** unknown → look the document up → sent (adopted) | pending and sent again | unknown later. */
export async function resolveUnknownStep(ctx: StepContext, row: OutboxRow): Promise<void> {
  let expected: number[] | null = null;
  let parentRemoteId: string | null = null;
  if (row.kind !== 'sale') {
    const parent = getOutboxRow(ctx.db, row.parentId!);
    parentRemoteId = parent?.remoteId ?? null;
    if (!parent || !parentRemoteId) {
      recordRetryLater(ctx.db, row.documentId, null, ctx.clock.now(), { code: 'WAITING_PARENT', message: 'In attesa della trasmissione della vendita' });
      return;
    }
    // A void sent as a return is looked for like a return: among the sale's return children.
    if ((row.kind === 'return' || row.sentAs === 'return') && parent.remoteItems) {
      const doc = getDocument(ctx.db, row.documentId);
      const plan = toReturnBody(doc, getDocument(ctx.db, parent.documentId), parent.remoteItems, returnedBefore(ctx.db, doc));
      expected = plan.body.items.map((i) => Math.round(i.quantity * 100));
    }
  }
  const result = row.kind === 'sale'
    ? await lookupSale(ctx.client, ctx.fiscalId, row, ctx.clock.now())
    : await lookupChild(ctx.client, parentRemoteId!, row, claimedRemoteIds(ctx.db), expected);
  const now = ctx.clock.now();
  if (result.kind === 'found') {
    ctx.gates.onSuccess();
    const refs = row.kind === 'sale' ? remoteItemRefs(getDocument(ctx.db, row.documentId), result.remote.items) : null;
    const state = recordAccepted(ctx.db, row, result.remote, refs, now, addMs(now, pollDelay(ctx, 0)));
    ctx.counters.adopted++;
    ctx.log({ type: 'adopted', documentId: row.documentId, remoteId: result.remote.id });
    await afterAccepted(ctx, row, state);
    return;
  }
  if (result.kind === 'absent') {
    ctx.gates.onSuccess();
    recordRetryLater(ctx.db, row.documentId, null, now, { code: 'NOT_FOUND_RESEND', message: 'Non trovato su Openapi dopo un errore ambiguo: nuovo invio' });
    ctx.counters.resent++;
    ctx.log({ type: 'resend', documentId: row.documentId });
    if (ctx.gates.canSend(now)) await sendStep(ctx, getOutboxRow(ctx.db, row.documentId)!);
    return;
  }
  if (!(await handleQueueWide(ctx, result.outcome))) ctx.gates.onError('LOOKUP', result.outcome.message, row.documentId);
  const later = result.outcome.kind === 'rateLimited' && result.outcome.retryAfterMs !== null ? result.outcome.retryAfterMs : sendBackoff(ctx, row.attempts);
  recordUnknown(ctx.db, row.documentId, addMs(now, later), now, `Verifica non riuscita: ${result.outcome.message}`);
}

/** UTC day the API stamped a sent document with (its created_at filter). */
export function remoteDay(row: OutboxRow): string {
  return (row.submittedAt ?? row.firstAttemptAt ?? row.createdAt).slice(0, 10);
}

/**
 * Status of many sent documents at once: their day's receipts page by page (100 a request)
 * instead of one GET each. Returns the documents the listing did not show (polled one by one
 * from then on: the API may stamp days differently than we think).
 */
export async function batchPollStep(ctx: StepContext, rows: OutboxRow[]): Promise<string[]> {
  const byDay = new Map<string, OutboxRow[]>();
  for (const r of rows) byDay.set(remoteDay(r), [...(byDay.get(remoteDay(r)) ?? []), r]);
  const found = new Map<string, RemoteReceipt>();
  for (const [day, dayRows] of byDay) {
    const want = new Set(dayRows.map((r) => r.remoteId!));
    for (let page = 0; page < 100 && want.size > 0; page++) {
      const res = await ctx.client.listReceipts({ fiscal_id: ctx.fiscalId, created_at: day, skip: page * 100, limit: 100 });
      if (res.kind !== 'ok') {
        await handleQueueWide(ctx, res);
        return []; // nothing learnt: the rows stay due and are polled again
      }
      for (const r of res.data) if (want.delete(r.id)) found.set(r.id, r);
      if (res.data.length < 100) break;
    }
  }
  ctx.gates.onSuccess();
  const missing: string[] = [];
  for (const row of rows) {
    const remote = found.get(row.remoteId!);
    if (!remote) { missing.push(row.documentId); continue; }
    const now = ctx.clock.now();
    const state = recordRemoteStatus(ctx.db, row, remote, now, addMs(now, pollDelay(ctx, row.polls + 1)));
    await afterAccepted(ctx, row, state);
  }
  return missing;
}

/** sent → ready | failed, or poll again with backoff. */
export async function pollStep(ctx: StepContext, row: OutboxRow): Promise<void> {
  const res = await ctx.client.getReceipt(row.remoteId!);
  const now = ctx.clock.now();
  if (res.kind === 'ok') {
    ctx.gates.onSuccess();
    const state = recordRemoteStatus(ctx.db, row, res.data, now, addMs(now, pollDelay(ctx, row.polls + 1)));
    await afterAccepted(ctx, row, state);
    return;
  }
  const queueWide = await handleQueueWide(ctx, res);
  const later = res.kind === 'rateLimited' && res.retryAfterMs !== null ? res.retryAfterMs : pollDelay(ctx, row.polls + 1);
  recordPollLater(ctx.db, row.documentId, addMs(now, later), now, queueWide ? null : { code: res.kind === 'rejected' ? res.code : 'POLL', message: res.message });
}
