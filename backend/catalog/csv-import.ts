// Catalogue CSV import, shared by the catalogue screen and `bancone catalog import`.
// All-or-nothing by default; with skipBad the good rows are imported and the bad ones reported.
// It reads what an Italian shop's spreadsheet writes (csv-decode.ts for the bytes, shared/csv.ts for
// the rows): Italian or English column names, ; , or tab, decimal commas, «€ 1.234,50».
// Every problem names the row and the column as the person knows it (Italian on an Italian screen).
import type { WritableDb } from '../db/types.js';
import { readCsvStream, textPieces, type CsvRow } from '../../shared/csv.js';
import { parseAmount } from '../../shared/money.js';
import { isVatCode, type VatCode } from '../../shared/vat.js';
import { fail } from '../../shared/errors.js';
import { msg, type Text } from '../../shared/messages/index.js';
import { foldForSearch } from '../../shared/text.js';
import { eanCheckDigitOk, looksLikeEan } from '../../shared/barcode.js';
import { rebuildSearchIndex, upsertProduct, type ProductInput } from './products.js';
import { DepartmentIndex, departmentWords, listDepartments, saveDepartment, type Department } from './departments.js';
import type { CsvEncoding } from './csv-decode.js';

export type ImportField = 'sku' | 'description' | 'price' | 'vat_code' | 'department' | 'department_vat' | 'barcode' | 'sold_by_weight';

/** Each column: its Italian and English name (used in messages: shared/messages, csv.column) and the headers that mean it. */
const column = (field: ImportField) => ({ it: msg.csv.column({ field }).it, en: msg.csv.column({ field }).en });
export const IMPORT_COLUMNS: Record<ImportField, { it: string; en: string; aliases: string[] }> = {
  sku: { ...column('sku'), aliases: ['sku', 'codice', 'codice articolo', 'cod articolo', 'cod', 'code', 'item code'] },
  description: { ...column('description'), aliases: ['description', 'descrizione', 'descrizione articolo', 'nome', 'name'] },
  price: { ...column('price'), aliases: ['price', 'prezzo', 'prezzo vendita', 'prezzo di vendita', 'prezzo al pubblico', 'prezzo ivato', 'prezzo iva inclusa', 'prezzo euro', 'prezzo eur'] },
  vat_code: { ...column('vat_code'), aliases: ['vat code', 'vat', 'iva', 'aliquota', 'aliquota iva', 'codice iva', 'cod iva'] },
  department: { ...column('department'), aliases: ['department', 'reparto', 'codice reparto', 'cod reparto'] },
  department_vat: { ...column('department_vat'), aliases: ['department vat', 'iva reparto', 'aliquota reparto', 'aliquota iva reparto'] },
  barcode: { ...column('barcode'), aliases: ['barcode', 'barcodes', 'ean', 'ean13', 'ean 13', 'ean8', 'codice a barre', 'codici a barre', 'cod a barre', 'gtin', 'upc'] },
  sold_by_weight: { ...column('sold_by_weight'), aliases: ['sold by weight', 'by weight', 'a peso', 'peso', 'venduto a peso', 'vendita a peso'] },
};
const FIELDS = Object.keys(IMPORT_COLUMNS) as ImportField[];

/** Header text → comparable key: case, accents, punctuation (. % € ( ) _ -) and spacing ignored. */
function headerKey(h: string): string {
  return foldForSearch(h.replace(/[._\-%€()*:/]/g, ' '));
}
const ALIAS = new Map<string, ImportField>(FIELDS.flatMap((f) => IMPORT_COLUMNS[f].aliases.map((a) => [headerKey(a), f] as const)));

export interface RowError {
  line: number;
  /** Stable key of the column (sku, price, vat_code…) or '*' for the whole row. */
  field: string;
  /** The column's name in Italian and English, as the screen shows it. */
  column: string;
  column_en: string;
  /** The problem alone («prezzo non valido «abc» (es. 12,50)»). */
  detail: string;
  detail_en: string;
  /** «Riga 3, colonna «prezzo»: …» — the line for a terminal or a log. */
  message: string;
  message_en: string;
}

