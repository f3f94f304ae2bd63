// Inputs that create fiscal documents, shared by the CLI, the IPC handlers and the HTTP bridge.
import { z } from 'zod';
import { VAT_CODES } from '../vat.js';
import { MAX_DESCRIPTION, PAYMENT_METHODS } from '../sale.js';
import { msg, zodMessage } from '../messages/index.js';
import { amountCents as cents, cleanText } from '../validation.js';

/** Decimal quantity as people write it (1, 1.5, 1.235): at most 3 decimals, > 0. */
const quantity = z
  .number()
  .positive()
  .max(1_000_000)
  .refine((q) => Math.abs(Math.round(q * 1000) - q * 1000) < 1e-6, { message: zodMessage(msg.input.atMost3Decimals) });

export const SaleLineRequestSchema = z
  .object({
    barcode: z.string().min(1).max(64).optional(),
    sku: z.string().min(1).max(64).optional(),
    product_id: z.string().min(1).max(64).optional(),
    description: cleanText(MAX_DESCRIPTION, 1).optional(),
    unit_price_cents: cents.optional(),
    vat_code: z.enum(VAT_CODES).optional(),
    department: cleanText(64).optional(),
    quantity: quantity.default(1),
    discount_cents: cents.default(0),
    complimentary: z.boolean().default(false),
  })
  .strict()
  .refine((l) => l.barcode || l.sku || l.product_id || (l.description && l.unit_price_cents !== undefined && l.vat_code), {
    message: zodMessage(msg.sale.productOrFreeLine),
  });

export const PaymentRequestSchema = z
  .object({
    method: z.enum(PAYMENT_METHODS),
    amount_cents: cents.refine((n) => n > 0, { message: zodMessage(msg.input.amountPositive) }),
    count: z.number().int().min(1).max(1000).optional(),
    kind: z.enum(['goods', 'services']).optional(),
  })
  .strict()
  // The number of vouchers belongs to meal vouchers, goods/services to «non riscosso»: on cash or a
  // card they would mean nothing and be stored as if they did.
  .superRefine((p, ctx) => {
    if (p.count !== undefined && p.method !== 'meal_voucher')
      ctx.addIssue({ code: 'custom', path: ['count'], message: zodMessage(msg.input.notForMethod({ method: p.method, only: 'meal_voucher' })) });
    if (p.kind !== undefined && p.method !== 'uncollected')
      ctx.addIssue({ code: 'custom', path: ['kind'], message: zodMessage(msg.input.notForMethod({ method: p.method, only: 'uncollected' })) });
  });

export const SaleRequestSchema = z
  .object({
    lines: z.array(SaleLineRequestSchema).min(1).max(1000),
    discount_cents: cents.default(0),
    payments: z.array(PaymentRequestSchema).max(20).default([]),
    lottery_code: z.string().max(64).nullable().optional(),
    note: cleanText(500).optional(),
    operator_id: z.string().max(64).optional(),
    /**
     * «Fattura invece dello scontrino» (issue #13): the sale is documented by a TD01 issued at the
     * counter to this customer (id, codice fiscale or partita IVA) and not sent to /IT-receipts.
     */
    invoice: z.object({ customer: z.string().trim().min(1).max(64) }).strict().optional(),
  })
  .strict();
export type SaleRequest = z.input<typeof SaleRequestSchema>;
export type SaleRequestParsed = z.output<typeof SaleRequestSchema>;

export const ReturnRequestSchema = z
  .object({
    sale: z.string().min(1).max(64).describe('sale id (UUID) or local number 2026-11-21/0042'),
    lines: z.array(z.object({ line_no: z.number().int().min(1), quantity }).strict()).min(1).max(1000),
    refund_method: z.enum(['cash', 'electronic']).optional(),
    reason: cleanText(500).optional(),
    operator_id: z.string().max(64).optional(),
  })
  .strict();
export type ReturnRequest = z.input<typeof ReturnRequestSchema>;

export const VoidRequestSchema = z
  .object({
    sale: z.string().min(1).max(64),
    reason: cleanText(500).optional(),
    operator_id: z.string().max(64).optional(),
  })
  .strict();
export type VoidRequest = z.input<typeof VoidRequestSchema>;

/** What the till returns after committing any document. */
export interface CommitResult {
  id: string;
  kind: 'sale' | 'return' | 'void';
  number: string;
  businessDay: string;
  totalCents: number;
  dueCents: number;
  changeCents: number;
  roundingCents: number;
  vat: { vatCode: string; grossCents: number; taxableCents: number; vatCents: number }[];
  printJobId: string;
  /**
   * The invoice that documents it instead of a receipt: a sale's TD01 issued at the counter, or the
   * TD04 credit note of a return/void of such a sale. Null for a document with a receipt.
   */
  invoice: { id: string; number: string } | null;
}
