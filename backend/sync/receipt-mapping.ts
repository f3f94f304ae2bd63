// The one place where a committed document becomes an Openapi request body. Cents and thousandths
// turn into API decimals here and nowhere else.
//
// Choices the API forces on us (documented because the AdE document differs from the paper one):
// - `quantity` has exactly 2 decimals. A line whose quantity in thousandths is not a multiple of 10
//   (weighed goods, 1,235 kg) is sent as quantity 1.00 at unit_price = the line's gross amount, with
//   the weight and unit price in the description.
// - item `discount` = the line discount + the line's share of the sale discount (the domain spreads
//   the sale discount over lines, so the VAT base is right per line).
// - the global `discount` carries only a cash rounding DOWN (12,52 → 12,50). The API has no field for
//   rounding UP (12,53 → 12,55): that sale is sent with cash_payment_amount = cash kept − rounding,
//   i.e. the 2 cents above the fiscal total are not reported (the fiscal total is unchanged).
import { z } from 'zod';
import { centsToApiNumber, formatAmount, formatQuantity, type Cents, type Milli } from '../../shared/money.js';
import type { DocumentLine, DocumentRecord } from '../../shared/document.js';
import { PostReceiptSchema, ReceiptReturnSchema, type PostReceipt, type PostReceiptItem, type ReceiptReturn, type RemoteItem } from '../../shared/openapi/schemas.js';

/** What we keep of a sale's remote items to return them later: local line → API item id. */
export interface RemoteItemRef {
  lineNo: number;
  id: string;
  /** Quantity as the API knows it (hundredths). */
  quantityHundredths: number;
}
export const RemoteItemRefsSchema = z.array(z.object({ lineNo: z.number().int(), id: z.string(), quantityHundredths: z.number().int() }));

const MAX_DESCRIPTION = 1000;

/** True when the line's quantity cannot be written with 2 decimals. */
export function isLumpLine(quantityMilli: Milli): boolean {
  return quantityMilli % 10 !== 0;
}

/** Quantity in hundredths as the API holds the sale line. */
export function apiQuantityHundredths(quantityMilli: Milli): number {
  return isLumpLine(quantityMilli) ? 100 : quantityMilli / 10;
}

function itemFor(line: DocumentLine): PostReceiptItem {
  const lump = isLumpLine(line.quantityMilli);
  const description = lump
    ? `${line.description}, kg ${formatQuantity(line.quantityMilli)} x euro ${formatAmount(line.unitPriceCents)}`
    : line.description;
  const discount = line.complimentary ? 0 : line.discountCents + line.saleDiscountShareCents;
  return {
    quantity: apiQuantityHundredths(line.quantityMilli) / 100,
    description: description.slice(0, MAX_DESCRIPTION),
    unit_price: centsToApiNumber(lump ? line.grossCents : line.unitPriceCents),
    vat_rate_code: line.vatCode,
    ...(discount > 0 ? { discount: centsToApiNumber(discount) } : {}),
    ...(line.complimentary ? { complimentary: true } : {}),
    ...(line.sku ? { sku: line.sku } : {}),
  };
}

function applied(doc: DocumentRecord, pred: (p: DocumentRecord['payments'][number]) => boolean): Cents {
  return doc.payments.filter(pred).reduce((a, p) => a + p.appliedCents, 0);
}

