// The emulator must behave like the service where the sync depends on it: otherwise the sync
// tests prove nothing. Raw HTTP, as any client would see it.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import { fakeClock } from '../../../shared/time.js';

const FID = '12345678901';
let emu: Emulator;
let clock: ReturnType<typeof fakeClock>;

beforeEach(async () => {
  clock = fakeClock('2026-03-10T10:00:00Z');
  emu = await startEmulator({ fiscalId: FID, token: 'tok', clock, readyDelayMs: 10_000 });
});
afterEach(async () => { await emu.close(); });

/** The envelope; `data` loosely typed on purpose: the tests poke at whatever the emulator answered. */
interface ApiJson { data: any; success: boolean; message: string; error: number | null } // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${emu.url}${path}`, {
    method, headers: { authorization: 'Bearer tok', 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json = {} as ApiJson;
  try { json = JSON.parse(text) as ApiJson; } catch { /* not JSON: text is checked instead */ }
  return { status: res.status, json, text, headers: res.headers };
}

const receipt = (over: Record<string, unknown> = {}) => ({
  fiscal_id: FID, items: [{ quantity: 2, description: 'Pane', unit_price: 1.25, vat_rate_code: '4' }], cash_payment_amount: 2.5, ...over,
});

describe('POST /IT-receipts validation', () => {
  const rejects = async (body: unknown, status: number, error: number, message: RegExp) => {
    const r = await call('POST', '/IT-receipts', body);
    expect(r.status).toBe(status);
    expect(r.json).toMatchObject({ data: null, success: false, error });
    expect(r.json.message).toMatch(message);
  };

  it('accepts a valid receipt in the envelope, status new, with item ids', async () => {
    const r = await call('POST', '/IT-receipts', receipt({ tags: ['local-1'] }));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: true, message: '', error: null, data: { type: 'sale', status: 'new', total_amount: 2.5, tags: ['local-1'], document_number: null } });
    expect(r.json.data.items[0]).toMatchObject({ id: expect.any(String), quantity: 2, gross_price: 1.25, vat_rate: '4', total_amount: 2.5 });
  });

  it('refuses fields the spec does not define, at any depth', async () => {
    await rejects(receipt({ colour: 'red' }), 422, 600, /^Invalid field: colour/);
    await rejects(receipt({ items: [{ quantity: 1, description: 'x', unit_price: 1, vat_rate_code: '22', colour: 'red' }], cash_payment_amount: 1 }), 422, 600, /Invalid field: items\.0\.colour/);
  });

  it('refuses values outside the enums and formats', async () => {
    await rejects(receipt({ items: [{ quantity: 1, description: 'x', unit_price: 1, vat_rate_code: '23' }], cash_payment_amount: 1 }), 422, 601, /vat_rate_code/);
    await rejects(receipt({ items: [{ quantity: 1.235, description: 'x', unit_price: 1, vat_rate_code: '22' }], cash_payment_amount: 1.24 }), 422, 601, /2 decimal/);
    await rejects(receipt({ cash_payment_amount: 2.499 }), 422, 601, /cash_payment_amount/);
    await rejects(receipt({ lottery_code: 'ABC' }), 422, 601, /lottery_code/);
    await rejects(receipt({ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }), 422, 601, /tags/);
    await rejects({ items: [], cash_payment_amount: 0 }, 400, 423, /^Missing fiscal_id$/);
  });

  it('checks payments against the total, meal vouchers, uncollected and lottery rules', async () => {
    await rejects(receipt({ cash_payment_amount: 2.49 }), 422, 602, /sum of payments \(2\.49\) does not match the receipt total \(2\.50\)/);
    await rejects(receipt({ cash_payment_amount: 0, ticket_restaurant_payment_amount: 2.5 }), 422, 601, /ticket_restaurant_quantity/);
    await rejects(receipt({ cash_payment_amount: 0, goods_uncollected_amount: 2.5 }), 422, 601, /invoice_issuing/);
    await rejects(receipt({ cash_payment_amount: 0, electronic_payment_amount: 2.5, lottery_code: 'AB12CD34', items: [{ quantity: 1, description: 'x', unit_price: 0.5, vat_rate_code: '22' }] }), 422, 602, /sum of payments/);
    await rejects(receipt({ cash_payment_amount: 0.5, lottery_code: 'AB12CD34', items: [{ quantity: 1, description: 'x', unit_price: 0.5, vat_rate_code: '22' }] }), 422, 603, /lower than EUR 1\.00/);
    await rejects(receipt({ cash_payment_amount: 1, electronic_payment_amount: 1.5, lottery_code: 'AB12CD34' }), 422, 603, /not fully electronic/);
    await rejects(receipt({ items: [{ quantity: 1, description: 'x', unit_price: 5, vat_rate_code: '22', discount: 1, complimentary: true }], cash_payment_amount: 0 }), 422, 601, /complimentary/);
    // A rounding down as global discount, an omaggio at zero: both fine.
    const ok = await call('POST', '/IT-receipts', receipt({ items: [{ quantity: 1, description: 'x', unit_price: 12.52, vat_rate_code: '22' }, { quantity: 1, description: 'omaggio', unit_price: 3, vat_rate_code: '22', complimentary: true }], discount: 0.02, cash_payment_amount: 12.5 }));
    expect(ok.status).toBe(200);
    expect(ok.json.data).toMatchObject({ total_amount: 12.52, discount: 0.02 });
  });

  it('unit_price must be positive, as the spec says: a € 0 line is refused, also as an omaggio', async () => {
    await rejects(receipt({ items: [{ quantity: 1, description: 'Pane', unit_price: 0, vat_rate_code: '4' }], cash_payment_amount: 0 }), 422, 601, /^Invalid value for items\.0\.unit_price: Must be positive$/);
    await rejects(receipt({ items: [{ quantity: 1, description: 'Pane', unit_price: 1, vat_rate_code: '4' }, { quantity: 1, description: 'Omaggio', unit_price: 0, vat_rate_code: '22', complimentary: true }], cash_payment_amount: 1 }), 422, 601, /items\.1\.unit_price: Must be positive/);
    expect(emu.receipts()).toHaveLength(0);
  });

  it('needs a registered fiscal id with receipts enabled, and the bearer token', async () => {
    await rejects(receipt({ fiscal_id: '99999999999' }), 404, 424, /Fiscal ID not found or not registered/);
    await call('POST', '/IT-configurations', { fiscal_id: '11111111111', name: 'X', email: 'x@y.it' });
    await rejects(receipt({ fiscal_id: '11111111111' }), 422, 174, /not enabled/);
    const r = await call('POST', '/IT-receipts', receipt(), { authorization: 'Bearer wrong' });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ success: false, error: 401 });
  });
});

