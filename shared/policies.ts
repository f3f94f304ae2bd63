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
import { divRound, formatAmount, formatQuantity, lineAmount } from './money.js';

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

export const eurIt = (c: number) => `€ ${formatAmount(c)}`;
/** English figures for the English text: 1,234.50. */
export const eurEn = (c: number) => `€ ${formatAmount(c).replace(/[.,]/g, (m) => (m === '.' ? ',' : '.'))}`;
const qtyIt = (m: number) => formatQuantity(m);
const qtyEn = (m: number) => formatQuantity(m).replace(',', '.');
/** 25 → «25», 12,5 → «12,5» (one decimal at most). */
function pct(part: number, whole: number): { it: string; en: string } {
  const tenths = Math.round((part * 1000) / whole);
  const s = tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
  return { it: s.replace('.', ','), en: s };
}

export function approvalReason(code: string, message: string, messageEn: string): ApprovalReason {
  return { code, message, message_en: messageEn };
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
      out.push(approvalReason('price_override', `Prezzo modificato: ${d} ${eurIt(l.listPriceCents)} → ${eurIt(l.unitPriceCents)}`, `Price changed: ${d} ${eurEn(l.listPriceCents)} → ${eurEn(l.unitPriceCents)}`));
    if (l.listPriceCents === null && gross > policy.openPriceCents)
      out.push(approvalReason('open_price', `Prezzo libero oltre ${eurIt(policy.openPriceCents)}: ${d} ${eurIt(gross)}`, `Open price above ${eurEn(policy.openPriceCents)}: ${d} ${eurEn(gross)}`));
    if (l.soldByPiece && l.quantityMilli % 1000 !== 0)
      out.push(approvalReason('fractional_quantity', `Quantità non intera di un articolo venduto a pezzi: ${d} × ${qtyIt(l.quantityMilli)}`, `Fraction of an item sold by the piece: ${d} × ${qtyEn(l.quantityMilli)}`));
    if (l.complimentary) {
      if (policy.complimentary) {
        const q = l.quantityMilli === 1000 ? { it: '', en: '' } : { it: ` × ${qtyIt(l.quantityMilli)}`, en: ` × ${qtyEn(l.quantityMilli)}` };
        out.push(approvalReason('complimentary', `Omaggio: ${d}${q.it} (${eurIt(gross)})`, `Complimentary: ${d}${q.en} (${eurEn(gross)})`));
      }
      continue;
    }
    grossCharged += gross;
    discounted += l.discountCents;
    if (l.discountCents > 0 && gross > 0 && l.discountCents > limit(gross)) {
      const p = pct(l.discountCents, gross);
      out.push(approvalReason('line_discount', `Sconto del ${p.it} % su ${d} (oltre il ${policy.discountPercent} %)`, `${p.en} % discount on ${d} (above ${policy.discountPercent} %)`));
    }
  }
  if (sale.discountCents > 0 && grossCharged > 0 && discounted + sale.discountCents > limit(grossCharged)) {
    const p = pct(discounted + sale.discountCents, grossCharged);
    out.push(approvalReason('sale_discount', `Sconto del ${p.it} % sul totale (oltre il ${policy.discountPercent} %)`, `${p.en} % discount on the total (above ${policy.discountPercent} %)`));
  }
  if (sale.uncollectedCents > 0)
    out.push(approvalReason('uncollected', `Non riscosso: ${eurIt(sale.uncollectedCents)} (la merce esce senza pagamento)`, `Uncollected: ${eurEn(sale.uncollectedCents)} (the goods leave unpaid)`));
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
    const t = { it: eurIt(policy.thresholdCents), en: eurEn(policy.thresholdCents) };
    out.push(r.refundedBeforeCents === 0
      ? approvalReason('return_over_threshold', `Reso di ${eurIt(total)} su questa vendita (oltre la soglia di ${t.it})`, `Return of ${eurEn(total)} on this sale (above the ${t.en} threshold)`)
      : approvalReason('return_over_threshold', `Reso di ${eurIt(r.refundCents)}: con i resi precedenti fanno ${eurIt(total)} su questa vendita (oltre la soglia di ${t.it})`,
        `Return of ${eurEn(r.refundCents)}: with the earlier returns ${eurEn(total)} on this sale (above the ${t.en} threshold)`));
  }
  if (policy.cashRefundOfCard && r.refundMethod === 'cash' && r.paidByCard && r.refundCents > r.cashLeftCents)
    out.push(approvalReason('cash_refund_of_card', `Rimborso in contanti (${eurIt(r.refundCents)}) di una vendita pagata con carta`, `Cash refund (${eurEn(r.refundCents)}) of a sale paid by card`));
  return out;
}
