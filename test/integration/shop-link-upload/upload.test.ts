// The journal up, till → shop server (issue #14), on a real PostgreSQL: a day of work on a joined till
// reaches the server once, with its rows; a resend after a lost answer duplicates nothing; entries
// out of order are stored but acked only once contiguous; a tampered journal is named.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putItem } from '../../../server/master/store.js';
import { commitSale, recordReturn, recordVoid } from '../../../backend/ledger/index.js';
import { recordCashMovement } from '../../../backend/reports/cash.js';
import { closeDay } from '../../../backend/reports/close.js';
import { dataDirKeyProvider } from '../../../backend/secrets.js';
import { readShopLinkConfig } from '../../../backend/shop-link/config.js';
import { createShopLinkLoop } from '../../../backend/shop-link/loop.js';
import { shopLinkClient } from '../../../backend/shop-link/client.js';
import { shopLinkStatus } from '../../../backend/shop-link/status.js';
import { journalBatch } from '../../../backend/shop-link/upload.js';
import { UploadResponseSchema, type TillReport } from '../../../shared/server-api.js';
import { fakeClock } from '../../../shared/time.js';
import { sha256 } from '../../../server/pairing.js';
import { cli } from '../cli/helpers.js';
import { tempLedger, type TempLedger } from '../sync/fixtures.js';
import { joinTill, startShopServer, type ShopServer } from '../../fixtures/shop-link-upload.js';

let server: ShopServer;
const ledgers: TempLedger[] = [];
beforeAll(async () => { server = await startShopServer(); });
afterAll(async () => { for (const l of ledgers) l.cleanup(); await server?.close(); });

const clock = fakeClock(new Date('2026-11-20T10:00:00.000Z'));
const REPORT: TillReport = {
  at: '2026-11-20T10:00:00.000Z', pendingUploads: 0, ade: { queued: 0, failed: 0, lastSuccessAt: null, problem: null },
  printer: { state: 'not_configured', queued: 0, message: null }, masterVersion: 0, appVersion: 'test',
};

/** A joined till (its join journaled) with a day's work: 3 sales, a return, a void, an opening float, cash paid out, a Z (9 journal entries). */
async function tillWithADay(): Promise<TempLedger & { tillId: string; token: string }> {
  const l = tempLedger('bancone-upload-');
  ledgers.push(l);
  await joinTill(server, l.dir);
  const { db } = l;
  recordCashMovement(db, clock, { kind: 'float', amount_cents: 10000 });
  const s1 = commitSale(db, clock, { lines: [{ description: 'Pane', unit_price_cents: 250, vat_code: '4', quantity: 2 }, { description: 'Vino', unit_price_cents: 750, vat_code: '22', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 2000 }] });
  const s2 = commitSale(db, clock, { lines: [{ description: 'Latte', unit_price_cents: 120, vat_code: '4', quantity: 1 }], payments: [{ method: 'electronic', amount_cents: 120 }] });
  commitSale(db, clock, { lines: [{ description: 'Caffè', unit_price_cents: 499, vat_code: '10', quantity: 1, discount_cents: 50 }], payments: [{ method: 'electronic', amount_cents: 449 }] });
  recordReturn(db, clock, { sale: s1.id, lines: [{ line_no: 1, quantity: 1 }] });
  recordVoid(db, clock, { sale: s2.id });
  recordCashMovement(db, clock, { kind: 'out', amount_cents: 500, reason: 'Pagato il fornitore del pane' });
  await closeDay(db, clock, { note: 'Rete assente: scontrini da inviare' });
  const token = readShopLinkConfig(db, dataDirKeyProvider(l.dir))!.token;
  const tillId = String((await server.pool.query('SELECT till_id FROM till_tokens WHERE token_hash = $1', [sha256(token)])).rows[0].till_id);
  return { ...l, tillId, token };
}

