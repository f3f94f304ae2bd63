// What a cashier may not do alone: the owner's policies (Impostazioni → Vendita) and the fixed
// rules, as a list of reasons a manager reads before typing the PIN. One module so that every
// place that takes a sale or a return asks the same questions; the dispatcher turns a non-empty list
// into a MANAGER_REQUIRED request bound to that one call (handlers/dispatcher.ts).
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
//   typed at the till) above an amount (setting, default € 100,00): catches «35000» typed for
//   350,00 → € 350,00 as much as a made-up price, without slowing the usual small department sales;
// - a return taking the sale's refunds above a threshold (setting, default € 50,00);
// - a cash refund of a sale paid by card (setting, default on): turns a card payment (maybe with
//   someone else's card) into cash from the drawer. A split sale may give back in cash up to the
//   cash it took, counting earlier cash refunds;
// - manager-only methods (void, settings, catalog, close day…), described for the manager.
//
// The CLI does not ask: `bancone sale|return|void` run with no session, as the owner, on the
// machine that holds the database: whoever can run them can open the SQLite file too, so a PIN
// there would protect nothing and would break scripted use. Their documents are recorded with
// source 'cli' and no operator, which the journal shows.
import type { ReadableDb } from './db/types.js';
import { getSetting } from './settings.js';
import { findByBarcode, findById, findBySku } from './catalog/products.js';
import { getDocument } from './ledger/index.js';
import { isPriceOverride } from './ledger/sales.js';
import type { ApprovalReason } from '../../shared/errors.js';
import type { SaleRequestParsed } from '../../shared/schemas/documents.js';
import { divRound, formatAmount, formatQuantity, lineAmount, quantityFromNumber } from '../../shared/money.js';

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

export function salePolicy(db: ReadableDb): SalePolicy {
  return {
    complimentary: getSetting(db, 'sale.managerComplimentary'),
    discountPercent: getSetting(db, 'sale.managerDiscountPercent'),
    openPriceCents: getSetting(db, 'sale.managerOpenPriceCents'),
  };
}

