// «Report»: X (open days), Z (closed days) or a period, for the whole shop or one till, from the
// tills' uploaded rows; beside them the Z each till closed. CSV and PDF of the same report.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopReport } from '../../../shared/backoffice-api.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { formatEuro } from '../../../shared/money.js';
import { dayLabel, isIsoDay, romeDate } from '../../../shared/time.js';
import { ApiError, download, getJson, localError, qs } from '../api.js';
import { useShop } from '../store.js';
import { ErrorBanner, Field, Money, Section } from '../ui.js';

export function ReportScreen() {
  const { t } = useTranslation();
  const shop = useShop();
  const today = romeDate(new Date());
  const [till, setTill] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [data, setData] = useState<ShopReport | null>(null);
  if (!shop) return null;

  const params = () => {
    if (!isIsoDay(from)) throw localError('REQUEST_INVALID', 'report.errors.fromMissing', {}, 'from');
    const end = to === '' ? from : to;
    if (!isIsoDay(end) || end < from) throw localError('REQUEST_INVALID', 'report.errors.order', {}, 'to');
    return qs({ from, to: end, till: till || undefined });
  };
  const run = async (what: 'json' | 'csv' | 'pdf') => {
    try {
      const q = params();
      setError(null);
      const base = `/admin/api/shops/${shop.shopId}/report`;
      if (what === 'json') setData(await getJson<ShopReport>(`${base}?${q}`));
      else await download(`${base}.${what}?${q}`, `report.${what}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.info : (e as ErrorInfo));
    }
  };
  const submit = (e: FormEvent) => { e.preventDefault(); void run('json'); };
  const fieldError = (f: string) => (error?.field === f ? error : null);
  const r = data?.report;

  return (
    <div className="screen-body" data-testid="report">
      <form className="panel toolbar" onSubmit={submit}>
        <Field id="report-till" label={t('report.scope')}>
          <select id="report-till" value={till} onChange={(e) => setTill(e.target.value)}>
            <option value="">{t('report.allTills')}</option>
            {shop.tills.map((x) => <option key={x.tillCode} value={x.tillCode}>{x.tillCode}</option>)}
          </select>
        </Field>
        <Field id="report-from" label={t('report.from')} error={fieldError('from')}>
          <input id="report-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={!!fieldError('from')} />
        </Field>
        <Field id="report-to" label={t('report.to')} error={fieldError('to')}>
          <input id="report-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={!!fieldError('to')} />
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" data-testid="report-show">{t('report.show')}</button>
          <button type="button" className="btn" onClick={() => void run('csv')} data-testid="report-csv">{t('report.csv')}</button>
          <button type="button" className="btn" onClick={() => void run('pdf')} data-testid="report-pdf">{t('report.pdf')}</button>
        </div>
      </form>
      {error && !error.field ? <ErrorBanner error={error} /> : null}
      {r && data ? (
        <div className="report-grid" data-testid="report-result" data-type={r.type}>
          <Section title={`${t(`report.kind.${r.type}`)} — ${r.from === r.to ? dayLabel(r.from) : `${dayLabel(r.from)} – ${dayLabel(r.to)}`}`}>
            <table className="grid figures">
              <tbody>
                <tr><th>{t('report.sales')}</th><td>{t('report.count', { count: r.sales.count })}</td><td className="num"><Money cents={r.sales.totalCents} /></td></tr>
                <tr><th>{t('report.returns')}</th><td>{t('report.count', { count: r.returns.count })}</td><td className="num"><Money cents={-r.returns.totalCents} /></td></tr>
                <tr><th>{t('report.voids')}</th><td>{t('report.count', { count: r.voids.count })}</td><td className="num"><Money cents={-r.voids.totalCents} /></td></tr>
                <tr className="total"><th>{t('report.net')}</th><td /><td className="num" data-testid="report-net"><Money cents={r.netCents} /></td></tr>
              </tbody>
            </table>
            <p className="muted">{t('report.fiscal')}: {t('report.fiscalLine', { ready: r.fiscal.ready, total: r.fiscal.total, pending: r.fiscal.pending, failed: r.fiscal.failed })}</p>
          </Section>
          <Section title={t('report.vat')}>
            <table className="grid">
              <thead><tr><th>{t('report.vatCode')}</th><th className="num">{t('report.gross')}</th><th className="num">{t('report.taxable')}</th><th className="num">{t('report.tax')}</th></tr></thead>
              <tbody>{r.vat.map((v) => <tr key={v.vatCode}><td>{v.vatCode}</td><td className="num"><Money cents={v.net.grossCents} /></td><td className="num"><Money cents={v.net.taxableCents} /></td><td className="num"><Money cents={v.net.vatCents} /></td></tr>)}</tbody>
            </table>
          </Section>
          <Section title={t('report.payments')}>
            <table className="grid">
              <tbody>{r.payments.map((p) => <tr key={p.method}><th>{t(`report.method.${p.method}`)}</th><td className="num"><Money cents={p.netCents} /></td></tr>)}</tbody>
            </table>
          </Section>
          <Section title={t('report.cash')}>
            <table className="grid">
              <tbody>
                <tr><th>{t('report.float')}</th><td className="num"><Money cents={r.cash.openingFloatCents} /></td></tr>
                <tr><th>{t('report.cashIn')}</th><td className="num"><Money cents={r.cash.cashInCents} /></td></tr>
                <tr><th>{t('report.cashOut')}</th><td className="num"><Money cents={-r.cash.cashOutCents} /></td></tr>
                <tr className="total"><th>{t('report.expected')}</th><td className="num"><Money cents={r.cash.expectedCents} /></td></tr>
              </tbody>
            </table>
          </Section>
          {data.closures.length > 0 ? (
            <Section title={t('report.closures')} testId="report-closures">
              <ul>{data.closures.map((z) => <li key={`${z.tillCode} ${z.businessDay}`}>{t('report.zLine', { till: z.tillCode, day: dayLabel(z.businessDay), z: z.zNumber, net: formatEuro(z.netCents) })}</li>)}</ul>
            </Section>
          ) : null}
          {data.openDays.length > 0 ? (
            <Section title={t('report.openDays')} testId="report-open">
              <ul>{data.openDays.map((o) => <li key={`${o.tillCode} ${o.businessDay}`}>{t('report.openLine', { till: o.tillCode, day: dayLabel(o.businessDay) })}</li>)}</ul>
            </Section>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