const count = async (sql: string, params: unknown[]) => Number((await server.pool.query(sql, params)).rows[0].n);
const tillCount = (l: TempLedger, table: string) => (l.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const lastSeq = (l: TempLedger) => (l.db.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;

/** What the server holds of a till, row counts per table. */
async function held(tillId: string) {
  const docs = 'SELECT id FROM documents WHERE till_id = $1';
  return {
    journal: await count('SELECT count(*) AS n FROM journal WHERE till_id = $1', [tillId]),
    documents: await count(`SELECT count(*) AS n FROM (${docs}) d`, [tillId]),
    document_lines: await count(`SELECT count(*) AS n FROM document_lines WHERE document_id IN (${docs})`, [tillId]),
    payments: await count(`SELECT count(*) AS n FROM payments WHERE document_id IN (${docs})`, [tillId]),
    vat_rows: await count(`SELECT count(*) AS n FROM vat_rows WHERE document_id IN (${docs})`, [tillId]),
    cash_movements: await count('SELECT count(*) AS n FROM cash_movements WHERE till_id = $1', [tillId]),
    closures: await count('SELECT count(*) AS n FROM closures WHERE till_id = $1', [tillId]),
  };
}
const onTill = (l: TempLedger) => ({
  journal: tillCount(l, 'audit_log'), documents: tillCount(l, 'documents'), document_lines: tillCount(l, 'document_lines'),
  payments: tillCount(l, 'payments'), vat_rows: tillCount(l, 'vat_rows'), cash_movements: tillCount(l, 'cash_movements'), closures: tillCount(l, 'day_closures'),
});

describe('the journal up: till → shop server', () => {
  it('a day of work on a joined till reaches the server once, with its rows; the till reads «ok», 0 pending', async () => {
    const till = await tillWithADay();
    expect(onTill(till)).toMatchObject({ journal: 9, documents: 5, cash_movements: 2, closures: 1 });
    const loop = createShopLinkLoop({ db: till.db, clock, config: () => readShopLinkConfig(till.db, dataDirKeyProvider(till.dir)) });
    const r = await loop.round();
    expect(r).toMatchObject({ state: 'ok', sent: lastSeq(till), ackSeq: lastSeq(till) });

    expect(await held(till.tillId)).toEqual(onTill(till));
    const sync = (await server.pool.query('SELECT ack_seq, ack_hash, chain_broken_at, report FROM till_sync WHERE till_id = $1', [till.tillId])).rows[0];
    expect({ ...sync, ack_seq: Number(sync.ack_seq) }).toMatchObject({ ack_seq: lastSeq(till), chain_broken_at: null, report: { pendingUploads: lastSeq(till), appVersion: 'dev' } });
    expect(sync.ack_hash).toBe((till.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string }).hash);
    // The documents as the till holds them: number, kind, totals.
    const docs = (await server.pool.query('SELECT number, kind, total_cents::int AS total FROM documents WHERE till_id = $1 ORDER BY seq', [till.tillId])).rows;
    expect(docs).toEqual(till.db.prepare('SELECT number, kind, total_cents AS total FROM documents ORDER BY seq').all());
    expect(shopLinkStatus(till.db)).toMatchObject({ state: 'ok', pending: 0, chainBrokenAt: null, problem: null, lastUploadAt: clock.now().toISOString() });

    // What `bancone till status` and `bancone status` say of it.
    const tillCode = readShopLinkConfig(till.db, dataDirKeyProvider(till.dir))!.tillCode;
    const text = await cli(till.dir, ['till', 'status']);
    expect(text).toEqual({ code: 0, stderr: '', stdout:
      `Cassa ${tillCode}, server ${server.url}: in linea\nIn attesa di invio: 0 registrazioni\nUltimo invio: 20/11/2026 11:00\nVersione anagrafiche: 0\n` });
    const json = await cli(till.dir, ['till', 'status', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ url: server.url, tillCode, state: 'ok', pending: 0, lastUploadAt: '2026-11-20T10:00:00.000Z',
      masterVersion: 0, chainBrokenAt: null, problem: null, problemEn: null });
    expect((await cli(till.dir, ['status'])).stdout).toContain(`Cassa ${tillCode}, server ${server.url}: in linea\nIn attesa di invio: 0 registrazioni\n`);
    expect(JSON.parse((await cli(till.dir, ['status', '--json'])).stdout).server).toMatchObject({ state: 'ok', pending: 0 });

    // Nothing new: a second round sends nothing, writes nothing on the till.
    const stateBefore = till.db.prepare('SELECT key, value, updated_at FROM sync_state ORDER BY key').all();
    expect(await loop.round()).toMatchObject({ state: 'ok', sent: 0 });
    expect(till.db.prepare('SELECT key, value, updated_at FROM sync_state ORDER BY key').all()).toEqual(stateBefore);
  });

  it('the same batch twice (the answer lost on the way back): nothing duplicated, the next upload acks', async () => {
    const till = await tillWithADay();
    let drops = 2; // the client's own immediate second try is lost too: the round ends unreachable
    // Lets the request through, then throws as if the connection dropped before the answer came.
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (drops > 0) { drops--; await res.text(); throw new TypeError('fetch failed: connection reset'); }
      return res;
    };
    const loop = createShopLinkLoop({ db: till.db, clock, fetch: lossy, config: () => readShopLinkConfig(till.db, dataDirKeyProvider(till.dir)) });
    expect(await loop.round()).toMatchObject({ state: 'unreachable', sent: 0 });
    expect(shopLinkStatus(till.db)).toMatchObject({ state: 'unreachable', pending: lastSeq(till) });
    expect((await held(till.tillId)).journal).toBe(lastSeq(till)); // it did arrive
    expect(await loop.round()).toMatchObject({ state: 'ok', sent: lastSeq(till), ackSeq: lastSeq(till) });
    expect(await held(till.tillId)).toEqual(onTill(till));
    expect(shopLinkStatus(till.db)).toMatchObject({ state: 'ok', pending: 0 });
  });

  it('a server restored from an older backup (it holds 1–3 of 9): the till sends again from its ack, everything arrives', async () => {
    const till = await tillWithADay();
    const loop = createShopLinkLoop({ db: till.db, clock, config: () => readShopLinkConfig(till.db, dataDirKeyProvider(till.dir)) });
    expect(await loop.round()).toMatchObject({ state: 'ok', ackSeq: 9 });
    // The backup was taken when the server held entries 1–3 (and what they record) of this till.
    const c = await server.pool.connect();
    try {
      await c.query('BEGIN');
      const docs = 'SELECT id FROM documents WHERE till_id = $1 AND journal_seq > 3';
      for (const t of ['document_lines', 'payments', 'vat_rows']) await c.query(`DELETE FROM ${t} WHERE document_id IN (${docs})`, [till.tillId]);
      await c.query('DELETE FROM documents WHERE till_id = $1 AND journal_seq > 3', [till.tillId]);
      await c.query("DELETE FROM cash_movements WHERE till_id = $1 AND kind = 'out'", [till.tillId]);
      await c.query('DELETE FROM closures WHERE till_id = $1', [till.tillId]);
      await c.query('DELETE FROM journal WHERE till_id = $1 AND seq > 3', [till.tillId]);
      await c.query('UPDATE till_sync SET ack_seq = 3, ack_hash = (SELECT hash FROM journal WHERE till_id = $1 AND seq = 3) WHERE till_id = $1', [till.tillId]);
      await c.query('COMMIT');
    } finally { c.release(); }
    expect((await held(till.tillId)).journal).toBe(3);
    // The server answers ack 3: the till takes its word and sends 4–9 again in the same round.
    expect(await loop.round()).toMatchObject({ state: 'ok', sent: 6, ackSeq: 9 });
    expect(await held(till.tillId)).toEqual(onTill(till));
    expect(shopLinkStatus(till.db)).toMatchObject({ state: 'ok', pending: 0, chainBrokenAt: null });
  });

  it('entries 5–8 before 1–4: stored but not acked (ack 0), then acked to 8', async () => {
    const till = await tillWithADay();
    const client = shopLinkClient({ url: server.url, token: till.token });
    const all = journalBatch(till.db, 0, 8);
    // (A batch is also cut by size, keeping at least one entry: the server's body limit is never reached.)
    const two = Buffer.byteLength(JSON.stringify(all[0])) + Buffer.byteLength(JSON.stringify(all[1]));
    expect(journalBatch(till.db, 0, 8, 1).map((e) => e.seq)).toEqual([1]);
    expect(journalBatch(till.db, 0, 8, two).map((e) => e.seq)).toEqual([1, 2]);
    expect(await client.post('/till/journal', { entries: all.slice(4, 8), report: REPORT }, UploadResponseSchema)).toEqual({ ackSeq: 0, chainBrokenAt: null });
    expect((await held(till.tillId)).journal).toBe(4);
    expect(await client.post('/till/journal', { entries: all.slice(0, 4), report: REPORT }, UploadResponseSchema)).toEqual({ ackSeq: 8, chainBrokenAt: null });
  });

  it('a document that is not what its journal entry recorded (its digest differs) is named as the break', async () => {
    const till = await tillWithADay();
    const client = shopLinkClient({ url: server.url, token: till.token });
    const entries = journalBatch(till.db, 0);
    const i = entries.findIndex((e) => e.action === 'document.sale');
    entries[i]!.document!.lines[0]!.amountCents -= 100; // the chain is intact, the document is not
    expect(await client.post('/till/journal', { entries, report: REPORT }, UploadResponseSchema)).toEqual({ ackSeq: lastSeq(till), chainBrokenAt: entries[i]!.seq });
    const sync = (await server.pool.query('SELECT chain_problem FROM till_sync WHERE till_id = $1', [till.tillId])).rows[0];
    expect(sync.chain_problem).toBe(`il documento ${entries[i]!.document!.number} non corrisponde all'impronta registrata nel giornale`);
  });

  it('an entry without the document it records is refused naming the field, and nothing is stored', async () => {
    const till = await tillWithADay();
    const entries = journalBatch(till.db, 0, 3);
    const i = entries.findIndex((e) => e.action === 'document.sale');
    delete entries[i]!.document;
    const r = await fetch(`${server.url}/till/journal`, { method: 'POST', headers: { authorization: `Bearer ${till.token}` }, body: JSON.stringify({ entries, report: REPORT }) });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: { code: 'REQUEST_INVALID', field: `entries.${i}.document`,
      message: `Richiesta al server: manca il campo «entries.${i}.document» (la registrazione «document.sale» arriva senza i dati che registra)` } });
    expect(await held(till.tillId)).toMatchObject({ journal: 0, documents: 0 });
    expect(await count('SELECT count(*) AS n FROM till_sync WHERE till_id = $1', [till.tillId])).toBe(0);
  });

  it('a tampered entry (its payload changed on the till): chainBrokenAt is its seq, and the till reads «chain_broken» naming it', async () => {
    const till = await tillWithADay();
    // Someone with the database file rewrites a sale's journaled total (the triggers are dropped first).
    const target = till.db.prepare("SELECT seq, payload FROM audit_log WHERE action = 'document.sale' ORDER BY seq LIMIT 1 OFFSET 1").get() as { seq: number; payload: string };
    till.db.exec('DROP TRIGGER audit_log_no_update');
    till.db.prepare('UPDATE audit_log SET payload = ? WHERE seq = ?').run(target.payload.replace(/"totalCents":\d+/, '"totalCents":1'), target.seq);
    const loop = createShopLinkLoop({ db: till.db, clock, config: () => readShopLinkConfig(till.db, dataDirKeyProvider(till.dir)) });
    expect(await loop.round()).toMatchObject({ state: 'ok', ackSeq: lastSeq(till) });
    const sync = (await server.pool.query('SELECT chain_broken_at, chain_problem FROM till_sync WHERE till_id = $1', [till.tillId])).rows[0];
    expect({ at: Number(sync.chain_broken_at), problem: sync.chain_problem }).toEqual({ at: target.seq, problem: `la registrazione n. ${target.seq} è stata alterata (l'impronta non corrisponde)` });
    expect(shopLinkStatus(till.db)).toMatchObject({
      state: 'chain_broken', chainBrokenAt: target.seq, pending: 0,
      problem: `Server del negozio: il giornale di questa cassa risulta interrotto alla registrazione n. ${target.seq}; avvisare il responsabile`,
    });
    // What the server stored is kept: the same seq arriving again different is not taken.
    const stored = (await server.pool.query('SELECT payload FROM journal WHERE till_id = $1 AND seq = $2', [till.tillId, target.seq])).rows[0].payload;
    expect(stored).toContain('"totalCents":1}');
  });
});