export interface ImportReport {
  /** Products written (0 when nothing was applied). */
  imported: number;
  created: number;
  updated: number;
  /** Data rows in the file (header and blank lines excluded). */
  rows: number;
  /** Rows left out because they have errors. */
  skipped: number;
  errors: RowError[];
  /** Rows imported as written that deserve a look (a VAT that differs from its department's). */
  notices: RowError[];
  applied: boolean;
  encoding: CsvEncoding | null;
  delimiter: string;
  /** Departments the file created (only through the «iva reparto» column). */
  departments_created: { code: string; name: string; vatCode: VatCode }[];
  /** Header cells that are not a known column (their data is not read). */
  ignored_columns: string[];
}

const quote = (s: string, max = 30) => `«${s.length > max ? `${s.slice(0, max)}…` : s}»`;

/** «22», «22%», «22,0», «IVA 22 %», «n2» → a VAT code; null if it is none. */
export function parseVatCell(text: string): VatCode | null {
  let s = text.trim().replace(/^iva\s*/i, '').replace(/\s*%$/, '').replace(',', '.').toUpperCase();
  s = s.replace(/^(\d+(?:\.\d*[1-9])?)\.?0*$/, '$1');
  return isVatCode(s) ? s : null;
}

/** «1,50», «€ 1,50», «1.234,50», «EUR 4.99» → cents; null if it is not an amount. */
export function parsePriceCell(text: string): number | null {
  return parseAmount(text.replace(/\s*(?:eur|euro)\s*/gi, ' ').trim());
}

const YES = new Set(['si', 's', 'x', '1', 'true', 'yes', 'y', 'vero', 'kg']);
const NO = new Set(['no', 'n', '0', 'false', 'falso', '', 'pz']);

interface Candidate {
  line: number;
  p: ProductInput;
  /** A department the file creates, if the row uses one. */
  newDepartment: Department | null;
}

/** A barcode of a valid row that another product owns: fine only if that product, imported, gives it up. */
interface Taken { line: number; barcode: string; owner: { sku: string; description: string } }

/** Where a file can be read from, once per pass: its text, or a function that gives it in pieces. */
export type CsvSource = string | (() => Iterable<string>);
const piecesOf = (src: CsvSource): Iterable<string> => (typeof src === 'string' ? textPieces(src) : src());

interface Validated {
  errors: RowError[];
  notices: RowError[];
  rows: number;
  /** Lines of the rows that are not imported. */
  badLines: Set<number>;
  /** Rows that are imported. */
  kept: number;
  delimiter: string;
  ignoredColumns: string[];
  /** What the second pass needs to turn a row into a product again. */
  reader: RowReader;
}

function fileError(code: string, words: Text, field = 'file'): never {
  fail(code, words, field);
}

/** A text piece's characters that cannot have been decoded: the file's line of the first (lines counted across pieces). */
function* refuseUndecodable(pieces: Iterable<string>): Generator<string> {
  let line = 1;
  let crBefore = false; // the previous piece ended with \r: a \n opening this one is the same line end
  for (const p of pieces) {
    const bad = p.indexOf('\uFFFD');
    const head = bad >= 0 ? p.slice(0, bad) : p;
    line += head.match(/\r\n|\r|\n/g)?.length ?? 0;
    if (crBefore && head.startsWith('\n')) line--;
    if (bad >= 0) fileError('CSV_ENCODING', msg.csv.encoding({ line }));
    crBefore = p.endsWith('\r');
    yield p;
  }
}

/** The header read: which column is which. */
interface Columns { header: string[]; colOf: Map<ImportField, number>; ignoredColumns: string[] }

