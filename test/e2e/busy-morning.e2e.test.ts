// A busy morning at an 800×600 till, in Chromium, against the real backend, the Openapi emulator and
// the virtual ESC/POS printer. The scanner types at scanner speed (keys 8 ms apart, stamped on the
// events); the cashier and the manager type at a person's pace (90 ms, or 40 ms for a fast one). Every
// step asserts what the cashier sees, what came out on paper and what the API received — the things
// that went wrong when the till was first tried at a counter (issue #9).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fullyVisible, launchBrowser, scan, screenshot, startE2eTill, typeAsPerson, type BrowserSession, type E2eTill } from './harness.js';
import { demoBarcode, DEMO_PRODUCTS, ean13 } from '../../backend/demo/seed.js';
import { upsertProduct } from '../../backend/catalog/products.js';
import { decodeEscPos, paperSays } from '../../emulators/escpos-decoder.js';
import { DEFAULT_LABEL_LAYOUT, encodeInStoreLabel } from '../../shared/barcode.js';

const code = (sku: string) => demoBarcode(DEMO_PRODUCTS.findIndex((p) => p[0] === sku));
const LATTE = code('LAT001'); // € 1,49
const SPAGHETTI = code('PAS001'); // € 1,89
const PANE = code('PAN001'); // € 3,90/kg, sold by weight
const ACQUA = code('ACQ001'); // € 0,39
const CAFFE = code('CAF001'); // € 4,29
const FIORI = ean13('800123459001'); // no price in the catalogue
const COTTO_PLU = '000042';
const COTTO_LABEL = encodeInStoreLabel(DEFAULT_LABEL_LAYOUT.rules[0]!, COTTO_PLU, 435); // scale label: € 4,35
const UNKNOWN = ean13('800999999999');

let t: E2eTill;
let b: BrowserSession;
let page: Page;

const text = (testId: string) => page.getByTestId(testId).first().innerText();
const eventually = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });
const sales = () => (t.till.db.prepare(`SELECT count(*) AS n FROM documents WHERE kind = 'sale'`).get() as { n: number }).n;
const lastSale = () => t.till.db.prepare(`SELECT id, number, total_cents AS total FROM documents WHERE kind = 'sale' ORDER BY seq DESC LIMIT 1`).get() as { id: string; number: string; total: number };
const cartLines = () => page.getByTestId('cart-line').evaluateAll((rows) => rows.map((r) => [r.querySelector('.cart-title')?.textContent ?? '', r.querySelector('[data-testid="cart-qty"]')?.textContent ?? '']));
const signals = () => page.evaluate(() => (window as unknown as { __signals: string[] }).__signals.slice());
const paperOf = (bytes: Uint8Array) => paperSays(decodeEscPos(bytes)).join('\n');

/** «+», then the cash typed (nothing: the exact amount) and Enter; waits for the change screen. */
async function payCash(typed = ''): Promise<void> {
  await typeAsPerson(page, '+');
  await page.getByTestId('payment-screen').waitFor();
  await typeAsPerson(page, `${typed}{Enter}`);
  await page.getByTestId('payment-done').waitFor();
}

/** Nothing wider than the window: no horizontal scroll, and the money always in sight. */
async function fitsTheWindow(): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
}

