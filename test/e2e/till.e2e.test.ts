// The till in a real browser (Debian chromium, headless) against the real backend: bridge,
// dispatcher, ledger, print queue → virtual printer, sync engine → Openapi emulator.
// One shop day, in order: the steps share the browser and the ledger like a cashier's shift.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, scan, screenshot, startE2eTill, type BrowserSession, type E2eTill } from './harness.js';
import { demoBarcode, DEMO_PRODUCTS } from '../../backend/demo/seed.js';
import { decodeEscPos, paperSays } from '../../emulators/escpos-decoder.js';

const LATTE = demoBarcode(0); // Latte intero fresco 1 l, € 1,49
const SPAGHETTI = demoBarcode(5); // Pasta di Gragnano spaghetti 500 g, € 1,89
const ACQUA = demoBarcode(DEMO_PRODUCTS.findIndex((p) => p[0] === 'ACQ001')); // € 0,39

let t: E2eTill;
let b: BrowserSession;
let page: Page;
let saleId = '';
let saleNumber = '';

const text = (testId: string) => page.getByTestId(testId).innerText();
/** Waits for what the user would eventually see (the UI updates asynchronously). */
const eventually = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });
const paperOf = (i: number) => paperSays(decodeEscPos(t.printer.jobs[i]!.bytes)).join('\n');

