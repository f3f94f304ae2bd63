// What the shop is shown: counts, stops, the 90-day AdE credential expiry, warned from day 80.
import { describe, it, expect, beforeEach } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, recordReturn } from '../../../backend/ledger/index.js';
import { fakeClock } from '../../../shared/time.js';
import { getSyncStatus, syncStatusText, credentialsStatus, listFailed } from '../../../backend/sync/status.js';
import { writeState } from '../../../backend/sync/sync-state.js';
import { recordFailed } from '../../../backend/sync/outbox.js';
import { backoffMs } from '../../../backend/sync/backoff.js';
import { candidateDays } from '../../../backend/sync/lookup.js';
import { tuningFromEnv } from '../../../backend/sync/config.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

let db: WritableDb;
const clock = fakeClock('2026-03-10T10:00:00Z');
const DAY = 86_400_000;
beforeEach(() => { db = fiscalShop(openDatabase(':memory:')); clock.set('2026-03-10T10:00:00Z'); });

describe('AdE credentials expiry', () => {
  it('expire 90 days after they were set; the shop is warned from day 80', () => {
    expect(credentialsStatus(db, clock)).toBe(null);
    writeState(db, 'onboarding', { fiscalId: '1', name: 'n', email: 'e@x.it', taxCode: 'T', baseUrl: 'u', credentialsUpdatedAt: clock.now().toISOString(), onboardedAt: clock.now().toISOString() }, clock.now());
    clock.advance(80 * DAY - 1);
    expect(credentialsStatus(db, clock)).toMatchObject({ daysLeft: 11, warning: false, expired: false, expiresAt: '2026-06-08T10:00:00.000Z' });
    clock.advance(1);
    expect(credentialsStatus(db, clock)).toMatchObject({ daysLeft: 10, warning: true, expired: false });
    expect(syncStatusText(getSyncStatus(db, clock))).toMatch(/Le credenziali AdE scadono tra 10 giorni/);
    clock.advance(10 * DAY);
    expect(credentialsStatus(db, clock)).toMatchObject({ warning: true, expired: true });
    expect(syncStatusText(getSyncStatus(db, clock))).toMatch(/Credenziali AdE SCADUTE/);
  });
});

describe('getSyncStatus', () => {
  it('counts the queue, children waiting for their sale, failures with their message', () => {
    const s = commitSale(db, clock, { lines: [{ description: 'A', unit_price_cents: 500, vat_code: '22', quantity: 2 }], payments: [{ method: 'electronic', amount_cents: 1000 }] }).id;
    recordReturn(db, clock, { sale: s, lines: [{ line_no: 1, quantity: 1 }] });
    const f = commitSale(db, clock, { lines: [{ description: 'B', unit_price_cents: 100, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 100 }] }).id;
    recordFailed(db, f, '603', 'lottery_code cannot be used if the payment was not fully electronic', clock.now());
    writeState(db, 'last_error', { code: '603', message: 'lottery_code cannot be used if the payment was not fully electronic', at: clock.now().toISOString(), documentId: f }, clock.now());
    const st = getSyncStatus(db, clock);
    expect(st).toMatchObject({ pending: 2, inFlight: 0, unknown: 0, ready: 0, failed: 1, waitingForParent: 1, authRequired: false, blackout: false, running: false });
    expect(listFailed(db)).toEqual([expect.objectContaining({ documentId: f, kind: 'sale', totalCents: 100, code: '603' })]);
    const text = syncStatusText(st, 'it', listFailed(db));
    expect(text).toMatch(/2 in coda, 0 in corso, 0 da verificare, 0 trasmessi, 1 in errore/);
    // The refusal in Italian words, the API's own words apart and labelled.
    expect(text).toMatch(/✗ .* \(vendita, € 1,00\): Il codice lotteria non è accettato: serve un pagamento tutto elettronico/);
    expect(text).toMatch(/\n {4}Messaggio di Openapi: «lottery_code cannot be used if the payment was not fully electronic»/);
    expect(text).toMatch(/Ultimo problema \(.*\): un documento è stato rifiutato/);
    expect(syncStatusText(st, 'en')).toMatch(/2 queued/);
  });

  it('shows a stop for a rejected token', () => {
    writeState(db, 'auth_required', { message: 'Unauthorized', at: clock.now().toISOString(), tokenFingerprint: 'x' }, clock.now());
    const st = getSyncStatus(db, clock);
    expect(st.authRequired).toBe(true);
    expect(syncStatusText(st)).toMatch(/FERMO: token Openapi non valido o scaduto: inserirne uno nuovo/);
    expect(syncStatusText(st)).toMatch(/\n {4}Messaggio di Openapi: «Unauthorized»/);
  });
});

describe('small rules', () => {
  it('backoff doubles up to its cap, with jitter in the upper half', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('a look-up searches every UTC day the API may have stamped, widened near midnight', () => {
    expect(candidateDays(new Date('2026-03-10T10:00:00Z'), new Date('2026-03-10T10:05:00Z'))).toEqual(['2026-03-10']);
    expect(candidateDays(new Date('2026-03-10T23:30:00Z'), new Date('2026-03-10T23:31:00Z'))).toEqual(['2026-03-10', '2026-03-11']);
    expect(candidateDays(new Date('2026-03-10T00:30:00Z'), new Date('2026-03-11T00:10:00Z'))).toEqual(['2026-03-09', '2026-03-10', '2026-03-11']);
  });

  it('tuning from the environment is validated', () => {
    expect(tuningFromEnv({ BANCONE_SYNC_TUNING: '{"concurrency":8}' })).toEqual({ concurrency: 8 });
    expect(() => tuningFromEnv({ BANCONE_SYNC_TUNING: '{"concurrency":0}' })).toThrow(/BANCONE_SYNC_TUNING/);
    expect(() => tuningFromEnv({ BANCONE_SYNC_TUNING: '{"speed":1}' })).toThrow(/BANCONE_SYNC_TUNING/);
    expect(() => tuningFromEnv({ BANCONE_SYNC_TUNING: 'nope' })).toThrow(/JSON/);
  });
});
