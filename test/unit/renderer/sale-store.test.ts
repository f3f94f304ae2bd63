import { beforeEach, describe, expect, it } from 'vitest';
import { world, loginAs, approvalAsked, type StoreWorld } from './helpers.js';
import { useSale } from '../../../renderer/src/features/counter/sale-store.js';
import { useApp } from '../../../renderer/src/kit/app-store.js';
import { onSignal } from '../../../renderer/src/kit/signal.js';
import { usePayment } from '../../../renderer/src/features/counter/payment-store.js';
import { tryPreviewCart } from '../../../shared/contract/cart.js';
import { createApi, setApi } from '../../../renderer/src/api/client.js';

let w: StoreWorld;
const sale = () => useSale.getState();
const total = () => tryPreviewCart(sale().cart(), true).preview?.totals.totalCents;

beforeEach(async () => {
  w = world();
  await loginAs(w, 'cashier');
  await sale().loadBasics();
});

describe('sale store', () => {
  it('a scan adds the product; scanning it again adds one to the same line', async () => {
    expect(await sale().scan('8001234567890')).toBe(true);
    expect(await sale().scan('8001234567890')).toBe(true);
    expect(sale().lines).toHaveLength(1);
    expect(sale().lines[0]).toMatchObject({ description: 'Latte intero 1 l', quantityMilli: 2000, barcode: '8001234567890' });
    await sale().scan('8000000000019');
    expect(sale().lines.map((l) => l.description)).toEqual(['Latte intero 1 l', 'Vino rosso Chianti']);
    expect(sale().selectedKey).toBe(sale().lines[1]!.key);
    expect(total()).toBe(2 * 149 + 1290);
  });

  it('an unknown code is an error the cashier sees, and the cart is unchanged', async () => {
    const heard: string[] = [];
    const stop = onSignal((k) => heard.push(k));
    expect(await sale().scan('999')).toBe(false);
    stop();
    expect(sale().error).toMatchObject({ code: 'PRODUCT_NOT_FOUND', message: 'Codice 999 non trovato in catalogo: cercare il prodotto per nome o usare un tasto reparto' });
    expect(sale().lines).toEqual([]);
    // The cashier looks at the customer, not the screen: an unknown code is heard.
    expect(heard).toEqual(['unknown_code']);
  });

  it('a product sold by weight waits for its weight', async () => {
    await sale().scan('2100000000014');
    expect(sale().pendingWeight?.description).toBe('Mele Golden');
    expect(sale().lines).toEqual([]);
    expect(sale().confirmWeight(1235)).toBe(true);
    expect(sale().lines[0]).toMatchObject({ quantityMilli: 1235, soldByWeight: true });
    expect(total()).toBe(308); // 1,235 kg × 2,49 = 3,07515 → 3,08
  });

  it('refuses a discount larger than the line, keeping the cart as it was', async () => {
    await sale().scan('8001234567890');
    const key = sale().lines[0]!.key;
    expect(sale().setLineDiscount(key, { kind: 'amount', value: 500 })).toBe(false);
    expect(sale().error?.code).toBe('LINE_DISCOUNT_TOO_LARGE');
    expect(sale().lines[0]!.discount).toBeNull();
    expect(sale().setLineDiscount(key, { kind: 'percent', value: 1000 })).toBe(true);
    expect(total()).toBe(134);
  });

  it('a cashier changing a price is asked the PIN at commit, with every reason of the sale, and the PIN serves that sale only', async () => {
    await sale().scan('8001234567890');
    await sale().scan('2000000000015');
    const [milk, bread] = sale().lines;
    // No PIN at the price change: the line is marked as changed (the screen shows it needs a manager).
    expect(await sale().setPrice(milk!.key, 100)).toBe(true);
    expect(useApp.getState().approval).toBeNull();
    expect(sale().lines[0]).toMatchObject({ unitPriceCents: 100, listPriceCents: 149 });
    expect(sale().setComplimentary(bread!.key, true)).toBe(true);
    expect(w.calls).not.toContain('session.approve');

    // Paying: the dialog lists both reasons at once; «Indietro» records nothing.
    const first = usePayment.getState().payCash(100);
    const asked = await approvalAsked();
    expect(asked.method).toBe('sale.commit');
    expect(asked.reasons.map((r) => r.message)).toEqual(['Prezzo modificato: Latte intero 1 l € 1,49 → € 1,00', 'Omaggio: Pane di Città (€ 3,50)']);
    useApp.getState().cancelApproval();
    expect(await first).toBe(false);
    expect(w.backend.db.prepare(`SELECT count(*) AS n FROM documents`).get()).toEqual({ n: 0 });

    // Again: a cashier's PIN does not approve; the manager's does, and the same sale is committed once.
    const second = usePayment.getState().payCash(null);
    await approvalAsked();
    await useApp.getState().submitApproval('1111');
    expect(useApp.getState().approvalError?.code).toBe('PIN_WRONG');
    await useApp.getState().submitApproval('9999');
    expect(await second).toBe(true);
    const committed = usePayment.getState().result!.commit;
    expect(committed.totalCents).toBe(100);
    expect(w.calls.filter((c) => c === 'session.approve')).toHaveLength(2);

    // Bound to that sale: it authorised nothing else (a void of it still needs a manager).
    const v = await w.api.call('documents.void', { sale: committed.id });
    expect(v.ok ? 'void went through' : v.error.code).toBe('MANAGER_REQUIRED');
    const journal = w.backend.db.prepare(`SELECT actor, entity_id AS entityId FROM audit_log WHERE action = 'manager.approval'`).all();
    expect(journal).toEqual([{ actor: w.backend.managerId, entityId: committed.id }]);
  });

  it('voiding a line selects the next one; a sale discount applies to the total', async () => {
    await sale().scan('8001234567890');
    await sale().scan('2000000000015');
    await sale().scan('8000000000019');
    sale().voidLine(sale().lines[1]!.key);
    expect(sale().lines.map((l) => l.sku)).toEqual(['LATTE', 'VINO']);
    expect(sale().selectedKey).toBe(sale().lines[1]!.key);
    expect(sale().setSaleDiscount({ kind: 'amount', value: 39 })).toBe(true);
    expect(total()).toBe(149 + 1290 - 39);
  });

  it('parks the cart, starts empty, and resumes it exactly', async () => {
    await sale().scan('8001234567890');
    sale().setLineDiscount(sale().lines[0]!.key, { kind: 'percent', value: 500 });
    const before = sale().cart();
    expect(await sale().park('Signora Rossi')).toBe(true);
    expect(sale().lines).toEqual([]);
    expect(sale().parked.map((p) => p.label)).toEqual(['Signora Rossi']);
    expect(await sale().resume(sale().parked[0]!.id)).toBe(true);
    expect(sale().cart()).toEqual(before);
    expect(sale().parked).toEqual([]);
    await sale().park();
    expect(await sale().discardParked(sale().parked[0]!.id)).toBe(true);
    expect(sale().parked).toEqual([]);
  });

  it('search shows the newest answer only, and Enter adds the exact barcode', async () => {
    // The answer to "vino" arrives after the answer to "latte" (typed later): it must not win.
    setApi(createApi({
      kind: 'direct',
      call: async (name, arg) => {
        if (name === 'catalog.search' && (arg as { text: string }).text === 'vino') await new Promise((r) => setTimeout(r, 50));
        return w.backend.dispatcher.call(name, arg, { id: 'renderer-test' });
      },
    }));
    const slow = sale().setQuery('vino');
    const fast = sale().setQuery('latte');
    await Promise.all([slow, fast]);
    expect(sale().query).toBe('latte');
    expect(sale().results.map((p) => p.sku)).toEqual(['LATTE']);
    await sale().setQuery('8000000000019');
    await sale().submitQuery();
    expect(sale().lines.map((l) => l.sku)).toEqual(['VINO']);
    expect(sale().query).toBe('');
  });
});
