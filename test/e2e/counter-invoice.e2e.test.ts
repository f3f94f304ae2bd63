// «Fattura invece dello scontrino» from the cashier's side (issue #13), in Chromium at 800×600,
// keyboard only: two products scanned at scanner speed, ⇧F1, «bar sp» typed at scanner speed and
// Enter, «Fattura a: Bar Sport Srl (P.IVA …)» on screen, paid by card. The paper decoded from the
// virtual printer says it is not a documento commerciale and names the invoice; the Openapi emulator
// never receives it as a receipt; the invoice waits in invoices.list (sending is another piece's).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fullyVisible, launchBrowser, logIn, scan, screenshot, startE2eTill, typeAsPerson, type BrowserSession, type E2eTill } from './harness.js';
import { demoBarcode, DEMO_PRODUCTS } from '../../backend/demo/seed.js';
import { decodeEscPos, paperSays } from '../../emulators/escpos-decoder.js';
import { saveCustomer } from '../../backend/customers/store.js';
import { listInvoices } from '../../backend/invoicing/store.js';
import { barSport, invoicingShop } from '../integration/invoices/helpers.js';

const code = (sku: string) => demoBarcode(DEMO_PRODUCTS.findIndex((p) => p[0] === sku));
const LATTE = code('LAT001'); // € 1,49
const SPAGHETTI = code('PAS001'); // € 1,89
const ACQUA = code('ACQ001'); // € 0,39

let t: E2eTill;
let b: BrowserSession;
let page: Page;
const text = (testId: string) => page.getByTestId(testId).innerText();
const eventually = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });
const paperOf = (bytes: Uint8Array) => paperSays(decodeEscPos(bytes)).join('\n');

