// A manager approval authorises ONE manager-only action, even when a slow read that needs a
// manager (the final sync of the end-of-day screen) is still running when the next call arrives.
import { describe, expect, it } from 'vitest';
import { loginCashier, makeBackend } from './helpers.js';
import type { SyncPort } from '../../../electron/services/handlers/context.js';

const cashSale = { lines: [{ barcode: '8001234567890', quantity: 2 }], payments: [{ method: 'cash' as const, amount_cents: 500 }] };

describe('manager approval is used once', () => {
  it('a void cannot ride on an approval already taken by a final sync still in progress', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sync: SyncPort & { finalSync: () => Promise<void> } = {
      status: () => ({ online: true, lastSuccessAt: null, problem: null, problemEn: null }),
      retry: () => ({ state: 'pending' }),
      finalSync: () => gate,
    };
    const b = makeBackend({ sync });
    await loginCashier(b);
    const sale = await b.ok('sale.commit', cashSale);
    await b.ok('session.approve', { pin: '9999' });
    const finalSync = b.dispatcher.call('reports.finalSync', {}, { id: 's1' });
    await new Promise((r) => setTimeout(r, 10));
    const voided = await b.dispatcher.call('documents.void', { sale: sale.id }, { id: 's1' });
    release();
    expect((await finalSync).ok).toBe(true);
    expect(voided.ok ? 'void went through' : voided.error.code).toBe('MANAGER_REQUIRED');
    const uses = b.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'manager.approval'`).get() as { n: number };
    expect(uses.n).toBe(1);
  });
});
