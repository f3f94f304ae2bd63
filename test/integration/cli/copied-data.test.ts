// A copy of the data folder gives up no secret (issue #10 item 2), as a shop (or a thief) would meet
// it: the folder copied to another machine or user, then `bancone` run on it. The secrets cannot be
// read, and the till says so, in Italian, with what to do, instead of crashing; the day still closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../backend/cli/main.js';
import { openDatabase } from '../../../backend/db/open.js';
import { dataDirKeyProvider, getSecret, putSecret } from '../../../backend/secrets.js';
import { fakeClock } from '../../../shared/time.js';
import { createSyncEngine } from '../../../backend/sync/engine.js';
import { resolveSyncConfig } from '../../../backend/sync/config.js';
import { fiscalShopFile } from '../../fixtures/fiscal-shop.js';
import { spawnCli } from './helpers.js';

let root: string;
let shop: string;
let copy: string;
// Only 127.0.0.1 (a closed port): nothing may leave the machine, whatever the key.
const offline = { BANCONE_OPENAPI_URL: 'http://127.0.0.1:9', BANCONE_FISCAL_ID: '12345678903' };
let elsewhere: Record<string, string>;
const clock = fakeClock('2026-12-01T09:00:00Z');

async function cli(dataDir: string, argv: string[], env: Record<string, string>, stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: async () => stdin }, { BANCONE_DATA_DIR: dataDir, ...offline, ...env }, clock);
  return { code, out, err };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bancone-copied-'));
  shop = join(root, 'shop');
  copy = join(root, 'copy');
  elsewhere = { XDG_CONFIG_HOME: join(root, 'thief-config'), BANCONE_KEYRING: 'off' };
  mkdirSync(shop);
  fiscalShopFile(join(shop, 'bancone.db'));
  // The shop's secrets, kept as onboarding keeps them.
  const db = openDatabase(join(shop, 'bancone.db'));
  const keys = dataDirKeyProvider(shop);
  for (const [name, value] of [['openapi.token', 'tok-of-the-shop'], ['ade.taxCode', 'RSSMRA80A01H501U'], ['ade.password', 'Segreta!2026'], ['ade.pin', '12345678']])
    putSecret(db, keys, name!, value!, clock.now());
  db.close();
  const sale = JSON.stringify({ lines: [{ description: 'Vino', unit_price_cents: 1250, vat_code: '22', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 1250 }] });
  expect((await cli(shop, ['sale', '--input', '-', '--no-print'], {}, sale)).code).toBe(0);
  cpSync(shop, copy, { recursive: true });
  writeFileSync(join(root, 'count.json'), JSON.stringify({ denominations: { '1000': 1, '200': 1, '50': 1 } }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a copied data folder', () => {
  it('holds no key: nothing beside the ledger but the (non-secret) id of its key', () => {
    expect(readdirSync(copy).filter((f) => !f.startsWith('bancone.db')).sort()).toEqual(['key-id']);
  });

  it('`bancone sync` on it says the secrets were saved with a key not on this computer, and how to give them again', async () => {
    const r = await spawnCli(copy, ['sync', '--once'], '', { ...offline, ...elsewhere });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Errore [SECRET_KEY_ELSEWHERE]: Impossibile leggere il segreto "openapi.token": fu salvato con una chiave che non è su questo computer per questo utente (cartella dei dati copiata o spostata da un\'altra macchina?). Ridarlo con «bancone onboard» o dalla configurazione guidata.\n');
    expect(r.stdout).toBe('');
  });

  it('the day still closes: the final sync fails saying why, and --force closes it', async () => {
    clock.set('2026-12-01T18:30:00Z'); // 19:30 in Rome
    const refused = await cli(copy, ['close-day', '--counted-json', join(root, 'count.json'), '--note', 'copia'], elsewhere);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Errore [FINAL_SYNC_FAILED]');
    expect(refused.err).toContain('fu salvato con una chiave che non è su questo computer');
    const forced = await cli(copy, ['close-day', '--counted-json', join(root, 'count.json'), '--note', 'copia', '--force'], elsewhere);
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('Giornata 01/12/2026 chiusa: Z N. 1');
  });

  it('the app\'s sync on it waits as «not configured» (the status bar asks for Openapi\'s set-up) instead of its loop dying on a throw', async () => {
    const db = openDatabase(join(copy, 'bancone.db'));
    const keys = dataDirKeyProvider(copy, { env: elsewhere });
    const fetched: string[] = [];
    const engine = createSyncEngine({
      db, clock, random: () => 0.5,
      fetch: async (u) => { fetched.push(String(u)); throw new Error('no request expected'); },
      config: () => resolveSyncConfig(db, offline, keys),
    });
    try {
      expect((await engine.drainOnce()).stopped).toBe('not_configured');
      expect(fetched).toEqual([]);
    } finally {
      engine.close();
      db.close();
    }
  });

  it('while the shop itself, with its key, reads every secret as before', () => {
    const db = openDatabase(join(shop, 'bancone.db'));
    try {
      expect(getSecret(db, dataDirKeyProvider(shop), 'ade.pin')).toBe('12345678');
      expect(getSecret(db, dataDirKeyProvider(shop), 'openapi.token')).toBe('tok-of-the-shop');
    } finally {
      db.close();
    }
  });
});
