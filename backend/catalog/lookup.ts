// What a scanned (or typed) code means at the counter: a registered barcode, an in-store scale
// label (prefix 2, weight or price embedded), or a SKU typed by hand. catalog.lookup answers with
// this, and the ledger can call it to judge a line's barcode exactly as the counter did.
import type { ReadableDb } from '../db/types.js';
import { decodeInStoreLabel, eanCheckDigitOk, inStoreLabelRule, looksLikeEan, pluKeys, type InStoreLabel, type LabelLayout } from '../../shared/barcode.js';
import { fail } from '../../shared/errors.js';
import { findByBarcode, findByPlu, findBySku, type Product } from './products.js';
import { msg } from '../../shared/messages/index.js';

export interface LookupResult {
  product: Product | null;
  /** The in-store label the code was read as (then `product` is the PLU's product), else null. */
  label: InStoreLabel | null;
}

/**
 * Order, and why:
 *  1. the code as a registered barcode — the scan path, one indexed query, unchanged (a fixed code a
 *     shop registered in the 2xxxx range still wins over reading it as a label);
 *  2. a code shaped like an EAN/UPC with a wrong check digit is a misread: refused (unless it is a
 *     numeric SKU typed by hand), never guessed at;
 *  3. an in-store label under the layout: its PLU is looked up among the products' barcodes;
 *  4. a SKU typed at the counter.
 * `layout` is read only when step 1 misses, so a plain scan pays nothing for labels.
 */
export function lookupCode(db: ReadableDb, code: string, layout: () => LabelLayout): LookupResult {
  const byBarcode = findByBarcode(db, code);
  if (byBarcode) return { product: byBarcode, label: null };
  if (looksLikeEan(code)) {
    if (!eanCheckDigitOk(code)) {
      const bySku = findBySku(db, code);
      if (bySku) return { product: bySku, label: null };
      fail('BARCODE_CHECK_DIGIT', msg.catalog.barcodeCheckDigitScan, 'code');
    }
    const l = layout();
    if (inStoreLabelRule(code, l)) {
      const label = decodeInStoreLabel(code, l);
      if (!label)
        fail('BARCODE_CHECK_DIGIT', msg.catalog.scaleLabelCheckDigit, 'code');
      const product = findByPlu(db, pluKeys(label.plu));
      const plu = pluKeys(label.plu).at(-1)!;
      if (!product)
        fail('PLU_NOT_FOUND', msg.catalog.pluNotFound({ plu }), 'code');
      if (label.kind === 'weight' && !product.soldByWeight)
        fail('LABEL_NOT_BY_WEIGHT', msg.catalog.labelNotByWeight({ description: product.description }), 'code');
      if ((label.kind === 'weight' ? label.quantityMilli : label.priceCents) === 0)
        fail('LABEL_ZERO', msg.catalog.labelZero({ kind: label.kind === 'weight' ? 'weight' : 'price' }), 'code');
      return { product, label };
    }
  }
  return { product: findBySku(db, code), label: null };
}