function readHeader(header: string[], delimiter: string): Columns {
  const colOf = new Map<ImportField, number>();
  const ignoredColumns: string[] = [];
  header.forEach((h, i) => {
    if (h === '') return;
    const f = ALIAS.get(headerKey(h));
    if (!f) { ignoredColumns.push(h); return; }
    const first = colOf.get(f);
    if (first !== undefined)
      fileError('CSV_HEADER_DUPLICATE', msg.csv.headerDuplicate({ field: f, first: header[first]!, firstColumn: first + 1, second: h, secondColumn: i + 1 }), 'header');
    colOf.set(f, i);
  });
  const missing: ImportField[] = (['sku', 'description', 'price'] as const).filter((f) => !colOf.has(f));
  if (!colOf.has('vat_code') && !colOf.has('department')) missing.push('vat_code');
  if (missing.length > 0) fileError('CSV_HEADER', msg.csv.headerMissing({ missing, delimiter }), 'header');
  return { header, colOf, ignoredColumns };
}

/**
 * Turns one data row into a product, or its errors. The same reader runs in both passes: in the
 * first it also remembers what later rows are checked against (skus, barcodes, new departments);
 * in the second (`replay`) it only rebuilds the products of the rows the first pass kept.
 */
class RowReader {
  readonly departments: DepartmentIndex;
  /** Departments the file creates, by folded code, with the line that created them. */
  readonly created = new Map<string, { dept: Department; line: number }>();
  /** Sku → line, for the valid rows. */
  skus = new Map<string, number>();
  barcodeInFile = new Map<string, { sku: string; line: number }>();
  /** Only for codes with a wrong check digit: one the product already has is kept as it is. */
  private readonly ownerOfCode;
  constructor(db: WritableDb, readonly cols: Columns, readonly delimiter: string) {
    this.departments = new DepartmentIndex(listDepartments(db));
    this.ownerOfCode = db.prepare('SELECT p.sku FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.barcode = ?').pluck();
  }

  /** A department cell's existing department and new-department key: a file repeats a few departments over every row. */
  private readonly seenDepartments = new Map<string, { found: Department | null | 'ambiguous'; key: string }>();
  private department(text: string): { found: Department | null | 'ambiguous'; key: string } {
    let d = this.seenDepartments.get(text);
    if (!d) {
      d = { found: this.departments.find(text), key: foldForSearch(departmentCodeFor(text)) };
      if (this.seenDepartments.size < 1000) this.seenDepartments.set(text, d);
    }
    return d;
  }

  /** The second pass starts: the file's own skus and barcodes are forgotten (the kept rows never clash). */
  replay(): void {
    this.skus = new Map();
    this.barcodeInFile = new Map();
  }