describe('the report after a pull', () => {
  it('a catalogue change reaches the back office as this till\'s master version in the same round, not one behind', async () => {
    const l = tempLedger('bancone-upload-');
    ledgers.push(l);
    await joinTill(server, l.dir);
    const cfg = readShopLinkConfig(l.db, dataDirKeyProvider(l.dir))!;
    const tillId = String((await server.pool.query('SELECT till_id FROM till_tokens WHERE token_hash = $1', [sha256(cfg.token)])).rows[0].till_id);
    const shopId = String((await server.pool.query('SELECT shop_id FROM tills WHERE id = $1', [tillId])).rows[0].shop_id);
    const loop = createShopLinkLoop({ db: l.db, clock, config: () => readShopLinkConfig(l.db, dataDirKeyProvider(l.dir)) });
    expect(await loop.round()).toMatchObject({ state: 'ok' });

    await putItem(server.pool, clock, shopId, 'department', randomUUID(), { code: 'PANE', name: 'Panetteria', vatCode: '4' });
    const shopVersion = Number((await server.pool.query('SELECT master_version FROM shops WHERE id = $1', [shopId])).rows[0].master_version);
    expect(await loop.round()).toMatchObject({ state: 'ok' });
    expect(shopLinkStatus(l.db)).toMatchObject({ masterVersion: shopVersion });
    const reported = (await server.pool.query('SELECT report FROM till_sync WHERE till_id = $1', [tillId])).rows[0].report;
    expect(reported.masterVersion).toBe(shopVersion);
  });
});

