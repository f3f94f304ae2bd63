// «Riconciliazione pagamenti» in Chromium at 800×600, keyboard only: ⇧F8 from any screen (offered on
// the end of day; the top bar keeps every key in sight), the day's card payment with its identifier,
// the total equal to the X's electronic figure, F2 downloading the CSV `bancone reconciliation export` prints.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fullyVisible, launchBrowser, screenshot, startE2eTill, type BrowserSession, type E2eTill, logIn } from './harness.js';
import { commitSale } from '../../backend/ledger/index.js';
import { reconciliationCsv, reconciliationRows } from '../../backend/reports/reconciliation.js';
import { romeDate } from '../../shared/time.js';

let t: E2eTill;
let b: BrowserSession;
let page: Page;
const eventually = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });

beforeAll(async () => {
  t = await startE2eTill();
  b = await launchBrowser({ width: 800, height: 600 });
  page = b.page;
  page.setDefaultTimeout(10_000);
  await page.goto(t.url);
  await logIn(page, 'Marco');
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `reconciliation-failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('the reconciliation screen', () => {
  it('⇧F8 shows the day\'s card payment with its identifier and the X\'s total; F2 downloads the CLI\'s CSV', async () => {
    const sale = commitSale(t.till.db, t.clock, { lines: [{ description: 'Guida', unit_price_cents: 1250, vat_code: '22' }], payments: [{ method: 'electronic', amount_cents: 1250 }] }, { printReceipt: false });
    const day = romeDate(t.clock.now());
    const id = `BNC-${sale.number.replace(/^(\d{4})-(\d{2})-(\d{2})\//, '$1$2$3-')}`;

    // Offered where the day's money is looked at: the end of day shows the key.
    await page.keyboard.press('F8');
    await page.getByTestId('end-of-day-screen').waitFor();
    expect(await fullyVisible(page, 'open-reconciliation')).toBe(true);
    expect(await page.getByTestId('open-reconciliation').innerText()).toMatch(/⇧F8\s*Riconciliazione pagamenti/);
    expect(await fullyVisible(page, 'print-x')).toBe(true);
    await page.keyboard.press('Shift+F8');
    await page.getByTestId('reconciliation-screen').waitFor();
    expect(await fullyVisible(page, 'nav-logout')).toBe(true);
    expect(await page.getByTestId('reconciliation-date').evaluate((el) => el === document.activeElement)).toBe(true);
    await eventually(() => page.getByTestId('reconciliation-row').first().innerText()).toContain(id);
    expect(await page.getByTestId('reconciliation-row').count()).toBeGreaterThanOrEqual(1);
    const expected = reconciliationRows(t.till.db, day).reduce((a, r) => a + r.amountCents, 0);
    expect(await page.getByTestId('reconciliation-check').innerText()).toMatch(/^uguale al totale elettronico della lettura X/);
    expect(await page.getByTestId('reconciliation-total').innerText()).toBe(`€ ${(expected / 100).toFixed(2).replace('.', ',')}`);
    expect(await fullyVisible(page, 'reconciliation-download')).toBe(true);
    await screenshot(page, 'reconciliation-800x600');

    const download = page.waitForEvent('download');
    await page.keyboard.press('F2');
    const file = await download;
    expect(file.suggestedFilename()).toBe(`riconciliazione-${day}.csv`);
    const path = await file.path();
    expect(readFileSync(path!, 'utf8')).toBe(reconciliationCsv(reconciliationRows(t.till.db, day)));
  });
});
