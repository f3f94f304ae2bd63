// Catalogue CSV import, shared by the catalogue screen and `bancone catalog import`.
// All-or-nothing by default; with skipBad the good rows are imported and the bad ones reported.
// It reads what an Italian shop's spreadsheet writes (csv-decode.ts for the bytes, shared/csv.ts for
// the rows): Italian or English column names, ; , or tab, decimal commas, «€ 1.234,50».
// Every problem names the row and the column as the person knows it (Italian on an Italian screen).
import type { WritableDb } from '../db/types.js';
import { readCsvTable } from '../../shared/csv.js';
import { parseAmount } from '../../shared/money.js';
import { isVatCode, type VatCode } from '../../shared/vat.js';
import { fail } from '../../shared/errors.js';
import { msg, type Text } from '../../shared/messages/index.js';
import { foldForSearch } from '../../shared/text.js';
import { eanCheckDigitOk, looksLikeEan } from '../../shared/barcode.js';
import { upsertProduct, type ProductInput } from './products.js';
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

interface Validated {
  candidates: Candidate[];
  errors: RowError[];
  notices: RowError[];
  rows: number;
  badRows: number;
  delimiter: string;
  ignoredColumns: string[];
}

function fileError(code: string, words: Text, field = 'file'): never {
  fail(code, words, field);
}

/** Parses and checks the whole file against the database (departments, barcodes); writes nothing. */
export function validateCatalogCsv(db: WritableDb, text: string): Validated {
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const line = (text.slice(0, bad).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    fileError('CSV_ENCODING', msg.csv.encoding({ line }));
  }
  const { rows, delimiter } = readCsvTable(text);
  if (rows.length === 0) fileError('CSV_EMPTY', msg.csv.empty);

  // ---- header
  const header = rows[0]!.fields.map((h) => h.trim());
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
  if (missing.length > 0) {
    fileError('CSV_HEADER', msg.csv.headerMissing({ missing, delimiter }), 'header');
  }
  const data = rows.slice(1);
  if (data.length === 0)
    fileError('CSV_NO_ROWS', msg.csv.noRows);

  // ---- rows
  const departments = new DepartmentIndex(listDepartments(db));
  const created = new Map<string, { dept: Department; line: number }>(); // by folded code
  const errors: RowError[] = [];
  const notices: RowError[] = [];
  const candidates: Candidate[] = [];
  const skus = new Map<string, number>();
  const barcodeInFile = new Map<string, { sku: string; line: number }>();
  // Only for codes with a wrong check digit: one the product already has is kept as it is.
  const ownerOfCode = db.prepare('SELECT p.sku FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.barcode = ?');
  let badRows = 0;
  for (const row of data) {
    const get = (f: ImportField) => (colOf.has(f) ? (row.fields[colOf.get(f)!] ?? '').trim() : '');
    const rowErrors: RowError[] = [];
    const err = (field: ImportField | '*', words: Text) => rowErrors.push(rowError(row.line, field, words));
    const extra = row.fields.slice(header.length).some((f) => f.trim() !== '');
    if (row.fields.length < header.length || extra) {
      err('*', msg.csv.fieldCount({ expected: header.length, found: row.fields.length, delimiter }));
      errors.push(...rowErrors);
      badRows++;
      continue;
    }
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
      const found = departments.find(deptText);
      const pending = created.get(foldForSearch(departmentCodeFor(deptText)));
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
      else if (dept && dept.vatCode !== vat)
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
      else if (looksLikeEan(b) && !eanCheckDigitOk(b) && (ownerOfCode.get(b) as { sku: string } | undefined)?.sku !== sku)
        err('barcode', msg.csv.barcodeCheckDigit({ barcode: b }));
      else if (other && other.sku !== sku) err('barcode', msg.csv.barcodeInFile({ barcode: b, sku: quote(other.sku), line: other.line }));
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      badRows++;
      continue;
    }
    skus.set(sku, row.line);
    for (const b of barcodes) barcodeInFile.set(b, { sku, line: row.line });
    candidates.push({
      line: row.line,
      newDepartment,
      p: {
        sku, description, priceCents: price!, vatCode: vat!,
        ...(colOf.has('department') ? { department: dept?.code ?? null } : {}),
        ...(colOf.has('barcode') ? { barcodes } : {}),
        ...(soldByWeight !== undefined ? { soldByWeight } : {}),
      },
    });
  }

  // ---- barcodes already owned by another product: refused (scanning would ring up the wrong
  // product), unless that product is in this file, is imported, and gives the code up. Rejecting a
  // row can take back a code it gave up, so this runs until nothing changes (once, in practice).
  const ownerOf = db.prepare('SELECT p.sku, p.description FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.barcode = ?');
  const owners = new Map<string, { sku: string; description: string } | undefined>();
  const owner = (b: string) => {
    if (!owners.has(b)) owners.set(b, ownerOf.get(b) as { sku: string; description: string } | undefined);
    return owners.get(b);
  };
  let kept = candidates;
  const rejected = new Map<number, RowError[]>();
  for (let changed = true; changed;) {
    changed = false;
    // sku → its barcodes in the file, for the rows still imported (only when the barcode column is read)
    const gives = new Map<string, Set<string>>();
    if (colOf.has('barcode')) for (const c of kept) gives.set(c.p.sku, new Set(c.p.barcodes));
    const next: Candidate[] = [];
    for (const c of kept) {
      const rowErrors: RowError[] = [];
      for (const b of c.p.barcodes ?? []) {
        const o = owner(b);
        if (!o || o.sku === c.p.sku) continue;
        const theirs = gives.get(o.sku);
        if (theirs && !theirs.has(b)) continue;
        rowErrors.push(rowError(c.line, 'barcode', msg.csv.barcodeOwned({ barcode: b, sku: quote(o.sku), description: quote(o.description) })));
      }
      if (rowErrors.length > 0) { rejected.set(c.line, rowErrors); changed = true; } else next.push(c);
    }
    kept = next;
  }
  for (const rowErrors of rejected.values()) errors.push(...rowErrors);
  badRows += rejected.size;
  const keptLines = new Set(kept.map((c) => c.line));
  errors.sort((a, b) => a.line - b.line);
  return { candidates: kept, errors, notices: notices.filter((n) => keptLines.has(n.line)), rows: data.length, badRows, delimiter, ignoredColumns };
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

