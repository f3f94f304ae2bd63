// The catalogue import as the catalogue screen uses it (catalog.import with the file's bytes), and
// what the shopkeeper then sees in the catalogue search: accents, prices, departments, row errors.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { loginManager, makeBackend, type Backend } from '../../unit/contract/helpers.js';
import { formatEuro } from '../../../shared/money.js';
import { upsertProduct } from '../../../backend/catalog/products.js';
import { importCatalogCsv } from '../../../backend/catalog/csv-import.js';
import { isBanconeError } from '../../../shared/errors.js';
import type { ImportReportOut } from '../../../shared/contract/catalog.js';

type Bytes = Buffer;
const win1252 = (s: string): Bytes => iconv.encode(s, 'win1252');
const utf16le = (s: string): Bytes => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf-16le')]);
const utf16be = (s: string): Bytes => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf-16be')]);
const utf8bom = (s: string): Bytes => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]);

/** A grocery with the departments a shop sets up first (Impostazioni › Reparti), and no products yet. */
async function shop(): Promise<Backend> {
  const b = makeBackend();
  b.db.exec('DELETE FROM barcodes; DELETE FROM products');
  await loginManager(b);
  await b.ok('catalog.saveDepartment', { code: 'ALIM', name: 'Alimentari', vat_code: '4' });
  await b.ok('catalog.saveDepartment', { code: 'BEV', name: 'Bevande', vat_code: '22' });
  await b.ok('catalog.saveDepartment', { code: 'GAST', name: 'Gastronomia', vat_code: '10' });
  return b;
}

async function importBytes(b: Backend, bytes: Bytes, skipBad = false): Promise<ImportReportOut> {
  return b.ok('catalog.import', { csv_base64: bytes.toString('base64'), skip_bad: skipBad });
}

/** The catalogue search as the screen lists it: «SKU · description · price · VAT · department». */
async function catalogue(b: Backend, text = ''): Promise<string[]> {
  const { products } = await b.ok('catalog.list', { text, offset: 0, limit: 200 });
  return products.map((p) => `${p.sku} · ${p.description} · ${formatEuro(p.priceCents)}${p.soldByWeight ? '/kg' : ''} · ${p.vatCode} · ${p.department ?? '-'}${p.barcodes.length ? ` · ${p.barcodes.join('|')}` : ''}`);
}

const EXCEL_CSV = [
  'Codice;Descrizione;Prezzo;IVA;Reparto;Codice a barre;A peso',
  'CAF250;Caffè Qualità Rossa 250 g;€ 3,49;22;alimentari;8000000000019;no',
  'PARM;Parmigiano Reggiano 24 mesi;"1.234,50";4;Alimentari;;sì',
  'OLIO;Olio extravergine d’oliva 1 l;8,99;;ALIM;8001234567897;',
  'BIRRA;Birra «Città di Roma» 0,33 l;1,20;22%;bevande;;',
  '',
].join('\r\n');

