// The change feed (backend/bridge/changes.ts) and how the till wires it: the screens are told when
// what they show changes — by this process's writes and its print queue at once, by other
// connections' writes (the sync process, `bancone` commands) through PRAGMA data_version, by the
// clock at the 23:55 pause — and told nothing while nothing changes.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../backend/db/open.js';
import { acquireSenderLock } from '../../../backend/invoicing/sender/lock.js';
import { createChangeFeed, announcingWrites, ledgerFingerprints } from '../../../backend/bridge/changes.js';
import { acquireLock } from '../../../backend/sync/lock.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { startTill, type Till } from '../../../backend/programs/till.js';
import { writeState } from '../../../backend/sync/sync-state.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../../emulators/escpos-printer.js';
import { fakeClock, systemClock } from '../../../shared/time.js';
import type { BackendEvent } from '../../../shared/contract/channel.js';
import type { Dispatcher } from '../../../backend/api/dispatcher.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { CustomerSaveSchema } from '../../../shared/contract/customers.js';
import { invoiceSale } from '../../../backend/invoicing/issue.js';
import { barSport, invoicingShop } from '../invoices/helpers.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

function ledger() {
  const dir = mkdtempSync(join(tmpdir(), 'bancone-feed-'));
  const file = join(dir, 'bancone.db');
  const db = fiscalShop(openDatabase(file));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => db.close());
  return { dir, file, db };
}

/** Events as they arrive, and a way to wait for the next one (or be sure none comes). */
function recorder() {
  const seen: BackendEvent[] = [];
  const waiters: (() => void)[] = [];
  return {
    seen,
    listener: (e: BackendEvent) => { seen.push(e); waiters.splice(0).forEach((w) => w()); },
    /** Resolves with the `count`-th event (1-based), once it has arrived. */
    next(count: number, ms = 5000): Promise<BackendEvent> {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no event #${count} within ${ms} ms (saw ${JSON.stringify(seen)})`)), ms);
        const look = () => { if (seen.length >= count) { clearTimeout(t); resolve(seen[count - 1]!); } else waiters.push(look); };
        look();
      });
    },
  };
}

