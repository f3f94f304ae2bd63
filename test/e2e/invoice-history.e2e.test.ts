// Invoices on screen (issue #13) in Chromium at 800×600, keyboard where the cashier would use it: a
// manager chooses Fattura24 in Settings with its API key (the section then says the queue is ready),
// a sale is paid, and from the history «Fattura» (F4) → «bar» → Enter → Enter issues 2026/0001 to Bar
// Sport: the detail says «Fattura 2026/0001 — Da inviare», the row is marked, the status bar counts
// it. Then the SDI rejects it (the outbox row written here as the sender would, on its own
// connection) and the detail says «Scartata…» with the SDI's code and words, the bar goes quiet.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fullyVisible, launchBrowser, logIn, scan, screenshot, startE2eTill, type BrowserSession, type E2eTill } from './harness.js';
import { demoBarcode } from '../../backend/demo/seed.js';
import { openDatabase } from '../../backend/db/open.js';
import { saveCustomer } from '../../backend/customers/store.js';
import { CustomerSaveSchema } from '../../shared/contract/customers.js';
import { barSport, invoicingShop, marioRossi } from '../integration/invoices/helpers.js';

const LATTE = demoBarcode(0);

let t: E2eTill;
let b: BrowserSession;
let page: Page;
// The service's address points here, on 127.0.0.1: a service that takes the call and never answers.
// Nothing may leave the machine, whatever sends invoices in this till (the sender is another's).
let silent: Server;
const sockets = new Set<Socket>();
let silentUrl = '';

const text = (testId: string) => page.getByTestId(testId).innerText();
const eventually = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });
const row = (number: string) => page.locator(`[data-testid="history-row"][data-number="${number}"]`);

beforeAll(async () => {
  silent = createServer(() => { /* never answers */ });
  silent.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}/api/v0.3`;
  // This till sends no invoices: the test moves the outbox row itself, as the sender would (the
  // whole path through a sender is test/e2e/invoice-delivered.e2e.test.ts).
  t = await startE2eTill({ invoiceSender: false });
  // The shop's data as an invoice needs them (a Partita IVA whose check digit holds, the address), and two customers of the book.
  invoicingShop(t.till.db);
  const at = t.clock.now().toISOString();
  saveCustomer(t.till.db, null, CustomerSaveSchema.parse(barSport), at);
  saveCustomer(t.till.db, null, CustomerSaveSchema.parse(marioRossi), at);
  b = await launchBrowser({ width: 800, height: 600 });
  page = b.page;
  page.setDefaultTimeout(15_000);
  await page.goto(t.url);
  await logIn(page, 'Marco');
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `invoice-history-failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent?.close(r));
});

