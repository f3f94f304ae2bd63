// Payment: cash with tendered amount and quick bills, card (amount, then «approved?»), meal vouchers,
// split, lottery code; then the change, the receipt preview, and Enter (or the next scan) for the
// next customer.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePayment } from './payment-store.js';
import { useSale } from './sale-store.js';
import { formatAmount, formatEuro, parseAmount } from '../../../../shared/money.js';
import { useKeys } from '../../kit/keys.js';
import { Dialog, ErrorBanner, FieldError, KeyButton, Money, SelectAllInput } from '../../kit/ui.js';
import { localError } from '../../kit/local-error.js';
import { navigate, nextCustomer } from './counter.js';
import { ReceiptPreview } from '../../kit/ReceiptPreview.js';
import { getApi } from '../../api/client.js';
import { lotteryAllowed } from '../../../../shared/contract/cart.js';
import { InvoiceBanner } from './InvoiceBanner.js';
import './payment.css';

const QUICK_BILLS = [500, 1000, 2000, 5000];

function VoucherDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [count, setCount] = useState('1');
  const [amount, setAmount] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(count);
    const cents = parseAmount(amount);
    if (!Number.isInteger(n) || n < 1 || cents === null || cents <= 0) return setInvalid(true);
    onClose();
    await usePayment.getState().addPayment({ method: 'meal_voucher', amountCents: cents, count: n });
  };
  return (
    <Dialog title={t('payment.vouchersTitle')} onClose={onClose} testId="voucher-dialog">
      <form onSubmit={submit} className="entry-form">
        <label className="field"><span>{t('payment.voucherCount')}</span><SelectAllInput value={count} inputMode="numeric" data-testid="voucher-count" onChange={(e) => setCount(e.target.value.replace(/\D/g, ''))} /></label>
        <label className="field"><span>{t('payment.voucherAmount')}</span><SelectAllInput value={amount} inputMode="decimal" data-testid="voucher-amount" onChange={(e) => setAmount(e.target.value)} /></label>
        {invalid ? <div className="field-error" role="alert">{t('entry.invalid')}</div> : null}
        <div className="dialog-actions">
          <button type="button" className="btn btn-plain" onClick={onClose}><span className="kbd">Esc</span> {t('common.back')}</button>
          <button type="submit" className="btn btn-primary"><span className="kbd">↵</span> {t('common.ok')}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** F3: the amount to charge on the POS (what is left, typed over for a split), then «approved?». */
function CardDialog() {
  const { t } = useTranslation();
  const card = usePayment((s) => s.card)!;
  const error = usePayment((s) => s.error);
  const [text, setText] = useState(card.step === 'amount' ? formatAmount(card.suggestedCents) : '');
  const [invalid, setInvalid] = useState(false);
  const pay = usePayment.getState();
  // Not modal: Escape falls through to the dialog below (back), Enter here means «approved».
  useKeys(card.step === 'confirm' ? { Enter: () => { void pay.confirmCard(true); } } : {});
  if (card.step === 'amount') {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      const cents = parseAmount(text);
      if (cents === null || cents <= 0) return setInvalid(true);
      pay.setCardAmount(cents);
    };
    return (
      <Dialog title={t('payment.cardTitle')} onClose={() => pay.cancelCard()} testId="card-dialog">
        <form onSubmit={submit} className="entry-form">
          <label className="field"><span>{t('payment.cardAmount')}</span>
            <SelectAllInput className="entry-input" value={text} inputMode="decimal" data-testid="card-amount" data-scan="dialog"
              onChange={(e) => { setText(e.target.value); setInvalid(false); usePayment.setState({ error: null }); }} />
          </label>
          <div className="muted">{t('payment.cardHint', { amount: formatEuro(card.suggestedCents) })}</div>
          {invalid ? <div className="field-error" role="alert">{t('entry.invalid')}</div> : <FieldError error={error} testId="card-error" />}
          <div className="dialog-actions">
            <button type="button" className="btn btn-plain" onClick={() => pay.cancelCard()}><span className="kbd">Esc</span> {t('common.back')}</button>
            <button type="submit" className="btn btn-primary" data-testid="card-charge"><span className="kbd">↵</span> {t('payment.cardCharge')}</button>
          </div>
        </form>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('payment.cardConfirmTitle')} onClose={() => pay.cancelCard()} testId="card-confirm">
      <p className="card-confirm-text" data-testid="card-confirm-text">{t('payment.cardConfirm', { amount: formatEuro(card.amountCents) })}</p>
      <div className="dialog-actions">
        <button type="button" className="btn btn-danger" onClick={() => void pay.confirmCard(false)} data-testid="card-declined">{t('payment.cardDeclined')}</button>
        <button type="button" className="btn btn-primary" onClick={() => void pay.confirmCard(true)} data-testid="card-approved"><span className="kbd">↵</span> {t('payment.cardApproved')}</button>
      </div>
    </Dialog>
  );
}

