import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, getDocument, recordReturn, recordVoid, returnedQuantities, verifyAudit, documentDigest } from '../../../backend/ledger/index.js';
import { fakeClock } from '../../../shared/time.js';
import { CATALOG, counts, errorOf, ledgerProblems, memoryLedger, seedCatalog } from './helpers.js';

let db: WritableDb;
const clock = fakeClock('2026-11-21T10:00:00Z');

beforeEach(() => {
  db = memoryLedger();
  seedCatalog(db);
  clock.set('2026-11-21T10:00:00Z');
});
afterEach(() => db.close());

/** 3 × Vino (22,50, one line), 1,5 kg of cheese at 18,90 (28,35), 1 Latte: card payment. */
function bigSale(extra: Record<string, unknown> = {}) {
  return commitSale(db, clock, {
    lines: [
      { barcode: CATALOG.vino.barcode, quantity: 3 },
      { description: 'Formaggio', unit_price_cents: 1890, vat_code: '4', quantity: 1.5 },
      { barcode: CATALOG.latte.barcode },
    ],
    payments: [{ method: 'electronic', amount_cents: 2250 + 2835 + 120 }],
    ...extra,
  });
}

describe('returns', () => {
  it('a partial return refunds its share, points at the sale and its lines, and is numbered like a sale', () => {
    const sale = bigSale();
    const r = recordReturn(db, clock, { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }], reason: 'bottiglia rotta' });
    expect(r.kind).toBe('return');
    expect(r.number).toBe('2026-11-21/0002');
    expect(r.totalCents).toBe(750);
    const doc = getDocument(db, r.id);
    expect(doc).toMatchObject({ kind: 'return', parentId: sale.id, note: 'bottiglia rotta', totalCents: 750 });
    expect(doc.parent).toMatchObject({ id: sale.id, number: sale.number });
    expect(doc.lines).toHaveLength(1);
    expect(doc.lines[0]).toMatchObject({ lineNo: 1, parentLineNo: 1, quantityMilli: 1000, amountCents: 750, vatCode: '22', sku: 'VINO1' });
    // refunded by card because the sale was paid by card
    expect(doc.payments).toEqual([{ seq: 1, method: 'electronic', amountCents: 750, appliedCents: 750, count: null, uncollectedKind: null }]);
    expect(doc.vat).toEqual([{ vatCode: '22', grossCents: 750, taxableCents: 615, vatCents: 135 }]);
    expect(doc.fiscal?.state).toBe('pending');
    expect(db.prepare(`SELECT kind, parent_id FROM outbox WHERE document_id = ?`).get(r.id)).toEqual({ kind: 'return', parent_id: sale.id });
    expect(db.prepare(`SELECT kind, state FROM print_jobs WHERE document_id = ?`).get(r.id)).toEqual({ kind: 'receipt', state: 'queued' });
    expect(db.prepare(`SELECT action FROM audit_log WHERE entity_id = ?`).pluck().get(r.id)).toBe('document.return');
  });

  it('several partial returns add up exactly to the line and never exceed it', () => {
    const sale = bigSale();
    // 1,5 kg cheese at 28,35 returned as 0,4 + 0,333 + 0,767 kg
    const parts = [0.4, 0.333, 0.767];
    const refunds = parts.map((q) => recordReturn(db, clock, { sale: sale.number, lines: [{ line_no: 2, quantity: q }] }).totalCents);
    expect(refunds.reduce((a, b) => a + b, 0)).toBe(2835);
    expect(refunds).toEqual([756, 629, 1450]);
    expect(returnedQuantities(db, sale.id).get(2)).toBe(1500);
    const e = errorOf(() => recordReturn(db, clock, { sale: sale.id, lines: [{ line_no: 2, quantity: 0.001 }] }));
    expect(e.code).toBe('RETURN_EXCEEDS_SOLD');
    expect(e.field).toBe('lines[0].quantity');
    expect(e.message).toContain('0');
  });

  it('the message says how much is still returnable', () => {
    const sale = bigSale();
    recordReturn(db, clock, { sale: sale.id, lines: [{ line_no: 1, quantity: 2 }] });
    const before = counts(db);
    const e = errorOf(() => recordReturn(db, clock, { sale: sale.id, lines: [{ line_no: 3, quantity: 1 }, { line_no: 1, quantity: 2 }] }));
    expect(e.code).toBe('RETURN_EXCEEDS_SOLD');
    expect(e.field).toBe('lines[1].quantity');
    expect(e.message).toMatch(/al massimo 1\b/);
    expect(e.messageEn).toMatch(/at most 1\b/);
    // all-or-nothing: line 3 (valid on its own) was not returned either
    expect(counts(db)).toEqual(before);
    expect(returnedQuantities(db, sale.id).get(3)).toBeUndefined();
  });

  it('any random sequence of partial returns refunds at most the sale, exactly the sale when all comes back', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ line: fc.integer({ min: 1, max: 3 }), milli: fc.integer({ min: 1, max: 1500 }) }), { minLength: 1, maxLength: 12 }), (steps) => {
        const local = memoryLedger();
        seedCatalog(local);
        try {
          const sale = commitSale(local, clock, {
            lines: [
              { barcode: CATALOG.vino.barcode, quantity: 3, discount_cents: 100 },
              { description: 'Formaggio', unit_price_cents: 1890, vat_code: '4', quantity: 1.5 },
              { barcode: CATALOG.latte.barcode },
            ],
            discount_cents: 333,
            payments: [{ method: 'cash', amount_cents: 10_000 }],
          });
          const doc = getDocument(local, sale.id);
          const left = new Map(doc.lines.map((l) => [l.lineNo, l.quantityMilli]));
          let refunded = 0;
          for (const s of steps) {
            const q = Math.min(s.milli, left.get(s.line)!);
            if (q === 0) {
              expect(errorOf(() => recordReturn(local, clock, { sale: sale.id, lines: [{ line_no: s.line, quantity: 0.001 }] })).code).toBe('RETURN_EXCEEDS_SOLD');
              continue;
            }
            refunded += recordReturn(local, clock, { sale: sale.id, lines: [{ line_no: s.line, quantity: q / 1000 }] }).totalCents;
            left.set(s.line, left.get(s.line)! - q);
            expect(refunded).toBeLessThanOrEqual(doc.totalCents);
          }
          // return whatever is left: the refunds add up to the sale total to the cent
          const rest = [...left].filter(([, q]) => q > 0).map(([line_no, q]) => ({ line_no, quantity: q / 1000 }));
          if (rest.length > 0) refunded += recordReturn(local, clock, { sale: sale.id, lines: rest }).totalCents;
          expect(refunded).toBe(doc.totalCents);
          const perCode = local.prepare(`SELECT v.vat_code, sum(v.gross_cents) AS g FROM vat_rows v JOIN documents d ON d.id = v.document_id WHERE d.parent_id = ? GROUP BY v.vat_code`).all(sale.id) as { vat_code: string; g: number }[];
          for (const v of doc.vat) expect(perCode.find((p) => p.vat_code === v.vatCode)?.g).toBe(v.grossCents);
          expect(verifyAudit(local, (id) => documentDigest(local, id)).ok).toBe(true);
          expect(ledgerProblems(local)).toEqual([]);
        } finally {
          local.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('refund method: as the sale was paid, unless told', () => {
    const cashSale = commitSale(db, clock, { lines: [{ barcode: CATALOG.vino.barcode }], payments: [{ method: 'cash', amount_cents: 1000 }] });
    const a = recordReturn(db, clock, { sale: cashSale.id, lines: [{ line_no: 1, quantity: 1 }] });
    expect(getDocument(db, a.id).payments[0]!.method).toBe('cash');
    const sale2 = bigSale();
    const b = recordReturn(db, clock, { sale: sale2.id, lines: [{ line_no: 3, quantity: 1 }], refund_method: 'cash' });
    expect(getDocument(db, b.id).payments[0]).toMatchObject({ method: 'cash', amountCents: 120 });
  });

  it('returning an omaggio refunds nothing and has no payment', () => {
    const s = commitSale(db, clock, { lines: [{ barcode: CATALOG.vino.barcode }, { barcode: CATALOG.caffe.barcode, complimentary: true }], payments: [{ method: 'electronic', amount_cents: 750 }] });
    const r = recordReturn(db, clock, { sale: s.id, lines: [{ line_no: 2, quantity: 1 }] });
    expect(r.totalCents).toBe(0);
    const doc = getDocument(db, r.id);
    expect(doc.payments).toEqual([]);
    expect(doc.lines[0]).toMatchObject({ complimentary: true, amountCents: 0 });
  });

  it('bad return requests write nothing', () => {
    const sale = bigSale();
    const ret = recordReturn(db, clock, { sale: sale.id, lines: [{ line_no: 3, quantity: 1 }] });
    const before = counts(db);
    const cases: [unknown, string, string][] = [
      [{ sale: sale.id, lines: [{ line_no: 9, quantity: 1 }] }, 'RETURN_LINE_NOT_FOUND', 'lines[0].line_no'],
      [{ sale: sale.id, lines: [{ line_no: 1, quantity: 1 }, { line_no: 1, quantity: 1 }] }, 'RETURN_LINE_DUPLICATE', 'lines[1].line_no'],
      [{ sale: sale.id, lines: [{ line_no: 1, quantity: -1 }] }, 'INVALID_INPUT', 'lines[0].quantity'],
      [{ sale: sale.id, lines: [{ line_no: 1, quantity: 0 }] }, 'INVALID_INPUT', 'lines[0].quantity'],
      [{ sale: sale.id, lines: [] }, 'INVALID_INPUT', 'lines'],
      [{ sale: 'nessuna', lines: [{ line_no: 1, quantity: 1 }] }, 'DOCUMENT_NOT_FOUND', 'sale'],
      [{ sale: ret.id, lines: [{ line_no: 1, quantity: 1 }] }, 'NOT_A_SALE', 'sale'],
      [{ sale: sale.id, lines: [{ line_no: 1, quantity: 1 }], refund_method: 'meal_voucher' }, 'INVALID_INPUT', 'refund_method'],
    ];
    for (const [input, code, field] of cases) {
      const e = errorOf(() => recordReturn(db, clock, input));
      expect([e.code, e.field]).toEqual([code, field]);
    }
    expect(counts(db)).toEqual(before);
  });
});

