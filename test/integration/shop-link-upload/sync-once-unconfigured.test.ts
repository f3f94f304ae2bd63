// `bancone sync --once` on a joined till that has no Openapi token yet (a till still in training, or
// set up only as far as the shop): the receipts cannot go, but its journal still goes up to the shop
// server, and the refusal about Openapi comes after, as before. Found trying the README's «two tills
// and a server on one machine»: the command stopped at the missing token and the server saw nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitSale } from '../../../backend/ledger/index.js';
import { shopLinkStatus } from '../../../backend/shop-link/status.js';
import { fakeClock } from '../../../shared/time.js';
import { cli } from '../cli/helpers.js';
import { tempLedger, type TempLedger } from '../sync/fixtures.js';
import { joinTill, startShopServer, type ShopServer } from '../../fixtures/shop-link-upload.js';

let server: ShopServer;
let till: TempLedger;
beforeAll(async () => { server = await startShopServer(); till = tempLedger('bancone-sync-once-'); });
afterAll(async () => { till?.cleanup(); await server?.close(); });

it('uploads the journal, then says what Openapi still needs (exit ≠ 0)', async () => {
  await joinTill(server, till.dir);
  const clock = fakeClock(new Date('2026-11-20T10:00:00.000Z'));
  const sale = commitSale(till.db, clock, { lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 500 }] });

  const run = await cli(till.dir, ['sync', '--once'], { env: { BANCONE_OPENAPI_TOKEN: '' } });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain('SYNC_NOT_CONFIGURED');
  expect(run.stderr).toContain('in linea');
  expect(shopLinkStatus(till.db)).toMatchObject({ state: 'ok', pending: 0 });
  const held = (await server.pool.query('SELECT number, total_cents::int AS total FROM documents')).rows;
  expect(held).toEqual([{ number: sale.number, total: 350 }]);
});