describe('catalogue import: what Excel on Windows saves', () => {
  it('a Windows-1252 file with ; and decimal commas imports with the right accents and prices', async () => {
    const b = await shop();
    const r = await importBytes(b, win1252(EXCEL_CSV));
    expect(r).toMatchObject({ applied: true, imported: 4, created: 4, updated: 0, rows: 4, skipped: 0, errors: [], encoding: 'windows-1252', delimiter: ';' });
    expect(await catalogue(b)).toEqual([
      'BIRRA · Birra «Città di Roma» 0,33 l · € 1,20 · 22 · BEV',
      'CAF250 · Caffè Qualità Rossa 250 g · € 3,49 · 22 · ALIM · 8000000000019',
      'OLIO · Olio extravergine d’oliva 1 l · € 8,99 · 4 · ALIM · 8001234567897',
      'PARM · Parmigiano Reggiano 24 mesi · € 1.234,50/kg · 4 · ALIM',
    ]);
    // accent-insensitive search finds what was imported
    expect(await catalogue(b, 'qualita')).toEqual(['CAF250 · Caffè Qualità Rossa 250 g · € 3,49 · 22 · ALIM · 8000000000019']);
    // «alimentari», «Alimentari» and ALIM are the one department: no second «Alimentari»
    expect((await b.ok('catalog.departments', {})).departments.map((d) => `${d.code} ${d.name} ${d.vatCode}`)).toEqual(['ALIM Alimentari 4', 'BEV Bevande 22', 'GAST Gastronomia 10']);
    // Caffè at 22 % in a 4 % department is imported as written, and said
    expect(r.notices.map((n) => n.message)).toEqual(['Riga 2, colonna «iva»: IVA 22% diversa da quella del reparto «Alimentari» (ALIM, IVA 4%): il prodotto si vende con IVA 22%']);
  });

  it('the same file as «Testo Unicode» (UTF-16LE, tabs), UTF-16BE, UTF-8 with and without BOM gives the same catalogue', async () => {
    const reference = await shop();
    await importBytes(reference, win1252(EXCEL_CSV));
    const expected = await catalogue(reference);
    const tabs = EXCEL_CSV.replace(/;/g, '\t').replace('"1.234,50"', '1.234,50');
    for (const [name, bytes, encoding, delimiter] of [
      ['utf-16le', utf16le(tabs), 'utf-16le', '\t'],
      ['utf-16le without BOM', iconv.encode(tabs, 'utf-16le'), 'utf-16le', '\t'],
      ['utf-16be', utf16be(EXCEL_CSV), 'utf-16be', ';'],
      ['utf-8 BOM', utf8bom(EXCEL_CSV), 'utf-8', ';'],
      ['utf-8', Buffer.from(EXCEL_CSV, 'utf8'), 'utf-8', ';'],
    ] as const) {
      const b = await shop();
      const r = await importBytes(b, bytes);
      expect(r, name).toMatchObject({ applied: true, imported: 4, errors: [], encoding, delimiter });
      expect(await catalogue(b), name).toEqual(expected);
    }
  });

  it('CRLF, LF and CR-only (old Mac) line ends all import every row', async () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const b = await shop();
      const r = await importBytes(b, win1252(EXCEL_CSV.replace(/\r\n/g, eol)));
      expect(r, JSON.stringify(eol)).toMatchObject({ applied: true, imported: 4, rows: 4 });
    }
  });

  it('English headers and , with decimal points still work; Excel «sep=;» hint line is honoured', async () => {
    const b = await shop();
    const r = await b.ok('catalog.import', { csv: 'sku,barcode,description,price,vat_code,department,sold_by_weight\nA1,8000000000019,"Acqua, naturale",0.35,22,BEV,0\n' });
    expect(r).toMatchObject({ applied: true, imported: 1, delimiter: ',' });
    const r2 = await b.ok('catalog.import', { csv: 'sep=;\r\ncodice;descrizione;prezzo;aliquota\r\nA2;Acqua frizzante;0,40;22\r\nA3;Acqua;abc;22\r\n' });
    expect(r2.errors.map((e) => e.message)).toEqual(['Riga 4, colonna «prezzo»: prezzo non valido «abc» (es. 12,50)']); // line numbers count the sep= line
    expect(await catalogue(b, 'acqua')).toEqual(['A1 · Acqua, naturale · € 0,35 · 22 · BEV · 8000000000019']);
  });

  it('prices as Italians write them', async () => {
    const b = await shop();
    const rows = [['P1', '1,50', 150], ['P2', '€ 1,50', 150], ['P3', '1.234,50', 123450], ['P4', '€1.234,5', 123450], ['P5', '4.99', 499], ['P6', '12', 1200], ['P7', '1,50 €', 150], ['P8', 'EUR 2,00', 200]] as const;
    const csv = ['codice;descrizione;prezzo;iva', ...rows.map(([sku, price]) => `${sku};Prodotto ${sku};${price};22`)].join('\n');
    expect(await b.ok('catalog.import', { csv })).toMatchObject({ applied: true, imported: rows.length, errors: [] });
    const { products } = await b.ok('catalog.list', { text: '', offset: 0, limit: 50 });
    expect(Object.fromEntries(products.map((p) => [p.sku, p.priceCents]))).toEqual(Object.fromEntries(rows.map(([sku, , cents]) => [sku, cents])));
  });
});

