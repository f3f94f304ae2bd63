// The till's cart → the figures it shows and the request it commits. Pure; every amount comes from
// shared/sale.ts (computeSale) so the screen can never disagree with the ledger.
import { computeSale, cashRoundingFor, type PaymentInput, type SaleTotals } from '../sale.js';
import { divRound, formatAmount, formatEuro, lineAmount, MAX_AMOUNT_CENTS, parseAmount, type Cents } from '../money.js';
import { BanconeError, toErrorInfo, type ErrorInfo } from '../errors.js';
import type { SaleRequest } from '../schemas/documents.js';
import type { CartLine, Discount, ParkedCart } from './sale.js';

export const PERCENT_SCALE = 10_000; // basis points: 10% = 1000

/** A discount in cents on `baseCents`: € off as is, % off rounded half-up to the cent. */
export function discountCents(d: Discount | null, baseCents: Cents): Cents {
  if (!d || d.value === 0) return 0;
  return d.kind === 'amount' ? d.value : divRound(baseCents * d.value, PERCENT_SCALE);
}

/** Gross of a cart line before discounts (quantity × price, rounded to the cent). */
export function cartLineGross(l: Pick<CartLine, 'quantityMilli' | 'unitPriceCents'>): Cents {
  return lineAmount(l.quantityMilli, l.unitPriceCents);
}

function saleLines(cart: ParkedCart) {
  return cart.lines.map((l) => ({
    productId: l.productId,
    sku: l.sku,
    barcode: l.barcode,
    description: l.description,
    unitPriceCents: l.unitPriceCents,
    listPriceCents: l.listPriceCents,
    vatCode: l.vatCode,
    quantityMilli: l.quantityMilli,
    discountCents: l.complimentary ? 0 : discountCents(l.discount, cartLineGross(l)),
    complimentary: l.complimentary,
    department: l.department,
  }));
}

/** The sale discount in cents: a % applies to what the lines cost after their own discounts. */
export function saleDiscountCents(cart: ParkedCart): Cents {
  if (!cart.saleDiscount) return 0;
  if (cart.saleDiscount.kind === 'amount') return cart.saleDiscount.value;
  const base = computeSale({ lines: saleLines(cart), discountCents: 0, payments: [PROBE], cashRounding: false }).totalCents;
  return discountCents(cart.saleDiscount, base);
}

// computeSale checks payments; to read the totals of a cart not yet paid we give it one cash
// payment as large as any total may be (MAX_AMOUNT_CENTS), which checks nothing else and leaves
// every figure untouched.
const PROBE: PaymentInput = { method: 'cash', amountCents: MAX_AMOUNT_CENTS };

export interface CartPreview {
  totals: SaleTotals;
  /** What a cash-only customer pays (total + 5-cent rounding when the shop rounds). */
  cashDueCents: Cents;
  cashRoundingCents: Cents;
}

/** Live totals of the cart. Throws BanconeError (with the field) when a line or discount is invalid. */
export function previewCart(cart: ParkedCart, cashRounding: boolean): CartPreview {
  const totals = computeSale({ lines: saleLines(cart), discountCents: saleDiscountCents(cart), payments: [PROBE], cashRounding: false });
  const cashRoundingCents = cashRounding ? cashRoundingFor(totals.totalCents) : 0;
  return { totals: { ...totals, payments: [], tenderedCents: 0, changeCents: 0, cashCents: 0 }, cashDueCents: totals.totalCents + cashRoundingCents, cashRoundingCents };
}

/** The cart as previewCart sees it, or the error that makes it invalid (never throws). */
export function tryPreviewCart(cart: ParkedCart, cashRounding: boolean): { preview: CartPreview | null; error: ErrorInfo | null } {
  if (cart.lines.length === 0) return { preview: null, error: null };
  try {
    return { preview: previewCart(cart, cashRounding), error: null };
  } catch (e) {
    return { preview: null, error: toErrorInfo(e) };
  }
}

export interface PaymentSummary {
  totalCents: Cents;
  /** Rounding that applies with the payments so far (cash only), or would apply if paid in cash. */
  roundingCents: Cents;
  dueCents: Cents;
  paidCents: Cents;
  remainingCents: Cents;
  /** What a card (or any non-cash) payment must cover now: no cash rounding once not all cash. */
  remainingNonCashCents: Cents;
  /**
   * What is left if the rest is paid in cash (5-cent rounding when every payment is cash) and if it
   * is paid by card (never rounded). The screen shows both when they differ, so the cashier never
   * reads one figure and charges the other.
   */
  remainingCashCents: Cents;
  remainingCardCents: Cents;
  changeCents: Cents;
  /** Everything checks out: the sale can be committed. */
  ready: boolean;
  /** A rule the payments break (lottery code, non-cash over the total…), with its field. */
  error: ErrorInfo | null;
  totals: SaleTotals | null;
}

