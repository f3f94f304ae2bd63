// The end-of-day screen in Chromium against the real till (bridge, dispatcher, background sync
// engine → Openapi emulator, print queue → virtual printer): float, cash out with the manager PIN,
// a blind count saved by «Avanti», final sync, close, Z on paper, PDF download, and a second
// closing the same evening refused on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, ROOT, startE2eTill, type BrowserSession, type E2eTill } from '../../e2e/harness.js';
import { decodeEscPos, paperSays } from '../../../emulators/escpos-decoder.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { pdfTextRuns } from './pdf-text.js';
import { readFileSync } from 'node:fs';

let t: E2eTill;
let b: BrowserSession;
let page: Page;
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const shot = async (name: string) => { mkdirSync(SHOTS, { recursive: true }); await page.screenshot({ path: join(SHOTS, `${name}.png`) }); };
const text = (id: string) => page.getByTestId(id).innerText();

beforeAll(async () => {
  t = await startE2eTill();
  b = await launchBrowser();
  page = b.page;
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('end of day in the browser', () => {
  it('logs in as the cashier and opens the end-of-day screen with F8', async () => {
    for (const [cents, method] of [[1290, 'cash'], [2580, 'electronic'], [349, 'cash']] as const) {
      commitSale(t.till.db, t.clock, { lines: [{ description: 'Vino rosso', unit_price_cents: cents, vat_code: '22', quantity: 1 }], payments: [{ method, amount_cents: method === 'cash' ? cents + 1000 : cents }] });
    }
    await page.goto(t.url);
    await page.getByTestId('operator-Giulia').click();
    await page.getByTestId('pin-input').fill('1111');
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();
    await page.keyboard.press('F8');
    await page.getByTestId('end-of-day-screen').waitFor();
    expect(await text('eod-net')).toBe('€ 42,19');
  });

  it('records the float, and a cash out only with the manager PIN', async () => {
    await page.getByTestId('movement-amount').fill('100');
    await page.getByTestId('movement-add').click();
    await expect.poll(() => page.getByTestId('movement-row').count()).toBe(1);
    await page.getByTestId('movement-kind-out').click();
    await page.getByTestId('movement-amount').fill('5,50');
    await page.getByTestId('movement-reason').fill('Caffè per il negozio');
    await page.getByTestId('movement-add').click();
    await page.getByTestId('approval-pin').fill('9999');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('movement-row').count()).toBe(2);
    // Blind count (the default): what the drawer should hold is not on screen before the count.
    expect(await text('eod-expected')).toBe('dopo il conteggio');
    expect(await page.getByTestId('eod-preview-hidden').isVisible()).toBe(true);
    expect(await text('end-of-day-screen')).not.toContain('110,90');
    await shot('eod-1-movements');
    const before = t.printer.jobs.length;
    await page.getByTestId('print-x').click();
    await expect.poll(() => t.printer.jobs.length, { timeout: 15_000 }).toBeGreaterThan(before);
    const paper = paperSays(decodeEscPos(t.printer.jobs.at(-1)!.bytes)).join('\n');
    expect(paper).toContain('LETTURA GIORNALIERA (X)');
    expect(paper).toMatch(/Operatore\s+Giulia/);
    expect(paper).toMatch(/CONTANTI ATTESI\s+110,90/);
  });

  it('counts the drawer blind, and «Avanti» saves the count (once)', async () => {
    const counts = () => t.till.db.prepare('SELECT counted_cents FROM cash_counts').pluck().all();
    await page.getByTestId('eod-next').click();
    await page.getByTestId('pieces-5000').fill('2');
    await page.getByTestId('pieces-500').fill('2');
    await page.getByTestId('pieces-20').fill('4');
    expect(await text('count-counted')).toBe('€ 110,80');
    // While counting: no expected amount, no variance, no verdict anywhere on the screen.
    expect(await page.getByTestId('count-blind').isVisible()).toBe(true);
    for (const id of ['count-expected', 'count-variance', 'count-verdict']) expect(await page.getByTestId(id).count()).toBe(0);
    expect(await text('end-of-day-screen')).not.toContain('110,90');
    await shot('eod-2-count-blind');
    await page.getByTestId('pieces-10').fill('x');
    await page.getByTestId('eod-next').click();
    expect(await page.getByTestId('eod-error').getAttribute('data-field')).toBe('denominations.10');
    expect(await page.getByTestId('eod-count').isVisible()).toBe(true);
    expect(counts()).toEqual([]);
    await page.getByTestId('pieces-10').fill('1');
    await page.getByTestId('eod-next').click();
    await page.getByTestId('eod-sync').waitFor();
    expect(counts()).toEqual([11090]);
    // Saved: now the expected cash shows, and back on the count the variance with it.
    expect(await text('eod-expected')).toBe('€ 110,90');
    await page.getByTestId('eod-back').click();
    expect(await text('count-variance')).toBe('€ 0,00');
    expect(await text('count-verdict')).toContain('Il cassetto torna');
    await page.getByTestId('count-saved').waitFor();
    await shot('eod-2-count');
    await page.getByTestId('eod-next').click();
    await page.getByTestId('eod-sync').waitFor();
    expect(counts()).toEqual([11090]); // «Avanti» again, nothing changed: not counted twice
  });

  it('runs the final sync with the manager, then closes and prints the Z', async () => {
    await page.getByTestId('sync-run').click();
    const pin = page.getByTestId('approval-pin');
    await pin.waitFor();
    await pin.fill('9999');
    await page.keyboard.press('Enter');
    await page.getByTestId('sync-all-ready').waitFor({ timeout: 30_000 });
    expect(await text('sync-progress')).toBe('3 di 3 documenti accettati');
    await shot('eod-3-sync');
    await page.getByTestId('eod-next').click();
    await shot('eod-4-close');
    // The cashier is at the till: the final sync used up the manager's approval, closing asks again.
    await page.getByTestId('close-day').click();
    await page.getByTestId('approval-pin').waitFor();
    await page.getByTestId('approval-pin').fill('9999');
    await page.keyboard.press('Enter');
    await page.getByTestId('closed-title').waitFor();
    expect(await text('closed-title')).toBe('Giornata chiusa: Z N. 1');
    const before = t.printer.jobs.length;
    await page.getByTestId('print-z').click();
    await page.getByTestId('print-queued').waitFor();
    await expect.poll(() => t.printer.jobs.length, { timeout: 15_000 }).toBeGreaterThan(before);
    const paper = paperSays(decodeEscPos(t.printer.jobs.at(-1)!.bytes)).join('\n');
    expect(paper).toContain('CHIUSURA GIORNALIERA (Z)');
    expect(paper).toMatch(/TOTALE CORRISPETTIVI\s+42,19/);
    expect(paper).toMatch(/Operatore\s+Marco/);
    await shot('eod-5-print');
    const download = page.waitForEvent('download');
    await page.getByTestId('pdf-z').click();
    const file = await (await download).path();
    expect(pdfTextRuns(readFileSync(file!)).join(' ')).toContain('Chiusura Z N. 1');
  });

  it('later the same evening, the screen says the day is closed instead of offering to close tomorrow', async () => {
    await page.getByTestId('eod-done').click();
    await page.getByTestId('sale-screen').waitFor();
    await page.keyboard.press('F8');
    const notice = page.getByTestId('eod-closed-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Giornata del 20/11/2026 già chiusa (Z N. 1 del 20/11/2026');
    expect(await notice.innerText()).toContain('La prossima chiusura, della giornata del 21/11/2026, si potrà fare da domani.');
    await page.getByTestId('eod-step-count').click();
    expect(await page.getByTestId('count-later').isVisible()).toBe(true);
    expect(await page.getByTestId('pieces-5000').count()).toBe(0); // no count of a day that has not begun
    await page.getByTestId('eod-step-close').click();
    expect(await page.getByTestId('close-day').count()).toBe(0);
    expect(await page.getByTestId('close-blocked').isVisible()).toBe(true);
    expect(await page.getByTestId('eod-preview-hidden').count()).toBe(0); // the next day's X reading is there
    await shot('eod-6-closed-already');
    // The Z can be printed again from here.
    const before = t.printer.jobs.length;
    await page.getByTestId('reprint-z').click();
    await expect.poll(() => t.printer.jobs.length, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(paperSays(decodeEscPos(t.printer.jobs.at(-1)!.bytes)).join('\n')).toMatch(/Chiusura Z N\.\s+1/);
    expect(t.till.db.prepare('SELECT count(*) FROM day_closures').pluck().get()).toBe(1);
  });

  it('ran without console errors or CSP violations', () => {
    expect(b.problems).toEqual([]);
  });
});
