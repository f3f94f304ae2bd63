// Back office catalog: browse/search, add/edit a product with its barcodes, CSV import with errors.
import { create } from 'zustand';
import type { ProductOut } from '../../../../shared/contract/common.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { z } from 'zod';
import type { ImportReportSchema } from '../../../../shared/contract/catalog.js';
import { formatAmount, parseAmount } from '../../../../shared/money.js';
import { getApi } from '../../api/client.js';

type ImportReport = z.output<typeof ImportReportSchema>;

export interface ProductDraft {
  id: string | null;
  sku: string;
  description: string;
  price: string;
  vatCode: string;
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
  csv: { name: string; text: string } | null;
  report: ImportReport | null;
  error: ErrorInfo | null;
  busy: boolean;
  setText(t: string): void;
  page(delta: number): void;
  load(): Promise<void>;
  newProduct(): void;
  edit(p: ProductOut): void;
  setDraft(change: Partial<ProductDraft>): void;
  cancelDraft(): void;
  saveDraft(): Promise<boolean>;
  setCsv(name: string, text: string): void;
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
  csv: null,
  report: null,
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
    const r = await getApi().call('catalog.list', { text: get().text, offset: get().offset, limit: PAGE });
    if (r.ok) set({ products: r.value.products, total: r.value.total, error: null });
    else set({ error: r.error });
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
  cancelDraft: () => set({ draft: null, draftError: null }),
  async saveDraft() {
    const d = get().draft;
    if (!d) return false;
    const price = parseAmount(d.price);
    if (price === null || price < 0) {
      set({ draftError: { code: 'PRICE_INVALID', field: 'price_cents', message: 'Prezzo non valido (es. 12,50)', message_en: 'Invalid price (e.g. 12.50)' } });
      return false;
    }
    set({ busy: true });
    const r = await getApi().callWithApproval('catalog.save', {
      ...(d.id ? { id: d.id } : {}),
      sku: d.sku,
      description: d.description,
      price_cents: price,
      vat_code: d.vatCode as never,
      department: d.department.trim() === '' ? null : d.department.trim(),
      barcodes: d.barcodes.split(/[\s,;]+/).map((b) => b.trim()).filter((b) => b !== ''),
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
  setCsv: (name, text) => set({ csv: { name, text }, report: null }),
  async importCsv(skipBad) {
    const csv = get().csv;
    if (!csv) return false;
    set({ busy: true });
    const r = await getApi().callWithApproval('catalog.import', { csv: csv.text, skip_bad: skipBad });
    set({ busy: false });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ report: r.value, error: null });
    if (r.value.applied) await get().load();
    return r.value.applied;
  },
}));
