// Back office catalog: browse/search, add/edit a product with its barcodes, CSV import with errors.
import { create } from 'zustand';
import type { DepartmentOut, ProductOut } from '../../../../shared/contract/common.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { z } from 'zod';
import type { ImportReportSchema } from '../../../../shared/contract/catalog.js';
import { formatAmount, parseAmount } from '../../../../shared/money.js';
import { getApi } from '../../api/client.js';
import { localError, type LocalErrorKey } from '../../kit/local-error.js';
import { bytesToBase64 } from '../../kit/import-report.js';

type ImportReport = z.output<typeof ImportReportSchema>;

export interface ProductDraft {
  id: string | null;
  sku: string;
  description: string;
  price: string;
  vatCode: string;
  /** The code of an existing department, or '' for none (chosen from a list: never typed). */
  department: string;
  barcodes: string;
  soldByWeight: boolean;
  favourite: boolean;
}

const emptyDraft: ProductDraft = { id: null, sku: '', description: '', price: '', vatCode: '22', department: '', barcodes: '', soldByWeight: false, favourite: false };

export interface CatalogState {
  text: string;
  offset: number;
  products: ProductOut[];
  total: number;
  draft: ProductDraft | null;
  draftError: ErrorInfo | null;
  departments: DepartmentOut[];
  /** The chosen file's bytes, base64: the backend detects the encoding (Excel: Windows-1252, UTF-16…). */
  csv: { name: string; base64: string } | null;
  report: ImportReport | null;
  /** A file the import refused as a whole (empty, header only, a column twice…). */
  importError: ErrorInfo | null;
  error: ErrorInfo | null;
  busy: boolean;
  setText(t: string): void;
  page(delta: number): void;
  load(): Promise<void>;
  newProduct(): void;
  edit(p: ProductOut): void;
  setDraft(change: Partial<ProductDraft>): void;
  /** Chooses a department; the VAT follows it (it can still be changed, and the screen says so). */
  setDepartment(code: string): void;
  cancelDraft(): void;
  saveDraft(): Promise<boolean>;
  setCsv(name: string, bytes: Uint8Array): void;
  importCsv(skipBad: boolean): Promise<boolean>;
}

const PAGE = 50;

export const useCatalog = create<CatalogState>()((set, get) => ({
  text: '',
  offset: 0,
  products: [],
  total: 0,
  draft: null,
  draftError: null,
  departments: [],
  csv: null,
  report: null,
  importError: null,
  error: null,
  busy: false,
  setText(text) {
    set({ text, offset: 0 });
    void get().load();
  },
  page(delta) {
    const offset = Math.max(0, Math.min(get().offset + delta * PAGE, Math.max(0, get().total - 1)));
    set({ offset });
    void get().load();
  },
  async load() {
    const [r, d] = await Promise.all([
      getApi().call('catalog.list', { text: get().text, offset: get().offset, limit: PAGE }),
      getApi().call('catalog.departments', {}),
    ]);
    if (r.ok) set({ products: r.value.products, total: r.value.total, error: null });
    else set({ error: r.error });
    if (d.ok) set({ departments: d.value.departments });
  },
  newProduct: () => set({ draft: { ...emptyDraft }, draftError: null }),
  edit: (p) => set({
    draft: {
      id: p.id, sku: p.sku, description: p.description, price: formatAmount(p.priceCents), vatCode: p.vatCode,
      department: p.department ?? '', barcodes: p.barcodes.join(', '), soldByWeight: p.soldByWeight, favourite: p.favourite,
    },
    draftError: null,
  }),
  setDraft: (change) => set({ draft: { ...get().draft!, ...change } }),
  setDepartment(code) {
    const dept = get().departments.find((d) => d.code === code);
    set({ draft: { ...get().draft!, department: dept ? dept.code : '', ...(dept ? { vatCode: dept.vatCode } : {}) } });
  },
  cancelDraft: () => set({ draft: null, draftError: null }),
  async saveDraft() {
    const d = get().draft;
    if (!d) return false;
    // Checked here so the message names the form's field as the screen does («Codice»), not the
    // contract's (sku, price_cents).
    const refuse = (code: string, field: string, key: LocalErrorKey, vars?: Record<string, string>) => {
      set({ draftError: localError(code, key, { field, ...(vars ? { vars } : {}) }) });
      return false;
    };
    if (d.sku.trim() === '' || d.sku.trim().length > 64) return refuse('SKU_INVALID', 'sku', 'catalog.errors.sku');
    if (d.description.trim() === '' || d.description.trim().length > 1000)
      return refuse('DESCRIPTION_INVALID', 'description', 'catalog.errors.description');
    const price = parseAmount(d.price);
    if (price === null || price < 0 || price > 100_000_000) return refuse('PRICE_INVALID', 'price_cents', 'catalog.errors.price');
    const barcodes = d.barcodes.split(/[\s,;]+/).map((b) => b.trim()).filter((b) => b !== '');
    const bad = barcodes.find((b) => !/^[0-9A-Za-z\-.]{1,64}$/.test(b));
    if (bad !== undefined) return refuse('BARCODE_INVALID', 'barcodes', 'catalog.errors.barcode', { code: bad });
    if (barcodes.length > 20) return refuse('BARCODE_INVALID', 'barcodes', 'catalog.errors.tooManyBarcodes');
    set({ busy: true });
    const r = await getApi().callWithApproval('catalog.save', {
      ...(d.id ? { id: d.id } : {}),
      sku: d.sku,
      description: d.description,
      price_cents: price,
      vat_code: d.vatCode as never,
      department: d.department === '' ? null : d.department,
      barcodes,
      sold_by_weight: d.soldByWeight,
      favourite: d.favourite,
    });
    set({ busy: false });
    if (!r.ok) {
      set({ draftError: r.error });
      return false;
    }
    set({ draft: null, draftError: null });
    await get().load();
    return true;
  },
  setCsv: (name, bytes) => set({ csv: { name, base64: bytesToBase64(bytes) }, report: null, importError: null }),
  async importCsv(skipBad) {
    const csv = get().csv;
    if (!csv) return false;
    set({ busy: true });
    const r = await getApi().callWithApproval('catalog.import', { csv_base64: csv.base64, skip_bad: skipBad });
    set({ busy: false });
    if (!r.ok) {
      set({ importError: r.error, report: null });
      return false;
    }
    set({ report: r.value, importError: null });
    if (r.value.applied) await get().load();
    return r.value.applied;
  },
}));
