// Step 2: the drawer counted by denomination; the counted total updates as you type. Blind by
// default (setting eod.blindCount): the expected cash and the variance appear only once the count
// is saved (with the save button or «Avanti», which saves it too).
import { useTranslation } from 'react-i18next';
import { closeBlocked, expectedHidden, piecesValid, useEndOfDay } from './store.js';
import { formatEuro } from '../../../../shared/money.js';
import { romeDateTimeLabel } from '../../../../shared/time.js';
import { CASH_DENOMINATIONS_CENTS, isNote } from '../../../../shared/contract/reports.js';
import { KeyButton } from '../../kit/ui.js';

function DenominationRow({ value }: { value: number }) {
  const { t } = useTranslation();
  const text = useEndOfDay((s) => s.pieces[String(value)] ?? '');
  const ok = piecesValid(text);
  const amount = ok && text.trim() !== '' ? Number(text) * value : 0;
  return (
    <label className={`eod-denom ${ok ? '' : 'bad'}`}>
      <span className="eod-denom-value">{formatEuro(value)}</span>
      <input inputMode="numeric" value={text} aria-label={`${t('endOfDay.count.pieces')} ${formatEuro(value)}`} aria-invalid={!ok}
        onChange={(e) => useEndOfDay.getState().setPieces(value, e.target.value)} data-testid={`pieces-${value}`} />
      <span className="eod-denom-amount num">{ok ? formatEuro(amount) : t('endOfDay.count.invalid')}</span>
    </label>
  );
}

export function CountStep() {
  const { t } = useTranslation();
  const counted = useEndOfDay((s) => s.countedCents());
  const cash = useEndOfDay((s) => s.status?.report.cash);
  const saved = useEndOfDay((s) => s.count);
  const busy = useEndOfDay((s) => s.busy);
  const hidden = useEndOfDay((s) => expectedHidden(s));
  const blocked = useEndOfDay((s) => closeBlocked(s) !== null);
  const expected = cash?.expectedCents ?? 0;
  const variance = counted - expected;
  const verdict = variance === 0 ? t('endOfDay.count.even') : variance > 0 ? t('endOfDay.count.over', { amount: formatEuro(variance) }) : t('endOfDay.count.short', { amount: formatEuro(-variance) });
  if (blocked)
    // After the evening's Z: a count now would be dated on a day that has not begun, and would
    // stand as that day's count (unblinding it) unless redone. The drawer is counted at its closing.
    return (
      <div className="eod-step-body" data-testid="eod-count">
        <h2>{t('endOfDay.count.title')}</h2>
        <div className="notice" data-testid="count-later">{t('endOfDay.count.later')}</div>
      </div>
    );
  return (
    <div className="eod-step-body" data-testid="eod-count">
      <h2>{t('endOfDay.count.title')}</h2>
      <p className="muted">{t('endOfDay.count.hint')}</p>
      <div className="eod-denoms">
        <div className="eod-denom-group">
          <h3>{t('endOfDay.count.notes')}</h3>
          {CASH_DENOMINATIONS_CENTS.filter(isNote).map((d) => <DenominationRow key={d} value={d} />)}
        </div>
        <div className="eod-denom-group">
          <h3>{t('endOfDay.count.coins')}</h3>
          {CASH_DENOMINATIONS_CENTS.filter((d) => !isNote(d)).map((d) => <DenominationRow key={d} value={d} />)}
        </div>
      </div>
      {hidden ? (
        <>
          <div className="eod-count-totals">
            <div><span>{t('endOfDay.count.counted')}</span><strong data-testid="count-counted">{formatEuro(counted)}</strong></div>
          </div>
          <div className="notice" data-testid="count-blind">{t('endOfDay.count.blind')}</div>
        </>
      ) : (
        <>
          <div className="eod-count-totals">
            <div><span>{t('endOfDay.count.counted')}</span><strong data-testid="count-counted">{formatEuro(counted)}</strong></div>
            <div><span>{t('endOfDay.count.expected')}</span><strong data-testid="count-expected">{formatEuro(expected)}</strong></div>
            <div className={variance === 0 ? 'ok' : 'warn'}><span>{t('endOfDay.count.variance')}</span><strong data-testid="count-variance">{formatEuro(variance)}</strong></div>
          </div>
          {cash ? (
            <div className="muted small">{t('endOfDay.count.expectedDetail', {
              float: formatEuro(cash.openingFloatCents), sales: formatEuro(cash.cashSalesCents), refunds: formatEuro(cash.cashRefundsCents),
              in: formatEuro(cash.cashInCents), out: formatEuro(cash.cashOutCents),
            })}</div>
          ) : null}
          <div className={`notice ${variance === 0 ? 'notice-ok' : 'notice-warn'}`} data-testid="count-verdict">{verdict}</div>
        </>
      )}
      <div className="eod-actions">
        <KeyButton variant="primary" label={t('endOfDay.count.save')} onClick={() => void useEndOfDay.getState().saveCount()} disabled={busy} testId="count-save" />
        {saved ? <span className="muted" data-testid="count-saved">{t('endOfDay.count.saved', { time: romeDateTimeLabel(saved.countedAt), variance: formatEuro(saved.varianceCents) })}</span> : null}
      </div>
    </div>
  );
}
