// The corrected re-issue of an invoice the SDI rejected (invoices.reissue), end to end with each
// service's emulator: a new number of the series, the Causale citing the rejected invoice (XSD-valid),
// sent once; after an ambiguous send, the look-up adopts the re-issue and never the rejected one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvoiceSender, type InvoiceSender } from '../../../backend/invoicing/sender/engine.js';
import { recordedProviderConfig } from '../../../backend/invoicing/sender/recorded.js';
import { readInvoicingConfig } from '../../../backend/invoicing/config.js';
import { dataDirKeyProvider, type KeyProvider } from '../../../backend/secrets.js';
import type { Env } from '../../../backend/config.js';
import type { ProviderName } from '../../../backend/invoicing/sender/store.js';
import { loginCashier, loginManager, type Backend } from '../../unit/contract/helpers.js';
import { validateAgainstXsd } from '../../fixtures/xmllint.js';
import { invoicingBackend, issueInvoice, outboxOf, startService, type Service } from './sender-harness.js';

let b: Backend;
let svc: Service;
let sender: InvoiceSender;
let dir: string;
let keys: KeyProvider;
let env: Env;
const clock = () => b.clock as typeof b.clock & { advance(ms: number): void };

describe.each(['openapi', 'fattura-elettronica-api', 'fattura24'] as ProviderName[])('re-issue of a rejected invoice with %s', (name) => {
  beforeEach(async () => {
    b = await invoicingBackend();
    svc = await startService(name, b.clock);
    dir = mkdtempSync(join(tmpdir(), 'bancone-reissue-'));
    keys = dataDirKeyProvider(dir);
    env = {};
    svc.configure(b.db, keys, env);
    sender = createInvoiceSender({
      db: b.db, clock: b.clock, fetch: globalThis.fetch, random: () => 0.5,
      config: () => readInvoicingConfig(b.db, env, keys),
      configFor: (n) => recordedProviderConfig(b.db, env, keys, n),
      sleep: async (ms) => { clock().advance(ms); },
    });
  });
  afterEach(async () => {
    sender.close();
    await svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('goes with a new number citing the rejected one, once; the look-up after a lost answer adopts the re-issue', async () => {
    const first = await issueInvoice(b);
    const other = await issueInvoice(b);
    await sender.drainOnce();
    const oldRemote = svc.held()[0]!.remoteId;
    svc.reject(oldRemote, '00311', 'CodiceDestinatario non valido');
    clock().advance(61_000);
    await sender.drainOnce();
    expect(outboxOf(b, first.id).state).toBe('rejected');

    // Refusals name the field and change nothing: a cashier; an invoice not rejected.
    expect(await b.err('invoices.reissue', { invoice: first.number })).toMatchObject({ code: 'MANAGER_REQUIRED' });
    await loginManager(b);
    expect(await b.err('invoices.reissue', { invoice: other.number })).toMatchObject({
      code: 'INVOICE_NOT_REJECTED', field: 'invoice',
      message: expect.stringMatching(/^Fattura: 2026\/0002 non è scartata dallo SDI \(.+\); si riemette solo una fattura scartata$/) as unknown,
    });

    const re = await b.ok('invoices.reissue', { invoice: first.number }) as { id: string; number: string; replaces: unknown; document: { id: string }; sending: { state: string } };
    expect(re).toMatchObject({ number: '2026/0003', replaces: { id: first.id, number: first.number, date: '2026-11-21' }, document: { id: first.saleId }, sending: { state: 'pending' } });
    const { xml } = await b.ok('invoices.get', { invoice: re.number }) as { xml: string };
    expect(xml).toContain('<Causale>Riemissione della fattura n. 2026/0001 del 21/11/2026 scartata dallo SDI</Causale>');
    expect(validateAgainstXsd([xml])[0]).toEqual({ valid: true, errors: [] });
    const old = await b.ok('invoices.get', { invoice: first.number }) as { sending: { canReissue: boolean } };
    expect(old.sending.canReissue).toBe(false);
    expect(await b.err('invoices.reissue', { invoice: first.number })).toMatchObject({ code: 'INVOICE_ALREADY_REISSUED', field: 'invoice' });
    expect(b.db.prepare(`SELECT actor FROM audit_log WHERE action = 'invoice.reissue'`).pluck().all()).toEqual([b.managerId]);

    // Stored, answer lost: the look-up asks for 2026/0003 and adopts it, not the rejected 2026/0001.
    svc.fault('dropAfterCommit');
    await sender.drainOnce();
    expect(outboxOf(b, re.id).state).toBe('unknown');
    clock().advance(5_000);
    expect(await sender.drainOnce()).toMatchObject({ adopted: 1, sent: 0 });
    const held = svc.held();
    expect(held.map((h) => h.number)).toEqual([first.number, other.number, re.number]);
    expect(outboxOf(b, re.id)).toMatchObject({ state: 'queued', remote_id: held[2]!.remoteId });
    expect(outboxOf(b, re.id).remote_id).not.toBe(oldRemote);
    await loginCashier(b);
  });
});
