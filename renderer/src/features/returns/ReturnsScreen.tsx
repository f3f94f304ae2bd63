// Returns: find the sale (number, scan its receipt QR, or from history), pick lines and
// quantities, refund method, reason. A void while the 24 h window allows it; otherwise the reason
// is shown and a full return is offered.
import { useEffect, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturns } from './store.js';
import { formatAmount, formatEuro, formatQuantity, parseQuantity } from '../../../../shared/money.js';
import { romeDateTimeLabel } from '../../../../shared/time.js';
import { useKeys } from '../../kit/keys.js';
import { ErrorBanner, KeyButton, Money, useErrorText } from '../../kit/ui.js';
import { ReceiptPreview } from '../../kit/ReceiptPreview.js';
import { FiscalBadge } from '../../kit/FiscalBadge.js';
import { useApp } from '../../kit/app-store.js';
import './returns.css';

function Result() {
  const { t } = useTranslation();
  const result = useReturns((s) => s.result)!;
  const done = () => { useReturns.getState().reset(); };
  useKeys({ Enter: done, Escape: done });
  return (
    <div className="returns-done" data-testid="returns-done">
      <div className="done-panel">
        <div className="done-check">✓</div>
        <h2>{result.commit.kind === 'void' ? t('returns.voidDone', { number: result.commit.number }) : t('returns.returnDone', { number: result.commit.number })}</h2>
        <div className="done-change-label">{t('returns.refunded')}</div>
        <div className="done-change" data-testid="refund-amount">{formatEuro(result.commit.dueCents)}</div>
        <div className="done-actions">
          <KeyButton k="↵" label={t('returns.another')} variant="big" onClick={done} />
          <KeyButton k="F6" label={t('nav.history')} onClick={() => { done(); useApp.getState().navigate('history'); }} />
        </div>
      </div>
      <div className="done-receipt"><ReceiptPreview layout={result.receipt} /></div>
    </div>
  );
}