/** Imports a catalogue CSV in one transaction. With errors and no skipBad, writes nothing. */
export function importCatalogCsv(db: WritableDb, text: string, at: Date, opts: { skipBad?: boolean; encoding?: CsvEncoding } = {}): ImportReport {
  const v = validateCatalogCsv(db, text);
  const base = {
    rows: v.rows, skipped: v.badRows, errors: v.errors, notices: v.notices, encoding: opts.encoding ?? null, delimiter: v.delimiter,
    ignored_columns: v.ignoredColumns,
  };
  if ((v.errors.length > 0 && !opts.skipBad) || v.candidates.length === 0)
    return { ...base, imported: 0, created: 0, updated: 0, applied: false, departments_created: [] };
  const iso = at.toISOString();
  let created = 0;
  const departmentsCreated: ImportReport['departments_created'] = [];
  db.transaction(() => {
    const currentDepartment = db.prepare('SELECT d.code FROM products p JOIN departments d ON d.id = p.department_id WHERE p.sku = ?').pluck();
    const exists = db.prepare('SELECT 1 FROM products WHERE sku = ?').pluck();
    const made = new Set<Department>();
    for (const { p, newDepartment } of v.candidates) {
      if (newDepartment && !made.has(newDepartment)) {
        made.add(newDepartment);
        saveDepartment(db, { code: newDepartment.code, name: newDepartment.name, vatCode: newDepartment.vatCode }, at);
        departmentsCreated.push({ code: newDepartment.code, name: newDepartment.name, vatCode: newDepartment.vatCode });
      }
      if (!exists.get(p.sku)) created++;
      upsertProduct(db, p.department === undefined ? { ...p, department: (currentDepartment.get(p.sku) as string | undefined) ?? null } : p, iso);
    }
  }).immediate();
  const imported = v.candidates.length;
  return { ...base, imported, created, updated: imported - created, applied: true, departments_created: departmentsCreated };
}

/** The report in one sentence, with the right plurals («Importati 3 prodotti (2 nuovi, 1 aggiornato); 1 riga saltata»). */
export function importSummary(r: ImportReport, lang: 'it' | 'en'): string {
  const { applied, skipped, rows, imported, created, updated } = r;
  return msg.csv.summary({ r: { applied, errors: r.errors.length, skipped, rows, imported, created, updated } })[lang];
}
