// The Openapi Invoice API (IT-receipts, IT-configurations) as zod schemas, written from
// shared/reference/openapi-invoice.oas.json. Requests are strict (exactly the fields the spec
// defines); responses are tolerant (extra fields pass, the spec's own examples disagree with its
// schemas on a few types), but what we rely on is checked.
import { z } from 'zod';
import { VAT_CODES } from '../vat.js';

export const RECEIPT_STATUSES = ['new', 'retry', 'submitted', 'ready', 'failed', 'voided'] as const;
export type RemoteStatus = (typeof RECEIPT_STATUSES)[number];
export const RECEIPT_TYPES = ['sale', 'return', 'void'] as const;
export type RemoteType = (typeof RECEIPT_TYPES)[number];
export const LIST_LIMIT_MAX = 100;
export const LOTTERY_RE = /^[a-zA-Z0-9]{8}$/;

const hasAtMostDecimals = (d: number) => (n: number) => Math.abs(Math.round(n * 10 ** d) - n * 10 ** d) < 1e-6 * Math.max(1, Math.abs(n));
const amount = z.number().min(0).refine(hasAtMostDecimals(2), { message: 'at most 2 decimals' });

// ---- Requests -------------------------------------------------------------------------------

export const PostReceiptItemSchema = z.strictObject({
  quantity: z.number().positive().refine(hasAtMostDecimals(2), { message: 'exactly 2 decimal places' }),
  description: z.string().min(1).max(1000),
  // The spec: "Gross unit price (VAT included) with up to 8 decimal digits. Must be positive." An omaggio
  // too carries its real price (complimentary: true makes it free), never 0.
  unit_price: z.number().positive({ message: 'Must be positive' }).refine(hasAtMostDecimals(8), { message: 'at most 8 decimals' }),
  vat_rate_code: z.enum(VAT_CODES),
  discount: amount.optional(),
  complimentary: z.boolean().optional(),
  sku: z.string().optional(),
});
export type PostReceiptItem = z.infer<typeof PostReceiptItemSchema>;

export const PostReceiptSchema = z.strictObject({
  fiscal_id: z.string().min(1),
  items: z.array(PostReceiptItemSchema).min(1),
  cash_payment_amount: amount,
  electronic_payment_amount: amount.optional(),
  ticket_restaurant_payment_amount: amount.optional(),
  ticket_restaurant_quantity: z.number().int().min(0).optional(),
  goods_uncollected_amount: amount.optional(),
  services_uncollected_amount: amount.optional(),
  invoice_issuing: z.boolean().optional(),
  linked_receipt: z.string().max(50).optional(),
  discount: amount.optional(),
  lottery_code: z.string().regex(LOTTERY_RE).optional(),
  tags: z.array(z.string()).max(10).optional(),
});
export type PostReceipt = z.infer<typeof PostReceiptSchema>;

export const ReceiptReturnSchema = z.strictObject({
  items: z.array(z.strictObject({
    id: z.string().min(1),
    quantity: z.number().positive().refine(hasAtMostDecimals(2), { message: 'exactly 2 decimal places' }),
  })).min(1),
});
export type ReceiptReturn = z.infer<typeof ReceiptReturnSchema>;

export const CALLBACK_EVENTS = ['receipt', 'receipt-credentials', 'receipt-retry', 'receipt-error'] as const;

export const CallbackSchema = z.strictObject({
  method: z.enum(['POST', 'JSON']).optional(),
  field: z.string().optional(),
  url: z.url(),
  retry: z.number().int().min(0).max(5).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  custom: z.record(z.string(), z.unknown()).optional(),
});

export const ReceiptsAuthenticationSchema = z.strictObject({
  taxCode: z.string().min(1),
  password: z.string().min(1),
  pin: z.string().min(1),
});

