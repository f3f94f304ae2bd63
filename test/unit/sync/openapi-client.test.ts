// What the client concludes from each kind of answer: the line between "certainly not processed"
// and "maybe processed" is what keeps sending exactly once.
import { describe, it, expect } from 'vitest';
import { createOpenapiClient, parseRetryAfter, type FetchLike } from '../../../backend/sync/openapi-client.js';
import type { PostReceipt } from '../../../shared/openapi/schemas.js';

const RECEIPT = { id: 'abc123', type: 'sale', status: 'new', items: [{ id: '200170', quantity: 1 }], tags: ['doc-1'], created_at: '2026-03-10T10:00:00.000Z' };
const BODY: PostReceipt = { fiscal_id: '12345678901', items: [{ quantity: 1, description: 'Pane', unit_price: 1.2, vat_rate_code: '4' }], cash_payment_amount: 1.2 };

interface Seen { url: string; init: RequestInit }

function client(answer: () => Response | Promise<Response>, seen: Seen[] = []) {
  const f: FetchLike = async (url, init) => { seen.push({ url, init }); return answer(); };
  return createOpenapiClient({ baseUrl: 'http://127.0.0.1:9/', token: 'tok', timeoutMs: 1000 }, f, () => new Date('2026-03-10T10:00:00Z'));
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const err = (status: number, message: string, error: number) => json(status, { data: null, success: false, message, error });
function netError(code: string): FetchLike {
  return async () => { throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) }); };
}