const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('change feed', () => {
  it('notices a commit made by another connection (the sync process, the CLI) without being told', async () => {
    const l = ledger();
    const feed = createChangeFeed({ db: l.db, clock: systemClock, checkMs: 20 });
    cleanups.push(() => feed.close());
    const r = recorder();
    feed.subscribe(r.listener);
    const other = openDatabase(l.file);
    cleanups.push(() => other.close());
    writeState(other, 'api_contact', { state: 'ok', at: new Date().toISOString(), message: null }, new Date());
    expect(await r.next(1)).toEqual({ type: 'changed', topics: ['status', 'documents'] });
    // Its own connection's writes are not noticed this way (they are told: see the till below).
    await quiet(100);
    writeState(l.db, 'api_contact', { state: 'offline', at: new Date().toISOString(), message: null }, new Date());
    await quiet(150);
    expect(r.seen).toHaveLength(1);
  });

  it('with the screens\' fingerprints: the sync renewing its lease every second is not news; a document moving on is', async () => {
    const l = ledger();
    const feed = createChangeFeed({ db: l.db, clock: systemClock, checkMs: 10, fingerprints: ledgerFingerprints(l.db) });
    cleanups.push(() => feed.close());
    const r = recorder();
    feed.subscribe(r.listener);
    const other = openDatabase(l.file);
    cleanups.push(() => other.close());
    for (let i = 0; i < 5; i++) {
      expect(acquireLock(other, 'sync-1', new Date(), 30_000).ok).toBe(true);
      // The invoice sender's lease, renewed at each of its drains too (every 5 s when idle).
      expect(acquireSenderLock(other, 'invoices-1', new Date(), 30_000).ok).toBe(true);
      await quiet(40);
    }
    expect(r.seen).toEqual([]);
    // A sale rung by another process (`bancone sale`): both the bar (today's count, the queue) and the history.
    const sale = commitSale(other, systemClock, { lines: [{ description: 'Pane', unit_price_cents: 250, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 250 }] });
    expect(await r.next(1)).toEqual({ type: 'changed', topics: ['status', 'documents'] });
    // The sync process gets it accepted: it leaves the queue.
    other.prepare(`UPDATE outbox SET state = 'ready', updated_at = ? WHERE document_id = ?`).run(new Date().toISOString(), sale.id);
    expect(await r.next(2)).toEqual({ type: 'changed', topics: ['status', 'documents'] });
    // Openapi found unreachable: the bar's business only.
    writeState(other, 'api_contact', { state: 'unreachable', at: new Date().toISOString(), message: null }, new Date());
    expect(await r.next(3)).toEqual({ type: 'changed', topics: ['status'] });
    acquireLock(other, 'sync-1', new Date(), 30_000);
    await quiet(100);
    expect(r.seen).toHaveLength(3);
  });

  it('an invoice issued or moved by another connection (the sender, `bancone invoice`) is news for the bar and the history', async () => {
    const l = ledger();
    invoicingShop(l.db);
    const other = openDatabase(l.file);
    cleanups.push(() => other.close());
    const sale = commitSale(other, systemClock, { lines: [{ description: 'Pane', unit_price_cents: 250, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 250 }] });
    const bar = saveCustomer(other, null, CustomerSaveSchema.parse(barSport), new Date().toISOString());
    const feed = createChangeFeed({ db: l.db, clock: systemClock, checkMs: 10, fingerprints: ledgerFingerprints(l.db) });
    cleanups.push(() => feed.close());
    const r = recorder();
    feed.subscribe(r.listener);
    const inv = invoiceSale(other, systemClock, { sale: sale.id, customer: bar.id, operatorId: null });
    expect(await r.next(1)).toEqual({ type: 'changed', topics: ['status', 'documents'] });
    // The sender hands it to the service, then the SDI rejects it: each step is shown.
    other.prepare(`UPDATE invoice_outbox SET state = 'sent', updated_at = ? WHERE invoice_id = ?`).run(new Date().toISOString(), inv.id);
    expect(await r.next(2)).toEqual({ type: 'changed', topics: ['status', 'documents'] });
    other.prepare(`UPDATE invoice_outbox SET state = 'rejected', updated_at = ? WHERE invoice_id = ?`).run(new Date().toISOString(), inv.id);
    expect(await r.next(3)).toEqual({ type: 'changed', topics: ['status', 'documents'] });
  });

  it('says nothing while nothing changes', async () => {
    const l = ledger();
    const feed = createChangeFeed({ db: l.db, clock: systemClock, checkMs: 10 });
    cleanups.push(() => feed.close());
    const r = recorder();
    feed.subscribe(r.listener);
    await quiet(400);
    expect(r.seen).toEqual([]);
  });

  it('coalesces what it is told in one turn into one event, and tells every listener', async () => {
    const l = ledger();
    const feed = createChangeFeed({ db: l.db, clock: systemClock });
    cleanups.push(() => feed.close());
    const a = recorder();
    const b = recorder();
    feed.subscribe(a.listener);
    const off = feed.subscribe(b.listener);
    feed.notify(['documents']);
    feed.notify(['status']);
    feed.notify(['documents']);
    expect(await a.next(1)).toEqual({ type: 'changed', topics: ['status', 'documents'] });
    expect(await b.next(1)).toEqual({ type: 'changed', topics: ['status', 'documents'] });
    off();
    feed.notify(['status']);
    expect(await a.next(2)).toEqual({ type: 'changed', topics: ['status'] });
    await quiet(20);
    expect(b.seen).toHaveLength(1);
  });

  it('tells the status bar when the 23:55 transmission pause begins, with no write at all', async () => {
    const l = ledger();
    const clock = fakeClock('2026-11-20T22:54:30Z'); // 23:54:30 in Rome
    const feed = createChangeFeed({ db: l.db, clock, checkMs: 5 });
    cleanups.push(() => feed.close());
    const r = recorder();
    feed.subscribe(r.listener);
    await quiet(100);
    expect(r.seen).toEqual([]);
    clock.set('2026-11-20T22:55:01Z');
    expect(await r.next(1)).toEqual({ type: 'changed', topics: ['status'] });
  });

  it('announcingWrites tells after a write that went through; after a refused one, only what the fingerprints saw move', async () => {
    const calls: string[] = [];
    const inner: Dispatcher = {
      call: async (name) => { calls.push(name); return name === 'documents.printFiscalNumber' ? { ok: false, error: { code: 'NOT_YET', message: 'x', message_en: 'x' } } : { ok: true, value: null }; },
      sessionCount: () => 0,
    };
    const told: unknown[] = [];
    let rechecked = 0;
    const d = announcingWrites(inner, { notify: (t) => told.push(t), recheck: () => { rechecked++; } });
    await d.call('catalog.search', { text: 'x' });
    await d.call('status.get', {});
    expect([told, rechecked]).toEqual([[], 0]);
    await d.call('session.logout', {});
    expect(told).toEqual([['status', 'documents']]);
    await d.call('documents.printFiscalNumber', { id: 'x' });
    expect([told.length, rechecked]).toEqual([1, 1]);
    await d.call('no.such', {});
    expect([told.length, rechecked]).toEqual([1, 1]);
    expect(calls).toEqual(['catalog.search', 'status.get', 'session.logout', 'documents.printFiscalNumber', 'no.such']);
  });
});

describe('the till tells its screens', () => {
  async function till(printer?: VirtualPrinter): Promise<Till> {
    const l = ledger();
    const t = startTill({
      dbFile: l.file, dataDir: l.dir, clock: systemClock, sync: false,
      env: printer ? { BANCONE_PRINTER: printer.url } : {},
      printing: { retry: { baseMs: 50, maxMs: 100 }, pollMs: 50, statusPollMs: 50 },
    });
    cleanups.push(() => t.close());
    return t;
  }

  it('after a sale is committed (this process: told, not noticed)', async () => {
    const t = await till();
    const r = recorder();
    t.changes.subscribe(r.listener);
    const s = { id: 'till-1' };
    expect((await t.dispatcher.call('session.setup', { name: 'Anna', pin: '1234' }, s)).ok).toBe(true);
    expect(await r.next(1)).toEqual({ type: 'changed', topics: ['status', 'documents'] });
  });

  it('when the printer runs out of paper, once, however often the queue asks it', async () => {
    const printer = await startVirtualPrinter();
    cleanups.push(() => printer.close());
    const t = await till(printer);
    const r = recorder();
    t.changes.subscribe(r.listener);
    // The first status check: unknown → ready is news.
    await r.next(1);
    const before = r.seen.length;
    await quiet(300); // six status checks with the same answer
    expect(r.seen.length).toBe(before);
    await printer.setMode('paperOut');
    expect(await r.next(before + 1)).toEqual({ type: 'changed', topics: ['status'] });
    await quiet(300);
    expect(r.seen.length).toBe(before + 1);
    const status = await t.dispatcher.call('status.get', {}, { id: 'x' });
    expect(status).toMatchObject({ ok: true, value: { printer: { state: 'paper_out' } } });
  });
});