export const ItConfigurationSchema = z.strictObject({
  fiscal_id: z.string().min(1),
  name: z.string().min(1),
  email: z.email(),
  receipts: z.boolean().optional(),
  customer_invoice: z.boolean().optional(),
  supplier_invoice: z.boolean().optional(),
  receipts_authentication: ReceiptsAuthenticationSchema.optional(),
  api_configurations: z.array(z.strictObject({ event: z.enum(CALLBACK_EVENTS), callback: CallbackSchema })).min(1).optional(),
});
export type ItConfiguration = z.infer<typeof ItConfigurationSchema>;

export const ItConfigurationPatchSchema = z.strictObject({
  receipts: z.boolean().optional(),
  // Not in the OAS's IT-configurationPATCH, but the Invoice API says /IT-invoices needs it enabled in
  // the configuration and the set-up offers to enable it on an existing one (issue #13).
  customer_invoice: z.boolean().optional(),
  receipts_authentication: ReceiptsAuthenticationSchema.optional(),
  api_configurations: z.array(z.strictObject({ event: z.enum(CALLBACK_EVENTS), callback: CallbackSchema.nullable() })).min(1).optional(),
});
export type ItConfigurationPatch = z.infer<typeof ItConfigurationPatchSchema>;

// ---- Responses ------------------------------------------------------------------------------

const idLike = z.union([z.string(), z.number()]).transform(String);

export const RemoteItemSchema = z.object({
  id: idLike,
  quantity: z.number(),
  description: z.string().nullish(),
  gross_price: z.number().nullish(),
  vat_rate: z.string().nullish(),
  complimentary: z.boolean().nullish(),
  return: z.number().nullish(),
  total_amount: z.number().nullish(),
  gross_discount: z.number().nullish(),
  sku: z.string().nullish(),
});
export type RemoteItem = z.infer<typeof RemoteItemSchema>;

export const RemoteReceiptSchema = z.object({
  id: z.string().min(1),
  fiscal_id: z.string().nullish(),
  type: z.enum(RECEIPT_TYPES),
  status: z.enum(RECEIPT_STATUSES),
  // ResponseVoidReceipt declares `items` as one object; everything else as an array.
  items: z.union([z.array(RemoteItemSchema), RemoteItemSchema.transform((i) => [i])]).nullish(),
  total_amount: z.number().nullish(),
  discount: z.number().nullish(),
  cash_payment_amount: z.number().nullish(),
  electronic_payment_amount: z.number().nullish(),
  ticket_restaurant_payment_amount: z.number().nullish(),
  ticket_restaurant_quantity: z.number().nullish(),
  goods_uncollected_amount: z.number().nullish(),
  services_uncollected_amount: z.number().nullish(),
  lottery_code: z.string().nullish(),
  created_at: z.string().nullish(),
  document_number: z.string().nullish(),
  document_date: z.string().nullish(),
  transaction_id: idLike.nullish(),
  parent_receipt_id: z.string().nullish(),
  error_code: idLike.nullish(),
  error_message: z.string().nullish(),
  // Declared as objects in the spec, strings in every example: keep what comes, compare as text.
  tags: z.array(z.unknown()).nullish(),
});
export type RemoteReceipt = z.infer<typeof RemoteReceiptSchema>;

export const RemoteConfigurationSchema = z.object({
  fiscal_id: z.string(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  receipts: z.boolean().nullish(),
  customer_invoice: z.boolean().nullish(),
  active: z.boolean().nullish(),
  receipts_authentication: z.object({ taxCode: z.string().nullish() }).nullish(),
  api_configurations: z.array(z.unknown()).nullish(),
  id: z.string().nullish(),
});
export type RemoteConfiguration = z.infer<typeof RemoteConfigurationSchema>;

/** The `{data, success, message, error}` envelope every endpoint answers with. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({
    data,
    success: z.boolean().optional(),
    message: z.string().nullish(),
    error: z.union([z.number(), z.string()]).nullish(),
  });
}

export const ErrorEnvelopeSchema = z.object({
  data: z.unknown().optional(),
  success: z.boolean().optional(),
  message: z.string().nullish(),
  error: z.union([z.number(), z.string()]).nullish(),
});