export function returnPolicy(db: ReadableDb): ReturnPolicy {
  return { thresholdCents: getSetting(db, 'sale.managerReturnThresholdCents'), cashRefundOfCard: getSetting(db, 'sale.managerCashRefundOfCard') };
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

const eurIt = (c: number) => `€ ${formatAmount(c)}`;
/** English figures for the English text: 1,234.50. */
const eurEn = (c: number) => `€ ${formatAmount(c).replace(/[.,]/g, (m) => (m === '.' ? ',' : '.'))}`;
const qtyIt = (m: number) => formatQuantity(m);
const qtyEn = (m: number) => formatQuantity(m).replace(',', '.');
/** 25 → «25», 12,5 → «12,5» (one decimal at most). */
function pct(part: number, whole: number): { it: string; en: string } {
  const tenths = Math.round((part * 1000) / whole);
  const s = tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
  return { it: s.replace('.', ','), en: s };
}

function reason(code: string, message: string, messageEn: string): ApprovalReason {
  return { code, message, message_en: messageEn };
}

/** The request's lines looked up in the catalog (lines whose product is unknown are left to the ledger's error). */
export function policySale(db: ReadableDb, req: SaleRequestParsed): PolicySale {
  const lines: PolicyLine[] = [];
  for (const l of req.lines) {
    const quantityMilli = quantityFromNumber(l.quantity) ?? 0;
    const common = { quantityMilli, discountCents: l.discount_cents, complimentary: l.complimentary };
    if (l.product_id || l.barcode || l.sku) {
      const p = l.product_id ? findById(db, l.product_id) : l.barcode ? findByBarcode(db, l.barcode) : findBySku(db, l.sku!);
      if (!p) continue;
      lines.push({
        ...common,
        description: l.description ?? p.description,
        // A product priced € 0 is one whose price is typed at the till: an open price, not a price change.
        listPriceCents: p.priceCents === 0 ? null : p.priceCents,
        priceChanged: isPriceOverride(p, l.unit_price_cents),
        unitPriceCents: l.unit_price_cents ?? p.priceCents,
        soldByPiece: !p.soldByWeight,
      });
    } else {
      lines.push({ ...common, description: l.description ?? '', listPriceCents: null, priceChanged: false, unitPriceCents: l.unit_price_cents ?? 0, soldByPiece: false });
    }
  }
  const uncollectedCents = req.payments.filter((p) => p.method === 'uncollected').reduce((a, p) => a + p.amount_cents, 0);
  return { lines, discountCents: req.discount_cents, uncollectedCents };
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
      out.push(reason('price_override', `Prezzo modificato: ${d} ${eurIt(l.listPriceCents)} → ${eurIt(l.unitPriceCents)}`, `Price changed: ${d} ${eurEn(l.listPriceCents)} → ${eurEn(l.unitPriceCents)}`));
    if (l.listPriceCents === null && gross > policy.openPriceCents)
      out.push(reason('open_price', `Prezzo libero oltre ${eurIt(policy.openPriceCents)}: ${d} ${eurIt(gross)}`, `Open price above ${eurEn(policy.openPriceCents)}: ${d} ${eurEn(gross)}`));
    if (l.soldByPiece && l.quantityMilli % 1000 !== 0)
      out.push(reason('fractional_quantity', `Quantità non intera di un articolo venduto a pezzi: ${d} × ${qtyIt(l.quantityMilli)}`, `Fraction of an item sold by the piece: ${d} × ${qtyEn(l.quantityMilli)}`));
    if (l.complimentary) {
      if (policy.complimentary) {
        const q = l.quantityMilli === 1000 ? { it: '', en: '' } : { it: ` × ${qtyIt(l.quantityMilli)}`, en: ` × ${qtyEn(l.quantityMilli)}` };
        out.push(reason('complimentary', `Omaggio: ${d}${q.it} (${eurIt(gross)})`, `Complimentary: ${d}${q.en} (${eurEn(gross)})`));
      }
      continue;
    }
    grossCharged += gross;
    discounted += l.discountCents;
    if (l.discountCents > 0 && gross > 0 && l.discountCents > limit(gross)) {
      const p = pct(l.discountCents, gross);
      out.push(reason('line_discount', `Sconto del ${p.it} % su ${d} (oltre il ${policy.discountPercent} %)`, `${p.en} % discount on ${d} (above ${policy.discountPercent} %)`));
    }
  }
  if (sale.discountCents > 0 && grossCharged > 0 && discounted + sale.discountCents > limit(grossCharged)) {
    const p = pct(discounted + sale.discountCents, grossCharged);
    out.push(reason('sale_discount', `Sconto del ${p.it} % sul totale (oltre il ${policy.discountPercent} %)`, `${p.en} % discount on the total (above ${policy.discountPercent} %)`));
  }
  if (sale.uncollectedCents > 0)
    out.push(reason('uncollected', `Non riscosso: ${eurIt(sale.uncollectedCents)} (la merce esce senza pagamento)`, `Uncollected: ${eurEn(sale.uncollectedCents)} (the goods leave unpaid)`));
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
      ? reason('return_over_threshold', `Reso di ${eurIt(total)} su questa vendita (oltre la soglia di ${t.it})`, `Return of ${eurEn(total)} on this sale (above the ${t.en} threshold)`)
      : reason('return_over_threshold', `Reso di ${eurIt(r.refundCents)}: con i resi precedenti fanno ${eurIt(total)} su questa vendita (oltre la soglia di ${t.it})`,
        `Return of ${eurEn(r.refundCents)}: with the earlier returns ${eurEn(total)} on this sale (above the ${t.en} threshold)`));
  }
  if (policy.cashRefundOfCard && r.refundMethod === 'cash' && r.paidByCard && r.refundCents > r.cashLeftCents)
    out.push(reason('cash_refund_of_card', `Rimborso in contanti (${eurIt(r.refundCents)}) di una vendita pagata con carta`, `Cash refund (${eurEn(r.refundCents)}) of a sale paid by card`));
  return out;
}

/**
 * The facts of a return from the ledger. `refundAfterCents` is what the sale will have refunded
 * after this return, earlier returns included (documents.ts computes it line by line).
 */
export function policyReturn(db: ReadableDb, saleRef: string, refundAfterCents: number, refundMethod: 'cash' | 'electronic' | undefined): PolicyReturn {
  const sale = getDocument(db, saleRef);
  const earlier = db.prepare(
    `SELECT coalesce(sum(abs(d.total_cents)), 0) AS total,
       coalesce((SELECT sum(abs(p.applied_cents)) FROM payments p JOIN documents r ON r.id = p.document_id
                 WHERE r.parent_id = ? AND r.kind = 'return' AND p.method = 'cash'), 0) AS cash
     FROM documents d WHERE d.parent_id = ? AND d.kind = 'return'`,
  ).get(sale.id, sale.id) as { total: number; cash: number };
  const paidByCard = sale.payments.some((p) => p.method === 'electronic' && p.appliedCents > 0);
  const cashKept = sale.payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.appliedCents, 0);
  return {
    refundCents: Math.max(0, refundAfterCents - earlier.total),
    refundedBeforeCents: earlier.total,
    // The ledger's own default: a sale paid (partly) by card is refunded by card.
    refundMethod: refundMethod ?? (paidByCard ? 'electronic' : 'cash'),
    paidByCard,
    cashLeftCents: Math.max(0, cashKept - earlier.cash),
  };
}