describe('life cycle on the emulator clock', () => {
  it('new → submitted → ready with AdE numbers like DCW2026/0000-4706, in order', async () => {
    const a = (await call('POST', '/IT-receipts', receipt())).json.data.id;
    const b = (await call('POST', '/IT-receipts', receipt())).json.data.id;
    clock.advance(5_000);
    expect((await call('GET', `/IT-receipts/${a}`)).json.data.status).toBe('submitted');
    clock.advance(5_000);
    const ra = (await call('GET', `/IT-receipts/${a}`)).json.data;
    const rb = (await call('GET', `/IT-receipts/${b}`)).json.data;
    expect(ra).toMatchObject({ status: 'ready', document_number: 'DCW2026/0000-4706', transaction_id: '4706', document_date: '2026-03-10T10:00:10.000Z' });
    expect(rb.document_number).toBe('DCW2026/0000-4707');
  });

  it('a receipt sent in the 23:55–00:00 Rome blackout is deferred past midnight', async () => {
    clock.set('2026-03-10T22:57:00Z');
    const id = (await call('POST', '/IT-receipts', receipt())).json.data.id;
    clock.set('2026-03-10T23:00:05Z');
    expect((await call('GET', `/IT-receipts/${id}`)).json.data.status).not.toBe('ready');
    clock.set('2026-03-10T23:00:10Z');
    expect((await call('GET', `/IT-receipts/${id}`)).json.data.status).toBe('ready');
  });

  it('returns: only items of a ready sale, never more than sold, refunds add up', async () => {
    const sale = (await call('POST', '/IT-receipts', receipt({ items: [{ quantity: 3, description: 'Calze', unit_price: 3.33, vat_rate_code: '22' }], cash_payment_amount: 9.99 }))).json.data;
    const item = sale.items[0].id;
    const early = await call('PATCH', `/IT-receipts/${sale.id}`, { items: [{ id: item, quantity: 1 }] });
    expect(early).toMatchObject({ status: 422, json: { error: 607 } });
    clock.advance(10_000);
    const r1 = await call('PATCH', `/IT-receipts/${sale.id}`, { items: [{ id: item, quantity: 1 }] });
    expect(r1.json.data).toMatchObject({ type: 'return', status: 'new', parent_receipt_id: sale.id, total_amount: 3.33 });
    const r2 = await call('PATCH', `/IT-receipts/${sale.id}`, { items: [{ id: item, quantity: 2 }] });
    expect(r2.json.data.total_amount).toBe(6.66);
    const over = await call('PATCH', `/IT-receipts/${sale.id}`, { items: [{ id: item, quantity: 0.01 }] });
    expect(over).toMatchObject({ status: 422, json: { error: 604, message: expect.stringMatching(/exceeds the quantity still returnable \(0\.00\)/) } });
    expect((await call('PATCH', `/IT-receipts/${sale.id}`, { items: [{ id: 'nope', quantity: 1 }] })).json.error).toBe(601);
    expect((await call('PATCH', `/IT-receipts/${sale.id}`, { items: [{ id: item, quantity: 1 }], tags: ['x'] })).json).toMatchObject({ error: 600 });
  });

  it('voids: within 24 h of submission, once, not after returns', async () => {
    const mk = async () => (await call('POST', '/IT-receipts', receipt())).json.data;
    const s1 = await mk();
    const s2 = await mk();
    const s3 = await mk();
    clock.advance(10_000);
    const v = await call('DELETE', `/IT-receipts/${s1.id}`);
    expect(v.json.data).toMatchObject({ type: 'void', parent_receipt_id: s1.id, total_amount: 2.5 });
    expect((await call('GET', `/IT-receipts/${s1.id}`)).json.data.status).toBe('voided');
    expect((await call('DELETE', `/IT-receipts/${s1.id}`)).json).toMatchObject({ error: 606, message: expect.stringMatching(/already been voided/) });
    await call('PATCH', `/IT-receipts/${s2.id}`, { items: [{ id: s2.items[0].id, quantity: 1 }] });
    expect((await call('DELETE', `/IT-receipts/${s2.id}`)).json.error).toBe(608);
    clock.advance(24 * 3_600_000);
    expect((await call('DELETE', `/IT-receipts/${s3.id}`)).json).toMatchObject({ error: 605, message: 'The receipt can only be voided within 24 hours from its submission' });
  });
});

