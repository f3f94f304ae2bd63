// The till applies the shop's master data (issue #14): the back office edits on a real server (HTTP,
// admin token, a real PostgreSQL), the till pulls through its own client with its own token, and what
// a person sees at the counter changes: the price scanned and sold, a new barcode, a product gone,
// an operator who can log in, the shop's name.
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../../server/http.js';
import { shopLinkClient } from '../../../backend/shop-link/client.js';
import { masterCursor, pullMaster } from '../../../backend/shop-link/pull.js';
import { getSetting, setSetting } from '../../../backend/settings.js';
import { missingSetupSteps } from '../../../backend/training/mode.js';
import { withCheckDigit } from '../../../shared/barcode.js';
import { fakeClock } from '../../../shared/time.js';
import { loginCashier, loginManager, makeBackend, type Backend } from '../../unit/contract/helpers.js';
import { shopWithTill, startMasterPg, type MasterPg } from '../../fixtures/master-pg.js';

const FOC_EAN = withCheckDigit('800555000002');
const ADMIN = 'admin-token-for-the-master-tests-0123456789';
let pgs: MasterPg;
let pool: pg.Pool;
let server: RunningServer;
let shop: { shopId: string; token: string };
let till: Backend;
const serverClock = fakeClock('2026-12-01T08:00:00Z');

beforeAll(async () => { pgs = await startMasterPg(); }, 120_000);
afterAll(async () => { await pgs?.stop(); });

beforeEach(async () => {
  pool = await pgs.database(4);
  server = await startHttpServer({ pool, clock: serverClock, adminToken: ADMIN });
  shop = await shopWithTill(pool, 'Forno Rossi', serverClock);
  till = makeBackend();
});
afterEach(async () => { await server?.close(); });