  read(row: CsvRow, notices: RowError[] | null): { errors: RowError[]; candidate: Candidate | null } {
    const { header, colOf } = this.cols;
    const get = (f: ImportField) => (colOf.has(f) ? (row.fields[colOf.get(f)!] ?? '').trim() : '');
    const rowErrors: RowError[] = [];
    const err = (field: ImportField | '*', words: Text) => rowErrors.push(rowError(row.line, field, words));
    const extra = row.fields.slice(header.length).some((f) => f.trim() !== '');
    if (row.fields.length < header.length || extra) {
      err('*', msg.csv.fieldCount({ expected: header.length, found: row.fields.length, delimiter: this.delimiter }));
      return { errors: rowErrors, candidate: null };
    }
    const { skus, barcodeInFile, created, departments } = this;
    const sku = get('sku');
    const description = get('description');
    const priceText = get('price');
    if (sku === '') err('sku', msg.csv.skuRequired);
    else if (sku.length > 64) err('sku', msg.csv.skuTooLong);
    else if (skus.has(sku)) err('sku', msg.csv.skuRepeated({ sku: quote(sku), line: skus.get(sku) }));
    if (description === '') err('description', msg.csv.descriptionRequired);
    else if (description.length > 1000) err('description', msg.csv.descriptionTooLong);
    const price = parsePriceCell(priceText);
    if (priceText === '') err('price', msg.csv.priceRequired);
    else if (price === null || price < 0) err('price', msg.csv.priceInvalid({ value: quote(priceText, 20) }));
    else if (price > 100_000_000) err('price', msg.csv.priceTooHigh({ value: quote(priceText, 20) }));

    // Department: an existing one by code or name; a new one only with its own VAT («iva reparto»).
    let dept: Department | null = null;
    let newDepartment: Department | null = null;
    const deptText = get('department');
    const deptVatText = get('department_vat');
    const deptVat = deptVatText === '' ? null : parseVatCell(deptVatText);
    if (deptVatText !== '' && !deptVat) err('department_vat', msg.csv.vatInvalid({ value: quote(deptVatText, 10) }));
    if (deptText !== '') {
      const { found, key } = this.department(deptText);
      const pending = created.get(key);
      if (found === 'ambiguous') {
        err('department', msg.csv.departmentAmbiguous({ name: quote(deptText) }));
      } else if (found) {
        dept = found;
        if (deptVat && deptVat !== found.vatCode)
          err('department_vat', msg.csv.departmentOtherVat({ d: departmentWords(found), vat: deptVat }));
      } else if (pending) {
        dept = pending.dept;
        newDepartment = pending.dept;
        if (deptVat && deptVat !== pending.dept.vatCode)
          err('department_vat', msg.csv.newDepartmentOtherVat({ name: quote(deptText), vat: pending.dept.vatCode, line: pending.line, here: deptVat }));
      } else if (deptVat) {
        const code = departmentCodeFor(deptText);
        if (!/^[\w\-. ]{1,32}$/u.test(code) || deptText.length > 60)
          err('department', msg.csv.departmentNameInvalid({ name: quote(deptText) }));
        else {
          newDepartment = { id: '', code, name: deptText, vatCode: deptVat };
          dept = newDepartment;
          created.set(foldForSearch(code), { dept: newDepartment, line: row.line });
        }
      } else {
        err('department', msg.csv.departmentMissing({ name: quote(deptText), existing: departments.all.slice(0, 6).map(departmentWords) }));
      }
    }

    // VAT: as written, or the department's when the cell is empty.
    const vatCell = get('vat_code');
    let vat: VatCode | null = null;
    if (vatCell !== '') {
      vat = parseVatCell(vatCell);
      if (!vat) err('vat_code', msg.csv.vatInvalid({ value: quote(vatCell, 10) }));
      else if (dept && dept.vatCode !== vat && notices)
        notices.push(rowError(row.line, 'vat_code', msg.csv.vatDiffersFromDepartment({ vat, d: departmentWords(dept) })));
    } else if (dept) {
      vat = dept.vatCode;
    } else if (deptText === '') {
      err('vat_code', msg.csv.vatMissing);
    }

    const weightText = get('sold_by_weight');
    let soldByWeight: boolean | undefined;
    if (colOf.has('sold_by_weight')) {
      const k = foldForSearch(weightText);
      if (YES.has(k)) soldByWeight = true;
      else if (NO.has(k)) soldByWeight = false;
      else err('sold_by_weight', msg.csv.weightInvalid({ value: quote(weightText, 10) }));
    }

    const barcodes = get('barcode').split(/[|,]/).map((b) => b.trim()).filter((b) => b !== '');
    for (const b of barcodes) {
      const other = barcodeInFile.get(b);
      if (!/^[0-9A-Za-z\-.]{1,64}$/.test(b)) err('barcode', msg.csv.barcodeInvalid({ value: quote(b, 20) }));
      else if (looksLikeEan(b) && !eanCheckDigitOk(b) && this.ownerOfCode.get(b) !== sku)
        err('barcode', msg.csv.barcodeCheckDigit({ barcode: b }));
      else if (other && other.sku !== sku) err('barcode', msg.csv.barcodeInFile({ barcode: b, sku: quote(other.sku), line: other.line }));
    }

    if (rowErrors.length > 0) return { errors: rowErrors, candidate: null };
    skus.set(sku, row.line);
    for (const b of barcodes) barcodeInFile.set(b, { sku, line: row.line });
    return {
      errors: [],
      candidate: {
        line: row.line,
        newDepartment,
        p: {
          sku, description, priceCents: price!, vatCode: vat!,
          ...(colOf.has('department') ? { department: dept?.code ?? null } : {}),
          ...(colOf.has('barcode') ? { barcodes } : {}),
          ...(soldByWeight !== undefined ? { soldByWeight } : {}),
        },
      },
    };
  }
}