describe('GET /IT-receipts', () => {
  it('filters and pages with skip/limit, limit capped at 100', async () => {
    for (let i = 0; i < 230; i++) await call('POST', '/IT-receipts', receipt({ tags: [`t${i}`] }));
    const page = async (q: string) => (await call('GET', `/IT-receipts?${q}`)).json.data as { tags: string[] }[];
    expect((await page(`fiscal_id=${FID}&limit=500`)).length).toBe(100);
    const p3 = await page(`fiscal_id=${FID}&skip=200&limit=100`);
    expect(p3.length).toBe(30);
    expect(p3[0]!.tags).toEqual(['t200']);
    expect((await page('created_at=2026-03-10&type=sale,return&status=new,ready')).length).toBe(100);
    expect((await page('created_at=2026-03-11')).length).toBe(0);
    expect((await call('GET', '/IT-receipts?created_at=10/03/2026')).status).toBe(422);
    expect((await call('GET', '/IT-receipts?status=lost')).status).toBe(422);
  });

  it('serves the receipt as PDF when asked with Content-Type: application/pdf', async () => {
    const id = (await call('POST', '/IT-receipts', receipt())).json.data.id;
    const r = await fetch(`${emu.url}/IT-receipts/${id}`, { headers: { authorization: 'Bearer tok', 'content-type': 'application/pdf' } });
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await r.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('%%EOF');
  });
});

