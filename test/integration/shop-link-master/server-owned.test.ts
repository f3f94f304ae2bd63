// Once a till has joined a shop server, its master data is the server's (issue #14): the till's own
// edits — catalogue, CSV import, departments, operators, the shop settings it pulls — are refused in
// Italian naming the field, and change nothing. A till not joined works exactly as before.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../../backend/settings.js';
import { loginManager, makeBackend, type Backend } from '../../unit/contract/helpers.js';
import { CATALOG_CSV, cli, tempDataDir, withLedger } from '../cli/helpers.js';

const REFUSAL = 'Il listino è gestito dal server del negozio: modificarlo dal back office';
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** Everything master data is made of, as rows. */
function masterRows(db: { prepare(sql: string): { all(): unknown[] } }): unknown {
  return Object.fromEntries(['products', 'barcodes', 'departments', 'operators', 'settings'].map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
}

const join_ = (b: Backend) => setSetting(b.db, 'server.tillCode', 'C2', b.clock.now());

// Every master-data edit the till's API offers, with the field its refusal names.
const EDITS = [
  ['catalog.save', { sku: 'NUOVO', description: 'Grissini', price_cents: 199, vat_code: '4', barcodes: [] }, 'sku'],
  ['catalog.import', { csv: CATALOG_CSV }, 'csv'],
  ['catalog.saveDepartment', { code: 'DROG', name: 'Drogheria', vat_code: '22' }, 'code'],
  ['catalog.addPresetDepartments', { codes: ['PANE'] }, 'presets'],
  ['operators.save', { name: 'Luca', role: 'cashier', pin: '2468', active: true }, 'name'],
  ['settings.save', { values: { 'shop.name': 'Un altro nome' } }, 'shop.name'],
] as const;

describe('a joined till refuses its own master-data edits', () => {
  it('API: every edit is refused in Italian naming the field, and nothing changes', async () => {
    const b = makeBackend();
    await loginManager(b);
    await b.ok('catalog.saveDepartment', { code: 'GEN', name: 'Generico', vat_code: '22' });
    join_(b);
    const before = masterRows(b.db);
    for (const [method, input, field] of EDITS) {
      const e = await b.err(method, input);
      expect(e, method).toMatchObject({ code: 'MASTER_SERVER_OWNED', field });
      expect(e.message, method).toContain(REFUSAL);
      expect(e.message_en, method).toContain('managed by the shop server');
    }
    expect(await b.err('catalog.deleteDepartment', { code: 'GEN' })).toMatchObject({ code: 'MASTER_SERVER_OWNED', field: 'code' });
    expect(await b.err('setup.saveShop', { name: 'Altro', vat_number: '01234567897', tax_code: '01234567897', address: 'Via Roma 1', regime: 'RF01' }))
      .toMatchObject({ code: 'MASTER_SERVER_OWNED' });
    expect(masterRows(b.db)).toEqual(before);
  });

  it('API: the till\'s own settings still save on a joined till (the whole form, the server\'s values unchanged)', async () => {
    const b = makeBackend();
    await loginManager(b);
    join_(b);
    const view = await b.ok('settings.get', {});
    const saved = await b.ok('settings.save', { values: { 'shop.name': view.values['shop.name'], 'printer.columns': 32 } });
    expect(saved.values['printer.columns']).toBe(32);
  });

  it('API: a till not joined edits as before', async () => {
    const b = makeBackend();
    await loginManager(b);
    for (const [method, input] of EDITS) await b.ok(method, input as never);
    expect((await b.ok('catalog.lookup', { code: 'NUOVO' })).product?.description).toBe('Grissini');
    expect((await b.ok('settings.get', {})).values['shop.name']).toBe('Un altro nome');
  });

  it('CLI: `bancone catalog import` is refused on a joined till and imports nothing; not joined it imports', async () => {
    const joined = tempDataDir();
    const free = tempDataDir();
    dirs.push(joined, free);
    for (const d of [joined, free]) writeFileSync(join(d, 'c.csv'), CATALOG_CSV);
    withLedger(joined, (db) => db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('server.tillCode', '"C3"', '2026-12-01T00:00:00Z')`).run());
    const before = withLedger(joined, masterRows);

    const refused = await cli(joined, ['catalog', 'import', join(joined, 'c.csv')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(REFUSAL);
    expect(refused.stderr).toContain('FILE.csv');
    expect(withLedger(joined, masterRows)).toEqual(before);

    const ok = await cli(free, ['catalog', 'import', join(free, 'c.csv')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(withLedger(free, (db) => db.prepare('SELECT count(*) AS n FROM products').get())).toEqual({ n: 4 });
  });
});
