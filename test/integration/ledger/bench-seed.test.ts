// The benchmark seeder writes sales with direct inserts for speed; this checks, on a small seed,
// that what it writes is what the ledger would have written: every invariant of the ledger holds,
// the audit chain verifies including each document's digest, and the ledger keeps working on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSeed, seedBarcode, type SeedInfo } from '../../../bench/seed.js';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, documentDigest, getDocument, recordReturn, verifyAudit } from '../../../backend/ledger/index.js';
import { findByBarcode } from '../../../backend/catalog/products.js';
import { computeSale } from '../../../shared/sale.js';
import { fakeClock } from '../../../shared/time.js';
import { ledgerProblems } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'bancone-seed-'));
let info: SeedInfo;
let db: WritableDb;

beforeAll(async () => {
  info = await ensureSeed({
    out: join(dir, 'seed.db'),
    inline: true,
    log: () => undefined,
    params: { sales: 4_000, products: 1_500, returns: 40, voids: 12, days: 20, firstDay: '2025-03-20' },
  });
  db = openDatabase(info.file);
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bench seed', () => {
  it('holds what it says', () => {
    expect(info).toMatchObject({ sales: 4_000, products: 1_500, returns: 40, voids: 12, lastDay: '2025-04-08' });
    const kinds = Object.fromEntries((db.prepare('SELECT kind, count(*) AS n FROM documents GROUP BY kind').all() as { kind: string; n: number }[]).map((r) => [r.kind, r.n]));
    expect(kinds).toEqual({ sale: 4_000, return: 40, void: 12 });
    expect(db.prepare('SELECT count(*) FROM products').pluck().get()).toBe(1_500);
    expect(info.documents).toBe(4_052);
    // the DST change of 29 March is inside the range: business days follow Italian dates
    expect(db.prepare(`SELECT count(DISTINCT business_day) FROM documents`).pluck().get()).toBe(20);
  });

  it('is a valid ledger: invariants hold and the audit chain verifies with every digest', () => {
    expect(ledgerProblems(db)).toEqual([]);
    const v = verifyAudit(db, (id) => documentDigest(db, id));
    expect(v.problems).toEqual([]);
    expect(v.entries).toBe(4_052);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('each seeded sale has the totals computeSale gives for its lines and payments', () => {
    const ids = db.prepare(`SELECT id FROM documents WHERE kind = 'sale' AND seq % 97 = 1`).pluck().all() as string[];
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) {
      const d = getDocument(db, id);
      const t = computeSale({
        lines: d.lines.map((l) => ({ ...l, listPriceCents: l.listPriceCents })),
        discountCents: d.saleDiscountCents,
        payments: d.payments.map((p) => ({ method: p.method, amountCents: p.amountCents, count: p.count, uncollectedKind: p.uncollectedKind })),
        lotteryCode: d.lotteryCode,
        cashRounding: true,
      });
      expect({ total: d.totalCents, due: d.dueCents, change: d.changeCents, rounding: d.roundingCents, vat: d.vat }).toEqual({
        total: t.totalCents, due: t.dueCents, change: t.changeCents, rounding: t.roundingCents, vat: t.vat,
      });
      expect(d.lines.map((l) => l.amountCents)).toEqual(t.lines.map((l) => l.amountCents));
    }
  });

  it('its catalog scans and the ledger keeps working on top of it', () => {
    expect(findByBarcode(db, seedBarcode(0))?.sku).toBe('SKU000000');
    expect(findByBarcode(db, seedBarcode(3, '210'))?.sku).toBe('SKU000003');
    const clock = fakeClock('2025-04-08T18:00:00Z');
    const r = commitSale(db, clock, { lines: [{ barcode: seedBarcode(7) }], payments: [{ method: 'cash', amount_cents: 100_000 }] });
    const last = db.prepare(`SELECT max(seq) FROM documents WHERE business_day = '2025-04-08' AND id != ?`).pluck().get(r.id) as number;
    expect(r.number).toBe(`2025-04-08/${String(last + 1).padStart(4, '0')}`);
    const sale = db.prepare(`SELECT id FROM documents WHERE kind = 'sale' AND id NOT IN (SELECT parent_id FROM documents WHERE parent_id IS NOT NULL) LIMIT 1`).pluck().get() as string;
    recordReturn(db, clock, { sale, lines: [{ line_no: 1, quantity: 0.001 }] });
    expect(ledgerProblems(db)).toEqual([]);
    expect(verifyAudit(db, (id) => documentDigest(db, id)).ok).toBe(true);
  });

  it('is reused from the cache when nothing changed', async () => {
    const again = await ensureSeed({
      out: info.file,
      inline: true,
      log: () => { throw new Error('should not rebuild'); },
      params: { sales: 4_000, products: 1_500, returns: 40, voids: 12, days: 20, firstDay: '2025-03-20' },
    });
    expect(again.createdAt).toBe(info.createdAt);
  });
});
