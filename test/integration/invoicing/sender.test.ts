// The invoice sender against each service's emulator (issue #13): invoices from the ledger's outbox
// to the service exactly once, whatever the service answers. One fake clock drives the ledger, the
// emulator and the sender; the emulators' one-shot faults play the network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvoiceSender, type InvoiceSender } from '../../../backend/invoicing/sender/engine.js';
import { recordedProviderConfig } from '../../../backend/invoicing/sender/recorded.js';
import { readInvoicingConfig } from '../../../backend/invoicing/config.js';
import { invoiceQueue } from '../../../backend/invoicing/queue.js';
import { dataDirKeyProvider, type KeyProvider } from '../../../backend/secrets.js';
import type { Env } from '../../../backend/config.js';
import type { ProviderName } from '../../../backend/invoicing/sender/store.js';
import type { Backend } from '../../unit/contract/helpers.js';
import { invoicingBackend, issueCreditNote, issueInvoice, outboxOf, spoilInvoice, startService, type Service } from './sender-harness.js';

const PROVIDERS: ProviderName[] = ['openapi', 'fattura-elettronica-api', 'fattura24'];

let b: Backend;
let svc: Service;
let sender: InvoiceSender;
let dir: string;
let keys: KeyProvider;
let env: Env;
const clock = () => b.clock as typeof b.clock & { advance(ms: number): void; set(d: Date | string): void };

function makeSender(): InvoiceSender {
  return createInvoiceSender({
    db: b.db, clock: b.clock, fetch: globalThis.fetch, random: () => 0.5,
    config: () => readInvoicingConfig(b.db, env, keys),
    configFor: (name) => recordedProviderConfig(b.db, env, keys, name),
    sleep: async (ms) => { clock().advance(ms); },
  });
}

const sending = async (ref: string) => (await b.ok('invoices.get', { invoice: ref }) as { sending: { state: string; lastError: string | null; sdiErrors: unknown[]; canReissue: boolean } }).sending;
const queue = () => invoiceQueue(b.db, env, keys, b.clock.now());

