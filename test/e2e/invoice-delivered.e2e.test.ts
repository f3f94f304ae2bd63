// The whole invoice path of issue #13 in Chromium at 800×600, as a manager and a cashier live it,
// with the sync process the app runs (backend/sync/process.ts: receipts and the invoice sender) and
// the Fattura Elettronica API emulator on 127.0.0.1:
//   1. Marco, in Impostazioni «Fatturazione elettronica», chooses Fattura Elettronica API, types the
//      emulator's address, user and password, saves: «Coda delle fatture: pronta», nothing in the bar.
//   2. Giulia scans two products, ⇧F1, «bar sp» Enter, pays by card: the paper is not a documento
//      commerciale and names 2026/0001; nothing goes to Openapi's /IT-receipts.
//   3. The sender takes it to the service (exactly one 2026/0001 there); the emulator's SDI delivers
//      it; the history reads «Fattura 2026/0001 — Consegnata al cliente». A second one the SDI rejects
//      with 00311: «Scartata…», the code, the SDI's words and what to do.
//   4. The bar's invoice item is gone once the queue is empty and fine.
// Every wait is on the screen, the decoded paper or the emulators, never on time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fullyVisible, launchBrowser, logIn, scan, screenshot, startE2eTill, typeAsPerson, type BrowserSession, type E2eTill } from './harness.js';
import { demoBarcode, DEMO_PRODUCTS } from '../../backend/demo/seed.js';
import { decodeEscPos, paperSays } from '../../emulators/escpos-decoder.js';
import type { FeaEmulator, FeaHold } from '../../emulators/fattura-elettronica-api/index.js';
import { saveCustomer } from '../../backend/customers/store.js';
import { CustomerSaveSchema } from '../../shared/contract/customers.js';
import { barSport, invoicingShop } from '../integration/invoices/helpers.js';

const code = (sku: string) => demoBarcode(DEMO_PRODUCTS.findIndex((p) => p[0] === sku));
const LATTE = code('LAT001'); // € 1,49
const SPAGHETTI = code('PAS001'); // € 1,89
const ACQUA = code('ACQ001'); // € 0,39

let t: E2eTill;
let fea: FeaEmulator;
let b: BrowserSession;
let page: Page;
const text = (testId: string) => page.getByTestId(testId).innerText();
const eventually = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout, interval: 100 });
const paperOf = (bytes: Uint8Array) => paperSays(decodeEscPos(bytes)).join('\n');
const row = (number: string) => page.locator(`[data-testid="history-row"][data-number="${number}"]`);
const receiptPosts = () => t.emulator.requests().filter((r) => r.method === 'POST' && r.path.startsWith('/IT-receipts'));
const atService = (numero: string) => fea.invoices().filter((f) => f.numero === numero);

/** The sale's number, as the done screen and the history show it. */
let firstSale = '';
let held: FeaHold;

/** Card for the whole amount (F3, the amount offered, Enter to confirm). */
async function payByCard(): Promise<void> {
  await page.keyboard.press('F3');
  expect(await page.getByTestId('card-amount').inputValue()).toBe('3,38');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
}
/** Cash, the exact amount. */
async function payCash(): Promise<void> {
  await page.keyboard.press('Enter');
}

/** A cashier's invoiced sale of `codes`, at scanner speed, ⇧F1 «bar sp» typed and Enter, then `pay`; the sale's number. */
async function invoicedSale(codes: string[], pay: () => Promise<void>): Promise<string> {
  for (const c of codes) await scan(page, c);
  await eventually(() => page.getByTestId('cart-line').count()).toBe(codes.length);
  await page.keyboard.press('Shift+F1');
  await page.getByTestId('invoice-picker').waitFor();
  await typeAsPerson(page, 'bar sp{Enter}');
  await page.getByTestId('invoice-picker').waitFor({ state: 'detached' });
  expect(await text('invoice-banner-text')).toBe('Fattura a: Bar Sport Srl (P.IVA 01234567897)');
  await page.keyboard.press('+');
  await page.getByTestId('payment-screen').waitFor();
  expect(await page.getByTestId('payment-title').textContent()).toBe('Pagamento: fattura');
  await pay();
  await page.getByTestId('payment-done').waitFor();
  const done = await text('done-number');
  const m = /^Fattura (\S+) emessa \(vendita (\S+)\): in coda per lo SDI$/.exec(done);
  expect(m, done).not.toBeNull();
  return m![2]!;
}

