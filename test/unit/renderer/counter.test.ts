// The counter's rules, as the cashier meets them: what a scan does on each screen and at each moment,
// leaving the change screen, and handing the till over to another cashier. Real stores, real
// dispatcher, in-memory ledger (helpers.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { world, loginAs, approvalAsked, type StoreWorld } from './helpers.js';
import { useSale } from '../../../renderer/src/features/counter/sale-store.js';
import { usePayment } from '../../../renderer/src/features/counter/payment-store.js';
import { useApp } from '../../../renderer/src/kit/app-store.js';
import { useLogin } from '../../../renderer/src/features/login/store.js';
import { navigate, nextCustomer, startPayment } from '../../../renderer/src/features/counter/counter.js';
import { afterLogin, handOver, onScan, logIn } from '../../../renderer/src/app/orchestration.js';

const LATTE = '8001234567890'; // 1,49
const PANE = '2000000000015'; // 3,50
const VINO = '8000000000019'; // 12,90

let w: StoreWorld;
const sale = () => useSale.getState();
const pay = () => usePayment.getState();
const route = () => useApp.getState().route;
const sales = () => (w.backend.db.prepare(`SELECT count(*) AS n FROM documents WHERE kind = 'sale'`).get() as { n: number }).n;
const descriptions = () => sale().lines.map((l) => l.description);

async function typePin(name: 'Giulia' | 'Marco'): Promise<void> {
  const op = useLogin.getState().session!.operators.find((o) => o.name === name)!;
  useLogin.getState().select(op.id);
  for (const d of name === 'Giulia' ? '1111' : '9999') useLogin.getState().typeDigit(d);
  expect(await logIn()).toBe(true);
}

beforeEach(async () => {
  w = world();
  await loginAs(w, 'cashier');
  await afterLogin();
});

describe('a scan is never lost', () => {
  it('on the change screen the next scan starts the next sale with that item', async () => {
    await onScan(LATTE);
    await startPayment();
    expect(await pay().payCash(500)).toBe(true);
    expect(route()).toBe('payment');
    expect(pay().result).not.toBeNull();
    await onScan(VINO);
    expect(route()).toBe('sale');
    expect(pay().result).toBeNull();
    expect(descriptions()).toEqual(['Vino rosso Chianti']);
    expect(sales()).toBe(1);
  });

  it('a scan read while the sale is being committed belongs to the next customer, not to the paid cart', async () => {
    await onScan(LATTE);
    await startPayment();
    const paying = pay().payCash(null);
    const scanned = onScan(PANE); // the scanner fires before the commit has answered
    expect(await paying).toBe(true);
    await scanned;
    const doc = w.backend.db.prepare(`SELECT total_cents AS t FROM documents WHERE kind = 'sale'`).get() as { t: number };
    expect(doc.t).toBe(149);
    expect(descriptions()).toEqual(['Pane di Città']);
    expect(route()).toBe('sale');
  });

  it('while taking a payment a scan joins the cart (payments taken stay) and the screen goes back to the sale', async () => {
    await onScan(VINO);
    await startPayment();
    pay().startCard();
    expect(pay().setCardAmount(500)).toBe(true);
    expect(await pay().confirmCard(true)).toBe(true);
    await onScan(LATTE);
    expect(route()).toBe('sale');
    expect(descriptions()).toEqual(['Vino rosso Chianti', 'Latte intero 1 l']);
    await startPayment();
    // The card already charged is still there: nobody charges it twice.
    expect(pay().payments).toEqual([{ method: 'electronic', amountCents: 500 }]);
    expect(pay().summary().remainingCardCents).toBe(1290 + 149 - 500);
  });

  it('on screens with nothing to do with a product (settings, end of day) the scan goes back to the sale and sells it', async () => {
    for (const r of ['settings', 'end-of-day'] as const) {
      navigate(r);
      await onScan(LATTE);
      expect(route()).toBe('sale');
    }
    expect(sale().lines).toHaveLength(1);
    expect(sale().lines[0]!.quantityMilli).toBe(2000);
  });
});

