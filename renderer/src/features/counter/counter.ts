// What the cashier's keys, the top bar and the scanner do, in one place. Screens bind keys to these
// functions; the model-based tests (test/model) drive the very same functions, so what is proved
// there is what the counter does.
//
// Three rules live here:
//  - a scan is never lost: it waits for a sale being committed, then belongs to the next one; on a
//    screen with nothing to do with a barcode it goes back to the sale; on the change screen it
//    starts the next customer;
//  - leaving the change screen, whatever the way, ends that customer (the paid cart is already gone);
//  - a cashier handing over the till takes their cart with them (parked in their name) and gets it
//    back when they log in again; the next cashier starts on an empty sale screen.
import { useApp } from './store.js';
import type { Route } from './routes.js';
import { useSale } from '../features/sale/store.js';
import { usePayment } from '../features/payment/store.js';
import { useReturns } from '../features/returns/store.js';
import { useHistory } from '../features/history/store.js';
import { useCatalog } from '../features/catalog/store.js';
import { useLogin } from '../features/login/store.js';
import { getApi } from '../api/client.js';
import { cartToSaleRequest } from '../../../shared/contract/cart.js';

const RECEIPT_QR = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Scans are handled one after the other, in the order they were read. */
let scanChain: Promise<unknown> = Promise.resolve();

/** What a scan means on each screen. Resolves once it has been applied. */
export function onScan(code: string): Promise<void> {
  const next = scanChain.then(() => applyScan(code));
  scanChain = next.catch(() => undefined);
  return next;
}

async function applyScan(code: string): Promise<void> {
  // A scan made while the sale is being committed belongs to the next customer.
  await usePayment.getState().settled();
  const route = useApp.getState().route;
  if (RECEIPT_QR.test(code) && route !== 'history') {
    if (route === 'payment' && !usePayment.getState().result) {
      // Taking a payment: a receipt's QR here is a mistake; say so rather than drop the sale on screen.
      useSale.setState({ error: { code: 'RECEIPT_QR_DURING_PAYMENT', message: 'È stato letto il QR di uno scontrino: completare prima il pagamento in corso', message_en: 'A receipt QR was read: finish the payment in progress first' } });
      return;
    }
    if (route === 'payment') endChangeScreen();
    useReturns.getState().reset();
    navigate('returns');
    await useReturns.getState().load(code);
    return;
  }
  switch (route) {
    case 'returns': await useReturns.getState().load(code); return;
    case 'history': await useHistory.getState().open(code); return;
    case 'catalog': useCatalog.getState().setText(code); return;
    case 'payment':
      // The change screen: this is the next customer's first item.
      if (usePayment.getState().result) endChangeScreen();
      // Taking a payment: the item joins the cart (payments already taken stay), back on the sale screen.
      navigate('sale');
      await useSale.getState().scan(code);
      return;
    default:
      // The sale screen, and screens with nothing to do with a product (settings, end of day): sell it.
      if (route !== 'sale') navigate('sale');
      await useSale.getState().scan(code);
  }
}

/** The change screen is left: that customer is done (their cart was emptied at commit). */
function endChangeScreen(): void {
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
        ? {
          code: 'MANAGER_NOT_GIVEN',
          message: `Per incassare serve l'autorizzazione del responsabile: ${reasons.map((x) => x.message).join('; ')}. Chiamare il responsabile, o togliere la modifica`,
          message_en: `A manager's approval is needed to take the payment: ${reasons.map((x) => x.message_en).join('; ')}. Call a manager, or undo the change`,
        }
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
function paymentsInProgress(): boolean {
  const pay = usePayment.getState();
  return !pay.result && pay.payments.length > 0;
}

const PAYMENTS_TAKEN = {
  code: 'PAYMENT_IN_PROGRESS',
  message: 'Ci sono pagamenti già registrati per questo scontrino: completare il pagamento, o togliere i pagamenti registrati',
  message_en: 'Payments are already recorded for this receipt: finish the payment, or remove the payments recorded',
};

/**
 * «Sospendi» / «Riprendi»: a parked cart cannot carry money already taken, and a resumed cart must
 * not inherit someone else's payments.
 */
export async function park(): Promise<boolean> {
  if (paymentsInProgress()) {
    useSale.setState({ error: { ...PAYMENTS_TAKEN, field: 'payments' } });
    return false;
  }
  return useSale.getState().park();
}

export async function resume(id: string): Promise<boolean> {
  if (paymentsInProgress()) {
    useSale.setState({ error: { ...PAYMENTS_TAKEN, field: 'payments' } });
    return false;
  }
  return useSale.getState().resume(id);
}

/** Enter / F1 on the change screen. */
export function nextCustomer(): void {
  endChangeScreen();
  useApp.getState().navigate('sale');
}

/** Clears what one cashier left on screen, so the next one starts clean. */
function clearScreens(): void {
  useSale.getState().clear();
  usePayment.getState().reset();
  useReturns.getState().reset();
  useHistory.getState().close();
  useApp.getState().navigate('sale');
}

/**
 * F10 «Esci»: the cashier hands over the till. Their open cart is parked in their name (not given to
 * the next cashier); a payment half taken (a card already charged) must be finished or its
 * payments removed first, because a parked cart cannot hold money already taken.
 */
export async function handOver(): Promise<boolean> {
  await usePayment.getState().settled();
  if (paymentsInProgress()) {
    useApp.getState().notify({ kind: 'error', error: { code: 'PAYMENT_IN_PROGRESS', message: 'Prima di uscire completare il pagamento in corso, o togliere i pagamenti già registrati', message_en: 'Before logging out, finish the payment in progress or remove the payments already recorded' } });
    return false;
  }
  const sale = useSale.getState();
  if (sale.lines.length > 0) {
    const r = await getApi().call('sale.park', { cart: sale.cart(), auto: true });
    if (!r.ok) {
      useSale.setState({ error: r.error });
      return false;
    }
  }
  clearScreens();
  await useLogin.getState().logout();
  return true;
}

/**
 * After a login: the sale screen, and the cart this cashier left when they last handed over. Runs in
 * the scan queue, so a code scanned the moment the screen appears waits for it and is never wiped.
 */
export function afterLogin(): Promise<void> {
  const next = scanChain.then(async () => {
    useApp.getState().navigate('sale');
    const me = useLogin.getState().session?.operator?.id;
    await useSale.getState().loadBasics();
    const own = useSale.getState().parked.find((p) => p.auto && p.operatorId === me);
    if (own && useSale.getState().lines.length === 0) await useSale.getState().resume(own.id);
  });
  scanChain = next.catch(() => undefined);
  return next;
}

/** The PIN typed on the login screen. */
export async function logIn(): Promise<boolean> {
  const ok = await useLogin.getState().login();
  if (ok) await afterLogin();
  return ok;
}
