// History of documents with their fiscal status; detail with receipt preview; "riprova", reprint.
import { create } from 'zustand';
import type { HistoryQuery, HistoryRow, DocumentDetail, TrainingHistoryRow } from '../../../../shared/contract/documents.js';
import type { ReceiptLayoutOut } from '../../../../shared/contract/common.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { getApi } from '../../api/client.js';

export interface HistoryFilters {
  from: string;
  to: string;
  status: 'all' | 'queued' | 'sent' | 'ready' | 'error' | 'cancelled' | 'invoice';
  kind: 'all' | 'sale' | 'return' | 'void';
  text: string;
}

export interface HistoryState {
  filters: HistoryFilters;
  rows: HistoryRow[];
  /** Training sales of the same days (issue #12): listed apart, marked «PROVA»; none when the filters ask for fiscal states or other kinds. */
  training: TrainingHistoryRow[];
  total: number;
  loading: boolean;
  /** What went wrong last: an action refused (reprint, «Stampa numero AdE», «Riprova») or the list
   *  failing to load. A refresh pushed by the backend takes away only the latter: a refusal stays
   *  until the cashier closes it, or their next action. */
  error: ErrorInfo | null;
  /** Whether `error` is the list's own failure (the next load that works clears it). */
  errorFromLoad: boolean;
  selectedId: string | null;
  /** The document asked for last whose answer has not come yet (a click, or a refresh re-reading it). */
  opening: string | null;
  detail: DocumentDetail | null;
  receipt: ReceiptLayoutOut | null;
  setFilter<K extends keyof HistoryFilters>(k: K, v: HistoryFilters[K]): void;
  load(): Promise<void>;
  open(id: string): Promise<void>;
  close(): void;
  retry(id: string): Promise<boolean>;
  reprint(id: string): Promise<boolean>;
  /** «Stampa numero AdE»: refused, in words, while the Agenzia's number has not arrived. */
  printFiscalNumber(id: string): Promise<boolean>;
  dismissError(): void;
  /** «Non trasmettere»: the dialog for the selected document (null: closed), and its error. */
  cancelDialog: { id: string; reason: string; error: ErrorInfo | null } | null;
  openCancel(id: string): void;
  closeCancel(): void;
  setCancelReason(reason: string): void;
  /** Takes the document out of the transmission queue for good (manager; the reason is audited). */
  confirmCancel(): Promise<boolean>;
}

/** Counts open() calls: an answer to any but the last is dropped. */
let openSeq = 0;

export const useHistory = create<HistoryState>()((set, get) => ({
  filters: { from: '', to: '', status: 'all', kind: 'all', text: '' },
  rows: [],
  training: [],
  total: 0,
  loading: false,
  error: null,
  errorFromLoad: false,
  selectedId: null,
  opening: null,
  detail: null,
  receipt: null,
  cancelDialog: null,
  setFilter(k, v) {
    set({ filters: { ...get().filters, [k]: v } });
    void get().load();
  },
  async load() {
    const f = get().filters;
    const q: HistoryQuery = { status: f.status, kind: f.kind, text: f.text, limit: 100, ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}) };
    set({ loading: true });
    const r = await getApi().call('documents.history', q);
    if (r.ok) set({ rows: r.value.rows, total: r.value.total, loading: false, ...(get().errorFromLoad ? { error: null, errorFromLoad: false } : {}) });
    else set({ loading: false, error: r.error, errorFromLoad: true });
    // A training sale has no fiscal state and is a sale: only «Tutti» / «Vendita» with every state show them.
    if (f.status === 'all' && (f.kind === 'all' || f.kind === 'sale')) {
      const tr = await getApi().call('documents.trainingHistory', { ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}) });
      set({ training: tr.ok ? tr.value.rows.filter((x) => x.number.includes(f.text.trim())) : [] });
    } else set({ training: [] });
    // Re-read what the cashier asked for last: a click still on its way, else the open document.
    const sel = get().opening ?? get().selectedId;
    if (sel) await get().open(sel);
  },
  async open(id) {
    // Only the last request's answer is shown: a refresh pushed by the backend (the invoice sender
    // polling every few seconds) may be re-reading the old document when the cashier clicks another,
    // and its later answer must not bring the old one back.
    const seq = ++openSeq;
    set({ opening: id });
    const api = getApi();
    const [d, rc] = await Promise.all([api.call('documents.get', { ref: id }), api.call('documents.receipt', { id })]);
    if (seq !== openSeq) return;
    if (!d.ok) {
      set({ opening: null, error: d.error, errorFromLoad: false });
      return;
    }
    set({ opening: null, selectedId: id, detail: d.value, receipt: rc.ok ? rc.value : null });
  },
  close: () => { openSeq++; set({ opening: null, selectedId: null, detail: null, receipt: null }); },
  async retry(id) {
    set({ error: null, errorFromLoad: false });
    const r = await getApi().callWithApproval('documents.retry', { id });
    if (!r.ok) {
      set({ error: r.error, errorFromLoad: false });
      return false;
    }
    await get().load();
    return true;
  },
  openCancel: (id) => set({ cancelDialog: { id, reason: '', error: null } }),
  closeCancel: () => set({ cancelDialog: null }),
  setCancelReason(reason) {
    const d = get().cancelDialog;
    if (d) set({ cancelDialog: { ...d, reason, error: null } });
  },
  async confirmCancel() {
    const d = get().cancelDialog;
    if (!d) return false;
    const r = await getApi().callWithApproval('documents.cancelTransmission', { id: d.id, reason: d.reason });
    if (!r.ok) {
      set({ cancelDialog: { ...d, error: r.error } });
      return false;
    }
    set({ cancelDialog: null });
    await get().load();
    return true;
  },
  async reprint(id) {
    set({ error: null, errorFromLoad: false });
    const r = await getApi().call('documents.reprint', { id });
    if (!r.ok) set({ error: r.error, errorFromLoad: false });
    return r.ok;
  },
  async printFiscalNumber(id) {
    set({ error: null, errorFromLoad: false });
    const r = await getApi().call('documents.printFiscalNumber', { id });
    if (!r.ok) set({ error: r.error, errorFromLoad: false });
    return r.ok;
  },
  dismissError: () => set({ error: null, errorFromLoad: false }),
}));
