// The promise of the sync: every local document reaches the API exactly once, children after their
// parents, to the cent — through 5xx, commit-then-drop, 429, and the sync process killed with
// SIGKILL in the middle of its work, while the till keeps committing sales.
//
// Every kill is made while a write is in flight, by construction rather than by timing: the emulator
// holds the n-th write of the round (before storing it, or after storing it and before answering)
// until the process is gone, and the test kills once that request has arrived.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator, seededRandom, type Emulator, type ApiReceipt } from '../../../emulators/openapi/index.js';
import { tempLedger, commitVariedSale, returnSome, voidSale, FISCAL_ID, TOKEN, type TempLedger } from './fixtures.js';
import { getDocument, verifyAudit, documentDigest } from '../../../backend/ledger/index.js';
import { getOutboxRow } from '../../../backend/sync/outbox.js';
import type { Clock } from '../../../shared/time.js';

const ENTRY = fileURLToPath(new URL('../../../backend/sync/process.ts', import.meta.url));
const TUNING = {
  concurrency: 6, requestTimeoutMs: 60_000, sendBackoffBaseMs: 20, sendBackoffMaxMs: 200, pollFirstMs: 60,
  pollBackoffMaxMs: 300, lookupDelayMs: 150, offlineBackoffBaseMs: 20, offlineBackoffMaxMs: 200, lockTtlMs: 10_000,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Fails the test (instead of hanging it) if a held request never comes: only a broken sync gets here. */
function within<T>(p: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(what())), ms); })]).finally(() => clearTimeout(timer));
}
// Everyone (till, sync process, emulator) runs at 10:00 UTC today: far from the 23:55–00:00 Rome
// blackout whenever the suite happens to run. Real time still flows.
const today10 = new Date();
today10.setUTCHours(10, 0, 0, 0);
const OFFSET_MS = today10.getTime() - Date.now();
const shifted: Clock = { now: () => new Date(Date.now() + OFFSET_MS) };

const spawned: ChildProcess[] = [];

