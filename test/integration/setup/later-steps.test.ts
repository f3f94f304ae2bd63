// Set-up steps 3–6 (printer, departments, catalogue, people) as the wizard drives them: each is done
// when its own rule is met — refused in Italian, naming what is missing, otherwise — or skipped
// explicitly; the wizard resumes at the first step neither done nor skipped, across a restart.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startSetupTill, type SetupTill } from './harness.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

let t: SetupTill;
beforeAll(async () => {
  t = await startSetupTill();
  // Steps 1–2 are the other tests' subject: here the shop is set up and fiscal.
  fiscalShop(t.till.db);
});
afterAll(async () => { await t.close(); });

describe('steps 3–6 of the guided set-up', () => {
  it('after steps 1–2 the wizard asks for the printer; nothing of 3–6 is done or skipped', async () => {
    const s = await t.ok('setup.state', {});
    expect(s.current).toBe('printer');
    for (const step of ['printer', 'departments', 'catalogue', 'people'] as const) {
      expect(s.steps[step], step).toMatchObject({ done: false, doneAt: null, skipped: false });
    }
    expect(s.steps.printer.data).toMatchObject({ url: '', testPrintedAt: null });
    expect(s.steps.people.data).toEqual({ managers: 1, cashiers: 1 });
  });

  it('the printer cannot be «done» without an address and a test page: it says so, and nothing changes', async () => {
    const e = await t.err('setup.finishStep', { step: 'printer', skip: false });
    expect(e).toMatchObject({ code: 'SETUP_PRINTER_MISSING', field: 'printer.url' });
    expect(e.message).toMatch(/^Stampante: indica l’indirizzo della stampante/);
    await t.ok('settings.save', { values: { 'printer.url': 'tcp://127.0.0.1:1' } });
    const untested = await t.err('setup.finishStep', { step: 'printer', skip: false });
    expect(untested).toMatchObject({ code: 'SETUP_PRINTER_UNTESTED', field: 'printer.url' });
    expect(untested.message).toMatch(/pagina di prova/);
    expect((await t.ok('setup.state', {})).steps.printer).toMatchObject({ done: false, skipped: false, data: { url: 'tcp://127.0.0.1:1' } });
  });

  it('skipped explicitly, the printer stays listed as skipped and the wizard moves to the departments', async () => {
    const s = await t.ok('setup.finishStep', { step: 'printer', skip: true });
    expect(s.steps.printer).toMatchObject({ done: false, skipped: true });
    expect(s.current).toBe('departments');
  });

  it('departments: done only once there is one', async () => {
    expect(await t.err('setup.finishStep', { step: 'departments', skip: false })).toMatchObject({ code: 'SETUP_NO_DEPARTMENTS', field: 'departments' });
    await t.ok('catalog.saveDepartment', { code: 'PANE', name: 'Pane e latte', vat_code: '4' });
    const s = await t.ok('setup.finishStep', { step: 'departments', skip: false });
    expect(s.steps.departments).toMatchObject({ done: true, doneAt: '2026-11-21T10:00:00.000Z', skipped: false, data: { count: 1 } });
    expect(s.current).toBe('catalogue');
  });

  it('a cashier cannot finish or skip a step', async () => {
    await t.ok('session.login', { operator_id: t.cashierId, pin: '1111' }, 'counter');
    expect((await t.err('setup.finishStep', { step: 'catalogue', skip: true }, 'counter')).code).toBe('MANAGER_REQUIRED');
  });

  it('after a restart the wizard resumes at the catalogue', async () => {
    await t.restart();
    expect((await t.ok('setup.state', {})).current).toBe('catalogue');
  });

  it('the catalogue can be skipped (a shop may sell by department) and the people done: the set-up is complete', async () => {
    expect(await t.err('setup.finishStep', { step: 'catalogue', skip: false })).toMatchObject({ code: 'SETUP_NO_PRODUCTS', field: 'catalogue' });
    expect((await t.ok('setup.finishStep', { step: 'catalogue', skip: true })).current).toBe('people');
    const s = await t.ok('setup.finishStep', { step: 'people', skip: false });
    expect(s.current).toBe('complete');
    expect(s.steps.people).toMatchObject({ done: true, skipped: false });
  });

  it('a skipped step done later is done, no longer skipped', async () => {
    await t.ok('catalog.save', { sku: 'PANE1', description: 'Pane comune', price_cents: 350, vat_code: '4', barcodes: [] });
    const s = await t.ok('setup.finishStep', { step: 'catalogue', skip: false });
    expect(s.steps.catalogue).toMatchObject({ done: true, skipped: false, data: { products: 1 } });
  });

  it('what was done or skipped is in the audit journal, by whom', () => {
    const rows = t.till.db.prepare(`SELECT action, actor, payload FROM audit_log WHERE action LIKE 'setup.%_step' ORDER BY seq`).all() as { action: string; actor: string; payload: string }[];
    expect(rows.map((r) => `${r.action} ${JSON.parse(r.payload).step}`)).toEqual([
      'setup.skip_step printer', 'setup.finish_step departments', 'setup.skip_step catalogue', 'setup.finish_step people', 'setup.finish_step catalogue',
    ]);
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set([t.managerId]));
  });
});
