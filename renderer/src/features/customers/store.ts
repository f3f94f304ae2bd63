// The customer book's screen: search as you type, the form (its errors under the field they name),
// deactivate, delete while unused, CSV import and export.
import { create } from 'zustand';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { CustomerImportReport, CustomerOut, CustomerSave } from '../../../../shared/contract/customers.js';
import { customerFields, type CustomerFields } from '../../../../shared/customer.js';
import { getApi } from '../../api/client.js';
import { bytesToBase64 } from '../../kit/import-report.js';

export type CustomerDraft = CustomerFields & { id: string | null; active: boolean; displayName: string };

const emptyDraft: CustomerDraft = {
  id: null, active: true, displayName: '', kind: 'person', denominazione: '', nome: '', cognome: '', codice_fiscale: '', partita_iva: '',
  paese_iva: '', codice_destinatario: '', pec: '', indirizzo: '', numero_civico: '', cap: '', comune: '', provincia: '', nazione: 'IT', notes: '',
};

export interface CustomersState {
  text: string;
  inactive: boolean;
  customers: CustomerOut[];
  /** The text the list answers (the answer to an older keystroke is dropped). */
  shownFor: string | null;
  error: ErrorInfo | null;
  draft: CustomerDraft | null;
  draftError: ErrorInfo | null;
  /** Delete pressed once: the button asks to confirm. */
  confirmDelete: boolean;
  busy: boolean;
  csv: { name: string; base64: string } | null;
  report: CustomerImportReport | null;
  importError: ErrorInfo | null;
  exported: { count: number; file: string } | null;
  setText(text: string): void;
  setInactive(on: boolean): void;
  load(): Promise<void>;
  newCustomer(): void;
  edit(c: CustomerOut): void;
  setDraft(change: Partial<CustomerFields>): void;
  cancelDraft(): void;
  saveDraft(): Promise<boolean>;
  setActive(active: boolean): Promise<boolean>;
  deleteDraft(): Promise<boolean>;
  setCsv(name: string, bytes: Uint8Array): void;
  importCsv(skipBad: boolean): Promise<boolean>;
  exportCsv(): Promise<boolean>;
}

let asked = 0;

/** The file a browser saves: the book as the CSV the import reads back (a BOM, so Excel reads UTF-8). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const useCustomers = create<CustomersState>()((set, get) => ({
  text: '',
  inactive: false,
  customers: [],
  shownFor: null,
  error: null,
  draft: null,
  draftError: null,
  confirmDelete: false,
  busy: false,
  csv: null,
  report: null,
  importError: null,
  exported: null,
  setText(text) {
    set({ text });
    void get().load();
  },
  setInactive(inactive) {
    set({ inactive });
    void get().load();
  },
  async load() {
    const { text, inactive } = get();
    const mine = ++asked;
    const r = await getApi().call('customers.search', { text, inactive, limit: 100 });
    if (mine !== asked) return;
    if (r.ok) set({ customers: r.value.customers, shownFor: text, error: null });
    else set({ error: r.error });
  },
  newCustomer: () => set({ draft: { ...emptyDraft }, draftError: null, confirmDelete: false }),
  edit: (c) => set({ draft: { ...customerFields(c), id: c.id, active: c.active, displayName: c.displayName }, draftError: null, confirmDelete: false }),
  setDraft: (change) => set({ draft: { ...get().draft!, ...change }, confirmDelete: false }),
  cancelDraft: () => set({ draft: null, draftError: null, confirmDelete: false }),
  async saveDraft() {
    const d = get().draft;
    if (!d || get().busy) return false;
    const { id, active: _active, displayName: _name, ...fields } = d;
    const input: CustomerSave = { ...fields, ...(id ? { id } : {}) };
    set({ busy: true });
    const r = await getApi().call('customers.save', input);
    set({ busy: false });
    if (!r.ok) { set({ draftError: r.error }); return false; }
    set({ draft: null, draftError: null });
    await get().load();
    return true;
  },
  async setActive(active) {
    const d = get().draft;
    if (!d?.id) return false;
    set({ busy: true });
    const r = await getApi().callWithApproval('customers.deactivate', { id: d.id, active });
    set({ busy: false });
    if (!r.ok) { set({ draftError: r.error }); return false; }
    set({ draft: null, draftError: null });
    await get().load();
    return true;
  },
  async deleteDraft() {
    const d = get().draft;
    if (!d?.id) return false;
    if (!get().confirmDelete) { set({ confirmDelete: true }); return false; }
    set({ busy: true });
    const r = await getApi().callWithApproval('customers.delete', { id: d.id });
    set({ busy: false, confirmDelete: false });
    if (!r.ok) { set({ draftError: r.error }); return false; }
    set({ draft: null, draftError: null });
    await get().load();
    return true;
  },
  setCsv: (name, bytes) => set({ csv: { name, base64: bytesToBase64(bytes) }, report: null, importError: null }),
  async importCsv(skipBad) {
    const csv = get().csv;
    if (!csv) return false;
    set({ busy: true });
    const r = await getApi().callWithApproval('customers.import', { csv_base64: csv.base64, skip_bad: skipBad });
    set({ busy: false });
    if (!r.ok) { set({ importError: r.error, report: null }); return false; }
    set({ report: r.value, importError: null });
    if (r.value.applied) await get().load();
    return r.value.applied;
  },
  async exportCsv() {
    set({ busy: true });
    const r = await getApi().callWithApproval('customers.export', { inactive: true });
    set({ busy: false });
    if (!r.ok) { set({ importError: r.error }); return false; }
    const file = 'clienti.csv';
    download(file, r.value.csv);
    set({ exported: { count: r.value.count, file } });
    return true;
  },
}));
