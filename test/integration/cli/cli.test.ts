import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../../../shared/time.js';
import { CATALOG_CSV, cli, ledgerCounts, spawnCli, tempDataDir, withLedger } from './helpers.js';

const dirs: string[] = [];
function freshDir(): string {
  const d = tempDataDir();
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const clock = fakeClock('2026-11-21T10:00:00Z');

/** A data dir with the catalog imported. */
async function tillWithCatalog(): Promise<string> {
  const dir = freshDir();
  const csv = join(dir, 'catalog.csv');
  writeFileSync(csv, CATALOG_CSV);
  const r = await cli(dir, ['catalog', 'import', csv], { clock });
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

function file(dir: string, name: string, content: string | object): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

beforeEach(() => clock.set('2026-11-21T10:00:00Z'));

describe('bancone catalog import', () => {
  it('imports a ; separated Italian CSV (decimal commas, several barcodes, quoted fields, % on VAT)', async () => {
    const dir = freshDir();
    const r = await cli(dir, ['catalog', 'import', file(dir, 'c.csv', CATALOG_CSV), '--json'], { clock });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ imported: 4, created: 4, updated: 0, rows: 4, skipped: 0, errors: [], applied: true, encoding: 'utf-8', delimiter: ';' });
    expect(report.departments_created).toEqual([{ code: 'ALIMENTARI', name: 'ALIMENTARI', vatCode: '4' }, { code: 'BEVANDE', name: 'BEVANDE', vatCode: '22' }]);
    // Caffè at 10 % in a 4 % department is imported as written, and said
    expect(report.notices.map((n: { line: number; message: string }) => [n.line, n.message])).toEqual([
      [4, 'Riga 4, colonna «iva»: IVA 10% diversa da quella del reparto «ALIMENTARI» (IVA 4%): il prodotto si vende con IVA 10%'],
    ]);
    expect(ledgerCounts(dir)).toMatchObject({ products: 4, barcodes: 5 });
    const vino = withLedger(dir, (db) => db.prepare(`SELECT description, price_cents, vat_code FROM products WHERE sku = 'VINO1'`).get());
    expect(vino).toEqual({ description: 'Vino rosso; DOC', price_cents: 750, vat_code: '22' });
    const s = await cli(dir, ['catalog', 'search', 'caffe', '--json']);
    expect(JSON.parse(s.stdout)).toEqual([expect.objectContaining({ sku: 'CAFFE', priceCents: 499, vatCode: '10' })]);
  });

  it('human output and re-import updates by sku, with Italian plurals', async () => {
    const dir = await tillWithCatalog();
    const r = await cli(dir, ['catalog', 'import', file(dir, 'u.csv', 'sku,barcode,description,price,vat_code,department\nLATTE1,8001234567897,Latte intero 1 l,1.30,4,ALIMENTARI\n')], { clock });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Letto come UTF-8, separatore «,».');
    expect(r.stdout).toContain('Importato 1 prodotto (0 nuovi, 1 aggiornato).');
    expect(withLedger(dir, (db) => db.prepare(`SELECT price_cents FROM products WHERE sku = 'LATTE1'`).pluck().get())).toBe(130);
    expect(ledgerCounts(dir).products).toBe(4);
  });

  it('a price update without the optional barcode/department columns keeps barcodes and departments', async () => {
    const dir = await tillWithCatalog();
    const r = await cli(dir, ['catalog', 'import', file(dir, 'prices.csv', 'sku;description;price;vat_code\nLATTE1;Latte intero 1 l;1,35;4\nVINO1;"Vino rosso; DOC";8,00;22\n')], { clock });
    expect(r.code, r.stderr).toBe(0);
    const rows = withLedger(dir, (db) => db.prepare(`SELECT p.sku, p.price_cents AS price, d.code AS dept, (SELECT group_concat(barcode, '|') FROM (SELECT barcode FROM barcodes WHERE product_id = p.id ORDER BY barcode)) AS codes FROM products p LEFT JOIN departments d ON d.id = p.department_id WHERE p.sku IN ('LATTE1', 'VINO1') ORDER BY p.sku`).all());
    expect(rows).toEqual([
      { sku: 'LATTE1', price: 135, dept: 'ALIMENTARI', codes: '8001234567897' },
      { sku: 'VINO1', price: 800, dept: 'BEVANDE', codes: '8000000000002|8000000000033' },
    ]);
    // and the till still scans them at the new price
    const sale = await cli(dir, ['sale', '--json', file(dir, 's.json', { lines: [{ barcode: '8000000000033' }], payments: [{ method: 'electronic', amount_cents: 800 }] })], { clock });
    expect(sale.code, sale.stderr).toBe(0);
    // with the column present, an empty cell does clear the department
    await cli(dir, ['catalog', 'import', file(dir, 'd.csv', 'sku,description,price,vat_code,department\nLATTE1,Latte intero 1 l,1.35,4,\n')], { clock });
    expect(withLedger(dir, (db) => db.prepare(`SELECT department_id FROM products WHERE sku = 'LATTE1'`).pluck().get())).toBeNull();
  });

  const badCsv = [
    'sku,barcode,description,price,vat_code',
    'OK1,1111,Buono,1.00,22', // line 2: fine
    'BAD1,2222,Prezzo rotto,abc,22', // line 3: price
    'BAD2,3333,Aliquota,1.00,21', // line 4: vat
    'OK2,4444,"Buono, anche",2.00,4', // line 5: fine
    ',5555,Senza sku,1.00,22', // line 6: sku
    'OK1,6666,Doppio,1.00,22', // line 7: repeated sku
    'BAD3,1111,Barcode altrui,1.00,22', // line 8: barcode of OK1
    'BAD4,7777,Campi in meno', // line 9: field count
    'BAD5,8888,,1.00,22', // line 10: description
    'BAD6,99 99,Barcode con spazio,1.00,22', // line 11: barcode
    'BAD7,1234,Negativo,-1.00,22', // line 12: price
    'BAD8,8001234567890,Cifra di controllo,1.00,22', // line 13: EAN-13 check digit
    '',
  ].join('\n');

  it('reports every bad row by line number and field, and imports nothing', async () => {
    const dir = freshDir();
    const r = await cli(dir, ['catalog', 'import', file(dir, 'bad.csv', badCsv), '--json'], { clock });
    expect(r.code).not.toBe(0);
    const report = JSON.parse(r.stdout) as { applied: boolean; imported: number; skipped: number; errors: { line: number; field: string; message: string; message_en: string }[] };
    expect(report.applied).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.skipped).toBe(10); // rows, not errors
    const byLine = report.errors.map((e) => [e.line, e.field]);
    expect(byLine).toEqual([[3, 'price'], [4, 'vat_code'], [6, 'sku'], [7, 'sku'], [8, 'barcode'], [9, '*'], [10, 'description'], [11, 'barcode'], [12, 'price'], [13, 'barcode']]);
    for (const e of report.errors) {
      expect(e.message).toContain(`Riga ${e.line}`);
      expect(e.message_en).toContain(`Line ${e.line}`);
      // the Italian text names the Italian column, never the internal field
      expect(e.message).not.toMatch(/price|vat_code|barcode|sku|description/);
    }
    expect(ledgerCounts(dir)).toMatchObject({ products: 0, barcodes: 0 });
  });

  it('human output names the lines and the Italian columns on stderr, with Italian plurals', async () => {
    const dir = freshDir();
    const r = await cli(dir, ['catalog', 'import', file(dir, 'bad.csv', badCsv)], { clock });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Riga 3, colonna «prezzo»: prezzo non valido «abc» (es. 12,50)');
    expect(r.stderr).toContain('Riga 4, colonna «iva»: aliquota IVA non valida «21» (es. 22, 10, 4 o N2)');
    expect(r.stderr).toContain('Riga 13, colonna «codice a barre»: codice a barre 8001234567890 non valido: cifra di controllo errata (ricopiarlo dalla confezione)');
    expect(r.stdout).toContain('Nessun prodotto importato: 10 errori in 10 righe da correggere (oppure --skip-bad per importare le righe giuste).');
    const en = await cli(dir, ['catalog', 'import', join(dir, 'bad.csv')], { clock, env: { BANCONE_LANG: 'en' } });
    expect(en.stderr).toContain('Line 3, column «price»: invalid price «abc» (e.g. 12.50)');
    const one = await cli(dir, ['catalog', 'import', file(dir, 'one.csv', 'codice;descrizione;prezzo;iva\nA;Acqua;abc;22\nB;Birra;1,20;22\n')], { clock });
    expect(one.stdout).toContain('Nessun prodotto importato: 1 errore in 1 riga da correggere');
  });

  it('--skip-bad imports the good rows and still reports the bad ones', async () => {
    const dir = freshDir();
    const r = await cli(dir, ['catalog', 'import', file(dir, 'bad.csv', badCsv), '--skip-bad', '--json'], { clock });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { applied: boolean; imported: number; skipped: number };
    expect(report).toMatchObject({ applied: true, imported: 2, skipped: 10 });
    expect(withLedger(dir, (db) => db.prepare('SELECT sku FROM products ORDER BY sku').pluck().all())).toEqual(['OK1', 'OK2']);
    const human = await cli(dir, ['catalog', 'import', join(dir, 'bad.csv'), '--skip-bad'], { clock });
    expect(human.stdout).toContain('Importati 2 prodotti (0 nuovi, 2 aggiornati); 10 righe saltate.');
  });

  it('a Windows-1252 file saved by Excel (; and decimal comma) imports with its accents', async () => {
    const dir = freshDir();
    const csv = 'Codice;Descrizione;Prezzo;IVA;Codice a barre\r\nCAF1;Caffè Qualità Rossa 250 g;€ 3,49;22;8000000000019\r\nOLI1;Olio d’oliva «extra»;1.234,50;4;\r\n';
    const bytes = Buffer.from([...csv].map((c) => ({ 'è': 0xe8, 'à': 0xe0, '€': 0x80, '’': 0x92, '«': 0xab, '»': 0xbb } as Record<string, number>)[c] ?? c.charCodeAt(0)));
    const p = join(dir, 'excel.csv');
    writeFileSync(p, bytes);
    const r = await cli(dir, ['catalog', 'import', p], { clock });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Letto come Windows-1252 (Excel), separatore «;».');
    expect(r.stdout).toContain('Importati 2 prodotti (2 nuovi, 0 aggiornati).');
    const s = await cli(dir, ['catalog', 'search', 'qualita']);
    expect(s.stdout).toMatch(/CAF1 +Caffè Qualità Rossa 250 g +€ 3,49 +IVA 22/);
    expect((await cli(dir, ['catalog', 'search', 'olio'])).stdout).toMatch(/OLI1 +Olio d’oliva «extra» +€ 1\.234,50 +IVA 4/);
  });

  it('unexpected arguments are refused', async () => {
    const dir = freshDir();
    const r = await cli(dir, ['catalog', 'import', file(dir, 'c.csv', CATALOG_CSV), 'extra'], { clock });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('CLI_USAGE');
    expect(ledgerCounts(dir)).toMatchObject({ products: 0 });
  });

  it.each([
    ['empty file', '', 'CSV_EMPTY', 'file'],
    ['missing columns', 'sku,description\nA,b\n', 'CSV_HEADER', 'header'],
    ['unclosed quote', 'sku,barcode,description,price,vat_code,department\nA,1,"Latte,1.00,4,X\nB,2,Pane,1.00,4,X\n', 'CSV_UNCLOSED_QUOTE', 'file'],
    ['header only', 'codice;descrizione;prezzo;iva\r\n', 'CSV_NO_ROWS', 'file'],
    ['duplicated column', 'codice;descrizione;prezzo;iva;Prezzo\nA;Acqua;1,00;22;2,00\n', 'CSV_HEADER_DUPLICATE', 'header'],
  ])('malformed CSV (%s) is refused with a clear message', async (_name, text, code, field) => {
    const dir = freshDir();
    const r = await cli(dir, ['catalog', 'import', file(dir, 'x.csv', text), '--json'], { clock });
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code, field });
    expect(r.stderr).toContain(code);
    expect(ledgerCounts(dir)).toMatchObject({ products: 0 });
  });

  it('a missing file is reported', async () => {
    const dir = freshDir();
    const r = await cli(dir, ['catalog', 'import', join(dir, 'nope.csv')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/FILE_NOT_READABLE.*nope\.csv/);
  });
});