function Done() {
  const { t } = useTranslation();
  const result = usePayment((s) => s.result)!;
  const [reprinted, setReprinted] = useState(false);
  const copy = () => { void getApi().call('documents.reprint', { id: result.commit.id }).then((r) => setReprinted(r.ok)); };
  useKeys({ Enter: nextCustomer, F1: nextCustomer, Escape: nextCustomer, F4: copy });
  return (
    <div className="payment-done" data-testid="payment-done">
      <div className="done-panel">
        <div className="done-check">✓</div>
        <div className="muted" data-testid="done-number">{result.commit.invoice
          ? t('counterInvoice.doneNumber', { invoice: result.commit.invoice.number, number: result.commit.number })
          : t('payment.doneNumber', { number: result.commit.number })}</div>
        <div className="done-paid" data-testid="done-total">{t('payment.donePaid', { total: formatEuro(result.commit.dueCents) })}</div>
        <div className="done-change-label">{t('payment.change')}</div>
        <div className="done-change" data-testid="change-amount">{formatEuro(result.commit.changeCents)}</div>
        {result.commit.roundingCents !== 0 ? <div className="muted">{t('payment.roundingApplied', { amount: formatAmount(result.commit.roundingCents) })}</div> : null}
        <div className="done-actions">
          <KeyButton k="↵" label={t('payment.nextCustomer')} variant="big" onClick={nextCustomer} testId="next-customer" />
          <KeyButton k="F4" label={reprinted ? t('payment.copyQueued') : t('payment.printCopy')} onClick={copy} />
        </div>
        <div className="muted">{t('payment.scanForNext')}</div>
      </div>
      <div className="done-receipt"><ReceiptPreview layout={result.receipt} /></div>
    </div>
  );
}

/**
 * What is left to pay, in big figures: by card (never rounded) and, when it differs, in cash (rounded
 * to 5 cents, DL 50/2017) — the cashier reads the figure for the method the customer chose.
 */
function Remaining({ cashCents, cardCents, changeCents }: { cashCents: number; cardCents: number; changeCents: number }) {
  const { t } = useTranslation();
  if (cashCents === 0 && cardCents === 0) {
    return (
      <div className="pay-remaining" data-testid="remaining">
        <div className="pay-remaining-label">{t('payment.change')}</div>
        <Money cents={changeCents} className="due-amount" />
      </div>
    );
  }
  return (
    <div className="pay-remaining owing" data-testid="remaining">
      <div className="pay-remaining-label">{t('payment.remaining')}</div>
      <Money cents={cardCents} className="due-amount" />
      {cashCents !== cardCents ? (
        <div className="pay-remaining-cash" data-testid="remaining-cash"><span>{t('payment.remainingCash')}</span> <Money cents={cashCents} /></div>
      ) : null}
    </div>
  );
}

