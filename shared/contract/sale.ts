// Committing a sale, and parking carts. The commit input is THE SaleRequestSchema the CLI uses.
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { CommitResultSchema, empty, id, noInput, vatCode } from './common.js';
import { SaleRequestSchema } from '../schemas/documents.js';
import { ApprovalReasonSchema } from './session.js';
import { amountCents, cleanText } from '../validation.js';

/** € off, or % off in basis points (10% = 1000), so no float ever holds a discount. */
export const DiscountSchema = z.object({ kind: z.enum(['amount', 'percent']), value: amountCents }).strict();
export type Discount = z.output<typeof DiscountSchema>;

/**
 * A cart line as the till holds it while selling. camelCase on purpose: a parked cart is the UI's
 * own state stored as-is and handed back on resume, never interpreted by the ledger.
 */
export const CartLineSchema = z
  .object({
    key: z.string().min(1).max(64),
    productId: z.string().max(64).nullable(),
    sku: z.string().max(64).nullable(),
    barcode: z.string().max(64).nullable(),
    description: cleanText(1000, 1),
    vatCode,
    department: z.string().max(64).nullable(),
    unitPriceCents: amountCents,
    /** Catalog price when the operator overrode it. */
    listPriceCents: amountCents.nullable(),
    quantityMilli: z.number().int().min(1),
    soldByWeight: z.boolean(),
    discount: DiscountSchema.nullable(),
    complimentary: z.boolean(),
    /**
     * The price is not the catalogue's and not an operator's change: read from the shop's scale
     * label, or typed at the till for a product with no price. Sent with the commit; the ledger
     * checks it (a label's price is verified against the label).
     */
    fixedPrice: z.boolean().optional(),
  })
  .strict();
export type CartLine = z.output<typeof CartLineSchema>;

export const ParkedCartSchema = z
  .object({
    lines: z.array(CartLineSchema).min(1).max(1000),
    saleDiscount: DiscountSchema.nullable(),
  })
  .strict();
export type ParkedCart = z.output<typeof ParkedCartSchema>;

export const ParkedSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  operatorId: z.string().nullable(),
  operatorName: z.string().nullable(),
  /** Put aside by the till when its cashier handed over (F10): it comes back when they log in again. */
  auto: z.boolean(),
  totalCents: z.number().int(),
  lineCount: z.number().int(),
  createdAt: z.string(),
});
export type ParkedSummary = z.output<typeof ParkedSummarySchema>;

export const saleContract = defineContract({
  'sale.commit': mutation('operator', SaleRequestSchema, CommitResultSchema),
  /**
   * «Paga» pressed: what of this cart needs a manager (price changes, omaggi, big discounts, open
   * prices), asked now — before any money is taken — and approved for the commit of this very cart
   * (its lines and discount; payments are free to follow). Answers the reasons approved (none: no
   * manager needed), or MANAGER_REQUIRED with the request to approve.
   */
  'sale.authorize': mutation('operator', SaleRequestSchema, z.object({ reasons: z.array(ApprovalReasonSchema) })),
  'sale.park': mutation(
    'operator',
    z.object({ cart: ParkedCartSchema, label: cleanText(60).optional(), auto: z.boolean().default(false) }).strict(),
    ParkedSummarySchema,
  ),
  'sale.parked': query('operator', noInput, z.object({ parked: z.array(ParkedSummarySchema) })),
  /** Takes the cart back (and removes it from the parked list). */
  'sale.resume': mutation('operator', z.object({ id }).strict(), z.object({ cart: ParkedCartSchema })),
  'sale.discardParked': mutation('operator', z.object({ id }).strict(), empty),
});
