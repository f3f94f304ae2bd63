// A till stolen, broken or given away: `bancone server revoke C1 --shop NOME` on the server. From then
// on its calls are refused and the till says «cassa non riconosciuta»; what it sent stays; the other
// tills go on. A till or shop that is not there is refused naming the field, nothing changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { commitSale } from '../../../backend/ledger/index.js';
import { dataDirKeyProvider } from '../../../backend/secrets.js';
import { readShopLinkConfig } from '../../../backend/shop-link/config.js';
import { createShopLinkLoop } from '../../../backend/shop-link/loop.js';
import { shopLinkStatus } from '../../../backend/shop-link/status.js';
import { fakeClock } from '../../../shared/time.js';
import { cli } from '../cli/helpers.js';
import { tempLedger, type TempLedger } from '../sync/fixtures.js';
import { pairingCode, startServerProcess, type ServerProcess } from '../../fixtures/server-process.js';

const serverDir = mkdtempSync(join(tmpdir(), 'bancone-revoke-'));
const tills: TempLedger[] = [];
let server: ServerProcess | undefined;
afterAll(async () => { for (const t of tills) t.cleanup(); await server?.stop(); rmSync(serverDir, { recursive: true, force: true }); });

it('a revoked till is refused from its next call; the others go on; an unknown till is refused naming it', async () => {
  server = await startServerProcess(serverDir);
  const clock = fakeClock(new Date('2026-11-20T10:00:00.000Z'));
  const loops = [];
  for (let i = 0; i < 2; i++) {
    const t = tempLedger('bancone-revoke-till-');
    tills.push(t);
    const joined = await cli(t.dir, ['till', 'join', server.url, await pairingCode(serverDir, 'Forno Rossi')]);
    expect(joined.code).toBe(0);
    commitSale(t.db, clock, { lines: [{ description: 'Pane', unit_price_cents: 250, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 250 }] });
    loops.push(createShopLinkLoop({ db: t.db, clock, config: () => readShopLinkConfig(t.db, dataDirKeyProvider(t.dir)) }));
  }
  for (const l of loops) expect((await l.round()).state).toBe('ok');

  const unknown = await cli(serverDir, ['server', 'revoke', 'C9', '--shop', 'Forno Rossi', '--data-dir', serverDir]);
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr).toContain('il negozio «Forno Rossi» non ha una cassa C9');

  const revoked = await cli(serverDir, ['server', 'revoke', 'c1', '--shop', 'Forno Rossi', '--data-dir', serverDir]);
  expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining('Cassa C1 del negozio «Forno Rossi»: accesso revocato') });

  for (const t of tills) commitSale(t.db, clock, { lines: [{ description: 'Latte', unit_price_cents: 120, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 120 }] });
  expect((await loops[0]!.round()).state).toBe('auth');
  expect(shopLinkStatus(tills[0]!.db)).toMatchObject({ state: 'auth', pending: 1 }); // the new sale waits; what it sent before stays on the server
  expect(shopLinkStatus(tills[0]!.db)!.problem).toContain('la cassa non è più riconosciuta (token revocato); abbinarla di nuovo');
  expect((await loops[1]!.round()).state).toBe('ok');
  expect(shopLinkStatus(tills[1]!.db)).toMatchObject({ state: 'ok', pending: 0 });
});
