// What a cashier may not do alone: the owner's policies (Impostazioni → Vendita) and the fixed
// rules, as a list of reasons a manager reads before typing the PIN. Pure (no I/O): the backend
// (backend/policies.ts, which looks the facts up in the ledger) and the till screen (to
// mark a line «richiede responsabile» before paying) apply the same rules. The dispatcher turns a
// non-empty list into a MANAGER_REQUIRED request bound to that one call (handlers/dispatcher.ts).
//
// The rules, and why:
// - price changed from the catalog's (always): the simplest way to undercharge a friend;
// - a fraction of an item sold by the piece (always): a price change in disguise (0,001 bottles = 1 cent);
// - omaggio (setting, default on): goods leave the shop for nothing;
// - «non riscosso» (always): the goods leave unpaid, to be collected later; the till screen does
//   not offer it, so only a manager's own tool or the API uses it;
// - a discount above a share of the amount (setting, default 10 %): small courtesy discounts and
//   «facciamo 20 €» stay with the cashier, bigger ones are the owner's call. A line's discount is
//   judged on the line; a sale discount on everything the customer does not pay (line discounts
//   included), so 10 % on the line plus 10 % on the total cannot add up to 19 % unseen. A
//   percentage typed at the till is rounded to the cent, so exactly the threshold is allowed;
// - an open-price line (department key, or a product priced € 0 in the catalog whose price is
//   typed at the till) above an amount (setting, default € 100,00): catches «350» typed for «3,50»
//   (€ 350,00) as much as a made-up price, without slowing the usual small department sales;
// - a return taking the sale's refunds above a threshold (setting, default € 50,00);
// - a cash refund of a sale paid by card (setting, default on): turns a card payment (maybe with
//   someone else's card) into cash from the drawer. A split sale may give back in cash up to the
//   cash it took, counting earlier cash refunds;
// - manager-only methods (void, settings, catalog, close day…), described for the manager
//   (backend/policies.ts methodReason).
import type { ApprovalReason } from './errors.js';
import { divRound, lineAmount } from './money.js';
import { msg, type Text } from './messages/index.js';

export interface SalePolicy {
  /** sale.managerComplimentary */
  complimentary: boolean;
  /** sale.managerDiscountPercent: a discount above this share of its amount needs a manager (100 = never). */
  discountPercent: number;
  /** sale.managerOpenPriceCents: an open-price line whose amount is above this needs a manager. */
  openPriceCents: number;
}

export interface ReturnPolicy {
  /** sale.managerReturnThresholdCents: refunds of one sale above this need a manager. */
  thresholdCents: number;
  /** sale.managerCashRefundOfCard */
  cashRefundOfCard: boolean;
}

/** A sale line as the rules see it, after the catalog look-up. */
export interface PolicyLine {
  description: string;
  /** The catalog's price; null when the price is set at the till (department key, product priced € 0). */
  listPriceCents: number | null;
  /** The operator changed the catalog's price (the ledger's own rule, isPriceOverride). */
  priceChanged: boolean;
  unitPriceCents: number;
  quantityMilli: number;
  /** A catalog product sold by the piece (a fraction of it is suspicious). */
  soldByPiece: boolean;
  discountCents: number;
  complimentary: boolean;
}

export interface PolicySale {
  lines: PolicyLine[];
  discountCents: number;
  /** Paid «non riscosso» (to be collected later, e.g. on an invoice). */
  uncollectedCents: number;
}

/** A share in tenths of a percent, rounded: 1/4 → 250 (the words show «25 %», «12,5 %»). */
const tenths = (part: number, whole: number) => Math.round((part * 1000) / whole);

/** A reason with its words from the catalogue (shared/messages, area approval). */
export function approvalReason(code: string, words: Text): ApprovalReason {
  return { code, message: words.it, message_en: words.en };
}

/** Why this sale needs a manager, line by line in receipt order, then the sale as a whole. Pure. */
export function saleReasons(policy: SalePolicy, sale: PolicySale): ApprovalReason[] {
  const out: ApprovalReason[] = [];
  const limit = (base: number) => divRound(base * policy.discountPercent, 100);
  let grossCharged = 0;
  let discounted = 0;
  for (const l of sale.lines) {
    const gross = lineAmount(l.quantityMilli, l.unitPriceCents);
    const d = l.description;
    if (l.priceChanged && l.listPriceCents !== null)
      out.push(approvalReason('price_override', msg.approval.priceChanged({ description: d, from: l.listPriceCents, to: l.unitPriceCents })));
    if (l.listPriceCents === null && gross > policy.openPriceCents)
      out.push(approvalReason('open_price', msg.approval.openPrice({ limit: policy.openPriceCents, description: d, amount: gross })));
    if (l.soldByPiece && l.quantityMilli % 1000 !== 0)
      out.push(approvalReason('fractional_quantity', msg.approval.fractionalQuantity({ description: d, quantity: l.quantityMilli })));
    if (l.complimentary) {
      if (policy.complimentary)
        out.push(approvalReason('complimentary', msg.approval.complimentary({ description: d, quantity: l.quantityMilli, amount: gross })));
      continue;
    }
    grossCharged += gross;
    discounted += l.discountCents;
    if (l.discountCents > 0 && gross > 0 && l.discountCents > limit(gross))
      out.push(approvalReason('line_discount', msg.approval.lineDiscount({ tenths: tenths(l.discountCents, gross), description: d, limit: policy.discountPercent })));
  }
  if (sale.discountCents > 0 && grossCharged > 0 && discounted + sale.discountCents > limit(grossCharged))
    out.push(approvalReason('sale_discount', msg.approval.saleDiscount({ tenths: tenths(discounted + sale.discountCents, grossCharged), limit: policy.discountPercent })));
  if (sale.uncollectedCents > 0)
    out.push(approvalReason('uncollected', msg.approval.uncollected({ amount: sale.uncollectedCents })));
  return out;
}

/** What the rules need to know about a return. */
export interface PolicyReturn {
  /** This return's refund. */
  refundCents: number;
  /** Refunded by earlier returns of the same sale. */
  refundedBeforeCents: number;
  refundMethod: 'cash' | 'electronic';
  /** The sale was paid (at least partly) by card. */
  paidByCard: boolean;
  /** Cash the sale kept (after change), less the cash earlier returns gave back. */
  cashLeftCents: number;
}

/** Why this return needs a manager. Pure. */
export function returnReasons(policy: ReturnPolicy, r: PolicyReturn): ApprovalReason[] {
  const out: ApprovalReason[] = [];
  const total = r.refundedBeforeCents + r.refundCents;
  if (total > policy.thresholdCents) {
    const threshold = policy.thresholdCents;
    out.push(approvalReason('return_over_threshold', r.refundedBeforeCents === 0
      ? msg.approval.returnOverThreshold({ total, threshold })
      : msg.approval.returnOverThresholdWithEarlier({ refund: r.refundCents, total, threshold })));
  }
  if (policy.cashRefundOfCard && r.refundMethod === 'cash' && r.paidByCard && r.refundCents > r.cashLeftCents)
    out.push(approvalReason('cash_refund_of_card', msg.approval.cashRefundOfCard({ refund: r.refundCents })));
  return out;
}
