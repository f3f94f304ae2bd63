// The cart being rung up, search-as-you-type, favourites, departments and parked sales.
// Every change is checked with the same computeSale the ledger uses (shared/contract/cart.ts)
// before it is applied, so the cart on screen is always one the ledger would accept.
import { create } from 'zustand';
import type { CartLine, Discount, ParkedCart, ParkedSummary } from '../../../../shared/contract/sale.js';
import type { DepartmentOut, ProductOut } from '../../../../shared/contract/common.js';
import type { CustomerOut } from '../../../../shared/contract/customers.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { tryPreviewCart } from '../../../../shared/contract/cart.js';
import { getApi } from '../../api/client.js';
import { markStart } from '../../kit/perf.js';
import { signal } from '../../kit/signal.js';
import { localError } from '../../kit/local-error.js';

/**
 * «Fattura invece dello scontrino» (issue #13): the customer the sale will be invoiced to, chosen
 * before payment (⇧F1). The sale is then documented by a TD01 and not sent as a receipt.
 */
export interface InvoiceCustomer {
  id: string;
  name: string;
  /** «P.IVA 01234567897» or «C.F. RSSMRA85T10A562S»: what the cashier reads back to the customer. */
  taxId: string;
}

/** The picker's customer as the counter shows it. */
export function invoiceCustomerOf(c: Pick<CustomerOut, 'id' | 'displayName' | 'idPaese' | 'idCodice' | 'codiceFiscale'>): InvoiceCustomer {
  const vat = c.idPaese && c.idCodice ? `${c.idPaese === 'IT' ? '' : c.idPaese}${c.idCodice}` : null;
  return { id: c.id, name: c.displayName, taxId: vat ? `P.IVA ${vat}` : c.codiceFiscale ? `C.F. ${c.codiceFiscale}` : '' };
}

export interface SaleState {
  lines: CartLine[];
  /** Invoice instead of the receipt, to this customer; null: a receipt, as usual. */
  invoiceTo: InvoiceCustomer | null;
  saleDiscount: Discount | null;
  selectedKey: string | null;
  query: string;
  results: ProductOut[];
  resultIndex: number;
  /** Sequence of the search whose results are shown (stale answers are dropped). */
  resultSeq: number;
  favourites: ProductOut[];
  departments: DepartmentOut[];
  parked: ParkedSummary[];
  cashRounding: boolean;
  error: ErrorInfo | null;
  /** A product sold by weight waiting for its weight. */
  pendingWeight: ProductOut | null;
  /** A product with no price in the catalogue waiting for the price typed at the till. */
  pendingPrice: ProductOut | null;
  /** Shop settings for weights: the unit a bare number is read in, and the plausible maximum. */
  weightEntryUnit: 'kg' | 'g';
  plausibleWeightMaxMilli: number;
  /** Bumped on every added line. */
  addSeq: number;
  /** The scan whose line is about to be painted (performance mark for the benchmark). */
  scanMark: number | null;
  loadBasics(): Promise<void>;
  setQuery(text: string): Promise<void>;
  moveResult(delta: number): void;
  submitQuery(): Promise<void>;
  scan(code: string): Promise<boolean>;
  addProduct(p: ProductOut, quantityMilli?: number): boolean;
  confirmWeight(quantityMilli: number): boolean;
  cancelWeight(): void;
  confirmPrice(priceCents: number): boolean;
  cancelPrice(): void;
  addOpenPrice(dept: DepartmentOut, priceCents: number, quantityMilli?: number): boolean;
  select(key: string | null): void;
  moveSelection(delta: number): void;
  setQuantity(key: string, quantityMilli: number): boolean;
  setPrice(key: string, priceCents: number): Promise<boolean>;
  setLineDiscount(key: string, d: Discount | null): boolean;
  setComplimentary(key: string, on: boolean): boolean;
  voidLine(key: string): void;
  setSaleDiscount(d: Discount | null): boolean;
  park(label?: string): Promise<boolean>;
  refreshParked(): Promise<void>;
  resume(id: string): Promise<boolean>;
  discardParked(id: string): Promise<boolean>;
  clear(): void;
  clearError(): void;
  /** ⇧F1: invoice this sale to the customer, or (null) back to the receipt. */
  setInvoiceTo(c: InvoiceCustomer | null): void;
  cart(): ParkedCart;
}

