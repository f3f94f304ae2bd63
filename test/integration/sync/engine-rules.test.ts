// The sync's rules, each driven by a fake clock shared by till, engine and emulator.
import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { harness, type Harness } from './harness.js';
import { FISCAL_ID, TOKEN } from './fixtures.js';
import { commitSale, recordReturn, recordVoid, getDocument } from '../../../backend/ledger/index.js';
import { getSyncStatus, syncStatusText } from '../../../backend/sync/status.js';
import { claimForSend, getOutboxRow } from '../../../backend/sync/outbox.js';
import { createOpenapiClient } from '../../../backend/sync/openapi-client.js';
import { toPostReceipt } from '../../../backend/sync/receipt-mapping.js';

let h: Harness;
afterEach(async () => { await h?.close(); });

const cashSale = (cents: number, description = 'Pane') => ({
  lines: [{ description, unit_price_cents: cents, vat_code: '4' as const, quantity: 1 }],
  payments: [{ method: 'cash' as const, amount_cents: Math.ceil(cents / 500) * 500 }],
});
const cardSale = (cents: number, quantity = 1) => ({
  lines: [{ description: 'Camicia', unit_price_cents: cents, vat_code: '22' as const, quantity }],
  payments: [{ method: 'electronic' as const, amount_cents: cents * quantity }],
});
const sale = (req: ReturnType<typeof cashSale> | ReturnType<typeof cardSale>) => commitSale(h.ledger.db, h.clock, req).id;
const st = (id: string) => getOutboxRow(h.ledger.db, id)!;

describe('23:55–00:00 Europe/Rome blackout', () => {
  it('holds new sends, keeps polling, shows it, and sends after midnight', async () => {
    h = await harness({ start: '2026-03-10T22:54:00Z' }); // 23:54 in Rome (CET)
    const a = sale(cashSale(500));
    await h.engine.drainOnce();
    expect(st(a).state).toBe('sent');
    h.clock.set('2026-03-10T22:56:00Z'); // 23:56 Rome
    const b = sale(cashSale(700));
    const s = await h.engine.drainOnce();
    expect(h.requests('POST')).toBe(1);
    expect(st(a).state).toBe('ready'); // polls go on
    expect(st(b).state).toBe('pending');
    expect(s.blackout).toBe(true);
    expect(s.status.blackout).toBe(true);
    expect(s.status.nextAttemptAt).toBe('2026-03-10T23:00:00.000Z');
    expect(syncStatusText(s.status)).toMatch(/23:55–00:00/);
    h.clock.set('2026-03-10T22:59:59Z');
    await h.engine.drainOnce();
    expect(h.requests('POST')).toBe(1);
    h.clock.set('2026-03-10T23:00:01Z'); // 00:00:01 Rome
    await h.settle();
    expect(st(b).state).toBe('ready');
    expect(getSyncStatus(h.ledger.db, h.clock).blackout).toBe(false);
  });

  it('follows summer time (CEST): 21:55 UTC is already the blackout in July', async () => {
    h = await harness({ start: '2026-07-01T21:56:00Z' });
    const a = sale(cashSale(500));
    await h.engine.drainOnce();
    expect(h.requests('POST')).toBe(0);
    h.clock.set('2026-07-01T22:00:00Z');
    await h.settle();
    expect(st(a).state).toBe('ready');
  });
});

