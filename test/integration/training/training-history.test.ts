// Training sales in the history (issue #12): listed apart from the fiscal documents, through
// documents.trainingHistory, for the same days as documents.history; the fiscal history never holds
// them, and after training is left they stay listed as what they were while the first fiscal sale is
// 0001 of the day in the fiscal history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSetupTill, type SetupTill } from '../setup/harness.js';
import { setSetting } from '../../../backend/settings.js';

const pane = { lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4' as const, quantity: 1 }], payments: [{ method: 'cash' as const, amount_cents: 350 }] };

let t: SetupTill;
beforeAll(async () => { t = await startSetupTill(); });
afterAll(async () => { await t.close(); });

describe('training sales in the history', () => {
  it('a new install: its sales are listed as training sales (newest first, who sold them), and the fiscal history is empty', async () => {
    await t.ok('sale.commit', pane);
    await t.ok('sale.commit', { ...pane, lines: [{ ...pane.lines[0]!, unit_price_cents: 120, description: 'Latte' }], payments: [{ method: 'cash', amount_cents: 120 }] });
    const r = await t.ok('documents.trainingHistory', {});
    expect(r.rows.map((x: { number: string; totalCents: number; operatorName: string | null }) => [x.number, x.totalCents, x.operatorName])).toEqual([
      ['PROVA 2026-11-21/0002', 120, 'Marco'],
      ['PROVA 2026-11-21/0001', 350, 'Marco'],
    ]);
    expect(await t.ok('documents.history', {})).toEqual({ rows: [], total: 0 });
    // Another day holds none.
    expect((await t.ok('documents.trainingHistory', { from: '2026-11-20', to: '2026-11-20' })).rows).toEqual([]);
    expect((await t.err('documents.trainingHistory', { from: '21/11/2026' })).field).toBe('from');
  });

  it('after training is left, the first fiscal sale is 0001 in the fiscal history, and the training sales stay apart', async () => {
    const at = t.clock.now();
    setSetting(t.till.db, 'setup.shopDoneAt', at.toISOString(), at);
    setSetting(t.till.db, 'setup.adeDoneAt', at.toISOString(), at);
    await t.ok('setup.leaveTraining', {});
    const sale = await t.ok('sale.commit', pane);
    expect(sale.number).toBe('2026-11-21/0001');
    const h = await t.ok('documents.history', {});
    expect(h.rows.map((x: { number: string }) => x.number)).toEqual(['2026-11-21/0001']);
    expect((await t.ok('documents.trainingHistory', {})).rows).toHaveLength(2);
  });
});