/** The back office's call, as the browser makes it. */
async function admin(method: 'PUT' | 'DELETE', path: string, data?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${server.url}/admin/api/shops/${shop.shopId}/master/${path}`, {
    method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: data === undefined ? undefined : JSON.stringify({ data }),
  });
  return { status: r.status, body: await r.json() as Record<string, unknown> };
}

const product = (sku: string, description: string, priceCents: number, barcodes: string[], departmentId: string | null = null) =>
  ({ sku, description, priceCents, vatCode: '4', departmentId, soldByWeight: false, favourite: false, active: true, barcodes });

/** The till's client; `calls` records every path it asked for; from call `failAt` on (1-based) the server is gone: unreachable. */
function client(o: { failAt?: number } = {}) {
  const calls: string[] = [];
  const fetchSpy: typeof fetch = async (input, init) => {
    calls.push(String(input).replace(server.url, ''));
    if (o.failAt !== undefined && calls.length >= o.failAt) throw new TypeError('fetch failed');
    return fetch(input, init);
  };
  return { calls, c: shopLinkClient({ url: server.url, token: shop.token, fetch: fetchSpy }) };
}

describe('the till applies the server\'s master data', () => {
  it('a price changed on the server: the till scans the new price and its next sale\'s line is at that price', async () => {
    expect((await admin('PUT', 'department/dep-forno', { code: 'FORNO', name: 'Forno', vatCode: '4' })).status).toBe(200);
    // The server's LATTE replaces the till's own LATTE (same SKU and barcode): the server wins.
    expect((await admin('PUT', 'product/p-latte', product('LATTE', 'Latte fresco 1 l', 165, ['8001234567890'], 'dep-forno'))).status).toBe(200);
    expect(await pullMaster(till.db, client().c, till.clock)).toEqual({ applied: 2, version: 2 });

    await loginCashier(till);
    const scanned = await till.ok('catalog.lookup', { code: '8001234567890' });
    expect(scanned.product).toMatchObject({ id: 'p-latte', description: 'Latte fresco 1 l', priceCents: 165, department: 'FORNO' });
    expect((await till.ok('catalog.search', { text: 'latte fresco', limit: 5 })).products.map((p) => p.id)).toEqual(['p-latte']);

    await admin('PUT', 'product/p-latte', product('LATTE', 'Latte fresco 1 l', 179, ['8001234567890'], 'dep-forno'));
    expect(await pullMaster(till.db, client().c, till.clock)).toEqual({ applied: 1, version: 3 });
    const sale = await till.ok('sale.commit', { lines: [{ barcode: '8001234567890', quantity: 2 }], payments: [{ method: 'cash', amount_cents: 400 }] });
    expect(sale.totalCents).toBe(358);
    expect(till.db.prepare('SELECT description, unit_price_cents AS unit, amount_cents AS amount FROM document_lines').all())
      .toEqual([{ description: 'Latte fresco 1 l', unit: 179, amount: 358 }]);
  });

  it('a new product with a barcode scans; a tombstone takes it off the counter (the sold line keeps its description)', async () => {
    await admin('PUT', 'product/p-focaccia', product('FOC', 'Focaccia genovese', 250, [FOC_EAN]));
    await pullMaster(till.db, client().c, till.clock);
    await loginCashier(till);
    expect((await till.ok('catalog.lookup', { code: FOC_EAN })).product).toMatchObject({ description: 'Focaccia genovese', priceCents: 250 });
    await till.ok('sale.commit', { lines: [{ barcode: FOC_EAN }], payments: [{ method: 'cash', amount_cents: 250 }] });

    expect((await admin('DELETE', 'product/p-focaccia')).body).toMatchObject({ item: { id: 'p-focaccia', deleted: true, data: null } });
    expect((await pullMaster(till.db, client().c, till.clock)).applied).toBe(1);
    expect(await till.ok('catalog.lookup', { code: FOC_EAN })).toEqual({ product: null, label: null });
    expect(till.db.prepare(`SELECT active FROM products WHERE id = 'p-focaccia'`).get()).toEqual({ active: 0 });
    expect(till.db.prepare('SELECT description FROM document_lines').pluck().all()).toEqual(['Focaccia genovese']);
  });

  it('an operator made on the server logs in at the till with the PIN the back office gave; the shop\'s name comes too', async () => {
    await admin('PUT', 'operator/op-anna', { name: 'Anna', role: 'cashier', pin: '4321', active: true });
    await admin('PUT', 'setting/shop.name', { value: 'Forno Rossi snc' });
    await pullMaster(till.db, client().c, till.clock);
    expect(await till.ok('session.login', { operator_id: 'op-anna', pin: '4321' }, 's2')).toMatchObject({ id: 'op-anna', name: 'Anna', role: 'cashier' });
    expect(getSetting(till.db, 'shop.name')).toBe('Forno Rossi snc');
  });

  it('paging: 5 items with limit 2 come in 3 pages, each with its cursor; a restart after a failure resumes from the cursor; nothing new writes nothing', async () => {
    for (const n of [1, 2, 3, 4, 5]) await admin('PUT', `product/p${n}`, product(`SKU${n}`, `Prodotto ${n}`, n * 100, [`99000${n}`]));

    const broken = client({ failAt: 2 });
    await expect(pullMaster(till.db, broken.c, till.clock, { limit: 2 })).rejects.toMatchObject({ failure: 'unreachable' });
    expect(masterCursor(till.db)).toBe(2); // the first page is applied with its cursor, the second not at all
    expect(till.db.prepare(`SELECT id FROM products WHERE id LIKE 'p_' ORDER BY id`).pluck().all()).toEqual(['p1', 'p2']);

    const again = client(); // «restart»: a new client, the cursor from the ledger
    expect(await pullMaster(till.db, again.c, till.clock, { limit: 2 })).toEqual({ applied: 3, version: 5 });
    expect(again.calls).toEqual(['/till/master?since=2&limit=2', '/till/master?since=4&limit=2']);
    expect(till.db.prepare(`SELECT id, price_cents AS p FROM products WHERE id LIKE 'p_' ORDER BY id`).all().map((r) => Object.values(r as object).join(':')))
      .toEqual(['p1:100', 'p2:200', 'p3:300', 'p4:400', 'p5:500']);

    const changes = () => till.db.prepare('SELECT total_changes() AS n').get();
    const before = changes();
    const idle = client();
    expect(await pullMaster(till.db, idle.c, till.clock, { limit: 2 })).toEqual({ applied: 0, version: 5 });
    expect(idle.calls).toEqual(['/till/master?since=5&limit=2']);
    expect(changes()).toEqual(before);
  });
  it('departments: a local one with the server\'s code gives way (its products move over); a product may come before its department\'s latest version; a tombstone removes an unused one and keeps a used one', async () => {
    await loginManager(till);
    await till.ok('catalog.saveDepartment', { code: 'FORNO', name: 'Forno (cassa)', vat_code: '10' });
    await till.ok('catalog.saveDepartment', { code: 'VARIE', name: 'Varie', vat_code: '22' });
    await till.ok('catalog.save', { sku: 'GRISSINI', description: 'Grissini', price_cents: 199, vat_code: '10', barcodes: [], department: 'FORNO' });
    await till.ok('catalog.save', { sku: 'CARTA', description: 'Sacchetto', price_cents: 10, vat_code: '22', barcodes: [], department: 'VARIE' });
    const varie = (till.db.prepare(`SELECT id FROM departments WHERE code = 'VARIE'`).get() as { id: string }).id;

    await admin('PUT', 'department/dep-forno', { code: 'FORNO', name: 'Forno', vatCode: '4' });
    await admin('PUT', 'product/p-pane', product('PANE1', 'Pane casereccio', 320, [], 'dep-forno'));
    await admin('PUT', 'department/dep-forno', { code: 'FORNO', name: 'Forno e pasticceria', vatCode: '4' }); // now after the product
    await admin('PUT', 'department/dep-usato', { code: 'VARIE', name: 'Varie del negozio', vatCode: '22' });
    await admin('PUT', 'department/dep-vuoto', { code: 'VUOTO', name: 'Vuoto', vatCode: '22' });
    expect(await pullMaster(till.db, client().c, till.clock, { limit: 1 })).toEqual({ applied: 4, version: 5 });

    const departments = () => till.db.prepare('SELECT id, code, name FROM departments ORDER BY code').all();
    expect(departments()).toEqual([
      { id: 'dep-forno', code: 'FORNO', name: 'Forno e pasticceria' },
      { id: 'dep-usato', code: 'VARIE', name: 'Varie del negozio' },
      { id: 'dep-vuoto', code: 'VUOTO', name: 'Vuoto' },
    ]);
    expect(till.db.prepare('SELECT p.sku, d.code FROM products p JOIN departments d ON d.id = p.department_id ORDER BY p.sku').all())
      .toEqual([{ sku: 'CARTA', code: 'VARIE' }, { sku: 'GRISSINI', code: 'FORNO' }, { sku: 'PANE1', code: 'FORNO' }]);
    expect(till.db.prepare('SELECT 1 FROM departments WHERE id = ?').get(varie)).toBeUndefined();

    // The till's own CARTA still uses VARIE: deleted on the server, it stays on the till; VUOTO goes.
    await admin('DELETE', 'department/dep-usato');
    await admin('DELETE', 'department/dep-vuoto');
    expect((await pullMaster(till.db, client().c, till.clock)).applied).toBe(2);
    expect(departments()).toEqual([
      { id: 'dep-forno', code: 'FORNO', name: 'Forno e pasticceria' },
      { id: 'dep-usato', code: 'VARIE', name: 'Varie del negozio' },
    ]);
  });

  it('a new till joined to the server takes step 1 of its set-up (the shop) from it: done once the server\'s shop data is complete, as it may not type it', async () => {
    // A till fresh from the box (the test backend comes set up): no shop, steps 1 and 2 to do.
    for (const k of ['setup.shopDoneAt', 'setup.adeDoneAt', 'shop.name', 'shop.vatNumber', 'shop.taxCode', 'shop.address'] as const) setSetting(till.db, k, '', till.clock.now());
    setSetting(till.db, 'server.tillCode', 'C2', till.clock.now());
    expect(missingSetupSteps(till.db)).toEqual(['shop', 'ade']);
    await admin('PUT', 'setting/shop.name', { value: 'Forno Rossi snc' });
    await pullMaster(till.db, client().c, till.clock);
    // Not all there yet: step 1 still waits (its own checks: P.IVA, codice fiscale, address).
    expect(missingSetupSteps(till.db)).toEqual(['shop', 'ade']);
    await admin('PUT', 'setting/shop.vatNumber', { value: '00743110157' });
    await admin('PUT', 'setting/shop.taxCode', { value: '00743110157' });
    await admin('PUT', 'setting/shop.address', { value: 'Via Roma 1\n10121 Torino (TO)' });
    await pullMaster(till.db, client().c, till.clock);
    expect(missingSetupSteps(till.db)).toEqual(['ade']);
    expect(getSetting(till.db, 'openapi.fiscalId')).toBe('00743110157');
    expect(till.db.prepare(`SELECT actor, payload FROM audit_log WHERE action = 'setup.shop'`).all())
      .toEqual([{ actor: 'server', payload: JSON.stringify({ from: 'server', regime: getSetting(till.db, 'shop.fiscalRegime'), vatNumber: '00743110157' }) }]);
  });
});
