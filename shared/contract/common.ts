// Output shapes shared by several feature maps. Inputs are snake_case like the CLI's requests;
// outputs are camelCase like the services' read models (DocumentRecord, Product…).
import { z } from 'zod';
import { VAT_CODES } from '../vat.js';
import { PAYMENT_METHODS } from '../sale.js';
import { isIsoDay } from '../time.js';
import { msg, zodMessage } from '../messages/index.js';

export const int = z.number().int();
export const nonNegInt = z.number().int().min(0);
export const vatCode = z.enum(VAT_CODES);
export const isoDay = z.string().refine(isIsoDay, { message: zodMessage(msg.input.isoDay) });
export const id = z.string().min(1).max(64);
/** Methods without arguments accept `{}` or nothing. */
export const noInput = z.object({}).strict().default({});
export const empty = z.object({});

export const OperatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['cashier', 'manager']),
  active: z.boolean(),
});
export type OperatorOut = z.output<typeof OperatorSchema>;

export const ProductSchema = z.object({
  id: z.string(),
  sku: z.string(),
  description: z.string(),
  priceCents: nonNegInt,
  vatCode,
  department: z.string().nullable(),
  soldByWeight: z.boolean(),
  favourite: z.boolean(),
  barcodes: z.array(z.string()),
});
export type ProductOut = z.output<typeof ProductSchema>;

export const DepartmentSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  vatCode,
});
export type DepartmentOut = z.output<typeof DepartmentSchema>;

const VatRowSchema = z.object({ vatCode, grossCents: int, taxableCents: int, vatCents: int });

export const CommitResultSchema = z.object({
  id: z.string(),
  kind: z.enum(['sale', 'return', 'void']),
  number: z.string(),
  businessDay: z.string(),
  totalCents: int,
  dueCents: int,
  changeCents: int,
  roundingCents: int,
  vat: z.array(z.object({ vatCode: z.string(), grossCents: int, taxableCents: int, vatCents: int })),
  printJobId: z.string(),
  invoice: z.object({ id: z.string(), number: z.string() }).nullable(),
});
export type CommitResultOut = z.output<typeof CommitResultSchema>;

export const FiscalStatusSchema = z.object({
  state: z.string(),
  remoteId: z.string().nullable(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  transactionId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  lastErrorMessage: z.string().nullable(),
  attempts: int,
  nextAttemptAt: z.string().nullable(),
});

export const DocumentRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(['sale', 'return', 'void']),
  number: z.string(),
  businessDay: z.string(),
  seq: int,
  createdAt: z.string(),
  operatorId: z.string().nullable(),
  parentId: z.string().nullable(),
  parent: z.object({ id: z.string(), number: z.string(), createdAt: z.string(), documentNumber: z.string().nullable() }).nullable(),
  invoice: z.object({
    kind: z.enum(['TD01', 'TD04']), id: z.string(), number: z.string(), date: z.string(),
    customer: z.object({ name: z.string(), vatNumber: z.string().nullable(), taxCode: z.string().nullable() }),
    corrects: z.string().nullable(),
  }).nullable().optional(),
  subtotalCents: int,
  lineDiscountCents: int,
  saleDiscountCents: int,
  complimentaryCents: int,
  totalCents: int,
  roundingCents: int,
  dueCents: int,
  tenderedCents: int,
  changeCents: int,
  lotteryCode: z.string().nullable(),
  source: z.string(),
  note: z.string().nullable(),
  lines: z.array(z.object({
    lineNo: int,
    productId: z.string().nullable(),
    sku: z.string().nullable(),
    barcode: z.string().nullable(),
    description: z.string(),
    department: z.string().nullable(),
    vatCode,
    quantityMilli: int,
    unitPriceCents: int,
    listPriceCents: int.nullable(),
    grossCents: int,
    discountCents: int,
    saleDiscountShareCents: int,
    complimentary: z.boolean(),
    amountCents: int,
    parentLineNo: int.nullable(),
  })),
  payments: z.array(z.object({
    seq: int,
    method: z.enum(PAYMENT_METHODS),
    amountCents: int,
    appliedCents: int,
    count: int.nullable(),
    uncollectedKind: z.enum(['goods', 'services']).nullable(),
  })),
  vat: z.array(VatRowSchema),
  fiscal: FiscalStatusSchema.nullable(),
});
export type DocumentRecordOut = z.output<typeof DocumentRecordSchema>;

const size = z.enum(['normal', 'tall', 'large']);
export const ReceiptLineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string(), align: z.enum(['left', 'center', 'right']), bold: z.boolean(), size }),
  z.object({ kind: z.literal('pair'), left: z.string(), right: z.string(), bold: z.boolean(), size }),
  z.object({ kind: z.literal('rule'), char: z.enum(['-', '=']) }),
  z.object({ kind: z.literal('blank') }),
  z.object({ kind: z.literal('qr'), data: z.string(), moduleSize: int }),
  z.object({ kind: z.literal('barcode'), data: z.string(), symbology: z.literal('code128') }),
  z.object({ kind: z.literal('logo') }),
  z.object({ kind: z.literal('cut') }),
]);
export const ReceiptLayoutSchema = z.object({
  kind: z.enum(['sale', 'return', 'void', 'fiscal_number', 'z_report', 'test']),
  columns: z.union([z.literal(32), z.literal(42), z.literal(48)]),
  lines: z.array(ReceiptLineSchema),
  openDrawer: z.boolean(),
});
export type ReceiptLayoutOut = z.output<typeof ReceiptLayoutSchema>;
