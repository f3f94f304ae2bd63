// Catalogue CSV import, shared by the catalogue screen and `bancone catalog import`.
// All-or-nothing by default; with skipBad the good rows are imported and the bad ones reported.
// It reads what an Italian shop's spreadsheet writes (csv-decode.ts for the bytes, shared/csv.ts for
// the rows): Italian or English column names, ; , or tab, decimal commas, «€ 1.234,50».
// Every problem names the row and the column as the person knows it (Italian on an Italian screen).
import { text } from '../../shared/messages/text.js';
import type { WritableDb } from '../db/types.js';
import { readCsvTable } from '../../shared/csv.js';
import { parseAmount } from '../../shared/money.js';
import { isVatCode, type VatCode } from '../../shared/vat.js';
import { fail } from '../../shared/errors.js';
import { foldForSearch } from '../../shared/text.js';
import { eanCheckDigitOk, looksLikeEan } from '../../shared/barcode.js';
import { upsertProduct, type ProductInput } from './products.js';
import { DepartmentIndex, describeDepartment, listDepartments, saveDepartment, vatText, type Department } from './departments.js';
import type { CsvEncoding } from './csv-decode.js';

export type ImportField = 'sku' | 'description' | 'price' | 'vat_code' | 'department' | 'department_vat' | 'barcode' | 'sold_by_weight';

