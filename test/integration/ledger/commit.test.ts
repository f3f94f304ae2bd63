import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, getDocument, businessDayFor, verifyAudit, documentDigest } from '../../../backend/ledger/index.js';
import { setSetting } from '../../../backend/settings.js';
import { fakeClock } from '../../../shared/time.js';
import { CATALOG, DOCUMENT_TABLES, counts, errorOf, memoryLedger, seedCatalog } from './helpers.js';

let db: WritableDb;
const clock = fakeClock('2026-11-21T10:00:00Z');

beforeEach(() => {
  db = memoryLedger();
  seedCatalog(db);
  clock.set('2026-11-21T10:00:00Z');
});
afterEach(() => db.close());

const cashSale = (amount = 1000, extra: Record<string, unknown> = {}) => ({
  lines: [{ barcode: CATALOG.latte.barcode, quantity: 2 }],
  payments: [{ method: 'cash', amount_cents: amount }],
  ...extra,
});

describe('commitSale writes the whole document', () => {
  it('header, lines, payments, VAT rows, outbox row, print job and audit entry', () => {
    const r = commitSale(db, clock, {
      lines: [
        { barcode: CATALOG.latte.barcode, quantity: 2 },
        { description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1.5, discount_cents: 50 },
        { sku: CATALOG.vino.sku, quantity: 1, unit_price_cents: 700 },
        { barcode: CATALOG.caffe.barcode, complimentary: true },
      ],
      payments: [{ method: 'electronic', amount_cents: 1000 }, { method: 'cash', amount_cents: 1000 }],
      note: 'cliente abituale',
    }, { source: 'cli' });

    expect(r).toMatchObject({ kind: 'sale', number: '2026-11-21/0001', businessDay: '2026-11-21', totalCents: 1415, dueCents: 1415, changeCents: 585, roundingCents: 0 });
    expect(counts(db)).toEqual({ documents: 1, document_lines: 4, payments: 2, vat_rows: 3, outbox: 1, print_jobs: 1, audit_log: 1, day_counters: 1 });

    const doc = getDocument(db, r.id);
    expect(doc).toMatchObject({ id: r.id, kind: 'sale', number: r.number, seq: 1, createdAt: '2026-11-21T10:00:00.000Z', parentId: null, source: 'cli', note: 'cliente abituale' });
    expect(doc.totalCents).toBe(1415);
    expect(doc.lines.map((l) => [l.lineNo, l.sku, l.description, l.quantityMilli, l.unitPriceCents, l.listPriceCents, l.amountCents, l.complimentary])).toEqual([
      [1, 'LATTE1', 'Latte intero 1 l', 2000, 120, null, 240, false],
      [2, null, 'Pane', 1500, 350, null, 475, false],
      [3, 'VINO1', 'Vino rosso', 1000, 700, 750, 700, false], // price override keeps the list price
      [4, 'CAFFE', 'Caffè in grani 250 g', 1000, 499, null, 0, true],
    ]);
    expect(doc.complimentaryCents).toBe(499);
    expect(doc.payments).toEqual([
      { seq: 1, method: 'electronic', amountCents: 1000, appliedCents: 1000, count: null, uncollectedKind: null },
      { seq: 2, method: 'cash', amountCents: 1000, appliedCents: 415, count: null, uncollectedKind: null },
    ]);
    // The read model returns the same VAT rows, in the same order, as the commit.
    expect(doc.vat).toEqual(r.vat);
    expect(doc.vat.map((v) => v.vatCode)).toEqual(['4', '10', '22']);
    expect(doc.vat.reduce((a, v) => a + v.grossCents, 0)).toBe(doc.totalCents);
    expect(doc.fiscal).toMatchObject({ state: 'pending', attempts: 0, remoteId: null });

    const job = db.prepare('SELECT * FROM print_jobs').get() as Record<string, unknown>;
    expect(job).toMatchObject({ id: r.printJobId, document_id: r.id, kind: 'receipt', state: 'queued' });
    const outbox = db.prepare('SELECT * FROM outbox').get() as Record<string, unknown>;
    expect(outbox).toMatchObject({ document_id: r.id, kind: 'sale', state: 'pending', parent_id: null });
    const audit = db.prepare('SELECT * FROM audit_log').get() as Record<string, unknown>;
    expect(audit).toMatchObject({ seq: 1, action: 'document.sale', entity_id: r.id });
    expect(JSON.parse(audit.payload as string)).toMatchObject({ number: r.number, totalCents: 1415, digest: documentDigest(db, r.id) });
    expect(verifyAudit(db, (id) => documentDigest(db, id)).ok).toBe(true);
  });

  it('meal vouchers, uncollected and lottery code are stored', () => {
    const r1 = commitSale(db, clock, {
      lines: [{ description: 'Pranzo', unit_price_cents: 1600, vat_code: '10' }],
      payments: [{ method: 'meal_voucher', amount_cents: 1600, count: 2 }],
    });
    expect(getDocument(db, r1.id).payments[0]).toMatchObject({ method: 'meal_voucher', amountCents: 1600, count: 2 });
    const r2 = commitSale(db, clock, {
      lines: [{ description: 'Consulenza', unit_price_cents: 12200, vat_code: '22' }],
      payments: [{ method: 'uncollected', amount_cents: 12200, kind: 'services' }],
    });
    expect(getDocument(db, r2.id).payments[0]).toMatchObject({ method: 'uncollected', uncollectedKind: 'services' });
    const r3 = commitSale(db, clock, { ...cashSale(), payments: [{ method: 'electronic', amount_cents: 240 }], lottery_code: 'A1B2C3D4' });
    expect(getDocument(db, r3.id).lotteryCode).toBe('A1B2C3D4');
  });

  it('cash rounding follows the shop setting and is stored on the document', () => {
    const lines = [{ description: 'Pane', unit_price_cents: 1253, vat_code: '4' }];
    const a = commitSale(db, clock, { lines, payments: [{ method: 'cash', amount_cents: 2000 }] });
    expect(getDocument(db, a.id)).toMatchObject({ totalCents: 1253, roundingCents: 2, dueCents: 1255, changeCents: 745, tenderedCents: 2000 });
    setSetting(db, 'sale.cashRounding', false, clock.now());
    const b = commitSale(db, clock, { lines, payments: [{ method: 'cash', amount_cents: 2000 }] });
    expect(getDocument(db, b.id)).toMatchObject({ totalCents: 1253, roundingCents: 0, dueCents: 1253, changeCents: 747 });
  });

  it('findDocument by number as well as by id', () => {
    const r = commitSale(db, clock, cashSale());
    expect(getDocument(db, '2026-11-21/0001').id).toBe(r.id);
    expect(errorOf(() => getDocument(db, '2026-11-21/0099')).code).toBe('DOCUMENT_NOT_FOUND');
  });
});

