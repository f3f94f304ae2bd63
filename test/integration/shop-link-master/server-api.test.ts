// The server's master-data calls over HTTP on a real PostgreSQL (issue #14): who may call them, what
// the back office is refused (in Italian, naming the field, nothing changed — not even the shop's
// version), an operator's PIN kept as the till's own hash, shops kept apart.
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../../server/http.js';
import { verifyPin } from '../../../backend/operators.js';
import { AdminShopsResponseSchema, MasterResponseSchema, type MasterItem } from '../../../shared/server-api.js';
import { fakeClock } from '../../../shared/time.js';
import { shopWithTill, startMasterPg, type MasterPg } from '../../fixtures/master-pg.js';

const ADMIN = 'admin-token-for-the-master-api-tests-0123456789';
let pgs: MasterPg;
let pool: pg.Pool;
let server: RunningServer;
let forno: { shopId: string; token: string };
let bar: { shopId: string; token: string };
const clock = fakeClock('2026-12-01T08:00:00Z');

beforeAll(async () => { pgs = await startMasterPg(); }, 120_000);
afterAll(async () => { await pgs?.stop(); });
beforeEach(async () => {
  pool = await pgs.database(4);
  server = await startHttpServer({ pool, clock, adminToken: ADMIN });
  forno = await shopWithTill(pool, 'Forno Rossi', clock);
  bar = await shopWithTill(pool, 'Bar Centrale', clock);
});
afterEach(async () => { await server?.close(); });

async function call(method: string, path: string, o: { token?: string; data?: unknown } = {}) {
  const r = await fetch(`${server.url}${path}`, {
    method, headers: { authorization: `Bearer ${o.token ?? ADMIN}`, 'content-type': 'application/json' },
    body: o.data === undefined ? undefined : JSON.stringify({ data: o.data }),
  });
  return { status: r.status, body: await r.json() as { error?: { code: string; message: string; field?: string }; item?: MasterItem; items?: MasterItem[] } };
}
const put = (shopId: string, kind: string, id: string, data: unknown) => call('PUT', `/admin/api/shops/${shopId}/master/${kind}/${id}`, { data });
const version = async (shopId: string) => Number((await pool.query<{ v: string }>('SELECT master_version AS v FROM shops WHERE id = $1', [shopId])).rows[0]!.v);
const rows = async () => (await pool.query('SELECT shop_id, kind, id, version, deleted, data FROM master_items ORDER BY shop_id, version')).rows;

const product = (over: Record<string, unknown> = {}) => ({
  sku: 'PANE1', description: 'Pane casereccio', priceCents: 320, vatCode: '4', departmentId: 'dep-forno',
  soldByWeight: true, favourite: true, active: true, barcodes: ['2000123000007'], ...over,
});

