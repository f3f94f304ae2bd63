// RFC 4180 CSV reader as spreadsheets really write it: quoted fields, doubled quotes, CRLF, LF or
// CR-only line ends (old Mac, some Excel exports), and the delimiter Italian spreadsheets use (";",
// or tab for Excel's «Testo Unicode»), detected from the header line. Pure: text in, rows out.
// It reads text given in pieces (readCsvStream), one row at a time, so a 100,000-row catalogue is
// never held whole: only the piece being read and the row being returned.
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

export interface CsvStream {
  delimiter: string;
  /** The rows, read as they are asked for (once). */
  rows: Iterable<CsvRow>;
}

/** A text in pieces of about `size` characters (the reader's input when the text is already whole). */
export function* textPieces(text: string, size = 1 << 16): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/**
 * Reads a whole file: a leading BOM is dropped, Excel's «sep=;» hint line (if any) names the
 * delimiter, otherwise it is detected from the header line.
 */
export function readCsvTable(text: string): CsvTable {
  const s = readCsvStream([text]);
  return { delimiter: s.delimiter, rows: [...s.rows] };
}

export function parseCsv(text: string, delimiter?: string): CsvRow[] {
  return [...readCsvStream([text], delimiter ?? null).rows];
}

/**
 * readCsvTable on a text given in pieces (any split: inside a quote, between \r and \n…). With
 * `delimiter` null the first line is only looked at for the delimiter (no «sep=» hint).
 */
export function readCsvStream(pieces: Iterable<string>, delimiter?: string | null): CsvStream {
  const it = pieces[Symbol.iterator]();
  let buf = '';
  let done = false;
  const more = (): boolean => {
    if (done) return false;
    const r = it.next();
    if (r.done) { done = true; return false; }
    buf += r.value;
    return true;
  };
  // The first line (a «sep=» hint or the header), and the character after a final \r.
  let scanned = 0;
  for (;;) {
    const cr = buf.indexOf('\r', scanned);
    const lf = buf.indexOf('\n', scanned);
    const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
    if (end >= 0 && (end + 1 < buf.length || buf[end] === '\n' || done)) break;
    if (end < 0) scanned = buf.length;
    if (!more()) break;
  }
  let start = buf.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let d: string;
  const sep = delimiter === undefined ? /^sep=(.)(\r\n|\r|\n|$)/i.exec(buf.slice(start, start + 8)) : null;
  if (delimiter) d = delimiter;
  else if (sep) {
    d = sep[1]!;
    start += sep[0].length;
    line = 2;
  } else {
    d = detectDelimiter(/^[^\r\n]*/.exec(buf.slice(start))![0]);
  }
  function* rows(): Generator<CsvRow> {
    let pos = start;
    for (;;) {
      const r = scanRow(buf, pos, done, d, line);
      if (r === 'end') return;
      if (r === null) {
        // The row goes on past what was read: read on until there is twice as much (a huge quoted
        // field is then scanned a few times, not once per piece).
        buf = buf.slice(pos);
        pos = 0;
        const want = Math.max(buf.length * 2, 1 << 16);
        while (buf.length < want && more());
        continue;
      }
      pos = r.next;
      line = r.line;
      if (r.row) yield r.row;
    }
  }
  return { delimiter: d, rows: rows() };
}

/**
 * One row from `i`: null when the text read so far ends inside it (and more may come), 'end' at
 * the end of the input, else the row (null for a blank line, which is skipped but counted).
 */
function scanRow(src: string, i: number, final: boolean, d: string, line: number): 'end' | null | { row: CsvRow | null; next: number; line: number } {
  const n = src.length;
  if (i >= n) return final ? 'end' : null;
  const fields: string[] = [];
  let quoted = false;
  let l = line;
  const end = (next: number, lineAfter: number) => ({
    // A row that is one empty unquoted field is a blank line.
    row: fields.length > 1 || fields[0] !== '' || quoted ? { line, fields } : null,
    next,
    line: lineAfter,
  });
  for (;;) {
    let field: string;
    if (src[i] === '"') {
      quoted = true;
      let out = '';
      let from = i + 1;
      for (;;) {
        const q = src.indexOf('"', from);
        if (q < 0) {
          if (!final) return null;
          // An unclosed quote would swallow the rest of the file into one field: refuse the file
          // rather than import rows that are silently wrong.
          fail('CSV_UNCLOSED_QUOTE', msg.catalog.csvUnclosedQuote({ line: l }), 'file');
        }
        if (q + 1 >= n && !final) return null;
        out += src.slice(from, q);
        if (src[q + 1] === '"') { out += '"'; from = q + 2; continue; }
        i = q + 1;
        break;
      }
      // Line breaks inside the quotes are physical lines of the file (CRLF, LF or CR count once).
      const breaks = out.match(/\r\n|\r|\n/g);
      if (breaks) l += breaks.length;
      field = out;
      // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
      const rest = i;
      while (i < n && src[i] !== d && src[i] !== '\n' && src[i] !== '\r') i++;
      if (i >= n && !final) return null;
      if (i > rest) field += src.slice(rest, i);
    } else {
      const start = i;
      while (i < n && src[i] !== d && src[i] !== '\n' && src[i] !== '\r') i++;
      if (i >= n && !final) return null;
      field = src.slice(start, i);
    }
    fields.push(field);
    if (i >= n) return end(n, l);
    const c = src[i];
    if (c === d) {
      i++;
      if (i >= n) {
        if (!final) return null;
        fields.push('');
        return end(n, l);
      }
      continue;
    }
    // A line end: CRLF, LF or a lone CR (whose next character must be known).
    if (c === '\r' && i + 1 >= n && !final) return null;
    i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
    return end(i, l + 1);
  }
}