describe('Openapi client outcomes', () => {
  it('a valid envelope is ok, with the receipt parsed; the request is what the spec asks', async () => {
    const seen: Seen[] = [];
    const r = await client(() => json(200, { data: RECEIPT, success: true, message: '', error: null }), seen).createReceipt(BODY);
    expect(r).toEqual({ kind: 'ok', data: expect.objectContaining({ id: 'abc123', status: 'new', items: [{ id: '200170', quantity: 1 }] }) });
    expect(seen[0]!.url).toBe('http://127.0.0.1:9/IT-receipts');
    expect(seen[0]!.init.method).toBe('POST');
    expect((seen[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect((seen[0]!.init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual(BODY);
  });

  it('HTML, unparsable JSON, a wrong shape or a cut body after a 200 are ambiguous', async () => {
    expect((await client(() => new Response('<html>ok</html>', { status: 200, headers: { 'content-type': 'text/html' } })).createReceipt(BODY)).kind).toBe('ambiguous');
    expect((await client(() => new Response('{"data": {"id"', { status: 200 })).createReceipt(BODY)).kind).toBe('ambiguous');
    expect((await client(() => json(200, { data: { foo: 1 }, success: true })).createReceipt(BODY)).kind).toBe('ambiguous');
    const cut = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"data":')); c.error(new Error('terminated')); } });
    const r = await client(() => new Response(cut, { status: 200 })).createReceipt(BODY);
    expect(r).toMatchObject({ kind: 'ambiguous', message: expect.stringMatching(/troncata/) });
  });

  it('5xx and 408 are ambiguous; so are resets and timeouts; a refused connection or unknown host is notSent', async () => {
    for (const s of [500, 502, 503, 504, 408]) expect((await client(() => new Response('x', { status: s })).createReceipt(BODY)).kind).toBe('ambiguous');
    const make = (f: FetchLike) => createOpenapiClient({ baseUrl: 'http://x', token: 't' }, f);
    expect((await make(netError('ECONNREFUSED')).createReceipt(BODY)).kind).toBe('notSent');
    expect((await make(netError('ENOTFOUND')).createReceipt(BODY)).kind).toBe('notSent');
    expect((await make(netError('ECONNRESET')).createReceipt(BODY)).kind).toBe('ambiguous');
    expect((await make(netError('UND_ERR_SOCKET')).createReceipt(BODY)).kind).toBe('ambiguous');
    expect((await make(async () => { throw new DOMException('The operation was aborted due to timeout', 'TimeoutError'); }).createReceipt(BODY)).kind).toBe('ambiguous');
  });

  it('401/403 ask for a token; 429 carries Retry-After', async () => {
    expect(await client(() => err(401, 'Unauthorized', 401)).createReceipt(BODY)).toEqual({ kind: 'auth', httpStatus: 401, message: 'Unauthorized' });
    expect((await client(() => new Response('', { status: 403 })).getReceipt('x')).kind).toBe('auth');
    expect(await client(() => err(429, 'Too Many Requests', 429)).createReceipt(BODY)).toMatchObject({ kind: 'rateLimited', retryAfterMs: null });
    expect(await client(() => json(429, {}, { 'retry-after': '7' })).createReceipt(BODY)).toMatchObject({ kind: 'rateLimited', retryAfterMs: 7000 });
  });

  it('an Openapi 4xx is a final rejection with the API message; account errors are config problems', async () => {
    expect(await client(() => err(422, 'lottery_code cannot be used if the payment was not fully electronic', 603)).createReceipt(BODY))
      .toEqual({ kind: 'rejected', httpStatus: 422, code: '603', message: 'lottery_code cannot be used if the payment was not fully electronic' });
    expect(await client(() => err(404, 'Fiscal ID not found or not registered', 424)).createReceipt(BODY)).toMatchObject({ kind: 'config', code: '424' });
    expect(await client(() => err(400, 'Missing fiscal_id', 423)).createReceipt(BODY)).toMatchObject({ kind: 'config', code: '423' });
    expect(await client(() => err(422, 'Receipts not enabled', 174)).createReceipt(BODY)).toMatchObject({ kind: 'config', code: '174' });
    expect(await client(() => json(200, { data: null, success: false, message: 'nope', error: 601 })).createReceipt(BODY)).toMatchObject({ kind: 'rejected', message: 'nope' });
  });

  it('a 4xx that is not Openapi’s answer (a wrong URL, a proxy) looks like an address problem, not the document', async () => {
    const r = await client(() => new Response('<html>404 Not Found</html>', { status: 404, headers: { 'content-type': 'text/html' } })).createReceipt(BODY);
    expect(r).toEqual({ kind: 'config', httpStatus: 404, code: 'HTTP_404', message: 'HTTP 404 (text/html)', openapi: false });
  });

  it('reads the words of a refusal in every shape: plain, Laravel, RFC 7807, an unknown code, success:false with 200', async () => {
    expect(await client(() => json(400, { message: 'unit_price must be positive' })).createReceipt(BODY))
      .toEqual({ kind: 'rejected', httpStatus: 400, code: '400', message: 'unit_price must be positive' });
    expect(await client(() => json(422, { message: 'The given data was invalid.', errors: { 'items.0.unit_price': ['The items.0.unit_price must be greater than 0.'], cash_payment_amount: ['must match'] } })).createReceipt(BODY))
      .toEqual({ kind: 'rejected', httpStatus: 422, code: '422', message: 'The given data was invalid. — The items.0.unit_price must be greater than 0. — cash_payment_amount: must match' });
    expect(await client(() => json(422, { title: 'Unprocessable', detail: 'discount too large' })).createReceipt(BODY)).toMatchObject({ kind: 'rejected', message: 'discount too large' });
    expect(await client(() => json(422, { errors: [{ message: 'bad quantity' }] })).createReceipt(BODY)).toMatchObject({ kind: 'rejected', message: 'bad quantity' });
    expect(await client(() => err(422, 'Something odd', 'E_ODD' as unknown as number)).createReceipt(BODY)).toMatchObject({ kind: 'rejected', code: 'E_ODD', message: 'Something odd' });
    expect(await client(() => json(200, { data: null, success: false, message: 'Receipts not enabled', error: 174 })).createReceipt(BODY)).toMatchObject({ kind: 'config', code: '174', openapi: true });
    // A JSON 4xx with no words at all says nothing either.
    expect(await client(() => json(400, {})).createReceipt(BODY)).toMatchObject({ kind: 'config', code: 'HTTP_400', openapi: false });
  });

  it('an unreachable host is a network problem; a refused connection is the server', async () => {
    const make = (f: FetchLike) => createOpenapiClient({ baseUrl: 'http://x', token: 't' }, f);
    expect(await make(netError('ENOTFOUND')).getConfiguration('1')).toMatchObject({ kind: 'notSent', network: true });
    expect(await make(netError('ECONNREFUSED')).getConfiguration('1')).toMatchObject({ kind: 'notSent', network: false });
  });

  it('lists with the spec’s filters, limit capped at 100', async () => {
    const seen: Seen[] = [];
    const c = client(() => json(200, { data: [RECEIPT], success: true, message: '', error: null }), seen);
    const r = await c.listReceipts({ fiscal_id: '123', created_at: '2026-03-10', type: 'sale', skip: 200, limit: 500 });
    expect(r.kind).toBe('ok');
    const u = new URL(seen[0]!.url);
    expect(u.pathname).toBe('/IT-receipts');
    expect(Object.fromEntries(u.searchParams)).toEqual({ fiscal_id: '123', created_at: '2026-03-10', type: 'sale', skip: '200', limit: '100' });
    await c.voidReceipt('a/b');
    expect(seen[1]!.url).toBe('http://127.0.0.1:9/IT-receipts/a%2Fb');
    expect(seen[1]!.init.method).toBe('DELETE');
  });

  it('the PDF is asked with Content-Type: application/pdf and must be a PDF', async () => {
    const seen: Seen[] = [];
    const ok = await client(() => new Response('%PDF-1.4 ...', { status: 200, headers: { 'content-type': 'application/pdf' } }), seen).getReceiptPdf('abc');
    expect(ok.kind).toBe('ok');
    expect((seen[0]!.init.headers as Record<string, string>)['content-type']).toBe('application/pdf');
    expect((await client(() => json(200, { data: RECEIPT })).getReceiptPdf('abc')).kind).toBe('ambiguous');
  });

  it('tolerates what the spec’s own examples disagree on (void items as one object, numeric ids)', async () => {
    const r = await client(() => json(200, { data: { ...RECEIPT, type: 'void', items: { id: 489432, quantity: 11 }, transaction_id: 4712 } })).voidReceipt('x');
    expect(r).toMatchObject({ kind: 'ok', data: { items: [{ id: '489432', quantity: 11 }], transaction_id: '4712' } });
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-03-10T10:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 10 Mar 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter(null, now)).toBe(null);
    expect(parseRetryAfter('soon', now)).toBe(null);
  });
});
