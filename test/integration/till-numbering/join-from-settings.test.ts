// Issue #14: joining the shop server from Settings (contract server.join, manager only), the same
// join as `bancone till join` (backend/shop-link/join.ts). The server's /pair is played by an injected
// fetch here (the Chromium test, test/e2e/server-join.e2e.test.ts, uses a real `bancone server`).
// A refusal names its field in Italian and stores nothing; a yes stores the till code, the shop's
// name, the address and the encrypted token in one go, and the next sale carries the till code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTill, type Till } from '../../../backend/programs/till.js';
import { saveOperator } from '../../../backend/operators.js';
import { getSecret, dataDirKeyProvider } from '../../../backend/secrets.js';
import { fakeClock } from '../../../shared/time.js';
import type { Input, MethodName, Output } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { fiscalShopFile } from '../../fixtures/fiscal-shop.js';

const SERVER = 'http://127.0.0.1:8470';
const TOKEN = 't'.repeat(48);

/** The server's POST /pair as the foundation answers it (server/pairing.ts): one good code, once. */
function fakePairServer() {
  const calls: { url: string; body: unknown }[] = [];
  let used = false;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const f = async (url: string, init: RequestInit): Promise<Response> => {
    if (!url.startsWith(SERVER)) throw new TypeError('fetch failed');
    const body = JSON.parse(String(init.body)) as { code: string };
    calls.push({ url, body });
    if (body.code !== 'ABCD-EFGH') return json(404, { error: { code: 'PAIR_CODE_UNKNOWN', message: 'Codice di abbinamento: non è valido (controllare di averlo copiato per intero)', message_en: 'Pairing code: not valid', field: 'code' } });
    if (used) return json(409, { error: { code: 'PAIR_CODE_USED', message: 'Codice di abbinamento: è già stato usato', message_en: 'used', field: 'code' } });
    used = true;
    return json(200, { tillCode: 'C2', token: TOKEN, shop: { name: 'Forno Rossi' } });
  };
  return { fetch: f, calls };
}