beforeAll(async () => {
  t = await startE2eTill();
  invoicingShop(t.till.db);
  const blank = { nome: '', cognome: '', codice_fiscale: '', paese_iva: '', pec: '', nazione: '', notes: '' };
  saveCustomer(t.till.db, null, { ...blank, ...barSport }, t.clock.now().toISOString());
  b = await launchBrowser({ width: 800, height: 600 });
  page = b.page;
  page.setDefaultTimeout(10_000);
  await page.goto(t.url);
  await logIn(page, 'Giulia');
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `counter-invoice-failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('invoice instead of the receipt, at the counter', () => {
  it('scan, ⇧F1, «bar sp» Enter, card: the paper is not a documento commerciale, nothing goes to /IT-receipts, the invoice is pending', async () => {
    await scan(page, LATTE);
    await scan(page, SPAGHETTI);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(2);
    // The key is in sight on the sale screen at 800×600.
    expect(await fullyVisible(page, 'btn-invoice')).toBe(true);
    expect(await text('btn-invoice')).toContain('Fattura');
    await page.keyboard.press('Shift+F1');
    await page.getByTestId('invoice-picker').waitFor();
    // Typed at scanner speed (8 ms a key) with Enter: a search, never a barcode; Enter waits for the answer.
    await typeAsPerson(page, 'bar sp{Enter}', 8);
    await page.getByTestId('invoice-picker').waitFor({ state: 'detached' });
    expect(await text('invoice-banner-text')).toBe('Fattura a: Bar Sport Srl (P.IVA 01234567897)');
    expect(await fullyVisible(page, 'invoice-banner')).toBe(true);
    await screenshot(page, 'counter-invoice-banner');
    expect(await page.getByTestId('cart-line').count()).toBe(2);

    await page.keyboard.press('+');
    await page.getByTestId('payment-screen').waitFor();
    expect(await page.getByTestId('payment-title').textContent()).toBe('Pagamento: fattura');
    expect(await text('invoice-banner-text')).toBe('Fattura a: Bar Sport Srl (P.IVA 01234567897)');
    await page.keyboard.press('F3');
    expect(await page.getByTestId('card-amount').inputValue()).toBe('3,38');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-done').waitFor();
    const [invoice] = listInvoices(t.till.db, { limit: 10 });
    expect(invoice).toMatchObject({ kind: 'TD01', atSale: true, number: '2026/0001', customer: { name: 'Bar Sport Srl' }, totalCents: 338, sending: { state: 'pending' } });
    expect(await text('done-number')).toBe(`Fattura 2026/0001 emessa (vendita ${invoice!.document.number}): in coda per lo SDI`);
    await screenshot(page, 'counter-invoice-done');

    const [job] = await t.printer.waitForJobs(1, 10_000);
    const paper = paperOf(job!.bytes);
    expect(paper.replace(/\s+/g, ' ')).toContain('Documento non valido ai fini fiscali - Fattura n. 2026/0001 emessa a Bar Sport Srl, inviata allo SDI');
    expect(paper).toContain('FATTURA N. 2026/0001');
    expect(paper).toContain('Fattura a: Bar Sport Srl');
    expect(paper).toContain('P.IVA 01234567897');
    expect(paper).toMatch(/Pagamento elettronico +3,38/);
    expect(paper).not.toContain('DOCUMENTO COMMERCIALE');
    expect(paper).not.toMatch(/IN ATTESA DI EMISSIONE|Documento N\./);

    // Next customer, a plain sale: it reaches the emulator; the invoiced one, older, never did.
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();
    expect(await page.getByTestId('invoice-banner').count()).toBe(0);
    await scan(page, ACQUA);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('+');
    await page.getByTestId('payment-screen').waitFor();
    expect(await page.getByTestId('payment-title').textContent()).toBe('Pagamento');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-done').waitFor();
    await eventually(() => t.emulator.receipts().length, 20_000).toBe(1);
    expect(t.emulator.receipts().map((r) => r.total_amount)).toEqual([0.39]);
    expect(t.emulator.requests().filter((r) => r.method === 'POST' && r.path.startsWith('/IT-receipts'))).toHaveLength(1);
    expect(t.till.db.prepare('SELECT count(*) FROM outbox WHERE document_id = ?').pluck().get(invoice!.document.id)).toBe(0);
    expect(listInvoices(t.till.db, { limit: 10 }).map((i) => [i.number, i.sending.state])).toEqual([['2026/0001', 'pending']]);
  });

  it('the choice can be taken off before paying: ⇧F1 then F2, and the sale is a receipt again', async () => {
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();
    await scan(page, LATTE);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('Shift+F1');
    await typeAsPerson(page, '01234567897{Enter}', 8);
    await eventually(() => text('invoice-banner-text')).toBe('Fattura a: Bar Sport Srl (P.IVA 01234567897)');
    await page.keyboard.press('Shift+F1');
    await page.getByTestId('invoice-picker-current').waitFor();
    // Usable at 800×600: every way out of the picker is on screen.
    for (const id of ['invoice-picker-search', 'invoice-picker-back', 'invoice-remove', 'invoice-new-customer', 'invoice-pick']) expect(await fullyVisible(page, id)).toBe(true);
    await screenshot(page, 'counter-invoice-picker');
    await page.keyboard.press('F2');
    await page.getByTestId('invoice-picker').waitFor({ state: 'detached' });
    expect(await page.getByTestId('invoice-banner').count()).toBe(0);
    expect(await page.getByTestId('cart-line').count()).toBe(1);
  });

  it('the end of day shows the invoiced sale on its own line, outside the corrispettivi', async () => {
    await page.keyboard.press('F8');
    await page.getByTestId('eod-summary').waitFor();
    await eventually(() => text('eod-net')).toBe('€ 0,39');
    expect((await page.getByTestId('eod-at-sale').textContent() ?? '').replace(/\s+/g, ' ')).toBe('Vendite documentate da fattura (1)€ 3,38');
    await screenshot(page, 'counter-invoice-eod');
  });
});
