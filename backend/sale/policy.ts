// The sale's part of the manager policies (shared/policies.ts: what needs a manager, and why): the
// settings they are judged against, the facts of a sale request looked up in the catalogue, and
// what a sale's approval is bound to. sale.commit and sale.authorize call these (../api/sale.ts);
// returns and the manager-only methods are in ../policies.ts.
import type { ReadableDb } from '../db/types.js';
import { getSetting } from '../settings.js';
import { findByBarcode, findById, findBySku } from '../catalog/products.js';
import { isPriceOverride, scaleLabelOf } from './commit.js';
import type { SaleRequestParsed } from '../../shared/schemas/documents.js';
import { quantityFromNumber } from '../../shared/money.js';
import type { PolicyLine, PolicySale, SalePolicy } from '../../shared/policies.js';

export { saleReasons } from '../../shared/policies.js';

export function salePolicy(db: ReadableDb): SalePolicy {
  return {
    complimentary: getSetting(db, 'sale.managerComplimentary'),
    discountPercent: getSetting(db, 'sale.managerDiscountPercent'),
    openPriceCents: getSetting(db, 'sale.managerOpenPriceCents'),
  };
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
        priceChanged: isPriceOverride(p, l.unit_price_cents, scaleLabelOf(db, p, l.barcode)),
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

/**
 * What a sale's manager approval is bound to: the cart (lines and sale discount), not the payments.
 * The PIN is asked when «Paga» is pressed (sale.authorize), before a card is charged; the commit of
 * that same cart, whatever the payments, then uses it. A cart changed afterwards needs a new PIN.
 */
export function cartBinding(req: SaleRequestParsed): unknown {
  return { lines: req.lines, discount_cents: req.discount_cents };
}

/** A PIN asked at «Paga» must outlast a slow card payment. */
export const SALE_APPROVAL_TTL_MS = 15 * 60 * 1000;