describe('catalogue import: row errors a shopkeeper can act on', () => {
  it('names the row and the Italian column, never the internal field, with the problem in Italian', async () => {
    const b = await shop();
    const csv = [
      'codice;descrizione;prezzo;iva;reparto;ean;peso',
      'A;Acqua;abc;22;;;', // 2: prezzo
      'B;Birra;1,20;21;;;', // 3: iva
      'C;Caffè;3,00;22;Salumeria;;', // 4: reparto unknown
      'D;Dado;1,00;22;;8001234567890;', // 5: EAN-13 check digit
      'E;Emmental;9,90;4;;96385075;', // 6: EAN-8 check digit
      'F;Farina;0,89;4;;036000241456;', // 7: UPC-A check digit
      'G;Grana;19,90;4;;;forse', // 8: a peso
      ';Senza codice;1,00;22;;;', // 9: codice
      'I;;1,00;22;;;', // 10: descrizione
      'L;Latte;1,49;;;;', // 11: iva missing and no department
    ].join('\n');
    const r = await b.ok('catalog.import', { csv });
    expect(r).toMatchObject({ applied: false, imported: 0, skipped: 10 });
    expect(r.errors.map((e) => [e.line, e.column, e.detail])).toEqual([
      [2, 'prezzo', 'prezzo non valido «abc» (es. 12,50)'],
      [3, 'iva', 'aliquota IVA non valida «21» (es. 22, 10, 4 o N2)'],
      [4, 'reparto', "il reparto «Salumeria» non esiste: crearlo in Impostazioni › Reparti o indicarne l'IVA nella colonna «iva reparto» (reparti esistenti: «Alimentari» (ALIM, IVA 4%), «Bevande» (BEV, IVA 22%), «Gastronomia» (GAST, IVA 10%))"],
      [5, 'codice a barre', 'codice a barre 8001234567890 non valido: cifra di controllo errata (ricopiarlo dalla confezione)'],
      [6, 'codice a barre', 'codice a barre 96385075 non valido: cifra di controllo errata (ricopiarlo dalla confezione)'],
      [7, 'codice a barre', 'codice a barre 036000241456 non valido: cifra di controllo errata (ricopiarlo dalla confezione)'],
      [8, 'a peso', 'valore non valido «forse»: scrivere sì o no'],
      [9, 'codice', 'obbligatorio'],
      [10, 'descrizione', 'obbligatoria'],
      [11, 'iva', "manca l'aliquota IVA (es. 22, 10, 4 o N2), o un reparto da cui prenderla"],
    ]);
    for (const e of r.errors) {
      expect(e.message).toBe(`Riga ${e.line}, colonna «${e.column}»: ${e.detail}`);
      expect(e.message).not.toMatch(/unit_price_cents|vat_code|price_cents|sold_by_weight|department|barcode\b|\bsku\b/);
      expect(e.message_en).toMatch(new RegExp(`^Line ${e.line}, column «${e.column_en}»: `));
    }
    expect(await catalogue(b)).toEqual([]); // all or nothing
  });

  it('a barcode already owned by another product is refused, not moved; a swap inside the file is fine', async () => {
    const b = await shop();
    await b.ok('catalog.import', { csv: 'codice;descrizione;prezzo;iva;ean\nX1;Pasta;1,00;4;8000000000019\nX2;Riso;2,00;4;8001234567897\n' });
    const r = await b.ok('catalog.import', { csv: 'codice;descrizione;prezzo;iva;ean\nX3;Farro;3,00;4;8000000000019\n', skip_bad: true });
    expect(r).toMatchObject({ applied: false, imported: 0, skipped: 1 });
    expect(r.errors.map((e) => e.message)).toEqual(['Riga 2, colonna «codice a barre»: il codice a barre 8000000000019 è già del prodotto «X1» «Pasta»: toglierlo prima da quel prodotto']);
    expect((await b.ok('catalog.lookup', { code: '8000000000019' })).product?.sku).toBe('X1');
    // X1 and X2 exchange their codes in one file: both rows give up the code the other takes
    const swap = await b.ok('catalog.import', { csv: 'codice;descrizione;prezzo;iva;ean\nX1;Pasta;1,00;4;8001234567897\nX2;Riso;2,00;4;8000000000019\n' });
    expect(swap).toMatchObject({ applied: true, imported: 2, errors: [] });
    expect((await b.ok('catalog.lookup', { code: '8000000000019' })).product?.sku).toBe('X2');
    // …but not when the product giving the code up is itself refused
    const half = await b.ok('catalog.import', { csv: 'codice;descrizione;prezzo;iva;ean\nX1;Pasta;abc;4;8000000000101\nX3;Farro;3,00;4;8001234567897\n', skip_bad: true });
    expect(half.errors.map((e) => [e.line, e.column])).toEqual([[2, 'prezzo'], [3, 'codice a barre']]);
    expect((await b.ok('catalog.lookup', { code: '8001234567897' })).product?.sku).toBe('X1');
  });

  it('a header-only file, an empty file, a duplicated column and unreadable characters are refused, saying why', async () => {
    const b = await shop();
    const cases: [string, string, string][] = [
      ['codice;descrizione;prezzo;iva\r\n', 'CSV_NO_ROWS', "Il file contiene solo l'intestazione: nessun prodotto da importare"],
      ['codice;descrizione;prezzo;iva\r\r\r', 'CSV_NO_ROWS', "Il file contiene solo l'intestazione: nessun prodotto da importare"],
      ['', 'CSV_EMPTY', 'Il file CSV è vuoto'],
      ['codice;descrizione;prezzo;iva;Prezzo\nA;Acqua;1,00;22;2,00\n', 'CSV_HEADER_DUPLICATE', 'Intestazione: la colonna «prezzo» compare due volte («prezzo» nella colonna 3 e «Prezzo» nella colonna 5): lasciarne una sola'],
      ['sku;descrizione;price;prezzo;iva\nA;Acqua;1,00;2,00;22\n', 'CSV_HEADER_DUPLICATE', 'Intestazione: la colonna «prezzo» compare due volte («price» nella colonna 3 e «prezzo» nella colonna 4): lasciarne una sola'],
      ['codice;descrizione\nA;Acqua\n', 'CSV_HEADER', 'Intestazione CSV: mancano le colonne «prezzo», «iva» (colonne riconosciute: codice, descrizione, prezzo, iva, reparto, iva reparto, codice a barre, a peso; separatore letto: ;)'],
      ['codice;descrizione;prezzo;iva\nA;Caff\uFFFD;1,00;22\n', 'CSV_ENCODING', 'Il file contiene caratteri illeggibili («\uFFFD» alla riga 2): è stato salvato o letto con la codifica sbagliata. Importare il file originale del foglio di calcolo'],
    ];
    for (const [csv, code, message] of cases) expect(await b.err('catalog.import', { csv }), JSON.stringify(csv)).toMatchObject({ code, message });
    expect(await catalogue(b)).toEqual([]);
  });

  it('columns it does not know are listed, not silently dropped', async () => {
    const b = await shop();
    const r = await b.ok('catalog.import', { csv: 'codice;descrizione;prezzo;iva;giacenza;fornitore\nA;Acqua;0,35;22;12;Rossi\n' });
    expect(r).toMatchObject({ applied: true, imported: 1, ignored_columns: ['giacenza', 'fornitore'] });
  });
});