describe('voids: only within 24 hours of the sale’s transmission', () => {
  it('a void within 24 h is a DELETE of the sale; the sale shows voided', async () => {
    h = await harness();
    const s = sale(cardSale(3000));
    await h.settle();
    h.clock.advance(20 * 3_600_000);
    const v = recordVoid(h.ledger.db, h.clock, { sale: s }).id;
    await h.settle();
    expect(st(v).state).toBe('ready');
    expect(h.requests('DELETE')).toBe(1);
    expect(st(s).remoteStatus).toBe('voided');
    expect(h.emu.receipts().find((r) => r.id === st(s).remoteId)!.status).toBe('voided');
  });

  // A piece line and a weighed line (sent to the API as 1.00 at the line amount).
  const twoLineSale = () => commitSale(h.ledger.db, h.clock, {
    lines: [
      { description: 'Camicia', unit_price_cents: 3000, vat_code: '22' as const, quantity: 2 },
      { description: 'Formaggio', unit_price_cents: 1990, vat_code: '4' as const, quantity: 1.235 },
    ],
    payments: [{ method: 'cash' as const, amount_cents: 10_000 }],
  }).id;
  const remoteSale = (saleId: string) => h.emu.receipts().find((r) => r.id === st(saleId).remoteId)!;
  const remoteChildren = (saleId: string) => h.emu.receipts().filter((r) => r.parent_receipt_id === st(saleId).remoteId);
  /** The AdE holds the sale fully returned by exactly one return, and nothing voided. */
  const expectOneFullReturn = (saleId: string) => {
    const children = remoteChildren(saleId);
    expect(children.map((c) => [c.type, c.status])).toEqual([['return', 'ready']]);
    const sold = remoteSale(saleId);
    expect(sold.status).toBe('ready');
    expect(sold.items.map((i) => i.return)).toEqual(sold.items.map((i) => i.quantity)); // every item, once, in full
    expect(children[0]!.items.map((i) => i.quantity)).toEqual(sold.items.map((i) => i.quantity));
    expect(children[0]!.total_amount).toBe(sold.total_amount);
    return children[0]!;
  };

  it('a void still queued when 24 h have passed goes as a full return of the sale, once', async () => {
    h = await harness();
    const s = twoLineSale();
    await h.settle();
    h.clock.advance(23 * 3_600_000);
    const v = recordVoid(h.ledger.db, h.clock, { sale: s }).id; // allowed locally: 23 h
    h.clock.advance(2 * 3_600_000); // the till stayed offline past the 24 h mark
    await h.settle();
    expect(h.requests('DELETE')).toBe(0);
    expect(h.requests('PATCH')).toBe(1);
    const ret = expectOneFullReturn(s);
    expect(st(v)).toMatchObject({ state: 'ready', sentAs: 'return', remoteId: ret.id, lastErrorCode: null });
    expect(st(s).remoteStatus).toBe('ready'); // not voided at the AdE: returned
    expect(getDocument(h.ledger.db, v).kind).toBe('void'); // the counter refund stays a void locally
    const audit = h.ledger.db.prepare(`SELECT action FROM audit_log WHERE entity_id = ? ORDER BY rowid`).pluck().all(v);
    expect(audit).toEqual(['document.void', 'fiscal.void_as_return', 'fiscal.ready']);
    await h.settle(); // nothing left to send
    expect(h.requests('PATCH') + h.requests('DELETE')).toBe(1);
  });

  it('a DELETE the API refuses for the 24 h window (its clock ahead of ours) is sent again as a full return', async () => {
    h = await harness();
    const s = twoLineSale();
    await h.settle();
    // The till recorded the submission 2 h later than the API stamped it.
    const submitted = new Date(st(s).submittedAt!).getTime();
    h.ledger.db.prepare('UPDATE outbox SET submitted_at = ? WHERE document_id = ?').run(new Date(submitted + 2 * 3_600_000).toISOString(), s);
    h.clock.advance(23 * 3_600_000);
    const v = recordVoid(h.ledger.db, h.clock, { sale: s }).id;
    h.clock.advance(90 * 60_000); // 22,5 h for the till, 24,5 h for the API
    await h.settle();
    expect(h.requests('DELETE')).toBe(1);
    expect(h.emu.requests().find((r) => r.method === 'DELETE')!.status).toBe(422);
    expect(h.requests('PATCH')).toBe(1);
    const ret = expectOneFullReturn(s);
    expect(st(v)).toMatchObject({ state: 'ready', sentAs: 'return', remoteId: ret.id });
    expect(h.events.some((e) => e.type === 'failed')).toBe(false);
  });

  it('a void sent as a return whose answer is lost is found among the sale’s returns, not sent twice', async () => {
    h = await harness();
    const s = twoLineSale();
    await h.settle();
    h.clock.advance(23 * 3_600_000);
    const v = recordVoid(h.ledger.db, h.clock, { sale: s }).id;
    h.clock.advance(2 * 3_600_000);
    h.emu.setFaults({ dropAfterCommitRate: 1, methods: ['PATCH'] });
    await h.engine.drainOnce();
    expect(st(v)).toMatchObject({ state: 'unknown', sentAs: 'return' });
    h.emu.setFaults({ dropAfterCommitRate: 0 });
    await h.settle();
    expect(h.requests('PATCH')).toBe(1);
    expect(h.requests('DELETE')).toBe(0);
    const ret = expectOneFullReturn(s);
    expect(st(v)).toMatchObject({ state: 'ready', remoteId: ret.id });
    expect(h.events.flatMap((e) => (e.type === 'adopted' ? [e.documentId] : []))).toEqual([v]);
  });
});

