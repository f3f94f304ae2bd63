// The reconciliation screen's state (issue #13): the day shown, its rows from reports.reconciliation,
// and the CSV download (reports.reconciliationCsv, the same bytes as `bancone reconciliation export`).
import { create } from 'zustand';
import { getApi } from '../../api/client.js';
import { saveBase64File } from '../../kit/save-file.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { ReconciliationDay } from '../../../../shared/contract/reports.js';

export interface ReconciliationState {
  /** What the date field holds (YYYY-MM-DD); '' until the first load fills it with the X's day. */
  date: string;
  day: ReconciliationDay | null;
  error: ErrorInfo | null;
  busy: boolean;
  /** The last file handed to the browser. */
  saved: string | null;
  setDate(date: string): void;
  load(date?: string): Promise<boolean>;
  downloadCsv(): Promise<boolean>;
}


let asked = 0;

export const useReconciliation = create<ReconciliationState>()((set, get) => ({
  date: '',
  day: null,
  error: null,
  busy: false,
  saved: null,
  setDate: (date) => set({ date }),
  async load(date) {
    const ask = ++asked;
    set({ busy: true });
    const r = await getApi().call('reports.reconciliation', date ? { date } : {});
    if (ask !== asked) return false; // a later request answers for the screen
    if (!r.ok) {
      set({ busy: false, error: r.error });
      return false;
    }
    set({ busy: false, error: null, day: r.value, date: r.value.date, saved: null });
    return true;
  },
  async downloadCsv() {
    const day = get().day;
    if (!day) return false;
    const r = await getApi().call('reports.reconciliationCsv', { date: day.date });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    saveBase64File(r.value.fileName, r.value.base64, 'text/csv;charset=utf-8');
    set({ saved: r.value.fileName, error: null });
    return true;
  },
}));