describe('the master-data calls', () => {
  it('who may call: the till pulls with its token, only its own shop; the admin calls want the admin token', async () => {
    await put(forno.shopId, 'department', 'dep-forno', { code: 'FORNO', name: 'Forno', vatCode: '4' });
    await put(bar.shopId, 'department', 'dep-bar', { code: 'BAR', name: 'Caffetteria', vatCode: '10' });
    const pulled = await call('GET', '/till/master?since=0&limit=10', { token: bar.token });
    expect(pulled.status).toBe(200);
    expect(MasterResponseSchema.parse(pulled.body)).toEqual({ items: [expect.objectContaining({ id: 'dep-bar', version: 1 })], version: 1, more: false });

    expect((await call('GET', '/till/master?since=0', { token: 'not-a-token' })).status).toBe(401);
    expect((await call('GET', '/till/master?since=0', { token: ADMIN })).status).toBe(401); // the admin is no till
    expect((await call('GET', '/admin/api/shops', { token: forno.token })).status).toBe(401); // a till is no admin
    expect((await call('GET', '/till/master?since=-1', { token: bar.token })).body.error).toMatchObject({ code: 'REQUEST_INVALID', field: 'since' });

    const shops = AdminShopsResponseSchema.parse((await call('GET', '/admin/api/shops')).body);
    expect(shops.shops.map((s) => [s.name, s.masterVersion, s.tills])).toEqual([['Bar Centrale', 1, 1], ['Forno Rossi', 1, 1]]);
    expect((await call('GET', '/admin/api/shops/999/master')).status).toBe(404);
  });

  it('refusals name the field in Italian and change nothing, not even the shop\'s version', async () => {
    await put(forno.shopId, 'department', 'dep-forno', { code: 'FORNO', name: 'Forno', vatCode: '4' });
    expect((await put(forno.shopId, 'product', 'p-pane', product())).status).toBe(200);
    const before = await rows();
    const cases: [string, string, unknown, string, string][] = [
      ['product', 'p-x', product({ sku: 'X', barcodes: [], vatCode: '23' }), 'vatCode', 'Aliquota IVA: «23» non è un codice che la cassa conosce'],
      ['product', 'p-x', product({ sku: 'X', barcodes: [], departmentId: 'dep-nessuno' }), 'departmentId', 'Reparto: «dep-nessuno» non esiste in questo negozio'],
      ['product', 'p-x', product({ barcodes: [] }), 'sku', 'Codice articolo: «PANE1» è già di un altro prodotto del negozio'],
      ['product', 'p-x', product({ sku: 'X' }), 'barcodes', 'Codice a barre: «2000123000007» è già di un altro prodotto del negozio'],
      ['product', 'p-x', product({ sku: 'X', barcodes: [], priceCents: -1 }), 'priceCents', 'il campo «priceCents»'],
      ['product', 'p-x', product({ sku: 'X', barcodes: [], priceCents: 1.5 }), 'priceCents', 'il campo «priceCents»'],
      ['department', 'dep-2', { code: 'FORNO', name: 'Altro', vatCode: '4' }, 'code', 'Codice del reparto: «FORNO» è già di un altro reparto del negozio'],
      ['operator', 'op-1', { name: 'Anna', role: 'cashier', active: true }, 'pin', 'PIN: obbligatorio per un operatore nuovo'],
      ['operator', 'op-1', { name: 'Anna', role: 'cashier', active: true, pin: '12' }, 'pin', 'il campo «pin»'],
      ['setting', 'printer.url', { value: 'http://127.0.0.1:9100' }, 'id', 'Impostazione «printer.url»: non è tra quelle che il server manda alle casse'],
      ['setting', 'shop.fiscalRegime', { value: 'RF99' }, 'value', 'Impostazione «shop.fiscalRegime»: valore non valido'],
      ['listino', 'x', {}, 'kind', 'Dati del negozio: «listino» non è un tipo conosciuto'],
    ];
    for (const [kind, id, data, field, words] of cases) {
      const r = await put(forno.shopId, kind, id, data);
      expect(r.status, `${kind} ${field}`).toBe(400);
      expect(r.body.error, `${kind} ${field}`).toMatchObject({ field });
      expect(r.body.error!.message, `${kind} ${field}`).toContain(words);
    }
    const inUse = await call('DELETE', `/admin/api/shops/${forno.shopId}/master/department/dep-forno`);
    expect(inUse.body.error).toMatchObject({ code: 'DEPARTMENT_IN_USE', message: 'Reparto «FORNO»: ci sono prodotti che lo usano; spostarli prima di eliminarlo' });
    // The same SKU and barcode in ANOTHER shop are fine: each shop its own catalogue.
    await put(bar.shopId, 'department', 'dep-forno', { code: 'FORNO', name: 'Forno', vatCode: '4' });
    expect((await put(bar.shopId, 'product', 'p-pane', product())).status).toBe(200);
    expect((await rows()).filter((r) => String(r.shop_id) === forno.shopId)).toEqual(before.filter((r) => String(r.shop_id) === forno.shopId));
    expect(await version(forno.shopId)).toBe(2);
  });

  it('an operator\'s PIN is stored as the till\'s own hash; a PUT without pin keeps it', async () => {
    const made = await put(forno.shopId, 'operator', 'op-anna', { name: 'Anna', role: 'manager', pin: '4321', active: true });
    const hash = (made.body.item!.data as { pinHash: string }).pinHash;
    expect(hash).toMatch(/^scrypt\$/);
    expect(verifyPin(hash, '4321')).toBe(true);
    const renamed = await put(forno.shopId, 'operator', 'op-anna', { name: 'Anna B.', role: 'manager', active: true });
    expect(renamed.body.item!.data).toEqual({ name: 'Anna B.', role: 'manager', pinHash: hash, active: true });
    expect(JSON.stringify(await rows())).not.toContain('4321');
  });

  it('the back office lists current items by kind and text (accents folded), tombstones left out', async () => {
    await put(forno.shopId, 'department', 'dep-forno', { code: 'FORNO', name: 'Forno', vatCode: '4' });
    await put(forno.shopId, 'product', 'p-pane', product());
    await put(forno.shopId, 'product', 'p-caffe', product({ sku: 'CAF', description: 'Caffè macinato', barcodes: ['8000000000019'] }));
    await put(forno.shopId, 'product', 'p-old', product({ sku: 'OLD', description: 'Caffè vecchio', barcodes: [] }));
    await call('DELETE', `/admin/api/shops/${forno.shopId}/master/product/p-old`);
    const list = async (q: string) => (await call('GET', `/admin/api/shops/${forno.shopId}/master?${q}`)).body.items!.map((i) => i.id);
    expect(await list('kind=product')).toEqual(['p-caffe', 'p-pane']);
    expect(await list('kind=product&q=caffe')).toEqual(['p-caffe']);
    expect(await list('q=8000000000019')).toEqual(['p-caffe']);
    expect(await list('')).toEqual(['dep-forno', 'p-caffe', 'p-pane']);
  });
});
