// `bancone server catalog import --shop NOME FILE.csv` (issue #14): a shop's catalogue seeded from the
// till's CSV format, on a real PostgreSQL (DATABASE_URL), then pulled by a till that scans it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../../server/http.js';
import { itemsSince } from '../../../server/master/store.js';
import { shopLinkClient } from '../../../backend/shop-link/client.js';
import { pullMaster } from '../../../backend/shop-link/pull.js';
import { fakeClock } from '../../../shared/time.js';
import { loginCashier, makeBackend } from '../../unit/contract/helpers.js';
import { CATALOG_CSV, cli, tempDataDir } from '../cli/helpers.js';
import { shopWithTill, startMasterPg, type MasterPg } from '../../fixtures/master-pg.js';

let pgs: MasterPg;
const dirs: string[] = [];
const clock = fakeClock('2026-12-01T08:00:00Z');
beforeAll(async () => { pgs = await startMasterPg(); }, 120_000);
afterAll(async () => { await pgs?.stop(); for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('bancone server catalog import', () => {
  it('seeds the shop\'s catalogue from the till\'s CSV; a till pulls it and scans; a bad file writes nothing', async () => {
    const pool: pg.Pool = await pgs.database(4);
    const shop = await shopWithTill(pool, 'Forno Rossi', clock);
    const dir = tempDataDir('training');
    dirs.push(dir);
    const env = { DATABASE_URL: (pool.options as { connectionString: string }).connectionString };
    writeFileSync(join(dir, 'bad.csv'), 'sku;description;price;vat_code\nA;Uno;1,00;4\nB;Due;prezzo?;4\n');
    const bad = await cli(dir, ['server', 'catalog', 'import', '--shop', 'Forno Rossi', join(dir, 'bad.csv')], { env, clock });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Riga 3, colonna «prezzo»');
    expect((await itemsSince(pool, shop.shopId, 0, 100)).items).toEqual([]);

    writeFileSync(join(dir, 'c.csv'), CATALOG_CSV);
    const ok = await cli(dir, ['server', 'catalog', 'import', '--shop', 'Forno Rossi', join(dir, 'c.csv')], { env, clock });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('4 prodotti');
    const items = (await itemsSince(pool, shop.shopId, 0, 100)).items;
    expect(items.filter((i) => i.kind === 'department').map((i) => i.data)).toEqual(expect.arrayContaining([
      { code: 'ALIMENTARI', name: 'ALIMENTARI', vatCode: '4' }, { code: 'BEVANDE', name: 'BEVANDE', vatCode: '22' }]));
    expect(items.filter((i) => i.kind === 'product')).toHaveLength(4);

    const unknown = await cli(dir, ['server', 'catalog', 'import', '--shop', 'Nessuno', join(dir, 'c.csv')], { env, clock });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('Negozio «Nessuno»: non esiste su questo server');

    const server = await startHttpServer({ pool, clock });
    try {
      const till = makeBackend();
      await pullMaster(till.db, shopLinkClient({ url: server.url, token: shop.token }), till.clock);
      await loginCashier(till);
      expect((await till.ok('catalog.lookup', { code: '8000000000033' })).product).toMatchObject({ sku: 'VINO1', description: 'Vino rosso; DOC', priceCents: 750, department: 'BEVANDE' });
    } finally {
      await server.close();
    }
  });
});
