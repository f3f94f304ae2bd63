// What the scanner, the top bar's «Esci» and the login do across screens: the shell's part of the
// counter. The model-based tests (test/model) drive these very functions.
//
// Two rules live here (the counter's own are in features/counter/counter.ts):
//  - a scan is never lost: it waits for a sale being committed, then belongs to the next one; on a
//    screen with nothing to do with a barcode it goes back to the sale; on the change screen it
//    starts the next customer;
//  - a cashier handing over the till takes their cart with them (parked in their name) and gets it
//    back when they log in again; the next cashier starts on an empty sale screen.
import { useApp } from '../kit/app-store.js';
import { localError } from '../kit/local-error.js';
import { useSale } from '../features/counter/sale-store.js';
import { usePayment } from '../features/counter/payment-store.js';
import { endChangeScreen, navigate, paymentsInProgress } from '../features/counter/counter.js';
import { useReturns } from '../features/returns/store.js';
import { useHistory } from '../features/history/store.js';
import { useCatalog } from '../features/catalog/store.js';
import { useLogin } from '../features/login/store.js';
import { getApi } from '../api/client.js';

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
      useSale.setState({ error: localError('RECEIPT_QR_DURING_PAYMENT', 'counter.errors.receiptQrDuringPayment') });
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
    useApp.getState().notify({ kind: 'error', error: localError('PAYMENT_IN_PROGRESS', 'counter.errors.paymentBeforeLogout') });
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
