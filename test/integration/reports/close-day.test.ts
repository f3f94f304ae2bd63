import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../../../backend/db/types.js';
import { businessDayFor, documentDigest, verifyAudit } from '../../../backend/ledger/index.js';
import { closeDay, recordCashCount, recordCashMovement, xReport, zReport, lastClosure } from '../../../backend/reports/index.js';
import type { CloseProgress } from '../../../shared/contract/reports.js';
import { fakeClock } from '../../../shared/time.js';
import { line, recordReturn, recordVoid, sale, setFiscal, setup, rejection } from './helpers.js';

let db: WritableDb;
let clock: ReturnType<typeof fakeClock>;

beforeEach(() => {
  ({ db, clock } = setup('2026-11-21T08:00:00Z'));
});
afterEach(() => db.close());

let adeSeq = 0;
/** A cash sale; accepted by the AdE unless told otherwise (the sync is not running in these tests). */
function cashSale(cents: number, fiscal: 'ready' | 'pending' = 'ready') {
  clock.advance(60_000);
  const r = sale(db, clock, { lines: [line(cents, '22')], payments: [{ method: 'cash', amount_cents: cents + 1000 }] });
  if (fiscal === 'ready') setFiscal(db, r.id, 'ready', `DCW2026/9${String(++adeSeq).padStart(3, '0')}-0001`);
  return r;
}

