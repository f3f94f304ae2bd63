// The back office in Chromium, opened from the address `bancone server` prints: the tills of the
// shop (one healthy, one never seen: red) and a day's report with every till's figures and the Z of
// the till that closed. The server is a real `bancone server` process on its own PostgreSQL; the
// tills' uploads are written into its tables as an upload leaves them.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { romeDate } from '../../shared/time.js';
import { addCashMovement, addClosure, addDocument, addShop, addTill } from '../fixtures/backoffice-shop.js';
import { buildBackoffice } from '../fixtures/backoffice-build.js';
import { startBackofficeServer, type BackofficeServer } from '../fixtures/backoffice-server.js';
import { launchBrowser, ROOT, screenshot, type BrowserSession } from './harness.js';

let server: BackofficeServer;
let address: string;
let pool: pg.Pool;
let browser: BrowserSession;
const DAY = romeDate(new Date());

beforeAll(async () => {
  await buildBackoffice(ROOT);
  server = await startBackofficeServer();
  address = server.address;
  pool = server.pool;
  const shop = await addShop(pool, 'Forno Rossi');
  const c1 = await addTill(pool, shop, 'C1', new Date());
  const c2 = await addTill(pool, shop, 'C2');
  await addDocument(pool, { shopId: shop, id: 'e1', tillId: c1, tillCode: 'C1', kind: 'sale', day: DAY, seq: 1, totalCents: 1220,
    lines: [{ description: 'Pane integrale', amountCents: 1220, vatCode: '22' }], vat: [{ vatCode: '22', grossCents: 1220, taxableCents: 1000, vatCents: 220 }],
    payments: [{ method: 'cash', appliedCents: 1220 }], fiscal: { state: 'ready' } });
  await addDocument(pool, { shopId: shop, id: 'e2', tillId: c1, tillCode: 'C1', kind: 'return', day: DAY, seq: 2, totalCents: 610, parentId: 'e1',
    lines: [{ description: 'Pane integrale', amountCents: 610, vatCode: '22' }], vat: [{ vatCode: '22', grossCents: 610, taxableCents: 500, vatCents: 110 }],
    payments: [{ method: 'cash', appliedCents: 610 }], fiscal: { state: 'ready' } });
  await addDocument(pool, { shopId: shop, id: 'e3', tillId: c2, tillCode: 'C2', kind: 'sale', day: DAY, seq: 1, totalCents: 550,
    lines: [{ description: 'Cornetto', amountCents: 550, vatCode: '10' }], vat: [{ vatCode: '10', grossCents: 550, taxableCents: 500, vatCents: 50 }],
    payments: [{ method: 'electronic', appliedCents: 550 }] });
  await addCashMovement(pool, { id: 'f1', shopId: shop, tillId: c1, day: DAY, kind: 'float', amountCents: 10000 });
  await addClosure(pool, { shopId: shop, tillId: c1, day: DAY, zNumber: 7, netCents: 610 });
  browser = await launchBrowser({ width: 1024, height: 768 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the back office in the browser', () => {
  it('opened from the printed address: the tills, then a day\'s report of the shop with the Z of the till that closed', async () => {
    const origin = new URL(address).origin;
    // The page: a strict policy, never cached; its data refused without the token.
    const index = await fetch(`${origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${origin}/admin/api/tills`)).status).toBe(401);

    const { page, problems } = browser;
    await page.goto(address);
    const tills = page.getByTestId('tills');
    await expect.poll(() => tills.isVisible()).toBe(true);
    // The token left the address bar (kept for this tab only).
    expect(new URL(page.url()).hash).toBe('');
    await expect.poll(() => page.getByTestId('till-C1').getAttribute('data-state')).toBe('ok');
    expect(await page.getByTestId('till-C1').innerText()).toContain('In ordine');
    expect(await page.getByTestId('till-C2').getAttribute('data-state')).toBe('bad');
    expect(await page.getByTestId('till-C2').innerText()).toContain('Mai collegata al server');
    await screenshot(page, 'backoffice-tills');

    // F2: the report of today, the whole shop (C2 has not closed: an X), by keyboard.
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('report').isVisible()).toBe(true);
    await page.locator('#report-from').focus();
    await page.keyboard.press('Enter');
    const result = page.getByTestId('report-result');
    await expect.poll(() => result.isVisible()).toBe(true);
    expect(await result.getAttribute('data-type')).toBe('x');
    expect(await page.getByTestId('report-net').innerText()).toMatch(/^€\s?11,60$/);
    const text = await result.innerText();
    expect(text).toContain('Lettura X (giornata aperta)');
    expect(text).toContain('2 documenti');
    expect(text).toMatch(/C1 — \d\d\/\d\d\/\d{4}: Z n\. 7, netto €\s?6,10/);
    expect(await page.getByTestId('report-open').innerText()).toContain('C2');
    await screenshot(page, 'backoffice-report');

    // One till: C1 closed the day, so its report is its Z.
    await page.locator('#report-till').selectOption('C1');
    await page.getByTestId('report-show').click();
    await expect.poll(() => result.getAttribute('data-type')).toBe('z');
    expect(await page.getByTestId('report-net').innerText()).toMatch(/^€\s?6,10$/);

    // A day after «Al»: refused on the page, naming the field.
    await page.locator('#report-to').fill('2020-01-01');
    await page.getByTestId('report-show').click();
    await expect.poll(() => page.getByTestId('report-to-error').innerText().catch(() => '')).toBe('Al: la data viene prima di «Dal»');

    expect(problems).toEqual([]);
  }, 120_000);

  it('Vendite: a search across the tills by words in the lines, then one document with its return; an amount that is no amount is refused naming the field', async () => {
    const { page, problems } = browser;
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByTestId('sales').isVisible()).toBe(true);
    await page.locator('#sales-amount').fill('12,5,0');
    await page.locator('#sales-amount').press('Enter');
    await expect.poll(() => page.getByTestId('sales-amount-error').innerText().catch(() => '')).toBe('Importo: scrivere un importo in euro, per esempio 12,50');
    await page.locator('#sales-amount').fill('');
    await page.locator('#sales-text').fill('pane');
    await page.locator('#sales-text').press('Enter');
    const results = page.getByTestId('sales-results');
    await expect.poll(() => results.isVisible()).toBe(true);
    const number = `C1-${DAY}/0001`;
    expect(await results.innerText()).toContain(number);
    expect(await results.innerText()).not.toContain('C2-'); // Cornetto: not «pane»
    await page.getByTestId(`doc-${number}`).getByRole('button').click();
    const detail = page.getByTestId('sales-detail');
    await expect.poll(() => detail.isVisible()).toBe(true);
    const text = await detail.innerText();
    expect(text).toContain(`Documento ${number}`);
    expect(text).toContain('Pane integrale');
    expect(text).toContain('Stato AdE: accettato');
    expect(text).toContain(`C1-${DAY}/0002`); // its return
    await screenshot(page, 'backoffice-sale-detail');
    expect(problems).toEqual([]);
  }, 120_000);
});
