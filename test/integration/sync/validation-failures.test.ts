// Each kind of refusal by the API ends the document in `failed` with the API's own message, after
// one attempt: nothing loops. A manager can send it again once the cause is fixed.
import { describe, it, expect, afterEach } from 'vitest';
import { harness, type Harness } from './harness.js';
import { TOKEN } from './fixtures.js';
import { commitSale, recordReturn, recordVoid } from '../../../backend/ledger/index.js';
import { getSyncStatus, listFailed, retryDocument } from '../../../backend/sync/status.js';
import { getOutboxRow } from '../../../backend/sync/outbox.js';

let h: Harness;
afterEach(async () => { await h?.close(); });

const card = (cents: number, extra: Record<string, unknown> = {}) => ({
  lines: [{ description: 'Maglione', unit_price_cents: cents, vat_code: '22' as const, quantity: 1 }],
  payments: [{ method: 'electronic' as const, amount_cents: cents }],
  ...extra,
});

async function expectFailedOnce(id: string, message: RegExp, method: string): Promise<void> {
  const before = h.requests(method);
  await h.settle(10, 30_000);
  const row = getOutboxRow(h.ledger.db, id)!;
  expect(row.state).toBe('failed');
  expect(row.lastErrorMessage).toMatch(message);
  expect(row.attempts).toBe(1);
  expect(h.requests(method)).toBe(before + 1);
  // More time and more drains change nothing: the refusal is final until a manager acts.
  h.clock.advance(3_600_000);
  await h.engine.drainOnce();
  expect(h.requests(method)).toBe(before + 1);
  expect(getOutboxRow(h.ledger.db, id)!.attempts).toBe(1);
  expect(listFailed(h.ledger.db).map((f) => f.documentId)).toContain(id);
}

async function syncedSale(cents = 2500): Promise<{ id: string; remoteId: string; itemId: string }> {
  const id = commitSale(h.ledger.db, h.clock, card(cents)).id;
  await h.settle();
  const row = getOutboxRow(h.ledger.db, id)!;
  expect(row.state).toBe('ready');
  return { id, remoteId: row.remoteId!, itemId: row.remoteItems![0]!.id };
}

function direct(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${h.emu.url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
}

describe('API refusals are final, shown with the API message, and do not loop', () => {
  it('payments that do not add up to the total', async () => {
    h = await harness();
    const id = commitSale(h.ledger.db, h.clock, card(1999)).id;
    h.ledger.db.prepare('UPDATE payments SET applied_cents = applied_cents - 1 WHERE document_id = ?').run(id);
    await expectFailedOnce(id, /^The sum of payments \(19\.98\) does not match the receipt total \(19\.99\)$/, 'POST');
    expect(getSyncStatus(h.ledger.db, h.clock).lastError?.message).toMatch(/sum of payments/);
  });

  it('lottery code with a payment that is not fully electronic', async () => {
    h = await harness();
    const id = commitSale(h.ledger.db, h.clock, card(1500, { lottery_code: 'ABCD1234' })).id;
    h.ledger.db.prepare(`UPDATE payments SET method = 'cash' WHERE document_id = ?`).run(id);
    await expectFailedOnce(id, /lottery_code cannot be used if the payment was not fully electronic/, 'POST');
  });

  it('lottery code on a total under € 1', async () => {
    h = await harness();
    const id = commitSale(h.ledger.db, h.clock, card(90)).id;
    h.ledger.db.prepare(`UPDATE documents SET lottery_code = 'ABCD1234' WHERE id = ?`).run(id);
    await expectFailedOnce(id, /lower than EUR 1\.00/, 'POST');
  });

  it('an item discount larger than the item', async () => {
    h = await harness();
    const id = commitSale(h.ledger.db, h.clock, card(1000)).id;
    h.ledger.db.prepare('UPDATE document_lines SET discount_cents = 1500 WHERE document_id = ?').run(id);
    h.ledger.db.prepare('UPDATE payments SET applied_cents = 0, amount_cents = 0 WHERE document_id = ?').run(id);
    await expectFailedOnce(id, /discount exceeds the item amount/, 'POST');
  });

  it('a field the spec does not allow is caught at our edge, before any request', async () => {
    h = await harness();
    const id = commitSale(h.ledger.db, h.clock, card(1000)).id;
    h.ledger.db.prepare(`UPDATE document_lines SET vat_code = '23' WHERE document_id = ?`).run(id);
    await h.settle();
    const row = getOutboxRow(h.ledger.db, id)!;
    expect(row.state).toBe('failed');
    expect(row.lastErrorCode).toBe('LOCAL_INVALID');
    expect(row.lastErrorMessage).toMatch(/^Documento non trasmissibile/);
    expect(h.requests('POST')).toBe(0);
  });

  it('a return of more than the API still has returnable (returned elsewhere meanwhile)', async () => {
    h = await harness();
    const sale = await syncedSale();
    expect((await direct('PATCH', `/IT-receipts/${sale.remoteId}`, { items: [{ id: sale.itemId, quantity: 1 }] })).status).toBe(200);
    const ret = recordReturn(h.ledger.db, h.clock, { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] }).id;
    await expectFailedOnce(ret, /exceeds the quantity still returnable \(0\.00\)/, 'PATCH');
  });

  it('a void of a sale the API already voided', async () => {
    h = await harness();
    const sale = await syncedSale();
    expect((await direct('DELETE', `/IT-receipts/${sale.remoteId}`)).status).toBe(200);
    const v = recordVoid(h.ledger.db, h.clock, { sale: sale.id }).id;
    await expectFailedOnce(v, /has already been voided/, 'DELETE');
  });

  it('the Agenzia rejects a receipt: failed with its message; a manager re-sends it and it goes through', async () => {
    h = await harness({ emu: { adeFailureRate: 1 } });
    const id = commitSale(h.ledger.db, h.clock, card(1200)).id;
    await h.settle();
    const row = getOutboxRow(h.ledger.db, id)!;
    expect(row.state).toBe('failed');
    expect(row.lastErrorMessage).toMatch(/Agenzia delle Entrate/);
    expect(row.lastErrorCode).toBe('00099');
    expect(() => retryDocument(h.ledger.db, commitSale(h.ledger.db, h.clock, card(100)).id, { clock: h.clock })).toThrow(/non è in errore/);
    h.emu.setLifecycle({ adeFailureRate: 0 });
    expect(retryDocument(h.ledger.db, id, { clock: h.clock, operatorId: null })).toEqual({ documentId: id, state: 'pending' });
    await h.settle();
    const after = getOutboxRow(h.ledger.db, id)!;
    expect(after.state).toBe('ready');
    expect(after.remoteId).not.toBe(row.remoteId);
    const audit = h.ledger.db.prepare(`SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq`).all(id) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['document.sale', 'fiscal.failed', 'fiscal.retry', 'fiscal.ready']);
  });
});