describe('voids', () => {
  it('a void refunds the whole sale as it was paid and blocks further returns and voids', () => {
    const sale = commitSale(db, clock, {
      lines: [{ barcode: CATALOG.vino.barcode, quantity: 2 }, { barcode: CATALOG.latte.barcode }],
      payments: [{ method: 'electronic', amount_cents: 1000 }, { method: 'cash', amount_cents: 1000 }],
    });
    const v = recordVoid(db, clock, { sale: sale.number, reason: 'errore cassiere' });
    expect(v.kind).toBe('void');
    expect(v.totalCents).toBe(1620);
    const doc = getDocument(db, v.id);
    expect(doc.lines.map((l) => [l.parentLineNo, l.quantityMilli, l.amountCents])).toEqual([[1, 2000, 1500], [2, 1000, 120]]);
    expect(doc.payments.map((p) => [p.method, p.amountCents])).toEqual([['electronic', 1000], ['cash', 620]]);
    expect(db.prepare(`SELECT kind, parent_id FROM outbox WHERE document_id = ?`).get(v.id)).toEqual({ kind: 'void', parent_id: sale.id });
    expect(db.prepare(`SELECT count(*) FROM print_jobs WHERE document_id = ?`).pluck().get(v.id)).toBe(1);

    const before = counts(db);
    const again = errorOf(() => recordVoid(db, clock, { sale: sale.id }));
    expect(again.code).toBe('SALE_VOIDED');
    expect(again.message).toContain(v.number);
    expect(errorOf(() => recordReturn(db, clock, { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] })).code).toBe('SALE_VOIDED');
    expect(counts(db)).toEqual(before);
  });

  it('a void of a cash-rounded sale gives back what was kept and is consistent with itself', () => {
    const sale = commitSale(db, clock, { lines: [{ description: 'Pane', unit_price_cents: 1253, vat_code: '4' }], payments: [{ method: 'cash', amount_cents: 2000 }] });
    const v = getDocument(db, recordVoid(db, clock, { sale: sale.id }).id);
    const paid = v.payments.reduce((a, p) => a + p.appliedCents, 0);
    expect(paid).toBe(1255);
    expect(v.totalCents).toBe(1253);
    expect(v.vat.reduce((a, r) => a + r.grossCents, 0)).toBe(1253);
    expect(v.dueCents).toBe(paid);
    expect(v.totalCents + v.roundingCents).toBe(v.dueCents);
    expect(ledgerProblems(db)).toEqual([]);
  });

  it('a sale with returns cannot be voided (make a return of the rest instead)', () => {
    const sale = bigSale();
    recordReturn(db, clock, { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] });
    const before = counts(db);
    const e = errorOf(() => recordVoid(db, clock, { sale: sale.id }));
    expect(e.code).toBe('SALE_HAS_RETURNS');
    expect(e.field).toBe('sale');
    expect(counts(db)).toEqual(before);
    // the rest can still be returned
    const rest = recordReturn(db, clock, { sale: sale.id, lines: [{ line_no: 1, quantity: 2 }, { line_no: 2, quantity: 1.5 }, { line_no: 3, quantity: 1 }] });
    expect(rest.totalCents + 750).toBe(sale.totalCents);
  });

  it('only within 24 hours of transmission', () => {
    const sale = bigSale();
    db.prepare(`UPDATE outbox SET state = 'ready', submitted_at = ? WHERE document_id = ?`).run('2026-11-21T10:01:00.000Z', sale.id);
    clock.set('2026-11-22T10:01:00.000Z');
    const ok = recordVoid(db, clock, { sale: sale.id });
    expect(ok.kind).toBe('void');

    const sale2 = bigSale();
    db.prepare(`UPDATE outbox SET state = 'ready', submitted_at = ? WHERE document_id = ?`).run('2026-11-21T10:00:00.000Z', sale2.id);
    clock.set('2026-11-22T10:00:00.001Z');
    const e = errorOf(() => recordVoid(db, clock, { sale: sale2.id }));
    expect(e.code).toBe('VOID_TOO_LATE');
  });

  it('a return or void cannot itself be voided', () => {
    const sale = bigSale();
    const ret = recordReturn(db, clock, { sale: sale.id, lines: [{ line_no: 3, quantity: 1 }] });
    expect(errorOf(() => recordVoid(db, clock, { sale: ret.id })).code).toBe('NOT_A_SALE');
    const sale2 = bigSale();
    const v = recordVoid(db, clock, { sale: sale2.id });
    expect(errorOf(() => recordVoid(db, clock, { sale: v.id })).code).toBe('NOT_A_SALE');
  });

  it('numbering is shared by sales, returns and voids and stays gap-free', () => {
    const s1 = bigSale();
    recordReturn(db, clock, { sale: s1.id, lines: [{ line_no: 1, quantity: 1 }] });
    expect(() => recordVoid(db, clock, { sale: s1.id })).toThrow();
    const s2 = bigSale();
    recordVoid(db, clock, { sale: s2.id });
    const seqs = db.prepare(`SELECT seq FROM documents WHERE business_day = '2026-11-21' ORDER BY seq`).pluck().all();
    expect(seqs).toEqual([1, 2, 3, 4]);
  });
});
