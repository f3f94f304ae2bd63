// The emulator's /IT-invoices as a client sees it on the wire (what openapi-invoice.oas.json says):
// the body formats it reads, the list filters, and its strictness.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import { buildInvoice } from '../../../shared/fatturapa/build.js';
import { makeDocument } from '../../fixtures/documents.js';
import { COMPANY, SHOP } from '../../unit/fatturapa/fixtures.js';
import { nodeFetch } from '../sync/node-fetch.js';

const TOKEN = 'invoice-token';

function xml(number: string, date: string): string {
  const document = makeDocument({ lines: [{ description: 'Quaderno', unitPriceCents: 300, vatCode: '22' }], payments: [{ method: 'cash', amountCents: 300 }] });
  return buildInvoice({ document, shop: SHOP, customer: COMPANY, number, date }).xml;
}

let emu: Emulator;
beforeEach(async () => { emu = await startEmulator({ token: TOKEN, fiscalId: SHOP.vatNumber, customerInvoice: true }); });
afterEach(async () => { await emu.close(); });

async function call(method: string, path: string, body?: string, contentType = 'application/xml') {
  const res = await nodeFetch(emu.url + path, {
    method, headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { 'content-type': contentType } : {}) }, ...(body !== undefined ? { body } : {}),
  });
  return { status: res.status, json: JSON.parse(Buffer.from(await res.arrayBuffer()).toString('utf8')) as { data: unknown; success?: boolean; message?: string; error?: unknown } };
}
const numbers = (r: { json: { data: unknown } }) => (r.json.data as Array<{ document_number: string }>).map((i) => i.document_number);

describe('emulator /IT-invoices', () => {
  it('reads the XML raw or as Base64; refuses another media type with nothing stored', async () => {
    expect((await call('POST', '/IT-invoices', xml('2026/0001', '2026-12-01'))).status).toBe(200);
    expect((await call('POST', '/IT-invoices', Buffer.from(xml('2026/0002', '2026-12-01')).toString('base64'))).status).toBe(200);
    const json = await call('POST', '/IT-invoices', JSON.stringify({ invoice: xml('2026/0003', '2026-12-01') }), 'application/json');
    expect(json).toMatchObject({ status: 415, json: { success: false, data: null, error: 415 } });
    const garbage = await call('POST', '/IT-invoices', 'not an invoice');
    expect(garbage).toMatchObject({ status: 400, json: { success: false, error: 400, message: expect.stringMatching(/^Invalid XML structure/) } });
    expect(emu.invoices().map((i) => i.document_number)).toEqual(['2026/0001', '2026/0002']);
  });

  it('an element the XSD does not know is refused, named', async () => {
    const r = await call('POST', '/IT-invoices', xml('2026/0001', '2026-12-01').replace('<Divisa>EUR</Divisa>', '<Divisa>EUR</Divisa><Sconto>1</Sconto>'));
    expect(r).toMatchObject({ status: 400, json: { message: expect.stringContaining("Element 'Sconto'") } });
    expect(emu.invoices()).toEqual([]);
  });

  it('lists with the OAS filters, and refuses the ones it does not know', async () => {
    await call('POST', '/IT-invoices', xml('2026/0001', '2026-11-30'));
    await call('POST', '/IT-invoices', xml('2026/0002', '2026-12-01'));
    await call('POST', '/IT-invoices', xml('2026/0003', '2026-12-02'));
    emu.invoiceStore.deliver(emu.invoiceStore.invoices[2]!.id);
    expect(numbers(await call('GET', '/IT-invoices?document_number=2026%2F0002'))).toEqual(['2026/0002']);
    expect(numbers(await call('GET', '/IT-invoices?issue_date=2026-12-02'))).toEqual(['2026/0003']);
    expect(numbers(await call('GET', '/IT-invoices?issue_date%5Bafter%5D=2026-11-30'))).toEqual(['2026/0002', '2026/0003']);
    expect(numbers(await call('GET', '/IT-invoices?issue_date%5Bbefore%5D=2026-12-01'))).toEqual(['2026/0001']);
    expect(numbers(await call('GET', '/IT-invoices?state=NEW,SENT'))).toEqual(['2026/0001', '2026/0002']);
    expect(numbers(await call('GET', '/IT-invoices?type=TD04'))).toEqual([]);
    expect(numbers(await call('GET', '/IT-invoices?direction=incoming'))).toEqual([]);
    expect(numbers(await call('GET', `/IT-invoices?fiscal_id=${SHOP.vatNumber}&skip=1&limit=1`))).toEqual(['2026/0002']);
    expect(await call('GET', '/IT-invoices?numero=2026%2F0001')).toMatchObject({ status: 400, json: { message: 'Invalid query parameter: numero' } });
    expect(await call('GET', '/IT-invoices?limit=101')).toMatchObject({ status: 422 });
    expect(await call('GET', '/IT-invoices?state=DELIVERED')).toMatchObject({ status: 422, json: { message: 'Invalid state: DELIVERED' } });
  });

  it('an outcome is final: the SDI controls refuse to move it again', async () => {
    await call('POST', '/IT-invoices', xml('2026/0001', '2026-12-01'));
    const id = emu.invoiceStore.invoices[0]!.id;
    emu.invoiceStore.notDeliver(id);
    expect(() => emu.invoiceStore.deliver(id)).toThrow(/final/);
    expect((await call('GET', `/IT-invoices/${id}`)).json.data).toMatchObject({ state: 'DONE', details: { sdi_status: 'NOT_DELIVERED' } });
  });
});
