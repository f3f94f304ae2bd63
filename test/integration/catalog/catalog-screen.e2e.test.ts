// The catalogue screen in Chromium, as a shop owner uses it: an Excel file saved on Windows
// (Windows-1252, «;», decimal commas), the row errors in Italian, the department chosen from a list,
// and the scale-label format in the settings.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import iconv from 'iconv-lite';
import { launchBrowser, screenshot, startE2eTill, type BrowserSession, type E2eTill, logIn } from '../../e2e/harness.js';
import { getSetting } from '../../../backend/settings.js';

let t: E2eTill;
let b: BrowserSession;
let page: Page;
const eventually = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });
const texts = (testId: string) => page.getByTestId(testId).allInnerTexts();

const EXCEL_FILE = iconv.encode([
  'Codice;Descrizione;Prezzo;IVA;Reparto;Codice a barre',
  'CAF9;Caffè Qualità Oro 250 g;€ 3,49;22;alimentari;8000000000019',
  'GNO1;Gnocchi di patate 500 g;1,99;;Alimentari;',
  'PES1;Pesto alla genovese;abc;10;Alimentari;',
  'SAL1;Salame nostrano;4,50;10;Salumeria;',
  '',
].join('\r\n'), 'win1252');

beforeAll(async () => {
  t = await startE2eTill();
  b = await launchBrowser();
  page = b.page;
  page.setDefaultTimeout(10_000);
  await page.goto(t.url);
  await logIn(page, 'Marco');
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `catalog-failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('the catalogue screen', () => {
  it('imports an Excel file saved on Windows: Italian row errors first, then the good rows with their accents', async () => {
    await page.keyboard.press('F7');
    await page.getByTestId('catalog-screen').waitFor();
    await page.getByTestId('csv-file').setInputFiles({ name: 'listino.csv', mimeType: 'text/csv', buffer: EXCEL_FILE });
    await page.getByTestId('csv-import').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('import-summary').innerText()).toBe('Nessun prodotto importato: 2 errori da correggere');
    expect(await page.getByTestId('import-read-as').innerText()).toBe('File letto come Windows-1252 (Excel), separatore «;»');
    const errors = await texts('row-error');
    expect(errors.map((r) => r.split('\t').slice(0, 2))).toEqual([['4', 'prezzo'], ['5', 'reparto']]);
    expect(errors[0]).toContain('prezzo non valido «abc» (es. 12,50)');
    expect(errors[1]).toContain('il reparto «Salumeria» non esiste: crearlo in Impostazioni › Reparti');
    // nothing of the internal field names on the Italian screen
    expect(await page.getByTestId('import-panel').innerText()).not.toMatch(/price|vat_code|department|barcode|unit_price_cents/);
    await screenshot(page, 'catalog-import-errors');

    await page.getByTestId('csv-import-skip').click();
    await eventually(() => page.getByTestId('import-summary').innerText()).toBe('Importati 2 prodotti (2 nuovi, 0 aggiornati) · 2 righe saltate');
    // Caffè at 22 % in Alimentari (10 %) is imported as written and pointed out
    expect((await texts('row-notice')).map((r) => r.replace(/\t/g, ' | '))).toEqual([
      '2 | iva | IVA 22% diversa da quella del reparto «Alimentari» (ALIM, IVA 10%): il prodotto si vende con IVA 22%',
    ]);
    await page.getByTestId('catalog-search').fill('qualita');
    await eventually(() => texts('product-row')).toEqual([expect.stringMatching(/CAF9\s+Caffè Qualità Oro 250 g\s+22\s+€ 3,49/)]);
    await page.getByTestId('catalog-search').fill('gnocchi');
    await eventually(() => texts('product-row')).toEqual([expect.stringMatching(/GNO1\s+Gnocchi di patate 500 g\s+10\s+€ 1,99/)]);
    await screenshot(page, 'catalog-import-done');
  });

  it('the product editor offers the existing departments with their VAT, and says when the VAT differs', async () => {
    await page.getByTestId('product-new').click();
    await page.getByTestId('product-form').waitFor();
    const options = await page.getByTestId('product-department').locator('option').allInnerTexts();
    expect(options).toEqual(['— nessun reparto —', 'Alimentari · ALIM · IVA 10%', 'Bevande · BEV · IVA 22%', 'Casa e igiene · CASA · IVA 22%', 'Edicola · EDIC · N1', 'Frutta e verdura · FRUT · IVA 4%', 'Panetteria · PANE · IVA 4%']);
    await page.getByTestId('product-sku').fill('RAG1');
    await page.getByTestId('product-description').fill('Ragù alla bolognese 400 g');
    await page.getByTestId('product-price').fill('3,20');
    await page.getByTestId('product-department').selectOption('ALIM');
    expect(await page.getByTestId('product-vat').inputValue()).toBe('10'); // the VAT follows the department
    // Each VAT code with its meaning, not a bare number.
    expect(await page.getByTestId('product-vat').locator('option:checked').innerText()).toMatch(/^10 % — aliquota ridotta/);
    expect(await page.getByTestId('product-vat').locator('option[value="N4"]').innerText()).toMatch(/^N4 — .*esent/i);
    expect(await page.getByTestId('product-vat-differs').count()).toBe(0);
    await page.getByTestId('product-vat').selectOption('22');
    expect(await page.getByTestId('product-vat-differs').innerText()).toBe('Diversa dall’IVA del reparto Alimentari (IVA 10%): il prodotto si vende con l’IVA scelta qui');
    await page.getByTestId('product-vat').selectOption('10');
    await page.getByTestId('product-save').click();
    await page.getByTestId('product-form').waitFor({ state: 'detached' });
    await page.getByTestId('catalog-search').fill('ragu');
    await eventually(() => texts('product-row')).toEqual([expect.stringMatching(/RAG1\s+Ragù alla bolognese 400 g\s+10\s+€ 3,20/)]);
    // one «Alimentari», as before
    expect(t.till.db.prepare(`SELECT code, vat_code FROM departments WHERE lower(name) = 'alimentari'`).all()).toEqual([{ code: 'ALIM', vat_code: '10' }]);
    expect(t.till.db.prepare(`SELECT d.code FROM products p JOIN departments d ON d.id = p.department_id WHERE p.sku = 'RAG1'`).pluck().get()).toBe('ALIM');
  });

  it('the product editor names its own fields in its messages, and refuses a mistyped EAN', async () => {
    await page.getByTestId('product-new').click();
    await page.getByTestId('product-sku').fill('NEW9');
    await page.getByTestId('product-save').click();
    expect(await page.getByTestId('product-error').innerText()).toBe('Descrizione: obbligatoria (massimo 1000 caratteri)');
    await page.getByTestId('product-description').fill('Tonno in scatola');
    await page.getByTestId('product-price').fill('2,10');
    await page.getByTestId('product-barcodes').fill('8001234567890');
    await page.getByTestId('product-save').click();
    await eventually(() => page.getByTestId('product-error').innerText()).toBe('Il codice a barre 8001234567890 non è valido: cifra di controllo errata (ricopiarlo dalla confezione)');
    await page.getByTestId('product-barcodes').fill('8001234567897');
    await page.getByTestId('product-save').click();
    await page.getByTestId('product-form').waitFor({ state: 'detached' });
  });

  it('the settings show the scale-label format and save a new one', async () => {
    await page.keyboard.press('F9');
    await page.getByTestId('label-layout').waitFor();
    expect(await texts('label-picture')).toEqual(['2 PPPPPP VVVVV K']);
    await page.getByTestId('label-add').click();
    expect(await texts('label-picture')).toEqual(['2 PPPPPP VVVVV K', '21 PPPPP VVVVV K']);
    await page.getByTestId('label-plu-digits').nth(1).selectOption('2'); // 2 digits of PLU leave 8 for the value: not a label
    expect(await page.getByTestId('label-layout-error').innerText()).toBe('restano 8 cifre per il valore: servono da 4 a 6 (prefisso + PLU + valore = 12 cifre)');
    await page.getByTestId('label-plu-digits').nth(1).selectOption('5');
    expect(await page.getByTestId('label-layout-error').count()).toBe(0);
    await page.keyboard.press('F2');
    await eventually(() => getSetting(t.till.db, 'scale.labelLayout')).toEqual({ rules: [
      { prefix: '2', kind: 'price', pluDigits: 6, valueCheckDigit: false },
      { prefix: '21', kind: 'weight', pluDigits: 5, valueCheckDigit: false },
    ] });
    await screenshot(page, 'settings-label-layout');
  });

  it('ran without console errors', () => {
    expect(b.problems).toEqual([]);
  });
});