export function PaymentScreen() {
  const { t } = useTranslation();
  const payments = usePayment((s) => s.payments);
  const lotteryCode = usePayment((s) => s.lotteryCode);
  const lotteryError = usePayment((s) => s.lotteryError);
  const error = usePayment((s) => s.error);
  const committing = usePayment((s) => s.committing);
  const result = usePayment((s) => s.result);
  const card = usePayment((s) => s.card);
  const lines = useSale((s) => s.lines);
  const invoiceTo = useSale((s) => s.invoiceTo);
  const pay = usePayment.getState();
  const [tendered, setTendered] = useState('');
  const [lotteryText, setLotteryText] = useState(lotteryCode);
  const [vouchers, setVouchers] = useState(false);
  const cashRef = useRef<HTMLInputElement>(null);
  const lotteryRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (lines.length === 0 && !result && !committing) navigate('sale');
  }, [lines.length, result, committing]);
  useEffect(() => { if (!vouchers && !card) cashRef.current?.focus(); }, [vouchers, card]);

  const back = () => navigate('sale');
  const submitCash = (e: FormEvent) => {
    e.preventDefault();
    const text = tendered.trim();
    const cents = text === '' ? null : parseAmount(text);
    if (text !== '' && (cents === null || cents <= 0)) {
      usePayment.setState({ error: localError('CASH_AMOUNT_INVALID', 'payment.errors.cashAmountInvalid', { field: 'cash' }) });
      return;
    }
    setTendered('');
    void pay.payCash(cents);
  };
  const applyLottery = () => {
    if (pay.setLotteryCode(lotteryText)) setLotteryText(usePayment.getState().lotteryCode);
  };

  useKeys({
    F2: () => { cashRef.current?.focus(); },
    F3: () => { pay.startCard(); },
    F4: () => { setVouchers(true); },
    'Shift+F3': () => { lotteryRef.current?.focus(); },
    Escape: () => back(),
  }, { enabled: !result && !vouchers && !card });

  if (result) return <Done />;
  if (lines.length === 0) return null;
  // Recomputed on every render from the cart and payments (cheap, and always in step).
  const summary = pay.summary();
  const canLottery = lotteryAllowed(summary.totalCents, payments);
  return (
    <div className="payment-screen" data-testid="payment-screen">
      <section className="pay-summary">
        <h2 data-testid="payment-title">{invoiceTo ? t('counterInvoice.paymentTitle') : t('payment.title')}</h2>
        <InvoiceBanner removable={payments.length === 0 && !committing} />
        <div className="pay-row"><span>{t('sale.total')}</span><Money cents={summary.totalCents} /></div>
        {summary.roundingCents !== 0 ? (
          <div className="pay-row muted" data-testid="pay-rounding"><span>{t('payment.rounding')}</span><span>{formatAmount(summary.roundingCents)}</span></div>
        ) : null}
        <div className="pay-list" data-testid="payments">
          {payments.map((p, i) => (
            <div key={i} className="pay-row pay-item" data-testid="payment-line">
              <span>{t(`payment.method.${p.method}`)}{p.count ? ` × ${p.count}` : ''}</span>
              <span><Money cents={p.amountCents} /> <button type="button" className="btn btn-plain btn-small" onClick={() => pay.removePayment(i)} aria-label={t('payment.remove')} disabled={committing}>✕</button></span>
            </div>
          ))}
        </div>
        <Remaining cashCents={summary.remainingCashCents} cardCents={summary.remainingCardCents} changeCents={summary.changeCents} />
        <ErrorBanner error={card ? null : error} testId="payment-error" />
        <div className="pay-back"><KeyButton k="Esc" label={t('payment.backToSale')} onClick={back} /></div>
      </section>
      <section className="pay-methods">
        <form className="pay-card" onSubmit={submitCash}>
          <label className="field">
            <span><span className="kbd">F2</span> {t('payment.cashTendered')}</span>
            <input ref={cashRef} className="cash-input" value={tendered} inputMode="decimal" placeholder={formatAmount(summary.remainingCashCents)}
              onChange={(e) => setTendered(e.target.value)} data-testid="cash-input" data-scan="dialog" disabled={committing} />
          </label>
          <div className="quick-bills">
            {QUICK_BILLS.map((b) => (
              <button key={b} type="button" className="bill" onClick={() => void pay.payCash(b)} disabled={committing} data-testid={`bill-${b / 100}`}>{formatEuro(b)}</button>
            ))}
          </div>
          <button type="submit" className="btn btn-primary btn-big" disabled={committing} data-testid="pay-cash">
            <span className="kbd">↵</span> <span className="btn-label">{tendered.trim() === '' ? t('payment.exactCash', { amount: formatEuro(summary.remainingCashCents) }) : t('payment.cash')}</span>
          </button>
        </form>
        <div className="pay-card pay-other">
          <KeyButton k="F3" label={t('payment.card')} variant="primary" onClick={() => pay.startCard()} disabled={committing} testId="pay-card" />
          <KeyButton k="F4" label={t('payment.vouchers')} onClick={() => setVouchers(true)} disabled={committing} testId="pay-vouchers" />
        </div>
        <div className="pay-card" data-scan="keep">
          <label className="field">
            <span><span className="kbd">⇧F3</span> {t('payment.lottery')}</span>
            <input ref={lotteryRef} value={lotteryText} maxLength={16} autoComplete="off" data-testid="lottery-input" disabled={!canLottery || committing}
              onChange={(e) => { setLotteryText(e.target.value.toUpperCase()); usePayment.setState({ lotteryError: null }); }}
              onBlur={applyLottery}
              onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); applyLottery(); } }} />
          </label>
          <div className="muted">{canLottery ? t('payment.lotteryHint') : t('payment.lotteryNotAllowed')}</div>
          <FieldError error={lotteryError} testId="lottery-error" />
        </div>
      </section>
      {vouchers ? <VoucherDialog onClose={() => setVouchers(false)} /> : null}
      {card ? <CardDialog key={card.step} /> : null}
    </div>
  );
}
