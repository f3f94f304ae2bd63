// «Riconciliazione pagamenti» (issue #13, Sibill's use case): a day's electronic payments per
// document with the identifier printed on the receipt and written in the invoice, their total beside
// the X reading's electronic figure, and the CSV of `bancone reconciliation export` to download.
// Keyboard first: the day field has the focus, Enter shows the day, F2 downloads the CSV.
import { useEffect, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useReconciliation } from './store.js';
import { formatEuro } from '../../../../shared/money.js';
import { dayLabel } from '../../../../shared/time.js';
import { ErrorBanner, KeyButton } from '../../kit/ui.js';
import { useKeys } from '../../kit/keys.js';
import './reconciliation.css';

export function ReconciliationScreen() {
  const { t } = useTranslation();
  const date = useReconciliation((s) => s.date);
  const day = useReconciliation((s) => s.day);
  const error = useReconciliation((s) => s.error);
  const busy = useReconciliation((s) => s.busy);
  const saved = useReconciliation((s) => s.saved);
  const r = useReconciliation.getState();
  const field = useRef<HTMLInputElement>(null);
  // The X's day (the backend's clock) at first; the day last shown when coming back.
  useEffect(() => { void useReconciliation.getState().load(useReconciliation.getState().date || undefined); field.current?.focus(); }, []);
  const canDownload = day !== null && day.rows.length > 0;
  useKeys({ F2: () => { if (canDownload) void r.downloadCsv(); } });
  const submit = (e: FormEvent) => { e.preventDefault(); if (date) void r.load(date); };
  const agrees = day !== null && day.totalCents === day.reportElectronicCents;
  return (
    <div className="reconciliation-screen" data-testid="reconciliation-screen">
      <form className="reconciliation-bar" onSubmit={submit} data-scan="keep">
        <h1>{t('reconciliation.title')}</h1>
        <label className="field">
          <span>{t('reconciliation.day')}</span>
          <input ref={field} type="date" value={date} onChange={(e) => r.setDate(e.target.value)} data-testid="reconciliation-date" required />
        </label>
        <button type="submit" className="btn" disabled={busy || !date} data-testid="reconciliation-show">{t('reconciliation.show')}</button>
        <KeyButton k="F2" label={t('reconciliation.download')} onClick={() => void r.downloadCsv()} disabled={!canDownload} testId="reconciliation-download" />
      </form>
      <p className="muted small">{t('reconciliation.hint')}</p>
      <ErrorBanner error={error} />
      <div className="reconciliation-table">
        <table>
          <thead>
            <tr>
              <th>{t('reconciliation.columns.identifier')}</th><th>{t('reconciliation.columns.document')}</th><th>{t('reconciliation.columns.invoice')}</th>
              <th>{t('reconciliation.columns.method')}</th><th className="num">{t('reconciliation.columns.amount')}</th><th>{t('reconciliation.columns.time')}</th>
            </tr>
          </thead>
          <tbody>
            {(day?.rows ?? []).map((x) => (
              <tr key={`${x.number}-${x.timeUtc}-${x.amountCents}`} data-testid="reconciliation-row">
                <td className="mono">{x.identifier}</td>
                <td>{t(`reconciliation.kind.${x.kind}`)} {x.number}{x.parentNumber ? ` (${t('reconciliation.of', { number: x.parentNumber })})` : ''}</td>
                <td>{x.invoiceNumber ?? ''}</td>
                <td>{t('reconciliation.electronic')}</td>
                <td className={`num ${x.amountCents < 0 ? 'neg' : ''}`}>{formatEuro(x.amountCents)}</td>
                <td>{x.timeRome.slice(11, 16)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {day && day.rows.length === 0 ? <p className="muted empty" data-testid="reconciliation-empty">{t('reconciliation.empty', { day: dayLabel(day.date) })}</p> : null}
      </div>
      {day ? (
        <div className="reconciliation-totals" data-testid="reconciliation-totals">
          <span>{t('reconciliation.total', { count: day.rows.length, day: dayLabel(day.date) })} <strong data-testid="reconciliation-total">{formatEuro(day.totalCents)}</strong></span>
          <span className={agrees ? 'ok' : 'warn'} data-testid="reconciliation-check">
            {agrees ? t('reconciliation.agrees', { amount: formatEuro(day.reportElectronicCents) }) : t('reconciliation.differs', { amount: formatEuro(day.reportElectronicCents) })}
          </span>
          {saved ? <span className="muted" role="status" data-testid="reconciliation-saved">{t('reconciliation.saved', { file: saved })}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
