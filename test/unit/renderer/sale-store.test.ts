import { beforeEach, describe, expect, it } from 'vitest';
import { world, loginAs, approvalAsked, type StoreWorld } from './helpers.js';
import { useSale } from '../../../renderer/src/features/sale/store.js';
import { useApp } from '../../../renderer/src/app/store.js';
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
    expect(await sale().scan('999')).toBe(false);
    expect(sale().error).toMatchObject({ code: 'PRODUCT_NOT_FOUND', message: 'Codice 999 non trovato in catalogo' });
    expect(sale().lines).toEqual([]);
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

  it('a cashier changing a price needs a manager PIN; cancelled means no change', async () => {
    await sale().scan('8001234567890');
    const key = sale().lines[0]!.key;
    const cancelled = sale().setPrice(key, 100);
    expect(await approvalAsked()).toBe('price_override');
    useApp.getState().cancelApproval();
    expect(await cancelled).toBe(false);
    expect(sale().lines[0]!.unitPriceCents).toBe(149);

    const approved = sale().setPrice(key, 100);
    await approvalAsked();
    await useApp.getState().submitApproval('1111'); // a cashier's PIN does not approve
    expect(useApp.getState().approvalError?.code).toBe('PIN_WRONG');
    await useApp.getState().submitApproval('9999');
    expect(await approved).toBe(true);
    expect(sale().lines[0]).toMatchObject({ unitPriceCents: 100, listPriceCents: 149 });
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
