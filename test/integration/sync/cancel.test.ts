// A sale that never reached the Agenzia delle Entrate can be cancelled locally, and its returns and
// voids never wait for ever behind it. Checked from what the manager sees in the history (the real
// dispatcher over the ledger the sync works on) and from what the API ends up holding.
import { describe, it, expect, afterEach } from 'vitest';
import { harness, type Harness } from './harness.js';
import { tillView, type TillView } from './till-view.js';
import { commitSale, recordVoid } from '../../../backend/ledger/index.js';
import { getSyncStatus, retryDocument } from '../../../backend/sync/status.js';
import { getOutboxRow } from '../../../backend/sync/outbox.js';
import { fiscalSection } from '../../../backend/reports/index.js';
import type { SyncPort } from '../../../backend/api/context.js';

let h: Harness;
let till: TillView;
afterEach(async () => { await h?.close(); });

const card = (cents: number, quantity = 1) => ({
  lines: [{ description: 'Maglione', unit_price_cents: cents, vat_code: '22' as const, quantity }],
  payments: [{ method: 'electronic' as const, amount_cents: cents * quantity }],
});
const st = (id: string) => getOutboxRow(h.ledger.db, id)!.state;
const writes = () => h.emu.requests().filter((r) => r.method !== 'GET').length;

async function setup(): Promise<void> {
  h = await harness();
  const port: SyncPort = {
    status: () => ({ online: null, lastSuccessAt: null, problem: null, problemEn: null }),
    retry: (id, actor) => retryDocument(h.ledger.db, id, { clock: h.clock, operatorId: actor }),
  };
  till = await tillView(h.ledger.db, h.clock, port);
}

/** A sale the API refuses (its payments no longer add up, as a till bug would leave them), settled to «Errore». */
async function refusedSale(quantity = 1): Promise<{ id: string; number: string }> {
  const r = commitSale(h.ledger.db, h.clock, card(1500, quantity));
  h.ledger.db.prepare('UPDATE payments SET applied_cents = applied_cents - 1 WHERE document_id = ?').run(r.id);
  await h.settle();
  expect(st(r.id)).toBe('failed');
  return { id: r.id, number: r.number };
}

const row = async (id: string) => (await till.ok('documents.history', { status: 'all' })).rows.find((r) => r.id === id)!;
const auditOf = (id: string) => h.ledger.db.prepare(`SELECT actor, action, payload FROM audit_log WHERE entity_id = ? ORDER BY seq`).all(id) as { actor: string | null; action: string; payload: string }[];

