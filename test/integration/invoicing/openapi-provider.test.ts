// The Openapi adapter (backend/invoicing/providers/openapi.ts) against the emulator's /IT-invoices:
// what the outbox would see for each thing the service and the SDI can do, and what the emulator
// holds afterwards (exactly one invoice, or none).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import { createOpenapiInvoiceProvider, enableCustomerInvoice, type OpenapiInvoiceConfig } from '../../../backend/invoicing/providers/openapi.js';
import type { InvoiceProvider, OutgoingInvoice } from '../../../backend/invoicing/provider.js';
import { buildInvoice } from '../../../shared/fatturapa/build.js';
import { makeDocument } from '../../fixtures/documents.js';
import { COMPANY, SHOP } from '../../unit/fatturapa/fixtures.js';
import { nodeFetch } from '../sync/node-fetch.js';
import { createOpenapiClient } from '../../../backend/sync/openapi-client.js';

const TOKEN = 'invoice-token';
const FISCAL_ID = SHOP.vatNumber;
const NOW = new Date('2026-12-02T10:00:00Z');
const now = () => NOW;

function invoice(number = '2026/0001', date = '2026-12-02'): OutgoingInvoice {
  const document = makeDocument({
    number: '2026-12-02/0017',
    lines: [
      { description: 'Caffè in grani 1 kg', unitPriceCents: 1890, vatCode: '22' },
      { description: 'Biscotti', unitPriceCents: 350, quantityMilli: 2000, vatCode: '10' },
    ],
    payments: [{ method: 'electronic', amountCents: 2590 }],
  });
  const { xml, figures } = buildInvoice({ document, shop: SHOP, customer: COMPANY, number, date });
  return { localId: document.id, number, date, kind: 'TD01', xml, fileName: `IT${FISCAL_ID}_00001.xml`, totalCents: figures.totalCents };
}

let emu: Emulator;
let cfg: OpenapiInvoiceConfig;
let provider: InvoiceProvider;

async function start(customerInvoice = true) {
  emu = await startEmulator({ token: TOKEN, fiscalId: FISCAL_ID, customerInvoice, clock: { now } });
  cfg = { baseUrl: emu.url, token: TOKEN, fiscalId: FISCAL_ID, timeoutMs: 10_000 };
  provider = createOpenapiInvoiceProvider(cfg, nodeFetch, now);
}

afterEach(async () => { await emu?.close(); });

describe('Openapi /IT-invoices: the SDI outcomes', () => {
  beforeEach(() => start());

  it('send → queued; forwarded → sent; delivered → delivered, with the SDI id; the emulator holds the XML as sent', async () => {
    const inv = invoice();
    const sent = await provider.send(inv);
    expect(sent).toEqual({ ok: true, value: expect.objectContaining({ outcome: 'queued', sdiId: null, sdiErrors: [] }) });
    const remoteId = sent.ok ? sent.value.remoteId : '';
    expect(emu.invoices()).toEqual([expect.objectContaining({
      id: remoteId, state: 'NEW', direction: 'outgoing', fiscal_id: FISCAL_ID, type: 'TD01', document_number: '2026/0001', issue_date: '2026-12-02',
      total_gross_amount: 25.9, details: expect.objectContaining({ sdi_status: 'BOOKED' }),
    })]);
    expect(emu.invoiceStore.invoices[0]!.xml).toBe(inv.xml.trim());

    emu.invoiceStore.forward(remoteId);
    const forwarded = await provider.status(remoteId);
    expect(forwarded.ok && forwarded.value.outcome).toBe('sent');
    const sdiId = forwarded.ok ? forwarded.value.sdiId : null;
    expect(sdiId).toMatch(/^\d+$/);

    emu.invoiceStore.deliver(remoteId);
    expect(await provider.status(remoteId)).toEqual({ ok: true, value: { remoteId, outcome: 'delivered', sdiId, sdiErrors: [], updatedAt: NOW.toISOString() } });
  });

  it('not delivered (DONE / NOT_DELIVERED) → not_delivered: the customer must be told it is in the cassetto fiscale', async () => {
    const sent = await provider.send(invoice());
    const remoteId = sent.ok ? sent.value.remoteId : '';
    emu.invoiceStore.notDeliver(remoteId);
    expect(emu.invoices()[0]).toMatchObject({ state: 'DONE', details: { sdi_status: 'NOT_DELIVERED' } });
    const r = await provider.status(remoteId);
    expect(r.ok && r.value.outcome).toBe('not_delivered');
  });

  it('scartata by the SDI (ERROR) → rejected, with each SDI error code and message', async () => {
    const sent = await provider.send(invoice());
    const remoteId = sent.ok ? sent.value.remoteId : '';
    emu.invoiceStore.reject(remoteId, [
      { code: '00404', message: 'Fattura duplicata' },
      { code: '00311', message: '1.1.4 <CodiceDestinatario> non valido' },
    ]);
    const r = await provider.status(remoteId);
    expect(r).toEqual({ ok: true, value: expect.objectContaining({
      outcome: 'rejected',
      sdiErrors: [{ code: '00404', message: 'Fattura duplicata' }, { code: '00311', message: '1.1.4 <CodiceDestinatario> non valido' }],
    }) });
  });

  it('an unknown remote id: refused, naming it', async () => {
    const r = await provider.status('nope');
    expect(r).toEqual({ ok: false, failure: expect.objectContaining({ kind: 'refused', code: 'OPENAPI_INVOICE_NOT_FOUND', message: 'Openapi non conosce la fattura nope.' }) });
  });
});