describe('invoices in Settings, the history and the status bar (Chromium, 800×600)', () => {
  it('a manager chooses Fattura24 with its API key: the queue is said to be stopped until the key is there, then ready', async () => {
    // Nothing to send and no service: the bar says nothing about invoices.
    await page.getByTestId('sb-printer').waitFor();
    expect(await page.getByTestId('sb-invoices').count()).toBe(0);
    await page.keyboard.press('F9');
    await page.getByTestId('settings-invoicing').waitFor();
    await eventually(() => text('invoice-queue-state')).toBe(
      'Fatture: nessun servizio di fatturazione scelto; le fatture restano in coda (Impostazioni, Fatturazione elettronica)');
    expect(await text('invoice-next-number')).toBe('Prossimo numero: 2026/0001');

    await page.getByTestId('invoice-provider').selectOption('fattura24');
    expect(await text('invoice-provider-about')).toMatch(/^Fattura24 \(app\.fattura24\.com\): la chiave API/);
    // The public address is offered; a wrong custom one is refused on its field, in Italian, and nothing is saved.
    expect(await page.getByTestId('invoice-address-choice').locator('option:checked').innerText()).toBe('Indirizzo pubblico (https://www.app.fattura24.com/api/v0.3)');
    await page.getByTestId('invoice-address-choice').selectOption('custom');
    await page.getByTestId('invoice-url').fill('app.fattura24.com');
    await page.keyboard.press('F2');
    await eventually(() => text('invoice-url-error')).toBe(
      'Indirizzo del servizio di fatturazione: deve iniziare con https:// (o http:// per un servizio nella rete del negozio), es. https://fatture.example.it');
    expect(await page.getByTestId('invoice-url').getAttribute('aria-invalid')).toBe('true');
    expect(t.till.db.prepare(`SELECT value FROM settings WHERE key = 'invoice.provider'`).pluck().get() ?? null).toBeNull();
    await page.getByTestId('invoice-url').fill(silentUrl);
    expect(await page.getByTestId('invoice-url-error').count()).toBe(0);
    await page.keyboard.press('F2');
    await page.getByTestId('settings-save').and(page.locator(':disabled')).waitFor();
    await eventually(() => text('invoice-queue-state')).toBe(
      'Fatture: manca la chiave o la password del servizio di fatturazione; le fatture restano in coda (Impostazioni, Fatturazione elettronica)');
    // The bar says so too: a service chosen that cannot send; the sentence is its tooltip.
    await eventually(() => text('sb-invoices')).toBe('Fatture ferme');
    expect(await page.getByTestId('sb-invoices').getAttribute('title')).toMatch(/^Fatture: manca la chiave o la password/);
    // The API key: write-only, then a masked hint.
    await page.getByTestId('secret-invoice.credential-edit').click();
    await page.getByTestId('secret-invoice.credential').fill('f24-key-0001');
    await page.keyboard.press('Enter');
    await eventually(() => text('invoice-queue-state')).toBe('Coda delle fatture: pronta');
    expect(await text('secret-invoice.credential-hint')).not.toContain('f24-key-0001');
    expect(await page.getByTestId('invoice-queue-state').getAttribute('data-code')).toBe('');
    await eventually(() => page.getByTestId('sb-invoices').count()).toBe(0);
    await screenshot(page, 'invoice-settings-fattura24');
  });

  it('from the history: «Fattura» → «bar» → Enter → Enter; the detail says «Fattura 2026/0001 — Da inviare»', async () => {
    await page.keyboard.press('F1');
    await page.getByTestId('sale-screen').waitFor();
    await scan(page, LATTE);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('+');
    await page.getByTestId('pay-cash').click();
    await page.getByTestId('payment-done').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();
    const sale = t.till.db.prepare(`SELECT id, number FROM documents WHERE kind = 'sale' ORDER BY seq DESC LIMIT 1`).get() as { id: string; number: string };

    await page.keyboard.press('F6');
    await page.getByTestId('history-screen').waitFor();
    await row(sale.number).click();
    await page.getByTestId('history-detail').waitFor();
    expect(await fullyVisible(page, 'make-invoice')).toBe(true);
    expect(await page.getByTestId('invoice-notice').count()).toBe(0);
    await page.keyboard.press('F4');
    await page.getByTestId('invoice-pick').waitFor();
    expect(await text('invoice-pick')).toContain(`Fattura per la vendita ${sale.number}`);
    await page.keyboard.type('bar');
    await eventually(() => page.getByTestId('invoice-pick-option').allInnerTexts()).toEqual(['Bar Sport Srl\nP.IVA IT01234567897 · Codice SDI M5UXCR1']);
    await page.keyboard.press('Enter');
    await eventually(() => text('invoice-chosen')).toContain('Fattura a Bar Sport Srl');
    expect(await fullyVisible(page, 'invoice-issue')).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('invoice-pick').waitFor({ state: 'detached' });

    await eventually(() => text('invoice-title')).toBe('Fattura 2026/0001 — Da inviare');
    expect(await text('invoice-customer')).toMatch(/^Bar Sport Srl · del \d\d\/\d\d\/2026$/);
    expect(await fullyVisible(page, 'invoice-title')).toBe(true);
    await eventually(() => row(sale.number).getByTestId('history-invoice-mark').innerText()).toBe('Fattura 2026/0001');
    // The bar counts it while it waits to go.
    await eventually(() => text('sb-invoices')).toBe('Fatture: 1 da inviare');
    expect(await fullyVisible(page, 'sb-invoices')).toBe(true);
    // Invoiced once: «Fattura» is no longer offered.
    expect(await page.getByTestId('make-invoice').count()).toBe(0);
    await screenshot(page, 'invoice-history-issued');
  });

  it('the SDI rejects it: the detail says «Scartata…» with the code and the SDI\'s words, the row turns red, the bar goes quiet', async () => {
    // The sender's own connection records the verdict (backend/invoicing/sender writes it so).
    const sender = openDatabase(join(t.dir, 'bancone.db'));
    try {
      sender.prepare(`UPDATE invoice_outbox SET state = 'rejected', provider = 'fattura24', remote_id = 'F24-77', attempts = 1,
        sdi_errors = ?, outcome_at = ?, updated_at = ? WHERE invoice_id = (SELECT id FROM invoices WHERE number = '2026/0001')`)
        .run(JSON.stringify([{ code: '00311', message: 'CodiceDestinatario non valido' }]), t.clock.now().toISOString(), t.clock.now().toISOString());
    } finally { sender.close(); }

    await eventually(() => text('invoice-title')).toBe('Fattura 2026/0001 — Scartata dallo SDI: va emessa di nuovo, corretta, entro 5 giorni');
    expect(await page.getByTestId('invoice-notice').getAttribute('data-state')).toBe('rejected');
    const [errorLine] = await page.getByTestId('invoice-sdi-error').allInnerTexts();
    expect(errorLine).toMatch(/^Errore SDI 00311: CodiceDestinatario non valido/);
    // What to fix, from the sender's advice table.
    expect(await page.getByTestId('invoice-sdi-advice').innerText()).toBe(
      'Cosa fare: Codice destinatario del cliente non valido: chiedere al cliente il codice giusto (7 caratteri) o la PEC, correggere in «Clienti» e riemettere');
    expect(await fullyVisible(page, 'invoice-reissue')).toBe(true);
    expect(await fullyVisible(page, 'invoice-sdi-error')).toBe(true);
    await eventually(() => page.locator('[data-testid="history-invoice-mark"]').getAttribute('data-state')).toBe('rejected');
    await eventually(() => page.getByTestId('sb-invoices').count()).toBe(0);
    // «Riprova» is for an invoice the service refused, not one the SDI rejected (that needs a corrected re-issue).
    expect(await page.getByTestId('invoice-retry').count()).toBe(0);
    expect(b.problems).toEqual([]);
    await screenshot(page, 'invoice-history-rejected');
  });

  it('Openapi: «Attiva le fatture su Openapi» asks Openapi at once and says its answer in words', async () => {
    await page.keyboard.press('F9');
    await page.getByTestId('settings-invoicing').waitFor();
    await page.getByTestId('invoice-provider').selectOption('openapi');
    expect(await text('invoice-provider-about')).toBe('Lo stesso account e lo stesso token degli scontrini (Openapi, /IT-invoices): va solo attivata la fatturazione.');
    expect(await page.getByTestId('invoice-address-choice').locator('option:checked').innerText()).toBe('Lo stesso degli scontrini');
    // No credential of its own: the receipts' token.
    expect(await page.getByTestId('secret-invoice.credential-edit').count()).toBe(0);
    // This shop's Partita IVA (the invoices' 00743110157) is not the one registered on the emulator: Openapi's refusal, with the set-up's advice.
    await page.getByTestId('invoice-enable-openapi').click();
    await eventually(() => text('invoice-enable-error')).toMatch(
      /^Openapi non ha una configurazione per la Partita IVA 00743110157: premere «Registra» per crearla\. Su Openapi non è cambiato niente\./);
    expect(await page.getByTestId('invoice-enable-result').count()).toBe(0);
    expect(t.emulator.configurations()).toEqual([expect.objectContaining({ fiscal_id: '12345678901', customer_invoice: false })]);
    expect(await fullyVisible(page, 'invoice-enable-error')).toBe(true);
    await screenshot(page, 'invoice-settings-openapi-refused');
  });
});
