// The history's invoice actions (issue #13): «Fattura» for a receipted sale (the customer picked as
// the cashier types, over customers.search), «Nota di credito» for a refund of an invoiced sale,
// «Riprova» for an invoice the service refused and «Riemetti corretta» for one the SDI rejected (a
// manager's), the courtesy copy (PDF) of any. After each, the history and its
// detail are read again (useHistory.load), so the screen shows what the ledger now says.
import { create } from 'zustand';
import type { CustomerOut } from '../../../../shared/contract/customers.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { getApi } from '../../api/client.js';
import { saveBase64File } from '../../kit/save-file.js';
import { localError } from '../../kit/local-error.js';
import { useHistory } from './store.js';

export interface InvoicePickState {
  /** The picker for this sale (null: closed). */
  sale: { id: string; number: string } | null;
  text: string;
  results: CustomerOut[];
  /** The highlighted row of `results` (↑ ↓). */
  highlighted: number;
  /** The customer chosen, to confirm before the invoice is issued (it cannot be taken back: only a credit note undoes it). */
  chosen: CustomerOut | null;
  error: ErrorInfo | null;
  busy: boolean;
  openFor(sale: { id: string; number: string }): void;
  close(): void;
  type(text: string): Promise<void>;
  move(delta: number): void;
  pick(index?: number): void;
  unpick(): void;
  /** invoices.create for the sale and the chosen customer. */
  issue(): Promise<boolean>;
  /** invoices.creditNote for a return or void of an invoiced sale; a refusal goes to the history's banner. */
  creditNote(refundId: string): Promise<boolean>;
  /** invoices.retry (manager: the approval dialog asks for a PIN when needed). */
  retry(invoiceId: string): Promise<boolean>;
  /** invoices.reissue: the corrected re-issue of a rejected invoice, to the customer as the book holds them now (manager). */
  reissue(invoiceId: string): Promise<boolean>;
  /** invoices.pdf: the A4 courtesy copy, saved by the browser. */
  courtesyCopy(invoiceId: string): Promise<boolean>;
  /** The courtesy copy's file name once saved (shown under the button). */
  saved: string | null;
}

// Answers to an older search arrive after newer ones on a loaded machine: only the last one counts.
let searchSeq = 0;

const initial = { sale: null, text: '', results: [], highlighted: 0, chosen: null, error: null, busy: false, saved: null };

export const useInvoicePick = create<InvoicePickState>()((set, get) => ({
  ...initial,
  openFor(sale) {
    set({ ...initial, sale });
    void get().type('');
  },
  close: () => set({ ...initial }),
  async type(text) {
    const seq = ++searchSeq;
    set({ text, error: null });
    const r = await getApi().call('customers.search', { text: text.trim(), limit: 8 });
    if (seq !== searchSeq || get().sale === null) return;
    if (r.ok) set({ results: r.value.customers, highlighted: 0 });
    else set({ results: [], error: r.error });
  },
  move(delta) {
    const n = get().results.length;
    if (n === 0) return;
    set({ highlighted: (get().highlighted + delta + n) % n });
  },
  pick(index) {
    const c = get().results[index ?? get().highlighted];
    if (!c) {
      set({ error: localError('INVOICE_CUSTOMER_MISSING', 'invoiceScreens.errors.customerMissing', { field: 'customer' }) });
      return;
    }
    set({ chosen: c, error: null });
  },
  unpick: () => set({ chosen: null, error: null }),
  async issue() {
    const { sale, chosen } = get();
    if (!sale) return false;
    if (!chosen) {
      set({ error: localError('INVOICE_CUSTOMER_MISSING', 'invoiceScreens.errors.customerMissing', { field: 'customer' }) });
      return false;
    }
    set({ busy: true, error: null });
    const r = await getApi().call('invoices.create', { sale: sale.id, customer: chosen.id });
    if (!r.ok) {
      set({ busy: false, error: r.error });
      return false;
    }
    set({ ...initial });
    await useHistory.getState().load();
    return true;
  },
  async creditNote(refundId) {
    useHistory.getState().dismissError();
    const r = await getApi().call('invoices.creditNote', { return: refundId });
    if (!r.ok) {
      useHistory.setState({ error: r.error, errorFromLoad: false });
      return false;
    }
    await useHistory.getState().load();
    return true;
  },
  async reissue(invoiceId) {
    useHistory.getState().dismissError();
    const r = await getApi().callWithApproval('invoices.reissue', { invoice: invoiceId });
    if (!r.ok) {
      useHistory.setState({ error: r.error, errorFromLoad: false });
      return false;
    }
    await useHistory.getState().load();
    return true;
  },
  async courtesyCopy(invoiceId) {
    useHistory.getState().dismissError();
    const r = await getApi().call('invoices.pdf', { invoice: invoiceId });
    if (!r.ok) {
      useHistory.setState({ error: r.error, errorFromLoad: false });
      return false;
    }
    saveBase64File(r.value.fileName, r.value.base64, 'application/pdf');
    set({ saved: r.value.fileName });
    return true;
  },
  async retry(invoiceId) {
    useHistory.getState().dismissError();
    const r = await getApi().callWithApproval('invoices.retry', { invoice: invoiceId });
    if (!r.ok) {
      useHistory.setState({ error: r.error, errorFromLoad: false });
      return false;
    }
    await useHistory.getState().load();
    return true;
  },
}));
