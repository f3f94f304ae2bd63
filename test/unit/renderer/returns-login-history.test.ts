import { beforeEach, describe, expect, it, vi } from 'vitest';
import { world, loginAs, approvalAsked, type StoreWorld } from './helpers.js';
import { useReturns } from '../../../renderer/src/features/returns/store.js';
import { useHistory } from '../../../renderer/src/features/history/store.js';
import { useLogin } from '../../../renderer/src/features/login/store.js';
import { useApp } from '../../../renderer/src/kit/app-store.js';
import { it as itLocale } from '../../../renderer/src/kit/locales/it.js';
import { en } from '../../../renderer/src/kit/locales/en.js';

let w: StoreWorld;

beforeEach(() => { w = world(); });

async function sell(lines: { sku: string; quantity?: number }[], cents: number) {
  return w.backend.ok('sale.commit', { lines, payments: [{ method: 'cash', amount_cents: cents }] }, 'renderer-test');
}

describe('login store', () => {
  it('shows who can log in, refuses a wrong PIN, then logs in', async () => {
    await useLogin.getState().refresh();
    expect(useLogin.getState().session?.operators.map((o) => o.name)).toEqual(['Giulia', 'Marco']);
    useLogin.getState().select(w.backend.cashierId);
    for (const d of '1234') useLogin.getState().typeDigit(d);
    expect(await useLogin.getState().login()).toBe(false);
    expect(useLogin.getState().error?.message).toBe('PIN errato');
    expect(useLogin.getState().pin).toBe('');
    for (const d of '1111x') useLogin.getState().typeDigit(d);
    expect(await useLogin.getState().login()).toBe(true);
    expect(useLogin.getState().session?.operator?.name).toBe('Giulia');
    await useLogin.getState().logout();
    expect(useLogin.getState().session?.operator).toBeNull();
  });
});

describe('returns store', () => {
  it('finds the sale by number, clamps quantities to what is returnable, refunds like the ledger', async () => {
    await loginAs(w, 'cashier');
    const s = await sell([{ sku: 'LATTE', quantity: 3 }], 500);
    expect(await useReturns.getState().load(s.number)).toBe(true);
    useReturns.getState().setQuantity(1, 5000);
    expect(useReturns.getState().quantities[1]).toBe(3000);
    useReturns.getState().setQuantity(1, 1000);
    expect(useReturns.getState().refundCents()).toBe(149);
    expect(useReturns.getState().needsManager()).toBe(false);
    expect(await useReturns.getState().submitReturn()).toBe(true);
    expect(useReturns.getState().result?.commit).toMatchObject({ kind: 'return', totalCents: 149 });
    expect(await useReturns.getState().load(s.id)).toBe(true);
    expect(useReturns.getState().detail?.returnable).toEqual([{ lineNo: 1, quantityMilli: 2000 }]);
  });

  it('nothing selected is an error on the lines; a void needs a manager', async () => {
    await loginAs(w, 'cashier');
    const s = await sell([{ sku: 'VINO' }], 1290);
    await useReturns.getState().load(s.id);
    expect(await useReturns.getState().submitReturn()).toBe(false);
    expect(useReturns.getState().error?.field).toBe('lines');
    const voiding = useReturns.getState().submitVoid();
    const asked = await approvalAsked();
    expect(asked.method).toBe('documents.void');
    expect(asked.reasons.map((r) => r.message)).toEqual([`Annullo della vendita ${s.number} (€ 12,90)`]);
    await useApp.getState().submitApproval('9999');
    expect(await voiding).toBe(true);
    expect(useReturns.getState().result?.commit.kind).toBe('void');
  });

  it('another screen opens returns for a sale through the app store (history\'s «Reso»): the sale is looked up in that same step', async () => {
    await loginAs(w, 'cashier');
    const s = await sell([{ sku: 'PANE' }], 350);
    // What an earlier return left on the returns screen.
    useReturns.setState({ quantities: { 1: 1000 }, reason: 'rotto', result: { commit: { kind: 'return' } as never, receipt: null } });
    useApp.getState().open({ route: 'returns', document: s.id });
    expect(useApp.getState().route).toBe('returns');
    // What the returns screen showed before is gone before it is painted; the look-up is under way.
    expect(useReturns.getState()).toMatchObject({ ref: s.id, busy: true, result: null, reason: '' });
    expect(useReturns.getState().quantities).toEqual({});
    await vi.waitFor(() => expect(useReturns.getState().busy).toBe(false));
    expect(useReturns.getState().detail?.document.number).toBe(s.number);
    expect(useReturns.getState().error).toBeNull();
  });

  it('a receipt number that is not a sale is refused', async () => {
    await loginAs(w, 'manager');
    const s = await sell([{ sku: 'PANE' }], 350);
    const r = await w.backend.ok('documents.return', { sale: s.id, lines: [{ line_no: 1, quantity: 1 }] }, 'renderer-test');
    expect(await useReturns.getState().load(r.number)).toBe(false);
    expect(useReturns.getState().error?.code).toBe('NOT_A_SALE');
  });
});