describe('401: the token expired', () => {
  it('stops the queue, asks for a new token, and resumes with it, exactly once', async () => {
    h = await harness();
    const ids = [sale(cashSale(100)), sale(cashSale(200)), sale(cashSale(300))];
    h.emu.setToken('rotated-token');
    const s1 = await h.engine.drainOnce();
    expect(s1.stopped).toBe('auth');
    expect(s1.status.authRequired).toBe(true);
    expect(syncStatusText(s1.status)).toMatch(/token Openapi non valido o scaduto/);
    const afterStop = h.requests();
    expect(afterStop).toBeLessThanOrEqual(3);
    expect(ids.map((id) => st(id).state)).toEqual(['pending', 'pending', 'pending']);
    // Same token: nothing is sent; after the probe interval one cheap probe, still refused.
    h.clock.advance(30_000);
    await h.engine.drainOnce();
    expect(h.requests()).toBe(afterStop);
    h.clock.advance(60_000);
    const s2 = await h.engine.drainOnce();
    expect(h.requests()).toBe(afterStop + 1);
    expect(s2.stopped).toBe('auth');
    // The shop enters the new token.
    h.engine.close();
    h.engine = h.newEngine({ token: 'rotated-token' });
    const s3 = await h.settle();
    expect(s3.status.authRequired).toBe(false);
    expect(ids.map((id) => st(id).state)).toEqual(['ready', 'ready', 'ready']);
    expect(h.emu.receipts()).toHaveLength(3);
  });
});

describe('malformed, HTML and truncated answers', () => {
  it('are ambiguous for a POST: looked up, adopted, never duplicated', async () => {
    h = await harness();
    h.emu.setFaults({ malformedRate: 1, methods: ['POST'] });
    const ids = [sale(cashSale(100)), sale(cashSale(200)), sale(cashSale(300))];
    await h.engine.drainOnce();
    expect(ids.map((id) => st(id).state)).toEqual(['unknown', 'unknown', 'unknown']);
    const messages = ids.map((id) => st(id).lastErrorMessage).sort();
    expect(messages.some((m) => /non JSON \(text\/html\)/.test(m!))).toBe(true);
    expect(messages.some((m) => /troncata/.test(m!))).toBe(true);
    expect(messages.some((m) => /Risposta non valida/.test(m!))).toBe(true);
    expect(h.emu.receipts()).toHaveLength(3); // all three were stored before the bad answer
    h.emu.setFaults({ malformedRate: 0 });
    await h.settle();
    expect(ids.map((id) => st(id).state)).toEqual(['ready', 'ready', 'ready']);
    expect(h.events.filter((e) => e.type === 'adopted')).toHaveLength(3);
    expect(h.requests('POST')).toBe(3);
    expect(h.emu.receipts()).toHaveLength(3);
  });

  it('on a status poll just mean: ask again later', async () => {
    h = await harness();
    const id = sale(cashSale(100));
    await h.engine.drainOnce();
    h.emu.setFaults({ malformedRate: 1, methods: ['GET'] });
    h.clock.advance(5_000);
    await h.engine.drainOnce();
    expect(st(id).state).toBe('sent');
    expect(st(id).polls).toBe(1);
    h.emu.setFaults({ malformedRate: 0 });
    await h.settle();
    expect(st(id).state).toBe('ready');
  });
});

describe('429 Too Many Requests', () => {
  it('pauses the whole queue for Retry-After, then goes on', async () => {
    h = await harness();
    h.emu.setFaults({ rateLimitRate: 1, retryAfterSeconds: 30, methods: ['POST'] });
    const a = sale(cashSale(100));
    const s1 = await h.engine.drainOnce();
    expect(st(a).state).toBe('pending');
    expect(s1.status.pausedUntil).toBe(new Date(h.clock.now().getTime() + 30_000).toISOString());
    expect(s1.status.pauseReason).toBe('rate_limit');
    h.emu.setFaults({ rateLimitRate: 0 });
    sale(cashSale(200));
    h.clock.advance(29_000);
    await h.engine.drainOnce();
    expect(h.requests('POST')).toBe(1);
    h.clock.advance(2_000);
    await h.settle();
    expect(getSyncStatus(h.ledger.db, h.clock)).toMatchObject({ ready: 2, pending: 0, pausedUntil: null });
  });
});

describe('network unreachable', () => {
  it('keeps documents pending (not ambiguous), pauses, and sends them once the API is back', async () => {
    h = await harness();
    await h.emu.goOffline();
    const ids = [sale(cashSale(100)), sale(cashSale(200))];
    const s = await h.engine.drainOnce();
    expect(ids.map((id) => st(id).state)).toEqual(['pending', 'pending']);
    expect(s.status.pauseReason).toBe('offline');
    expect(s.status.lastError?.code).toBe('OFFLINE');
    await h.emu.goOnline();
    await h.settle();
    expect(ids.map((id) => st(id).state)).toEqual(['ready', 'ready']);
    expect(h.requests('GET', '/IT-receipts?')).toBe(0); // no look-up was needed
    expect(h.emu.receipts()).toHaveLength(2);
  });
});