describe('closeDay', () => {
  it('closes once with a numbered Z snapshot; closing again is refused with a clear message', async () => {
    recordCashMovement(db, clock, { kind: 'float', amount_cents: 10000 });
    cashSale(1250);
    const res = await closeDay(db, clock, { count: { denominations: { '10000': 1, '1000': 1, '200': 1, '50': 1 } } });
    expect(res).toMatchObject({ businessDay: '2026-11-21', zNumber: 1 });
    expect(res.report.type).toBe('z');
    expect(res.report.cash).toMatchObject({ expectedCents: 11250, varianceCents: 0 });

    const again = await rejection(closeDay(db, clock, { business_day: '2026-11-21', count: { denominations: {} } }));
    expect(again.code).toBe('DAY_ALREADY_CLOSED');
    expect(again.message).toContain('21/11/2026 è già chiusa');
    expect(again.message).toContain('Z N. 1');
    expect(again.messageEn).toContain('already closed');
    // Refusing wrote nothing: still one closure, one close entry in the journal, no extra count.
    expect(db.prepare('SELECT count(*) FROM day_closures').pluck().get()).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'day.close'`).pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM cash_counts').pluck().get()).toBe(1);
    expect(verifyAudit(db, (id) => documentDigest(db, id)).ok).toBe(true);
  });

  it('dates sales after closing on the next business day, and gives the next closure the next Z number', async () => {
    cashSale(500);
    await closeDay(db, clock, { count: { denominations: { '500': 1 } } });
    const late = cashSale(700); // same calendar day, after the Z
    expect(late.businessDay).toBe('2026-11-22');
    expect(businessDayFor(db, clock.now())).toBe('2026-11-22');
    expect(zReport(db, '2026-11-21').sales.totalCents).toBe(500);
    expect(xReport(db, clock).sales).toEqual({ count: 1, totalCents: 700 });
    clock.set('2026-11-22T19:00:00Z');
    const second = await closeDay(db, clock, { count: { denominations: { '500': 1, '200': 1 } } });
    expect(second).toMatchObject({ businessDay: '2026-11-22', zNumber: 2 });
    expect(lastClosure(db)).toMatchObject({ businessDay: '2026-11-22', zNumber: 2 });
  });

  it('a closed day cannot be changed: movements and counts go elsewhere or are refused, the snapshot is immutable', async () => {
    cashSale(500);
    await closeDay(db, clock, { count: { denominations: { '500': 1 } } });
    const m = recordCashMovement(db, clock, { kind: 'in', amount_cents: 100, reason: 'Cambio' });
    expect(m.businessDay).toBe('2026-11-22');
    expect(() => recordCashCount(db, clock, { denominations: {} }, { businessDay: '2026-11-21' })).toThrow(/chiusa/);
    expect(() => db.prepare(`UPDATE day_closures SET note = 'x'`).run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM day_closures').run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM cash_movements').run()).toThrow(/append-only/);
    expect(zReport(db, '2026-11-21').cash.cashInCents).toBe(0);
  });

  it('with failed and pending documents: refused without a note, allowed with one, and the report says so', async () => {
    const ok = cashSale(1000);
    const bad = cashSale(2000);
    const waiting = cashSale(3000);
    setFiscal(db, ok.id, 'ready', 'DCW2026/0001-0001');
    setFiscal(db, bad.id, 'failed', null, 'Partita IVA non valida');
    setFiscal(db, waiting.id, 'sent');

    const refused = await rejection(closeDay(db, clock, { count: { denominations: {} }, force: true }));
    expect(refused.code).toBe('DAY_HAS_UNSENT_DOCUMENTS');
    expect(refused.field).toBe('note');
    expect(refused.message).toContain('2 documenti non ancora accettati');
    expect(refused.message).toContain('1 in attesa, 1 rifiutato/fallito');
    expect(db.prepare('SELECT count(*) FROM day_closures').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM cash_counts').pluck().get()).toBe(0);

    const res = await closeDay(db, clock, { note: 'Connessione assente, reinvio domani', count: { denominations: {} } });
    const z = zReport(db, res.businessDay);
    expect(z.closure).toMatchObject({ note: 'Connessione assente, reinvio domani', notReadyAtClose: 2 });
    expect(z.fiscal).toMatchObject({ total: 3, ready: 1, pending: 1, failed: 1 });
    expect(z.fiscal.notReady.map((d) => [d.number, d.bucket, d.errorMessage])).toEqual([
      [bad.number, 'failed', 'Partita IVA non valida'],
      [waiting.number, 'pending', null],
    ]);
    const entry = db.prepare(`SELECT payload FROM audit_log WHERE action = 'day.close'`).pluck().get() as string;
    expect(JSON.parse(entry)).toMatchObject({ zNumber: 1, notReady: 2, note: 'Connessione assente, reinvio domani' });

    // Later the documents go through: the snapshot stays as closed, the current state is shown beside it.
    setFiscal(db, bad.id, 'ready', 'DCW2026/0002-0001');
    setFiscal(db, waiting.id, 'ready', 'DCW2026/0003-0001');
    const later = zReport(db, res.businessDay);
    expect(later.fiscal.failed).toBe(1);
    expect(later.fiscalNow).toMatchObject({ ready: 3, pending: 0, failed: 0, notReady: [] });
  });

  it('runs the final sync first, reports progress, and then sees the documents it sent', async () => {
    const a = cashSale(1000, 'pending');
    const b = cashSale(2000, 'pending');
    const events: CloseProgress[] = [];
    const res = await closeDay(db, clock, { count: { denominations: {} } }, {
      finalSync: async () => {
        setFiscal(db, a.id, 'ready', 'DCW2026/0001-0001');
        await new Promise((r) => setTimeout(r, 30));
        setFiscal(db, b.id, 'ready', 'DCW2026/0002-0001');
      },
      progressEveryMs: 10,
      onProgress: (p) => events.push(p),
    });
    expect(res.report.fiscal).toMatchObject({ ready: 2, pending: 0, failed: 0 });
    expect(res.report.closure?.finalSync).toEqual({ ran: true, ok: true, error: null });
    expect(res.report.numbering).toMatchObject({ firstDocumentNumber: 'DCW2026/0001-0001', lastDocumentNumber: 'DCW2026/0002-0001' });
    const syncs = events.filter((e): e is Extract<CloseProgress, { step: 'sync' }> => e.step === 'sync');
    expect(syncs[0]).toMatchObject({ phase: 'start', pending: 2, ready: 0, total: 2 });
    expect(syncs.some((e) => e.phase === 'progress' && e.ready === 1)).toBe(true);
    expect(syncs.at(-1)).toMatchObject({ phase: 'done', pending: 0, ready: 2 });
    expect(events.map((e) => e.step).filter((s) => s !== 'sync')).toEqual(['checking', 'closing', 'closed']);
  });

  it('a failed final sync stops the closing unless forced (and then a note is still needed for unsent documents)', async () => {
    cashSale(1000, 'pending');
    const finalSync = async () => { throw new Error('connessione rifiutata'); };
    const stop = await rejection(closeDay(db, clock, { count: { denominations: {} }, note: 'offline' }, { finalSync }));
    expect(stop.code).toBe('FINAL_SYNC_FAILED');
    expect(stop.message).toContain('connessione rifiutata');
    const noNote = await rejection(closeDay(db, clock, { count: { denominations: {} }, force: true }, { finalSync }));
    expect(noNote.code).toBe('DAY_HAS_UNSENT_DOCUMENTS');
    const res = await closeDay(db, clock, { count: { denominations: {} }, force: true, note: 'Internet assente' }, { finalSync });
    expect(res.report.closure?.finalSync).toEqual({ ran: true, ok: false, error: 'connessione rifiutata' });
  });

  it('refuses a day that has not started and names an unknown operator', async () => {
    expect((await rejection(closeDay(db, clock, { business_day: '2026-11-23' }))).code).toBe('DAY_NOT_STARTED');
    expect((await rejection(closeDay(db, clock, { operator_id: 'nessuno' }))).code).toBe('OPERATOR_NOT_FOUND');
    expect((await rejection(closeDay(db, clock, { business_day: '21/11/2026' }))).field).toBe('business_day');
  });

  it('closes a forgotten earlier day after a later one, with the next Z number', async () => {
    cashSale(1000);
    clock.set('2026-11-22T09:00:00Z');
    cashSale(2000);
    await closeDay(db, clock, { business_day: '2026-11-22', count: { denominations: {} }, note: 'x' });
    const res = await closeDay(db, clock, { business_day: '2026-11-21', count: { denominations: {} }, note: 'dimenticata' });
    expect(res).toMatchObject({ zNumber: 2 });
    expect(res.report.sales.totalCents).toBe(1000);
  });

  it('reports a return of an earlier day on the day of the return, and a void gives back the rounding of its sale', async () => {
    const first = cashSale(1252); // rounded to 12,50 at the till
    expect(first.roundingCents).toBe(-2);
    const card = sale(db, clock, { lines: [line(1000, '10'), line(500, '22')], payments: [{ method: 'electronic', amount_cents: 1500 }] });
    await closeDay(db, clock, { count: { denominations: { '1000': 1, '200': 1, '50': 1 } }, note: 'test' });
    clock.set('2026-11-22T09:00:00Z');
    recordReturn(db, clock, { sale: card.id, lines: [{ line_no: 1, quantity: 1 }] });
    recordVoid(db, clock, { sale: first.id });
    const x = xReport(db, clock);
    expect(x.from).toBe('2026-11-22');
    expect(x).toMatchObject({
      sales: { count: 0, totalCents: 0 },
      returns: { count: 1, totalCents: 1000 },
      voids: { count: 1, totalCents: 1252 },
      netCents: -2252,
      rounding: { salesCents: 0, voidedCents: -2, netCents: 2 },
      paymentsNetCents: -2250,
    });
    expect(x.payments).toEqual([
      { method: 'cash', salesCents: 0, salesCount: 0, refundsCents: 1250, refundsCount: 1, netCents: -1250, pieces: null },
      { method: 'electronic', salesCents: 0, salesCount: 0, refundsCents: 1000, refundsCount: 1, netCents: -1000, pieces: null },
    ]);
    expect(x.cash.expectedCents).toBe(-1250);
    // The closed day is untouched.
    expect(zReport(db, '2026-11-21').netCents).toBe(2752);
  });
});
