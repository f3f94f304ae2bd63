// Set-up steps 3 and 4 through the contract, against the virtual printer on 127.0.0.1: the printer's
// address and model checked on their fields, the test page's own job followed to its outcome (printed
// and decoded from the paper, or the printer's problem in Italian), the drawer test (pulse received,
// audited, manager only); the suggested departments, and deleting one only while nothing uses it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startSetupTill, type SetupTill } from './harness.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../../emulators/escpos-printer.js';
import { getSetting } from '../../../backend/settings.js';

let t: SetupTill;
let vp: VirtualPrinter;
const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 50 });
const audit = (action: string) => t.till.db.prepare('SELECT actor, payload FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { actor: string; payload: string }[];

beforeAll(async () => {
  t = await startSetupTill();
  fiscalShop(t.till.db);
  vp = await startVirtualPrinter();
});
afterAll(async () => { await t.close(); await vp.close(); });

describe('step 3, the printer', () => {
  it('an address no printer can be reached through is refused on its field, saying the accepted forms; nothing is saved', async () => {
    for (const url of ['http://192.168.1.50:9100', 'usb://TM-T20', 'tcp://:99999']) {
      const e = await t.err('settings.save', { values: { 'printer.url': url } });
      expect(e, url).toMatchObject({ code: 'PRINTER_URL_INVALID', field: 'printer.url' });
      expect(e.message).toMatch(/^Indirizzo stampante non valido/);
      expect(e.message).toContain('Si scrive tcp://indirizzo:9100 (stampante di rete), lp://nome-della-coda');
    }
    expect(getSetting(t.till.db, 'printer.url')).toBe('');
  });

  it('a model the encoder does not know is refused on its field', async () => {
    const e = await t.err('settings.save', { values: { 'printer.url': vp.url, 'printer.model': 'epson-tm-xyz' } });
    expect(e).toMatchObject({ code: 'PRINTER_MODEL_UNKNOWN', field: 'printer.model' });
    expect(e.message).toBe('Modello della stampante: «epson-tm-xyz» non è tra i modelli conosciuti: sceglierlo dall\'elenco');
    expect(getSetting(t.till.db, 'printer.url')).toBe('');
    const { models } = await t.ok('printing.models', {});
    expect(models).toContainEqual({ id: 'epson-tm-t20iii', name: 'Epson TM-T20III' });
  });

  it('the test page is followed to its outcome: printed, and the paper says PROVA DI STAMPA at 58 mm', async () => {
    await t.ok('settings.save', { values: { 'printer.url': vp.url, 'printer.columns': 32, 'printer.model': 'epson-tm-t20iii' } });
    const { printJobId } = await t.ok('settings.testPrint', {});
    await eventually(async () => (await t.ok('printing.job', { id: printJobId })).state).toBe('printed');
    const job = await t.ok('printing.job', { id: printJobId });
    expect(job).toMatchObject({ kind: 'test', lastError: null, confirmed: true });
    const [paper] = await vp.waitForJobs(1);
    expect(paper!.paper.text).toContain('PROVA DI STAMPA');
    expect(paper!.paper.text).toContain('Colonne');
    expect(paper!.paper.lines.some((l) => l === '12345678901234567890123456789012')).toBe(true);
    const s = await t.ok('setup.finishStep', { step: 'printer', skip: false });
    expect(s.steps.printer).toMatchObject({ done: true, data: { url: vp.url, columns: 32 } });
  });

  it('«Apri cassetto» sends the pulse, which the drawer receives, and is audited; a cashier may not', async () => {
    const r = await t.ok('printing.testDrawer', {});
    expect(r.openedAt).toBe(t.clock.now().toISOString());
    const kicks = await vp.waitForDrawerKicks(1);
    expect(kicks).toHaveLength(1);
    expect(kicks[0]!.command).toBe('DLE DC4');
    expect(audit('printing.drawer_test')).toEqual([{ actor: t.managerId, payload: JSON.stringify({ opened: true }) }]);
    await t.ok('session.login', { operator_id: t.cashierId, pin: '1111' }, 'counter');
    expect((await t.err('printing.testDrawer', {}, 'counter')).code).toBe('MANAGER_REQUIRED');
    expect(vp.drawerKicks).toHaveLength(1);
  });

  it('a printer that is off: the job says why in Italian, the drawer test says what to check, and «Fatto» is refused', async () => {
    const off = await startVirtualPrinter({ mode: 'refused' });
    try {
      t.clock.advance(60_000); // a minute later: the page printed on the other printer proves nothing about this one
      await t.ok('settings.save', { values: { 'printer.url': off.url } });
      const { printJobId } = await t.ok('settings.testPrint', {});
      await eventually(async () => (await t.ok('printing.job', { id: printJobId })).state).toBe('retry');
      const job = await t.ok('printing.job', { id: printJobId });
      expect(job.lastError).toMatch(/^Stampante non raggiungibile/);
      const drawer = await t.err('printing.testDrawer', {});
      expect(drawer.field).toBe('printer.url');
      expect(drawer.message).toMatch(/^Il cassetto non si è aperto: .*Controllare che la stampante sia accesa e collegata/s);
      expect(audit('printing.drawer_test').at(-1)!.payload).toContain('"opened":false');
      expect(await t.err('setup.finishStep', { step: 'printer', skip: false })).toMatchObject({ code: 'SETUP_PRINTER_UNTESTED', field: 'printer.url' });
    } finally {
      // The failed job would be tried again for ever against a printer that does not exist.
      t.till.db.prepare(`UPDATE print_jobs SET state = 'cancelled' WHERE state IN ('queued','retry')`).run();
      await off.close();
    }
  });

  it('no address: the drawer test asks for one', async () => {
    await t.ok('settings.save', { values: { 'printer.url': '' } });
    expect(await t.err('printing.testDrawer', {})).toMatchObject({ code: 'PRINTER_NOT_CONFIGURED', field: 'printer.url' });
  });

  it('an unknown job is refused by name', async () => {
    expect(await t.err('printing.job', { id: 'nope' })).toMatchObject({ code: 'PRINT_JOB_NOT_FOUND', field: 'id' });
  });
});

describe('step 4, the departments', () => {
  it('the suggested departments are added with their VAT and Italian names; one already there is left as it is', async () => {
    expect(await t.err('catalog.addPresetDepartments', { codes: [] })).toMatchObject({ code: 'DEPARTMENT_PRESETS_NONE', field: 'presets' });
    const r = await t.ok('catalog.addPresetDepartments', { codes: ['PANE', 'BEV', 'GIORN', 'ALIM'] });
    expect(r.added).toEqual(['PANE', 'ALIM', 'BEV', 'GIORN']);
    expect(r.departments.map((d) => [d.code, d.name, d.vatCode])).toEqual([
      ['ALIM', 'Alimentari', '10'], ['BEV', 'Bevande', '22'], ['GIORN', 'Giornali e riviste', 'N2'], ['PANE', 'Pane e latte', '4'],
    ]);
    await t.ok('catalog.saveDepartment', { code: 'PANE', name: 'Pane fresco', vat_code: '4' });
    const again = await t.ok('catalog.addPresetDepartments', { codes: ['PANE'] });
    expect(again.added).toEqual([]);
    expect(again.departments.find((d) => d.code === 'PANE')?.name).toBe('Pane fresco');
    expect(audit('catalog.add_preset_departments').map((a) => a.payload)).toEqual([JSON.stringify({ added: ['PANE', 'ALIM', 'BEV', 'GIORN'] }), JSON.stringify({ added: [] })]);
  });

  it('a department a catalogue item uses cannot be deleted: it says which and why, and stays', async () => {
    await t.ok('catalog.save', { sku: 'ACQ1', description: 'Acqua naturale 1,5 l', price_cents: 39, vat_code: '22', department: 'BEV' });
    const e = await t.err('catalog.deleteDepartment', { code: 'BEV' });
    expect(e).toMatchObject({ code: 'DEPARTMENT_IN_USE', field: 'code' });
    expect(e.message).toBe('Il reparto «Bevande» (BEV) non si può eliminare: lo usa 1 articolo del catalogo. Si possono cambiare il nome e l\'IVA, o spostare gli articoli su un altro reparto');
    expect((await t.ok('catalog.departments', {})).departments.map((d) => d.code)).toContain('BEV');
  });

  it('a department on a line of an issued receipt cannot be deleted either', async () => {
    await t.ok('sale.commit', { lines: [{ description: 'Quotidiano', unit_price_cents: 150, vat_code: 'N2', department: 'GIORN', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 150 }] } as never);
    const e = await t.err('catalog.deleteDepartment', { code: 'GIORN' });
    expect(e.message).toBe('Il reparto «Giornali e riviste» (GIORN) non si può eliminare: compare in 1 riga di scontrini già emessi. Si possono cambiare il nome e l\'IVA, o spostare gli articoli su un altro reparto');
  });

  it('one nothing uses is deleted, audited; deleting it again says it is not there', async () => {
    const r = await t.ok('catalog.deleteDepartment', { code: 'ALIM' });
    expect(r.departments.map((d) => d.code)).toEqual(['BEV', 'GIORN', 'PANE']);
    expect(audit('catalog.delete_department').map((a) => JSON.parse(a.payload) as unknown)).toEqual([{ code: 'ALIM', name: 'Alimentari', vatCode: '10' }]);
    expect(await t.err('catalog.deleteDepartment', { code: 'ALIM' })).toMatchObject({ code: 'DEPARTMENT_NOT_FOUND', field: 'code' });
  });

  it('a cashier can neither add nor delete departments', async () => {
    expect((await t.err('catalog.deleteDepartment', { code: 'PANE' }, 'counter')).code).toBe('MANAGER_REQUIRED');
    expect((await t.err('catalog.addPresetDepartments', { codes: ['ORTO'] }, 'counter')).code).toBe('MANAGER_REQUIRED');
  });
});