describe('a document never overtakes its parent', () => {
  it('a return recorded before its sale is transmitted waits, then goes with the sale’s item ids', async () => {
    h = await harness();
    const s = sale(cardSale(1000, 3));
    const r = recordReturn(h.ledger.db, h.clock, { sale: s, lines: [{ line_no: 1, quantity: 2 }] }).id;
    const s1 = await h.engine.drainOnce();
    expect(st(r).state).toBe('pending');
    expect(s1.status.waitingForParent).toBe(1);
    expect(syncStatusText(s1.status)).toMatch(/attendono la trasmissione della vendita/);
    await h.settle();
    expect(st(r).state).toBe('ready');
    const remote = h.emu.receipts();
    const ret = remote.find((x) => x.id === st(r).remoteId)!;
    expect(ret.parent_receipt_id).toBe(st(s).remoteId);
    expect(ret.items.map((i) => i.quantity)).toEqual([2]);
    expect(Math.round(ret.total_amount * 100)).toBe(getDocument(h.ledger.db, r).totalCents);
  });

  it('successive partial returns of a weighed line add up; an inexact share is rounded to 2 decimals', async () => {
    h = await harness();
    const s = commitSale(h.ledger.db, h.clock, {
      lines: [{ description: 'Parmigiano', unit_price_cents: 2490, vat_code: '4', quantity: 1.235 }],
      payments: [{ method: 'electronic', amount_cents: 3075 }],
    }).id;
    await h.settle();
    const item = h.emu.receipts()[0]!.items[0]!;
    expect(item.quantity).toBe(1);
    expect(item.description).toBe('Parmigiano, kg 1,235 x euro 24,90');
    const r1 = recordReturn(h.ledger.db, h.clock, { sale: s, lines: [{ line_no: 1, quantity: 0.5 }] }).id;
    const r2 = recordReturn(h.ledger.db, h.clock, { sale: s, lines: [{ line_no: 1, quantity: 0.735 }] }).id;
    await h.settle();
    expect([st(r1).state, st(r2).state]).toEqual(['ready', 'ready']);
    const returns = h.emu.receipts().filter((x) => x.type === 'return');
    expect(returns.map((x) => x.items[0]!.quantity)).toEqual([0.4, 0.6]);
    // Together the returns give back exactly the whole line, on both sides.
    const local = getDocument(h.ledger.db, r1).totalCents + getDocument(h.ledger.db, r2).totalCents;
    expect(Math.round((returns[0]!.total_amount + returns[1]!.total_amount) * 100)).toBe(local);
    expect(local).toBe(3075);
    expect(h.events.some((e) => e.type === 'retry' && /arrotondata/.test(e.message ?? ''))).toBe(true);
  });
});

describe('resuming after a crash', () => {
  it('a request sent just before the crash is found by its tag and adopted, not sent twice', async () => {
    h = await harness();
    const id = sale(cashSale(1234));
    // What a killed process leaves: the row claimed, the POST delivered, nothing recorded after.
    claimForSend(h.ledger.db, id, 'pending', h.clock.now());
    const client = createOpenapiClient({ baseUrl: h.emu.url, token: TOKEN }, globalThis.fetch);
    expect((await client.createReceipt(toPostReceipt(getDocument(h.ledger.db, id), FISCAL_ID))).kind).toBe('ok');
    h.engine.close();
    h.engine = h.newEngine();
    await h.engine.drainOnce();
    expect(st(id).state).toBe('unknown'); // waits before looking up: the request might still be landing
    expect(h.requests('GET')).toBe(0);
    await h.settle();
    expect(st(id).state).toBe('ready');
    expect(h.events.some((e) => e.type === 'adopted' && e.documentId === id)).toBe(true);
    expect(h.requests('POST')).toBe(1);
    expect(h.emu.receipts()).toHaveLength(1);
  });

  it('a claim that never reached the API is looked up, not found, and sent once', async () => {
    h = await harness();
    const id = sale(cashSale(999));
    claimForSend(h.ledger.db, id, 'pending', h.clock.now());
    h.engine.close();
    h.engine = h.newEngine();
    await h.settle();
    expect(st(id).state).toBe('ready');
    expect(h.events.some((e) => e.type === 'resend' && e.documentId === id)).toBe(true);
    expect(h.emu.receipts()).toHaveLength(1);
  });

  it('only one sync process works the queue at a time', async () => {
    h = await harness();
    sale(cashSale(100));
    await h.engine.drainOnce();
    const other = h.newEngine();
    expect((await other.drainOnce()).stopped).toBe('locked');
    h.engine.close();
    expect((await other.drainOnce()).stopped).toBe(null);
  });
});