let dir: string;
let till: Till;
let server: ReturnType<typeof fakePairServer>;
const clock = fakeClock('2026-11-21T10:00:00Z');
let managerId = '';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bancone-join-'));
  fiscalShopFile(join(dir, 'bancone.db'));
  server = fakePairServer();
  till = startTill({ dbFile: join(dir, 'bancone.db'), dataDir: dir, clock, sync: false, fetch: (u, i) => server.fetch(String(u), i ?? {}) });
  managerId = saveOperator(till.db, clock, { name: 'Marco', role: 'manager', pin: '9999' }, null).id;
  const cashier = saveOperator(till.db, clock, { name: 'Giulia', role: 'cashier', pin: '1111' }, null);
  for (const [id, pin, session] of [[managerId, '9999', 'manager'], [cashier.id, '1111', 'cashier']] as const) {
    const r = await till.dispatcher.call('session.login', { operator_id: id, pin }, { id: session });
    if (!r.ok) throw new Error(r.error.message);
  }
});
afterEach(async () => {
  await till.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ok<K extends MethodName>(name: K, arg: Input<K>, session = 'manager'): Promise<Output<K>> {
  const r = await till.dispatcher.call(name, arg, { id: session });
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as Output<K>;
}
async function err(name: MethodName, arg: unknown, session = 'manager'): Promise<ErrorInfo> {
  const r = await till.dispatcher.call(name, arg as never, { id: session });
  if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
  return r.error;
}
/** What a join leaves behind: the server settings, the secret, the journal's join entries. */
const stored = () => ({
  settings: till.db.prepare("SELECT key, value FROM settings WHERE key LIKE 'server.%' ORDER BY key").all(),
  secrets: till.db.prepare("SELECT name FROM secrets WHERE name LIKE 'server.%'").all(),
  audit: till.db.prepare("SELECT action FROM audit_log WHERE action = 'server.join'").all(),
});
const NOTHING = { settings: [], secrets: [], audit: [] };

describe('joining the shop server from Settings', () => {
  it('refusals name their field in Italian and store nothing: no address, not http, unreachable, a wrong code; a cashier may not', async () => {
    expect(await err('server.join', { url: '', code: 'ABCD-EFGH' })).toMatchObject({ code: 'SERVER_URL_MISSING', field: 'url', message: 'Indirizzo del server: scriverlo (es. http://192.168.1.10:8470)' });
    expect(await err('server.join', { url: 'ftp://negozio', code: 'ABCD-EFGH' })).toMatchObject({ code: 'SERVER_URL_INVALID', field: 'url', message: 'Indirizzo del server: «ftp://negozio» non è un indirizzo http(s) valido' });
    expect(await err('server.join', { url: 'http://127.0.0.1:9', code: 'ABCD-EFGH' })).toMatchObject({ code: 'SERVER_UNREACHABLE', field: 'url' });
    expect(await err('server.join', { url: SERVER, code: '  ' })).toMatchObject({ code: 'PAIR_CODE_MISSING', field: 'code' });
    expect(await err('server.join', { url: SERVER, code: 'ZZZZ-ZZZZ' })).toMatchObject({
      code: 'PAIR_CODE_UNKNOWN', field: 'code', message: 'Codice di abbinamento: non è valido (controllare di averlo copiato per intero)',
    });
    expect((await err('server.join', { url: SERVER, code: 'ABCD-EFGH' }, 'cashier')).code).toBe('MANAGER_REQUIRED');
    expect(stored()).toEqual(NOTHING);
    expect((await ok('status.get', {})).server).toBeNull();
    // The cashier's refusal never reached the server; the wrong code did, once.
    expect(server.calls.map((c) => c.body)).toEqual([{ code: 'ZZZZ-ZZZZ' }]);
  });

  it('the right code: till code, shop name, address and the encrypted token stored at once; status.get shows the server; the next sale is «C2-…»', async () => {
    const joined = await ok('server.join', { url: `${SERVER}/`, code: ' ABCD-EFGH ' });
    expect(joined).toEqual({ tillCode: 'C2', shopName: 'Forno Rossi', url: SERVER });
    expect(stored()).toEqual({
      settings: [{ key: 'server.shopName', value: '"Forno Rossi"' }, { key: 'server.tillCode', value: '"C2"' }, { key: 'server.url', value: JSON.stringify(SERVER) }],
      secrets: [{ name: 'server.token' }],
      audit: [{ action: 'server.join' }],
    });
    expect(getSecret(till.db, dataDirKeyProvider(dir), 'server.token')).toBe(TOKEN);
    expect((await ok('settings.get', {})).values).toMatchObject({ 'server.shopName': 'Forno Rossi', 'server.tillCode': 'C2', 'server.url': SERVER });
    // Nothing uploaded yet: the whole journal waits, the join's own entry included (srv-upload: pending = entries after the server's ack).
    const journal = till.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    expect((await ok('status.get', {})).server).toMatchObject({ url: SERVER, tillCode: 'C2', pending: journal });

    const sale = await ok('sale.commit', {
      lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 500 }],
    } as never, 'cashier');
    expect((sale as { number: string }).number).toBe('C2-2026-11-21/0001');

    // The code works once: a second «Abbina» with it is the server's refusal, and what was stored stays.
    expect(await err('server.join', { url: SERVER, code: 'ABCD-EFGH' })).toMatchObject({ code: 'PAIR_CODE_USED', field: 'code' });
    expect(stored().settings).toHaveLength(3);
  });

  it('settings.save cannot write the server keys, the shop name included: only a join does', async () => {
    for (const key of ['server.url', 'server.tillCode', 'server.shopName']) {
      expect((await err('settings.save', { values: { [key]: 'x' } })).code).toBe('INVALID_INPUT');
    }
    expect(stored()).toEqual(NOTHING);
  });
});
