// The end-of-day screen's calls through the real dispatcher: access rules, the guided flow
// (movements → count → final sync → close → print) and the outputs it shows.
import { describe, expect, it } from 'vitest';
import { loginCashier, loginManager, makeBackend } from '../../unit/contract/helpers.js';
import { setFiscal } from './helpers.js';
import type { SyncPort } from '../../../backend/api/context.js';
import { renderPlainText } from '../../../shared/receipt.js';
import { pdfTextRuns } from './pdf-text.js';

const sale = { lines: [{ barcode: '8000000000019', quantity: 2 }], payments: [{ method: 'cash' as const, amount_cents: 3000 }] };

describe('reports.* through the dispatcher', () => {
  it('walks the guided end of day: float, cash out with a manager, count, final sync, close, print, PDF', async () => {
    let sent: string[] = [];
    const sync: SyncPort & { finalSync: () => Promise<void> } = {
      status: () => ({ online: true, lastSuccessAt: null, problem: null, problemEn: null }),
      retry: () => ({ state: 'pending' }),
      finalSync: async () => { sent = ids.map((id, i) => { setFiscal(b.db, id, 'ready', `DCW2026/000${i + 1}-0001`); return id; }); },
    };
    const b = makeBackend({ sync });
    await loginCashier(b);
    await b.ok('reports.cashMovement', { kind: 'float', amount_cents: 10000 });
    const ids = [(await b.ok('sale.commit', sale)).id, (await b.ok('sale.commit', sale)).id];
    expect((await b.err('reports.cashMovement', { kind: 'out', amount_cents: 1000, reason: 'Fornitore' })).code).toBe('MANAGER_REQUIRED');
    const count = await b.ok('reports.countCash', { denominations: { '10000': 1, '2000': 2, '500': 1, '20': 4 } });
    expect(count).toMatchObject({ countedCents: 14580, expectedCents: 15160, varianceCents: -580, operatorId: b.cashierId });

    const status = await b.ok('reports.status', {});
    expect(status).toMatchObject({ businessDay: '2026-11-21', closed: false, lastClosure: null });
    expect(status.report.fiscal).toMatchObject({ total: 2, pending: 2 });
    expect((await b.err('reports.closeDay', {})).code).toBe('MANAGER_REQUIRED');

    await loginManager(b);
    await b.ok('reports.cashMovement', { kind: 'out', amount_cents: 580, reason: 'Resto al fornitore' });
    const fs = await b.ok('reports.finalSync', {});
    expect(sent).toEqual(ids);
    expect(fs).toMatchObject({ ran: true, ok: true, fiscal: { ready: 2, pending: 0, failed: 0 } });
    const closed = await b.ok('reports.closeDay', {});
    expect(closed.zNumber).toBe(1);
    expect(closed.report.cash).toMatchObject({ expectedCents: 14580, varianceCents: 0 });
    expect(closed.report.closure).toMatchObject({ operatorId: b.managerId, operatorName: 'Marco', finalSync: { ran: true, ok: true } });
    expect((await b.err('reports.closeDay', { business_day: '2026-11-21' })).code).toBe('DAY_ALREADY_CLOSED');

    const z = await b.ok('reports.get', { type: 'z' });
    expect(z.closure?.zNumber).toBe(1);
    const { printJobId } = await b.ok('reports.print', { type: 'z' });
    const job = b.db.prepare('SELECT kind, payload FROM print_jobs WHERE id = ?').get(printJobId) as { kind: string; payload: string };
    expect(job.kind).toBe('z_report');
    // The Z names who closed the day, not who printed it.
    expect(JSON.parse(job.payload)).toMatchObject({ zNumber: 1, businessDay: '2026-11-21', operator: 'Marco' });
    const layout = await b.ok('reports.layout', { type: 'z', columns: 32 });
    expect(layout.columns).toBe(32);
    expect(renderPlainText(layout)).toContain('Chiusura Z N.');
    const pdf = await b.ok('reports.pdf', { type: 'z' });
    expect(pdf.fileName).toBe('Z-0001-2026-11-21.pdf');
    expect(pdfTextRuns(Buffer.from(pdf.base64, 'base64')).join(' ')).toContain('Chiusura Z N. 1');

    const after = await b.ok('reports.status', {});
    expect(after).toMatchObject({ businessDay: '2026-11-22', lastClosure: { businessDay: '2026-11-21', zNumber: 1 } });
  });

  it('without a sync port the final sync says it did not run, and closing needs a note for unsent documents', async () => {
    const b = makeBackend();
    await loginManager(b);
    await b.ok('sale.commit', sale);
    expect(await b.ok('reports.finalSync', {})).toMatchObject({ ran: false, fiscal: { pending: 1 } });
    const e = await b.err('reports.closeDay', { count: { denominations: {} } });
    expect(e).toMatchObject({ code: 'DAY_HAS_UNSENT_DOCUMENTS', field: 'note' });
    const ok = await b.ok('reports.closeDay', { count: { denominations: {} }, note: 'Invio domani' });
    expect(ok.report.fiscal.notReady).toHaveLength(1);
    expect((await b.err('reports.get', { type: 'z', date: '2026-11-20' })).code).toBe('DAY_NOT_CLOSED');
  });

  it('with a background sync engine, the final sync wakes it and waits until the day is transmitted', async () => {
    let ids: string[] = [];
    const port: SyncPort = {
      status: () => ({ online: true, lastSuccessAt: null, problem: null, problemEn: null }),
      retry: () => ({ state: 'pending' }),
      wake: () => { setTimeout(() => ids.forEach((id, i) => setFiscal(b.db, id, 'ready', `DCW2026/000${i + 1}-0001`)), 300); },
    };
    const b = makeBackend({ sync: port });
    await loginManager(b);
    ids = [(await b.ok('sale.commit', sale)).id, (await b.ok('sale.commit', sale)).id];
    const r = await b.ok('reports.finalSync', {});
    expect(r).toMatchObject({ ran: true, ok: true, error: null, fiscal: { ready: 2, pending: 0 } });
  });

  it('a sync stopped by a problem makes the final sync fail, and closing then needs force and a note', async () => {
    const port: SyncPort = {
      status: () => ({ online: false, lastSuccessAt: null, problem: 'Token Openapi non valido', problemEn: 'Invalid token' }),
      retry: () => ({ state: 'pending' }),
      wake: () => {},
    };
    const b = makeBackend({ sync: port });
    await loginManager(b);
    await b.ok('sale.commit', sale);
    expect(await b.ok('reports.finalSync', {})).toMatchObject({ ran: true, ok: false, error: 'Token Openapi non valido' });
    expect((await b.err('reports.closeDay', { note: 'x' })).code).toBe('FINAL_SYNC_FAILED');
    const z = await b.ok('reports.closeDay', { note: 'Token da rinnovare', force: true });
    expect(z.report.closure?.finalSync).toEqual({ ran: true, ok: false, error: 'Token Openapi non valido' });
  });
});