describe('bancone sale / return / void / status', () => {
  const saleJson = {
    lines: [
      { barcode: '8001234567897', quantity: 2 },
      { description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1.5, discount_cents: 50 },
    ],
    discount_cents: 0,
    payments: [{ method: 'cash', amount_cents: 1000 }],
    lottery_code: null,
  };

  it('records a sale from a file (--json FILE, the issue spelling) and prints id, number, total, change, rounding, VAT', async () => {
    const dir = await tillWithCatalog();
    const r = await cli(dir, ['sale', '--json', file(dir, 's.json', saleJson)], { clock });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'sale',
      number: '2026-11-21/0001',
      business_day: '2026-11-21',
      total_cents: 715,
      due_cents: 715,
      change_cents: 285,
      rounding_cents: 0,
      vat: [{ vat_code: '4', gross_cents: 715, taxable_cents: 688, vat_cents: 27 }],
      // No printer configured here: the receipt stays queued for the till to print (issue #9 item 11).
      receipt: { print_job_id: expect.any(String), state: 'queued', printed: false, drawer_opened: false, error: 'stampante non configurata', error_en: 'no printer configured' },
    });
    expect(ledgerCounts(dir)).toMatchObject({ documents: 1, document_lines: 2, payments: 1, vat_rows: 1, outbox: 1, print_jobs: 1, audit_log: 1 });
    expect(withLedger(dir, (db) => db.prepare('SELECT source FROM documents').pluck().get())).toBe('cli');
  });

  it('records a sale from stdin (--input -), human output shows rounding and change', async () => {
    const dir = await tillWithCatalog();
    const input = { lines: [{ description: 'Focaccia', unit_price_cents: 1253, vat_code: '10' }], payments: [{ method: 'cash', amount_cents: 2000 }] };
    const r = await cli(dir, ['sale', '--input', '-'], { clock, stdin: JSON.stringify(input) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Vendita 2026-11-21/0001 registrata');
    expect(r.stdout).toContain('Totale € 12,53');
    expect(r.stdout).toContain('Arrotondamento € 0,02  Da pagare € 12,55');
    expect(r.stdout).toContain('Resto € 7,45');
    expect(r.stdout).toMatch(/IVA 10%\s+imponibile\s+€ 11,39\s+imposta\s+€ 1,14/);
  });

  it('return, void and status through the CLI', async () => {
    const dir = await tillWithCatalog();
    const sale = JSON.parse((await cli(dir, ['sale', '--json', file(dir, 's.json', { lines: [{ barcode: '8000000000002', quantity: 3 }, { barcode: '8001234567897' }], payments: [{ method: 'electronic', amount_cents: 2370 }] })], { clock })).stdout);
    const ret = await cli(dir, ['return', sale.number, '--line', '1:1,5', '--line', '2:1', '--reason', 'difettoso', '--json'], { clock });
    expect(ret.code, ret.stderr).toBe(0);
    expect(JSON.parse(ret.stdout)).toMatchObject({ kind: 'return', number: '2026-11-21/0002', total_cents: 1125 + 120 });

    const over = await cli(dir, ['return', sale.id, '--line', '1:2'], { clock });
    expect(over.code).not.toBe(0);
    expect(over.stderr).toMatch(/RETURN_EXCEEDS_SOLD.*al massimo 1,5/);

    const badVoid = await cli(dir, ['void', sale.id], { clock });
    expect(badVoid.code).not.toBe(0);
    expect(badVoid.stderr).toContain('SALE_HAS_RETURNS');

    const sale2 = JSON.parse((await cli(dir, ['sale', '--json', file(dir, 's2.json', { lines: [{ barcode: '8000000000019' }], payments: [{ method: 'cash', amount_cents: 500 }] })], { clock })).stdout);
    const v = await cli(dir, ['void', sale2.number, '--reason', 'sbagliato'], { clock });
    expect(v.code, v.stderr).toBe(0);
    // «Annullo» is masculine; a void is refunded, not paid (issue #9 item 18).
    expect(v.stdout).toContain('Annullo 2026-11-21/0004 registrato');
    expect(v.stdout).toContain('Rimborsato € 5,00');
    expect(v.stdout).not.toContain('Da pagare');
    const again = await cli(dir, ['void', sale2.id, '--json'], { clock });
    expect(again.code).not.toBe(0);
    expect(JSON.parse(again.stdout).error).toMatchObject({ code: 'SALE_VOIDED', field: 'sale' });

    const st = await cli(dir, ['status', '--json'], { clock });
    const status = JSON.parse(st.stdout);
    expect(status).toMatchObject({
      businessDay: '2026-11-21',
      today: { sales: 2, salesCents: 2370 + 499, returns: 1, voids: 1 },
      outbox: { pending: 4 },
      printJobs: { queued: 4 },
      // The return and the void wait for their sale to reach the AdE first.
      sync: { pending: 4, waitingForParent: 2, failed: 0, ready: 0 },
      printing: { waiting: 4, failed: 0 },
    });
    const human = await cli(dir, ['status'], { clock });
    expect(human.stdout).toContain('Giornata 2026-11-21: 2 vendite (€ 28,69), 1 resi, 1 annulli');
    expect(human.stdout).toContain('Trasmissione AdE: 4 in coda');
    expect(human.stdout).toContain('Stampa: 4 in attesa');
  });

  it('return: bad --line specs name the option', async () => {
    const dir = await tillWithCatalog();
    for (const spec of ['1', '1:-1', 'a:1', '1:1,2345', '1:']) {
      const r = await cli(dir, ['return', '2026-11-21/0001', '--line', spec]);
      expect(r.code, spec).not.toBe(0);
      expect(r.stderr, spec).toContain('CLI_LINE_FORMAT');
      expect(r.stderr, spec).toContain('N:QTY');
    }
    const none = await cli(dir, ['return', '2026-11-21/0001']);
    expect(none.stderr).toContain('CLI_USAGE');
  });
});