beforeAll(async () => {
  t = await startE2eTill();
  b = await launchBrowser();
  page = b.page;
  page.setDefaultTimeout(10_000);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('a shift at the till, in Chromium', () => {
  it('serves the page under a strict CSP and refuses the API without the session token', async () => {
    const res = await fetch(`${t.bridge.origin}/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const call = await fetch(`${t.bridge.origin}/api/call`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Bancone-Session': 'abcdefgh' }, body: '{"name":"status.get"}' });
    expect(call.status).toBe(401);
    await page.goto(`${t.bridge.origin}/`);
    await eventually(() => page.getByTestId('no-token').isVisible()).toBe(true);
  });

  it('logs in with the PIN (a wrong PIN is refused in Italian)', async () => {
    // Same document, new fragment: the page starts again with the key…
    await page.goto(t.url);
    await page.getByTestId('login-screen').waitFor();
    expect(page.url()).not.toContain('token='); // …and the key leaves the address bar
    await page.getByTestId('operator-Giulia').click();
    await page.getByTestId('pin-input').fill('1234');
    await page.keyboard.press('Enter');
    expect(await text('login-error')).toBe('PIN errato');
    await screenshot(page, 'login');
    await page.getByTestId('pin-input').fill('1111');
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();
    expect(await text('sb-operator')).toContain('Giulia');
  });

  it('hears the scanner anywhere, adds lines, and changes a quantity with F2', async () => {
    // Focus away from the search box: the scan must still land in the cart.
    await page.getByTestId('cart').click();
    await scan(page, LATTE);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.getByTestId('search-input').focus();
    await scan(page, SPAGHETTI);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(2);
    expect(await page.getByTestId('search-input').inputValue()).toBe('');
    await page.getByTestId('cart-line').first().click();
    await page.keyboard.press('F2');
    await page.getByTestId('entry-input').fill('3');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cart-qty').first().innerText()).toBe('3');
    // 3 × 1,49 + 1,89 = 6,36; cash rounds to 6,35.
    expect(await text('totals')).toContain('€ 6,36');
    expect(await text('cash-rounding')).toContain('€ 6,35');
    await screenshot(page, 'sale');
  });

  it('search as you type is accent-insensitive', async () => {
    await page.getByTestId('search-input').fill('citta');
    await eventually(() => page.getByTestId('search-result').first().innerText()).toContain('La Città');
    await screenshot(page, 'sale-search');
    await page.keyboard.press('Escape');
    await eventually(() => page.getByTestId('search-results').count()).toBe(0);
  });

  it('pays cash with change, prints the receipt on the virtual printer, next customer with Enter', async () => {
    await page.keyboard.press('+');
    await page.getByTestId('payment-screen').waitFor();
    expect(await text('pay-rounding')).toContain('-0,01');
    await screenshot(page, 'payment');
    await page.getByTestId('cash-input').fill('20');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-done').waitFor();
    expect(await text('change-amount')).toBe('€ 13,65');
    await page.getByTestId('receipt-preview').waitFor();
    expect(await text('receipt-preview')).toContain('Latte intero fresco 1 l');
    await screenshot(page, 'payment-done');

    const [job] = await t.printer.waitForJobs(1, 10_000);
    const paper = paperSays(decodeEscPos(job!.bytes)).join('\n');
    expect(paper).toContain('Latte intero fresco 1 l');
    expect(paper).toContain('Pasta di Gragnano'); // long descriptions wrap on 42 columns
    expect(paper).toContain('spaghetti 500 g');
    expect(paper).toMatch(/TOTALE € 6,36/);
    expect(paper).toMatch(/RESTO € 13,65/);

    const row = t.till.db.prepare(`SELECT id, number FROM documents WHERE kind = 'sale' ORDER BY seq DESC LIMIT 1`).get() as { id: string; number: string };
    saleId = row.id;
    saleNumber = row.number;
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();
    expect(await page.getByTestId('cart-line').count()).toBe(0);
  });

  it('shows the sale "pronto" with its AdE number once the emulator accepts it', async () => {
    await page.keyboard.press('F6');
    await page.getByTestId('history-screen').waitFor();
    const row = page.locator(`[data-testid="history-row"][data-number="${saleNumber}"]`);
    await eventually(() => row.getByTestId('fiscal-status').getAttribute('data-group'), 20_000).toBe('ready');
    const ade = await row.getByTestId('ade-number').innerText();
    expect(ade).toBe(t.emulator.receipts()[0]!.document_number);
    await row.click();
    await page.getByTestId('history-detail').waitFor();
    await eventually(() => text('receipt-preview')).toContain(`Documento N. ${ade}`);
    await screenshot(page, 'history');
  });

  it('returns a line found by scanning the receipt QR (the sale id) at the counter, and history shows the return', async () => {
    // At the sale screen, with the cursor in the search box: the receipt's QR opens its return.
    await page.keyboard.press('F1');
    await page.getByTestId('search-input').focus();
    await scan(page, saleId);
    await page.getByTestId('returns-screen').waitFor();
    await page.getByTestId('return-sale').waitFor();
    expect(await page.getByTestId('search-input').count()).toBe(0);
    expect(await page.getByTestId('return-line').count()).toBe(2);
    await page.getByTestId('return-qty').first().fill('1');
    await page.getByTestId('return-reason').fill('Confezione rovinata');
    await screenshot(page, 'returns');
    await page.getByTestId('do-return').click();
    await page.getByTestId('returns-done').waitFor();
    expect(await text('refund-amount')).toBe('€ 1,49');
    await screenshot(page, 'return-done');
    await page.keyboard.press('F6');
    const ret = page.locator('[data-testid="history-row"][data-kind="return"]');
    await eventually(() => ret.count()).toBe(1);
    expect(await ret.innerText()).toContain(saleNumber);
    await eventually(() => ret.getByTestId('fiscal-status').getAttribute('data-group'), 20_000).toBe('ready');
  });

  it('a bad lottery code shows the field error in Italian and blocks nothing else', async () => {
    await page.keyboard.press('F1');
    await page.getByTestId('sale-screen').waitFor();
    await scan(page, SPAGHETTI);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('+');
    await page.getByTestId('lottery-input').fill('ABC12');
    await page.keyboard.press('Enter');
    expect(await text('lottery-error')).toBe('Codice lotteria non valido: servono 8 caratteri tra lettere e cifre');
    await screenshot(page, 'payment-lottery-error');
    await page.getByTestId('lottery-input').fill('ABCD1234');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('lottery-error').count()).toBe(0);
    // F3: the card amount (what is left, selected), then the POS's answer.
    await page.keyboard.press('F3');
    expect(await page.getByTestId('card-amount').inputValue()).toBe('1,89');
    await page.keyboard.press('Enter');
    expect(await text('card-confirm-text')).toContain('€ 1,89');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-done').waitFor();
    await page.keyboard.press('Enter');
    const sale = t.till.db.prepare(`SELECT lottery_code FROM documents WHERE kind = 'sale' ORDER BY seq DESC LIMIT 1`).get() as { lottery_code: string };
    expect(sale.lottery_code).toBe('ABCD1234');
  });

  it('a document the Agenzia rejects shows "errore"; a manager\'s "riprova" sends it again', async () => {
    t.emulator.setLifecycle({ adeFailureRate: 1 });
    await page.getByTestId('sale-screen').waitFor();
    await scan(page, SPAGHETTI);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('+');
    await page.getByTestId('pay-cash').click();
    await page.getByTestId('payment-done').waitFor();
    await page.keyboard.press('Enter');
    const { number } = t.till.db.prepare(`SELECT number FROM documents WHERE kind = 'sale' ORDER BY seq DESC LIMIT 1`).get() as { number: string };
    await page.keyboard.press('F6');
    const row = page.locator(`[data-testid="history-row"][data-number="${number}"]`);
    await eventually(() => row.getByTestId('fiscal-status').getAttribute('data-group'), 20_000).toBe('error');
    await eventually(() => text('sb-fiscal')).toContain('1 in errore');
    await screenshot(page, 'history-error');
    t.emulator.setLifecycle({ adeFailureRate: 0 });
    await row.getByTestId('retry').click();
    await page.getByTestId('approval-pin').fill('9999'); // Giulia is a cashier: Marco approves
    await page.keyboard.press('Enter');
    await eventually(() => row.getByTestId('fiscal-status').getAttribute('data-group'), 20_000).toBe('ready');
    await page.keyboard.press('F1');
  });

  it('printer paper-out shows in the status bar; the receipt prints once the paper is back', async () => {
    await page.getByTestId('sale-screen').waitFor();
    await t.printer.setMode('paperOut');
    await eventually(() => page.getByTestId('sb-printer').getAttribute('data-state'), 10_000).toBe('bad');
    expect(await text('sb-printer')).toContain('Carta esaurita');
    const printedBefore = t.printer.jobs.length;
    await scan(page, ACQUA);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('+');
    await page.getByTestId('pay-cash').click(); // exact amount
    await page.getByTestId('payment-done').waitFor();
    await page.keyboard.press('Enter');
    await eventually(() => text('sb-printer')).toContain('1 in stampa');
    await screenshot(page, 'status-paper-out');
    expect(t.printer.jobs.length).toBe(printedBefore);
    await t.printer.setMode('ok');
    await t.printer.waitForJobs(printedBefore + 1, 15_000);
    expect(paperOf(printedBefore)).toContain('Acqua minerale naturale');
    await eventually(() => page.getByTestId('sb-printer').getAttribute('data-state'), 10_000).toBe('ok');
  });

  it('shows the back-office screens (catalog with CSV row errors, settings)', async () => {
    await page.keyboard.press('F7');
    await page.getByTestId('catalog-screen').waitFor();
    await page.getByTestId('csv-file').setInputFiles({
      name: 'listino.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('sku,barcode,description,price,vat_code,department\nNEW1,8009999000017,Gnocchi di patate,"1,99",4,ALIM\nNEW2,,Pesto,abc,4,ALIM\n'),
    });
    await page.getByTestId('csv-import').click();
    // A cashier needs a manager for the catalog: Marco types his PIN.
    await page.getByTestId('approval-pin').fill('9999');
    await page.keyboard.press('Enter');
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('row-error').innerText()).toMatch(/^3\tprezzo\tprezzo non valido «abc»/); // row, Italian column, problem
    await screenshot(page, 'catalog');
    await page.keyboard.press('F9');
    await page.getByTestId('settings-screen').waitFor();
    await screenshot(page, 'settings');
    await page.keyboard.press('F8');
    await screenshot(page, 'end-of-day');
  });

  it('switches to English from the settings (a manager approves)', async () => {
    await page.keyboard.press('F9');
    await page.getByTestId('language').selectOption('en');
    await page.keyboard.press('F2');
    await page.getByTestId('approval-pin').fill('9999');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('nav-sale').innerText()).toContain('Sale');
    await page.keyboard.press('F1');
    expect(await page.getByTestId('search-input').getAttribute('placeholder')).toBe('Scan or search: description, code, barcode…');
    await screenshot(page, 'sale-english');
  });

  it('ran without console errors or CSP violations', () => {
    expect(b.problems).toEqual([]);
  });
});