/** Where the payment stands: due, paid, remaining, change, and whether the rules are met. */
export function paymentSummary(cart: ParkedCart, payments: PaymentInput[], lotteryCode: string | null, cashRounding: boolean): PaymentSummary {
  const { totals: base, cashRoundingCents } = previewCart(cart, cashRounding);
  // A lottery code means an electronic payment is coming: no cash rounding to show.
  const cashOnly = payments.every((p) => p.method === 'cash') && lotteryCode === null;
  const roundingCents = cashOnly ? cashRoundingCents : 0;
  const dueCents = base.totalCents + roundingCents;
  const paidCents = payments.reduce((a, p) => a + p.amountCents, 0);
  const remainingCents = Math.max(0, dueCents - paidCents);
  const remainingNonCashCents = Math.max(0, base.totalCents - paidCents);
  try {
    const totals = computeSale({ lines: saleLines(cart), discountCents: saleDiscountCents(cart), payments, lotteryCode, cashRounding });
    return { totalCents: totals.totalCents, roundingCents: totals.roundingCents, dueCents: totals.dueCents, paidCents, remainingCents: 0, remainingNonCashCents: 0, remainingCashCents: 0, remainingCardCents: 0, changeCents: totals.changeCents, ready: true, error: null, totals };
  } catch (e) {
    const insufficient = e instanceof BanconeError && (e.code === 'PAYMENT_INSUFFICIENT' || (payments.length === 0 && e.code === 'PAYMENT_AMOUNT_INVALID'));
    return { totalCents: base.totalCents, roundingCents, dueCents, paidCents, remainingCents, remainingNonCashCents, remainingCashCents: remainingCents, remainingCardCents: remainingNonCashCents, changeCents: 0, ready: false, error: insufficient ? null : toErrorInfo(e), totals: null };
  }
}

/** Thousandths → the decimal quantity the request schema takes (exact for ≤ 3 decimals). */
function quantity(milli: number): number {
  return milli / 1000;
}

/** The commit request for this cart: the same SaleRequest the CLI accepts. */
export function cartToSaleRequest(cart: ParkedCart, payments: PaymentInput[], lotteryCode: string | null): SaleRequest {
  const lines = saleLines(cart);
  return {
    lines: cart.lines.map((l, i) => {
      const discount = lines[i]!.discountCents;
      const common = { quantity: quantity(l.quantityMilli), discount_cents: discount, complimentary: l.complimentary };
      if (l.productId) {
        return {
          product_id: l.productId,
          ...(l.barcode ? { barcode: l.barcode } : {}),
          ...(l.listPriceCents !== null || l.fixedPrice ? { unit_price_cents: l.unitPriceCents } : {}),
          ...common,
        };
      }
      return {
        description: l.description,
        unit_price_cents: l.unitPriceCents,
        vat_code: l.vatCode,
        ...(l.department ? { department: l.department } : {}),
        ...common,
      };
    }),
    discount_cents: saleDiscountCents(cart),
    payments: payments.map((p) => ({
      method: p.method,
      amount_cents: p.amountCents,
      ...(p.count ? { count: p.count } : {}),
      ...(p.uncollectedKind ? { kind: p.uncollectedKind } : {}),
    })),
    lottery_code: lotteryCode,
  };
}

/** "12,5" / "12.5" / "10 %" → basis points (1250, 1000); null unless between 0 and 100 with ≤ 2 decimals. */
export function parsePercent(text: string): number | null {
  const v = parseAmount(text.replace('%', ''));
  return v === null || v < 0 || v > 100 * 100 ? null : v;
}

/** "€ 1,50" or "10 %" / "12,5 %". */
export function formatDiscount(d: Discount): string {
  return d.kind === 'amount' ? formatEuro(d.value) : `${formatAmount(d.value).replace(/,00$/, '').replace(/(,\d)0$/, '$1')} %`;
}

/** The text to prefill when editing a discount. */
export function discountInputText(d: Discount | null): string {
  if (!d) return '';
  return formatAmount(d.value).replace(/,00$/, '');
}

/** A lottery code may be entered when the total is at least € 1 and every payment so far is electronic. */
export function lotteryAllowed(totalCents: Cents, payments: readonly PaymentInput[]): boolean {
  return totalCents >= 100 && payments.every((p) => p.method === 'electronic');
}
