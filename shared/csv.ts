// RFC 4180 CSV reader as spreadsheets really write it: quoted fields, doubled quotes, CRLF, LF or
// CR-only line ends (old Mac, some Excel exports), and the delimiter Italian spreadsheets use (";",
// or tab for Excel's «Testo Unicode»), detected from the header line. Pure: text in, rows out.
import { fail } from './errors.js';
import { msg } from './messages/index.js';

export interface CsvRow {
  /** 1-based line number in the file where the row starts. */
  line: number;
  fields: string[];
}

export const CSV_DELIMITERS = [';', '\t', ','] as const;

/** The delimiter used most often (outside quotes) in the header line; ties go ; then tab then ,. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const c of headerLine) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: string = ',';
  let n = 0;
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > n) { best = d; n = counts.get(d)!; }
  return best;
}

export interface CsvTable {
  delimiter: string;
  rows: CsvRow[];
}

/**
 * Reads a whole file: a leading BOM is dropped, Excel's «sep=;» hint line (if any) names the
 * delimiter, otherwise it is detected from the header line.
 */
export function readCsvTable(text: string): CsvTable {
  let src = text.replace(/^\uFEFF/, '');
  const sep = /^sep=(.)(\r\n|\r|\n|$)/i.exec(src);
  let skipped = 0;
  let delimiter: string;
  if (sep) {
    delimiter = sep[1]!;
    src = src.slice(sep[0].length);
    skipped = 1;
  } else {
    delimiter = detectDelimiter(/^[^\r\n]*/.exec(src)![0]);
  }
  const rows = parseCsv(src, delimiter);
  if (skipped) for (const r of rows) r.line += skipped;
  return { delimiter, rows };
}

export function parseCsv(text: string, delimiter?: string): CsvRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const d = delimiter ?? detectDelimiter(/^[^\r\n]*/.exec(src)![0]);
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let line = 1;
  let rowStart = 1;
  let i = 0;
  const n = src.length;
  let quoted = false;
  /** A row that is one empty unquoted field is a blank line: skipped, but its line is counted. */
  const endRow = () => {
    if (fields.length > 1 || fields[0] !== '' || quoted) rows.push({ line: rowStart, fields });
    fields = [];
    quoted = false;
  };
  while (i <= n) {
    if (i === n) {
      // End of input right after a delimiter or at the start of a row.
      if (fields.length > 0) { fields.push(''); endRow(); }
      break;
    }
    let field: string;
    if (src[i] === '"') {
      quoted = true;
      const quoteLine = line;
      let out = '';
      let from = i + 1;
      for (;;) {
        const q = src.indexOf('"', from);
        if (q < 0)
          // An unclosed quote would swallow the rest of the file into one field: refuse the file
          // rather than import rows that are silently wrong.
          fail('CSV_UNCLOSED_QUOTE', msg.catalog.csvUnclosedQuote({ line: quoteLine }), 'file');
        out += src.slice(from, q);
        if (src[q + 1] === '"') { out += '"'; from = q + 2; continue; }
        i = q + 1;
        break;
      }
      // Line breaks inside the quotes are physical lines of the file (CRLF, LF or CR count once).
      const breaks = out.match(/\r\n|\r|\n/g);
      if (breaks) line += breaks.length;
      field = out;
      // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
      const rest = i;
      while (i < n && src[i] !== d && src[i] !== '\n' && src[i] !== '\r') i++;
      if (i > rest) field += src.slice(rest, i);
    } else {
      const start = i;
      while (i < n && src[i] !== d && src[i] !== '\n' && src[i] !== '\r') i++;
      field = src.slice(start, i);
    }
    fields.push(field);
    if (i >= n) { endRow(); break; }
    const c = src[i];
    if (c === d) { i++; if (i === n) { fields.push(''); endRow(); break; } continue; }
    // A line end: CRLF, LF or a lone CR.
    i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
    endRow();
    line++;
    rowStart = line;
  }
  return rows;
}
