// Payment: cash with tendered amount and quick bills, card, meal vouchers, split, lottery code;
// then the change, the receipt preview, and Enter for the next customer.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePayment } from './store.js';
import { useSale } from '../sale/store.js';
import { formatAmount, formatEuro, parseAmount } from '../../../../shared/money.js';
import { useKeys } from '../../app/keys.js';
import { Dialog, ErrorBanner, FieldError, KeyButton, Money } from '../../app/ui.js';
import { useApp } from '../../app/store.js';
import { ReceiptPreview } from '../receipt/ReceiptPreview.js';
import { getApi } from '../../api/client.js';
import { lotteryAllowed } from '../../../../shared/contract/cart.js';
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
        <label className="field"><span>{t('payment.voucherCount')}</span><input value={count} inputMode="numeric" onChange={(e) => setCount(e.target.value.replace(/\D/g, ''))} /></label>
        <label className="field"><span>{t('payment.voucherAmount')}</span><input value={amount} inputMode="decimal" onChange={(e) => setAmount(e.target.value)} /></label>
        {invalid ? <div className="field-error" role="alert">{t('entry.invalid')}</div> : null}
        <div className="dialog-actions">
          <button type="button" className="btn btn-plain" onClick={onClose}><span className="kbd">Esc</span> {t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary"><span className="kbd">↵</span> {t('common.ok')}</button>
        </div>
      </form>
    </Dialog>
  );
}

function Done() {
  const { t } = useTranslation();
  const result = usePayment((s) => s.result)!;
  const [reprinted, setReprinted] = useState(false);
  const next = () => {
    usePayment.getState().nextCustomer();
    useApp.getState().navigate('sale');
  };
  useKeys({ Enter: next, F1: next, Escape: next, F4: () => { void getApi().call('documents.reprint', { id: result.commit.id }).then((r) => setReprinted(r.ok)); } });
  return (
    <div className="payment-done" data-testid="payment-done">
      <div className="done-panel">
        <div className="done-check">✓</div>
        <div className="muted">{t('payment.doneNumber', { number: result.commit.number })}</div>
        <div className="done-change-label">{t('payment.change')}</div>
        <div className="done-change" data-testid="change-amount">{formatEuro(result.commit.changeCents)}</div>
        {result.commit.roundingCents !== 0 ? <div className="muted">{t('payment.roundingApplied', { amount: formatAmount(result.commit.roundingCents) })}</div> : null}
        <div className="done-actions">
          <KeyButton k="↵" label={t('payment.nextCustomer')} variant="big" onClick={next} testId="next-customer" />
          <KeyButton k="F4" label={reprinted ? t('payment.copyQueued') : t('payment.printCopy')} onClick={() => { void getApi().call('documents.reprint', { id: result.commit.id }).then((r) => setReprinted(r.ok)); }} />
        </div>
      </div>
      <div className="done-receipt"><ReceiptPreview layout={result.receipt} /></div>
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
  const lines = useSale((s) => s.lines);
  const pay = usePayment.getState();
  const [tendered, setTendered] = useState('');
  const [lotteryText, setLotteryText] = useState(lotteryCode);
  const [vouchers, setVouchers] = useState(false);
  const cashRef = useRef<HTMLInputElement>(null);
  const lotteryRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (lines.length === 0 && !result) useApp.getState().navigate('sale');
  }, [lines.length, result]);
  useEffect(() => { if (!vouchers) cashRef.current?.focus(); }, [vouchers]);

  const back = () => useApp.getState().navigate('sale');
  const submitCash = (e: FormEvent) => {
    e.preventDefault();
    const text = tendered.trim();
    const cents = text === '' ? null : parseAmount(text);
    if (text !== '' && (cents === null || cents <= 0)) return;
    setTendered('');
    void pay.payCash(cents);
  };
  const applyLottery = () => {
    if (pay.setLotteryCode(lotteryText)) setLotteryText(usePayment.getState().lotteryCode);
  };

  useKeys({
    F2: () => { cashRef.current?.focus(); },
    F3: () => { void pay.payElectronicRemaining(); },
    F4: () => { setVouchers(true); },
    'Shift+F3': () => { lotteryRef.current?.focus(); },
    Escape: () => back(),
  }, { enabled: !result && !vouchers });

  if (result) return <Done />;
  if (lines.length === 0) return null;
  // Recomputed on every render from the cart and payments (cheap, and always in step).
  const summary = pay.summary();
  const canLottery = lotteryAllowed(summary.totalCents, payments);
  return (
    <div className="payment-screen" data-testid="payment-screen">
      <section className="pay-summary">
        <h2>{t('payment.title')}</h2>
        <div className="pay-row"><span>{t('sale.total')}</span><Money cents={summary.totalCents} /></div>
        {summary.roundingCents !== 0 ? (
          <div className="pay-row muted" data-testid="pay-rounding"><span>{t('payment.rounding')}</span><span>{formatAmount(summary.roundingCents)}</span></div>
        ) : null}
        <div className="pay-row pay-due"><span>{t('payment.due')}</span><Money cents={summary.dueCents} className="due-amount" /></div>
        <div className="pay-list" data-testid="payments">
          {payments.map((p, i) => (
            <div key={i} className="pay-row pay-item">
              <span>{t(`payment.method.${p.method}`)}{p.count ? ` × ${p.count}` : ''}</span>
              <span><Money cents={p.amountCents} /> <button type="button" className="btn btn-plain btn-small" onClick={() => pay.removePayment(i)} aria-label={t('payment.remove')}>✕</button></span>
            </div>
          ))}
        </div>
        <div className={`pay-row pay-remaining ${summary.remainingCents > 0 ? 'owing' : ''}`} data-testid="remaining">
          <span>{summary.remainingCents > 0 ? t('payment.remaining') : t('payment.change')}</span>
          <Money cents={summary.remainingCents > 0 ? summary.remainingCents : summary.changeCents} />
        </div>
        <ErrorBanner error={error} testId="payment-error" />
        <div className="pay-back"><KeyButton k="Esc" label={t('payment.backToSale')} onClick={back} /></div>
      </section>
      <section className="pay-methods">
        <form className="pay-card" onSubmit={submitCash}>
          <label className="field">
            <span><span className="kbd">F2</span> {t('payment.cashTendered')}</span>
            <input ref={cashRef} className="cash-input" value={tendered} inputMode="decimal" placeholder={formatAmount(summary.remainingCents)}
              onChange={(e) => setTendered(e.target.value)} data-testid="cash-input" disabled={committing} />
          </label>
          <div className="quick-bills">
            {QUICK_BILLS.map((b) => (
              <button key={b} type="button" className="bill" onClick={() => void pay.payCash(b)} disabled={committing} data-testid={`bill-${b / 100}`}>{formatEuro(b)}</button>
            ))}
          </div>
          <button type="submit" className="btn btn-primary btn-big" disabled={committing} data-testid="pay-cash">
            <span className="kbd">↵</span> {tendered.trim() === '' ? t('payment.exactCash') : t('payment.cash')}
          </button>
        </form>
        <div className="pay-card pay-other">
          <KeyButton k="F3" label={t('payment.card')} variant="primary" onClick={() => void pay.payElectronicRemaining()} disabled={committing} testId="pay-card" />
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
    </div>
  );
}