/** Each column: its Italian and English name (used in messages) and the headers that mean it. */
export const IMPORT_COLUMNS: Record<ImportField, { it: string; en: string; aliases: string[] }> = {
  sku: { it: 'codice', en: 'sku', aliases: ['sku', 'codice', 'codice articolo', 'cod articolo', 'cod', 'code', 'item code'] },
  description: { it: 'descrizione', en: 'description', aliases: ['description', 'descrizione', 'descrizione articolo', 'nome', 'name'] },
  price: { it: 'prezzo', en: 'price', aliases: ['price', 'prezzo', 'prezzo vendita', 'prezzo di vendita', 'prezzo al pubblico', 'prezzo ivato', 'prezzo iva inclusa', 'prezzo euro', 'prezzo eur'] },
  vat_code: { it: 'iva', en: 'vat_code', aliases: ['vat code', 'vat', 'iva', 'aliquota', 'aliquota iva', 'codice iva', 'cod iva'] },
  department: { it: 'reparto', en: 'department', aliases: ['department', 'reparto', 'codice reparto', 'cod reparto'] },
  department_vat: { it: 'iva reparto', en: 'department_vat', aliases: ['department vat', 'iva reparto', 'aliquota reparto', 'aliquota iva reparto'] },
  barcode: { it: 'codice a barre', en: 'barcode', aliases: ['barcode', 'barcodes', 'ean', 'ean13', 'ean 13', 'ean8', 'codice a barre', 'codici a barre', 'cod a barre', 'gtin', 'upc'] },
  sold_by_weight: { it: 'a peso', en: 'sold_by_weight', aliases: ['sold by weight', 'by weight', 'a peso', 'peso', 'venduto a peso', 'vendita a peso'] },
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

function plural(n: number, one: string, other: string): string {
  return `${n} ${n === 1 ? one : other}`;
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

// Still to move into shared/messages (the wall's allow-list names this file): the import's words are two strings.
function fileError(code: string, it: string, en: string, field = 'file'): never {
  fail(code, text(it, en), field);
}

/** Parses and checks the whole file against the database (departments, barcodes); writes nothing. */
export function validateCatalogCsv(db: WritableDb, text: string): Validated {
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const line = (text.slice(0, bad).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    fileError('CSV_ENCODING', `Il file contiene caratteri illeggibili («\uFFFD» alla riga ${line}): è stato salvato o letto con la codifica sbagliata. Importare il file originale del foglio di calcolo`,
      `The file contains unreadable characters («\uFFFD» on line ${line}): it was saved or read with the wrong encoding. Import the spreadsheet's original file`);
  }
  const { rows, delimiter } = readCsvTable(text);
  if (rows.length === 0) fileError('CSV_EMPTY', 'Il file CSV è vuoto', 'The CSV file is empty');

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
      fileError('CSV_HEADER_DUPLICATE', `Intestazione: la colonna «${IMPORT_COLUMNS[f].it}» compare due volte («${header[first]}» nella colonna ${first + 1} e «${h}» nella colonna ${i + 1}): lasciarne una sola`,
        `Header: column «${IMPORT_COLUMNS[f].en}» appears twice («${header[first]}» in column ${first + 1} and «${h}» in column ${i + 1}): keep only one`, 'header');
    colOf.set(f, i);
  });
  const missing: ImportField[] = (['sku', 'description', 'price'] as const).filter((f) => !colOf.has(f));
  if (!colOf.has('vat_code') && !colOf.has('department')) missing.push('vat_code');
  if (missing.length > 0) {
    const names = (lang: 'it' | 'en') => missing.map((f) => `«${IMPORT_COLUMNS[f][lang]}»`).join(', ');
    const known = (lang: 'it' | 'en') => FIELDS.map((f) => IMPORT_COLUMNS[f][lang]).join(', ');
    fileError('CSV_HEADER',
      `Intestazione CSV: ${missing.length === 1 ? 'manca la colonna' : 'mancano le colonne'} ${names('it')} (colonne riconosciute: ${known('it')}; separatore letto: ${delimiterName(delimiter, 'it')})`,
      `CSV header: missing ${missing.length === 1 ? 'column' : 'columns'} ${names('en')} (known columns: ${known('en')}; delimiter read: ${delimiterName(delimiter, 'en')})`, 'header');
  }
  const data = rows.slice(1);
  if (data.length === 0)
    fileError('CSV_NO_ROWS', "Il file contiene solo l'intestazione: nessun prodotto da importare", 'The file has only the header: no products to import');

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
    const err = (field: ImportField | '*', it: string, en: string) => rowErrors.push(rowError(row.line, field, it, en));
    const extra = row.fields.slice(header.length).some((f) => f.trim() !== '');
    if (row.fields.length < header.length || extra) {
      err('*', `attesi ${plural(header.length, 'campo', 'campi')}, trovati ${row.fields.length} (controllare separatore «${delimiterName(delimiter, 'it')}» e virgolette)`,
        `expected ${header.length} fields, found ${row.fields.length} (check the delimiter «${delimiterName(delimiter, 'en')}» and the quotes)`);
      errors.push(...rowErrors);
      badRows++;
      continue;
    }
    const sku = get('sku');
    const description = get('description');
    const priceText = get('price');
    if (sku === '') err('sku', 'obbligatorio', 'required');
    else if (sku.length > 64) err('sku', 'troppo lungo (massimo 64 caratteri)', 'too long (max 64 characters)');
    else if (skus.has(sku)) err('sku', `codice ${quote(sku)} già usato alla riga ${skus.get(sku)}`, `sku ${quote(sku)} already used on line ${skus.get(sku)}`);
    if (description === '') err('description', 'obbligatoria', 'required');
    else if (description.length > 1000) err('description', 'troppo lunga (massimo 1000 caratteri)', 'too long (max 1000 characters)');
    const price = parsePriceCell(priceText);
    if (priceText === '') err('price', 'obbligatorio (es. 12,50)', 'required (e.g. 12.50)');
    else if (price === null || price < 0) err('price', `prezzo non valido ${quote(priceText, 20)} (es. 12,50)`, `invalid price ${quote(priceText, 20)} (e.g. 12.50)`);
    else if (price > 100_000_000) err('price', `prezzo troppo alto ${quote(priceText, 20)} (massimo 1.000.000,00)`, `price too high ${quote(priceText, 20)} (max 1,000,000.00)`);

    // Department: an existing one by code or name; a new one only with its own VAT («iva reparto»).
    let dept: Department | null = null;
    let newDepartment: Department | null = null;
    const deptText = get('department');
    const deptVatText = get('department_vat');
    const deptVat = deptVatText === '' ? null : parseVatCell(deptVatText);
    if (deptVatText !== '' && !deptVat) err('department_vat', `aliquota IVA non valida ${quote(deptVatText, 10)} (es. 22, 10, 4 o N2)`, `invalid VAT code ${quote(deptVatText, 10)} (e.g. 22, 10, 4 or N2)`);
    if (deptText !== '') {
      const found = departments.find(deptText);
      const pending = created.get(foldForSearch(departmentCodeFor(deptText)));
      if (found === 'ambiguous') {
        err('department', `più reparti si chiamano ${quote(deptText)}: indicare il codice del reparto`, `several departments are named ${quote(deptText)}: give the department's code`);
      } else if (found) {
        dept = found;
        if (deptVat && deptVat !== found.vatCode)
          err('department_vat', `il reparto ${describeDepartment(found)} esiste già con un'altra IVA (qui ${vatText(deptVat)}): cambiarla in Impostazioni › Reparti, non dal file`,
            `department ${describeDepartment(found, 'en')} already exists with another VAT (here ${vatText(deptVat, 'en')}): change it in Settings › Departments, not from the file`);
      } else if (pending) {
        dept = pending.dept;
        newDepartment = pending.dept;
        if (deptVat && deptVat !== pending.dept.vatCode)
          err('department_vat', `il reparto nuovo ${quote(deptText)} ha ${vatText(pending.dept.vatCode)} alla riga ${pending.line}, qui ${vatText(deptVat)}`,
            `the new department ${quote(deptText)} has ${vatText(pending.dept.vatCode, 'en')} on line ${pending.line}, here ${vatText(deptVat, 'en')}`);
      } else if (deptVat) {
        const code = departmentCodeFor(deptText);
        if (!/^[\w\-. ]{1,32}$/u.test(code) || deptText.length > 60)
          err('department', `nome di reparto non valido ${quote(deptText)} (lettere e cifre, massimo 32)`, `invalid department name ${quote(deptText)} (letters and digits, max 32)`);
        else {
          newDepartment = { id: '', code, name: deptText, vatCode: deptVat };
          dept = newDepartment;
          created.set(foldForSearch(code), { dept: newDepartment, line: row.line });
        }
      } else {
        const list = (lang: 'it' | 'en') => departments.all.slice(0, 6).map((d) => describeDepartment(d, lang)).join(', ') || (lang === 'it' ? 'nessuno' : 'none');
        err('department', `il reparto ${quote(deptText)} non esiste: crearlo in Impostazioni › Reparti o indicarne l'IVA nella colonna «iva reparto» (reparti esistenti: ${list('it')})`,
          `department ${quote(deptText)} does not exist: create it in Settings › Departments or give its VAT in a «department_vat» column (existing: ${list('en')})`);
      }
    }

    // VAT: as written, or the department's when the cell is empty.
    const vatCell = get('vat_code');
    let vat: VatCode | null = null;
    if (vatCell !== '') {
      vat = parseVatCell(vatCell);
      if (!vat) err('vat_code', `aliquota IVA non valida ${quote(vatCell, 10)} (es. 22, 10, 4 o N2)`, `invalid VAT code ${quote(vatCell, 10)} (e.g. 22, 10, 4 or N2)`);
      else if (dept && dept.vatCode !== vat)
        notices.push(rowError(row.line, 'vat_code', `${vatText(vat)} diversa da quella del reparto ${describeDepartment(dept)}: il prodotto si vende con ${vatText(vat)}`,
          `${vatText(vat, 'en')} differs from department ${describeDepartment(dept, 'en')}: the product is sold at ${vatText(vat, 'en')}`));
    } else if (dept) {
      vat = dept.vatCode;
    } else if (deptText === '') {
      err('vat_code', "manca l'aliquota IVA (es. 22, 10, 4 o N2), o un reparto da cui prenderla", 'the VAT code is missing (e.g. 22, 10, 4 or N2), or a department to take it from');
    }

    const weightText = get('sold_by_weight');
    let soldByWeight: boolean | undefined;
    if (colOf.has('sold_by_weight')) {
      const k = foldForSearch(weightText);
      if (YES.has(k)) soldByWeight = true;
      else if (NO.has(k)) soldByWeight = false;
      else err('sold_by_weight', `valore non valido ${quote(weightText, 10)}: scrivere sì o no`, `invalid value ${quote(weightText, 10)}: write yes or no`);
    }

    const barcodes = get('barcode').split(/[|,]/).map((b) => b.trim()).filter((b) => b !== '');
    for (const b of barcodes) {
      const other = barcodeInFile.get(b);
      if (!/^[0-9A-Za-z\-.]{1,64}$/.test(b)) err('barcode', `codice a barre non valido ${quote(b, 20)} (solo cifre e lettere)`, `invalid barcode ${quote(b, 20)} (digits and letters only)`);
      else if (looksLikeEan(b) && !eanCheckDigitOk(b) && (ownerOfCode.get(b) as { sku: string } | undefined)?.sku !== sku)
        err('barcode', `codice a barre ${b} non valido: cifra di controllo errata (ricopiarlo dalla confezione)`, `barcode ${b} is not valid: wrong check digit (copy it again from the package)`);
      else if (other && other.sku !== sku) err('barcode', `codice a barre ${b} già dato al codice ${quote(other.sku)} alla riga ${other.line}`, `barcode ${b} already given to sku ${quote(other.sku)} on line ${other.line}`);
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
        rowErrors.push(rowError(c.line, 'barcode', `il codice a barre ${b} è già del prodotto ${quote(o.sku)} ${quote(o.description)}: toglierlo prima da quel prodotto`,
          `barcode ${b} already belongs to product ${quote(o.sku)} ${quote(o.description)}: remove it from that product first`));
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

function delimiterName(d: string, lang: 'it' | 'en'): string {
  return d === '\t' ? (lang === 'it' ? 'tabulazione' : 'tab') : d;
}

function rowError(line: number, field: ImportField | '*', it: string, en: string): RowError {
  const column = field === '*' ? 'riga' : IMPORT_COLUMNS[field].it;
  const columnEn = field === '*' ? 'row' : IMPORT_COLUMNS[field].en;
  return {
    line, field, column, column_en: columnEn, detail: it, detail_en: en,
    message: field === '*' ? `Riga ${line}: ${it}` : `Riga ${line}, colonna «${column}»: ${it}`,
    message_en: field === '*' ? `Line ${line}: ${en}` : `Line ${line}, column «${columnEn}»: ${en}`,
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
  if (lang === 'en') {
    if (!r.applied)
      return r.errors.length > 0
        ? `Nothing imported: ${plural(r.errors.length, 'error', 'errors')} in ${plural(r.skipped, 'row', 'rows')} to fix${r.skipped < r.rows ? ' (or use --skip-bad to import the good rows)' : ''}.`
        : 'Nothing imported.';
    return `Imported ${plural(r.imported, 'product', 'products')} (${r.created} new, ${r.updated} updated)${r.skipped ? `; ${plural(r.skipped, 'row', 'rows')} skipped` : ''}.`;
  }
  if (!r.applied)
    return r.errors.length > 0
      ? `Nessun prodotto importato: ${plural(r.errors.length, 'errore', 'errori')} in ${plural(r.skipped, 'riga', 'righe')} da correggere${r.skipped < r.rows ? ' (oppure --skip-bad per importare le righe giuste)' : ''}.`
      : 'Nessun prodotto importato.';
  return `${r.imported === 1 ? 'Importato 1 prodotto' : `Importati ${r.imported} prodotti`} (${r.created === 1 ? '1 nuovo' : `${r.created} nuovi`}, ${r.updated === 1 ? '1 aggiornato' : `${r.updated} aggiornati`})${r.skipped ? `; ${r.skipped === 1 ? '1 riga saltata' : `${r.skipped} righe saltate`}` : ''}.`;
}
