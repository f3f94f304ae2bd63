// Set-up steps 3 and 4 in Chromium at 800×600, keyboard first, against the real backend and the
// virtual printer on 127.0.0.1 (no BANCONE_PRINTER: the address comes from the wizard). A wrong
// address is refused on its field; a printer that is off: the test page's outcome says so in Italian
// and «Fatto» is refused; the right one prints the test page (decoded from what the printer received)
// and opens the drawer; then suggested departments are added, one edited, one added by hand, one in
// use refused and one deleted, and the wizard moves on to the catalogue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, privateRendererBuild, screenshot, shiftedClock, typeAsPerson, type BrowserSession } from './harness.js';
import { startTill, type Till } from '../../backend/programs/till.js';
import { startBridge, type Bridge } from '../../backend/bridge/server.js';
import { saveOperator } from '../../backend/operators.js';
import { fiscalShop } from '../fixtures/fiscal-shop.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../emulators/escpos-printer.js';

let dir: string;
let till: Till;
let bridge: Bridge;
let vp: VirtualPrinter;
let off: VirtualPrinter;
let b: BrowserSession;
let page: Page;
let managerId: string;

const eventually = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });
const text = (testId: string) => page.getByTestId(testId).innerText();
const step = () => page.getByTestId('setup-screen').getAttribute('data-step');
const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bancone-setup-printer-'));
  const rendererDir = await privateRendererBuild(dir);
  vp = await startVirtualPrinter();
  off = await startVirtualPrinter({ mode: 'refused' });
  const clock = shiftedClock();
  till = startTill({ dbFile: join(dir, 'bancone.db'), dataDir: dir, clock, env: {}, sync: false, printing: { retry: { baseMs: 200, maxMs: 500 }, pollMs: 200, statusPollMs: 0 } });
  managerId = saveOperator(till.db, clock, { name: 'Marco', role: 'manager', pin: '9999' }, null).id;
  // Steps 1–2 are the first-run test's subject: here the shop is set up and fiscal.
  fiscalShop(till.db, clock.now());
  bridge = await startBridge({ dispatcher: till.dispatcher, events: till.changes, rendererDir });
  b = await launchBrowser({ width: 800, height: 600 });
  page = b.page;
  page.setDefaultTimeout(15_000);
  await page.goto(bridge.url);
  await page.getByTestId('operator-Marco').click();
  await page.getByTestId('pin-input').fill('9999');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="setup-screen"][data-step="printer"]').waitFor();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-setup-printer-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await bridge?.close();
  await till?.close();
  await vp?.close();
  await off?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('set-up step 3, the printer', () => {
  it('says the accepted forms, and refuses a wrong address on its field (typed, Enter)', async () => {
    expect(await text('setup-printer')).toContain('lp://NOME-DELLA-CODA');
    await page.getByTestId('printer-url').focus();
    await typeAsPerson(page, 'http://127.0.0.1:9100{Enter}', 20);
    expect(await text('printer-url-error')).toMatch(/^Indirizzo stampante non valido "http:\/\/127\.0\.0\.1:9100": usare tcp:\/\/, lp:\/\/, winspool:\/\/ o serial:\/\/\. Si scrive tcp:\/\/indirizzo:9100/);
    expect(await page.getByTestId('printer-test').isDisabled()).toBe(true);
    expect(await fitsWidth()).toBe(true);
  });

  it('a printer that is off: the test page\'s outcome says so in Italian with what to do, and «Fatto» is refused', async () => {
    await page.getByTestId('printer-url').fill(off.url);
    await page.getByTestId('printer-columns').selectOption('42');
    await page.getByTestId('printer-url').press('Enter');
    await page.getByTestId('printer-saved').waitFor();
    await page.getByTestId('printer-test').click();
    await eventually(() => page.getByTestId('printer-test-result').getAttribute('data-state')).toBe('retry');
    const said = await text('printer-test-result');
    expect(said).toMatch(/^La pagina di prova non è stata stampata: Stampante non raggiungibile/);
    expect(said).toContain('Controllare che la stampante sia accesa, collegata e con la carta');
    await page.getByTestId('printer-done').click();
    expect(await text('error')).toBe('Stampante: stampa una pagina di prova e controlla che esca, oppure salta il passo');
    expect(await step()).toBe('printer');
  });

  it('the right printer: the test page prints (decoded from the printer: 80 mm, 42 columns) and the drawer opens', async () => {
    await page.getByTestId('printer-url').fill(vp.url);
    await page.getByTestId('printer-url').press('Enter');
    await page.getByTestId('printer-saved').waitFor();
    await page.getByTestId('printer-test').focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('printer-test-result').getAttribute('data-state')).toBe('printed');
    // «Fatto» refused earlier asked for this very test page: that refusal is gone from the screen.
    await eventually(() => page.getByTestId('error').count()).toBe(0);
    expect(await text('printer-test-result')).toMatch(/^Pagina di prova stampata \(\d\d\/\d\d\/\d{4} \d\d:\d\d\): controllare/);
    await eventually(() => vp.jobs.some((j) => j.paper.text.includes('PROVA DI STAMPA') && j.paper.lines.includes('123456789012345678901234567890123456789012'))).toBe(true);
    await page.getByTestId('printer-drawer-test').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('printer-drawer-result').waitFor();
    expect(vp.drawerKicks.map((k) => k.command)).toEqual(['DLE DC4']);
    expect(await fitsWidth()).toBe(true);
    await screenshot(page, 'setup-step3-printer-tested');
    await page.getByTestId('printer-done').click();
    await eventually(() => step()).toBe('departments');
  });
});