/** POST /IT-receipts body for a sale. Only fields the spec defines; checked against the spec schema. */
export function toPostReceipt(doc: DocumentRecord, fiscalId: string): PostReceipt {
  if (doc.kind !== 'sale') throw new Error(`toPostReceipt: ${doc.kind} is not a sale`);
  const rounding = doc.roundingCents;
  const cash = applied(doc, (p) => p.method === 'cash') - Math.max(rounding, 0);
  const electronic = applied(doc, (p) => p.method === 'electronic');
  const ticket = applied(doc, (p) => p.method === 'meal_voucher');
  const ticketQty = doc.payments.filter((p) => p.method === 'meal_voucher').reduce((a, p) => a + (p.count ?? 0), 0);
  const goods = applied(doc, (p) => p.method === 'uncollected' && p.uncollectedKind === 'goods');
  const services = applied(doc, (p) => p.method === 'uncollected' && p.uncollectedKind !== 'goods');
  const body: PostReceipt = {
    fiscal_id: fiscalId,
    items: doc.lines.map(itemFor),
    cash_payment_amount: centsToApiNumber(cash),
    ...(electronic > 0 ? { electronic_payment_amount: centsToApiNumber(electronic) } : {}),
    ...(ticket > 0 ? { ticket_restaurant_payment_amount: centsToApiNumber(ticket), ticket_restaurant_quantity: ticketQty } : {}),
    ...(goods > 0 ? { goods_uncollected_amount: centsToApiNumber(goods) } : {}),
    ...(services > 0 ? { services_uncollected_amount: centsToApiNumber(services) } : {}),
    ...(goods > 0 || services > 0 ? { invoice_issuing: true } : {}),
    ...(rounding < 0 ? { discount: centsToApiNumber(-rounding) } : {}),
    ...(doc.lotteryCode ? { lottery_code: doc.lotteryCode } : {}),
    tags: [doc.id, doc.number],
  };
  return PostReceiptSchema.parse(body);
}

/** Remote item ids of a sale from the API's answer; null when they cannot be matched line by line. */
export function remoteItemRefs(doc: DocumentRecord, items: RemoteItem[] | null | undefined): RemoteItemRef[] | null {
  if (!items || items.length !== doc.lines.length) return null;
  return doc.lines.map((l, i) => ({ lineNo: l.lineNo, id: items[i]!.id, quantityHundredths: Math.round(items[i]!.quantity * 100) }));
}

export interface ReturnPlan {
  body: ReceiptReturn;
  /** False when a quantity had to be rounded to 2 decimals (the API's refund may differ by a few cents). */
  exact: boolean;
}

/**
 * PATCH /IT-receipts/{sale} body for a return. Each line names the remote item of the sale line it
 * refunds; the quantity is scaled to the API's quantity of that item (a weighed line sent as 1.00
 * is returned as the returned share of 1.00).
 * `returnedBefore` is the quantity (thousandths) of each sale line returned by earlier returns.
 */
export function toReturnBody(doc: DocumentRecord, sale: DocumentRecord, refs: RemoteItemRef[], returnedBefore: Map<number, Milli>): ReturnPlan {
  let exact = true;
  const items = doc.lines.map((l) => {
    const saleLine = sale.lines.find((s) => s.lineNo === l.parentLineNo);
    const ref = refs.find((r) => r.lineNo === l.parentLineNo);
    if (!saleLine || !ref) throw new Error(`return ${doc.number}: sale line ${l.parentLineNo} has no remote item`);
    // Cumulative scaling keeps successive partial returns adding up to the whole item.
    const before = returnedBefore.get(saleLine.lineNo) ?? 0;
    const whole = ref.quantityHundredths;
    const scaled = (milli: Milli) => (milli * whole) / saleLine.quantityMilli;
    // What the API holds as returned once `milli` went back: a part of the line keeps at least one
    // hundredth returned and one still returnable, so the part after it is never 0 and never more
    // than the API has left (a few grams of 1,235 kg would otherwise round to all or nothing).
    const held = (milli: Milli) =>
      milli <= 0 ? 0 : milli >= saleLine.quantityMilli ? whole : Math.min(whole - 1, Math.max(1, Math.round(scaled(milli))));
    const from = scaled(before);
    const to = scaled(before + l.quantityMilli);
    if (!Number.isInteger(from) || !Number.isInteger(to)) exact = false;
    const h = Math.max(1, held(before + l.quantityMilli) - held(before));
    return { id: ref.id, quantity: h / 100 };
  });
  return { body: ReceiptReturnSchema.parse({ items }), exact };
}
