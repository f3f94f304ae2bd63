// Training mode at the ledger (issue #12): a new install sells only training sales, kept apart from
// the fiscal ledger — no fiscal number, no outbox row, nothing in X/Z or the period totals, nothing
// in the audit chain — and its slips say «MODALITÀ PROVA - NON FISCALE». Leaving training is
// refused, naming what is missing, until set-up steps 1–2 are done; then the first real sale is
// number 0001 of the day.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, recordReturn, recordVoid, verifyAudit, documentDigest } from '../../../backend/ledger/index.js';
import { writeDocument } from '../../../backend/ledger/write.js';
import { computeSale } from '../../../shared/sale.js';
import { isTraining, leaveTraining, trainingState } from '../../../backend/training/mode.js';
import { setSetting } from '../../../backend/settings.js';
import { xReport } from '../../../backend/reports/index.js';
import { getPrintJob } from '../../../backend/printing/jobs.js';
import { renderJob } from '../../../backend/printing/render.js';
import { renderPlainLines, type ReceiptLayout } from '../../../shared/receipt.js';
import { fakeClock } from '../../../shared/time.js';
import { counts, errorOf } from '../ledger/helpers.js';

const REPORT_TABLES = ['report_day_documents', 'report_day_vat', 'report_day_payments', 'report_day_fiscal', 'report_not_ready'] as const;
const rows = (db: WritableDb, t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;

function newInstall() {
  const db = openDatabase(':memory:');
  const clock = fakeClock('2026-11-21T09:00:00Z');
  return { db, clock };
}

const pane = { lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4' as const, quantity: 1 }], payments: [{ method: 'cash' as const, amount_cents: 500 }] };

function setUp(db: WritableDb, at: Date, steps: { shop?: string; ade?: string } = {}) {
  setSetting(db, 'setup.shopDoneAt', steps.shop ?? at.toISOString(), at);
  setSetting(db, 'setup.adeDoneAt', steps.ade ?? at.toISOString(), at);
}

describe('training mode: the ledger', () => {
  it('a new install is in training mode: a sale is a training sale, numbered apart, queued for nothing, counted nowhere', () => {
    const { db, clock } = newInstall();
    expect(isTraining(db)).toBe(true);
    const a = commitSale(db, clock, pane);
    const b = commitSale(db, clock, pane);
    expect([a.number, b.number]).toEqual(['PROVA 2026-11-21/0001', 'PROVA 2026-11-21/0002']);
    // Nothing fiscal: no document, number, outbox row or audit entry; no report totals.
    expect(counts(db)).toMatchObject({ documents: 0, document_lines: 0, payments: 0, vat_rows: 0, outbox: 0, audit_log: 0, day_counters: 0 });
    for (const t of REPORT_TABLES) expect(rows(db, t), t).toBe(0);
    expect(xReport(db, clock).sales).toEqual({ count: 0, totalCents: 0 });
    expect(verifyAudit(db, (id) => documentDigest(db, id))).toMatchObject({ ok: true, entries: 0 });
    // Its slip is queued, as a training slip.
    expect(getPrintJob(db, a.printJobId)).toMatchObject({ kind: 'training_receipt', documentId: null, state: 'queued' });
  });

  it('the ledger itself refuses a fiscal document in training mode, and writes nothing', () => {
    const { db, clock } = newInstall();
    const totals = computeSale({ lines: [{ description: 'Pane', unitPriceCents: 350, vatCode: '4', quantityMilli: 1000, discountCents: 0, complimentary: false }], discountCents: 0, payments: [{ method: 'cash', amountCents: 350 }], lotteryCode: null, cashRounding: false });
    const before = counts(db);
    const e = errorOf(() => db.transaction(() => writeDocument(db, { kind: 'sale', at: clock.now(), businessDay: '2026-11-21', operatorId: null, parentId: null, source: 'till', note: null, totals, printReceipt: true }))());
    expect(e.code).toBe('TRAINING_MODE');
    expect(e.message).toMatch(/Modalità prova: nessun documento fiscale/);
    expect(counts(db)).toEqual(before);
  });

  it('a training sale cannot be voided or returned as a fiscal document, and the refusal says why', () => {
    const { db, clock } = newInstall();
    const a = commitSale(db, clock, pane);
    for (const ref of [a.id, a.number]) {
      const e = errorOf(() => recordVoid(db, clock, { sale: ref }));
      expect(e).toMatchObject({ code: 'TRAINING_DOCUMENT', field: 'sale' });
      expect(e.message).toBe("PROVA 2026-11-21/0001 è uno scontrino di prova (modalità prova): non è un documento fiscale e non si può rendere, annullare né inviare all'AdE");
    }
    expect(errorOf(() => recordReturn(db, clock, { sale: a.number, lines: [{ line_no: 1, quantity: 1 }] })).code).toBe('TRAINING_DOCUMENT');
    expect(counts(db)).toMatchObject({ documents: 0, outbox: 0 });
  });

  it('its slip says MODALITÀ PROVA - NON FISCALE at the top and the bottom and never looks like a documento commerciale', () => {
    const { db, clock } = newInstall();
    const a = commitSale(db, clock, pane);
    const job = getPrintJob(db, a.printJobId)!;
    const rendered = renderJob(job, { columns: 42, shop: { name: 'Il mio negozio', address: '', vatNumber: '', footer: 'Grazie' }, mode: 'wait_fiscal', waitSeconds: 5, logo: false }, clock.now(),
      () => { throw new Error('a training slip reads no fiscal document'); });
    expect(rendered.kind).toBe('print');
    const layout = (rendered as { layout: ReceiptLayout }).layout;
    const text = renderPlainLines(layout).map((l) => l.trim());
    const marks = text.flatMap((l, i) => (l === 'MODALITÀ PROVA - NON FISCALE' ? [i] : []));
    expect(marks).toHaveLength(2);
    expect(marks[0]!).toBeLessThan(text.findIndex((l) => l.startsWith('Pane')));
    expect(marks[1]!).toBeGreaterThan(text.findIndex((l) => l.startsWith('TOTALE')));
    expect(text.join('\n')).not.toMatch(/DOCUMENTO COMMERCIALE|RIEPILOGO IVA|numero AdE/i);
    expect(text.join('\n')).toContain('N. PROVA 2026-11-21/0001');
    expect(layout.lines.some((l) => l.kind === 'qr')).toBe(false);
    expect(layout.openDrawer).toBe(false);
  });

  it('leaving training is refused in Italian, naming what is missing, until set-up steps 1 and 2 are done', () => {
    const { db, clock } = newInstall();
    let e = errorOf(() => leaveTraining(db, clock.now(), { operatorId: null, how: 'manager' }));
    expect(e.code).toBe('SETUP_INCOMPLETE');
    expect(e.message).toMatch(/manca passo 1, i dati del negozio .* e passo 2, il collegamento con l'Agenzia delle Entrate/);
    expect(e.field).toBe('setup.shopDoneAt');
    setUp(db, clock.now(), { ade: '' });
    e = errorOf(() => leaveTraining(db, clock.now(), { operatorId: null, how: 'manager' }));
    expect(e.message).toMatch(/manca passo 2, il collegamento con l'Agenzia delle Entrate/);
    expect(e.message).not.toMatch(/passo 1/);
    expect(e.field).toBe('setup.adeDoneAt');
    // Not an instant: not done.
    setUp(db, clock.now(), { ade: 'sì' });
    expect(errorOf(() => leaveTraining(db, clock.now(), { operatorId: null, how: 'manager' })).code).toBe('SETUP_INCOMPLETE');
    expect(isTraining(db)).toBe(true);
    expect(counts(db).audit_log).toBe(0);
  });

  it('after training the first real sale of the day is 0001 and is fiscal; training cannot come back', () => {
    const { db, clock } = newInstall();
    commitSale(db, clock, pane);
    commitSale(db, clock, pane);
    commitSale(db, clock, pane);
    setUp(db, clock.now());
    clock.advance(60_000);
    expect(leaveTraining(db, clock.now(), { operatorId: null, how: 'manager' })).toEqual({ training: false, missing: [], fiscalSince: '2026-11-21T09:01:00.000Z' });
    const real = commitSale(db, clock, pane);
    expect(real.number).toBe('2026-11-21/0001');
    expect(counts(db)).toMatchObject({ documents: 1, outbox: 1, day_counters: 1 });
    expect(xReport(db, clock).sales).toEqual({ count: 1, totalCents: 350 });
    // The moment the till became fiscal is in the audit chain, before the first fiscal document.
    expect(db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all()).toEqual(['training.leave', 'document.sale']);
    const again = errorOf(() => leaveTraining(db, clock.now(), { operatorId: null, how: 'manager' }));
    expect(again.code).toBe('TRAINING_ALREADY_LEFT');
    expect(trainingState(db).training).toBe(false);
  });
});
