// `bancone server catalog import --shop NOME FILE.csv`: a shop's catalogue seeded from the till's own
// CSV format. The till's importer does the reading (encodings, delimiters, Italian prices and VAT,
// departments, barcodes, every refusal by line) on a scratch in-memory ledger holding the shop's
// departments; what it kept goes into the shop's master data in ONE PostgreSQL transaction, each row
// checked by the store like a back-office edit: all or nothing.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { openDatabase } from '../../backend/db/open.js';
import { importCatalogFile } from '../../backend/catalog/csv-import-file.js';
import type { ImportReport } from '../../backend/catalog/csv-import.js';
import type { CsvEncoding } from '../../backend/catalog/csv-decode.js';
import type { Clock } from '../../shared/time.js';
import type { MasterItem } from '../../shared/server-api.js';
import { inTransaction, listItems, putItemIn, reserveVersions } from './store.js';

type Scratch = { id: string; sku: string; description: string; price_cents: number; vat_code: string; department_id: string | null; sold_by_weight: number; favourite: number; active: number };

export async function importCatalogToShop(pool: pg.Pool, clock: Clock, shopId: string, file: string, opts: { skipBad?: boolean } = {}): Promise<{ report: ImportReport; encoding: CsvEncoding }> {
  const now = clock.now();
  const current = await listItems(pool, shopId);
  const departments = current.filter((i): i is Extract<MasterItem, { kind: 'department' }> => i.kind === 'department');
  const products = current.filter((i): i is Extract<MasterItem, { kind: 'product' }> => i.kind === 'product');
  const scratch = openDatabase(':memory:');
  try {
    // The shop's departments, so the file's department column finds them (by code or name) as on a till.
    const insertDept = scratch.prepare('INSERT INTO departments (id, code, name, vat_code, created_at) VALUES (?,?,?,?,?)');
    for (const d of departments) insertDept.run(d.id, d.data!.code, d.data!.name, d.data!.vatCode, now.toISOString());
    const result = importCatalogFile(scratch, file, now, opts);
    if (!result.report.applied) return result;
    const known = new Set(departments.map((d) => d.id));
    const bySku = new Map(products.map((p) => [p.data!.sku, p]));
    const newDepartments = (scratch.prepare('SELECT id, code, name, vat_code FROM departments').all() as { id: string; code: string; name: string; vat_code: string }[])
      .filter((d) => !known.has(d.id));
    const rows = scratch.prepare('SELECT * FROM products ORDER BY sku').all() as Scratch[];
    await inTransaction(pool, async (c) => {
      // Every version of the batch in one go; the shop's row stays locked until commit, as for one edit.
      let version = await reserveVersions(c, shopId, newDepartments.length + rows.length);
      for (const d of newDepartments)
        await putItemIn(c, clock, shopId, 'department', d.id, { code: d.code, name: d.name, vatCode: d.vat_code }, { version: version++ });
      const barcodesOf = scratch.prepare('SELECT barcode FROM barcodes WHERE product_id = ? ORDER BY barcode').pluck();
      for (const p of rows) {
        const old = bySku.get(p.sku);
        const barcodes = barcodesOf.all(p.id) as string[];
        await putItemIn(c, clock, shopId, 'product', old?.id ?? randomUUID(), {
          sku: p.sku, description: p.description, priceCents: p.price_cents, vatCode: p.vat_code, departmentId: p.department_id,
          soldByWeight: p.sold_by_weight === 1, favourite: old ? old.data!.favourite : p.favourite === 1, active: true,
          // A row without barcodes leaves the product's own as they are (as the till's import does).
          barcodes: barcodes.length > 0 || !old ? barcodes : old.data!.barcodes,
        }, { version: version++ });
      }
    });
    return result;
  } finally {
    scratch.close();
  }
}