describe('IT-configurations', () => {
  it('create, duplicate, read, patch (name not editable)', async () => {
    const body = { fiscal_id: '22222222222', name: 'Bottega', email: 'b@example.com', receipts: true, receipts_authentication: { taxCode: 'RSSMRA80A01H501U', password: 'p', pin: '1' } };
    expect((await call('POST', '/IT-configurations', body)).json.data).toMatchObject({ fiscal_id: '22222222222', receipts: true, receipts_authentication: { taxCode: 'RSSMRA80A01H501U' } });
    expect((await call('POST', '/IT-configurations', body)).json.error).toBe(112);
    expect((await call('GET', '/IT-configurations/33333333333')).json).toMatchObject({ error: 111, message: 'Fiscal ID not found or not registered' });
    expect((await call('PATCH', '/IT-configurations/22222222222', { name: 'Altro' })).json).toMatchObject({ error: 670 });
    expect((await call('PATCH', '/IT-configurations/22222222222', { receipts: false })).json.data.receipts).toBe(false);
  });

  // shared/reference/openapi-invoice.oas.json: POST 200/404, GET 200/404, PATCH 200/400/404, DELETE 200/404,
  // always the {data, success, message, error} envelope; the password and PIN are never shown back.
  it('follows the spec: every method, its status codes and the envelope', async () => {
    const body = { fiscal_id: '22222222222', name: 'Bottega', email: 'b@example.com', receipts: true, receipts_authentication: { taxCode: 'RSSMRA80A01H501U', password: 'Segreta', pin: '1234567890' } };
    const created = await call('POST', '/IT-configurations', body);
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ success: true, message: '', error: null });
    expect(created.json.data).toMatchObject({ fiscal_id: '22222222222', name: 'Bottega', email: 'b@example.com', receipts: true, customer_invoice: false, supplier_invoice: false, active: true, api_configurations: [] });
    expect(created.text).not.toContain('Segreta');
    expect(created.text).not.toContain('1234567890');
    const list = await call('GET', '/IT-configurations');
    expect(list.status).toBe(200);
    expect(list.json.data.map((c: { fiscal_id: string }) => c.fiscal_id).sort()).toEqual([FID, '22222222222']);
    const one = await call('GET', '/IT-configurations/22222222222');
    expect(one.json.data).toEqual(created.json.data);
    const missing = await call('PATCH', '/IT-configurations/33333333333', { receipts: true });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ data: null, success: false, message: 'Fiscal ID not found or not registered', error: 111 });
    const notEditable = await call('PATCH', '/IT-configurations/22222222222', { email: 'x@example.com' });
    expect(notEditable.status).toBe(400);
    expect(notEditable.json).toEqual({ data: null, success: false, message: 'Invalid field: email. Fields fiscal_id, name, email are not editable.', error: 670 });
    const noId = await call('POST', '/IT-configurations', { name: 'X', email: 'x@y.it' });
    expect(noId.status).toBe(400);
    expect(noId.json).toMatchObject({ success: false, error: 423, message: 'Missing fiscal_id' });
    const deleted = await call('DELETE', '/IT-configurations/22222222222');
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ data: null, success: true, message: 'Deleted configuration for id: 22222222222', error: null });
    expect((await call('DELETE', '/IT-configurations/22222222222')).status).toBe(404);
    expect((await call('GET', '/IT-configurations/22222222222')).status).toBe(404);
    const noToken = await call('GET', '/IT-configurations', undefined, { authorization: 'Bearer other' });
    expect(noToken.status).toBe(401);
    expect(noToken.json).toMatchObject({ data: null, success: false, error: 401 });
  });

  it('tests can make it refuse: an account problem, a fiscal id taken elsewhere, credentials the Agenzia refuses', async () => {
    emu.refuseConfigurations('paymentRequired', { methods: ['POST'], times: 2 });
    const body = { fiscal_id: '22222222222', name: 'Bottega', email: 'b@example.com', receipts: true };
    for (let i = 0; i < 2; i++) expect((await call('POST', '/IT-configurations', body)).json).toMatchObject({ success: false, error: 402 });
    expect((await call('GET', '/IT-configurations')).status).toBe(200);
    expect((await call('POST', '/IT-configurations', body)).status).toBe(200);
    expect(emu.configurations()).toHaveLength(2);

    emu.registerElsewhere('44444444444');
    expect((await call('GET', '/IT-configurations/44444444444')).status).toBe(404);
    expect((await call('POST', '/IT-configurations', { ...body, fiscal_id: '44444444444' })).json).toMatchObject({ error: 112, message: 'fiscal_id 44444444444 already exists' });

    emu.setAdeAccounts({ RSSMRA80A01H501U: { password: 'Giusta', pin: '1234567890', fiscalIds: ['22222222222'] } });
    const auth = (password: string) => ({ receipts_authentication: { taxCode: 'RSSMRA80A01H501U', password, pin: '1234567890' } });
    const wrong = await call('PATCH', '/IT-configurations/22222222222', auth('Sbagliata'));
    expect(wrong.status).toBe(422);
    expect(wrong.json).toMatchObject({ success: false, error: 610 });
    expect((await call('PATCH', `/IT-configurations/${FID}`, auth('Giusta'))).json).toMatchObject({ error: 611 });
    expect((await call('PATCH', '/IT-configurations/22222222222', auth('Giusta'))).json.data.receipts_authentication).toEqual({ taxCode: 'RSSMRA80A01H501U' });
    expect(emu.configurationBodies().at(-1)).toEqual({ method: 'PATCH', path: '/IT-configurations/22222222222', body: auth('Giusta') });
  });
});