describe('leaving the change screen', () => {
  it('through the top bar or F5–F9, and back on «Vendita»: the cart is empty and «Paga» does nothing', async () => {
    for (const away of ['returns', 'history', 'catalog', 'end-of-day', 'settings'] as const) {
      await onScan(PANE);
      await startPayment();
      expect(await pay().payCash(1000)).toBe(true);
      navigate(away);
      navigate('sale');
      expect(sale().lines).toEqual([]);
      expect(await startPayment()).toBe(false);
      expect(route()).toBe('sale');
      expect(await pay().payCash(null)).toBe(false);
    }
    expect(sales()).toBe(5);
  });

  it('Enter for the next customer', async () => {
    await onScan(PANE);
    await startPayment();
    await pay().payCash(null);
    nextCustomer();
    expect(route()).toBe('sale');
    expect(pay().result).toBeNull();
  });
});

describe('what needs a manager is asked at «Paga», before any money is taken', () => {
  it('a price changed by the cashier: the PIN is asked when «Paga» is pressed; the card charged after it commits with no second PIN', async () => {
    await onScan(VINO);
    expect(await sale().setPrice(sale().lines[0]!.key, 990)).toBe(true);
    const paying = startPayment();
    expect((await approvalAsked()).reasons.map((r) => r.code)).toEqual(['price_override']);
    expect(pay().payments).toEqual([]);
    await useApp.getState().submitApproval('9999');
    expect(await paying).toBe(true);
    expect(route()).toBe('payment');
    pay().startCard();
    expect(pay().setCardAmount(990)).toBe(true);
    expect(await pay().confirmCard(true)).toBe(true);
    expect(useApp.getState().approval).toBeNull();
    expect(pay().result?.commit.totalCents).toBe(990);
  });

  it('refused at «Paga»: the till stays on the sale and says what needs the manager; no card is charged', async () => {
    await onScan(VINO);
    await sale().setComplimentary(sale().lines[0]!.key, true);
    await onScan(LATTE);
    const paying = startPayment();
    await approvalAsked();
    useApp.getState().cancelApproval();
    expect(await paying).toBe(false);
    expect(route()).toBe('sale');
    expect(sale().error?.code).toBe('MANAGER_NOT_GIVEN');
    expect(sale().error?.message).toContain('Omaggio');
    expect(sales()).toBe(0);
  });

  it('the cart changed after the PIN (an item added): the new cart is asked again', async () => {
    await onScan(VINO);
    await sale().setPrice(sale().lines[0]!.key, 990);
    const first = startPayment();
    await approvalAsked();
    await useApp.getState().submitApproval('9999');
    expect(await first).toBe(true);
    await onScan(LATTE); // back to the sale with one more item
    const second = startPayment();
    await approvalAsked();
    useApp.getState().cancelApproval();
    expect(await second).toBe(false);
  });
});

describe('handing the till over', () => {
  it('each cashier keeps their own cart: the next one starts empty, the first gets theirs back', async () => {
    await onScan(VINO);
    await onScan(LATTE);
    navigate('history');
    expect(await handOver()).toBe(true);
    expect(useLogin.getState().session?.operator).toBeNull();
    await typePin('Marco');
    expect(route()).toBe('sale');
    expect(sale().lines).toEqual([]);
    await onScan(PANE);
    expect(await handOver()).toBe(true);
    await typePin('Giulia');
    expect(descriptions()).toEqual(['Vino rosso Chianti', 'Latte intero 1 l']);
    await handOver();
    await typePin('Marco');
    expect(descriptions()).toEqual(['Pane di Città']);
    // Nothing was sold along the way, and the parked list is empty again.
    expect(sales()).toBe(0);
    expect(w.backend.db.prepare('SELECT count(*) AS n FROM parked_sales').get()).toEqual({ n: 1 });
  });

  it('with a card already charged the hand-over is refused with what to do, and nothing moves', async () => {
    await onScan(VINO);
    await startPayment();
    pay().startCard();
    pay().setCardAmount(500);
    await pay().confirmCard(true);
    expect(await handOver()).toBe(false);
    expect(useApp.getState().notices.at(-1)?.error?.code).toBe('PAYMENT_IN_PROGRESS');
    expect(useLogin.getState().session?.operator?.name).toBe('Giulia');
    expect(descriptions()).toEqual(['Vino rosso Chianti']);
    expect(pay().payments).toHaveLength(1);
  });
});
