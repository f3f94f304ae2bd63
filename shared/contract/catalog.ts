// Products, barcodes, departments, search and CSV import.
import { z } from 'zod';
import { defineContract, mutation, query } from './define.js';
import { DEPARTMENT_PRESET_CODES } from './department-presets.js';
import { DepartmentSchema, ProductSchema, id, noInput, vatCode } from './common.js';
import { msg, zodMessage } from '../messages/index.js';
import { amountCents, cleanText } from '../validation.js';

/** One problem of one CSV row: the column named in Italian and English (never the internal field). */
const RowErrorSchema = z.object({
  line: z.number().int(),
  /** Stable key: sku, description, price, vat_code, department, department_vat, barcode, sold_by_weight, or * (the row). */
  field: z.string(),
  column: z.string(),
  column_en: z.string(),
  detail: z.string(),
  detail_en: z.string(),
  message: z.string(),
  message_en: z.string(),
});
export const ImportReportSchema = z.object({
  imported: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rows: z.number().int(),
  /** Rows left out because they have errors. */
  skipped: z.number().int(),
  errors: z.array(RowErrorSchema),
  /** Imported rows worth a look (a VAT different from the department's). */
  notices: z.array(RowErrorSchema),
  applied: z.boolean(),
  /** How the bytes were read (null when the text came already decoded). */
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).nullable(),
  delimiter: z.string(),
  departments_created: z.array(z.object({ code: z.string(), name: z.string(), vatCode })),
  ignored_columns: z.array(z.string()),
});
export type ImportReportOut = z.output<typeof ImportReportSchema>;

export const ProductSaveSchema = z
  .object({
    id: id.optional(),
    sku: z.string().trim().min(1).max(64),
    description: cleanText(1000, 1),
    price_cents: amountCents,
    vat_code: vatCode,
    /** An existing department, by code or name (case and accents ignored). */
    department: z.string().trim().max(60).nullable().default(null),
    barcodes: z.array(z.string().trim().regex(/^[0-9A-Za-z\-.]{1,64}$/, { message: zodMessage(msg.catalog.barcodeInvalid) })).max(20).default([]),
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
  /** The file as text (`csv`), or as its bytes (`csv_base64`: the encoding is then detected: UTF-8, UTF-16, Windows-1252). */
  'catalog.import': mutation(
    'manager',
    z.object({
      csv: z.string().max(20_000_000).optional(),
      csv_base64: z.string().max(26_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: zodMessage(msg.catalog.base64Invalid) }).optional(),
      skip_bad: z.boolean().default(false),
    }).strict().refine((v) => (v.csv === undefined) !== (v.csv_base64 === undefined), { message: zodMessage(msg.catalog.importFileMissing), path: ['csv'] }),
    ImportReportSchema,
  ),
  'catalog.saveDepartment': mutation(
    'manager',
    z.object({ code: z.string().trim().min(1).max(32), name: z.string().trim().min(1).max(60), vat_code: vatCode }).strict(),
    DepartmentSchema,
  ),
  /** Deletes a department nothing uses (no catalogue item, no line of a document issued): refused naming what uses it. */
  'catalog.deleteDepartment': mutation('manager', z.object({ code: z.string().trim().min(1).max(32) }).strict(), z.object({ departments: z.array(DepartmentSchema) })),
  /** Adds the chosen suggested departments (set-up step 4) in one go; one already there (same code) is left as it is. */
  'catalog.addPresetDepartments': mutation(
    'manager',
    z.object({ codes: z.array(z.enum(DEPARTMENT_PRESET_CODES)).max(DEPARTMENT_PRESET_CODES.length) }).strict(),
    z.object({ departments: z.array(DepartmentSchema), added: z.array(z.string()) }),
  ),
});
