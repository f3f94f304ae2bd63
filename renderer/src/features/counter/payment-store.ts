// Taking the money: payments so far, card payments confirmed by the cashier, lottery code, the
// commit, and the receipt that follows. Adding a payment that covers what is due commits the sale
// at once (cash drawer opens, change shown); then one key, or the next scan, starts the next customer.
//
// The one rule that matters most here: the cart that was paid is emptied in the same step that
// learns the sale is committed, before anything else can run. Whatever the cashier presses next
// (top bar, F-keys, a scan), a paid cart can never come back and be charged again.
import { create } from 'zustand';
import type { PaymentInput } from '../../../../shared/sale.js';
import { LOTTERY_CODE_RE } from '../../../../shared/sale.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { CommitResultOut, ReceiptLayoutOut } from '../../../../shared/contract/common.js';
import { cartToSaleRequest, paymentSummary, type PaymentSummary } from '../../../../shared/contract/cart.js';
import { formatEuro } from '../../../../shared/money.js';
import { getApi } from '../../api/client.js';
import { localError } from '../../kit/local-error.js';
import { useSale } from './sale-store.js';

/** A card payment being taken: the amount to charge, then the cashier's word that the POS approved it. */
export type CardStep = { step: 'amount'; suggestedCents: number } | { step: 'confirm'; amountCents: number };

export interface PaymentState {
  payments: PaymentInput[];
  lotteryCode: string;
  /** Field error of the lottery code (format), shown under the field. */
  lotteryError: ErrorInfo | null;
  committing: boolean;
  error: ErrorInfo | null;
  card: CardStep | null;
  /** The sale just committed: its number, change and receipt. Its cart is already gone. */
  result: { commit: CommitResultOut; receipt: ReceiptLayoutOut | null; paidCents: number } | null;
  reset(): void;
  summary(): PaymentSummary;
  addPayment(p: PaymentInput): Promise<boolean>;
  payCash(amountCents: number | null): Promise<boolean>;
  /** F3: opens the card step with what is left to pay by card (typed over for a split). */
  startCard(): void;
  /** The amount to charge on the POS; refused (with the reason) above what is left. */
  setCardAmount(amountCents: number): boolean;
  /** The cashier's answer: the POS approved (the payment is recorded) or declined (nothing recorded). */
  confirmCard(approved: boolean): Promise<boolean>;
  cancelCard(): void;
  removePayment(index: number): void;
  setLotteryCode(code: string): boolean;
  commit(): Promise<boolean>;
  /** Waits for a commit in flight, if any (a scan that arrives meanwhile belongs to the next sale). */
  settled(): Promise<void>;
  /** Leaves the change screen for the next customer. */
  nextCustomer(): void;
}

const initial = { payments: [] as PaymentInput[], lotteryCode: '', lotteryError: null, committing: false, error: null, card: null, result: null };

let inFlight: Promise<boolean> | null = null;

export const usePayment = create<PaymentState>()((set, get) => ({
  ...initial,

  reset: () => set({ ...initial }),

  summary() {
    const sale = useSale.getState();
    return paymentSummary(sale.cart(), get().payments, get().lotteryCode === '' ? null : get().lotteryCode, sale.cashRounding);
  },

  async addPayment(p) {
    if (get().committing || get().result || useSale.getState().lines.length === 0) return false;
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
    if (get().committing || get().result || useSale.getState().lines.length === 0) return Promise.resolve(false);
    const s = get().summary();
    // Enter with nothing typed: the customer pays exactly what is due in cash.
    const amount = amountCents ?? s.remainingCashCents;
    if (amount <= 0) return get().commit();
    return get().addPayment({ method: 'cash', amountCents: amount });
  },

  startCard() {
    if (get().committing || get().result || useSale.getState().lines.length === 0) return;
    const s = get().summary();
    if (s.ready) { void get().commit(); return; }
    set({ card: { step: 'amount', suggestedCents: s.remainingCardCents }, error: null });
  },

  setCardAmount(amountCents) {
    const left = get().summary().remainingCardCents;
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
      set({ error: localError('CARD_AMOUNT_INVALID', 'payment.errors.cardAmountInvalid', { field: 'card_amount' }) });
      return false;
    }
    if (amountCents > left) {
      set({ error: localError('CARD_AMOUNT_TOO_LARGE', 'payment.errors.cardAmountTooLarge', { field: 'card_amount', vars: { amount: formatEuro(left) } }) });
      return false;
    }
    set({ card: { step: 'confirm', amountCents }, error: null });
    return true;
  },

  async confirmCard(approved) {
    const card = get().card;
    if (!card || card.step !== 'confirm') return false;
    set({ card: null });
    if (!approved) {
      set({ error: localError('CARD_DECLINED', 'payment.errors.cardDeclined') });
      return false;
    }
    return get().addPayment({ method: 'electronic', amountCents: card.amountCents });
  },

  cancelCard: () => set({ card: null, error: null }),

  removePayment(index) {
    if (get().committing || get().result) return;
    set({ payments: get().payments.filter((_, i) => i !== index), error: null });
  },

  setLotteryCode(code) {
    const c = code.trim().toUpperCase();
    if (c !== '' && !LOTTERY_CODE_RE.test(c)) {
      set({ lotteryError: localError('LOTTERY_CODE_FORMAT', 'payment.errors.lotteryCodeFormat', { field: 'lottery_code' }) });
      return false;
    }
    set({ lotteryCode: c, lotteryError: null, error: null });
    return true;
  },

  commit() {
    if (inFlight) return inFlight;
    // Nothing to charge (the cart was paid and emptied, or never filled): nothing to commit.
    if (get().result || useSale.getState().lines.length === 0) return Promise.resolve(false);
    const s = get().summary();
    if (!s.ready || get().result) {
      if (s.error) set({ error: s.error });
      return Promise.resolve(false);
    }
    set({ committing: true, error: null });
    const run = async (): Promise<boolean> => {
      const api = getApi();
      const paidCents = s.paidCents;
      const invoiceTo = useSale.getState().invoiceTo;
      const request = cartToSaleRequest(useSale.getState().cart(), get().payments, get().lotteryCode === '' ? null : get().lotteryCode);
      // Invoice instead of the receipt (⇧F1): refused before anything is written, the cart stays.
      const r = await api.callWithApproval('sale.commit', invoiceTo ? { ...request, invoice: { customer: invoiceTo.id } } : request);
      if (!r.ok) {
        set({ committing: false, error: r.error });
        return false;
      }
      // Same synchronous step as learning the sale is on disk: the paid cart leaves the screen now.
      useSale.getState().clear();
      set({ committing: false, payments: [], lotteryCode: '', card: null, result: { commit: r.value, receipt: null, paidCents } });
      const receipt = await api.call('documents.receipt', { id: r.value.id });
      if (receipt.ok && get().result?.commit.id === r.value.id) set({ result: { ...get().result!, receipt: receipt.value } });
      return true;
    };
    inFlight = run().finally(() => { inFlight = null; });
    return inFlight;
  },

  async settled() {
    if (inFlight) await inFlight;
  },

  nextCustomer() {
    set({ ...initial });
  },
}));