/** The header row and the data rows of a source; the file-level refusals (empty, no rows, header). */
function openRows(src: CsvSource): { cols: Columns; delimiter: string; data: Iterator<CsvRow> } {
  const { rows, delimiter } = readCsvStream(refuseUndecodable(piecesOf(src)));
  const it = rows[Symbol.iterator]();
  const first = it.next();
  if (first.done) fileError('CSV_EMPTY', msg.csv.empty);
  const cols = readHeader(first.value.fields.map((h) => h.trim()), delimiter);
  return { cols, delimiter, data: it };
}

/**
 * Reads and checks the whole file against the database (departments, barcodes), a row at a time;
 * writes nothing. What it keeps grows with the rows only by their sku and barcodes (for the checks
 * across rows) and by the problems found.
 */
export function validateCatalogCsv(db: WritableDb, src: CsvSource): Validated {
  const { cols, delimiter, data } = openRows(src);
  const reader = new RowReader(db, cols, delimiter);
  const errors: RowError[] = [];
  const notices: RowError[] = [];
  const badLines = new Set<number>();
  const taken: Taken[] = [];
  const ownerOf = db.prepare('SELECT p.sku, p.description FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.barcode = ?');
  let rows = 0;
  let kept = 0;
  for (let r = data.next(); !r.done; r = data.next()) {
    rows++;
    const { errors: rowErrors, candidate } = reader.read(r.value, notices);
    if (!candidate) {
      errors.push(...rowErrors);
      badLines.add(r.value.line);
      continue;
    }
    kept++;
    for (const barcode of candidate.p.barcodes ?? []) {
      const owner = ownerOf.get(barcode) as { sku: string; description: string } | undefined;
      if (owner && owner.sku !== candidate.p.sku) taken.push({ line: candidate.line, barcode, owner });
    }
  }
  if (rows === 0) fileError('CSV_NO_ROWS', msg.csv.noRows);

  // ---- barcodes already owned by another product: refused (scanning would ring up the wrong
  // product), unless that product is in this file, is imported, and gives the code up (a valid row
  // cannot list a code another valid row lists). Rejecting a row can take back a code it gave up,
  // so this runs until nothing changes (once, in practice).
  const gives = cols.colOf.has('barcode');
  const rejectedSkus = new Set<string>();
  const rejected = new Map<number, RowError[]>();
  for (let changed = true; changed;) {
    changed = false;
    const failing = new Map<number, RowError[]>();
    for (const t of taken) {
      if (rejected.has(t.line)) continue;
      if (gives && reader.skus.has(t.owner.sku) && !rejectedSkus.has(t.owner.sku)) continue;
      const list = failing.get(t.line) ?? [];
      list.push(rowError(t.line, 'barcode', msg.csv.barcodeOwned({ barcode: t.barcode, sku: quote(t.owner.sku), description: quote(t.owner.description) })));
      failing.set(t.line, list);
    }
    for (const [line, list] of failing) {
      rejected.set(line, list);
      changed = true;
    }
    for (const [sku, line] of reader.skus) if (failing.has(line)) rejectedSkus.add(sku);
  }
  for (const [line, list] of rejected) { errors.push(...list); badLines.add(line); }
  kept -= rejected.size;
  errors.sort((a, b) => a.line - b.line);
  return { errors, notices: notices.filter((n) => !badLines.has(n.line)), rows, badLines, kept, delimiter, ignoredColumns: cols.ignoredColumns, reader };
}

/** A new department's code from the name written in the file: «Salumi e formaggi» → «SALUMI E FORMAGGI». */
function departmentCodeFor(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().trim().slice(0, 32);
}

function rowError(line: number, field: ImportField | '*', detail: Text): RowError {
  const column = msg.csv.column({ field });
  const message = msg.csv.rowProblem({ line, field, detail });
  return {
    line, field, column: column.it, column_en: column.en, detail: detail.it, detail_en: detail.en,
    message: message.it, message_en: message.en,
  };
}

