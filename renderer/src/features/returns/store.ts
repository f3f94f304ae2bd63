// Returns and voids: find the sale (number, receipt QR, or from history), pick lines and
// quantities, choose the refund method; a void when the 24 h window allows it, else a full return.
import { create } from 'zustand';
import type { DocumentDetail } from '../../../../shared/contract/documents.js';
import type { CommitResultOut, ReceiptLayoutOut } from '../../../../shared/contract/common.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { refundForQuantity } from '../../../../shared/sale.js';
import { getApi } from '../../api/client.js';
import { useApp } from '../../kit/app-store.js';
import { localError } from '../../kit/local-error.js';

export interface ReturnsState {
  ref: string;
  detail: DocumentDetail | null;
  /** Quantity to return per sale line number, in thousandths. */
  quantities: Record<number, number>;
  refundMethod: 'cash' | 'electronic';
  reason: string;
  busy: boolean;
  error: ErrorInfo | null;
  result: { commit: CommitResultOut; receipt: ReceiptLayoutOut | null } | null;
  setRef(ref: string): void;
  load(ref?: string): Promise<boolean>;
  setQuantity(lineNo: number, milli: number): void;
  selectAll(): void;
  setRefundMethod(m: 'cash' | 'electronic'): void;
  setReason(r: string): void;
  /** What the chosen quantities refund (same rule as the ledger). */
  refundCents(): number;
  hasLines(): boolean;
  /** Above the shop's threshold a manager must approve (the backend enforces it). */
  needsManager(): boolean;
  submitReturn(): Promise<boolean>;
  submitVoid(): Promise<boolean>;
  reset(): void;
}

const initial = { ref: '', detail: null, quantities: {}, refundMethod: 'cash' as const, reason: '', busy: false, error: null, result: null };

export const useReturns = create<ReturnsState>()((set, get) => {
  const finish = async (r: Awaited<ReturnType<ReturnType<typeof getApi>['call']>>): Promise<boolean> => {
    if (!r.ok) {
      set({ busy: false, error: r.error });
      return false;
    }
    const commit = r.value as CommitResultOut;
    const receipt = await getApi().call('documents.receipt', { id: commit.id });
    set({ busy: false, result: { commit, receipt: receipt.ok ? receipt.value : null } });
    return true;
  };
  return {
    ...initial,
    setRef: (ref) => set({ ref }),
    async load(ref) {
      const text = (ref ?? get().ref).trim();
      if (text === '') return false;
      set({ busy: true, error: null, result: null, ref: text });
      const r = await getApi().call('documents.get', { ref: text });
      if (!r.ok) {
        set({ busy: false, detail: null, error: r.error });
        return false;
      }
      const d = r.value;
      if (d.document.kind !== 'sale') {
        set({ busy: false, detail: null, error: localError('NOT_A_SALE', 'returns.errors.notASale', { field: 'ref', vars: { number: d.document.number } }) });
        return false;
      }
      const electronic = d.document.payments.some((p) => p.method === 'electronic');
      set({ busy: false, detail: d, quantities: {}, refundMethod: electronic ? 'electronic' : 'cash', reason: '' });
      return true;
    },
    setQuantity(lineNo, milli) {
      const max = get().detail?.returnable.find((r) => r.lineNo === lineNo)?.quantityMilli ?? 0;
      set({ quantities: { ...get().quantities, [lineNo]: Math.max(0, Math.min(max, milli)) }, error: null });
    },
    selectAll() {
      const d = get().detail;
      if (!d) return;
      set({ quantities: Object.fromEntries(d.returnable.map((r) => [r.lineNo, r.quantityMilli])) });
    },
    setRefundMethod: (refundMethod) => set({ refundMethod }),
    setReason: (reason) => set({ reason }),
    refundCents() {
      const d = get().detail;
      if (!d) return 0;
      return d.document.lines.reduce((sum, l) => {
        const qty = get().quantities[l.lineNo] ?? 0;
        const left = d.returnable.find((r) => r.lineNo === l.lineNo)?.quantityMilli ?? 0;
        return qty > 0 ? sum + refundForQuantity(l.amountCents, l.quantityMilli, l.quantityMilli - left, qty) : sum;
      }, 0);
    },
    hasLines: () => Object.values(get().quantities).some((q) => q > 0),
    needsManager() {
      const d = get().detail;
      return d !== null && get().refundCents() > d.managerReturnThresholdCents;
    },
    async submitReturn() {
      const d = get().detail;
      if (!d) return false;
      const lines = Object.entries(get().quantities).filter(([, q]) => q > 0).map(([lineNo, q]) => ({ line_no: Number(lineNo), quantity: q / 1000 }));
      if (lines.length === 0) {
        set({ error: localError('RETURN_EMPTY', 'returns.errors.noLines', { field: 'lines' }) });
        return false;
      }
      set({ busy: true, error: null });
      return finish(await getApi().callWithApproval('documents.return', { sale: d.document.id, lines, refund_method: get().refundMethod, ...(get().reason ? { reason: get().reason } : {}) }));
    },
    async submitVoid() {
      const d = get().detail;
      if (!d) return false;
      set({ busy: true, error: null });
      return finish(await getApi().callWithApproval('documents.void', { sale: d.document.id, ...(get().reason ? { reason: get().reason } : {}) }));
    },
    reset: () => set({ ...initial }),
  };
});

// Another screen opens returns for a sale (history's «Reso») through the app store: the sale is
// looked up here, in the same step that shows the screen, as a scanned receipt QR does.
useApp.subscribe((s, prev) => {
  if (s.intent === prev.intent || s.intent?.route !== 'returns') return;
  useReturns.getState().reset();
  void useReturns.getState().load(s.intent.document);
});