describe.each(PROVIDERS)('invoice sender with %s', (name) => {
  beforeEach(async () => {
    b = await invoicingBackend();
    svc = await startService(name, b.clock);
    dir = mkdtempSync(join(tmpdir(), 'bancone-sender-'));
    keys = dataDirKeyProvider(dir);
    env = {};
    svc.configure(b.db, keys, env);
    sender = makeSender();
  });
  afterEach(async () => {
    sender.close();
    await svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each invoice once; polls until delivered; a rejection keeps the SDI code with what to fix', async () => {
    const a = await issueInvoice(b);
    const c = await issueInvoice(b);
    expect(await sender.drainOnce()).toMatchObject({ sent: 2, stopped: null });
    expect(svc.held().map((h) => h.number)).toEqual([a.number, c.number]);
    expect((await sending(a.number)).state).toMatch(/^(queued|sent)$/);
    const [ra, rc] = svc.held();
    svc.deliver(ra!.remoteId);
    svc.reject(rc!.remoteId, '00311', 'CodiceDestinatario non valido');
    clock().advance(61_000);
    await sender.drainOnce();
    expect((await sending(a.number)).state).toBe('delivered');
    const rejected = await sending(c.number);
    expect(rejected).toMatchObject({ state: 'rejected', canReissue: true });
    expect(rejected.sdiErrors).toEqual([{
      code: '00311', message: 'CodiceDestinatario non valido',
      advice: 'Codice destinatario del cliente non valido: chiedere al cliente il codice giusto (7 caratteri) o la PEC, correggere in «Clienti» e riemettere',
      adviceEn: expect.stringContaining('recipient code') as unknown,
    }]);
    // Final: no more polls, nothing sent again.
    clock().advance(24 * 3600_000);
    expect(await sender.drainOnce()).toMatchObject({ steps: 0 });
    expect(svc.held()).toHaveLength(2);
  });

  it('an invoice the service refuses is failed alone, in Italian; the next one still goes', async () => {
    const bad = await issueInvoice(b);
    const good = await issueInvoice(b);
    spoilInvoice(b, bad.id);
    expect(await sender.drainOnce()).toMatchObject({ sent: 1, failed: 1, stopped: null });
    const s = await sending(bad.number);
    expect(s.state).toBe('failed');
    expect(s.lastError).toMatch(/fattura|XML|Rows|schema/i);
    expect(svc.held().map((h) => h.number)).toEqual([good.number]);
    expect(queue().stopped).toBeNull();
  });

  it('credentials refused: the whole queue stops with words, nothing fails; the right key sends them', async () => {
    svc.configure(b.db, keys, env, false);
    const a = await issueInvoice(b);
    await issueInvoice(b);
    expect(await sender.drainOnce()).toMatchObject({ stopped: 'account', failed: 0 });
    const q = queue();
    expect(q.counts).toMatchObject({ pending: 2, failed: 0 });
    expect(q.stopped).toMatchObject({ code: 'INVOICING_ACCOUNT_REFUSED' });
    expect(q.stopped!.message).toMatch(/^Fatture: coda ferma, il servizio non accetta l'accesso \(.+\)\. Correggere in Impostazioni/);
    expect(q.stopped!.message).toContain('nessuna è persa');
    // Stopped means stopped: a second drain asks nothing.
    expect(await sender.drainOnce()).toMatchObject({ stopped: 'account', steps: 0 });
    expect(svc.held()).toEqual([]);
    svc.configure(b.db, keys, env, true);
    expect(await sender.drainOnce()).toMatchObject({ stopped: null, sent: 2 });
    expect(queue().stopped).toBeNull();
    expect((await sending(a.number)).state).toMatch(/^(queued|sent)$/);
  });

  it('429: the queue waits until the service says, then goes on; nothing fails', async () => {
    const a = await issueInvoice(b);
    svc.fault('rateLimit');
    expect(await sender.drainOnce()).toMatchObject({ stopped: 'limited', failed: 0 });
    const q = queue();
    expect(q.stopped).toMatchObject({ code: 'INVOICING_LIMITED' });
    expect(q.stopped!.message).toMatch(/^Fatture: in attesa \(.*(troppe richieste|rallentare).*\); le fatture restano in coda e partono da sole$/);
    expect(q.nextAttemptAt).toBe(new Date(b.clock.now().getTime() + 120_000).toISOString());
    clock().advance(60_000);
    expect(await sender.drainOnce()).toMatchObject({ stopped: 'limited', steps: 0 });
    clock().advance(61_000);
    expect(await sender.drainOnce()).toMatchObject({ stopped: null, sent: 1 });
    expect(svc.held().map((h) => h.number)).toEqual([a.number]);
  });

  it('stored, then the connection dropped: unknown, the look-up adopts it; the service holds exactly one', async () => {
    const a = await issueInvoice(b);
    svc.fault('dropAfterCommit');
    expect(await sender.drainOnce()).toMatchObject({ ambiguous: 1, sent: 0 });
    expect(outboxOf(b, a.id)).toMatchObject({ state: 'unknown', provider: name });
    expect(svc.held()).toHaveLength(1);
    clock().advance(5_000);
    expect(await sender.drainOnce()).toMatchObject({ adopted: 1, sent: 0 });
    expect(outboxOf(b, a.id)).toMatchObject({ state: 'queued', remote_id: svc.held()[0]!.remoteId });
    clock().advance(3_600_000);
    await sender.drainOnce();
    expect(svc.held()).toHaveLength(1);
  });

  it('5xx before storing: unknown, the look-up finds nothing, sent again once', async () => {
    const a = await issueInvoice(b);
    svc.fault('serverError');
    expect(await sender.drainOnce()).toMatchObject({ ambiguous: 1 });
    expect(svc.held()).toEqual([]);
    clock().advance(5_000);
    expect(await sender.drainOnce()).toMatchObject({ resent: 1, sent: 1 });
    expect(svc.held().map((h) => h.number)).toEqual([a.number]);
    expect(outboxOf(b, a.id).state).toMatch(/^(queued|sent)$/);
  });

  it('a row left `sending` by a killed process is looked up at start, never sent blindly', async () => {
    const a = await issueInvoice(b);
    await sender.drainOnce();
    // As if the process had been killed after the service stored it, before the answer was committed.
    b.db.prepare(`UPDATE invoice_outbox SET state = 'sending', remote_id = NULL WHERE invoice_id = ?`).run(a.id);
    sender.close();
    const again = makeSender();
    try {
      expect(await again.drainOnce()).toMatchObject({ adopted: 1, sent: 0 });
    } finally { again.close(); }
    expect(svc.held()).toHaveLength(1);
  });

  it('a credit note waits for its invoice to be accepted by the service', async () => {
    svc.configure(b.db, keys, env, false);
    const a = await issueInvoice(b);
    const nc = await issueCreditNote(b, a.saleId);
    svc.configure(b.db, keys, env, true);
    svc.fault('serverError');
    await sender.drainOnce();
    // The invoice is unknown (maybe at the service): its credit note does not go yet.
    expect(outboxOf(b, a.id).state).toBe('unknown');
    expect(outboxOf(b, nc.id).state).toBe('pending');
    expect(svc.held()).toEqual([]);
    clock().advance(5_000);
    await sender.drainOnce();
    expect(svc.held().map((h) => h.number)).toEqual([a.number, nc.number]);
  });

  it('a second sender on the same ledger waits for the first', async () => {
    await issueInvoice(b);
    const other = makeSender();
    try {
      const first = sender.drainOnce();
      expect(await other.drainOnce()).toMatchObject({ stopped: 'locked', steps: 0 });
      expect(await first).toMatchObject({ sent: 1 });
    } finally { other.close(); }
    expect(svc.held()).toHaveLength(1);
  });
});

describe('invoice sender across services', () => {
  const services: Service[] = [];
  beforeEach(async () => {
    b = await invoicingBackend();
    dir = mkdtempSync(join(tmpdir(), 'bancone-sender-'));
    keys = dataDirKeyProvider(dir);
    env = {};
  });
  afterEach(async () => {
    sender.close();
    for (const s of services.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async (name: ProviderName) => { const s = await startService(name, b.clock); services.push(s); return s; };

  it('Fattura24: 40 invoices go one call at a time, never more than 30 a minute (the minute waited out on the clock)', async () => {
    const f24 = await start('fattura24');
    f24.configure(b.db, keys, env);
    sender = makeSender();
    const t0 = b.clock.now().getTime();
    for (let i = 0; i < 40; i++) await issueInvoice(b);
    expect(await sender.drainOnce()).toMatchObject({ sent: 40, failed: 0, stopped: null });
    expect(f24.held()).toHaveLength(40);
    expect(f24.stats()).toMatchObject({ refusedConcurrent: 0, refusedOverLimit: 0, maxPerMinute: 30, maxInFlight: 1 });
    expect(b.clock.now().getTime() - t0).toBeGreaterThanOrEqual(60_000);
  });

  it('Fattura24\'s hour and day quotas: the queue waits and says so, with when it frees; nothing fails, each invoice once', async () => {
    const f24 = await start('fattura24');
    f24.configure(b.db, keys, env);
    sender = makeSender();
    const issued: string[] = [];
    for (let i = 0; i < 210; i++) issued.push((await issueInvoice(b)).number);
    const said = new Set<string>();
    const t0 = b.clock.now().getTime();
    let allThereAfter = Infinity;
    for (let round = 0; round < 300 && (said.size < 2 || f24.held().length < issued.length); round++) {
      const s = await sender.drainOnce();
      expect(s.failed).toBe(0);
      if (s.stopped === 'limited') {
        const q = queue();
        expect(q.stopped?.code).toBe('INVOICING_LIMITED');
        said.add(q.stopped!.message.replace(/\d\d\/\d\d\/\d{4} \d\d:\d\d/, 'QUANDO'));
        clock().set(q.nextAttemptAt!);
      } else clock().advance(10 * 60_000);
      if (allThereAfter === Infinity && f24.held().length === issued.length) allThereAfter = b.clock.now().getTime() - t0;
    }
    // Sends before polls: the 210 are there once the first hour's 200 calls free (polls would have
    // eaten the quota for two days).
    expect(allThereAfter).toBeLessThanOrEqual(90 * 60_000);
    expect([...said].sort()).toEqual([
      "Fatture: in attesa (Fattura24: esaurite le 200 chiamate dell'ultima ora; nuovo tentativo dalle QUANDO); le fatture restano in coda e partono da sole",
      'Fatture: in attesa (Fattura24: esaurite le 500 chiamate giornaliere; la coda riparte il QUANDO); le fatture restano in coda e partono da sole',
    ]);
    expect(f24.held().map((h) => h.number).sort()).toEqual([...issued].sort());
    expect(f24.stats()).toMatchObject({ refusedConcurrent: 0, refusedOverLimit: 0, maxInFlight: 1 });
    expect(f24.stats()!.maxPerMinute).toBeLessThanOrEqual(30);
  }, 120_000);

  it('Settings switched to another service: the invoice already at Openapi is still followed there; new ones go to the new one', async () => {
    const oa = await start('openapi');
    const f24 = await start('fattura24');
    oa.configure(b.db, keys, env);
    sender = makeSender();
    const first = await issueInvoice(b);
    await sender.drainOnce();
    f24.configure(b.db, keys, env);
    const second = await issueInvoice(b);
    oa.deliver(oa.held()[0]!.remoteId);
    clock().advance(61_000);
    await sender.drainOnce();
    expect(outboxOf(b, first.id)).toMatchObject({ provider: 'openapi', state: 'delivered' });
    expect(outboxOf(b, second.id)).toMatchObject({ provider: 'fattura24', state: 'queued' });
    expect([oa.held().map((h) => h.number), f24.held().map((h) => h.number)]).toEqual([[first.number], [second.number]]);
    expect(queue().stopped).toBeNull();
  });

  it('the service an invoice was sent to is no longer configured: it waits, the queue says why, nothing goes elsewhere', async () => {
    const fea = await start('fattura-elettronica-api');
    const f24 = await start('fattura24');
    fea.configure(b.db, keys, env);
    sender = makeSender();
    const first = await issueInvoice(b);
    fea.fault('dropAfterCommit');
    await sender.drainOnce();
    expect(outboxOf(b, first.id)).toMatchObject({ provider: 'fattura-elettronica-api', state: 'unknown' });
    f24.configure(b.db, keys, env);
    clock().advance(3_600_000);
    await sender.drainOnce();
    expect(outboxOf(b, first.id).state).toBe('unknown');
    expect(f24.held()).toEqual([]);
    expect(queue().stopped).toEqual({
      code: 'INVOICING_PROVIDER_GONE',
      message: "Fatture: 1 fattura già inviata a fattura-elettronica-api attende l'esito, ma fattura-elettronica-api non è più configurato: sceglierlo di nuovo in Impostazioni per seguirne l'esito",
      messageEn: 'Invoices: 1 invoice already sent to fattura-elettronica-api awaits its outcome, but fattura-elettronica-api is no longer configured: choose it again in Settings to follow it',
    });
    fea.configure(b.db, keys, env);
    await sender.drainOnce();
    expect(outboxOf(b, first.id)).toMatchObject({ state: 'queued', provider: 'fattura-elettronica-api' });
    expect(fea.held()).toHaveLength(1);
  });
});