describe('history store', () => {
  it('lists today with fiscal status, filters by kind, and opens the receipt', async () => {
    await loginAs(w, 'manager');
    const s = await sell([{ sku: 'PANE' }], 350);
    await w.backend.ok('documents.return', { sale: s.id, lines: [{ line_no: 1, quantity: 1 }] }, 'renderer-test');
    await useHistory.getState().load();
    expect(useHistory.getState().rows.map((r) => [r.kind, r.fiscalGroup])).toEqual([['return', 'queued'], ['sale', 'queued']]);
    useHistory.getState().setFilter('kind', 'sale');
    await useHistory.getState().load();
    expect(useHistory.getState().rows.map((r) => r.number)).toEqual([s.number]);
    await useHistory.getState().open(s.id);
    expect(useHistory.getState().detail?.children.map((c) => c.kind)).toEqual(['return']);
    expect(useHistory.getState().receipt?.kind).toBe('sale');
  });

  it('a refusal stays on screen when the list is refreshed by a pushed change (the sync sent a document, a receipt printed)', async () => {
    await loginAs(w, 'cashier');
    const s = await sell([{ sku: 'PANE' }], 350);
    await useHistory.getState().load();
    await useHistory.getState().open(s.id);
    // «Stampa numero AdE» before the Agenzia has given the number: refused, in Italian.
    expect(await useHistory.getState().printFiscalNumber(s.id)).toBe(false);
    const refusal = useHistory.getState().error;
    expect(refusal?.message).toContain(`Il numero AdE di ${s.number} non è ancora arrivato`);
    // Meanwhile the backend pushes 'documents' and the screen reloads: the cashier still reads why.
    await useHistory.getState().load();
    expect(useHistory.getState().error).toEqual(refusal);
    expect(useHistory.getState().detail?.document.id).toBe(s.id);
    // Closing it is the cashier's choice (or their next action).
    useHistory.getState().dismissError();
    expect(useHistory.getState().error).toBeNull();
  });

  it('a failed refresh is shown, and the next refresh that works takes it away', async () => {
    await loginAs(w, 'cashier');
    const failing = { ok: false as const, error: { code: 'BACKEND_UNREACHABLE', message: 'Il programma della cassa non risponde', message_en: 'unreachable' } };
    const api = (await import('../../../renderer/src/api/client.js')).getApi();
    const spy = vi.spyOn(api, 'call').mockResolvedValueOnce(failing as never);
    await useHistory.getState().load();
    expect(useHistory.getState().error?.code).toBe('BACKEND_UNREACHABLE');
    spy.mockRestore();
    await useHistory.getState().load();
    expect(useHistory.getState().error).toBeNull();
  });
});

describe('i18n', () => {
  it('English has every Italian key (and nothing else)', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${p}${k}`] : keys(v as object, `${p}${k}.`))).sort();
    expect(keys(en)).toEqual(keys(itLocale));
  });
});
