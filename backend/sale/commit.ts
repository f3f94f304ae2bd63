// Ringing up a sale: the request's lines priced from the catalogue (a scale label read, a price
// change recognised), the totals computed (shared/sale.ts), and the document written by the ledger
// (../ledger/write.ts) with its outbox row and receipt job in one transaction. The walk of a sale
// through the backend is in ./index.ts.
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { computeSale, type SaleLineInput } from '../../shared/sale.js';
import { SaleRequestSchema, type CommitResult, type SaleRequest } from '../../shared/schemas/documents.js';
import { parseInput } from '../../shared/validation.js';
import { fail } from '../../shared/errors.js';
import { quantityFromNumber } from '../../shared/money.js';
import { findByBarcode, findById, findByPlu, findBySku, type Product } from '../catalog/products.js';
import { decodeInStoreLabel, pluKeys, type InStoreLabel } from '../../shared/barcode.js';
import { getSetting } from '../settings.js';
import { businessDayFor } from '../ledger/numbering.js';
import { writeDocument } from '../ledger/write.js';
import { checkOperator } from '../operators.js';
import { msg } from '../../shared/messages/index.js';
import { isTraining } from '../training/mode.js';
import { writeTrainingDocument } from '../training/ledger.js';
import { atSaleCustomer, invoiceAtSale } from '../invoicing/issue.js';

export interface CommitOptions {
  operatorId?: string | null;
  source?: 'till' | 'cli' | 'api';
  /** False (`bancone sale --no-print`): no receipt is queued; the document is recorded all the same. */
  printReceipt?: boolean;
}

/**
 * The shop's own scale label on a line: `barcode` read under the shop's label layout, when it is a
 * label of this very product (its PLU). Null for anything else (a plain barcode, another product's label).
 */
export function scaleLabelOf(db: ReadableDb, product: Pick<Product, 'id'>, barcode: string | null | undefined): InStoreLabel | null {
  // A barcode registered in the catalogue is that product's, even if it looks like a label (as at the counter).
  if (!barcode || findByBarcode(db, barcode)) return null;
  const label = decodeInStoreLabel(barcode, getSetting(db, 'scale.labelLayout'));
  if (!label) return null;
  return findByPlu(db, pluKeys(label.plu))?.id === product.id ? label : null;
}

/**
 * Whether a line's price is the operator's own price change (it needs a manager, and the catalogue
 * price is kept as list_price): a price other than the catalogue's, except for a product with no
 * price in the catalogue (priced at the till, like a department key) and the price printed by the
 * shop's scale on the line's own label (`label`, from scaleLabelOf: checked, not taken on trust).
 */
export function isPriceOverride(product: Pick<Product, 'priceCents'>, unitPriceCents: number | undefined, label: InStoreLabel | null = null): boolean {
  if (unitPriceCents === undefined || product.priceCents === 0) return false;
  if (label?.kind === 'price' && label.priceCents === unitPriceCents) return false;
  return unitPriceCents !== product.priceCents;
}

/** Turns request lines into priced lines, reading the catalog inside the commit transaction. */
function resolveLines(db: WritableDb, req: ReturnType<typeof SaleRequestSchema.parse>): SaleLineInput[] {
  return req.lines.map((l, i) => {
    const quantityMilli = quantityFromNumber(l.quantity)!;
    const ref = l.product_id ?? l.barcode ?? l.sku;
    if (ref) {
      const p = l.product_id ? findById(db, l.product_id) : l.barcode ? findByBarcode(db, l.barcode) : findBySku(db, l.sku!);
      if (!p) {
        const field = l.product_id ? 'product_id' : l.barcode ? 'barcode' : 'sku';
        fail('PRODUCT_NOT_FOUND', msg.sale.productNotFound({ line: i + 1, field, ref }), `lines[${i}].${field}`);
      }
      const overridden = isPriceOverride(p, l.unit_price_cents, scaleLabelOf(db, p, l.barcode));
      return {
        productId: p.id,
        sku: p.sku,
        barcode: l.barcode ?? null,
        description: l.description ?? p.description,
        unitPriceCents: l.unit_price_cents ?? p.priceCents,
        listPriceCents: overridden ? p.priceCents : null,
        vatCode: p.vatCode,
        department: p.department,
        quantityMilli,
        discountCents: l.discount_cents,
        complimentary: l.complimentary,
      };
    }
    return {
      productId: null,
      sku: null,
      barcode: null,
      description: l.description!,
      unitPriceCents: l.unit_price_cents!,
      listPriceCents: null,
      vatCode: l.vat_code!,
      department: l.department ?? null,
      quantityMilli,
      discountCents: l.discount_cents,
      complimentary: l.complimentary,
    };
  });
}

/**
 * Records a sale: validates, prices from the catalog, computes totals, and writes the document with
 * its outbox row, print job and audit entry in ONE transaction. Throws BanconeError and writes
 * nothing on any bad input.
 */
export function commitSale(db: WritableDb, clock: Clock, request: SaleRequest | unknown, opts: CommitOptions = {}): CommitResult {
  const req = parseInput(SaleRequestSchema, request);
  return db.transaction((): CommitResult => {
    const lines = resolveLines(db, req);
    const totals = computeSale({
      lines,
      discountCents: req.discount_cents,
      payments: req.payments.map((p) => ({ method: p.method, amountCents: p.amount_cents, count: p.count ?? null, uncollectedKind: p.kind ?? null })),
      lotteryCode: req.lottery_code ?? null,
      cashRounding: getSetting(db, 'sale.cashRounding'),
    });
    // «Fattura invece dello scontrino» (issue #13): the customer, their data and a fiscal till are
    // checked before anything is written; the TD01 is then issued in this same transaction.
    const customer = req.invoice ? atSaleCustomer(db, req.invoice.customer) : null;
    const at = clock.now();
    // Training mode (../training/mode.ts): the same sale, kept apart from the fiscal ledger.
    const write = isTraining(db) ? writeTrainingDocument : writeDocument;
    const operatorId = checkOperator(db, opts.operatorId ?? req.operator_id ?? null);
    const result = write(db, {
      kind: 'sale',
      at,
      businessDay: businessDayFor(db, at),
      operatorId,
      parentId: null,
      source: opts.source ?? 'till',
      note: req.note ?? null,
      totals,
      printReceipt: opts.printReceipt ?? true,
      // Documented by the invoice: not a documento commerciale, not queued for /IT-receipts.
      receipt: customer === null,
    });
    if (!customer) return result;
    const invoice = invoiceAtSale(db, clock, { sale: result.id, customer, operatorId });
    return { ...result, invoice: { id: invoice.id, number: invoice.number } };
  }).immediate();
}
