// Issue #14 in the browser, at 800×600: a till joins its shop server from Settings and numbers its
// receipts with its till code. A real `bancone server` (its own PostgreSQL in a temp folder) and
// `bancone server pair`; the till is the complete browser-mode till of the harness (real dispatcher,
// virtual printer). The manager types the server's address and first a wrong code — the Italian
// refusal under the code field, nothing stored — then the right one: «Cassa C1 del negozio «Forno
// Rossi»», the status bar's server item; the cashier scans and pays; the paper reads «N. C1-…/0001».
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fullyVisible, launchBrowser, logIn, scan, screenshot, startE2eTill, type BrowserSession, type E2eTill } from './harness.js';
import { startShopServer, type ShopServer } from '../fixtures/srv-till-server.js';
import { demoBarcode, DEMO_PRODUCTS } from '../../backend/demo/seed.js';
import { paperSays } from '../../emulators/escpos-decoder.js';
import { romeDate } from '../../shared/time.js';

const ACQUA = demoBarcode(DEMO_PRODUCTS.findIndex((p) => p[0] === 'ACQ001')); // € 0,39

let t: E2eTill;
let b: BrowserSession;
let page: Page;
let shop: ShopServer;

const text = (testId: string) => page.getByTestId(testId).innerText();
const eventually = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });
/** What a join leaves on the till: its server settings, the token's secret, the journal's entry. */
const stored = () => ({
  settings: t.till.db.prepare("SELECT key, value FROM settings WHERE key LIKE 'server.%' ORDER BY key").all(),
  secrets: t.till.db.prepare("SELECT name FROM secrets WHERE name LIKE 'server.%'").all(),
  audit: t.till.db.prepare("SELECT action FROM audit_log WHERE action = 'server.join'").all(),
});

beforeAll(async () => {
  [shop, t] = await Promise.all([startShopServer(), startE2eTill()]);
  b = await launchBrowser({ width: 800, height: 600 });
  page = b.page;
  page.setDefaultTimeout(15_000);
  await page.goto(t.url);
  await logIn(page, 'Marco');
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-server-join-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
  await shop?.stop();
});

describe('joining the shop server from Settings (Chromium, 800×600)', () => {
  it('a wrong code: the Italian refusal on the code field, and nothing changes', async () => {
    await page.getByTestId('sb-printer').waitFor();
    expect(await page.getByTestId('sb-server').count()).toBe(0);
    await page.keyboard.press('F9');
    await page.getByTestId('settings-server').scrollIntoViewIfNeeded();
    await page.getByTestId('server-url').fill(shop.url);
    await page.getByTestId('server-code').fill('ZZZZ-ZZZZ');
    await page.getByTestId('server-join').click();
    await eventually(() => text('server-code-error')).toBe('Codice di abbinamento: non è valido (controllare di averlo copiato per intero)');
    expect(await page.getByTestId('server-code').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('server-url-error').count()).toBe(0);
    expect(stored()).toEqual({ settings: [], secrets: [], audit: [] });
    expect(await page.getByTestId('sb-server').count()).toBe(0);
    await screenshot(page, 'server-join-refused');
  });

  it('the right code: «Cassa C1 del negozio «Forno Rossi»», the server item in the status bar', async () => {
    const code = await shop.pair('Forno Rossi');
    await page.getByTestId('server-code').fill(code);
    // Typing in the refused field takes its error away.
    expect(await page.getByTestId('server-code-error').count()).toBe(0);
    await page.getByTestId('server-join').click();
    await eventually(() => text('server-joined')).toBe(`Cassa C1 del negozio «Forno Rossi» · server ${shop.url}`);
    expect(stored().settings).toEqual([
      { key: 'server.shopName', value: '"Forno Rossi"' }, { key: 'server.tillCode', value: '"C1"' }, { key: 'server.url', value: JSON.stringify(shop.url) },
    ]);
    expect(stored().secrets).toEqual([{ name: 'server.token' }]);
    await eventually(() => text('server-pending')).toBe('Niente da inviare al server');
    // The bar: the item appears once joined (the upload's state is srv-upload's: «checking» until then).
    await eventually(() => page.getByTestId('sb-server').count()).toBe(1);
    expect(await text('sb-server')).toMatch(/^Server/);
    expect(await fullyVisible(page, 'sb-server')).toBe(true);
    await screenshot(page, 'server-join-joined');
  });

  it('the cashier scans and pays: the receipt on paper reads «N. C1-…/0001»', async () => {
    await page.keyboard.press('F10');
    await logIn(page, 'Giulia');
    await scan(page, ACQUA);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('+');
    await page.getByTestId('pay-cash').click();
    await page.getByTestId('payment-done').waitFor();
    const [job] = await t.printer.waitForJobs(1, 15_000);
    const paper = paperSays(job!.paper).join('\n');
    const day = romeDate(t.clock.now());
    expect(paper).toContain(`N. C1-${day}/0001`);
    expect(paper).toContain('Acqua minerale naturale');
    expect(t.till.db.prepare(`SELECT number FROM documents WHERE kind = 'sale'`).pluck().all()).toEqual([`C1-${day}/0001`]);
  });
});
