// The end-of-day screen's store against the real dispatcher (in memory), through a direct
// transport: the steps, the manager PIN round trip, and what the store keeps.
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi, setApi } from '../../../renderer/src/api/client.js';
import { useEndOfDay } from '../../../renderer/src/features/end-of-day/store.js';
import { loginCashier, makeBackend, type Backend } from '../contract/helpers.js';

let b: Backend;
let prompts: string[];

beforeEach(async () => {
  b = makeBackend();
  const api = createApi({ kind: 'direct', call: (name, arg) => b.dispatcher.call(name, arg, { id: 's1' }) });
  prompts = [];
  // The approval dialog: the manager types the PIN.
  api.setApprovalPrompt(async (request) => {
    prompts.push(request.reasons[0]!.code);
    return (await b.dispatcher.call('session.approve', { pin: '9999', request_id: request.requestId }, { id: 's1' })).ok;
  });
  setApi(api);
  useEndOfDay.setState(useEndOfDay.getInitialState(), true);
  await loginCashier(b);
  await b.ok('sale.commit', { lines: [{ barcode: '8000000000019', quantity: 2 }], payments: [{ method: 'cash', amount_cents: 3000 }] });
});

describe('end-of-day store', () => {
  it('loads the day, records the float and a cash out (asking the manager), and keeps the form ready', async () => {
    const s = useEndOfDay.getState();
    await s.load();
    expect(useEndOfDay.getState().status?.report.sales).toEqual({ count: 1, totalCents: 2580 });
    expect(useEndOfDay.getState().preview?.lines.length).toBeGreaterThan(10);
    s.setMovement({ kind: 'float', amount: '100,00' });
    expect(await s.addMovement()).toBe(true);
    expect(useEndOfDay.getState().movement).toEqual({ kind: 'out', amount: '', reason: '' });
    s.setMovement({ amount: '12,5', reason: 'Fornitore' });
    expect(await s.addMovement()).toBe(true);
    expect(prompts).toEqual(['cash_out']);
    expect(useEndOfDay.getState().status?.report.cash).toMatchObject({ openingFloatCents: 10000, cashOutCents: 1250, expectedCents: 11330 });
    s.setMovement({ amount: 'dodici' });
    expect(await s.addMovement()).toBe(false);
    expect(useEndOfDay.getState().error?.code).toBe('AMOUNT_INVALID');
  });

  it('counts as typed, refuses bad pieces, saves the count with its variance', async () => {
    const s = useEndOfDay.getState();
    await s.load();
    s.setPieces(2000, '1');
    s.setPieces(500, '1');
    s.setPieces(50, '1');
    s.setPieces(20, '1');
    expect(s.countedCents()).toBe(2570);
    s.setPieces(10, '1,5');
    expect(await s.saveCount()).toBe(false);
    expect(useEndOfDay.getState().error).toMatchObject({ code: 'PIECES_INVALID', field: 'denominations.10' });
    s.setPieces(10, '');
    expect(await s.saveCount()).toBe(true);
    expect(useEndOfDay.getState().count).toMatchObject({ countedCents: 2570, expectedCents: 2580, varianceCents: -10 });
  });

  it('runs the final sync, is refused without a note, closes with one and prints the Z', async () => {
    const s = useEndOfDay.getState();
    await s.load();
    expect(await s.finalSync()).toBe(true);
    expect(useEndOfDay.getState().sync).toMatchObject({ ran: false, fiscal: { pending: 1 } });
    expect(await s.close()).toBe(false);
    expect(useEndOfDay.getState().error?.code).toBe('DAY_HAS_UNSENT_DOCUMENTS');
    s.setNote('Nessuna connessione');
    expect(await s.close()).toBe(true);
    const st = useEndOfDay.getState();
    expect(st.step).toBe('print');
    expect(st.closed).toMatchObject({ zNumber: 1, businessDay: '2026-11-21' });
    expect(st.preview?.lines.some((l) => l.kind === 'pair' && l.left === 'Chiusura Z N.' && l.right === '1')).toBe(true);
    expect(await st.print()).toBe(true);
    expect(useEndOfDay.getState().printJobId).toMatch(/[0-9a-f-]{36}/);
    const pdf = await st.pdf();
    expect(pdf?.fileName).toBe('Z-0001-2026-11-21.pdf');
    expect(Buffer.from(pdf!.bytes).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
