// The customer book in Chromium at 800×600, keyboard first: ⇧F7 from the top bar, F2 for a new
// customer, a mistyped codice fiscale refused under its own field, corrected, saved, and the
// customer found again by typing part of the Partita IVA.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fullyVisible, launchBrowser, screenshot, startE2eTill, type BrowserSession, type E2eTill, logIn } from './harness.js';

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
  if (ctx.task.result?.state === 'fail') await screenshot(page, `customers-failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('the customer book', () => {
  it('adds a customer: a wrong codice fiscale is refused on its field, then right; found by part of the Partita IVA', async () => {
    await page.keyboard.press('Shift+F7');
    await page.getByTestId('customers-screen').waitFor();
    // The top bar keeps every function key in sight at 800 px, the new one and the last one too.
    expect(await fullyVisible(page, 'nav-customers')).toBe(true);
    expect(await fullyVisible(page, 'nav-logout')).toBe(true);
    await eventually(() => page.getByTestId('customers-empty').innerText()).toBe('Nessun cliente: F2 per aggiungerne uno, o importare un CSV');
    await page.keyboard.press('F2');
    await page.getByTestId('customer-form').waitFor();
    // A sole trader: a person with a Partita IVA. The first field has the focus.
    await page.keyboard.type('Mario');
    await page.getByTestId('customer-cognome').fill('Rossi');
    await page.getByTestId('customer-partita_iva').fill('01234567897');
    await page.getByTestId('customer-codice_fiscale').fill('RSSMRA85T10A562T');
    await page.getByTestId('customer-codice_destinatario').fill('m5uxcr1');
    await page.getByTestId('customer-indirizzo').fill('Via Roma');
    await page.getByTestId('customer-numero_civico').fill('12');
    await page.getByTestId('customer-cap').fill('20121');
    await page.getByTestId('customer-comune').fill('Milano');
    await page.getByTestId('customer-provincia').fill('mi');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('customer-codice_fiscale-error').innerText())
      .toBe("Codice fiscale: il carattere di controllo (l'ultimo) non torna, c'è un errore di battitura");
    expect(await page.getByTestId('customer-codice_fiscale').getAttribute('aria-invalid')).toBe('true');
    // Usable at 800×600: the error and the buttons are on screen.
    expect(await fullyVisible(page, 'customer-codice_fiscale-error')).toBe(true);
    expect(await fullyVisible(page, 'customer-save')).toBe(true);
    expect(await page.getByTestId('customer-save').evaluate((el) => {
      // not cut by the dialog's own box either
      const box = el.closest('[role="dialog"]')!.getBoundingClientRect();
      return el.getBoundingClientRect().bottom <= box.bottom;
    })).toBe(true);
    expect(t.till.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    await screenshot(page, 'customers-wrong-cf');

    await page.getByTestId('customer-codice_fiscale').fill('RSSMRA85T10A562S');
    await page.keyboard.press('Enter');
    await page.getByTestId('customer-form').waitFor({ state: 'detached' });
    expect(t.till.db.prepare('SELECT display_name, codice_fiscale, id_codice, codice_destinatario, provincia FROM customers').all()).toEqual([
      { display_name: 'Rossi Mario', codice_fiscale: 'RSSMRA85T10A562S', id_codice: '01234567897', codice_destinatario: 'M5UXCR1', provincia: 'MI' },
    ]);

    // Back on the search (it has the focus again): part of the Partita IVA finds it.
    await page.keyboard.type('4567897');
    await eventually(() => page.getByTestId('customer-row').allInnerTexts()).toEqual([expect.stringMatching(/^Rossi Mario\s+01234567897 · RSSMRA85T10A562S\s+Milano \(MI\)$/)]); // at 800 px the delivery column gives way
    await page.getByTestId('customers-search').fill('0000');
    await eventually(() => page.getByTestId('customers-empty').innerText()).toBe('Nessun cliente trovato per «0000»');
    await page.getByTestId('customers-search').fill('mario');
    await eventually(() => page.getByTestId('customer-row').count()).toBe(1);
    // Enter opens the first one found.
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('customer-nome').inputValue()).toBe('Mario');
    await screenshot(page, 'customers-found');
    await page.keyboard.press('Escape');
    await page.getByTestId('customer-form').waitFor({ state: 'detached' });
    expect(b.problems).toEqual([]);
  });
});