describe('catalogue import: departments', () => {
  it('an empty VAT takes the department’s; a new department needs its own VAT («iva reparto»)', async () => {
    const b = await shop();
    const r = await b.ok('catalog.import', {
      csv: [
        'codice;descrizione;prezzo;iva;reparto;iva reparto',
        'S1;Salame;3,50;;Salumeria;10', // creates Salumeria at 10 %
        'S2;Mortadella;2,80;;salumeria;', // the same new department
        'S3;Coppa;4,10;;Salumeria;4', // contradicts the VAT given on line 2
        'S4;Pane;1,00;;gastronomia;', // existing, by name
        'S5;Vino;7,00;;Alimentari;22', // existing at 4 %: the file may not change it
      ].join('\n'),
      skip_bad: true,
    });
    expect(r.departments_created).toEqual([{ code: 'SALUMERIA', name: 'Salumeria', vatCode: '10' }]);
    expect(r.errors.map((e) => [e.line, e.column, e.detail])).toEqual([
      [4, 'iva reparto', 'il reparto nuovo «Salumeria» ha IVA 10% alla riga 2, qui IVA 4%'],
      [6, 'iva reparto', "il reparto «Alimentari» (ALIM, IVA 4%) esiste già con un'altra IVA (qui IVA 22%): cambiarla in Impostazioni › Reparti, non dal file"],
    ]);
    expect(await catalogue(b)).toEqual([
      'S2 · Mortadella · € 2,80 · 10 · SALUMERIA',
      'S4 · Pane · € 1,00 · 10 · GAST',
      'S1 · Salame · € 3,50 · 10 · SALUMERIA',
    ]);
    expect((await b.ok('catalog.departments', {})).departments.map((d) => d.code)).toEqual(['ALIM', 'BEV', 'GAST', 'SALUMERIA']);
  });

  it('a file whose rows are all refused creates no department', async () => {
    const b = await shop();
    const r = await b.ok('catalog.import', { csv: 'codice;descrizione;prezzo;iva;reparto;iva reparto\nS1;Salame;abc;;Salumeria;10\n', skip_bad: true });
    expect(r).toMatchObject({ applied: false, departments_created: [] });
    expect((await b.ok('catalog.departments', {})).departments).toHaveLength(3);
  });
});

