// Fuzzing the catalogue import's boundary (issue #10, «Keep it honest»): whatever file a shop
// sends — random bytes, any of the encodings spreadsheets write (with or without BOM), quotes,
// delimiters, line ends, huge fields — `catalog.import` either imports it or refuses it with a
// known code and Italian words that name the row (or the header, or the file), never INTERNAL,
// never a stack trace, and a refusal changes nothing. The file reader the CLI uses (pieces read
// from the disk) gives the same text and rows as the whole file in memory, however it is cut.
// A small run by default; BANCONE_FUZZ_RUNS=N runs N inputs per property.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { loginManager, makeBackend, type Backend } from '../unit/contract/helpers.js';
import { decodeCsvBytes, openCsvFile } from '../../backend/catalog/csv-decode.js';
import { parseCsv, readCsvStream, readCsvTable } from '../../shared/csv.js';
import { BanconeError } from '../../shared/errors.js';

const RUNS = Number(process.env.BANCONE_FUZZ_RUNS ?? 0);
const runs = (small: number) => (RUNS > 0 ? RUNS : small);
/** A larger run takes longer than the default test timeout. */
const timeout = RUNS > 0 ? Math.max(60_000, RUNS * 500) : undefined;
const dir = mkdtempSync(join(tmpdir(), 'bancone-csv-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENCODINGS = ['utf-8', 'utf-8 BOM', 'utf-16le BOM', 'utf-16le', 'utf-16be BOM', 'windows-1252'] as const;
function encode(text: string, how: (typeof ENCODINGS)[number]): Buffer {
  switch (how) {
    case 'utf-8': return Buffer.from(text, 'utf8');
    case 'utf-8 BOM': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le BOM': return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    case 'utf-16le': return iconv.encode(text, 'utf-16le');
    case 'utf-16be BOM': return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    case 'windows-1252': return iconv.encode(text, 'win1252');
  }
}

const HEADERS = ['codice', 'sku', 'descrizione', 'Descrizione', 'prezzo', 'Prezzo', 'price', 'iva', 'aliquota', 'reparto', 'iva reparto', 'ean', 'codice a barre', 'a peso', 'giacenza', '', 'sep=;', '\uFEFF'];
const GOOD: Record<string, fc.Arbitrary<string>> = {
  codice: fc.constantFrom('K1', 'K2', 'K3'), sku: fc.constantFrom('K1', 'K4'), descrizione: fc.constantFrom('Pasta', 'Caffè «buono»', 'Tè; verde', 'a"b'),
  prezzo: fc.constantFrom('1,50', '€ 1.234,50', '2'), price: fc.constant('1.50'), iva: fc.constantFrom('4', '22', ''), aliquota: fc.constant('10'),
  reparto: fc.constantFrom('ALIM', 'alimentari', '', 'Nuovo'), 'iva reparto': fc.constantFrom('', '10'),
  ean: fc.constantFrom('', '8000000000019', '8001234567897', '8000000000101|8000000000118'), 'a peso': fc.constantFrom('sì', 'no'),
};
/** Any cell: characters a file can hold (quotes, delimiters, line ends, NUL, U+FFFD, astral), or a huge one. */
const anyCell = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom('a', 'è', '€', '’', ' ', ';', ',', '\t', '"', '\n', '\r', '1', '.', '|', '%', '\u0000', '\uFFFD', '😀', '\u200b'), maxLength: 14 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'è', '"', ';'), fc.integer({ min: 1_000, max: 70_000 })).map(([c, n]) => c.repeat(n)) },
);
const quoteCell = (c: string) => (/[;,"\r\n\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** A file: a header (often the right columns), rows (plausible or anything), one delimiter, one line end, quoted or raw. */
const csvText = fc.tuple(
  fc.oneof(
    fc.shuffledSubarray(['reparto', 'iva reparto', 'ean', 'a peso', 'giacenza']).chain((extra) =>
      fc.shuffledSubarray(['codice', 'descrizione', 'prezzo', 'iva', ...extra], { minLength: 4 + extra.length })),
    fc.array(fc.constantFrom(...HEADERS), { minLength: 0, maxLength: 7 }),
  ),
  fc.constantFrom(';', ',', '\t'), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean(), fc.boolean(),
).chain(([header, d, eol, quoted, endEol]) =>
  fc.array(fc.oneof(fc.tuple(...header.map((h) => GOOD[h] ?? anyCell)), fc.array(anyCell, { maxLength: 8 })), { maxLength: 6 })
    .map((rows) => [header.join(d), ...rows.map((r) => r.map(quoted ? quoteCell : (c: string) => c).join(d))].join(eol) + (endEol ? eol : '')));

const fileBytes = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(csvText, fc.constantFrom(...ENCODINGS)).map(([t, e]) => encode(t, e)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
  // a good header, then random bytes
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from('codice;descrizione;prezzo;iva\r\n'), Buffer.from(b)])) },
);

