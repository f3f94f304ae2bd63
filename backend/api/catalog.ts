// Catalog at the counter (scan, search, favourites, departments) and in the back office (edit, import).
import type { HandlerMap } from './context.js';
import { barcodeOwner, findById, findBySku, listFavourites, listProducts, searchProducts, upsertProduct } from '../catalog/products.js';
import { listDepartments, resolveDepartment, saveDepartment } from '../catalog/departments.js';
import { eanCheckDigitOk, looksLikeEan } from '../../shared/barcode.js';
import { importCatalogCsv } from '../catalog/csv-import.js';
import { decodeCsvBytes } from '../catalog/csv-decode.js';
import { lookupCode } from '../catalog/lookup.js';
import { getSetting } from '../settings.js';
import { appendAudit } from '../ledger/audit.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { refuseIfServerOwned } from '../shop-link/server-owned.js';

type CatalogMethods =
  | 'catalog.lookup' | 'catalog.search' | 'catalog.favourites' | 'catalog.departments' | 'catalog.list'
  | 'catalog.get' | 'catalog.save' | 'catalog.import' | 'catalog.saveDepartment';

export const catalogHandlers: HandlerMap<CatalogMethods> = {
  'catalog.lookup': ({ code }, ctx) => lookupCode(ctx.db, code, () => getSetting(ctx.db, 'scale.labelLayout')),
  'catalog.search': ({ text, limit }, ctx) => ({ products: searchProducts(ctx.db, text, limit) }),
  'catalog.favourites': (_, ctx) => ({ products: listFavourites(ctx.db) }),
  'catalog.departments': (_, ctx) => ({ departments: listDepartments(ctx.db) }),
  'catalog.list': ({ text, offset, limit }, ctx) => listProducts(ctx.db, text, offset, limit),
  'catalog.get': ({ id }, ctx) =>
    findById(ctx.db, id) ?? fail('PRODUCT_NOT_FOUND', msg.catalog.productNotFound({ id }), 'id'),

  'catalog.save': (input, ctx) => {
    const db = ctx.db;
    refuseIfServerOwned(db, 'sku');
    const at = ctx.clock.now().toISOString();
    return db.transaction(() => {
      if (input.id) {
        const current = findById(db, input.id) ?? fail('PRODUCT_NOT_FOUND', msg.catalog.productNotFound({ id: input.id }), 'id');
        if (current.sku !== input.sku) fail('SKU_IMMUTABLE', msg.catalog.skuImmutable, 'sku');
      } else if (findBySku(db, input.sku)) {
        fail('SKU_TAKEN', msg.catalog.skuTaken({ sku: input.sku }), 'sku');
      }
      input.barcodes.forEach((b, i) => {
        const owner = barcodeOwner(db, b);
        if (owner !== null && owner !== input.sku)
          fail('BARCODE_TAKEN', msg.catalog.barcodeTaken({ barcode: b, owner }), `barcodes[${i}]`);
        // A new code shaped like an EAN/UPC must carry its check digit (a typo would never scan);
        // one the product already has is kept as it is, so an old code never blocks an edit.
        if (owner === null && looksLikeEan(b) && !eanCheckDigitOk(b))
          fail('BARCODE_CHECK_DIGIT', msg.catalog.barcodeCheckDigit({ barcode: b }), `barcodes[${i}]`);
      });
      const id = upsertProduct(db, {
        sku: input.sku,
        description: input.description,
        priceCents: input.price_cents,
        vatCode: input.vat_code,
        // The department is chosen among the existing ones (by code or name): never created here.
        department: input.department ? resolveDepartment(db, input.department).code : null,
        barcodes: input.barcodes,
        soldByWeight: input.sold_by_weight,
        favourite: input.favourite,
      }, at);
      appendAudit(db, { at, actor: ctx.operator.id, action: input.id ? 'product.update' : 'product.create', entityId: id, payload: { sku: input.sku, priceCents: input.price_cents, vatCode: input.vat_code } });
      return findById(db, id)!;
    }).immediate();
  },

  'catalog.import': ({ csv, csv_base64, skip_bad }, ctx) => {
    refuseIfServerOwned(ctx.db, 'csv');
    const file = csv_base64 !== undefined ? decodeCsvBytes(Buffer.from(csv_base64, 'base64')) : { text: csv!, encoding: undefined };
    const report = importCatalogCsv(ctx.db, file.text, ctx.clock.now(), { skipBad: skip_bad, ...(file.encoding ? { encoding: file.encoding } : {}) });
    if (report.applied)
      appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.operator.id, action: 'catalog.import', entityId: null, payload: { imported: report.imported, skipped: report.skipped, departmentsCreated: report.departments_created.map((d) => d.code) } });
    return report;
  },

  'catalog.saveDepartment': (input, ctx) => {
    refuseIfServerOwned(ctx.db, 'code');
    return saveDepartment(ctx.db, { code: input.code, name: input.name, vatCode: input.vat_code }, ctx.clock.now());
  },
};
