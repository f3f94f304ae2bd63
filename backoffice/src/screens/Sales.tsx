// «Vendite»: documents across the shop's tills (number, days, till, amount, words in the lines) and
// one document in full: lines, payments, VAT, its AdE state, its returns and voids.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, DocumentSearchResult, DocumentSummary } from '../../../shared/backoffice-api.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { formatQuantity, parseAmount } from '../../../shared/money.js';
import { dayLabel, romeDateTimeLabel } from '../../../shared/time.js';
import { ApiError, download, getJson, localError, qs } from '../api.js';
import { useShop } from '../store.js';
import { ErrorBanner, Field, Money, Section } from '../ui.js';

export function SalesScreen() {
  const { t } = useTranslation();
  const shop = useShop();
  const [f, setF] = useState({ number: '', from: '', to: '', till: '', amount: '', text: '' });
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [result, setResult] = useState<DocumentSearchResult | null>(null);
  const [detail, setDetail] = useState<DocumentDetail | null>(null);
  if (!shop) return null;
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  const query = () => {
    let amount: number | undefined;
    if (f.amount.trim() !== '') {
      const c = parseAmount(f.amount);
      if (c === null) throw localError('REQUEST_INVALID', 'sales.errors.amount', {}, 'amount');
      amount = c;
    }
    if (f.from && f.to && f.to < f.from) throw localError('REQUEST_INVALID', 'sales.errors.order', {}, 'to');
    return qs({ number: f.number.trim(), from: f.from, to: f.to, till: f.till, amount, text: f.text.trim(), limit: 100 });
  };
  const guard = async (fn: () => Promise<void>) => {
    try { setError(null); await fn(); } catch (e) { setError(e instanceof ApiError ? e.info : (e as ErrorInfo)); }
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    void guard(async () => { setDetail(null); setResult(await getJson<DocumentSearchResult>(`/admin/api/shops/${shop.shopId}/documents?${query()}`)); });
  };
  const open = (d: DocumentSummary) => void guard(async () => setDetail(await getJson<DocumentDetail>(`/admin/api/shops/${shop.shopId}/documents/${encodeURIComponent(d.id)}`)));
  const fieldError = (k: string) => (error?.field === k ? error : null);
  const adeState = (s: string | null) => t(`sales.adeState.${s ?? 'none'}`, { defaultValue: s ?? '' });

  const row = (d: DocumentSummary) => (
    <tr key={d.id} data-testid={`doc-${d.number}`}>
      <td><button type="button" className="link" onClick={() => open(d)}>{d.number}</button></td>
      <td>{d.tillCode}</td><td>{t(`sales.kind.${d.kind}`)}</td><td>{romeDateTimeLabel(d.createdAt)}</td>
      <td className="num"><Money cents={d.kind === 'sale' ? d.totalCents : -d.totalCents} /></td><td>{adeState(d.fiscalState)}</td>
    </tr>
  );

  return (
    <div className="screen-body" data-testid="sales">
      <form className="panel toolbar" onSubmit={search}>
        <Field id="sales-number" label={t('sales.number')}><input id="sales-number" value={f.number} onChange={set('number')} /></Field>
        <Field id="sales-text" label={t('sales.text')}><input id="sales-text" value={f.text} onChange={set('text')} /></Field>
        <Field id="sales-amount" label={t('sales.amount')} error={fieldError('amount')}><input id="sales-amount" inputMode="decimal" value={f.amount} onChange={set('amount')} aria-invalid={!!fieldError('amount')} /></Field>
        <Field id="sales-till" label={t('sales.till')}>
          <select id="sales-till" value={f.till} onChange={set('till')}>
            <option value="">{t('report.allTills')}</option>
            {shop.tills.map((x) => <option key={x.tillCode} value={x.tillCode}>{x.tillCode}</option>)}
          </select>
        </Field>
        <Field id="sales-from" label={t('report.from')} error={fieldError('from')}><input id="sales-from" type="date" value={f.from} onChange={set('from')} /></Field>
        <Field id="sales-to" label={t('report.to')} error={fieldError('to')}><input id="sales-to" type="date" value={f.to} onChange={set('to')} /></Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" data-testid="sales-search">{t('sales.search')}</button>
          <button type="button" className="btn" onClick={() => void guard(() => download(`/admin/api/shops/${shop.shopId}/documents.csv?${query()}`, 'documenti.csv'))}>{t('sales.csv')}</button>
        </div>
      </form>
      {error && !['amount', 'from', 'to'].includes(error.field ?? '') ? <ErrorBanner error={error} /> : null}
      {detail ? (
        <Section title={t('sales.detail', { number: detail.number })} testId="sales-detail">
          <p>{detail.tillCode} — {t(`sales.kind.${detail.kind}`)} — {dayLabel(detail.businessDay)} {romeDateTimeLabel(detail.createdAt)} — {t('sales.ade')}: {adeState(detail.fiscal.state)}{detail.fiscal.adeNumber ? ` (${t('sales.adeNumber')} ${detail.fiscal.adeNumber})` : ''}</p>
          <table className="grid">
            <thead><tr><th>{t('sales.description')}</th><th className="num">{t('sales.qty')}</th><th>{t('report.vatCode')}</th><th className="num">{t('sales.total')}</th></tr></thead>
            <tbody>{detail.lines.map((l) => <tr key={l.lineNo}><td>{l.description}</td><td className="num">{formatQuantity(l.quantityMilli)}</td><td>{l.vatCode}</td><td className="num"><Money cents={l.amountCents} /></td></tr>)}</tbody>
            <tfoot><tr className="total"><th colSpan={3}>{t('sales.total')}</th><td className="num"><Money cents={detail.totalCents} /></td></tr></tfoot>
          </table>
          <h3>{t('sales.payments')}</h3>
          <ul>{detail.payments.map((p) => <li key={p.seq}>{t(`report.method.${p.method}`)}: <Money cents={p.appliedCents} /></li>)}</ul>
          <h3>{t('sales.vat')}</h3>
          <ul>{detail.vat.map((v) => <li key={v.vatCode}>{v.vatCode}: <Money cents={v.taxableCents} /> + <Money cents={v.vatCents} /></li>)}</ul>
          {detail.parent ? <p>{t('sales.parent')}: <button type="button" className="link" onClick={() => open(detail.parent!)}>{detail.parent.number}</button></p> : null}
          {detail.related.length > 0 ? (<><h3>{t('sales.related')}</h3><table className="grid"><tbody>{detail.related.map(row)}</tbody></table></>) : null}
          <button type="button" className="btn" onClick={() => setDetail(null)}>{t('sales.back')}</button>
        </Section>
      ) : result ? (
        <Section title={t('sales.title')} testId="sales-results">
          {result.documents.length === 0 ? <p className="muted">{t('sales.none')}</p> : (
            <table className="grid">
              <thead><tr><th>{t('sales.number')}</th><th>{t('sales.till')}</th><th /><th>{t('sales.day')}</th><th className="num">{t('sales.total')}</th><th>{t('sales.ade')}</th></tr></thead>
              <tbody>{result.documents.map(row)}</tbody>
            </table>
          )}
          {result.more ? <p className="muted">{t('sales.more')}</p> : null}
        </Section>
      ) : null}
    </div>
  );
}