describe('a server too slow for a full batch', () => {
  it('a batch that never gets its answer in time is halved until it does: the till catches up instead of resending the same batch for ever', async () => {
    const l = tempLedger('bancone-upload-');
    ledgers.push(l);
    await joinTill(server, l.dir);
    for (let i = 0; i < 30; i++)
      commitSale(l.db, clock, { lines: [{ description: 'Pane', unit_price_cents: 100 + i, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 500 }] });
    // The server takes at most 8 entries within the till's timeout; a bigger batch is never answered.
    let tooBig = 0;
    const slow: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) as { entries?: unknown[] } : {};
      if ((body.entries?.length ?? 0) > 8) { tooBig++; throw new DOMException('The operation was aborted due to timeout', 'TimeoutError'); }
      return fetch(input, init);
    };
    const loop = createShopLinkLoop({ db: l.db, clock, fetch: slow, config: () => readShopLinkConfig(l.db, dataDirKeyProvider(l.dir)) });
    let rounds = 0;
    while (shopLinkStatus(l.db)!.pending > 0 || shopLinkStatus(l.db)!.state !== 'ok') {
      expect(++rounds, 'rounds before the till caught up').toBeLessThan(40);
      await loop.round();
    }
    expect(tooBig).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM documents d JOIN till_tokens k ON k.till_id = d.till_id WHERE k.token_hash = $1',
      [sha256(readShopLinkConfig(l.db, dataDirKeyProvider(l.dir))!.token)])).toBe(30);
  });
});