describe('a void of a sale that never reached the AdE', () => {
  it('cancels the transmission of both at once: nothing reaches the API, the void does not wait, «Riprova» is refused', async () => {
    await setup();
    const sale = await refusedSale();
    const before = writes();
    const v = await till.ok('documents.void', { sale: sale.id });
    // What the manager sees straight after the void.
    expect(await row(sale.id)).toMatchObject({ fiscalPhase: 'cancelled', fiscalGroup: 'cancelled', saleMark: 'voided' });
    expect(await row(v.id)).toMatchObject({ fiscalPhase: 'cancelled', kind: 'void' });
    const detail = await till.ok('documents.get', { ref: sale.id });
    expect(detail.cancellation).toMatchObject({ by: null, reason: expect.stringMatching(/annullata in cassa .* senza essere mai arrivata all'Agenzia delle Entrate/) });
    expect(detail.canRetry).toBe(false);
    expect(detail.cancelTransmission).toMatchObject({ allowed: false, reason: expect.stringMatching(/già escluso dall'invio/) });
    const s = await h.settle();
    expect(writes()).toBe(before);
    expect(h.emu.receipts()).toHaveLength(0);
    expect(s.status).toMatchObject({ pending: 0, waitingForParent: 0, failed: 0, cancelled: 2 });
    const retry = await till.err('documents.retry', { id: sale.id });
    expect(retry.code).toBe('SYNC_CANCELLED');
    expect(retry.message).toMatch(/escluso dall'invio \(non trasmesso\): non si può ritrasmettere/);
    expect(auditOf(sale.id).map((a) => a.action)).toEqual(['document.sale', 'fiscal.failed', 'fiscal.cancelled']);
  });

  it('also when the void comes from elsewhere (command line): the sync settles it before sending anything, and retry is refused', async () => {
    await setup();
    const sale = await refusedSale();
    const v = recordVoid(h.ledger.db, h.clock, { sale: sale.id }).id;
    expect(() => retryDocument(h.ledger.db, sale.id, { clock: h.clock })).toThrow(/escluso dall'invio/);
    await h.settle();
    expect([st(sale.id), st(v)]).toEqual(['cancelled', 'cancelled']);
    expect(h.emu.requests().filter((r) => r.method === 'DELETE')).toHaveLength(0);
    expect(h.emu.receipts()).toHaveLength(0);
  });
});

describe('«Non trasmettere» for a sale that never reached the AdE', () => {
  it('a partial return waits for the decision, said plainly; cancelling the sale (manager, reason) cancels it too, audited', async () => {
    await setup();
    const sale = await refusedSale(2);
    const ret = await till.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] });
    await h.settle();
    expect(st(ret.id)).toBe('pending');
    expect(await row(ret.id)).toMatchObject({ fiscalPhase: 'parent_refused', fiscalGroup: 'queued' });
    expect(await row(sale.id)).toMatchObject({ fiscalPhase: 'refused', saleMark: 'returned_partial' });

    expect((await till.err('documents.cancelTransmission', { id: sale.id, reason: '' })).field).toBe('reason');
    const r = await till.ok('documents.cancelTransmission', { id: sale.id, reason: 'Cliente andato via, vendita rifatta senza errore' });
    expect(r).toEqual({ state: 'cancelled', cancelled: 2 });
    expect([st(sale.id), st(ret.id)]).toEqual(['cancelled', 'cancelled']);
    const detail = await till.ok('documents.get', { ref: sale.id });
    expect(detail.cancellation).toMatchObject({ by: 'Marco', reason: 'Cliente andato via, vendita rifatta senza errore' });
    const entry = auditOf(sale.id).find((a) => a.action === 'fiscal.cancelled')!;
    expect(JSON.parse(entry.payload)).toMatchObject({ reason: 'Cliente andato via, vendita rifatta senza errore', cause: 'manager', previousState: 'failed' });

    // A later return of that sale has nothing to undo at the AdE either.
    const late = await till.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] });
    expect(await row(late.id)).toMatchObject({ fiscalPhase: 'cancelled' });
    expect(await row(sale.id)).toMatchObject({ saleMark: 'returned_full' });
    const before = writes();
    await h.settle();
    expect(writes()).toBe(before);
    expect((await till.ok('documents.history', { status: 'cancelled' })).rows.map((x) => x.id).sort()).toEqual([sale.id, ret.id, late.id].sort());
    expect(getSyncStatus(h.ledger.db, h.clock)).toMatchObject({ pending: 0, failed: 0, cancelled: 3 });
  });

  it('«Riprova» after the cause is fixed sends the sale, and its return goes after it', async () => {
    await setup();
    const sale = await refusedSale(2);
    const ret = await till.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] });
    await h.settle();
    h.ledger.db.prepare('UPDATE payments SET applied_cents = applied_cents + 1 WHERE document_id = ?').run(sale.id);
    expect(await till.ok('documents.retry', { id: sale.id })).toEqual({ state: 'pending' });
    await h.settle();
    expect([st(sale.id), st(ret.id)]).toEqual(['ready', 'ready']);
    const remote = h.emu.receipts();
    expect(remote.map((x) => x.type)).toEqual(['sale', 'return']);
    expect(remote[1]!.parent_receipt_id).toBe(remote[0]!.id);
  });

  it('is refused for what is or may be at the AdE; a sale not sent yet can be cancelled and is never sent', async () => {
    await setup();
    const ready = commitSale(h.ledger.db, h.clock, card(500)).id;
    await h.settle();
    expect((await till.err('documents.cancelTransmission', { id: ready, reason: 'prova' })).code).toBe('SYNC_AT_ADE');
    const d = await till.ok('documents.get', { ref: ready });
    expect(d.cancelTransmission).toEqual({ allowed: false, reason: expect.stringMatching(/già arrivato all'Agenzia delle Entrate/), reasonEn: expect.any(String) });
    expect(d.fiscalPhase).toBe('ready');

    const checking = commitSale(h.ledger.db, h.clock, card(600)).id;
    h.ledger.db.prepare(`UPDATE outbox SET state = 'unknown' WHERE document_id = ?`).run(checking);
    expect((await till.err('documents.cancelTransmission', { id: checking, reason: 'prova' })).code).toBe('SYNC_CHECKING');
    h.ledger.db.prepare(`UPDATE outbox SET state = 'sending' WHERE document_id = ?`).run(checking);
    expect((await till.err('documents.cancelTransmission', { id: checking, reason: 'prova' })).code).toBe('SYNC_SENDING');
    h.ledger.db.prepare(`UPDATE outbox SET state = 'pending' WHERE document_id = ?`).run(checking);

    const notYet = commitSale(h.ledger.db, h.clock, card(700)).id;
    expect((await till.ok('documents.get', { ref: notYet })).fiscalPhase).toBe('to_send');
    expect(await till.ok('documents.cancelTransmission', { id: notYet, reason: 'Registrata due volte per errore' })).toEqual({ state: 'cancelled', cancelled: 1 });
    const posts = h.emu.requests().filter((r) => r.method === 'POST').length;
    await h.settle();
    expect(h.emu.requests().filter((r) => r.method === 'POST').length).toBe(posts + 1); // only `checking`
    expect(st(notYet)).toBe('cancelled');
    expect(h.emu.receipts().some((x) => x.tags.includes(notYet))).toBe(false);
  });
});

describe('end of day', () => {
  it('counts a cancelled document as not accepted by the AdE, labelled as such (closing needs a note)', async () => {
    await setup();
    const sale = await refusedSale();
    await till.ok('documents.cancelTransmission', { id: sale.id, reason: 'Vendita rifatta' });
    const day = h.ledger.db.prepare('SELECT business_day FROM documents WHERE id = ?').pluck().get(sale.id) as string;
    const f = fiscalSection(h.ledger.db, { from: day, to: day }, 'rows');
    expect(f).toMatchObject({ total: 1, ready: 0, pending: 0, failed: 1 });
    expect(f.notReady).toEqual([expect.objectContaining({ id: sale.id, state: 'cancelled', bucket: 'failed' })]);
  });
});
