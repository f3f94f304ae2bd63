// Taking the money: payments so far, lottery code, the commit, and the receipt that follows.
// Adding a payment that covers what is due commits the sale at once (cash drawer opens, change
// shown); then one key starts the next customer.
import { create } from 'zustand';
import type { PaymentInput } from '../../../../shared/sale.js';
import { LOTTERY_CODE_RE } from '../../../../shared/sale.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { CommitResultOut, ReceiptLayoutOut } from '../../../../shared/contract/common.js';
import { cartToSaleRequest, paymentSummary, type PaymentSummary } from '../../../../shared/contract/cart.js';
import { getApi } from '../../api/client.js';
import { useSale } from '../sale/store.js';
import { useStatus } from '../../app/status-store.js';

export interface PaymentState {
  payments: PaymentInput[];
  lotteryCode: string;
  /** Field error of the lottery code (format), shown under the field. */
  lotteryError: ErrorInfo | null;
  committing: boolean;
  error: ErrorInfo | null;
  result: { commit: CommitResultOut; receipt: ReceiptLayoutOut | null } | null;
  reset(): void;
  summary(): PaymentSummary;
  addPayment(p: PaymentInput): Promise<boolean>;
  payCash(amountCents: number | null): Promise<boolean>;
  payElectronicRemaining(): Promise<boolean>;
  removePayment(index: number): void;
  setLotteryCode(code: string): boolean;
  commit(): Promise<boolean>;
  /** Clears the sale and the payment for the next customer. */
  nextCustomer(): void;
}

const initial = { payments: [] as PaymentInput[], lotteryCode: '', lotteryError: null, committing: false, error: null, result: null };

export const usePayment = create<PaymentState>()((set, get) => ({
  ...initial,

  reset: () => set({ ...initial }),

  summary() {
    const sale = useSale.getState();
    return paymentSummary(sale.cart(), get().payments, get().lotteryCode === '' ? null : get().lotteryCode, sale.cashRounding);
  },

  async addPayment(p) {
    if (get().committing || get().result) return false;
    set({ payments: [...get().payments, p], error: null });
    const s = get().summary();
    if (s.error) {
      set({ error: s.error });
      return false;
    }
    if (s.ready) return get().commit();
    return true;
  },

  payCash(amountCents) {
    const s = get().summary();
    // Enter with nothing typed: the customer pays exactly what is due.
    const amount = amountCents ?? s.remainingCents;
    if (amount <= 0) return get().commit();
    return get().addPayment({ method: 'cash', amountCents: amount });
  },

  payElectronicRemaining() {
    const s = get().summary();
    if (s.ready) return get().commit();
    return get().addPayment({ method: 'electronic', amountCents: s.remainingNonCashCents });
  },

  removePayment(index) {
    set({ payments: get().payments.filter((_, i) => i !== index), error: null });
  },

  setLotteryCode(code) {
    const c = code.trim().toUpperCase();
    if (c !== '' && !LOTTERY_CODE_RE.test(c)) {
      set({ lotteryError: { code: 'LOTTERY_CODE_FORMAT', field: 'lottery_code', message: 'Codice lotteria non valido: servono 8 caratteri tra lettere e cifre', message_en: 'Invalid lottery code: 8 letters or digits required' } });
      return false;
    }
    set({ lotteryCode: c, lotteryError: null, error: null });
    return true;
  },

  async commit() {
    const s = get().summary();
    if (!s.ready || get().committing) {
      if (s.error) set({ error: s.error });
      return false;
    }
    set({ committing: true, error: null });
    const sale = useSale.getState();
    const api = getApi();
    const r = await api.callWithApproval('sale.commit', cartToSaleRequest(sale.cart(), get().payments, get().lotteryCode === '' ? null : get().lotteryCode));
    if (!r.ok) {
      set({ committing: false, error: r.error });
      return false;
    }
    const receipt = await api.call('documents.receipt', { id: r.value.id });
    set({ committing: false, result: { commit: r.value, receipt: receipt.ok ? receipt.value : null } });
    void useStatus.getState().refresh();
    return true;
  },

  nextCustomer() {
    useSale.getState().clear();
    set({ ...initial });
  },
}));
