// Shared set-up for the ledger integration tests: a migrated in-memory ledger, a small catalog,
// and row counts of every table a fiscal document touches.
import { openDatabase } from '../../../electron/services/db/open.js';
import type { WritableDb } from '../../../electron/services/db/types.js';
import { upsertProduct } from '../../../electron/services/catalog/products.js';
import { BanconeError } from '../../../shared/errors.js';

export const DOCUMENT_TABLES = ['documents', 'document_lines', 'payments', 'vat_rows', 'outbox', 'print_jobs', 'audit_log', 'day_counters'] as const;

export function memoryLedger(): WritableDb {
  return openDatabase(':memory:');
}

export const CATALOG = {
  latte: { sku: 'LATTE1', barcode: '8001234567890', description: 'Latte intero 1 l', priceCents: 120, vatCode: '4' as const },
  vino: { sku: 'VINO1', barcode: '8000000000002', description: 'Vino rosso', priceCents: 750, vatCode: '22' as const },
  caffe: { sku: 'CAFFE', barcode: '8000000000019', description: 'Caffè in grani 250 g', priceCents: 499, vatCode: '10' as const },
};

export function seedCatalog(db: WritableDb, at = '2026-01-01T00:00:00.000Z'): void {
  db.transaction(() => {
    for (const p of Object.values(CATALOG))
      upsertProduct(db, { sku: p.sku, description: p.description, priceCents: p.priceCents, vatCode: p.vatCode, department: 'GEN', barcodes: [p.barcode] }, at);
  })();
}

export function counts(db: WritableDb): Record<string, number> {
  return Object.fromEntries(DOCUMENT_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

/** Runs fn and returns the BanconeError it throws (fails the test if it does not throw one). */
export function errorOf(fn: () => unknown): BanconeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BanconeError) return e;
    throw e;
  }
  throw new Error('expected a BanconeError, nothing was thrown');
}
