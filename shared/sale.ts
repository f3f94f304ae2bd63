// Cart → totals. Pure: no I/O, integer cents, integer thousandths for quantities.
//
// Order of operations (documented because the Z report and the API edge rely on it):
//  1. line gross = quantity × unit price, rounded half-up to the cent;
//  2. line discount is taken off the line; a complimentary line (omaggio) is charged 0;
//  3. the sale-level discount is a real price reduction, so it is spread over the charged lines in
//     proportion to what they cost (largest remainder) and lowers each VAT base accordingly;
//  4. per VAT code, scorporo on the code's charged total (see vat.ts);
//  5. cash rounding (DL 50/2017) only when every payment is cash: total → nearest 5 cents
//     (…1,2,6,7 down; …3,4,8,9 up). It does not touch the VAT base; it is recorded on its own.
import { allocate, formatAmount, formatEuro, lineAmount, MAX_AMOUNT_CENTS, type Cents, type Milli } from './money.js';
import { compareVatCodes, scorporo, type VatCode } from './vat.js';
import { fail } from './errors.js';
import { msg } from './messages/index.js';

export const PAYMENT_METHODS = ['cash', 'electronic', 'meal_voucher', 'uncollected'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface SaleLineInput {
  productId?: string | null;
  sku?: string | null;
  barcode?: string | null;
  description: string;
  /** Gross unit price actually charged (after any override). */
  unitPriceCents: Cents;
  /** Catalog price when the operator overrode it; null otherwise. */
  listPriceCents?: Cents | null;
  vatCode: VatCode;
  quantityMilli: Milli;
  discountCents: Cents;
  complimentary: boolean;
  department?: string | null;
}

export interface PaymentInput {
  method: PaymentMethod;
  amountCents: Cents;
  /** Meal vouchers: how many. */
  count?: number | null;
  /** Uncollected: goods or services, sent with invoice_issuing. */
  uncollectedKind?: 'goods' | 'services' | null;
}

export interface SaleInput {
  lines: SaleLineInput[];
  discountCents: Cents;
  payments: PaymentInput[];
  lotteryCode?: string | null;
  /** Shop setting: apply 5-cent cash rounding on cash-only sales. */
  cashRounding: boolean;
}

export interface ComputedLine extends SaleLineInput {
  lineNo: number;
  grossCents: Cents;
  saleDiscountShareCents: Cents;
  /** What the customer pays for this line: gross − line discount − share of sale discount (0 for omaggi). */
  amountCents: Cents;
  /** Value given away on a complimentary line (its gross). */
  complimentaryCents: Cents;
}

export interface VatRow {
  vatCode: VatCode;
  grossCents: Cents;
  taxableCents: Cents;
  vatCents: Cents;
}

export interface ComputedPayment extends PaymentInput {
  /** Amount that stays with the shop (cash: tendered − change). */
  appliedCents: Cents;
}

export interface SaleTotals {
  lines: ComputedLine[];
  subtotalCents: Cents;
  lineDiscountCents: Cents;
  saleDiscountCents: Cents;
  complimentaryCents: Cents;
  /** Sum of the charged line amounts: the fiscal total. */
  totalCents: Cents;
  /** Signed cash rounding: −2 rounds 12,52 down to 12,50; +2 rounds 12,53 up to 12,55. */
  roundingCents: Cents;
  /** What the customer has to pay: total + rounding. */
  dueCents: Cents;
  tenderedCents: Cents;
  changeCents: Cents;
  payments: ComputedPayment[];
  cashCents: Cents;
  electronicCents: Cents;
  mealVoucherCents: Cents;
  mealVoucherCount: number;
  uncollectedCents: Cents;
  vat: VatRow[];
  lotteryCode: string | null;
}

export const LOTTERY_CODE_RE = /^[a-zA-Z0-9]{8}$/;
export const MAX_DESCRIPTION = 1000;

/** 5-cent rounding of a total (DL 50/2017 art. 13-quater): returns the signed adjustment. */
export function cashRoundingFor(totalCents: Cents): Cents {
  const r = ((totalCents % 5) + 5) % 5;
  if (r === 0) return 0;
  return r <= 2 ? -r : 5 - r;
}

function checkLine(l: SaleLineInput, i: number): void {
  const f = (k: string) => `lines[${i}].${k}`;
  if (!l.description || l.description.trim() === '')
    fail('LINE_DESCRIPTION_REQUIRED', msg.sale.lineDescriptionRequired({ line: i + 1 }), f('description'));
  if (l.description.length > MAX_DESCRIPTION)
    fail('LINE_DESCRIPTION_TOO_LONG', msg.sale.lineDescriptionTooLong({ line: i + 1, max: MAX_DESCRIPTION }), f('description'));
  if (!Number.isSafeInteger(l.quantityMilli) || l.quantityMilli <= 0)
    fail('LINE_QUANTITY_INVALID', msg.sale.lineQuantityInvalid({ line: i + 1 }), f('quantity'));
  if (!Number.isSafeInteger(l.unitPriceCents) || l.unitPriceCents < 0)
    fail('LINE_PRICE_INVALID', msg.sale.linePriceInvalid({ line: i + 1 }), f('unit_price_cents'));
  // Openapi requires a positive unit_price on every item, omaggi included (it zeroes them itself):
  // a € 0 line would be refused by the Agenzia after the customer has left. Giving something away
  // is an omaggio at its real price.
  if (l.unitPriceCents === 0)
    fail('LINE_PRICE_ZERO', msg.sale.linePriceZero({ line: i + 1, description: l.description.trim().slice(0, 40) }), f('unit_price_cents'));
  if (!Number.isSafeInteger(l.discountCents) || l.discountCents < 0)
    fail('LINE_DISCOUNT_INVALID', msg.sale.lineDiscountInvalid({ line: i + 1 }), f('discount_cents'));
  if (l.complimentary && l.discountCents > 0)
    fail('LINE_OMAGGIO_WITH_DISCOUNT', msg.sale.lineOmaggioWithDiscount({ line: i + 1 }), f('discount_cents'));
  // Compared before lineAmount multiplies: a product far beyond the bound is not an exact integer.
  if (l.quantityMilli * l.unitPriceCents > MAX_AMOUNT_CENTS * 1000)
    fail('LINE_AMOUNT_TOO_LARGE', msg.input.lineAmountTooLarge({ line: i + 1, max: formatEuro(MAX_AMOUNT_CENTS) }), f('quantity'));
}

/** Computes every figure of a sale and checks the payment rules. Throws BanconeError on bad input. */
export function computeSale(input: SaleInput): SaleTotals {
  if (input.lines.length === 0) fail('SALE_EMPTY', msg.sale.saleEmpty, 'lines');
  input.lines.forEach(checkLine);
  if (!Number.isSafeInteger(input.discountCents) || input.discountCents < 0)
    fail('SALE_DISCOUNT_INVALID', msg.sale.saleDiscountInvalid, 'discount_cents');

  const gross = input.lines.map((l) => lineAmount(l.quantityMilli, l.unitPriceCents));
  const afterLine = input.lines.map((l, i) => {
    if (l.complimentary) return 0;
    const net = gross[i]! - l.discountCents;
    if (net < 0)
      fail('LINE_DISCOUNT_TOO_LARGE', msg.sale.lineDiscountTooLarge({ line: i + 1 }), `lines[${i}].discount_cents`);
    return net;
  });
  if (gross.reduce((a, b) => a + b, 0) > MAX_AMOUNT_CENTS)
    fail('DOCUMENT_TOO_LARGE', msg.input.documentTooLarge({ max: formatEuro(MAX_AMOUNT_CENTS) }), 'lines');
  const chargeable = afterLine.reduce((a, b) => a + b, 0);
  if (input.discountCents > chargeable)
    fail('SALE_DISCOUNT_TOO_LARGE', msg.sale.saleDiscountTooLarge, 'discount_cents');
  const shares = chargeable === 0 ? afterLine.map(() => 0) : allocate(input.discountCents, afterLine);

  const lines: ComputedLine[] = input.lines.map((l, i) => ({
    ...l,
    lineNo: i + 1,
    grossCents: gross[i]!,
    saleDiscountShareCents: shares[i]!,
    amountCents: afterLine[i]! - shares[i]!,
    complimentaryCents: l.complimentary ? gross[i]! : 0,
  }));

  const totalCents = lines.reduce((a, l) => a + l.amountCents, 0);
  const vat = vatBreakdown(lines);

  // Payments.
  const payments = input.payments;
  payments.forEach((p, i) => {
    if (!Number.isSafeInteger(p.amountCents) || p.amountCents <= 0)
      fail('PAYMENT_AMOUNT_INVALID', msg.sale.paymentAmountInvalid({ payment: i + 1 }), `payments[${i}].amount_cents`);
    if (p.method === 'meal_voucher' && (!p.count || !Number.isSafeInteger(p.count) || p.count < 1))
      fail('MEAL_VOUCHER_COUNT_REQUIRED', msg.sale.mealVoucherCountRequired({ payment: i + 1 }), `payments[${i}].count`);
    if (p.method === 'uncollected' && !p.uncollectedKind)
      fail('UNCOLLECTED_KIND_REQUIRED', msg.sale.uncollectedKindRequired({ payment: i + 1 }), `payments[${i}].kind`);
  });
  const cashOnly = payments.length > 0 && payments.every((p) => p.method === 'cash');
  const roundingCents = input.cashRounding && cashOnly ? cashRoundingFor(totalCents) : 0;
  const dueCents = totalCents + roundingCents;
  const sum = (m: PaymentMethod) => payments.filter((p) => p.method === m).reduce((a, p) => a + p.amountCents, 0);
  const cashTendered = sum('cash');
  const nonCash = sum('electronic') + sum('meal_voucher') + sum('uncollected');
  const tenderedCents = cashTendered + nonCash;
  if (tenderedCents > MAX_AMOUNT_CENTS)
    fail('DOCUMENT_TOO_LARGE', msg.input.documentTooLarge({ max: formatEuro(MAX_AMOUNT_CENTS) }), 'payments');
  if (nonCash > dueCents)
    fail('PAYMENT_EXCEEDS_TOTAL', msg.sale.paymentExceedsTotal, 'payments');
  if (tenderedCents < dueCents)
    fail('PAYMENT_INSUFFICIENT', msg.sale.paymentInsufficient({ missing: formatAmount(dueCents - tenderedCents) }), 'payments');
  const changeCents = tenderedCents - dueCents;
  let changeLeft = changeCents;
  const computedPayments: ComputedPayment[] = payments.map((p) => {
    if (p.method !== 'cash' || changeLeft === 0) return { ...p, appliedCents: p.amountCents };
    const c = Math.min(changeLeft, p.amountCents);
    changeLeft -= c;
    return { ...p, appliedCents: p.amountCents - c };
  });

  const lotteryCode = input.lotteryCode ? input.lotteryCode : null;
  if (lotteryCode !== null) {
    if (!LOTTERY_CODE_RE.test(lotteryCode))
      fail('LOTTERY_CODE_FORMAT', msg.sale.lotteryCodeFormat, 'lottery_code');
    if (totalCents < 100)
      fail('LOTTERY_MIN_TOTAL', msg.sale.lotteryMinTotal, 'lottery_code');
    if (!(payments.length > 0 && payments.every((p) => p.method === 'electronic')))
      fail('LOTTERY_NOT_ELECTRONIC', msg.sale.lotteryNotElectronic, 'lottery_code');
  }

  return {
    lines,
    subtotalCents: gross.reduce((a, b) => a + b, 0),
    lineDiscountCents: input.lines.reduce((a, l) => a + (l.complimentary ? 0 : l.discountCents), 0),
    saleDiscountCents: input.discountCents,
    complimentaryCents: lines.reduce((a, l) => a + l.complimentaryCents, 0),
    totalCents,
    roundingCents,
    dueCents,
    tenderedCents,
    changeCents,
    payments: computedPayments,
    cashCents: cashTendered - changeCents,
    electronicCents: sum('electronic'),
    mealVoucherCents: sum('meal_voucher'),
    mealVoucherCount: payments.filter((p) => p.method === 'meal_voucher').reduce((a, p) => a + (p.count ?? 0), 0),
    uncollectedCents: sum('uncollected'),
    vat,
    lotteryCode,
  };
}

/** Per-VAT-code breakdown of charged amounts; rows sorted, gross adds up to the sum of amounts. */
export function vatBreakdown(lines: ReadonlyArray<{ vatCode: VatCode; amountCents: Cents }>): VatRow[] {
  const byCode = new Map<VatCode, Cents>();
  for (const l of lines) byCode.set(l.vatCode, (byCode.get(l.vatCode) ?? 0) + l.amountCents);
  return [...byCode.entries()]
    .sort(([a], [b]) => compareVatCodes(a, b))
    .map(([vatCode, g]) => ({ vatCode, ...scorporo(g, vatCode) }));
}

/**
 * Refund for returning `qty` of a line of which `alreadyReturned` was returned before. Computed on
 * the cumulative quantity so that returning a line in several goes adds up exactly to its amount.
 */
export function refundForQuantity(lineAmountCents: Cents, lineQtyMilli: Milli, alreadyReturnedMilli: Milli, qtyMilli: Milli): Cents {
  const cum = (q: number) => Math.floor((lineAmountCents * q * 2 + lineQtyMilli) / (2 * lineQtyMilli));
  return cum(alreadyReturnedMilli + qtyMilli) - cum(alreadyReturnedMilli);
}
