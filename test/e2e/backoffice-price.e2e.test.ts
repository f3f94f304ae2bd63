// Issue #14's required test, in Chromium: a price changed in the back office reaches a till and its
// next receipt. A real `bancone server` (its own PostgreSQL), the complete browser-mode till of the
// harness (its shop link runs beside its sync), joined from its Settings with a code from
// `bancone server pair`; the back office opened from the address the server printed. The manager
// changes the water's price in «Listino»; the till pulls it (nothing is done on the till); the
// cashier scans the water: the cart and the paper of the virtual printer say the new price.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoBarcode, DEMO_PRODUCTS } from '../../backend/demo/seed.js';
import { paperSays } from '../../emulators/escpos-decoder.js';
import { buildBackoffice } from '../fixtures/backoffice-build.js';
import { startBackofficeServer, type BackofficeServer } from '../fixtures/backoffice-server.js';
import { launchBrowser, logIn, ROOT, scan, screenshot, startE2eTill, type BrowserSession, type E2eTill } from './harness.js';

const ACQ = DEMO_PRODUCTS.findIndex((p) => p[0] === 'ACQ001');
const ACQUA = demoBarcode(ACQ); // € 0,39 in the till's demo catalogue
const eventually = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout, interval: 200 });

let server: BackofficeServer;
let t: E2eTill;
let b: BrowserSession;
let till: Page;
let office: Page;
const priceOnTill = () => (t.till.db.prepare("SELECT price_cents FROM products WHERE sku = 'ACQ001'").pluck().get() as number | undefined) ?? null;

beforeAll(async () => {
  await buildBackoffice(ROOT);
  [server, t] = await Promise.all([startBackofficeServer(), startE2eTill()]);
  b = await launchBrowser({ width: 1024, height: 768 });
  till = b.page;
  till.setDefaultTimeout(15_000);
  office = await b.context.newPage();
  office.setDefaultTimeout(15_000);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    await screenshot(till, 'failed-backoffice-price-till');
    await screenshot(office, 'failed-backoffice-price-office');
  }
});

afterAll(async () => {
  await b?.close();
  await t?.close();
  await server?.stop();
});

describe('a price changed in the back office (Chromium)', () => {
  it('reaches the joined till and its next receipt', async () => {
    // The till joins its shop from Settings.
    await till.goto(t.url);
    await logIn(till, 'Marco');
    await till.keyboard.press('F9');
    await till.getByTestId('settings-server').scrollIntoViewIfNeeded();
    await till.getByTestId('server-url').fill(server.url);
    await till.getByTestId('server-code').fill(await server.pair('Forno Rossi'));
    await till.getByTestId('server-join').click();
    await eventually(() => till.getByTestId('server-joined').innerText()).toContain('Cassa C1 del negozio «Forno Rossi»');

    // The shop's catalogue on the server has the water at the till's price (the server wins from now on).
    const { shops } = await (await server.admin('GET', '/admin/api/shops')).json() as { shops: { id: string; name: string }[] };
    const shopId = shops.find((s) => s.name === 'Forno Rossi')!.id;
    const [, description, priceCents, vatCode] = DEMO_PRODUCTS[ACQ]!; // «Acqua minerale naturale 1,5 l», 39, '22'
    const put = await server.admin('PUT', `/admin/api/shops/${shopId}/master/product/acqua-1`, { data: {
      sku: 'ACQ001', description, priceCents, vatCode, departmentId: null, soldByWeight: false, favourite: true, active: true, barcodes: [ACQUA] } });
    expect(put.status, await put.clone().text()).toBe(200);
    await eventually(() => t.till.db.prepare("SELECT id FROM products WHERE sku = 'ACQ001'").pluck().get()).toBe('acqua-1');
    expect(priceOnTill()).toBe(39);

    // The manager opens the back office from the address the server printed and changes the price.
    await office.goto(server.address);
    await office.getByTestId('till-C1').waitFor(); // the page is up (its keys with it), the till listed
    await office.keyboard.press('F4');
    await office.getByTestId('edit-product-ACQ001').click();
    const price = office.getByLabel('Prezzo (€)');
    expect(await price.inputValue()).toBe('0,39');
    await price.fill('0,55');
    await price.press('Enter');
    await eventually(() => office.getByTestId('catalog-saved').innerText().catch(() => '')).toBe('Salvato: le casse lo ricevono al prossimo collegamento.');
    await eventually(() => office.getByTestId('master-product-acqua-1').innerText()).toMatch(/€\s?0,55/);
    await screenshot(office, 'backoffice-price-changed');

    // Nothing is done on the till: its link pulls the new price.
    await eventually(() => priceOnTill()).toBe(55);

    // The cashier sells the water: the cart and the paper say € 0,55.
    await till.keyboard.press('F10');
    await logIn(till, 'Giulia');
    await scan(till, ACQUA);
    await eventually(() => till.getByTestId('cart-line').count()).toBe(1);
    expect(await till.getByTestId('cart-line').innerText()).toMatch(/0,55/);
    await till.keyboard.press('+');
    await till.getByTestId('pay-cash').click();
    await till.getByTestId('payment-done').waitFor();
    const [job] = await t.printer.waitForJobs(1, 15_000);
    const paper = paperSays(job!.paper).join('\n');
    // «Acqua minerale naturale 1,5 l» wraps on the 42 columns: the line with the VAT and the price.
    expect(paper).toMatch(/^Acqua minerale naturale\s+22%\s+0,55$/m);
    expect(paper).toMatch(/^TOTALE € 0,55$/m);
    expect(paper).not.toMatch(/0,39/);
    await screenshot(till, 'backoffice-price-receipt');
  }, 180_000);
});