beforeAll(async () => {
  t = await startE2eTill();
  const at = t.clock.now().toISOString();
  upsertProduct(t.till.db, { sku: 'FIO001', description: 'Mazzo di fiori', priceCents: 0, vatCode: '10', barcodes: [FIORI] }, at);
  upsertProduct(t.till.db, { sku: 'COT001', description: 'Prosciutto cotto', priceCents: 1990, vatCode: '10', soldByWeight: true, barcodes: [COTTO_PLU] }, at);
  b = await launchBrowser({ width: 800, height: 600 });
  page = b.page;
  page.setDefaultTimeout(10_000);
  // What the cashier hears: every signal the till gives is recorded.
  await page.addInitScript(() => {
    const w = window as unknown as { __signals: string[] };
    w.__signals = [];
    window.addEventListener('bancone:signal', (e) => w.__signals.push((e as CustomEvent<string>).detail));
  });
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `busy-failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('a busy morning at an 800×600 till', () => {
  it('Giulia logs in, typing her PIN at a person\'s pace', async () => {
    await page.goto(t.url);
    await page.getByTestId('operator-Giulia').click();
    await typeAsPerson(page, '1111{Enter}');
    await page.getByTestId('sale-screen').waitFor();
    await fitsTheWindow();
  });

  it('scanned items land at scanner speed; the quantity and the price typed in their dialogs replace the old values', async () => {
    await scan(page, LATTE);
    await scan(page, SPAGHETTI);
    await eventually(cartLines).toEqual([['Latte intero fresco 1 l', '1'], ['Pasta di Gragnano spaghetti 500 g', '1']]);
    // F2 on the selected line (the spaghetti): the dialog opens with «1» selected; typing 4 makes 4.
    await typeAsPerson(page, '{F2}');
    await page.getByTestId('entry-input').waitFor();
    expect(await page.getByTestId('entry-input').inputValue()).toBe('1');
    await typeAsPerson(page, '4{Enter}');
    await eventually(cartLines).toEqual([['Latte intero fresco 1 l', '1'], ['Pasta di Gragnano spaghetti 500 g', '4']]);
    // F3 on the milk: «1,49» selected; a very fast typist (40 ms a key) replaces it with 1,20 — and is not a scanner.
    await typeAsPerson(page, '{ArrowUp}');
    await typeAsPerson(page, '{F3}');
    await page.getByTestId('entry-input').waitFor();
    expect(await page.getByTestId('entry-input').inputValue()).toBe('1,49');
    await typeAsPerson(page, '1,20{Enter}', 40);
    await eventually(() => page.getByTestId('entry-dialog').count()).toBe(0);
    await eventually(() => page.getByTestId('cart-line').first().innerText()).toContain('1,20');
    expect(await page.getByTestId('cart-line').first().innerText()).toContain('prezzo cambiato');
    expect(await signals()).toEqual([]);
  });

  it('bread by weight: «350» in kg is asked about and taken as 350 g; the unit is always shown', async () => {
    await scan(page, PANE);
    await page.getByTestId('entry-input').waitFor();
    expect(await text('entry-dialog')).toContain('€ 3,90/kg');
    expect(await page.getByTestId('unit-kg').getAttribute('aria-pressed')).toBe('true');
    await typeAsPerson(page, '350{Enter}');
    await page.getByTestId('weight-confirm').waitFor();
    expect(await text('weight-confirm-text')).toBe('350,000 kg = € 1.365,00. Il peso è insolitamente alto: è giusto?');
    expect(await text('weight-other')).toBe('No, intendevo 350 g (€ 1,37)');
    await page.getByTestId('weight-other').click();
    await eventually(cartLines).toContainEqual(['Pane casereccio', '0,350 kg']);
    await screenshot(page, 'busy-weight');
  });

  it('no € 0 line: a department key at 0 is refused in words, a product with no price asks for one, a scale label sells at its price', async () => {
    await page.getByRole('tab', { name: 'Reparti' }).click();
    await page.getByTestId('department').filter({ hasText: 'Alimentari' }).click();
    await page.getByTestId('entry-input').waitFor();
    await typeAsPerson(page, '0{Enter}');
    await eventually(() => page.getByTestId('entry-error').getAttribute('data-code')).toBe('LINE_PRICE_ZERO');
    expect(await text('entry-error')).toContain('Omaggio');
    expect(await text('entry-dialog')).toContain('Indietro');
    expect(await text('entry-dialog')).not.toContain('Annulla');
    await typeAsPerson(page, '{Escape}');
    await scan(page, FIORI);
    await page.getByTestId('entry-input').waitFor();
    expect(await text('entry-dialog')).toContain('non ha un prezzo in catalogo');
    await typeAsPerson(page, '5{Enter}');
    await scan(page, COTTO_LABEL);
    await eventually(cartLines).toEqual([
      ['Latte intero fresco 1 l', '1'], ['Pasta di Gragnano spaghetti 500 g', '4'], ['Pane casereccio', '0,350 kg'], ['Mazzo di fiori', '1'], ['Prosciutto cotto', '1'],
    ]);
    // 1,20 + 4 × 1,89 + 1,37 + 5,00 + 4,35 = 19,48
    expect(await text('totals')).toContain('€ 19,48');
    expect(await fullyVisible(page, 'totals')).toBe(true);
    expect(await fullyVisible(page, 'pay-button')).toBe(true);
    await fitsTheWindow();
    await screenshot(page, 'busy-cart-800x600');
  });

  it('«Paga»: the manager approves the price change before any money; part cash, part card for exactly the figure shown', async () => {
    await typeAsPerson(page, '+');
    await page.getByTestId('approval-dialog').waitFor();
    expect(await text('approval-reasons')).toContain('Latte intero fresco 1 l');
    await typeAsPerson(page, '9999{Enter}');
    await page.getByTestId('payment-screen').waitFor();
    await typeAsPerson(page, '10{Enter}');
    // 10 in cash: 9,48 left by card (no rounding once a card is used); 9,50 if the rest were cash.
    await eventually(() => text('remaining')).toContain('€ 9,48');
    expect(await text('remaining-cash')).toContain('€ 9,50');
    expect(await fullyVisible(page, 'remaining')).toBe(true);
    await typeAsPerson(page, '{F3}');
    expect(await page.getByTestId('card-amount').inputValue()).toBe('9,48');
    await typeAsPerson(page, '{Enter}');
    expect(await text('card-confirm-text')).toContain('€ 9,48');
    await typeAsPerson(page, '{Enter}');
    await page.getByTestId('payment-done').waitFor();
    expect(await text('change-amount')).toBe('€ 0,00');
    await fitsTheWindow();
    const sale = lastSale();
    expect(sale.total).toBe(1948);
    // The paper says what the screen said.
    const [job] = await t.printer.waitForJobs(1, 10_000);
    const paper = paperOf(job!.bytes);
    expect(paper).toMatch(/TOTALE € 19,48/);
    expect(paper).toMatch(/Pagamento contante 10,00/);
    expect(paper).toMatch(/Pagamento elettronico 9,48/);
    // And so does what Openapi received.
    await eventually(() => t.emulator.receipts().length).toBe(1);
    expect(t.emulator.receipts()[0]).toMatchObject({ cash_payment_amount: 10, electronic_payment_amount: 9.48, total_amount: 19.48 });
  });

  it('leaving the change screen by F6 and back by F1: the paid cart is gone and «Paga» charges nothing', async () => {
    await typeAsPerson(page, '{F6}');
    await page.getByTestId('history-screen').waitFor();
    await typeAsPerson(page, '{F1}');
    await page.getByTestId('sale-screen').waitFor();
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    await typeAsPerson(page, '+{Enter}');
    expect(await page.getByTestId('payment-screen').count()).toBe(0);
    expect(sales()).toBe(1);
  });

  it('the next customer\'s first scan on the change screen starts their sale; an unknown code is heard and shown', async () => {
    await scan(page, ACQUA);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await payCash(); // the exact amount
    await scan(page, CAFFE); // change screen still up
    await page.getByTestId('sale-screen').waitFor();
    await eventually(cartLines).toEqual([['Caffè macinato miscela bar 250 g', '1']]);
    await scan(page, UNKNOWN);
    await eventually(() => text('sale-error')).toContain(`Codice ${UNKNOWN} non trovato`);
    expect(await signals()).toEqual(['unknown_code']);
    expect(await page.getByTestId('cart-line').count()).toBe(1);
    expect(sales()).toBe(2);
  });

  it('hand-over: Giulia\'s cart waits for her; Marco starts on an empty sale screen', async () => {
    await typeAsPerson(page, '{F10}');
    await page.getByTestId('login-screen').waitFor();
    await page.getByTestId('operator-Marco').click();
    await typeAsPerson(page, '9999{Enter}');
    await page.getByTestId('sale-screen').waitFor();
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    await scan(page, LATTE);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await typeAsPerson(page, '{F10}');
    await page.getByTestId('operator-Giulia').click();
    await typeAsPerson(page, '1111{Enter}');
    await page.getByTestId('sale-screen').waitFor();
    await eventually(cartLines).toEqual([['Caffè macinato miscela bar 250 g', '1']]);
  });

  it('paper out: the sale is recorded, the drawer opens at once, the counter says which receipt waits and what to do; it prints when the roll is in', async () => {
    await t.printer.setMode('paperOut');
    const kicks = t.printer.drawerKicks.length;
    const printed = t.printer.jobs.length;
    await payCash('5');
    const sale = lastSale();
    await t.printer.waitForDrawerKicks(kicks + 1, 10_000);
    expect(t.printer.drawerKicks.at(-1)?.command).toBe('DLE DC4');
    await page.getByTestId('printer-alert').waitFor();
    expect(await text('printer-alert')).toContain(`Scontrino ${sale.number} in attesa di stampa`);
    expect(await text('printer-alert')).toContain('Manca la carta');
    expect(await fullyVisible(page, 'printer-alert')).toBe(true);
    await screenshot(page, 'busy-paper-out');
    await t.printer.setMode('ok');
    await t.printer.waitForJobs(printed + 1, 15_000);
    expect(paperOf(t.printer.jobs.at(-1)!.bytes)).toContain(sale.number.slice(-4));
    await eventually(() => page.getByTestId('printer-alert').count(), 15_000).toBe(0);
    // One opening only: the receipt printed later does not open the drawer again.
    expect(t.printer.drawerKicks.length).toBe(kicks + 1);
    await typeAsPerson(page, '{Enter}');
  });

  it('the AdE number slip, on request from the history, once the number has arrived', async () => {
    const first = t.till.db.prepare(`SELECT id, number FROM documents WHERE kind = 'sale' ORDER BY seq LIMIT 1`).get() as { id: string; number: string };
    await eventually(() => t.emulator.receipts()[0]?.document_number ?? null, 15_000).not.toBeNull();
    const adeNumber = t.emulator.receipts()[0]!.document_number!;
    await typeAsPerson(page, '{F6}');
    await page.getByTestId('history-screen').waitFor();
    await eventually(() => page.locator(`[data-testid="history-row"][data-number="${first.number}"]`).count(), 15_000).toBe(1);
    await page.locator(`[data-testid="history-row"][data-number="${first.number}"]`).click();
    await page.getByTestId('history-detail').waitFor();
    const printed = t.printer.jobs.length;
    await eventually(async () => { await page.getByTestId('print-fiscal-number').click(); return t.printer.jobs.length; }, 15_000).toBeGreaterThan(printed);
    expect(paperOf(t.printer.jobs.at(-1)!.bytes)).toContain(adeNumber);
    await fitsTheWindow();
    await typeAsPerson(page, '{F1}');
  });

  it('a sale the Agenzia refuses goes to «Errore» alone, in Italian; the next sale is registered; the bar says so', async () => {
    await typeAsPerson(page, '{F1}');
    const sell = async () => {
      await scan(page, LATTE);
      await eventually(() => page.getByTestId('cart-line').count()).toBeGreaterThan(0);
      await payCash();
      await typeAsPerson(page, '{Enter}');
      return lastSale();
    };
    // Giulia's cart from the hand-over is still there: it goes first, then the refused one.
    await sell();
    t.emulator.setLifecycle({ adeFailureRate: 1 });
    const refused = await sell();
    await eventually(() => t.till.db.prepare('SELECT state FROM outbox WHERE document_id = ?').pluck().get(refused.id), 20_000).toBe('failed');
    t.emulator.setLifecycle({ adeFailureRate: 0 });
    const next = await sell();
    await eventually(() => t.till.db.prepare('SELECT state FROM outbox WHERE document_id = ?').pluck().get(next.id), 20_000).toBe('ready');
    await eventually(() => text('sb-fiscal')).toBe('AdE: 1 in errore (Storico)');
    expect(await page.getByTestId('sb-fiscal').getAttribute('data-state')).toBe('bad');
    await typeAsPerson(page, '{F6}');
    await page.getByTestId('filter-status').selectOption('error');
    await eventually(() => page.getByTestId('history-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')))).toEqual([refused.number]);
    await page.getByTestId('history-row').click();
    await eventually(() => text('history-detail')).toContain(refused.number);
    const detail = await text('history-detail');
    expect(detail).toContain('Rifiutato');
    expect(detail).toContain('Riprova');
    await fitsTheWindow();
    await page.getByTestId('filter-status').selectOption('all');
  });

  it('the status bar tells the truth: Openapi unreachable is never «In rete», and sales wait in the queue', async () => {
    await t.emulator.goOffline();
    await typeAsPerson(page, '{F1}');
    await scan(page, ACQUA);
    await eventually(() => page.getByTestId('cart-line').count()).toBeGreaterThan(0);
    await payCash();
    await typeAsPerson(page, '{Enter}');
    await eventually(() => text('sb-network'), 20_000).toBe('AdE non raggiungibile: vendite in coda');
    expect(await page.getByTestId('sb-network').getAttribute('data-state')).not.toBe('ok');
    expect(await text('status-bar')).not.toContain('tutto inviato');
    // Every word of the bar readable at 800 px; the whole story one click away.
    const cut = await page.locator('.status-bar .sb-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(cut).toEqual([]);
    // A bar on two lines still leaves the total and «Paga» in sight.
    await scan(page, LATTE);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await fullyVisible(page, 'pay-button')).toBe(true);
    await page.getByTestId('sb-network').click();
    expect(await text('sb-details')).toContain('le vendite restano in coda e partiranno da sole');
    await page.getByTestId('sb-details-close').click();
    await t.emulator.goOnline();
    await eventually(() => text('sb-network'), 30_000).toBe('AdE raggiungibile');
  });

  it('history marks a voided sale and a partly returned one, in plain words', async () => {
    const [a, b2] = t.till.db.prepare(`SELECT id, number FROM documents WHERE kind = 'sale' ORDER BY seq LIMIT 2`).all() as { id: string; number: string }[];
    // A void of the first sale (a manager's PIN), a return of one spaghetti from the second.
    await t.till.dispatcher.call('session.login', { operator_id: (t.till.db.prepare(`SELECT id FROM operators WHERE name = 'Marco'`).pluck().get() as string), pin: '9999' }, { id: 'back-office' });
    expect((await t.till.dispatcher.call('documents.void', { sale: b2!.id }, { id: 'back-office' })).ok).toBe(true);
    const line = (t.till.db.prepare(`SELECT line_no FROM document_lines WHERE document_id = ? AND description LIKE 'Pasta%'`).pluck().get(a!.id)) as number;
    expect((await t.till.dispatcher.call('documents.return', { sale: a!.id, lines: [{ line_no: line, quantity: 1 }], refund_method: 'cash' }, { id: 'back-office' })).ok).toBe(true);
    await typeAsPerson(page, '{F6}');
    await page.getByTestId('history-screen').waitFor();
    await eventually(() => page.locator(`[data-testid="history-row"][data-number="${b2!.number}"]`).innerText()).toContain('Annullato');
    expect(await page.locator(`[data-testid="history-row"][data-number="${a!.number}"]`).innerText()).toContain('Reso parziale');
    // Nothing in a row is cut at 800 px.
    const cut = await page.getByTestId('history-row').evaluateAll((rows) => rows.filter((r) => r.scrollWidth > r.clientWidth + 1).length);
    expect(cut).toBe(0);
  });

  it('the Excel catalogue (Windows-1252, «;», decimal comma) imports with its accents', async () => {
    await typeAsPerson(page, '{F7}');
    await page.getByTestId('catalog-screen').waitFor();
    const csv = Buffer.from('codice;descrizione;prezzo;iva;reparto;ean\r\nCAF002;Caffè Qualità Oro 250 g;4,79;22;Alimentari;\r\n', 'latin1');
    await page.getByTestId('csv-file').setInputFiles({ name: 'listino.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByTestId('csv-import').click();
    // The catalogue is the manager's: Giulia gets the PIN dialog, Marco types his PIN.
    await page.getByTestId('approval-dialog').waitFor();
    await typeAsPerson(page, '9999{Enter}');
    await eventually(() => text('import-summary')).toContain('Importato 1 prodotto');
    await page.getByTestId('catalog-search').fill('qualita oro');
    await eventually(() => text('catalog-screen')).toContain('Caffè Qualità Oro 250 g');
    expect(await text('catalog-screen')).not.toContain('�');
    await fitsTheWindow();
  });

  it('the cash count is blind, and «Avanti» saves it', async () => {
    await typeAsPerson(page, '{F8}');
    await page.getByTestId('end-of-day-screen').waitFor();
    await page.getByTestId('eod-next').click();
    await page.getByTestId('pieces-5000').fill('1');
    expect(await page.getByTestId('count-blind').isVisible()).toBe(true);
    for (const id of ['count-expected', 'count-variance']) expect(await page.getByTestId(id).count()).toBe(0);
    await page.getByTestId('eod-next').click();
    await eventually(() => t.till.db.prepare('SELECT count(*) FROM cash_counts').pluck().get()).toBe(1);
    await fitsTheWindow();
  });

  it('every screen fits 800×600', async () => {
    for (const [key, id] of [['{F5}', 'returns-screen'], ['{F6}', 'history-screen'], ['{F7}', 'catalog-screen'], ['{F8}', 'end-of-day-screen'], ['{F9}', 'settings-screen'], ['{F1}', 'sale-screen']] as const) {
      await typeAsPerson(page, key);
      await page.getByTestId(id).waitFor();
      await fitsTheWindow();
    }
    expect(b.problems).toEqual([]);
  });
});
