// Products, barcodes, departments, search and CSV import.
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { DepartmentSchema, ProductSchema, id, noInput, vatCode } from './common.js';

const RowErrorSchema = z.object({ line: z.number().int(), field: z.string(), message: z.string(), message_en: z.string() });
export const ImportReportSchema = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(RowErrorSchema),
  applied: z.boolean(),
});

export const ProductSaveSchema = z
  .object({
    id: id.optional(),
    sku: z.string().trim().min(1).max(64),
    description: z.string().trim().min(1).max(1000),
    price_cents: z.number().int().min(0).max(100_000_000),
    vat_code: vatCode,
    department: z.string().max(32).nullable().default(null),
    barcodes: z.array(z.string().trim().regex(/^[0-9A-Za-z\-.]{1,64}$/, { message: 'codice a barre non valido|invalid barcode' })).max(20).default([]),
    sold_by_weight: z.boolean().default(false),
    favourite: z.boolean().default(false),
  })
  .strict();
export type ProductSave = z.input<typeof ProductSaveSchema>;

const products = z.object({ products: z.array(ProductSchema) });

/** shared/barcode.ts InStoreLabel: PLU as printed; grams as thousandths of a kg, or euro cents. */
export const InStoreLabelSchema = z.discriminatedUnion('kind', [
  z.object({ plu: z.string(), kind: z.literal('weight'), quantityMilli: z.number().int().min(0) }),
  z.object({ plu: z.string(), kind: z.literal('price'), priceCents: z.number().int().min(0) }),
]);

export const catalogContract = defineContract({
  /**
   * A scan: barcode (or sku typed at the counter) → the product, or null. A scale's in-store label
   * (prefix 2, layout in the setting scale.labelLayout) gives its PLU's product and the `label` read
   * from it (weight or price). Errors: BARCODE_CHECK_DIGIT (a misread: scan again), PLU_NOT_FOUND,
   * LABEL_NOT_BY_WEIGHT, LABEL_ZERO.
   */
  'catalog.lookup': query('operator', z.object({ code: z.string().trim().min(1).max(64) }).strict(), z.object({ product: ProductSchema.nullable(), label: InStoreLabelSchema.nullable() })),
  'catalog.search': query('operator', z.object({ text: z.string().max(100), limit: z.number().int().min(1).max(100).default(20) }).strict(), products),
  'catalog.favourites': query('operator', noInput, products),
  'catalog.departments': query('operator', noInput, z.object({ departments: z.array(DepartmentSchema) })),
  'catalog.list': query(
    'operator',
    z.object({ text: z.string().max(100).default(''), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    z.object({ products: z.array(ProductSchema), total: z.number().int() }),
  ),
  'catalog.get': query('operator', z.object({ id }).strict(), ProductSchema),
  'catalog.save': mutation('manager', ProductSaveSchema, ProductSchema),
  'catalog.import': mutation('manager', z.object({ csv: z.string().max(20_000_000), skip_bad: z.boolean().default(false) }).strict(), ImportReportSchema),
  'catalog.saveDepartment': mutation(
    'manager',
    z.object({ code: z.string().trim().min(1).max(32), name: z.string().trim().min(1).max(60), vat_code: vatCode }).strict(),
    DepartmentSchema,
  ),
});
