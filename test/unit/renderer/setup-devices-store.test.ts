// Set-up steps 3–4's store against the real backend in memory: a refused address lands on its field
// and nothing is saved; «Stampa pagina di prova» follows THAT job until the print queue says what
// became of it (printed, or the printer's problem); the departments' suggestions, edit and delete,
// with a refused delete kept for the list (not for the form's fields), and the wizard's state reloaded.
import { beforeAll, describe, expect, it } from 'vitest';
import { world, loginAs, type StoreWorld } from './helpers.js';
import { useDevices, setJobPollMs } from '../../../renderer/src/features/setup/devices-store.js';
import { useSetup } from '../../../renderer/src/features/setup/store.js';
import { markPrinted, markRetry } from '../../../backend/printing/jobs.js';

let w: StoreWorld;
const d = () => useDevices.getState();
const pendingTestJob = () => w.backend.db.prepare(`SELECT id FROM print_jobs WHERE kind = 'test' AND state = 'queued' ORDER BY created_at DESC, rowid DESC LIMIT 1`).get() as { id: string } | undefined;

/** Resolves once the store has asked for the job and is waiting on it (no print queue runs here: the test plays it). */
async function queuedJob(): Promise<string> {
  await expect.poll(() => d().testJob?.state, { timeout: 5000, interval: 5 }).toBe('queued');
  return pendingTestJob()!.id;
}

beforeAll(async () => {
  w = world();
  useDevices.setState(useDevices.getInitialState(), true);
  setJobPollMs(5);
  await loginAs(w, 'manager');
  await useSetup.getState().load();
});

describe('the printer step', () => {
  it('knows the models; a wrong address is refused on its field and nothing is saved', async () => {
    await d().loadPrinter();
    expect(d().models.map((m) => m.id)).toContain('epson-tm-t20iii');
    expect(await d().savePrinter({ url: 'http://x', columns: 32, model: 'epson-tm-t20iii' })).toBe(false);
    expect(d().error).toMatchObject({ code: 'PRINTER_URL_INVALID', field: 'printer.url' });
    expect(useSetup.getState().state!.steps.printer.data.url).toBe('');
  });

  it('saved: the wizard\'s state follows; the test page is followed to «printed»', async () => {
    expect(await d().savePrinter({ url: 'tcp://127.0.0.1:9', columns: 42, model: 'epson-tm-t20iii' })).toBe(true);
    expect(useSetup.getState().state!.steps.printer.data).toMatchObject({ url: 'tcp://127.0.0.1:9', columns: 42, testPrintedAt: null });
    const following = d().testPrint();
    const id = await queuedJob();
    expect(d().busy).toBe(true);
    w.backend.clock.advance(1000);
    markPrinted(w.backend.db, id, w.backend.clock.now(), { provisional: null, confirmed: true });
    expect(await following).toMatchObject({ id, state: 'printed', confirmed: true, lastError: null });
    expect(d().busy).toBe(false);
    expect(useSetup.getState().state!.steps.printer.data.testPrintedAt).toBe(w.backend.clock.now().toISOString());
  });

  it('the printer fails: the outcome is that job\'s Italian reason', async () => {
    const following = d().testPrint();
    const id = await queuedJob();
    markRetry(w.backend.db, id, w.backend.clock.now(), 'Carta esaurita: sostituire il rotolo', new Date(w.backend.clock.now().getTime() + 1000));
    expect(await following).toMatchObject({ id, state: 'retry', lastError: 'Carta esaurita: sostituire il rotolo' });
  });

  it('no print service in this process: the drawer test says so, beside the test buttons', async () => {
    expect(await d().testDrawer()).toBe(false);
    expect(d()).toMatchObject({ errorFrom: 'tests', error: { code: 'PRINTING_UNAVAILABLE' }, drawerOpenedAt: null });
  });
});

describe('the departments step', () => {
  it('suggestions added; the wizard counts them', async () => {
    expect(await d().addPresets(['PANE', 'BEV'])).toBe(true);
    expect(d().departments.map((x) => x.code)).toEqual(['BEV', 'PANE']);
    expect(useSetup.getState().state!.steps.departments.data.count).toBe(2);
  });

  it('a duplicate typed in the form is the form\'s error; an edit saves and leaves editing', async () => {
    expect(await d().saveDepartment({ code: 'BIBITE', name: 'Bevande', vat_code: '22' })).toBe(false);
    expect(d()).toMatchObject({ errorFrom: 'form', error: { code: 'DEPARTMENT_DUPLICATE', field: 'name' } });
    d().edit('BEV');
    expect(d().error).toBeNull();
    expect(await d().saveDepartment({ code: 'BEV', name: 'Bibite', vat_code: '22' })).toBe(true);
    expect(d().editing).toBeNull();
    expect(d().departments.find((x) => x.code === 'BEV')?.name).toBe('Bibite');
  });

  it('a delete refused is the list\'s error; an unused one goes', async () => {
    await w.backend.ok('catalog.save', { sku: 'ACQ1', description: 'Acqua', price_cents: 39, vat_code: '22', department: 'BEV' }, 'renderer-test');
    expect(await d().deleteDepartment('BEV')).toBe(false);
    expect(d()).toMatchObject({ errorFrom: 'list', error: { code: 'DEPARTMENT_IN_USE', field: 'code' } });
    expect(await d().deleteDepartment('PANE')).toBe(true);
    expect(d().departments.map((x) => x.code)).toEqual(['BEV']);
    expect(useSetup.getState().state!.steps.departments.data.count).toBe(1);
  });
});
