import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { detectDelimiter, parseCsv, readCsvTable } from '../../../shared/csv.js';
import { decodeCsvBytes } from '../../../backend/catalog/csv-decode.js';
import { foldForSearch } from '../../../shared/text.js';
import { BanconeError } from '../../../shared/errors.js';

const fields = (text: string, d?: string) => parseCsv(text, d).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain rows with line numbers', () => {
    expect(parseCsv('a,b,c\n1,2,3\n4,5,6\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 3, fields: ['4', '5', '6'] },
    ]);
  });

  it('last row without a trailing newline', () => {
    expect(fields('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('CRLF line endings', () => {
    expect(parseCsv('a;b\r\n1;2\r\n3;4\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('quoted fields with delimiters, doubled quotes and newlines; line numbers count physical lines', () => {
    const text = 'sku,description,price\nA,"Pane, integrale","1,20"\nB,"Vino ""rosso""",7\nC,"due\nrighe",3\nD,ok,4\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['sku', 'description', 'price'] },
      { line: 2, fields: ['A', 'Pane, integrale', '1,20'] },
      { line: 3, fields: ['B', 'Vino "rosso"', '7'] },
      { line: 4, fields: ['C', 'due\nrighe', '3'] },
      { line: 6, fields: ['D', 'ok', '4'] },
    ]);
  });

  it('empty fields and empty quoted fields', () => {
    expect(fields('a,b,c\n,,\n"",x,""\n')).toEqual([['a', 'b', 'c'], ['', '', ''], ['', 'x', '']]);
  });

  it('skips blank lines but keeps counting them', () => {
    expect(parseCsv('a,b\n\n1,2\n\r\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 5, fields: ['3', '4'] },
    ]);
  });

  it('strips a UTF-8 byte order mark (Excel)', () => {
    expect(fields('\uFEFFsku;price\nA;1,20')).toEqual([['sku', 'price'], ['A', '1,20']]);
  });

  it('keeps accents and other unicode as is', () => {
    expect(fields('d\nCaffè “speciale” €\n')).toEqual([['d'], ['Caffè “speciale” €']]);
  });

  it('detects ; , and tab from the header', () => {
    expect(detectDelimiter('sku;barcode;description;price')).toBe(';');
    expect(detectDelimiter('sku,barcode,description,price')).toBe(',');
    expect(detectDelimiter('sku\tbarcode\tdescription')).toBe('\t');
    // Italian files: the header has ; and the prices have decimal commas
    expect(fields('sku;price\nA;1,20\nB;"3,50"')).toEqual([['sku', 'price'], ['A', '1,20'], ['B', '3,50']]);
    expect(fields('sku\tprice\nA\t1,20')).toEqual([['sku', 'price'], ['A', '1,20']]);
  });

  it('an explicit delimiter wins', () => {
    expect(fields('a;b,c\n1;2,3', ',')).toEqual([['a;b', 'c'], ['1;2', '3']]);
  });

  it('an unclosed quote is refused naming the line where it opens (it would swallow the rest of the file)', () => {
    for (const [text, line] of [
      ['a,b\n1,"x\n2,3\n', 2],
      ['a,b\n1,2\n3,"x', 3],
      ['a,b\n"1\n""2""', 2],
    ] as const) {
      let err: unknown;
      try {
        parseCsv(text);
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(BanconeError);
      expect((err as BanconeError).code).toBe('CSV_UNCLOSED_QUOTE');
      expect((err as BanconeError).field).toBe('file');
      expect((err as BanconeError).message).toContain(`Riga ${line}`);
      expect((err as BanconeError).messageEn).toContain(`Line ${line}`);
    }
  });

  it('quotes inside an unquoted field are kept as text', () => {
    expect(fields('a,b\n12" pizza,x\n')).toEqual([['a', 'b'], ['12" pizza', 'x']]);
  });

  it('empty input gives no rows', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\n')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('CR-only line ends (old Mac, some Excel exports) separate rows, also inside quotes', () => {
    expect(parseCsv('a;b\r1;2\r3;"x\ry"\r4;5\r')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', 'x\ry'] },
      { line: 5, fields: ['4', '5'] },
    ]);
    expect(parseCsv('a\r\rb\r\n\nc').map((r) => [r.line, r.fields[0]])).toEqual([[1, 'a'], [3, 'b'], [5, 'c']]);
  });

  it('the delimiter is detected outside quotes (a quoted «1,50» in a ; header does not count)', () => {
    expect(detectDelimiter('"prezzo, euro";"iva, %";codice')).toBe(';');
    expect(detectDelimiter('codice\tdescrizione\tprezzo')).toBe('\t');
    expect(detectDelimiter('codice')).toBe(',');
  });

  it('Excel\'s «sep=;» hint line names the delimiter and keeps line numbers true', () => {
    expect(readCsvTable('sep=;\r\na,b;c\r\n1,5;2\r\n')).toEqual({ delimiter: ';', rows: [{ line: 2, fields: ['a,b', 'c'] }, { line: 3, fields: ['1,5', '2'] }] });
    expect(readCsvTable('\uFEFFcodice\tprezzo\n1\t2').delimiter).toBe('\t');
  });

  it('round-trips any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '"', '\n', '\r\n', 'è', '1'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 8 })),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\r\n', '\n', '\r'),
        (table, d, eol) => {
          // A header of plain names so the delimiter is detected as a spreadsheet would write it.
          const header = table[0]!.map((_, i) => `c${i}`);
          const rows = [header, ...table];
          const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
          const text = rows.map((r) => r.map(quote).join(d)).join(eol);
          const parsed = parseCsv(text);
          expect(parsed.map((r) => r.fields)).toEqual(rows);
          // line numbers: each row starts after all the physical lines of the rows before it
          let line = 1;
          parsed.forEach((r, i) => {
            expect(r.line).toBe(line);
            line += rows[i]!.join('').split(/\r\n|\r|\n/).length;
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('decodeCsvBytes: the bytes spreadsheets write', () => {
  // Italian words: accented letters end words, so Windows-1252 bytes are never valid UTF-8 by chance.
  const word = fc.tuple(fc.string({ unit: fc.constantFrom(...'abcdefghilmnopqrstuvzABCDEFGLMPRST0123456789'), minLength: 1, maxLength: 8 }),
    fc.constantFrom('', '', 'à', 'è', 'é', 'ì', 'ò', 'ù', '€', '’', '«', '»', '°')).map(([w, a]) => w + a);
  const line = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
  const italianText = fc.array(line, { minLength: 1, maxLength: 6 }).map((ls) => `${ls.map((l) => `${l};${l}`).join('\r\n')}\r\n`);

  it('Windows-1252 (Excel «CSV») decodes to the same text, € and ’ included', () => {
    fc.assert(fc.property(italianText, (text) => {
      const r = decodeCsvBytes(iconv.encode(text, 'win1252'));
      expect(r.text).toBe(text);
      expect(r.encoding).toBe(/[^\x00-\x7f]/.test(text) ? 'windows-1252' : 'utf-8');
    }), { numRuns: 500 });
    expect(decodeCsvBytes(Uint8Array.from([0x43, 0x61, 0x66, 0x66, 0xe8, 0x20, 0x80, 0x20, 0x92]))).toEqual({ text: 'Caffè € ’', encoding: 'windows-1252' });
  });

  it('UTF-8 with or without BOM, UTF-16 LE/BE with BOM and UTF-16LE without BOM decode to the same text', () => {
    fc.assert(fc.property(fc.oneof(italianText, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\u0000') && !s.startsWith('\uFEFF'))), (text) => {
      const bom = (b: number[], body: Buffer) => Buffer.concat([Buffer.from(b), body]);
      expect(decodeCsvBytes(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
      expect(decodeCsvBytes(bom([0xef, 0xbb, 0xbf], Buffer.from(text, 'utf8')))).toEqual({ text, encoding: 'utf-8' });
      expect(decodeCsvBytes(bom([0xff, 0xfe], iconv.encode(text, 'utf-16le')))).toEqual({ text, encoding: 'utf-16le' });
      expect(decodeCsvBytes(bom([0xfe, 0xff], iconv.encode(text, 'utf-16be')))).toEqual({ text, encoding: 'utf-16be' });
    }), { numRuns: 300 });
    fc.assert(fc.property(italianText, (text) => {
      expect(decodeCsvBytes(iconv.encode(text, 'utf-16le'))).toEqual({ text, encoding: 'utf-16le' });
    }), { numRuns: 200 });
  });
});

describe('foldForSearch', () => {
  it('lower-cases, folds accents and collapses spaces', () => {
    expect(foldForSearch('  Città   Alta ')).toBe('citta alta');
    expect(foldForSearch('CAFFÈ')).toBe('caffe');
    expect(foldForSearch('Perché più')).toBe('perche piu');
    expect(foldForSearch('')).toBe('');
  });
});
