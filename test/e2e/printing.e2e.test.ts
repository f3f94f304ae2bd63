// Issue #9 items 8 and 9 in the browser, against the real backend, the emulator and the virtual
// printer: a cash sale while the printer is out of paper opens the drawer at once and exactly once;
// «Stampa numero AdE» in the history refuses in Italian before the number and prints the slip after.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, scan, screenshot, startE2eTill, type BrowserSession, type E2eTill, logIn } from './harness.js';
import { demoBarcode, DEMO_PRODUCTS } from '../../backend/demo/seed.js';
import { paperSays } from '../../emulators/escpos-decoder.js';
import type { Clock } from '../../shared/time.js';

const ACQUA = demoBarcode(DEMO_PRODUCTS.findIndex((p) => p[0] === 'ACQ001')); // € 0,39

let t: E2eTill;
let b: BrowserSession;
let page: Page;
/** Real time moved to a weekday morning, plus whatever the test adds: the AdE number arrives when the test says. */
let skipMs = 0;
const start = new Date('2026-11-20T09:00:00Z').getTime() - Date.now();
const clock: Clock = { now: () => new Date(Date.now() + start + skipMs) };

const text = (testId: string) => page.getByTestId(testId).innerText();
const eventually = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });

beforeAll(async () => {
  t = await startE2eTill({ clock });
  // The Agenzia takes ten minutes to assign the number: until the test moves the clock.
  t.emulator.setLifecycle({ readyDelayMs: 10 * 60_000 });
  b = await launchBrowser();
  page = b.page;
  page.setDefaultTimeout(10_000);
  await page.goto(t.url);
  await logIn(page, 'Giulia');
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-printing-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('printing at the counter, in Chromium', () => {
  let saleNumber = '';

  it('paper out: a cash sale opens the drawer at once (DLE DC4); the receipt prints when the paper is back, without a second opening', async () => {
    await t.printer.setMode('paperOut');
    await eventually(() => page.getByTestId('sb-printer').getAttribute('data-state')).toBe('bad');
    await scan(page, ACQUA);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('+');
    await page.getByTestId('pay-cash').click();
    await page.getByTestId('payment-done').waitFor();
    const kicks = await t.printer.waitForDrawerKicks(1, 10_000);
    expect(kicks.map((k) => [k.command, k.mode])).toEqual([['DLE DC4', 'paperOut']]);
    expect(t.printer.jobs).toHaveLength(0);
    saleNumber = (t.till.db.prepare(`SELECT number FROM documents WHERE kind = 'sale' ORDER BY seq DESC LIMIT 1`).pluck().get() as string);
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();

    await t.printer.setMode('ok');
    const [job] = await t.printer.waitForJobs(1, 15_000);
    const paper = paperSays(job!.paper).join('\n');
    expect(paper).toContain('Acqua minerale naturale');
    expect(paper).toContain(`N. ${saleNumber}`);
    expect(paper.replace(/\s+/g, ' ')).toContain('Il numero AdE si può richiedere in cassa appena disponibile');
    expect(job!.paper.pulses).toEqual([]);
    await eventually(() => page.getByTestId('sb-printer').getAttribute('data-state')).toBe('ok');
    expect(t.printer.drawerKicks).toHaveLength(1);
  });

  it('«Stampa numero AdE»: refused in Italian before the number arrives, printed once it has', async () => {
    await page.keyboard.press('F6');
    await page.getByTestId('history-screen').waitFor();
    const row = page.locator(`[data-testid="history-row"][data-number="${saleNumber}"]`);
    await row.click();
    await page.getByTestId('history-detail').waitFor();
    await page.getByTestId('print-fiscal-number').click();
    await eventually(() => text('error')).toContain(`Il numero AdE di ${saleNumber} non è ancora arrivato dall'Agenzia delle Entrate`);
    expect(t.printer.jobs).toHaveLength(1);

    skipMs = 11 * 60_000; // the Agenzia assigns the number
    await eventually(() => row.getByTestId('fiscal-status').getAttribute('data-group'), 20_000).toBe('ready');
    const ade = await row.getByTestId('ade-number').innerText();
    await page.getByTestId('print-fiscal-number').click();
    const [, slip] = await t.printer.waitForJobs(2, 10_000);
    const says = paperSays(slip!.paper);
    expect(says).toContain('NUMERO DOCUMENTO COMMERCIALE');
    expect(says).toContain(`Vendita N. ${saleNumber}`);
    expect(says.join(' ')).toContain(`Documento N. ${ade}`);
    await screenshot(page, 'history-fiscal-number');
  });
});
