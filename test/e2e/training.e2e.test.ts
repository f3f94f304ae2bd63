// Training mode in Chromium (issue #12): an empty install, not set up, at an 800×600 till. The band
// is on every screen, a sale prints a training slip (read back from the virtual printer), the
// Openapi emulator receives nothing, the X reading counts nothing and the status bar says «AdE: non
// configurata» in amber. Then set-up steps 1–2 are recorded through the backend (as the wizard will),
// the manager leaves training, and the next sale is 0001 of the day, reaches the emulator and counts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fullyVisible, launchBrowser, scan, screenshot, startE2eTill, typeAsPerson, type BrowserSession, type E2eTill } from './harness.js';
import { demoBarcode, DEMO_PRODUCTS } from '../../backend/demo/seed.js';
import { setSetting } from '../../backend/settings.js';
import { decodeEscPos, paperSays } from '../../emulators/escpos-decoder.js';

const LATTE = demoBarcode(DEMO_PRODUCTS.findIndex((p) => p[0] === 'LAT001')); // € 1,49
const PAPER_MARK = 'MODALITÀ PROVA - NON FISCALE';

let t: E2eTill;
let b: BrowserSession;
let page: Page;

const text = (testId: string) => page.getByTestId(testId).first().innerText();
const eventually = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });
const paper = (i: number) => paperSays(decodeEscPos(t.printer.jobs[i]!.bytes));
const rows = (table: string) => (t.till.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function logIn(name: 'Giulia' | 'Marco', pin: string): Promise<void> {
  await page.getByTestId('login-screen').waitFor();
  await page.getByTestId(`operator-${name}`).click();
  await page.getByTestId('pin-input').fill(pin);
  await page.keyboard.press('Enter');
  await page.getByTestId('sale-screen').waitFor();
}

async function sellLatte(): Promise<string> {
  await page.getByTestId('cart').click();
  await scan(page, LATTE);
  await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
  await typeAsPerson(page, '+');
  await page.getByTestId('payment-screen').waitFor();
  await typeAsPerson(page, '{Enter}');
  await page.getByTestId('payment-done').waitFor();
  const number = await text('done-number');
  await typeAsPerson(page, '{Enter}');
  await eventually(() => page.getByTestId('cart-line').count()).toBe(0);
  return number;
}

async function xReadingNet(): Promise<string> {
  await typeAsPerson(page, '{F8}');
  await page.getByTestId('end-of-day-screen').waitFor();
  const net = await text('eod-net');
  await typeAsPerson(page, '{F1}');
  await page.getByTestId('sale-screen').waitFor();
  return net;
}

beforeAll(async () => {
  t = await startE2eTill({ shop: 'training' });
  b = await launchBrowser({ width: 800, height: 600 });
  page = b.page;
  page.setDefaultTimeout(10_000);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-training-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('training mode at an 800×600 till, in Chromium', () => {
  it('an empty install shows the band on the login screen and on the sale screen, whole, and «AdE: non configurata» in amber', async () => {
    await page.goto(t.url);
    await page.getByTestId('login-screen').waitFor();
    await eventually(() => page.getByTestId('training-band').isVisible()).toBe(true);
    expect(await text('training-band')).toContain('MODALITÀ PROVA — NON FISCALE');
    expect(await fullyVisible(page, 'training-band')).toBe(true);
    await logIn('Giulia', '1111');
    expect(await text('training-band')).toContain('MODALITÀ PROVA — NON FISCALE');
    expect(await fullyVisible(page, 'training-band')).toBe(true);
    // The band's text is not clipped either.
    expect(await page.locator('.training-band-title').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await eventually(() => text('sb-network')).toBe('AdE: non configurata');
    expect(await page.getByTestId('sb-network').getAttribute('data-state')).toBe('warn');
    expect(await page.getByTestId('sb-fiscal').getAttribute('data-state')).not.toBe('ok');
    for (const [key, screen] of [['{F6}', 'history-screen'], ['{F8}', 'end-of-day-screen'], ['{F9}', 'settings-screen'], ['{F1}', 'sale-screen']] as const) {
      await typeAsPerson(page, key);
      await page.getByTestId(screen).waitFor();
      expect(await fullyVisible(page, 'training-band'), screen).toBe(true);
    }
    await screenshot(page, 'training-800x600');
  });

  it('a training sale prints a training slip, reaches no one and counts in no report', async () => {
    const number = await sellLatte();
    expect(number).toContain('PROVA');
    await eventually(() => t.printer.jobs.length).toBe(1);
    const slip = paper(0);
    expect(slip.filter((l) => l === PAPER_MARK)).toHaveLength(2);
    expect(slip.indexOf(PAPER_MARK)).toBeLessThan(slip.findIndex((l) => l.startsWith('Latte intero fresco')));
    expect(slip.lastIndexOf(PAPER_MARK)).toBeGreaterThan(slip.findIndex((l) => l.startsWith('TOTALE')));
    expect(slip.join('\n')).not.toContain('DOCUMENTO COMMERCIALE');
    // Nothing was queued for Openapi (the emulator is checked again after the first fiscal sale).
    expect(rows('outbox')).toBe(0);
    expect(t.emulator.receipts()).toHaveLength(0);
    expect(await xReadingNet()).toBe('€ 0,00');
    await eventually(() => text('sb-network')).toBe('AdE: non configurata');
  });

  it('the manager is refused, naming what is missing, until set-up steps 1–2 are done; then leaves training', async () => {
    await typeAsPerson(page, '{F10}');
    await logIn('Marco', '9999');
    await page.getByTestId('training-leave').click();
    await eventually(() => page.getByTestId('notice').count()).toBe(1);
    expect(await text('notice')).toMatch(/^Impossibile uscire dalla modalità prova: manca passo 1, i dati del negozio .* e passo 2, il collegamento con l'Agenzia delle Entrate/);
    expect(await page.getByTestId('training-band').isVisible()).toBe(true);
    await page.getByTestId('notice').getByRole('button').click();

    // Steps 1 and 2, recorded by the backend as the set-up wizard will.
    const at = t.clock.now();
    setSetting(t.till.db, 'setup.shopDoneAt', at.toISOString(), at);
    setSetting(t.till.db, 'setup.adeDoneAt', at.toISOString(), at);
    await page.getByTestId('training-leave').click();
    await eventually(() => page.getByTestId('training-band').count()).toBe(0);
    expect(await text('notice')).toContain('Modalità prova terminata: da ora le vendite sono fiscali');
    await eventually(() => text('sb-network')).not.toBe('AdE: non configurata');
  });

  it('the first fiscal sale is 0001 of the day, reaches the emulator, prints a documento commerciale and counts in the X reading', async () => {
    const number = await sellLatte();
    expect(number).not.toContain('PROVA');
    expect(number).toMatch(/\d{4}-\d{2}-\d{2}\/0001\b/);
    await eventually(() => t.emulator.receipts().length, 15_000).toBe(1);
    expect(t.emulator.receipts()[0]).toMatchObject({ total_amount: 1.49 });
    await eventually(() => t.printer.jobs.length).toBe(2);
    const receipt = paper(1).join('\n');
    expect(receipt).toContain('DOCUMENTO COMMERCIALE');
    expect(receipt).not.toContain(PAPER_MARK);
    expect(await xReadingNet()).toBe('€ 1,49');
    expect(await page.getByTestId('training-band').count()).toBe(0);
  });
});
