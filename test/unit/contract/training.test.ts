// Training mode through the contract (issue #12): the status bar's state, the manager action that
// leaves training (a cashier is asked for a manager's PIN; a refusal names the missing steps), and
// the receipt preview of a training sale.
import { describe, expect, it } from 'vitest';
import { makeBackend, loginCashier, loginManager } from './helpers.js';
import { renderPlainLines } from '../../../shared/receipt.js';
import { setSetting } from '../../../backend/settings.js';

const sale = { lines: [{ sku: 'LATTE', quantity: 1 }], payments: [{ method: 'cash' as const, amount_cents: 200 }] };

describe('training mode: the contract', () => {
  it('status.get says training, with both set-up steps missing, before anyone logs in', async () => {
    const b = makeBackend({}, {}, 'training');
    expect((await b.ok('status.get', {})).training).toEqual({ training: true, missing: ['shop', 'ade'], fiscalSince: null });
    expect(await b.ok('setup.training', {})).toEqual({ training: true, missing: ['shop', 'ade'], fiscalSince: null });
  });

  it('a training sale commits, numbered PROVA, and its preview carries the training bands', async () => {
    const b = makeBackend({}, {}, 'training');
    await loginCashier(b);
    const r = await b.ok('sale.commit', sale);
    expect(r.number).toBe('PROVA 2026-11-21/0001');
    const preview = renderPlainLines(await b.ok('documents.receipt', { id: r.id })).map((l) => l.trim());
    expect(preview.filter((l) => l === 'MODALITÀ PROVA - NON FISCALE')).toHaveLength(2);
    expect((await b.ok('status.get', {})).sync.queued).toBe(0);
  });

  it('a cashier needs a manager to leave training; the manager is refused in Italian until steps 1–2 are done', async () => {
    const b = makeBackend({}, {}, 'training');
    await loginCashier(b);
    const asked = await b.err('setup.leaveTraining', {});
    expect(asked.code).toBe('MANAGER_REQUIRED');
    expect(asked.approval?.reasons.map((r) => r.message)).toEqual(['Uscita dalla modalità prova: da ora le vendite sono fiscali']);
    await b.approve(asked);
    const refused = await b.err('setup.leaveTraining', {});
    expect(refused).toMatchObject({ code: 'SETUP_INCOMPLETE', field: 'setup.shopDoneAt' });
    expect(refused.message).toMatch(/^Impossibile uscire dalla modalità prova: manca passo 1, i dati del negozio/);

    await loginManager(b, 's2');
    // Steps 1–2 recorded by the backend, as the set-up does (the settings screen cannot type them).
    const at = b.clock.now().toISOString();
    setSetting(b.db, 'setup.shopDoneAt', at, b.clock.now());
    setSetting(b.db, 'setup.adeDoneAt', at, b.clock.now());
    expect((await b.ok('setup.leaveTraining', {}, 's2'))).toEqual({ training: false, missing: [], fiscalSince: at });
    expect((await b.ok('status.get', {})).training.training).toBe(false);
    expect((await b.ok('sale.commit', sale)).number).toBe('2026-11-21/0001');
  });
});