/** What the till's catalogue holds: products, their codes, departments. */
function snapshot(b: Backend): string {
  return JSON.stringify([
    b.db.prepare('SELECT sku, description, price_cents, vat_code, department_id, sold_by_weight, active, updated_at FROM products ORDER BY sku').all(),
    b.db.prepare('SELECT barcode, product_id FROM barcodes ORDER BY barcode').all(),
    b.db.prepare('SELECT code, name, vat_code FROM departments ORDER BY code').all(),
  ]);
}

/** The file-level refusals and what each must name. */
const FILE_CODES: Record<string, RegExp> = {
  CSV_EMPTY: /vuoto/,
  CSV_NO_ROWS: /solo l'intestazione/,
  CSV_HEADER: /^Intestazione CSV: manca(no le colonne| la colonna) «/,
  CSV_HEADER_DUPLICATE: /^Intestazione: la colonna «[^»]+» compare due volte/,
  CSV_UNCLOSED_QUOTE: /^Riga \d+: virgolette aperte e mai chiuse$/,
  CSV_ENCODING: /alla riga \d+\)/,
};

describe('fuzz: catalog.import with any file', () => {
  it('imports or refuses clearly (never INTERNAL, no stack); a refusal or an unapplied report changes nothing', async () => {
    const b = makeBackend();
    await loginManager(b);
    await b.ok('catalog.saveDepartment', { code: 'ALIM', name: 'Alimentari', vat_code: '4' });
    await b.ok('catalog.import', { csv: 'codice;descrizione;prezzo;iva;ean\nK1;Pasta;1,00;4;8000000000019\nZ9;Riso;2,00;4;8001234567897\n' });
    const tally = { tried: 0, applied: 0, notApplied: 0, refused: 0, internal: 0, changedOnReject: 0 };
    await fc.assert(fc.asyncProperty(fileBytes, fc.boolean(), async (bytes, skipBad) => {
      tally.tried++;
      const before = snapshot(b);
      const r = await b.dispatcher.call('catalog.import', { csv_base64: bytes.toString('base64'), skip_bad: skipBad }, { id: 's1' });
      if (r.ok) {
        const report = r.value as { applied: boolean; errors: { message: string; message_en: string; line: number }[]; notices: { message: string }[] };
        for (const e of report.errors) {
          expect(e.message).toMatch(/^Riga \d+(, colonna «[a-z ]+»)?: \S/);
          expect(e.message_en).toMatch(/^Line \d+(, column «[a-z_ ]+»)?: \S/);
          expect(e.message).toContain(`Riga ${e.line}`);
        }
        if (report.applied) tally.applied++;
        else {
          tally.notApplied++;
          if (snapshot(b) !== before) tally.changedOnReject++;
          expect(snapshot(b)).toBe(before);
        }
        return;
      }
      tally.refused++;
      if (r.error.code === 'INTERNAL') tally.internal++;
      expect(r.error.code, r.error.message).not.toBe('INTERNAL');
      expect(Object.keys(FILE_CODES)).toContain(r.error.code);
      expect(r.error.message).toMatch(FILE_CODES[r.error.code]!);
      expect(r.error.message).not.toMatch(/\n\s+at |\.ts:\d+|Error:/);
      if (snapshot(b) !== before) tally.changedOnReject++;
      expect(snapshot(b)).toBe(before);
    }), { numRuns: runs(150) });
    console.log(`fuzz catalog.import: ${JSON.stringify(tally)}`);
    // the generator reaches every outcome
    expect(tally.applied).toBeGreaterThan(0);
    expect(tally.notApplied).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, timeout);
});

describe('fuzz: the file read in pieces is the file read whole', () => {
  it('openCsvFile (the CLI’s reader) gives decodeCsvBytes’ encoding and text, whatever the piece size', () => {
    let n = 0;
    fc.assert(fc.property(fileBytes, fc.integer({ min: 1, max: 64 }), (bytes, small) => {
      // Small pieces cut every character and BOM; a file with a huge field gets bigger ones (time).
      const piece = bytes.length > 2000 ? small * 512 : small;
      const file = join(dir, `f${n++}.csv`);
      writeFileSync(file, bytes);
      const whole = decodeCsvBytes(bytes);
      const read = openCsvFile(file, piece);
      expect(read.encoding).toBe(whole.encoding);
      // The text may differ only by a BOM the reader drops anyway.
      expect([...read.pieces()].join('').replace(/^\uFEFF/, '')).toBe(whole.text.replace(/^\uFEFF/, ''));
    }), { numRuns: runs(150) });
  }, timeout);

  it('the CSV reader gives the same rows (or the same refusal) however the text is cut', () => {
    const outcome = (f: () => unknown) => {
      try { return f(); } catch (e) { return e instanceof BanconeError ? `${e.code} ${e.message}` : e; }
    };
    fc.assert(fc.property(csvText, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
      const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const pieces = [0, ...at].map((s, i, all) => text.slice(s, all[i + 1] ?? text.length));
      const whole = outcome(() => readCsvTable(text));
      const cut = outcome(() => { const s = readCsvStream(pieces); return { delimiter: s.delimiter, rows: [...s.rows] }; });
      expect(cut).toEqual(whole);
      expect(outcome(() => [...readCsvStream(pieces, ';').rows])).toEqual(outcome(() => parseCsv(text, ';')));
    }), { numRuns: runs(200) });
  }, timeout);
});
