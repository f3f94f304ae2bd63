// A manager approval authorises ONE call, even when a slow read that needs a manager (the final
// sync of the end-of-day screen) is still running when the next call arrives: it is taken when the
// call starts, not when it ends.
import { describe, expect, it } from 'vitest';
import { loginCashier, makeBackend } from './helpers.js';
import type { SyncPort } from '../../../backend/api/context.js';

const cashSale = { lines: [{ barcode: '8001234567890', quantity: 2 }], payments: [{ method: 'cash' as const, amount_cents: 500 }] };

function gatedSync() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  const sync: SyncPort & { finalSync: () => Promise<void> } = {
    status: () => ({ online: true, lastSuccessAt: null, problem: null, problemEn: null }),
    retry: () => ({ state: 'pending' }),
    finalSync: () => {
      started();
      return gate;
    },
  };
  return { sync, release, running };
}

const uses = (b: ReturnType<typeof makeBackend>) => (b.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'manager.approval'`).get() as { n: number }).n;

describe('manager approval is used once', () => {
  it('a void cannot ride on an approval taken by a final sync still in progress', async () => {
    const { sync, release, running } = gatedSync();
    const b = makeBackend({ sync });
    await loginCashier(b);
    const sale = await b.ok('sale.commit', cashSale);
    await b.approve(await b.err('reports.finalSync', {}));
    const finalSync = b.dispatcher.call('reports.finalSync', {}, { id: 's1' });
    await running;
    const voided = await b.dispatcher.call('documents.void', { sale: sale.id }, { id: 's1' });
    release();
    expect((await finalSync).ok).toBe(true);
    expect(voided.ok ? 'void went through' : voided.error.code).toBe('MANAGER_REQUIRED');
    expect(uses(b)).toBe(1);
  });

  it('two identical calls at once: the approval serves the first only', async () => {
    const { sync, release, running } = gatedSync();
    const b = makeBackend({ sync });
    await loginCashier(b);
    await b.approve(await b.err('reports.finalSync', {}));
    const first = b.dispatcher.call('reports.finalSync', {}, { id: 's1' });
    await running;
    const second = await b.dispatcher.call('reports.finalSync', {}, { id: 's1' });
    release();
    expect((await first).ok).toBe(true);
    expect(second.ok ? 'second went through' : second.error.code).toBe('MANAGER_REQUIRED');
    expect(uses(b)).toBe(1);
  });
});
