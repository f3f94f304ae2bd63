// Shared set-up for the ledger integration tests: a migrated in-memory ledger, a small catalog,
// and row counts of every table a fiscal document touches.
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { upsertProduct } from '../../../backend/catalog/products.js';
import { BanconeError } from '../../../shared/errors.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

export const DOCUMENT_TABLES = ['documents', 'document_lines', 'payments', 'vat_rows', 'outbox', 'print_jobs', 'audit_log', 'day_counters'] as const;

export function memoryLedger(): WritableDb {
  return fiscalShop(openDatabase(':memory:'));
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

/**
 * Whole-ledger invariants, as SQL: every document has lines, VAT rows and payments that add up,
 * one pending-or-done outbox row, a receipt print job and exactly one journal entry; no orphan
 * rows; returns never exceed what was sold; at most one void per sale; numbering 1..n per day
 * with the day counter at n. Returns the problems found (empty when all hold).
 */
export function ledgerProblems(db: ReadableDbLike): string[] {
  const q = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
  const problems: string[] = [];
  for (const r of q(`
      SELECT id, 'no lines' AS why FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_lines WHERE document_id = d.id)
      UNION ALL SELECT id, 'lines do not add up to the total' FROM documents d WHERE total_cents != (SELECT sum(amount_cents) FROM document_lines WHERE document_id = d.id)
      UNION ALL SELECT id, 'VAT rows do not add up to the total' FROM documents d WHERE total_cents != (SELECT coalesce(sum(gross_cents), 0) FROM vat_rows WHERE document_id = d.id)
      UNION ALL SELECT id, 'taxable + VAT ≠ gross' FROM documents d WHERE EXISTS (SELECT 1 FROM vat_rows WHERE document_id = d.id AND taxable_cents + vat_cents != gross_cents)
      UNION ALL SELECT id, 'no VAT rows' FROM documents d WHERE NOT EXISTS (SELECT 1 FROM vat_rows WHERE document_id = d.id)
      UNION ALL SELECT id, 'payments do not add up to what is due' FROM documents d WHERE due_cents != (SELECT coalesce(sum(applied_cents), 0) FROM payments WHERE document_id = d.id)
      UNION ALL SELECT id, 'due ≠ total + rounding' FROM documents d WHERE due_cents != total_cents + rounding_cents
      UNION ALL SELECT id, 'tendered − change ≠ due' FROM documents d WHERE tendered_cents - change_cents != due_cents
      UNION ALL SELECT id, 'outbox row' FROM documents d WHERE (SELECT count(*) FROM outbox WHERE document_id = d.id) != 1
      UNION ALL SELECT d.id, 'receipt print job' FROM documents d
        LEFT JOIN (SELECT document_id, count(*) AS n FROM print_jobs WHERE kind = 'receipt' GROUP BY document_id) j ON j.document_id = d.id
        WHERE coalesce(j.n, 0) != 1
      UNION ALL SELECT d.id, 'journal entry' FROM documents d
        LEFT JOIN (SELECT entity_id, action, count(*) AS n FROM audit_log WHERE action LIKE 'document.%' GROUP BY entity_id, action) a
          ON a.entity_id = d.id AND a.action = 'document.' || d.kind
        WHERE coalesce(a.n, 0) != 1`))
    problems.push(`document ${String(r.id)}: ${String(r.why)}`);
  for (const r of q(`
      SELECT 'line' AS t, document_id AS id FROM document_lines WHERE document_id NOT IN (SELECT id FROM documents)
      UNION ALL SELECT 'payment', document_id FROM payments WHERE document_id NOT IN (SELECT id FROM documents)
      UNION ALL SELECT 'vat row', document_id FROM vat_rows WHERE document_id NOT IN (SELECT id FROM documents)
      UNION ALL SELECT 'outbox row', document_id FROM outbox WHERE document_id NOT IN (SELECT id FROM documents)
      UNION ALL SELECT 'print job', document_id FROM print_jobs WHERE document_id IS NOT NULL AND document_id NOT IN (SELECT id FROM documents)
      UNION ALL SELECT 'journal entry', entity_id FROM audit_log WHERE action LIKE 'document.%' AND entity_id NOT IN (SELECT id FROM documents)`))
    problems.push(`orphan ${String(r.t)} of ${String(r.id)}`);
  for (const r of q(`
      SELECT s.id, l.line_no FROM documents s JOIN document_lines l ON l.document_id = s.id
      WHERE s.kind = 'sale' AND l.quantity_milli < (
        SELECT coalesce(sum(rl.quantity_milli), 0) FROM documents r JOIN document_lines rl ON rl.document_id = r.id
        WHERE r.parent_id = s.id AND rl.parent_line_no = l.line_no)`))
    problems.push(`sale ${String(r.id)} line ${String(r.line_no)} returned beyond what was sold`);
  for (const r of q(`SELECT parent_id FROM documents WHERE kind = 'void' GROUP BY parent_id HAVING count(*) > 1`)) problems.push(`sale ${String(r.parent_id)} voided twice`);
  for (const r of q(`SELECT v.parent_id FROM documents v WHERE v.kind = 'void' AND EXISTS (SELECT 1 FROM documents r WHERE r.parent_id = v.parent_id AND r.kind = 'return')`))
    problems.push(`sale ${String(r.parent_id)} has both returns and a void`);
  for (const r of q(`
      SELECT business_day AS day, count(*) AS n, max(seq) AS maxSeq, min(seq) AS minSeq,
             (SELECT last_seq FROM day_counters c WHERE c.business_day = d.business_day) AS last
      FROM documents d GROUP BY business_day HAVING maxSeq != n OR minSeq != 1 OR last IS NULL OR last != n`))
    problems.push(`numbering of ${String(r.day)}: ${String(r.n)} documents, seq ${String(r.minSeq)}..${String(r.maxSeq)}, counter ${String(r.last)}`);
  for (const r of q('SELECT business_day FROM day_counters WHERE business_day NOT IN (SELECT business_day FROM documents)'))
    problems.push(`counter of ${String(r.business_day)} without documents`);
  return problems;
}

type ReadableDbLike = { prepare(sql: string): { all(...params: unknown[]): unknown[] } };