describe('Openapi /IT-invoices: refusals', () => {
  it('XML invalid against the FatturaPA XSD: refused, the message names the element; nothing stored', async () => {
    await start();
    const bad = invoice();
    bad.xml = bad.xml.replace(/<Numero>[^<]*<\/Numero>/, '<Numero></Numero>');
    const r = await provider.send(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure).toMatchObject({ kind: 'refused', code: 'OPENAPI_XML_INVALID' });
    expect(r.failure.kind === 'refused' && r.failure.message).toMatch(/^Fattura rifiutata da Openapi: l'XML non rispetta lo schema FatturaPA \(line \d+: .*Element 'Numero'/);
    expect(r.failure.kind === 'refused' && r.failure.apiMessage).toMatch(/^Invalid XML structure: /);
    expect(emu.invoices()).toEqual([]);
  });

  it('a wrong token: account (the queue stops), nothing stored', async () => {
    await start();
    provider = createOpenapiInvoiceProvider({ ...cfg, token: 'wrong' }, nodeFetch, now);
    const r = await provider.send(invoice());
    expect(r).toEqual({ ok: false, failure: expect.objectContaining({ kind: 'account', code: 'OPENAPI_TOKEN_REFUSED', message: expect.stringContaining('Openapi non accetta il token') }) });
    expect(emu.invoices()).toEqual([]);
  });

  it('customer_invoice off: account with the advice to enable it; the set-up enables it (PATCH) and the invoice then goes', async () => {
    await start(false);
    const r = await provider.send(invoice());
    expect(r).toEqual({ ok: false, failure: {
      kind: 'account', code: 'OPENAPI_INVOICES_NOT_ENABLED',
      message: `Su Openapi le fatture elettroniche (customer_invoice) non sono attive per la partita IVA ${FISCAL_ID}: attivarle dalla configurazione guidata, passo Openapi («Attiva le fatture»), o nella console di Openapi. Le fatture restano in coda.`,
      apiMessage: expect.stringContaining('Permission denied for this fiscal_id'),
    } });
    expect(emu.invoices()).toEqual([]);

    const enabled = await enableCustomerInvoice(createOpenapiClient({ baseUrl: emu.url, token: TOKEN }, nodeFetch, now), FISCAL_ID);
    expect(enabled).toMatchObject({ kind: 'ok', data: { fiscal_id: FISCAL_ID, customer_invoice: true } });
    expect(emu.configurationBodies()).toEqual([{ method: 'PATCH', path: `/IT-configurations/${FISCAL_ID}`, body: { customer_invoice: true } }]);
    const again = await provider.send(invoice());
    expect(again.ok && again.value.outcome).toBe('queued');
    expect(emu.invoices()).toHaveLength(1);
  });

  it('a fiscal id the account does not know: account, not registered', async () => {
    emu = await startEmulator({ token: TOKEN, clock: { now } });
    provider = createOpenapiInvoiceProvider({ baseUrl: emu.url, token: TOKEN, fiscalId: FISCAL_ID }, nodeFetch, now);
    const r = await provider.send(invoice());
    expect(r).toEqual({ ok: false, failure: expect.objectContaining({ kind: 'account', code: 'OPENAPI_NOT_REGISTERED' }) });
  });

  it('429: limited until Retry-After, nothing stored', async () => {
    await start();
    emu.setFaults({ rateLimitRate: 1, retryAfterSeconds: 30, methods: ['POST'] });
    const r = await provider.send(invoice());
    expect(r).toEqual({ ok: false, failure: {
      kind: 'limited', retryAt: '2026-12-02T10:00:30.000Z',
      message: 'Openapi chiede di rallentare (troppe richieste): nuovo tentativo tra 30 secondi.',
    } });
    expect(emu.invoices()).toEqual([]);
  });
});

describe('Openapi /IT-invoices: ambiguous failures and the look-up', () => {
  beforeEach(() => start());

  it('commit-then-drop: ambiguous; the look-up finds the stored invoice, and there is one invoice only', async () => {
    emu.setFaults({ dropAfterCommitRate: 1, methods: ['POST'] });
    const inv = invoice();
    const r = await provider.send(inv);
    expect(r).toEqual({ ok: false, failure: { kind: 'ambiguous', message: expect.stringMatching(/^Openapi non ha dato una risposta certa/) } });
    emu.setFaults({ dropAfterCommitRate: 0 });
    const stored = emu.invoices();
    expect(stored).toHaveLength(1);

    const found = await provider.lookup(inv);
    expect(found).toEqual({ ok: true, value: expect.objectContaining({ remoteId: stored[0]!.id, outcome: 'queued' }) });
    expect(emu.invoices()).toHaveLength(1);
    expect(emu.requests().filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it('5xx before storing: ambiguous; the look-up finds nothing (safe to send again)', async () => {
    emu.setFaults({ serverErrorRate: 1, methods: ['POST'] });
    const inv = invoice();
    const r = await provider.send(inv);
    expect(r).toEqual({ ok: false, failure: { kind: 'ambiguous', message: expect.stringContaining('HTTP 502') } });
    expect(emu.invoices()).toEqual([]);
    expect(await provider.lookup(inv)).toEqual({ ok: true, value: null });
  });

  it('5xx after storing (a proxy timing out): ambiguous; the look-up finds it', async () => {
    emu.setFaults({ serverErrorAfterCommitRate: 1, methods: ['POST'] });
    const inv = invoice();
    const r = await provider.send(inv);
    expect(r).toEqual({ ok: false, failure: { kind: 'ambiguous', message: expect.stringContaining('HTTP 500') } });
    const found = await provider.lookup(inv);
    expect(found).toEqual({ ok: true, value: expect.objectContaining({ remoteId: emu.invoices()[0]!.id }) });
    expect(emu.invoices()).toHaveLength(1);
  });

  it('no answer before the timeout (stored, answer held): ambiguous; the look-up finds it', async () => {
    provider = createOpenapiInvoiceProvider({ ...cfg, timeoutMs: 300 }, nodeFetch, now);
    const hold = emu.hold({ methods: ['POST'], commit: 'after' });
    const inv = invoice();
    const r = await provider.send(inv);
    expect(r).toEqual({ ok: false, failure: { kind: 'ambiguous', message: expect.stringMatching(/^Openapi non ha dato una risposta certa/) } });
    expect(await hold.done).toBe('dropped');
    const found = await provider.lookup(inv);
    expect(found).toEqual({ ok: true, value: expect.objectContaining({ remoteId: emu.invoices()[0]!.id, outcome: 'queued' }) });
    expect(emu.invoices()).toHaveLength(1);
  });

  it('the look-up asks by fiscal id, number, date and type, and adopts only that invoice', async () => {
    const a = invoice('2026/0001', '2026-12-01');
    const b = invoice('2026/0002', '2026-12-02');
    const sa = await provider.send(a);
    const sb = await provider.send(b);
    expect(await provider.lookup({ ...b })).toEqual({ ok: true, value: expect.objectContaining({ remoteId: sb.ok ? sb.value.remoteId : '?' }) });
    expect(await provider.lookup({ ...a })).toEqual({ ok: true, value: expect.objectContaining({ remoteId: sa.ok ? sa.value.remoteId : '?' }) });
    expect(await provider.lookup({ ...a, date: '2026-12-02' })).toEqual({ ok: true, value: null });
    expect(await provider.lookup({ ...a, kind: 'TD04' })).toEqual({ ok: true, value: null });
    const gets = emu.requests().filter((q) => q.method === 'GET').map((q) => new URL(q.path, 'http://x').searchParams);
    expect(Object.fromEntries(gets[0]!)).toEqual({ fiscal_id: FISCAL_ID, direction: 'outgoing', type: 'TD01', document_number: '2026/0002', issue_date: '2026-12-02', limit: '100' });
  });

  it('a re-issue with the number of a rejected invoice: the look-up adopts the live one', async () => {
    const inv = invoice();
    const first = await provider.send(inv);
    emu.invoiceStore.reject(first.ok ? first.value.remoteId : '', [{ code: '00311', message: 'CodiceDestinatario non valido' }]);
    const second = await provider.send(inv);
    const found = await provider.lookup(inv);
    expect(found).toEqual({ ok: true, value: expect.objectContaining({ remoteId: second.ok ? second.value.remoteId : '?', outcome: 'queued' }) });
  });
});
