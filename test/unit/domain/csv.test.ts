import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectDelimiter, parseCsv } from '../../../shared/csv.js';
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

  it('round-trips any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '"', '\n', '\r\n', 'è', '1'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 8 })),
        fc.constantFrom(',', ';'),
        (table, d) => {
          // A header of plain names so the delimiter is detected as a spreadsheet would write it.
          const header = table[0]!.map((_, i) => `c${i}`);
          const rows = [header, ...table];
          const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
          const text = rows.map((r) => r.map(quote).join(d)).join('\r\n');
          const parsed = parseCsv(text);
          expect(parsed.map((r) => r.fields)).toEqual(rows);
          // line numbers: each row starts after all the physical lines of the rows before it
          let line = 1;
          parsed.forEach((r, i) => {
            expect(r.line).toBe(line);
            line += rows[i]!.join('').split('\n').length;
          });
        },
      ),
      { numRuns: 300 },
    );
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