beforeAll(async () => {
  t = await startE2eTill({ syncProcess: true, invoicing: 'fattura-elettronica-api' });
  fea = t.fea!;
  invoicingShop(t.till.db);
  saveCustomer(t.till.db, null, CustomerSaveSchema.parse(barSport), t.clock.now().toISOString());
  b = await launchBrowser({ width: 800, height: 600 });
  page = b.page;
  page.setDefaultTimeout(15_000);
  await page.goto(t.url);
  await logIn(page, 'Marco');
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `invoice-delivered-failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('an invoice from the counter to the customer, through Fattura Elettronica API (Chromium, 800×600)', () => {
  it('the manager chooses Fattura Elettronica API with the emulator\'s address, user and password: the queue is ready', async () => {
    await page.getByTestId('sb-printer').waitFor();
    expect(await page.getByTestId('sb-invoices').count()).toBe(0);
    await page.keyboard.press('F9');
    await page.getByTestId('settings-invoicing').waitFor();
    await page.getByTestId('invoice-provider').selectOption('fattura-elettronica-api');
    await page.getByTestId('invoice-address-choice').selectOption('custom');
    await page.getByTestId('invoice-url').fill(fea.url);
    await page.getByTestId('invoice-auth').selectOption('basic');
    await page.getByTestId('invoice-user').fill('negozio');
    await page.keyboard.press('F2');
    await page.getByTestId('settings-save').and(page.locator(':disabled')).waitFor();
    // The password: write-only, then a masked hint.
    await page.getByTestId('secret-invoice.credential-edit').click();
    await page.getByTestId('secret-invoice.credential').fill('segreta');
    await page.keyboard.press('Enter');
    await eventually(() => text('invoice-queue-state')).toBe('Coda delle fatture: pronta');
    expect(await page.getByTestId('invoice-queue-state').getAttribute('data-code')).toBe('');
    expect(await text('secret-invoice.credential-hint')).not.toContain('segreta');
    // Ready, nothing to send: the bar says nothing about invoices (no «Fatture ferme»).
    await eventually(() => page.getByTestId('sb-invoices').count()).toBe(0);
    await screenshot(page, 'invoice-delivered-settings');
    // The manager hands the till over to the cashier.
    await page.keyboard.press('F10');
    await logIn(page, 'Giulia');
  });

  it('the cashier scans two products, ⇧F1 «bar sp» Enter, card: the paper names the invoice and is not a documento commerciale', async () => {
    // The service holds the first send until released: meanwhile the bar counts the invoice on its way.
    held = fea.hold({ commit: 'before' });
    let reached = false;
    void held.reached.then(() => { reached = true; });
    firstSale = await invoicedSale([LATTE, SPAGHETTI], payByCard);
    expect(await text('done-number')).toBe(`Fattura 2026/0001 emessa (vendita ${firstSale}): in coda per lo SDI`);
    await eventually(() => reached).toBe(true);
    await eventually(() => text('sb-invoices')).toBe('Fatture: 1 da inviare');
    expect(await fullyVisible(page, 'sb-invoices')).toBe(true);
    const [job] = await t.printer.waitForJobs(1, 15_000);
    const paper = paperOf(job!.bytes);
    expect(paper.replace(/\s+/g, ' ')).toContain('Documento non valido ai fini fiscali - Fattura n. 2026/0001 emessa a Bar Sport Srl, inviata allo SDI');
    expect(paper).toContain('FATTURA N. 2026/0001');
    // Both products scanned are on it (a line may be cut to the paper's width).
    expect(paper).toMatch(/Latte intero fresco/);
    expect(paper).toMatch(/Pasta di Gragnano/);
    expect(paper).toMatch(/Pagamento elettronico +3,38/);
    expect(paper).not.toContain('DOCUMENTO COMMERCIALE');
    await screenshot(page, 'invoice-delivered-done');
  });

  it('the sync process sends it: the service holds exactly one 2026/0001, the SDI delivers it, the history says «Consegnata al cliente»', async () => {
    let done = '';
    void held.done.then((how) => { done = how; });
    held.release();
    await eventually(() => done).toBe('answered');
    await eventually(() => atService('2026/0001').length).toBe(1);
    const [sent] = atService('2026/0001');
    expect(sent).toMatchObject({ tipo: 'TD01', state: 'INVI' });
    expect(sent!.xml).toContain('<Denominazione>Bar Sport Srl</Denominazione>');
    expect(sent!.xml).toContain('<ImportoTotaleDocumento>3.38</ImportoTotaleDocumento>');
    // Invoiced instead of the receipt: Openapi's receipts service never heard of this sale.
    expect(receiptPosts()).toEqual([]);
    expect(t.emulator.receipts()).toEqual([]);

    fea.setState(sent!.id, 'CONS');
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('history-screen').waitFor();
    await eventually(() => row(firstSale).getByTestId('history-invoice-mark').innerText()).toBe('Fattura 2026/0001');
    await row(firstSale).click();
    await page.getByTestId('history-detail').waitFor();
    await eventually(() => text('invoice-title')).toBe('Fattura 2026/0001 — Consegnata al cliente');
    expect(await page.getByTestId('invoice-notice').getAttribute('data-state')).toBe('delivered');
    expect(await fullyVisible(page, 'invoice-title')).toBe(true);
    expect(await page.getByTestId('invoice-sdi-error').count()).toBe(0);
    // Sent once, whatever the polls did.
    expect(atService('2026/0001')).toHaveLength(1);
    expect(fea.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/fatture'))).toHaveLength(1);
    await screenshot(page, 'invoice-delivered-history');
  });

  it('a second invoice the SDI rejects with 00311: «Scartata…», the code, the SDI\'s words and what to do', async () => {
    await page.keyboard.press('F1');
    await page.getByTestId('sale-screen').waitFor();
    const second = await invoicedSale([ACQUA], payCash);
    expect(await text('done-number')).toBe(`Fattura 2026/0002 emessa (vendita ${second}): in coda per lo SDI`);
    await eventually(() => atService('2026/0002').length).toBe(1);
    const [sent] = atService('2026/0002');
    fea.setState(sent!.id, 'ERRO', '00311 - 1.1.4 CodiceDestinatario non valido');

    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('history-screen').waitFor();
    await eventually(() => row(second).getByTestId('history-invoice-mark').innerText()).toBe('Fattura 2026/0002');
    await row(second).click();
    await page.getByTestId('history-detail').waitFor();
    await eventually(() => text('invoice-title')).toBe('Fattura 2026/0002 — Scartata dallo SDI: va emessa di nuovo, corretta, entro 5 giorni');
    expect(await page.getByTestId('invoice-notice').getAttribute('data-state')).toBe('rejected');
    const error = page.getByTestId('invoice-sdi-error');
    expect(await error.count()).toBe(1);
    expect(await error.getAttribute('data-code')).toBe('00311');
    expect(await error.innerText()).toContain('Errore SDI 00311: 1.1.4 CodiceDestinatario non valido');
    expect(await text('invoice-sdi-advice')).toBe(
      'Cosa fare: Codice destinatario del cliente non valido: chiedere al cliente il codice giusto (7 caratteri) o la PEC, correggere in «Clienti» e riemettere');
    expect(await fullyVisible(page, 'invoice-sdi-error')).toBe(true);
    await eventually(() => row(second).getByTestId('history-invoice-mark').getAttribute('data-state')).toBe('rejected');
    // The first stays delivered; still one of each at the service; still nothing at /IT-receipts.
    expect(await row(firstSale).getByTestId('history-invoice-mark').getAttribute('data-state')).toBe('delivered');
    expect(fea.invoices().map((f) => [f.numero, f.state])).toEqual([['2026/0001', 'CONS'], ['2026/0002', 'ERRO']]);
    expect(receiptPosts()).toEqual([]);
    await screenshot(page, 'invoice-delivered-rejected');
  });

  it('the queue empty and fine: the bar\'s invoice item (seen while 2026/0001 was on its way) is gone', async () => {
    await eventually(() => page.getByTestId('sb-invoices').count()).toBe(0);
    expect(await page.getByTestId('sb-network').count()).toBe(1);
    expect(b.problems).toEqual([]);
  });
});