describe('product editor: departments and barcodes', () => {
  it('the department is one of the existing ones, by code or name; an unknown one is refused, never created', async () => {
    const b = await shop();
    const p = await b.ok('catalog.save', { sku: 'MOZ', description: 'Mozzarella', price_cents: 349, vat_code: '4', department: 'alimentari' });
    expect(p.department).toBe('ALIM');
    const e = await b.err('catalog.save', { sku: 'MOZ2', description: 'Mozzarella', price_cents: 349, vat_code: '4', department: 'Latticini' });
    expect(e).toMatchObject({ code: 'DEPARTMENT_NOT_FOUND', field: 'department' });
    expect(e.message).toBe('Il reparto «Latticini» non esiste: sceglierne uno esistente («Alimentari» (ALIM, IVA 4%), «Bevande» (BEV, IVA 22%), «Gastronomia» (GAST, IVA 10%)) o crearlo in Impostazioni › Reparti');
    expect((await b.ok('catalog.departments', {})).departments).toHaveLength(3);
  });

  it('a new barcode with a wrong check digit is refused; one the product already has never blocks an edit', async () => {
    const b = await shop();
    const e = await b.err('catalog.save', { sku: 'NEW', description: 'Nuovo', price_cents: 100, vat_code: '22', barcodes: ['8000000000019', '8005550000010'] });
    expect(e).toMatchObject({ code: 'BARCODE_CHECK_DIGIT', field: 'barcodes[1]', message: 'Il codice a barre 8005550000010 non è valido: cifra di controllo errata (ricopiarlo dalla confezione)' });
    // LATTE was registered long ago with 8001234567890 (wrong check digit): it can still be edited
    upsertProduct(b.db, { sku: 'LATTE', description: 'Latte intero 1 l', priceCents: 149, vatCode: '4', barcodes: ['8001234567890'] }, b.clock.now().toISOString());
    const latte = (await b.ok('catalog.lookup', { code: '8001234567890' })).product!;
    const edited = await b.ok('catalog.save', { id: latte.id, sku: 'LATTE', description: 'Latte intero 1 l', price_cents: 159, vat_code: '4', barcodes: ['8001234567890'] });
    expect(edited.priceCents).toBe(159);
  });

  it('a second department with the same name (or a name that is another’s code) is refused', async () => {
    const b = await shop();
    expect(await b.err('catalog.saveDepartment', { code: 'ALIM2', name: 'alimentari', vat_code: '22' })).toMatchObject({
      code: 'DEPARTMENT_DUPLICATE', field: 'name', message: 'Esiste già il reparto ALIM «Alimentari»: usare quello o scegliere un altro nome',
    });
    expect((await b.err('catalog.saveDepartment', { code: 'Bevande', name: 'Bibite', vat_code: '22' })).code).toBe('DEPARTMENT_DUPLICATE');
    // updating a department by its own code is still fine
    expect(await b.ok('catalog.saveDepartment', { code: 'ALIM', name: 'Alimentari', vat_code: '10' })).toMatchObject({ code: 'ALIM', vatCode: '10' });
  });
});

