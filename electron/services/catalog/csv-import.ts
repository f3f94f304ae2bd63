// Catalog CSV import: all-or-nothing by default; bad rows are reported by line number.
import type { WritableDb } from '../db/types.js';
import { parseCsv } from '../../../shared/csv.js';
import { parseAmount } from '../../../shared/money.js';
import { isVatCode, type VatCode } from '../../../shared/vat.js';
import { fail } from '../../../shared/errors.js';
import { upsertProduct, type ProductInput } from './products.js';

export const CSV_COLUMNS = ['sku', 'barcode', 'description', 'price', 'vat_code', 'department'] as const;

export interface RowError {
  line: number;
  field: string;
  message: string;
  message_en: string;
}

export interface ImportReport {
  imported: number;
  skipped: number;
  errors: RowError[];
  applied: boolean;
}

export function validateCatalogCsv(text: string): { products: { line: number; p: ProductInput }[]; errors: RowError[] } {
  const rows = parseCsv(text);
  if (rows.length === 0) fail('CSV_EMPTY', 'Il file CSV è vuoto', 'The CSV file is empty', 'file');
  const header = rows[0]!.fields.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => c !== 'barcode' && c !== 'department' && !header.includes(c));
  if (missing.length > 0)
    fail('CSV_HEADER', `Intestazione CSV: mancano le colonne ${missing.join(', ')} (attese: ${CSV_COLUMNS.join(', ')})`,
      `CSV header: missing columns ${missing.join(', ')} (expected: ${CSV_COLUMNS.join(', ')})`, 'header');
  const col = (name: string) => header.indexOf(name);
  // barcode and department are optional columns: a file without them (say, a price update) must
  // leave the products' barcodes and departments as they are, not wipe them.
  const hasBarcodes = col('barcode') >= 0;
  const hasDepartment = col('department') >= 0;
  const errors: RowError[] = [];
  const products: { line: number; p: ProductInput }[] = [];
  const barcodeOwner = new Map<string, string>();
  const skus = new Set<string>();
  for (const row of rows.slice(1)) {
    const get = (name: string) => (col(name) >= 0 ? (row.fields[col(name)] ?? '').trim() : '');
    const err = (field: string, it: string, en: string) => errors.push({ line: row.line, field, message: `Riga ${row.line}, ${field}: ${it}`, message_en: `Line ${row.line}, ${field}: ${en}` });
    const before = errors.length;
    if (row.fields.length !== header.length) err('*', `attesi ${header.length} campi, trovati ${row.fields.length}`, `expected ${header.length} fields, found ${row.fields.length}`);
    const sku = get('sku');
    const description = get('description');
    const priceText = get('price');
    const vat = get('vat_code').replace(',', '.').replace('%', '');
    const barcodes = get('barcode').split('|').map((b) => b.trim()).filter((b) => b !== '');
    if (sku === '' || sku.length > 64) err('sku', 'obbligatorio (massimo 64 caratteri)', 'required (max 64 characters)');
    else if (skus.has(sku)) err('sku', `codice ${sku} ripetuto nel file`, `sku ${sku} repeated in the file`);
    if (description === '') err('description', 'obbligatoria', 'required');
    else if (description.length > 1000) err('description', 'troppo lunga (massimo 1000 caratteri)', 'too long (max 1000 characters)');
    const price = parseAmount(priceText);
    if (price === null || price < 0) err('price', `prezzo non valido "${priceText.slice(0, 20)}" (es. 12,50)`, `invalid price "${priceText.slice(0, 20)}" (e.g. 12.50)`);
    if (!isVatCode(vat)) err('vat_code', `aliquota IVA non valida "${vat.slice(0, 10)}"`, `invalid VAT code "${vat.slice(0, 10)}"`);
    for (const b of barcodes) {
      if (!/^[0-9A-Za-z\-.]{1,64}$/.test(b)) err('barcode', `codice a barre non valido "${b.slice(0, 20)}"`, `invalid barcode "${b.slice(0, 20)}"`);
      else if (barcodeOwner.has(b) && barcodeOwner.get(b) !== sku) err('barcode', `codice a barre ${b} già usato dallo sku ${barcodeOwner.get(b)}`, `barcode ${b} already used by sku ${barcodeOwner.get(b)}`);
    }
    if (errors.length === before) {
      skus.add(sku);
      for (const b of barcodes) barcodeOwner.set(b, sku);
      products.push({ line: row.line, p: {
        sku, description, priceCents: price!, vatCode: vat as VatCode,
        ...(hasDepartment ? { department: get('department') || null } : {}),
        ...(hasBarcodes ? { barcodes } : {}),
      } });
    }
  }
  return { products, errors };
}

/** Imports a catalog CSV in one transaction. With errors and no skipBad, writes nothing. */
export function importCatalogCsv(db: WritableDb, text: string, at: Date, opts: { skipBad?: boolean } = {}): ImportReport {
  const { products, errors } = validateCatalogCsv(text);
  if (errors.length > 0 && !opts.skipBad) return { imported: 0, skipped: errors.length, errors, applied: false };
  const iso = at.toISOString();
  db.transaction(() => {
    const currentDepartment = db.prepare('SELECT d.code FROM products p JOIN departments d ON d.id = p.department_id WHERE p.sku = ?').pluck();
    for (const { p } of products)
      upsertProduct(db, p.department === undefined ? { ...p, department: (currentDepartment.get(p.sku) as string | undefined) ?? null } : p, iso);
  }).immediate();
  return { imported: products.length, skipped: errors.length, errors, applied: true };
}
