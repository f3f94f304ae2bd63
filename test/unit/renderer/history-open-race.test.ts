// The history's detail is the document the cashier clicked last, even when a refresh pushed by the
// backend (the invoice sender polling, a receipt sent) was reading the previous one at that moment:
// its late answer must not put the old document back on screen. Seen in Chromium
// (test/e2e/invoice-delivered.e2e.test.ts) while an invoice was polled every few hundred ms.
import { beforeEach, describe, expect, it } from 'vitest';
import { world, loginAs, type StoreWorld } from './helpers.js';
import { createApi, setApi } from '../../../renderer/src/api/client.js';
import { useHistory } from '../../../renderer/src/features/history/store.js';

let w: StoreWorld;
beforeEach(() => { w = world(); });

async function sell(cents: number) {
  return w.backend.ok('sale.commit', { lines: [{ sku: 'PANE' }], payments: [{ method: 'cash', amount_cents: cents }] }, 'renderer-test');
}

/** The api, with `documents.get` of `held` kept in flight until release(). */
function holdingGetOf(held: string): { release(): void; reached: Promise<void> } {
  let release!: () => void;
  let reach!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const reached = new Promise<void>((r) => { reach = r; });
  setApi(createApi({
    kind: 'direct',
    call: async (name, arg) => {
      if (name === 'documents.get' && (arg as { ref?: string }).ref === held) { reach(); await gate; }
      return w.backend.dispatcher.call(name, arg, { id: 'renderer-test' });
    },
  }));
  return { release, reached };
}

describe('history store: the detail follows the last click', () => {
  it('a pushed refresh re-reading the old document answers after the click on another: the clicked one stays', async () => {
    await loginAs(w, 'cashier');
    const a = await sell(350);
    const b = await sell(700);
    await useHistory.getState().load();
    await useHistory.getState().open(a.id);
    expect(useHistory.getState().detail?.document.id).toBe(a.id);

    const hold = holdingGetOf(a.id);
    // The backend pushes a change: the list is read again, then the open document (A), whose answer is slow.
    const refresh = useHistory.getState().load();
    await hold.reached;
    // Meanwhile the cashier clicks B, which answers at once.
    await useHistory.getState().open(b.id);
    expect(useHistory.getState().detail?.document.id).toBe(b.id);
    // A's late answer arrives.
    hold.release();
    await refresh;
    expect(useHistory.getState().selectedId).toBe(b.id);
    expect(useHistory.getState().detail?.document.id).toBe(b.id);
    // The receipt preview beside it is B's too.
    expect(useHistory.getState().receipt).toEqual(await w.backend.ok('documents.receipt', { id: b.id }, 'renderer-test'));
  });

});
