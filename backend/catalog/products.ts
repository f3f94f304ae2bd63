// Products and barcodes. Barcode lookup is the hottest read of the till (every scan).
import { randomUUID } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types.js';
import { readStmt, writeStmt } from '../db/statements.js';
import type { VatCode } from '../../shared/vat.js';
import { foldForSearch } from '../../shared/text.js';

export interface Product {
  id: string;
  sku: string;
  description: string;
  priceCents: number;
  vatCode: VatCode;
  department: string | null;
  soldByWeight: boolean;
  favourite: boolean;
  barcodes: string[];
}

export interface ProductInput {
  sku: string;
  description: string;
  priceCents: number;
  vatCode: VatCode;
  department?: string | null;
  barcodes?: string[];
  soldByWeight?: boolean;
  favourite?: boolean;
}

const SELECT = `SELECT p.id, p.sku, p.description, p.price_cents, p.vat_code, d.code AS department, p.sold_by_weight, p.favourite
  FROM products p LEFT JOIN departments d ON d.id = p.department_id`;

type Row = { id: string; sku: string; description: string; price_cents: number; vat_code: VatCode; department: string | null; sold_by_weight: number; favourite: number };

function toProduct(db: ReadableDb, r: Row, withBarcodes = true): Product {
  return {
    id: r.id,
    sku: r.sku,
    description: r.description,
    priceCents: r.price_cents,
    vatCode: r.vat_code,
    department: r.department,
    soldByWeight: r.sold_by_weight === 1,
    favourite: r.favourite === 1,
    barcodes: withBarcodes ? (db.prepare('SELECT barcode FROM barcodes WHERE product_id = ? ORDER BY barcode').pluck().all(r.id) as string[]) : [],
  };
}

// Statements come from the connection's cache (../db/statements.ts): a scan must not pay for SQL parsing.
export function findByBarcode(db: ReadableDb, barcode: string): Product | null {
  const r = readStmt(db, `${SELECT} JOIN barcodes b ON b.product_id = p.id WHERE b.barcode = ? AND p.active = 1`).get(barcode) as Row | undefined;
  return r ? toProduct(db, r, false) : null;
}

/**
 * The product of a scale label's PLU: a barcode registered as the PLU, as printed or without its
 * leading zeros (`pluKeys`). The printed form wins if both are registered.
 */
export function findByPlu(db: ReadableDb, keys: string[]): Product | null {
  const r = readStmt(db, `${SELECT} JOIN barcodes b ON b.product_id = p.id WHERE b.barcode IN (?, ?) AND p.active = 1 ORDER BY length(b.barcode) DESC LIMIT 1`)
    .get(keys[0], keys[1] ?? keys[0]) as Row | undefined;
  return r ? toProduct(db, r, false) : null;
}

export function findBySku(db: ReadableDb, sku: string): Product | null {
  const r = readStmt(db, `${SELECT} WHERE p.sku = ? AND p.active = 1`).get(sku) as Row | undefined;
  return r ? toProduct(db, r) : null;
}

