// The counter's rules, where the sale and the payment screens meet. Screens bind keys to these
// functions; the shell (app/orchestration.ts) calls them too, and the model-based tests (test/model)
// drive the very same functions, so what is proved there is what the counter does.
//
// Two rules live here:
//  - leaving the change screen, whatever the way, ends that customer (the paid cart is already gone);
//  - money already taken belongs to the cart on screen: a cart holding payments is neither parked nor
//    swapped for another, and a manager's approval for the cart is asked before any money is taken.
import { useApp } from '../../kit/app-store.js';
import { localError } from '../../kit/local-error.js';
import type { Route } from '../../kit/routes.js';
import { useSale } from './sale-store.js';
import { usePayment } from './payment-store.js';
import { getApi } from '../../api/client.js';
import { cartToSaleRequest } from '../../../../shared/contract/cart.js';

/** The change screen is left: that customer is done (their cart was emptied at commit). */
export function endChangeScreen(): void {
  if (usePayment.getState().result) usePayment.getState().nextCustomer();
}

/** Top bar and F-keys. Leaving the change screen ends that customer, whichever way it is left. */
export function navigate(route: Route): void {
  const app = useApp.getState();
  if (app.route === 'payment' && route !== 'payment') endChangeScreen();
  app.navigate(route);
}

/**
 * «Paga» (+, Enter on an empty search). What in the cart needs a manager (a price changed, an omaggio,
 * a big discount) is asked now, before any money is taken: a card charged and then a refused PIN
 * would leave the customer charged for a sale that does not exist. Payments already taken (a card
 * approved, then back to add an item) are kept.
 */
export async function startPayment(): Promise<boolean> {
  const sale = useSale.getState();
  if (sale.lines.length === 0) return false;
  const pay = usePayment.getState();
  if (pay.result) pay.nextCustomer();
  if (pay.committing) return false;
  const r = await getApi().callWithApproval('sale.authorize', cartToSaleRequest(sale.cart(), [], null));
  if (!r.ok) {
    const reasons = r.error.approval?.reasons ?? [];
    useSale.setState({
      error: r.error.code === 'MANAGER_REQUIRED'
        ? localError('MANAGER_NOT_GIVEN', 'counter.errors.managerNotGiven', {
          vars: { reasons: reasons.map((x) => x.message).join('; ') },
          varsEn: { reasons: reasons.map((x) => x.message_en).join('; ') },
        })
        : r.error,
    });
    return false;
  }
  usePayment.getState().cancelCard();
  usePayment.setState({ error: null });
  useApp.getState().navigate('payment');
  return true;
}

/** Payments already taken for the cart on screen (a card charged, cash given), not yet a sale. */
export function paymentsInProgress(): boolean {
  const pay = usePayment.getState();
  return !pay.result && pay.payments.length > 0;
}

const paymentsTaken = () => localError('PAYMENT_IN_PROGRESS', 'counter.errors.paymentsTaken', { field: 'payments' });

/**
 * «Sospendi» / «Riprendi»: a parked cart cannot carry money already taken, and a resumed cart must
 * not inherit someone else's payments.
 */
export async function park(): Promise<boolean> {
  if (paymentsInProgress()) {
    useSale.setState({ error: paymentsTaken() });
    return false;
  }
  return useSale.getState().park();
}

export async function resume(id: string): Promise<boolean> {
  if (paymentsInProgress()) {
    useSale.setState({ error: paymentsTaken() });
    return false;
  }
  return useSale.getState().resume(id);
}

/** Enter / F1 on the change screen. */
export function nextCustomer(): void {
  endChangeScreen();
  useApp.getState().navigate('sale');
}