describe('catalogue import: any file', () => {
  it('either imports or refuses with a known code and Italian words, never a crash, and a refusal changes nothing', async () => {
    const b = await shop();
    await b.ok('catalog.import', { csv: 'codice;descrizione;prezzo;iva;ean\nK1;Pasta;1,00;4;8000000000019\n' });
    const snapshot = () => JSON.stringify(b.db.prepare('SELECT p.sku, p.description, p.price_cents, p.vat_code, p.department_id, (SELECT group_concat(barcode) FROM barcodes WHERE product_id = p.id) AS codes FROM products p ORDER BY sku').all())
      + JSON.stringify(b.db.prepare('SELECT code, name, vat_code FROM departments ORDER BY code').all());
    const headers = ['codice', 'sku', 'descrizione', 'prezzo', 'price', 'iva', 'aliquota', 'reparto', 'iva reparto', 'ean', 'codice a barre', 'a peso', 'peso', 'giacenza', ''];
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'è', '€', ' ', ';', ',', '"', '\n', '\r', '\t', '1', '0', '.', '|', '%', '-'), maxLength: 12 }),
      fc.constantFrom('1,50', '€ 1.234,50', '22', '4%', 'N2', 'ALIM', 'alimentari', 'Salumeria', 'sì', 'no', '8000000000019', '8001234567897', '8001234567890', 'K1', ''),
    );
    const quote = (c: string) => (/[;,"\r\n\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    // Half the files have the columns needed (in any order, with extras), so rows get checked too.
    const usable = fc.shuffledSubarray(['ean', 'reparto', 'iva reparto', 'a peso', 'giacenza'])
      .chain((extra) => fc.tuple(fc.constantFrom('codice', 'sku'), fc.constantFrom('prezzo', 'price'), fc.constantFrom('iva', 'aliquota'))
        .chain(([c, p, v]) => fc.shuffledSubarray([c, 'descrizione', p, v, ...extra], { minLength: 4 + extra.length })));
    const plausible: Record<string, fc.Arbitrary<string>> = {
      codice: fc.constantFrom('K1', 'K2', 'K3', 'K4'), sku: fc.constantFrom('K1', 'K2', 'K3'), descrizione: fc.constantFrom('Pasta', 'Caffè', 'Città «vecchia»', 'Tè; verde'),
      prezzo: fc.constantFrom('1,50', '2', '€ 3,00', '1.234,50'), price: fc.constantFrom('1.50', '2'), iva: fc.constantFrom('4', '22', '10%', ''), aliquota: fc.constantFrom('4', 'N2'),
      reparto: fc.constantFrom('ALIM', 'alimentari', '', 'Bevande'), 'iva reparto': fc.constant(''), ean: fc.constantFrom('', '8001234567897', '8000000000019', '8000000000101|8000000000118'),
      'a peso': fc.constantFrom('no', 'sì', ''), peso: fc.constant('no'), giacenza: fc.constant('3'),
    };
    const file = fc.tuple(fc.oneof(usable, fc.array(fc.constantFrom(...headers), { minLength: 1, maxLength: 7 })), fc.constantFrom(';', ',', '\t'), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean())
      .chain(([h, d, eol, raw]) => fc.array(fc.oneof(fc.array(cell, { maxLength: 8 }), fc.tuple(...h.map((c) => plausible[c] ?? cell))), { maxLength: 6 })
        .map((rows) => [h.join(d), ...rows.map((r) => r.map(raw ? (c: string) => c : quote).join(d))].join(eol)));
    let imported = 0;
    let refusedFile = 0;
    let rowErrors = 0;
    fc.assert(fc.property(file, fc.boolean(), (text, skipBad) => {
      const before = snapshot();
      try {
        const r = importCatalogCsv(b.db, text, b.clock.now(), { skipBad });
        for (const e of [...r.errors, ...r.notices]) {
          expect(e.message).toMatch(/^Riga \d+(, colonna «[a-z ]+»)?: \S/);
          expect(e.message_en).toMatch(/^Line \d+(, column «[a-z_]+»)?: \S/);
        }
        if (!r.applied) expect(snapshot()).toBe(before);
        else imported++;
        rowErrors += r.errors.length;
      } catch (e) {
        expect(isBanconeError(e), String(e)).toBe(true);
        expect((e as { code: string }).code).toMatch(/^CSV_(EMPTY|NO_ROWS|HEADER|HEADER_DUPLICATE|UNCLOSED_QUOTE|ENCODING)$/);
        expect(snapshot()).toBe(before);
        refusedFile++;
      }
    }), { numRuns: Number(process.env.BANCONE_FUZZ_RUNS ?? 300) });
    // the generator reaches every outcome
    expect(imported).toBeGreaterThan(0);
    expect(refusedFile).toBeGreaterThan(0);
    expect(rowErrors).toBeGreaterThan(0);
  });
});