const METHOD_TEXT: Record<string, [string, string]> = {
  'documents.void': ['Annullo di una vendita', 'Void of a sale'],
  'documents.retry': ["Nuovo invio di un documento all'Agenzia delle Entrate", 'Sending a document to the Agenzia delle Entrate again'],
  'documents.cancelTransmission': ["Rinuncia all'invio all'Agenzia delle Entrate", 'Cancelling the sending to the Agenzia delle Entrate'],
  'settings.save': ['Modifica delle impostazioni', 'Change of the settings'],
  'settings.setSecret': ['Modifica delle credenziali (Openapi, Agenzia delle Entrate)', 'Change of the credentials (Openapi, Agenzia delle Entrate)'],
  'settings.testPrint': ['Stampa di prova', 'Test print'],
  'catalog.save': ['Modifica del catalogo', 'Change of the catalogue'],
  'catalog.import': ['Importazione del catalogo da file', 'Catalogue import from a file'],
  'catalog.saveDepartment': ['Modifica dei reparti', 'Change of the departments'],
  'operators.list': ['Elenco degli operatori', 'List of the operators'],
  'operators.save': ['Modifica degli operatori', 'Change of the operators'],
  'reports.period': ['Resoconto di un periodo', 'Report for a period'],
  'reports.finalSync': ["Invio finale della giornata all'Agenzia delle Entrate", "The day's final sending to the Agenzia delle Entrate"],
  'reports.closeDay': ['Chiusura della giornata (Z)', 'Closing the day (Z)'],
  cash_out: ['Prelievo di contanti dalla cassa', 'Taking cash out of the drawer'],
  close_day: ['Chiusura della giornata (Z)', 'Closing the day (Z)'],
};

/**
 * A manager-only method (or a handler's named rule such as 'cash_out') in words, with the figures
 * the manager needs to recognise the action (which sale, how much).
 */
export function methodReason(db: ReadableDb, code: string, input: unknown): ApprovalReason {
  const i = (input ?? {}) as Record<string, unknown>;
  const [it, en] = METHOD_TEXT[code] ?? ['Operazione riservata al responsabile', 'Operation reserved to a manager'];
  const str = (k: string) => (typeof i[k] === 'string' ? (i[k] as string) : null);
  try {
    if (code === 'documents.void' && str('sale')) {
      const d = getDocument(db, str('sale')!);
      return reason(code, `Annullo della vendita ${d.number} (${eurIt(d.totalCents)})`, `Void of sale ${d.number} (${eurEn(d.totalCents)})`);
    }
    if ((code === 'documents.retry' || code === 'documents.cancelTransmission') && str('id')) {
      const d = getDocument(db, str('id')!);
      return reason(code, `${it}: ${d.number}`, `${en}: ${d.number}`);
    }
  } catch {
    // An unknown document: the action itself will say so once approved; describe it generically.
  }
  if (code === 'catalog.save' && str('description') && typeof i.price_cents === 'number')
    return reason(code, `${it}: ${str('description')} ${eurIt(i.price_cents)}`, `${en}: ${str('description')} ${eurEn(i.price_cents)}`);
  if (code === 'catalog.saveDepartment' && str('name')) return reason(code, `${it}: ${str('name')}`, `${en}: ${str('name')}`);
  if (code === 'operators.save' && str('name')) return reason(code, `${it}: ${str('name')}`, `${en}: ${str('name')}`);
  if (code === 'cash_out' && typeof i.amount_cents === 'number') {
    const why = str('reason') ? ` (${str('reason')})` : '';
    return reason(code, `${it}: ${eurIt(i.amount_cents)}${why}`, `${en}: ${eurEn(i.amount_cents)}${why}`);
  }
  return reason(code, METHOD_TEXT[code] ? it : `${it} (${code})`, METHOD_TEXT[code] ? en : `${en} (${code})`);
}