function startSync(ledger: TempLedger, emu: Emulator, log: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, '--db', ledger.file, '--data-dir', ledger.dir], {
    env: {
      ...process.env,
      BANCONE_OPENAPI_URL: emu.url,
      BANCONE_OPENAPI_TOKEN: TOKEN,
      BANCONE_FISCAL_ID: FISCAL_ID,
      BANCONE_SYNC_TUNING: JSON.stringify(TUNING),
      BANCONE_CLOCK_OFFSET_MS: String(OFFSET_MS),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
  spawned.push(child);
  return child;
}

const exited = (c: ChildProcess) => new Promise<void>((r) => { if (c.exitCode !== null || c.signalCode !== null) r(); else c.once('exit', () => r()); });

function outboxCounts(l: TempLedger): Record<string, number> {
  return Object.fromEntries((l.db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
}

describe('sync exactly once under faults and kill -9', () => {
  let emu: Emulator;
  let ledger: TempLedger;
  const stderr: string[] = [];
  const kills: { remaining: number; sending: number; commit: 'before' | 'after'; dropped: boolean }[] = [];
  const sales: string[] = [];
  const children: string[] = [];

  beforeAll(async () => {
    emu = await startEmulator({
      fiscalId: FISCAL_ID, token: TOKEN, readyDelayMs: 80, seed: 2026, clock: shifted,
      // 20% 5xx (half of them after the write was committed), 10% commit-then-drop, 10% 429.
      // Retry-After is 0 here so the run stays short; honouring a real Retry-After is tested with a fake clock.
      faults: { serverErrorRate: 0.1, serverErrorAfterCommitRate: 0.1, dropAfterCommitRate: 0.1, rateLimitRate: 0.1, retryAfterSeconds: 0, latencyMs: 1, latencyJitterMs: 6 },
    });
    ledger = tempLedger();
    const r = seededRandom(42);
    const clock = shifted;
    let i = 0;
    const addBatch = (n: number) => {
      for (let k = 0; k < n; k++) sales.push(commitVariedSale(ledger.db, clock, r, i++));
      // Returns and voids of sales that may or may not be transmitted yet: they must wait for them.
      for (let k = 0; k < 4; k++) {
        const id = returnSome(ledger.db, clock, sales[Math.floor(r() * sales.length)]!, r);
        if (id) children.push(id);
      }
      for (let k = 0; k < 2; k++) {
        const id = voidSale(ledger.db, clock, sales[Math.floor(r() * sales.length)]!);
        if (id) children.push(id);
      }
    };
    addBatch(60);
    // Kill the sync process 12 times while a write is in flight, committing more documents meanwhile.
    // Each round has at least 20 new sales to send, so its n-th write (n ≤ 12) always comes.
    for (let round = 0; round < 12; round++) {
      const commit = round % 2 === 0 ? 'before' as const : 'after' as const;
      const hold = emu.hold({ nth: 1 + Math.floor(r() * 12), commit });
      const child = startSync(ledger, emu, stderr);
      await within(hold.reached, 120_000, () => `round ${round}: no write reached the emulator\n${stderr.join('').slice(-3000)}`);
      const c = outboxCounts(ledger);
      const remaining = (c.pending ?? 0) + (c.sending ?? 0) + (c.unknown ?? 0) + (c.sent ?? 0);
      const sending = c.sending ?? 0;
      child.kill('SIGKILL');
      await exited(child);
      kills.push({ remaining, sending, commit, dropped: (await hold.done) === 'dropped' });
      addBatch(20);
    }
    // Then let one process finish the work.
    const last = startSync(ledger, emu, stderr);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const c = outboxCounts(ledger);
      if ((c.pending ?? 0) + (c.sending ?? 0) + (c.unknown ?? 0) + (c.sent ?? 0) === 0) break;
      if (Date.now() > deadline) throw new Error(`sync did not finish: ${JSON.stringify(c)}\n${stderr.join('').slice(-3000)}`);
      await sleep(200);
    }
    last.kill('SIGTERM');
    await exited(last);
  }, 420_000);

  afterAll(async () => {
    // Whatever happened above, no sync process may outlive the test.
    for (const c of spawned) if (c.exitCode === null && c.signalCode === null) { c.kill('SIGKILL'); await exited(c); }
    await emu?.close();
    ledger?.cleanup();
  });

  it('killed the process 12 times with a write in flight, stored or not by the API', () => {
    expect(kills).toHaveLength(12);
    // The held write's row was claimed (sending) before its request left, and the request never
    // got its answer: the process died with it in flight.
    for (const k of kills) {
      expect(k.remaining).toBeGreaterThan(0);
      expect(k.sending).toBeGreaterThan(0);
      expect(k.dropped).toBe(true);
    }
    expect(kills.filter((k) => k.commit === 'after')).toHaveLength(6);
    expect(sales.length).toBeGreaterThanOrEqual(300);
    expect(children.filter((id) => getDocument(ledger.db, id).kind === 'return').length).toBeGreaterThan(20);
    expect(children.filter((id) => getDocument(ledger.db, id).kind === 'void').length).toBeGreaterThan(10);
    const f = emu.stats().faults;
    for (const kind of ['serverError', 'serverErrorAfterCommit', 'dropAfterCommit', 'rateLimit'] as const) expect(f[kind]).toBeGreaterThan(5);
  });

  it('every local document is ready, and the API holds each exactly once', () => {
    expect(outboxCounts(ledger)).toEqual({ ready: sales.length + children.length });
    const remote = emu.receipts();
    expect(remote.length).toBe(sales.length + children.length);
    const byId = new Map(remote.map((r) => [r.id, r]));
    const remoteIds = new Set<string>();
    for (const id of [...sales, ...children]) {
      const row = getOutboxRow(ledger.db, id)!;
      expect(row.remoteId).toBeTruthy();
      expect(remoteIds.has(row.remoteId!)).toBe(false);
      remoteIds.add(row.remoteId!);
      expect(byId.has(row.remoteId!)).toBe(true);
      expect(row.documentNumber).toMatch(/^DCW\d{4}\/\d{4}-\d{4}$/);
    }
    // Sales carry their local id as a tag: exactly one remote sale per local sale.
    for (const id of sales) {
      const tagged = remote.filter((r) => r.type === 'sale' && r.tags.includes(id));
      expect(tagged.map((r) => r.id)).toEqual([getOutboxRow(ledger.db, id)!.remoteId]);
    }
  });

  it('each child is created after its parent and points at it', () => {
    const remote = emu.receipts();
    const index = new Map(remote.map((r, i) => [r.id, i]));
    for (const id of children) {
      const doc = getDocument(ledger.db, id);
      const row = getOutboxRow(ledger.db, id)!;
      const parentRemote = getOutboxRow(ledger.db, doc.parentId!)!.remoteId!;
      const r = remote[index.get(row.remoteId!)!]!;
      expect(r.type).toBe(doc.kind);
      expect(r.parent_receipt_id).toBe(parentRemote);
      expect(index.get(row.remoteId!)!).toBeGreaterThan(index.get(parentRemote)!);
      if (doc.kind === 'void') expect(remote[index.get(parentRemote)!]!.status).toBe('voided');
    }
  });

  it('amounts on the API equal the local ones to the cent', () => {
    const byId = new Map(emu.receipts().map((r) => [r.id, r]));
    const cents = (n: number) => Math.round(n * 100);
    for (const id of [...sales, ...children]) {
      const doc = getDocument(ledger.db, id);
      const r = byId.get(getOutboxRow(ledger.db, id)!.remoteId!) as ApiReceipt;
      expect(cents(r.total_amount), `${doc.kind} ${doc.number}`).toBe(doc.totalCents);
      if (doc.kind !== 'sale') continue;
      const applied = (m: string) => doc.payments.filter((p) => p.method === m).reduce((a, p) => a + p.appliedCents, 0);
      expect(cents(r.discount)).toBe(Math.max(0, -doc.roundingCents));
      expect(cents(r.cash_payment_amount)).toBe(applied('cash') - Math.max(0, doc.roundingCents));
      expect(cents(r.electronic_payment_amount)).toBe(applied('electronic'));
      expect(cents(r.ticket_restaurant_payment_amount)).toBe(applied('meal_voucher'));
      expect(cents(r.goods_uncollected_amount) + cents(r.services_uncollected_amount)).toBe(applied('uncollected'));
      expect(r.lottery_code).toBe(doc.lotteryCode);
      expect(r.items.length).toBe(doc.lines.length);
      r.items.forEach((it, k) => expect(cents(it.total_amount)).toBe(doc.lines[k]!.amountCents));
    }
  });

  it('the audit journal, written by two processes, still verifies', () => {
    const v = verifyAudit(ledger.db, (id) => documentDigest(ledger.db, id));
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
  });
});