describe('nothing is written on any error', () => {
  const bad: [string, unknown, string, string][] = [
    ['no lines', { lines: [], payments: [] }, 'INVALID_INPUT', 'lines'],
    ['unknown barcode', { lines: [{ barcode: '0000000000000' }], payments: [{ method: 'cash', amount_cents: 100 }] }, 'PRODUCT_NOT_FOUND', 'lines[0].barcode'],
    ['unknown sku', { lines: [{ sku: 'NOPE' }], payments: [{ method: 'cash', amount_cents: 100 }] }, 'PRODUCT_NOT_FOUND', 'lines[0].sku'],
    ['negative quantity', { lines: [{ barcode: CATALOG.latte.barcode, quantity: -1 }], payments: [] }, 'INVALID_INPUT', 'lines[0].quantity'],
    ['four decimals', { lines: [{ barcode: CATALOG.latte.barcode, quantity: 1.2345 }], payments: [] }, 'INVALID_INPUT', 'lines[0].quantity'],
    ['payments short', { lines: [{ barcode: CATALOG.vino.barcode }], payments: [{ method: 'cash', amount_cents: 700 }] }, 'PAYMENT_INSUFFICIENT', 'payments'],
    ['card over total', { lines: [{ barcode: CATALOG.vino.barcode }], payments: [{ method: 'electronic', amount_cents: 800 }] }, 'PAYMENT_EXCEEDS_TOTAL', 'payments'],
    ['lottery with cash', { lines: [{ barcode: CATALOG.vino.barcode }], payments: [{ method: 'cash', amount_cents: 750 }], lottery_code: 'A1B2C3D4' }, 'LOTTERY_NOT_ELECTRONIC', 'lottery_code'],
    ['huge description', { lines: [{ description: 'x'.repeat(10 * 1024 * 1024), unit_price_cents: 100, vat_code: '22' }], payments: [] }, 'INVALID_INPUT', 'lines[0].description'],
    ['bad VAT code', { lines: [{ description: 'x', unit_price_cents: 100, vat_code: '21' }], payments: [] }, 'INVALID_INPUT', 'lines[0].vat_code'],
    ['unknown field', { lines: [{ barcode: CATALOG.latte.barcode }], payments: [], tip: 5 }, 'INVALID_INPUT', '(input)'],
    ['line discount too large', { lines: [{ barcode: CATALOG.latte.barcode, discount_cents: 121 }], payments: [] }, 'LINE_DISCOUNT_TOO_LARGE', 'lines[0].discount_cents'],
    ['unknown operator', { ...cashSale(), operator_id: 'ghost' }, 'OPERATOR_NOT_FOUND', 'operator_id'],
    ['meal vouchers without count', { lines: [{ barcode: CATALOG.vino.barcode }], payments: [{ method: 'meal_voucher', amount_cents: 750 }] }, 'MEAL_VOUCHER_COUNT_REQUIRED', 'payments[0].count'],
    ['not an object', 'vendi tutto', 'INVALID_INPUT', '(input)'],
  ];

  it.each(bad)('%s', (_name, input, code, field) => {
    const before = counts(db);
    const e = errorOf(() => commitSale(db, clock, input));
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
    expect(e.message.length).toBeGreaterThan(5);
    expect(e.messageEn.length).toBeGreaterThan(5);
    expect(counts(db)).toEqual(before);
    // …and the failed attempt does not take a number: the next sale is still 0001.
    expect(commitSale(db, clock, cashSale()).number).toBe('2026-11-21/0001');
  });

  // A failure at any point of the write (simulated with a trigger on each table in turn) rolls
  // back everything the transaction had already written.
  it.each(['documents', 'document_lines', 'payments', 'vat_rows', 'outbox', 'print_jobs', 'audit_log', 'day_counters'])(
    'a failure while writing %s leaves no trace',
    (table) => {
      commitSale(db, clock, cashSale());
      const before = counts(db);
      const op = table === 'day_counters' ? 'UPDATE' : 'INSERT';
      db.exec(`CREATE TEMP TRIGGER boom BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
      expect(() => commitSale(db, clock, cashSale())).toThrow(/disk on fire/);
      expect(counts(db)).toEqual(before);
      db.exec('DROP TRIGGER boom');
      expect(commitSale(db, clock, cashSale()).number).toBe('2026-11-21/0002');
      expect(verifyAudit(db, (id) => documentDigest(db, id)).ok).toBe(true);
    },
  );

  it('the tables list covers every table a document writes', () => {
    commitSale(db, clock, cashSale());
    for (const t of DOCUMENT_TABLES) expect(counts(db)[t], t).toBeGreaterThan(0);
  });
});

describe('gap-free numbering per business day', () => {
  it('counts 0001, 0002, … and restarts on the next Italian day', () => {
    const numbers: string[] = [];
    for (let i = 0; i < 12; i++) {
      if (i % 3 === 1) expect(() => commitSale(db, clock, cashSale(1))).toThrow(); // failures in between
      numbers.push(commitSale(db, clock, cashSale()).number);
      clock.advance(60_000);
    }
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `2026-11-21/${String(i + 1).padStart(4, '0')}`));
    // 23:59:59 Rome (22:59:59Z in November) is still the 21st; 00:00 is the 22nd.
    clock.set('2026-11-21T22:59:59.999Z');
    expect(commitSale(db, clock, cashSale()).number).toBe('2026-11-21/0013');
    clock.set('2026-11-21T23:00:00.000Z');
    expect(commitSale(db, clock, cashSale()).number).toBe('2026-11-22/0001');
    const rows = db.prepare('SELECT business_day, seq FROM documents ORDER BY created_at, seq').all() as { business_day: string; seq: number }[];
    for (const day of new Set(rows.map((r) => r.business_day))) {
      const seqs = rows.filter((r) => r.business_day === day).map((r) => r.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
  });

  it('ten thousand numbers are still 4 digits wide up to 9999, then grow', () => {
    db.prepare('INSERT INTO day_counters (business_day, last_seq) VALUES (?, 9998)').run('2026-11-21');
    expect(commitSale(db, clock, cashSale()).number).toBe('2026-11-21/9999');
    expect(commitSale(db, clock, cashSale()).number).toBe('2026-11-21/10000');
  });

  it('uses the Italian date around the summer-time change', () => {
    clock.set('2026-03-28T23:30:00Z'); // 00:30 CET of the 29th
    expect(commitSale(db, clock, cashSale()).businessDay).toBe('2026-03-29');
    clock.set('2026-03-29T21:59:00Z'); // 23:59 CEST of the 29th
    expect(commitSale(db, clock, cashSale()).number).toBe('2026-03-29/0002');
    clock.set('2026-03-29T22:00:00Z');
    expect(commitSale(db, clock, cashSale()).number).toBe('2026-03-30/0001');
  });
});

describe('business day after a closure', () => {
  const close = (day: string, z: number) =>
    db.prepare(`INSERT INTO day_closures (business_day, z_number, closed_at, snapshot) VALUES (?, ?, ?, '{}')`).run(day, z, clock.now().toISOString());

  it('a sale after the Z report of today belongs to tomorrow', () => {
    expect(commitSale(db, clock, cashSale()).number).toBe('2026-11-21/0001');
    close('2026-11-21', 1);
    clock.advance(3_600_000);
    const r = commitSale(db, clock, cashSale());
    expect(r.businessDay).toBe('2026-11-22');
    expect(r.number).toBe('2026-11-22/0001');
    expect(businessDayFor(db, clock.now())).toBe('2026-11-22');
    // the next real day continues that day's numbering
    clock.set('2026-11-22T09:00:00Z');
    expect(commitSale(db, clock, cashSale()).number).toBe('2026-11-22/0002');
  });

  it('after closing tomorrow early too, sales move to the day after the last closure', () => {
    close('2026-11-21', 1);
    close('2026-11-22', 2);
    expect(commitSale(db, clock, cashSale()).businessDay).toBe('2026-11-23');
  });

  it('a closure of a past day does not move today', () => {
    close('2026-11-19', 1);
    expect(commitSale(db, clock, cashSale()).businessDay).toBe('2026-11-21');
  });

  it('closing on New Year’s Eve moves sales to the next year', () => {
    clock.set('2026-12-31T20:00:00Z');
    close('2026-12-31', 7);
    expect(commitSale(db, clock, cashSale()).number).toBe('2027-01-01/0001');
  });
});