describe('set-up step 4, the departments and their VAT', () => {
  it('none pre-ticked; each VAT said in words; the chosen ones are added (ticked with the keyboard)', async () => {
    for (const code of ['PANE', 'BEV', 'GIORN', 'ALIM']) expect(await page.getByTestId(`dept-preset-${code}`).isChecked()).toBe(false);
    expect(await text('setup-departments')).toContain('N2 non soggette');
    await page.getByTestId('departments-add-presets').click();
    expect(await text('departments-presets-none')).toBe('Scegliere almeno un reparto dall’elenco.');
    for (const code of ['PANE', 'BEV', 'GIORN', 'ALIM']) {
      await page.getByTestId(`dept-preset-${code}`).focus();
      await page.keyboard.press('Space');
    }
    await page.getByTestId('departments-add-presets').click();
    await page.getByTestId('dept-row-GIORN').waitFor();
    expect(await text('dept-row-PANE')).toMatch(/^PANE\s+Pane e latte\s+4 %/);
    expect(await text('dept-row-GIORN')).toMatch(/^GIORN\s+Giornali e riviste\s+N2/);
    expect(await page.getByTestId('dept-preset-PANE').isDisabled()).toBe(true);
  });

  it('one is edited, one added by hand with its VAT chosen from the meanings', async () => {
    await page.getByTestId('dept-edit-BEV').click();
    await page.getByTestId('dept-name').fill('Bibite e acqua');
    await page.getByTestId('dept-name').press('Enter');
    await eventually(() => text('dept-row-BEV')).toMatch(/Bibite e acqua\s+22 %/);
    await page.getByTestId('dept-code').fill('CART');
    await page.getByTestId('dept-name').fill('Cartoleria');
    await page.getByTestId('dept-vat').selectOption('22');
    expect(await text('dept-vat-meaning')).toMatch(/^aliquota ordinaria 22 %/);
    await page.getByTestId('dept-save').click();
    await page.getByTestId('dept-row-CART').waitFor();
  });

  it('one in use cannot be deleted and says why; one unused is deleted', async () => {
    // An item in the department, saved as the catalogue screen would (another session of the manager).
    expect((await till.dispatcher.call('session.login', { operator_id: managerId, pin: '9999' }, { id: 'back-office' })).ok).toBe(true);
    expect((await till.dispatcher.call('catalog.save', { sku: 'ACQ1', description: 'Acqua 1,5 l', price_cents: 39, vat_code: '22', department: 'BEV' }, { id: 'back-office' })).ok).toBe(true);
    await page.getByTestId('dept-delete-BEV').click();
    expect(await text('departments-error')).toMatch(/^Il reparto «Bibite e acqua» \(BEV\) non si può eliminare: lo usa 1 articolo del catalogo/);
    expect(await page.getByTestId('dept-row-BEV').isVisible()).toBe(true);
    await page.getByTestId('dept-delete-GIORN').click();
    await eventually(() => page.getByTestId('dept-row-GIORN').count()).toBe(0);
    expect(await fitsWidth()).toBe(true);
    await screenshot(page, 'setup-step4-departments');
  });

  it('«Fatto»: the wizard moves on to the catalogue', async () => {
    await page.getByTestId('departments-done').click();
    await eventually(() => step()).toBe('catalogue');
    expect(b.problems).toEqual([]);
  });
});