describe('bad sale input: clear message naming the field, non-zero exit, nothing written', () => {
  const ok = (over: Record<string, unknown>) => ({ lines: [{ barcode: '8001234567897' }], payments: [{ method: 'cash', amount_cents: 500 }], ...over });
  const cases: [string, string | object, string, string][] = [
    ['unknown barcode', ok({ lines: [{ barcode: '8009999999999' }] }), 'PRODUCT_NOT_FOUND', 'lines[0].barcode'],
    ['negative quantity', ok({ lines: [{ barcode: '8001234567897', quantity: -2 }] }), 'INVALID_INPUT', 'lines[0].quantity'],
    ['payments not covering the total', ok({ lines: [{ barcode: '8000000000002', quantity: 2 }], payments: [{ method: 'cash', amount_cents: 1000 }] }), 'PAYMENT_INSUFFICIENT', 'payments'],
    ['lottery code with cash', ok({ lines: [{ barcode: '8000000000002' }], payments: [{ method: 'cash', amount_cents: 1000 }], lottery_code: 'A1B2C3D4' }), 'LOTTERY_NOT_ELECTRONIC', 'lottery_code'],
    ['a 10 MB description', ok({ lines: [{ description: 'x'.repeat(10 * 1024 * 1024), unit_price_cents: 100, vat_code: '22' }] }), 'INVALID_INPUT', 'lines[0].description'],
    ['a string as quantity', ok({ lines: [{ barcode: '8001234567897', quantity: '2' }] }), 'INVALID_INPUT', 'lines[0].quantity'],
    ['a decimal amount', ok({ payments: [{ method: 'cash', amount_cents: 5.5 }] }), 'INVALID_INPUT', 'payments[0].amount_cents'],
    ['an unknown payment method', ok({ payments: [{ method: 'bitcoin', amount_cents: 500 }] }), 'INVALID_INPUT', 'payments[0].method'],
    ['malformed JSON', '{"lines": [', 'JSON_INVALID', 'json'],
  ];

  it.each(cases)('%s', async (_name, input, code, field) => {
    const dir = await tillWithCatalog();
    const before = ledgerCounts(dir);
    const src = file(dir, 'in.json', input);
    const r = await cli(dir, ['sale', '--json', src], { clock });
    expect(r.code).not.toBe(0);
    const err = JSON.parse(r.stdout).error;
    expect(err).toMatchObject({ code, field });
    expect(err.message).toBeTruthy();
    expect(err.message_en).toBeTruthy();
    // stderr is one readable line naming the field, never a dump of the input
    expect(r.stderr).toContain(`[${code}]`);
    if (code === 'INVALID_INPUT') expect(r.stderr).toContain(field);
    expect(r.stderr.length).toBeLessThan(2000);
    expect(ledgerCounts(dir)).toEqual(before);
    const en = await cli(dir, ['sale', '--input', src], { clock, env: { BANCONE_LANG: 'en' } });
    expect(en.stderr).toMatch(/^Error \[/);
    expect(ledgerCounts(dir)).toEqual(before);
  });

  it('usage errors', async () => {
    const dir = freshDir();
    expect((await cli(dir, ['sale'])).stderr).toContain('CLI_USAGE');
    expect((await cli(dir, ['sale', '--input', join(dir, 'missing.json')])).stderr).toContain('FILE_NOT_READABLE');
    expect((await cli(dir, ['sale', '--bogus'])).stderr).toContain('CLI_USAGE');
    expect((await cli(dir, ['nope'])).code).toBe(2);
    expect((await cli(dir, ['audit'])).stderr).toContain('CLI_USAGE');
    const help = await cli(dir, ['sale', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('bancone sale');
    expect(ledgerCounts(dir).documents).toBe(0);
  });
});

describe('bancone audit verify', () => {
  it('ok on an untouched ledger; reports a document edited behind the ledger’s back', async () => {
    const dir = await tillWithCatalog();
    const sale = JSON.parse((await cli(dir, ['sale', '--json', file(dir, 's.json', { lines: [{ barcode: '8000000000002' }], payments: [{ method: 'cash', amount_cents: 1000 }] })], { clock })).stdout);
    const good = await cli(dir, ['audit', 'verify', '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, integrity: 'ok', entries: 1, problems: [] });
    expect((await cli(dir, ['audit', 'verify'])).stdout).toContain('Catena integra.');

    withLedger(dir, (db) => db.prepare('UPDATE documents SET total_cents = 1 WHERE id = ?').run(sale.id));
    const bad = await cli(dir, ['audit', 'verify', '--json']);
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, problems: [{ seq: 1, problem: expect.stringContaining(sale.id) }] });
    const human = await cli(dir, ['audit', 'verify']);
    expect(human.stdout).toContain('ATTENZIONE: catena NON integra.');
  });
});

// A few runs of the real executable: argument passing, stdin, exit codes, and output streams.
describe('the real bin/bancone.mjs', () => {
  let dir: string;
  beforeAll(() => {
    dir = freshDir();
    writeFileSync(join(dir, 'catalog.csv'), CATALOG_CSV);
  });

  it('import → sale via stdin → audit verify; a bad sale exits non-zero and writes nothing', async () => {
    const imp = await spawnCli(dir, ['catalog', 'import', join(dir, 'catalog.csv'), '--json']);
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ imported: 4, applied: true });

    const sale = await spawnCli(dir, ['sale', '--json', '-'], JSON.stringify({ lines: [{ barcode: '8000000000033', quantity: 2 }], payments: [{ method: 'electronic', amount_cents: 1500 }], lottery_code: 'ABCD1234' }));
    expect(sale.code, sale.stderr).toBe(0);
    expect(sale.stderr).toBe('');
    expect(JSON.parse(sale.stdout)).toMatchObject({ number: expect.stringMatching(/^\d{4}-\d{2}-\d{2}\/0001$/), total_cents: 1500, change_cents: 0 });

    const before = ledgerCounts(dir);
    const bad = await spawnCli(dir, ['sale', '--json', '-'], JSON.stringify({ lines: [{ barcode: '8000000000033', quantity: -1 }], payments: [] }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Errore \[INVALID_INPUT\]: Campo "lines\[0\]\.quantity"/);
    expect(ledgerCounts(dir)).toEqual(before);

    const verify = await spawnCli(dir, ['audit', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('Catena integra.');
  });

  it('sale from a file with a 10 MB description: refused quickly with the field named', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, JSON.stringify({ lines: [{ description: 'é'.repeat(10 * 1024 * 1024), unit_price_cents: 100, vat_code: '22' }], payments: [{ method: 'cash', amount_cents: 100 }] }));
    const before = ledgerCounts(dir);
    const r = await spawnCli(dir, ['sale', '--input', big], undefined, { BANCONE_LANG: 'en' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error \[INVALID_INPUT\]: Field "lines\[0\]\.description": too long \(maximum 1000\)/);
    expect(ledgerCounts(dir)).toEqual(before);
  });

  it('--help exits 0; no command exits non-zero', async () => {
    const help = await spawnCli(dir, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('audit');
    const none = await spawnCli(dir, []);
    expect(none.code).not.toBe(0);
  });
});