export function findById(db: ReadableDb, id: string): Product | null {
  const r = readStmt(db, `${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
  return r ? toProduct(db, r) : null;
}

/**
 * Search as you type, accent-insensitive ("citta" finds "Città"). Order of results: the exact
 * barcode/sku, then descriptions starting with the text (index range on search_text), then any
 * description containing every word: through the trigram index (products_fts, migration 0004) when
 * a word has 3+ characters — about 1 ms over 100k products even when nothing matches — otherwise a
 * LIKE scan in search_text order, which stops early because 1–2 letters match a lot.
 */
export function searchProducts(db: ReadableDb, text: string, limit = 20): Product[] {
  const q = foldForSearch(text);
  if (q === '') return [];
  const exact = findByBarcode(db, text.trim()) ?? findBySku(db, text.trim());
  const words = q.split(' ').slice(0, 5);
  const likeEsc = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = words.map(() => `p.search_text LIKE ? ESCAPE '\\'`).join(' AND ');
  const params = words.map((w) => `%${likeEsc(w)}%`);
  let rows = readStmt(db, `${SELECT} WHERE p.active = 1 AND p.search_text >= ? AND p.search_text < ? AND ${where} ORDER BY p.search_text LIMIT ?`)
    .all(q, `${q}\uffff`, ...params, limit) as Row[];
  if (rows.length < limit) {
    const long = words.filter((w) => [...w].length >= 3);
    const more = long.length > 0
      // Every hit is re-checked with LIKE on products.search_text: a stale index can miss, never mislead.
      ? (readStmt(db, `${SELECT} JOIN products_fts f ON f.rowid = p.rowid WHERE products_fts MATCH ? AND p.active = 1 AND ${where} LIMIT ?`)
        .all(long.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND '), ...params, limit * 2) as Row[])
        .map((r) => ({ r, k: foldForSearch(r.description) }))
        .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
        .map((x) => x.r)
      : (readStmt(db, `${SELECT} WHERE p.active = 1 AND ${where} ORDER BY p.search_text LIMIT ?`).all(...params, limit) as Row[]);
    const seen = new Set(rows.map((r) => r.id));
    rows = rows.concat(more.filter((r) => !seen.has(r.id))).slice(0, limit);
  }
  const out = rows.map((r) => toProduct(db, r, false));
  if (exact && !out.some((p) => p.id === exact.id)) out.unshift(exact);
  return out.slice(0, limit);
}

/** Back-office listing: alphabetical pages, or search results when there is text. */
export function listProducts(db: ReadableDb, text: string, offset: number, limit: number): { products: Product[]; total: number } {
  if (foldForSearch(text) !== '') {
    const products = searchProducts(db, text, 100).map((p) => findById(db, p.id)!);
    return { products: products.slice(offset, offset + limit), total: products.length };
  }
  const ids = db.prepare('SELECT id FROM products WHERE active = 1 ORDER BY search_text LIMIT ? OFFSET ?').pluck().all(limit, offset) as string[];
  const total = (db.prepare('SELECT count(*) AS n FROM products WHERE active = 1').get() as { n: number }).n;
  return { products: ids.map((id) => findById(db, id)!), total };
}

/** The sku of the product a barcode belongs to (active or not), or null when it is free. */
export function barcodeOwner(db: ReadableDb, barcode: string): string | null {
  return (db.prepare('SELECT p.sku FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.barcode = ?').get(barcode) as { sku: string } | undefined)?.sku ?? null;
}

/** Re-indexes products_fts from products (needed only after a VACUUM renumbered rowids). */
export function rebuildSearchIndex(db: WritableDb): void {
  db.exec(`INSERT INTO products_fts(products_fts) VALUES ('rebuild')`);
}

export function listFavourites(db: ReadableDb, limit = 48): Product[] {
  return (readStmt(db, `${SELECT} WHERE p.active = 1 AND p.favourite = 1 ORDER BY p.description LIMIT ?`).all(limit) as Row[]).map((r) => toProduct(db, r, false));
}

export function ensureDepartment(db: WritableDb, code: string, vatCode: VatCode, at: string): string {
  const r = readStmt(db, 'SELECT id FROM departments WHERE code = ?').get(code) as { id: string } | undefined;
  if (r) return r.id;
  const id = randomUUID();
  writeStmt(db, 'INSERT INTO departments (id, code, name, vat_code, created_at) VALUES (?,?,?,?,?)').run(id, code, code, vatCode, at);
  return id;
}

/**
 * Inserts or updates by sku; barcodes given replace the product's barcodes. Call inside a
 * transaction. Its statements are prepared once per connection: a catalogue import calls it per row.
 */
export function upsertProduct(db: WritableDb, p: ProductInput, at: string): string {
  const existing = readStmt(db, 'SELECT id FROM products WHERE sku = ?').get(p.sku) as { id: string } | undefined;
  const id = existing?.id ?? randomUUID();
  const deptId = p.department ? ensureDepartment(db, p.department, p.vatCode, at) : null;
  if (existing) {
    writeStmt(db,
      `UPDATE products SET description = ?, search_text = ?, price_cents = ?, vat_code = ?, department_id = ?,
         sold_by_weight = coalesce(?, sold_by_weight), favourite = coalesce(?, favourite), active = 1, updated_at = ? WHERE id = ?`,
    ).run(p.description, foldForSearch(p.description), p.priceCents, p.vatCode, deptId,
      p.soldByWeight === undefined ? null : p.soldByWeight ? 1 : 0, p.favourite === undefined ? null : p.favourite ? 1 : 0, at, id);
  } else {
    writeStmt(db,
      `INSERT INTO products (id, sku, description, search_text, price_cents, vat_code, department_id, sold_by_weight, favourite, active, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,1,?)`,
    ).run(id, p.sku, p.description, foldForSearch(p.description), p.priceCents, p.vatCode, deptId, p.soldByWeight ? 1 : 0, p.favourite ? 1 : 0, at);
  }
  if (p.barcodes) {
    writeStmt(db, 'DELETE FROM barcodes WHERE product_id = ?').run(id);
    const ins = writeStmt(db, 'INSERT INTO barcodes (barcode, product_id) VALUES (?, ?) ON CONFLICT (barcode) DO UPDATE SET product_id = excluded.product_id');
    for (const b of p.barcodes) ins.run(b, id);
  }
  return id;
}
