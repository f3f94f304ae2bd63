// Minimal RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF, and the delimiter Italian
// spreadsheets often use (";"), detected from the header line.
import { fail } from './errors.js';

export interface CsvRow {
  /** 1-based line number in the file where the row starts. */
  line: number;
  fields: string[];
}

export function detectDelimiter(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, headerLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

export function parseCsv(text: string, delimiter?: string): CsvRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const d = delimiter ?? detectDelimiter(firstLine);
  const rows: CsvRow[] = [];
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let line = 1;
  let rowStart = 1;
  let sawAny = false;
  let quoteLine = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') { inQuotes = true; sawAny = true; quoteLine = line; continue; }
    if (c === d) { fields.push(field); field = ''; sawAny = true; continue; }
    if (c === '\r' && src[i + 1] === '\n') continue;
    if (c === '\n') {
      fields.push(field);
      if (sawAny || field !== '') rows.push({ line: rowStart, fields });
      fields = []; field = ''; sawAny = false; line++; rowStart = line;
      continue;
    }
    field += c;
    sawAny = true;
  }
  // An unclosed quote swallows the rest of the file into one field: refuse the file rather than
  // import rows that are silently wrong.
  if (inQuotes)
    fail('CSV_UNCLOSED_QUOTE', `Riga ${quoteLine}: virgolette aperte e mai chiuse`, `Line ${quoteLine}: a quote is opened and never closed`, 'file');
  if (sawAny || field !== '' || fields.length > 0) { fields.push(field); rows.push({ line: rowStart, fields }); }
  return rows;
}