describe('account problems stop the queue without failing documents', () => {
  it('a fiscal id not registered on Openapi: stopped with what to do in Italian (the API message apart), resumes once registered', async () => {
    h = await harness();
    h.engine.close();
    h.engine = h.newEngine({ fiscalId: '99999999999' });
    const id = sale(cashSale(500));
    const s = await h.engine.drainOnce();
    expect(s.stopped).toBe('config');
    expect(s.status.configError?.message).toMatch(/^La partita IVA 99999999999 non è registrata su Openapi: completare la configurazione in Impostazioni/);
    expect(s.status.configError?.apiMessage).toBe('Fiscal ID not found or not registered');
    expect(st(id).state).toBe('pending');
    await fetch(`${h.emu.url}/IT-configurations`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fiscal_id: '99999999999', name: 'Altro', email: 'a@b.it', receipts: true }),
    });
    h.clock.advance(61_000);
    await h.settle();
    expect(st(id).state).toBe('ready');
    expect(getSyncStatus(h.ledger.db, h.clock).configError).toBe(null);
  });
});

describe('receipt PDF', () => {
  it('is fetched once ready and stored under the data dir', async () => {
    h = await harness({ tuning: { pdfDir: '' } });
    const pdfDir = join(h.ledger.dir, 'receipts');
    h.engine.close();
    h.engine = h.newEngine();
    const id = sale(cashSale(450));
    await h.settle();
    expect(st(id).pdfPath).toBe(null); // pdfDir '' = on demand only
    const file = await h.engine.fetchPdf(id);
    expect(file).toBe(null);
    const e2 = (await import('../../../backend/sync/engine.js')).createSyncEngine({
      db: h.ledger.db, clock: h.clock, fetch: globalThis.fetch, random: () => 0.5,
      config: h.config, tuning: { pdfDir },
    });
    h.engine.close();
    const path = await e2.fetchPdf(id);
    e2.close();
    expect(path).toBe(join(pdfDir, `${id}.pdf`));
    expect(existsSync(path!)).toBe(true);
    expect(readFileSync(path!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(path!, 'latin1')).toContain(st(id).documentNumber!);
    expect(st(id).pdfPath).toBe(path);
  });
});

describe('statuses that are not final, and callbacks', () => {
  it('`retry` is not final: the sync keeps polling until ready', async () => {
    h = await harness({ emu: { adeRetryRate: 1, readyDelayMs: 20_000 } });
    const id = sale(cashSale(800));
    await h.engine.drainOnce();
    h.clock.advance(12_000);
    for (let i = 0; i < 3 && st(id).remoteStatus !== 'retry'; i++) { h.clock.advance(3_000); await h.engine.drainOnce(); }
    expect(st(id)).toMatchObject({ state: 'sent', remoteStatus: 'retry' });
    await h.settle(40, 5_000);
    expect(st(id).state).toBe('ready');
  });

  it('a callback only makes the status poll due now; polling decides', async () => {
    const { acceptCallbackHint } = await import('../../../backend/sync/callbacks.js');
    h = await harness({ tuning: { pollFirstMs: 60_000, pollBackoffMaxMs: 600_000 } });
    const id = sale(cashSale(800));
    await h.engine.drainOnce();
    const remoteId = st(id).remoteId!;
    h.clock.advance(3_000);
    const remote = h.emu.receipts()[0]!;
    expect(remote.status).toBe('ready');
    // Form-field style: {data: "<json>"} with the nested {data:{data}} of the spec's example.
    const hint = acceptCallbackHint(h.ledger.db, h.clock, { data: JSON.stringify({ data: { data: remote, custom: null } }) });
    expect(hint).toEqual({ accepted: true, documentId: id, reason: 'poll_now' });
    expect(st(id).state).toBe('sent'); // not ready on the callback's word
    await h.engine.drainOnce();
    expect(st(id).state).toBe('ready');
    expect(acceptCallbackHint(h.ledger.db, h.clock, { data: remote })).toMatchObject({ accepted: false, reason: 'not_waiting' });
    expect(acceptCallbackHint(h.ledger.db, h.clock, { data: { ...remote, id: 'someone-else' } })).toMatchObject({ accepted: false, reason: 'unknown_receipt' });
    expect(acceptCallbackHint(h.ledger.db, h.clock, '<html>')).toMatchObject({ accepted: false, reason: 'not_a_receipt' });
    expect(remoteId).toBe(remote.id);
  });
});