/**
 * The search index (products_fts, trigram) kept up row by row costs about five times what
 * rebuilding it whole costs per product (measured: 100k new products 22 s with the triggers, 4 s
 * with one rebuild). When the import writes at least a fifth of the catalogue, its triggers are
 * set aside inside the import's transaction and the index rebuilt once at the end: a failure rolls
 * the triggers back with everything else.
 */
const BULK_MIN_ROWS = 2000;
const FTS_TRIGGERS = ['products_fts_insert', 'products_fts_update'];

function withSearchIndexRebuilt(db: WritableDb, write: () => void): void {
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${FTS_TRIGGERS.map(() => '?').join(',')})`)
    .all(...FTS_TRIGGERS) as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  write();
  for (const t of triggers) db.exec(t.sql);
  rebuildSearchIndex(db);
}

/**
 * Imports a catalogue CSV: a first pass checks every row (writing nothing), a second reads the file
 * again and writes the kept rows in one transaction, statements prepared once. With errors and no
 * skipBad, writes nothing.
 */
export function importCatalogCsv(db: WritableDb, src: CsvSource, at: Date, opts: { skipBad?: boolean; encoding?: CsvEncoding } = {}): ImportReport {
  const v = validateCatalogCsv(db, src);
  const base = {
    rows: v.rows, skipped: v.rows - v.kept, errors: v.errors, notices: v.notices, encoding: opts.encoding ?? null, delimiter: v.delimiter,
    ignored_columns: v.ignoredColumns,
  };
  if ((v.errors.length > 0 && !opts.skipBad) || v.kept === 0)
    return { ...base, imported: 0, created: 0, updated: 0, applied: false, departments_created: [] };
  const iso = at.toISOString();
  let created = 0;
  let imported = 0;
  const departmentsCreated: ImportReport['departments_created'] = [];
  const reader = v.reader;
  reader.replay();
  db.transaction(() => {
    const currentDepartment = db.prepare('SELECT d.code FROM products p JOIN departments d ON d.id = p.department_id WHERE p.sku = ?').pluck();
    const exists = db.prepare('SELECT 1 FROM products WHERE sku = ?').pluck();
    const made = new Set<Department>();
    const write = () => {
      const { data } = openRows(src);
      for (let r = data.next(); !r.done; r = data.next()) {
        if (v.badLines.has(r.value.line)) continue;
        const { candidate } = reader.read(r.value, null);
        // The first pass kept this row: reading it again gives the same product.
        if (!candidate) throw new Error(`catalogue import: line ${r.value.line} changed between the two passes`);
        const { p, newDepartment } = candidate;
        if (newDepartment && !made.has(newDepartment)) {
          made.add(newDepartment);
          saveDepartment(db, { code: newDepartment.code, name: newDepartment.name, vatCode: newDepartment.vatCode }, at);
          departmentsCreated.push({ code: newDepartment.code, name: newDepartment.name, vatCode: newDepartment.vatCode });
        }
        if (!exists.get(p.sku)) created++;
        upsertProduct(db, p.department === undefined ? { ...p, department: (currentDepartment.get(p.sku) as string | undefined) ?? null } : p, iso);
        imported++;
      }
    };
    const catalogue = db.prepare('SELECT count(*) FROM products').pluck().get() as number;
    if (v.kept >= BULK_MIN_ROWS && v.kept * 5 >= catalogue) withSearchIndexRebuilt(db, write);
    else write();
  }).immediate();
  return { ...base, imported, created, updated: imported - created, applied: true, departments_created: departmentsCreated };
}

/** The report in one sentence, with the right plurals («Importati 3 prodotti (2 nuovi, 1 aggiornato); 1 riga saltata»). */
export function importSummary(r: ImportReport, lang: 'it' | 'en'): string {
  const { applied, skipped, rows, imported, created, updated } = r;
  return msg.csv.summary({ r: { applied, errors: r.errors.length, skipped, rows, imported, created, updated } })[lang];
}
