// catalog.lookup at the counter: plain barcodes, misreads, and the scale's in-store labels.
import { describe, expect, it } from 'vitest';
import { loginCashier, loginManager, makeBackend, type Backend } from '../../unit/contract/helpers.js';
import { DEFAULT_LABEL_LAYOUT, encodeInStoreLabel, withCheckDigit, type LabelLayout } from '../../../shared/barcode.js';
import { lookupCode } from '../../../backend/catalog/lookup.js';

const priceRule = DEFAULT_LABEL_LAYOUT.rules[0]!; // 2 · PLU(6) · cents(5) · K
const weightRule = { prefix: '21', kind: 'weight' as const, pluDigits: 5, valueCheckDigit: false };
const checkedRule = { prefix: '23', kind: 'price' as const, pluDigits: 4, valueCheckDigit: true };

/** A deli: focaccia priced by the scale (PLU 123), prosciutto weighed (PLU 42), a bottle (PLU 7, by the piece). */
async function deli(layout?: LabelLayout): Promise<Backend> {
  const b = makeBackend();
  await loginManager(b);
  await b.ok('catalog.save', { sku: 'FOC', description: 'Focaccia al rosmarino', price_cents: 1200, vat_code: '4', barcodes: ['123'], sold_by_weight: true });
  await b.ok('catalog.save', { sku: 'CRUDO', description: 'Prosciutto crudo di Parma', price_cents: 3290, vat_code: '10', barcodes: ['42'], sold_by_weight: true });
  await b.ok('catalog.save', { sku: 'OLIO', description: 'Olio extravergine 1 l', price_cents: 899, vat_code: '4', barcodes: ['7', withCheckDigit('800555000001')] });
  if (layout) await b.ok('settings.save', { values: { 'scale.labelLayout': layout } });
  await loginCashier(b);
  return b;
}

describe('catalog.lookup', () => {
  it('a registered barcode answers the product and no label', async () => {
    const b = await deli();
    const r = await b.ok('catalog.lookup', { code: withCheckDigit('800555000001') });
    expect(r.product?.description).toBe('Olio extravergine 1 l');
    expect(r.label).toBeNull();
    // a typed SKU still works
    expect((await b.ok('catalog.lookup', { code: 'CRUDO' })).product?.description).toBe('Prosciutto crudo di Parma');
    expect(await b.ok('catalog.lookup', { code: 'NESSUNO' })).toEqual({ product: null, label: null });
  });

  it('a misread EAN-13, EAN-8 or UPC-A (wrong check digit) says so in Italian instead of «not found»', async () => {
    const b = await deli();
    for (const code of ['8005550000010', '96385075', '036000241456']) {
      const e = await b.err('catalog.lookup', { code });
      expect(e, code).toMatchObject({ code: 'BARCODE_CHECK_DIGIT', field: 'code', message: 'Codice a barre non valido (cifra di controllo errata): ripetere la lettura' });
    }
    // a valid code that is simply unknown is not an error
    expect(await b.ok('catalog.lookup', { code: withCheckDigit('800999000001') })).toEqual({ product: null, label: null });
  });

  it('the Italian default layout: a price label gives its PLU’s product and the price in cents', async () => {
    const b = await deli();
    const code = encodeInStoreLabel(priceRule, '000123', 435); // 2 000123 00435 K
    expect(code).toBe('2000123004358');
    const r = await b.ok('catalog.lookup', { code });
    expect(r.product?.description).toBe('Focaccia al rosmarino');
    expect(r.label).toEqual({ plu: '000123', kind: 'price', priceCents: 435 });
  });

  it('a weight label under a layout set in the settings gives grams (thousandths of a kg)', async () => {
    const b = await deli({ rules: [priceRule, weightRule] });
    const r = await b.ok('catalog.lookup', { code: encodeInStoreLabel(weightRule, '00042', 185) });
    expect(r.product?.description).toBe('Prosciutto crudo di Parma');
    expect(r.label).toEqual({ plu: '00042', kind: 'weight', quantityMilli: 185 });
    // the other prefixes still read as price labels
    expect((await b.ok('catalog.lookup', { code: encodeInStoreLabel(priceRule, '000123', 990) })).label).toEqual({ plu: '000123', kind: 'price', priceCents: 990 });
  });

  it('an unknown PLU, a weight label for a piece product, a zero label and a wrong price check digit are refused, saying why', async () => {
    const b = await deli({ rules: [priceRule, weightRule, checkedRule] });
    expect(await b.err('catalog.lookup', { code: encodeInStoreLabel(priceRule, '000999', 250) })).toMatchObject({
      code: 'PLU_NOT_FOUND', message: "Etichetta della bilancia: l'articolo PLU 999 non è in catalogo (aggiungere 999 ai codici a barre del prodotto)",
    });
    expect(await b.err('catalog.lookup', { code: encodeInStoreLabel(weightRule, '7', 500) })).toMatchObject({
      code: 'LABEL_NOT_BY_WEIGHT', message: 'Etichetta a peso per «Olio extravergine 1 l», che si vende a pezzo: controllare il prodotto in Catalogo',
    });
    expect((await b.err('catalog.lookup', { code: encodeInStoreLabel(weightRule, '42', 0) })).code).toBe('LABEL_ZERO');
    const good = encodeInStoreLabel(checkedRule, '0123', 14685); // 23 0123 6 14685 K
    expect((await b.ok('catalog.lookup', { code: good })).label).toEqual({ plu: '0123', kind: 'price', priceCents: 14685 });
    const badVerifier = withCheckDigit(`230123${(Number(good[6]) + 1) % 10}14685`);
    expect(await b.err('catalog.lookup', { code: badVerifier })).toMatchObject({ code: 'BARCODE_CHECK_DIGIT', message: expect.stringContaining('cifra di controllo del prezzo o del peso errata') });
  });

  it('a fixed code registered in the 2xxxx range wins over reading it as a label', async () => {
    const b = makeBackend();
    await loginCashier(b);
    // PANE is registered as 2000000000015, which the default layout would read as PLU 0, € 0,01.
    expect(await b.ok('catalog.lookup', { code: '2000000000015' })).toMatchObject({ product: { sku: 'PANE' }, label: null });
  });

  it('a plain scan never reads the label layout setting', async () => {
    const b = await deli();
    const layout = () => { throw new Error('the layout was read on the plain barcode path'); };
    expect(lookupCode(b.db, withCheckDigit('800555000001'), layout).product?.sku).toBe('OLIO');
    expect(lookupCode(b.db, 'CRUDO', layout).product?.sku).toBe('CRUDO'); // not EAN-shaped: no layout either
  });
});
