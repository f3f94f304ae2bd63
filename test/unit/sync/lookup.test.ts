// Finding our own document on the API after an ambiguous failure: by tag for sales, among the
// sale's unowned children for returns and voids. Getting this wrong means a duplicate.
import { describe, it, expect } from 'vitest';
import { lookupChild, lookupSale } from '../../../backend/sync/lookup.js';
import type { OpenapiClient, ReceiptQuery } from '../../../backend/sync/openapi-client.js';
import type { RemoteReceipt } from '../../../shared/openapi/schemas.js';
import type { OutboxRow } from '../../../backend/sync/outbox.js';

function row(over: Partial<OutboxRow>): OutboxRow {
  return {
    documentId: 'doc-1', kind: 'sale', parentId: null, state: 'unknown', attempts: 1, nextAttemptAt: null, remoteId: null, remoteStatus: null,
    documentNumber: null, documentDate: null, transactionId: null, submittedAt: null, lastErrorCode: null, lastErrorMessage: null,
    createdAt: '2026-03-10T10:00:00.000Z', updatedAt: '2026-03-10T10:00:00.000Z', remoteItems: null,
    firstAttemptAt: '2026-03-10T10:00:00.000Z', lastAttemptAt: '2026-03-10T10:00:00.000Z', polls: 0, pdfPath: null, sentAs: null, ...over,
  };
}
const rec = (id: string, over: Partial<RemoteReceipt> = {}): RemoteReceipt =>
  ({ id, type: 'sale', status: 'ready', created_at: '2026-03-10T10:00:01.000Z', tags: [], items: [], ...over }) as RemoteReceipt;

/** A client whose list endpoint serves `all` filtered like the API, 100 per page; records queries. */
function fakeClient(all: RemoteReceipt[], queries: ReceiptQuery[] = []): OpenapiClient {
  return {
    listReceipts: async (q) => {
      queries.push(q);
      const hits = all.filter((r) => (!q.type || r.type === q.type) && (!q.parent_receipt_id || r.parent_receipt_id === q.parent_receipt_id)
        && (!q.created_at || (r.created_at ?? '').startsWith(q.created_at)));
      return { kind: 'ok', data: hits.slice(q.skip ?? 0, (q.skip ?? 0) + (q.limit ?? 100)) };
    },
  } as OpenapiClient;
}

describe('lookupSale', () => {
  it('pages through the day until it finds the receipt tagged with the local id', async () => {
    const others = Array.from({ length: 230 }, (_, i) => rec(`r${i}`, { tags: [`other-${i}`] }));
    const queries: ReceiptQuery[] = [];
    const res = await lookupSale(fakeClient([...others, rec('mine', { tags: ['doc-1', '2026-03-10/0001'] })], queries), '123', row({}), new Date('2026-03-10T10:01:00Z'));
    expect(res).toMatchObject({ kind: 'found', remote: { id: 'mine' } });
    expect(queries.map((q) => q.skip)).toEqual([0, 100, 200]);
    expect(queries.every((q) => q.fiscal_id === '123' && q.created_at === '2026-03-10' && q.type === 'sale' && q.limit === 100)).toBe(true);
  });

  it('is absent when no receipt carries the tag', async () => {
    expect(await lookupSale(fakeClient([rec('x', { tags: ['doc-2'] })]), '123', row({}), new Date('2026-03-10T10:01:00Z'))).toEqual({ kind: 'absent' });
  });

  it('prefers a valid receipt; a rejected one counts only if made by the current attempts', async () => {
    const old = rec('old', { tags: ['doc-1'], status: 'failed', created_at: '2026-03-10T08:00:00.000Z' });
    const r = row({ firstAttemptAt: '2026-03-10T10:00:00.000Z' });
    expect(await lookupSale(fakeClient([old]), '1', r, new Date('2026-03-10T10:01:00Z'))).toEqual({ kind: 'absent' });
    const fresh = rec('fresh', { tags: ['doc-1'], status: 'failed', created_at: '2026-03-10T10:00:02.000Z' });
    expect(await lookupSale(fakeClient([old, fresh]), '1', r, new Date('2026-03-10T10:01:00Z'))).toMatchObject({ remote: { id: 'fresh' } });
    const good = rec('good', { tags: ['doc-1'], status: 'new' });
    expect(await lookupSale(fakeClient([fresh, good]), '1', r, new Date('2026-03-10T10:01:00Z'))).toMatchObject({ remote: { id: 'good' } });
  });

  it('passes on an API failure instead of concluding "absent"', async () => {
    const client = { listReceipts: async () => ({ kind: 'ambiguous', message: 'HTTP 502' }) } as unknown as OpenapiClient;
    expect(await lookupSale(client, '1', row({}), new Date('2026-03-10T10:01:00Z'))).toEqual({ kind: 'error', outcome: { kind: 'ambiguous', message: 'HTTP 502' } });
  });
});

describe('lookupChild', () => {
  const ret = (id: string, items: { quantity: number; return?: number }[], over: Partial<RemoteReceipt> = {}) =>
    rec(id, { type: 'return', parent_receipt_id: 'P', items: items.map((i, k) => ({ id: `${id}-${k}`, ...i })), ...over });
  const r = row({ kind: 'return', parentId: 'sale-1' });

  it('reads the returned quantity from `return` when the API fills it (quantity 11, return 1)', async () => {
    const res = await lookupChild(fakeClient([ret('a', [{ quantity: 11, return: 3 }]), ret('b', [{ quantity: 11, return: 1 }])]), 'P', r, new Set(), [100]);
    expect(res).toMatchObject({ kind: 'found', remote: { id: 'b' } });
  });

  it('never adopts a child another local document owns, nor one older than our first attempt', async () => {
    const owned = ret('owned', [{ quantity: 1 }]);
    const before = ret('before', [{ quantity: 1 }], { created_at: '2026-03-10T09:00:00.000Z' });
    expect(await lookupChild(fakeClient([owned, before]), 'P', r, new Set(['owned']), [100])).toEqual({ kind: 'absent' });
  });

  it('adopts the only unowned child made since our attempt even if its items cannot be compared', async () => {
    expect(await lookupChild(fakeClient([ret('z', [{ quantity: 2 }])]), 'P', r, new Set(), [100])).toMatchObject({ remote: { id: 'z' } });
    const v = row({ kind: 'void', parentId: 'sale-1' });
    expect(await lookupChild(fakeClient([rec('v1', { type: 'void', parent_receipt_id: 'P' })]), 'P', v, new Set(), null)).toMatchObject({ remote: { id: 'v1' } });
  });

  it('looks for a void sent as a full return among the sale’s returns, never among its voids', async () => {
    const v = row({ kind: 'void', parentId: 'sale-1', sentAs: 'return' });
    const queries: ReceiptQuery[] = [];
    const client = fakeClient([rec('v1', { type: 'void', parent_receipt_id: 'P' }), ret('r1', [{ quantity: 2, return: 2 }, { quantity: 1, return: 1 }])], queries);
    expect(await lookupChild(client, 'P', v, new Set(), [200, 100])).toMatchObject({ kind: 'found', remote: { id: 'r1' } });
    expect(queries.every((q) => q.type === 'return')).toBe(true);
    expect(await lookupChild(fakeClient([rec('v1', { type: 'void', parent_receipt_id: 'P' })]), 'P', v, new Set(), [200, 100])).toEqual({ kind: 'absent' });
  });
});