let searchSeq = 0;
let scanSeq = 0;
let lastKeyAt = -Infinity;
let burstWait: { timer: ReturnType<typeof setTimeout>; resolve: () => void } | null = null;
/** Keys closer than this are a scanner typing, not a person: wait for the burst to end before searching. */
const BURST_MS = 30;

function newKey(): string {
  return crypto.randomUUID();
}

/**
 * What a scan or a tap on a product means: the line to add now, or the question to ask first (its
 * weight; its price when the catalogue has none). One place, so scan, search and favourites agree.
 */
function lineFor(p: ProductOut, quantityMilli: number, barcode: string | null): CartLine {
  return {
    key: newKey(),
    productId: p.id,
    sku: p.sku,
    barcode,
    description: p.description,
    vatCode: p.vatCode,
    department: p.department,
    unitPriceCents: p.priceCents,
    listPriceCents: null,
    quantityMilli,
    soldByWeight: p.soldByWeight,
    discount: null,
    complimentary: false,
  };
}

export const useSale = create<SaleState>()((set, get) => {
  /** Applies a candidate cart if computeSale accepts it; otherwise shows why and keeps the old one. */
  const apply = (lines: CartLine[], saleDiscount: Discount | null, extra: Partial<SaleState> = {}): boolean => {
    const check = tryPreviewCart({ lines, saleDiscount }, get().cashRounding);
    if (check.error) {
      set({ error: check.error });
      return false;
    }
    set({ lines, saleDiscount: lines.length === 0 ? null : saleDiscount, error: null, ...extra });
    return true;
  };
  const update = (key: string, change: (l: CartLine) => CartLine): boolean =>
    apply(get().lines.map((l) => (l.key === key ? change(l) : l)), get().saleDiscount);
  const add = (line: CartLine): boolean => {
    const lines = get().lines;
    const last = lines[lines.length - 1];
    // Scanning the same item again adds one to the line just rung up — only when nothing about that
    // line is special (its own price, a discount, an omaggio, a price from a label or typed at the till).
    if (last && line.productId && !line.soldByWeight && !line.fixedPrice && !last.fixedPrice && last.productId === line.productId
      && last.unitPriceCents === line.unitPriceCents && last.listPriceCents === null && !last.discount && !last.complimentary && last.quantityMilli % 1000 === 0) {
      return apply(lines.map((l) => (l === last ? { ...l, quantityMilli: l.quantityMilli + line.quantityMilli } : l)), get().saleDiscount, { selectedKey: last.key, addSeq: get().addSeq + 1 });
    }
    return apply([...lines, line], get().saleDiscount, { selectedKey: line.key, addSeq: get().addSeq + 1 });
  };

  /** The barcode read for the product now waiting for its weight or price (kept on the line). */
  let pendingBarcode: string | null = null;
  /** Adds the product, or asks first for what the line cannot do without. */
  const ask = (p: ProductOut, barcode: string | null): boolean => {
    pendingBarcode = barcode;
    // A product with no catalogue price is priced at the till, never sold at € 0 (Openapi refuses it).
    if (p.priceCents === 0) {
      set({ pendingPrice: p, pendingWeight: null, error: null });
      return true;
    }
    if (p.soldByWeight) {
      set({ pendingWeight: p, pendingPrice: null, error: null });
      return true;
    }
    return add(lineFor(p, 1000, barcode));
  };
  const added = (ok: boolean, scan: number): boolean => {
    if (ok) set({ scanMark: scan });
    else signal('error');
    return ok;
  };

  return {
    lines: [],
    invoiceTo: null,
    saleDiscount: null,
    selectedKey: null,
    query: '',
    results: [],
    resultIndex: 0,
    resultSeq: 0,
    favourites: [],
    departments: [],
    parked: [],
    cashRounding: true,
    error: null,
    pendingWeight: null,
    pendingPrice: null,
    weightEntryUnit: 'kg',
    plausibleWeightMaxMilli: 5000,
    addSeq: 0,
    scanMark: null,

    async loadBasics() {
      const api = getApi();
      const [fav, dep, parked, settings] = await Promise.all([
        api.call('catalog.favourites', {}),
        api.call('catalog.departments', {}),
        api.call('sale.parked', {}),
        api.call('settings.get', {}),
      ]);
      set({
        ...(fav.ok ? { favourites: fav.value.products } : {}),
        ...(dep.ok ? { departments: dep.value.departments } : {}),
        ...(parked.ok ? { parked: parked.value.parked } : {}),
        ...(settings.ok ? {
          cashRounding: settings.value.values['sale.cashRounding'],
          weightEntryUnit: settings.value.values['sale.weightEntryUnit'],
          plausibleWeightMaxMilli: settings.value.values['sale.plausibleWeightMaxMilli'],
        } : {}),
      });
    },

    async setQuery(text) {
      const seq = ++searchSeq;
      const now = performance.now();
      const burst = now - lastKeyAt < BURST_MS;
      lastKeyAt = now;
      if (burstWait) {
        // The next key ends the previous wait (that search is stale now).
        clearTimeout(burstWait.timer);
        burstWait.resolve();
        burstWait = null;
      }
      set({ query: text });
      if (text.trim() === '') {
        set({ results: [], resultIndex: 0, resultSeq: seq });
        return;
      }
      if (burst) {
        // A scanner is typing into the box: the scan itself adds the line; search only if it stops without Enter.
        await new Promise<void>((resolve) => { burstWait = { timer: setTimeout(resolve, BURST_MS + 5), resolve }; });
        if (seq !== searchSeq) return;
      }
      markStart('search', seq);
      const r = await getApi().call('catalog.search', { text, limit: 20 });
      performance.mark(`search:${seq}:response`);
      if (seq !== searchSeq) return;
      if (r.ok) set({ results: r.value.products, resultIndex: 0, resultSeq: seq });
      else set({ error: r.error });
    },

    moveResult(delta) {
      const n = get().results.length;
      if (n === 0) return;
      set({ resultIndex: (get().resultIndex + delta + n) % n });
    },

    async submitQuery() {
      const text = get().query.trim();
      if (text === '') return;
      const exact = await getApi().call('catalog.lookup', { code: text });
      const chosen = exact.ok && exact.value.product ? exact.value.product : get().results[get().resultIndex];
      if (!chosen) {
        set({ error: localError('PRODUCT_NOT_FOUND', 'sale.errors.noProductFor', { vars: { text } }) });
        signal('unknown_code');
        return;
      }
      searchSeq++;
      set({ query: '', results: [], resultIndex: 0 });
      get().addProduct(chosen, undefined);
    },

    async scan(code) {
      const n = ++scanSeq;
      markStart('scan', n);
      const r = await getApi().call('catalog.lookup', { code });
      performance.mark(`scan:${n}:response`);
      if (!r.ok) {
        set({ error: r.error });
        signal('unknown_code');
        return false;
      }
      if (!r.value.product) {
        set({ error: localError('PRODUCT_NOT_FOUND', 'sale.errors.codeNotFound', { field: 'barcode', vars: { code } }) });
        signal('unknown_code');
        return false;
      }
      const p = r.value.product;
      const label = r.value.label;
      // The shop's own scale label says how much (weight) or what it costs (price): nothing to ask.
      if (label?.kind === 'weight') return added(add(lineFor(p, label.quantityMilli, code)), n);
      if (label?.kind === 'price') return added(add({ ...lineFor(p, 1000, code), unitPriceCents: label.priceCents, soldByWeight: false, fixedPrice: true }), n);
      return added(ask(p, code), n);
    },

    addProduct(p, quantityMilli) {
      if (quantityMilli !== undefined) return add(lineFor(p, quantityMilli, null));
      return ask(p, null);
    },

    confirmWeight(quantityMilli) {
      const p = get().pendingWeight;
      if (!p) return false;
      const ok = add(lineFor(p, quantityMilli, pendingBarcode));
      if (ok) set({ pendingWeight: null });
      return ok;
    },

    cancelWeight: () => set({ pendingWeight: null, error: null }),

    confirmPrice(priceCents) {
      const p = get().pendingPrice;
      if (!p) return false;
      const ok = add({ ...lineFor(p, 1000, pendingBarcode), unitPriceCents: priceCents, fixedPrice: true });
      if (ok) set({ pendingPrice: null });
      return ok;
    },

    cancelPrice: () => set({ pendingPrice: null, error: null }),

    addOpenPrice(dept, priceCents, quantityMilli = 1000) {
      return add({
        key: newKey(), productId: null, sku: null, barcode: null, description: dept.name, vatCode: dept.vatCode, department: dept.code,
        unitPriceCents: priceCents, listPriceCents: null, quantityMilli, soldByWeight: false, discount: null, complimentary: false, fixedPrice: true,
      });
    },

    select: (key) => set({ selectedKey: key }),

    moveSelection(delta) {
      const lines = get().lines;
      if (lines.length === 0) return;
      const i = lines.findIndex((l) => l.key === get().selectedKey);
      const next = i < 0 ? lines.length - 1 : Math.min(lines.length - 1, Math.max(0, i + delta));
      set({ selectedKey: lines[next]!.key });
    },

    setQuantity: (key, quantityMilli) => update(key, (l) => ({ ...l, quantityMilli })),

    async setPrice(key, priceCents) {
      const line = get().lines.find((l) => l.key === key);
      if (!line) return false;
      const list = line.listPriceCents ?? line.unitPriceCents;
      // No PIN here: the line stays marked as changed (listPriceCents), and the manager approves the
      // sale at commit, with every reason of it listed (one PIN for the sale, bound to that sale).
      return update(key, (l) => ({ ...l, unitPriceCents: priceCents, listPriceCents: l.productId !== null && priceCents !== list ? list : null }));
    },

    setLineDiscount: (key, d) => update(key, (l) => ({ ...l, discount: d, complimentary: d ? false : l.complimentary })),
    setComplimentary: (key, on) => update(key, (l) => ({ ...l, complimentary: on, discount: on ? null : l.discount })),

    voidLine(key) {
      const lines = get().lines;
      const i = lines.findIndex((l) => l.key === key);
      if (i < 0) return;
      const rest = lines.filter((l) => l.key !== key);
      apply(rest, get().saleDiscount, { selectedKey: rest[Math.min(i, rest.length - 1)]?.key ?? null });
    },

    setSaleDiscount: (d) => apply(get().lines, d),

    async park(label) {
      if (get().lines.length === 0) return false;
      const r = await getApi().call('sale.park', { cart: get().cart(), ...(label ? { label } : {}) });
      if (!r.ok) {
        set({ error: r.error });
        return false;
      }
      get().clear();
      await get().refreshParked();
      return true;
    },

    async refreshParked() {
      const r = await getApi().call('sale.parked', {});
      if (r.ok) set({ parked: r.value.parked });
    },

    async resume(id) {
      if (get().lines.length > 0) {
        set({ error: localError('CART_NOT_EMPTY', 'sale.errors.cartNotEmpty') });
        return false;
      }
      const r = await getApi().call('sale.resume', { id });
      await get().refreshParked();
      if (!r.ok) {
        set({ error: r.error });
        return false;
      }
      return apply(r.value.cart.lines, r.value.cart.saleDiscount, { selectedKey: r.value.cart.lines[r.value.cart.lines.length - 1]?.key ?? null });
    },

    async discardParked(id) {
      const r = await getApi().call('sale.discardParked', { id });
      await get().refreshParked();
      if (!r.ok) set({ error: r.error });
      return r.ok;
    },

    clear() {
      searchSeq++;
      set({ lines: [], invoiceTo: null, saleDiscount: null, selectedKey: null, query: '', results: [], resultIndex: 0, error: null, pendingWeight: null, pendingPrice: null });
    },

    clearError: () => set({ error: null }),

    setInvoiceTo: (c) => set({ invoiceTo: c, error: null }),

    cart: () => ({ lines: get().lines, saleDiscount: get().saleDiscount }),
  };
});
