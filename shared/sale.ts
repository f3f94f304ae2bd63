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
import { allocate, formatAmount, lineAmount, type Cents, type Milli } from './money.js';
import { compareVatCodes, scorporo, type VatCode } from './vat.js';
import { fail } from './errors.js';

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
    fail('LINE_DESCRIPTION_REQUIRED', `Riga ${i + 1}: la descrizione è obbligatoria`, `Line ${i + 1}: description is required`, f('description'));
  if (l.description.length > MAX_DESCRIPTION)
    fail('LINE_DESCRIPTION_TOO_LONG', `Riga ${i + 1}: descrizione troppo lunga (massimo ${MAX_DESCRIPTION} caratteri)`, `Line ${i + 1}: description too long (max ${MAX_DESCRIPTION} characters)`, f('description'));
  if (!Number.isSafeInteger(l.quantityMilli) || l.quantityMilli <= 0)
    fail('LINE_QUANTITY_INVALID', `Riga ${i + 1}: la quantità deve essere maggiore di zero`, `Line ${i + 1}: quantity must be greater than zero`, f('quantity'));
  if (!Number.isSafeInteger(l.unitPriceCents) || l.unitPriceCents < 0)
    fail('LINE_PRICE_INVALID', `Riga ${i + 1}: il prezzo non può essere negativo`, `Line ${i + 1}: price cannot be negative`, f('unit_price_cents'));
  // Openapi requires a positive unit_price on every item, omaggi included (it zeroes them itself):
  // a € 0 line would be refused by the Agenzia after the customer has left. Giving something away
  // is an omaggio at its real price.
  if (l.unitPriceCents === 0)
    fail('LINE_PRICE_ZERO', `Riga ${i + 1} (${l.description.trim().slice(0, 40)}): il prezzo deve essere maggiore di zero. Per regalare un articolo usare «Omaggio» con il suo prezzo`,
      `Line ${i + 1} (${l.description.trim().slice(0, 40)}): the price must be greater than zero. To give an item away, mark it «Omaggio» at its real price`, f('unit_price_cents'));
  if (!Number.isSafeInteger(l.discountCents) || l.discountCents < 0)
    fail('LINE_DISCOUNT_INVALID', `Riga ${i + 1}: lo sconto non può essere negativo`, `Line ${i + 1}: discount cannot be negative`, f('discount_cents'));
  if (l.complimentary && l.discountCents > 0)
    fail('LINE_OMAGGIO_WITH_DISCOUNT', `Riga ${i + 1}: un omaggio non può avere anche uno sconto`, `Line ${i + 1}: a complimentary line cannot also have a discount`, f('discount_cents'));
}

/** Computes every figure of a sale and checks the payment rules. Throws BanconeError on bad input. */
export function computeSale(input: SaleInput): SaleTotals {
  if (input.lines.length === 0) fail('SALE_EMPTY', 'Lo scontrino non ha righe', 'The sale has no lines', 'lines');
  input.lines.forEach(checkLine);
  if (!Number.isSafeInteger(input.discountCents) || input.discountCents < 0)
    fail('SALE_DISCOUNT_INVALID', 'Lo sconto sul totale non può essere negativo', 'The sale discount cannot be negative', 'discount_cents');

  const gross = input.lines.map((l) => lineAmount(l.quantityMilli, l.unitPriceCents));
  const afterLine = input.lines.map((l, i) => {
    if (l.complimentary) return 0;
    const net = gross[i]! - l.discountCents;
    if (net < 0)
      fail('LINE_DISCOUNT_TOO_LARGE', `Riga ${i + 1}: lo sconto supera l'importo della riga`, `Line ${i + 1}: discount exceeds the line amount`, `lines[${i}].discount_cents`);
    return net;
  });
  const chargeable = afterLine.reduce((a, b) => a + b, 0);
  if (input.discountCents > chargeable)
    fail('SALE_DISCOUNT_TOO_LARGE', 'Lo sconto sul totale supera il totale', 'The sale discount exceeds the total', 'discount_cents');
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
      fail('PAYMENT_AMOUNT_INVALID', `Pagamento ${i + 1}: l'importo deve essere maggiore di zero`, `Payment ${i + 1}: amount must be greater than zero`, `payments[${i}].amount_cents`);
    if (p.method === 'meal_voucher' && (!p.count || !Number.isSafeInteger(p.count) || p.count < 1))
      fail('MEAL_VOUCHER_COUNT_REQUIRED', `Pagamento ${i + 1}: indicare il numero di buoni pasto`, `Payment ${i + 1}: the number of meal vouchers is required`, `payments[${i}].count`);
    if (p.method === 'uncollected' && !p.uncollectedKind)
      fail('UNCOLLECTED_KIND_REQUIRED', `Pagamento ${i + 1}: indicare se il non riscosso è per beni o servizi`, `Payment ${i + 1}: say whether the uncollected amount is for goods or services`, `payments[${i}].kind`);
  });
  const cashOnly = payments.length > 0 && payments.every((p) => p.method === 'cash');
  const roundingCents = input.cashRounding && cashOnly ? cashRoundingFor(totalCents) : 0;
  const dueCents = totalCents + roundingCents;
  const sum = (m: PaymentMethod) => payments.filter((p) => p.method === m).reduce((a, p) => a + p.amountCents, 0);
  const cashTendered = sum('cash');
  const nonCash = sum('electronic') + sum('meal_voucher') + sum('uncollected');
  const tenderedCents = cashTendered + nonCash;
  if (nonCash > dueCents)
    fail('PAYMENT_EXCEEDS_TOTAL', 'I pagamenti non in contanti superano il totale: il resto si dà solo sui contanti', 'Non-cash payments exceed the total: change is given on cash only', 'payments');
  if (tenderedCents < dueCents)
    fail('PAYMENT_INSUFFICIENT', `Pagamenti insufficienti: mancano € ${formatAmount(dueCents - tenderedCents)}`, `Payments do not cover the total: € ${formatAmount(dueCents - tenderedCents)} missing`, 'payments');
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
      fail('LOTTERY_CODE_FORMAT', 'Codice lotteria non valido: servono 8 caratteri tra lettere e cifre', 'Invalid lottery code: 8 letters or digits required', 'lottery_code');
    if (totalCents < 100)
      fail('LOTTERY_MIN_TOTAL', 'Codice lotteria: il totale deve essere almeno € 1,00', 'Lottery code: the total must be at least € 1.00', 'lottery_code');
    if (!(payments.length > 0 && payments.every((p) => p.method === 'electronic')))
      fail('LOTTERY_NOT_ELECTRONIC', 'Codice lotteria: ammesso solo con pagamento interamente elettronico', 'Lottery code: only allowed with a fully electronic payment', 'lottery_code');
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