describe('catalogue import: a big file (the search index rebuilt once)', () => {
  const big = (n: number, last = '') => ['codice;descrizione;prezzo;iva;reparto', ...Array.from({ length: n }, (_, i) => `B${i};Biscotti al burro n. ${i};1,${String(i % 100).padStart(2, '0')};4;ALIM`), ...(last ? [last] : [])].join('\n');

  it('a refused last row leaves nothing of 3,000 rows; with skip_bad they are imported and searchable, and later edits too', async () => {
    const b = await shop();
    const csv = big(3000, 'B9999;Biscotti rotti;abc;4;ALIM');
    const refused = await b.ok('catalog.import', { csv });
    expect(refused).toMatchObject({ applied: false, imported: 0, rows: 3001, skipped: 1 });
    expect(refused.errors.map((e) => e.message)).toEqual(['Riga 3002, colonna «prezzo»: prezzo non valido «abc» (es. 12,50)']);
    expect(await catalogue(b)).toEqual([]);
    const r = await b.ok('catalog.import', { csv, skip_bad: true });
    expect(r).toMatchObject({ applied: true, imported: 3000, created: 3000, updated: 0, rows: 3001, skipped: 1 });
    expect(await catalogue(b, 'burro n. 2999')).toEqual(['B2999 · Biscotti al burro n. 2999 · € 1,99 · 4 · ALIM']);
    // the index is kept up row by row again afterwards: a product saved later is found
    await b.ok('catalog.save', { sku: 'NEW', description: 'Grissini torinesi', price_cents: 250, vat_code: '4', department: 'ALIM' });
    expect(await catalogue(b, 'torinesi')).toEqual(['NEW · Grissini torinesi · € 2,50 · 4 · ALIM']);
    // the same file again: every row an update, found under its new words
    const again = await b.ok('catalog.import', { csv: big(3000).replace(/burro/g, 'cacao') });
    expect(again).toMatchObject({ applied: true, imported: 3000, created: 0, updated: 3000 });
    expect(await catalogue(b, 'burro')).toEqual([]);
    expect(await catalogue(b, 'cacao n. 2998')).toEqual(['B2998 · Biscotti al cacao n. 2998 · € 1,98 · 4 · ALIM']);
  });
});