describe('fault injection', () => {
  it('commit-then-drop stores the receipt but never answers; 429 carries Retry-After', async () => {
    emu.setFaults({ dropAfterCommitRate: 1 });
    await expect(fetch(`${emu.url}/IT-receipts`, { method: 'POST', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: JSON.stringify(receipt()) })).rejects.toThrow();
    expect(emu.receipts()).toHaveLength(1);
    emu.setFaults({ dropAfterCommitRate: 0, rateLimitRate: 1, retryAfterSeconds: 12 });
    const r = await call('POST', '/IT-receipts', receipt());
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('12');
    expect(emu.receipts()).toHaveLength(1);
    emu.setFaults({ rateLimitRate: 0, serverErrorRate: 1 });
    const s = await call('POST', '/IT-receipts', receipt());
    expect(s.status).toBe(502);
    expect(s.text).toMatch(/<html>/);
    expect(emu.receipts()).toHaveLength(1);
    emu.setFaults({ serverErrorRate: 0, serverErrorAfterCommitRate: 1 });
    expect((await call('POST', '/IT-receipts', receipt())).status).toBe(500);
    expect(emu.receipts()).toHaveLength(2);
    expect(emu.stats().faults).toMatchObject({ dropAfterCommit: 1, rateLimit: 1, serverError: 1, serverErrorAfterCommit: 1 });
  });
});

describe('refusals in other shapes (a different service version, a framework default, a proxy)', () => {
  const zero = () => receipt({ items: [{ quantity: 1, description: 'Pane', unit_price: 0, vat_rate_code: '4' }], cash_payment_amount: 0 });

  it('writes the same refusal as each shape asks; configurations keep Openapi\'s envelope', async () => {
    emu.setErrorShape('plain');
    let r = await call('POST', '/IT-receipts', zero());
    expect([r.status, r.json]).toEqual([422, { message: 'Invalid value for items.0.unit_price: Must be positive' }]);
    emu.setErrorShape('laravel');
    r = await call('POST', '/IT-receipts', zero());
    expect([r.status, r.json]).toEqual([422, { message: 'The given data was invalid.', errors: { 'items.0.unit_price': ['Invalid value for items.0.unit_price: Must be positive'] } }]);
    emu.setErrorShape('success200');
    r = await call('POST', '/IT-receipts', zero());
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ data: null, success: false, error: 601 });
    emu.setErrorShape('unknownCode');
    r = await call('POST', '/IT-receipts', zero());
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({ success: false, error: 'E_VALIDATION' });
    emu.setErrorShape('html404');
    r = await call('POST', '/IT-receipts', zero());
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toBe('text/html');
    expect(r.text).toMatch(/404 Not Found/);
    // The configuration check still answers as Openapi; the token is still checked first.
    expect((await call('GET', `/IT-configurations/${FID}`)).json).toMatchObject({ success: true, data: { fiscal_id: FID, receipts: true } });
    expect((await call('POST', '/IT-receipts', zero(), { authorization: 'Bearer wrong' })).status).toBe(401);
    expect(emu.receipts()).toHaveLength(0);
  });
});

describe('holding a request in flight', () => {
  const post = () => fetch(`${emu.url}/IT-receipts`, { method: 'POST', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: JSON.stringify(receipt()) });

  it('holds the n-th write before storing it until released, then answers it', async () => {
    const hold = emu.hold({ nth: 2 });
    expect((await post()).status).toBe(200);
    const second = post();
    const entry = await hold.reached;
    expect(entry).toMatchObject({ method: 'POST', path: '/IT-receipts' });
    expect(emu.receipts()).toHaveLength(1); // held before the store
    hold.release();
    expect((await second).status).toBe(200);
    expect(await hold.done).toBe('answered');
    expect(emu.receipts()).toHaveLength(2);
  });

  it('a held request whose client goes away is dropped: stored or not, as asked', async () => {
    for (const commit of ['before', 'after'] as const) {
      const before = emu.receipts().length;
      const hold = emu.hold({ commit });
      const controller = new AbortController();
      const pending = fetch(`${emu.url}/IT-receipts`, { method: 'POST', signal: controller.signal, headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: JSON.stringify(receipt()) });
      await hold.reached;
      controller.abort();
      await expect(pending).rejects.toThrow();
      expect(await hold.done).toBe('dropped');
      expect(emu.receipts().length - before).toBe(commit === 'after' ? 1 : 0);
      expect(emu.requests().at(-1)!.status).toBe('dropped');
    }
  });
});