export function ReturnsScreen() {
  const { t } = useTranslation();
  const errText = useErrorText();
  const d = useReturns((s) => s.detail);
  const ref = useReturns((s) => s.ref);
  const quantities = useReturns((s) => s.quantities);
  const refundMethod = useReturns((s) => s.refundMethod);
  const reason = useReturns((s) => s.reason);
  const busy = useReturns((s) => s.busy);
  const error = useReturns((s) => s.error);
  const result = useReturns((s) => s.result);
  // Read from the quantities and the sale above (the screen renders again when either changes).
  const refund = useReturns((s) => s.refundCents());
  const needsManager = useReturns((s) => s.needsManager());
  const hasLines = useReturns((s) => s.hasLines());
  const s = useReturns.getState();
  const refInput = useRef<HTMLInputElement>(null);
  useEffect(() => { if (!d) refInput.current?.focus(); }, [d]);
  useKeys({ F2: () => { s.selectAll(); }, Escape: () => { if (d) s.reset(); else return false; } }, { enabled: !result });
  if (result) return <Result />;
  const submitRef = (e: FormEvent) => { e.preventDefault(); void s.load(); };
  return (
    <div className="returns-screen" data-testid="returns-screen">
      <section className="returns-main">
        <form className="returns-find" onSubmit={submitRef} data-scan="keep">
          <label className="field grow">
            <span>{t('returns.findLabel')}</span>
            <input ref={refInput} value={ref} onChange={(e) => s.setRef(e.target.value)} placeholder={t('returns.findPlaceholder')} data-testid="return-ref" autoComplete="off" />
          </label>
          <button type="submit" className="btn btn-primary" data-testid="return-find"><span className="kbd">↵</span> {t('returns.find')}</button>
        </form>
        <ErrorBanner error={error} testId="returns-error" />
        {d ? (
          <div className="returns-sale" data-testid="return-sale">
            <div className="returns-head">
              <div>
                <h2>{t('returns.saleTitle', { number: d.document.number })}</h2>
                <div className="muted">{romeDateTimeLabel(d.document.createdAt)} · {formatEuro(d.document.totalCents)}</div>
              </div>
              <FiscalBadge group={d.fiscalGroup} documentNumber={d.document.fiscal?.documentNumber ?? null} />
            </div>
            {d.voided ? <div className="notice">{t('returns.alreadyVoided')}</div> : null}
            <div className="rt-table">
              <div className="rt-row rt-headrow">
                <span>{t('sale.col.description')}</span><span className="num">{t('returns.sold')}</span><span className="num">{t('returns.returnable')}</span><span className="num">{t('returns.toReturn')}</span><span className="num">{t('sale.col.amount')}</span>
              </div>
              {d.document.lines.map((l) => {
                const left = d.returnable.find((r) => r.lineNo === l.lineNo)?.quantityMilli ?? 0;
                const qty = quantities[l.lineNo] ?? 0;
                return (
                  <div key={l.lineNo} className={`rt-row ${left === 0 ? 'rt-done' : ''}`} data-testid="return-line">
                    <span>{l.description}</span>
                    <span className="num">{formatQuantity(l.quantityMilli)}</span>
                    <span className="num">{formatQuantity(left)}</span>
                    <span className="num">
                      <input className="qty-input" inputMode="decimal" disabled={left === 0} value={qty === 0 ? '' : formatQuantity(qty)} placeholder="0"
                        aria-label={t('returns.toReturnOf', { name: l.description })} data-testid="return-qty"
                        onChange={(e) => { const q = e.target.value.trim() === '' ? 0 : parseQuantity(e.target.value); if (q !== null) s.setQuantity(l.lineNo, q); }} />
                    </span>
                    <span className="num">{formatAmount(l.amountCents)}</span>
                  </div>
                );
              })}
            </div>
            <div className="returns-options">
              <fieldset className="segmented-field">
                <legend>{t('returns.refundMethod')}</legend>
                <div className="segmented">
                  <button type="button" className={refundMethod === 'cash' ? 'on' : ''} onClick={() => s.setRefundMethod('cash')}>{t('payment.method.cash')}</button>
                  <button type="button" className={refundMethod === 'electronic' ? 'on' : ''} onClick={() => s.setRefundMethod('electronic')}>{t('payment.method.electronic')}</button>
                </div>
              </fieldset>
              <label className="field grow"><span>{t('returns.reason')}</span><input value={reason} onChange={(e) => s.setReason(e.target.value)} maxLength={200} data-testid="return-reason" /></label>
            </div>
            <div className="returns-actions">
              <KeyButton k="F2" label={t('returns.all')} onClick={() => s.selectAll()} disabled={d.voided} />
              <div className="refund-total">{t('returns.refundTotal')} <Money cents={refund} /></div>
              {needsManager ? <span className="tag tag-warn">{t('returns.needsManager')}</span> : null}
              <KeyButton label={t('returns.doReturn')} variant="primary" onClick={() => void s.submitReturn()} disabled={busy || !hasLines} testId="do-return" />
            </div>
            {!d.voided && d.children.length === 0 ? (
              <div className="void-box">
                {d.voidBlocker ? (
                  <>
                    <div className="notice notice-warn" data-testid="void-blocker">{errText({ code: d.voidBlocker.code, message: d.voidBlocker.message, message_en: d.voidBlocker.messageEn })}</div>
                    <KeyButton label={t('returns.fullReturn')} onClick={() => { s.selectAll(); if (!reason) s.setReason(t('returns.fullReturnReason')); }} />
                  </>
                ) : (
                  <>
                    <div className="muted">{t('returns.voidHint')}</div>
                    <KeyButton label={t('returns.doVoid')} variant="danger" onClick={() => void s.submitVoid()} disabled={busy} testId="do-void" />
                  </>
                )}
              </div>
            ) : null}
          </div>
        ) : (
          <div className="returns-empty muted">{t('returns.emptyHint')}</div>
        )}
      </section>
    </div>
  );
}
