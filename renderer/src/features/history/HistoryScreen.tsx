// History: documents by day with their fiscal status in plain words, filters, detail with receipt
// preview, reprint (COPIA), «Stampa numero AdE», return; for a refused document the explanation of
// what to do (and the refuser's own words, labelled), «Riprova» and «Non trasmettere» (manager);
// its invoice or credit note and their actions (InvoicePanel, issue #13).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHistory, type HistoryFilters } from './store.js';
import { FiscalBadge, SaleMarkChip } from '../../kit/FiscalBadge.js';
import { formatEuro } from '../../../../shared/money.js';
import { romeDateTimeLabel } from '../../../../shared/time.js';
import type { DocumentDetail } from '../../../../shared/contract/documents.js';
import { Dialog, ErrorBanner, FieldError, KeyButton } from '../../kit/ui.js';
import { ReceiptPreview } from '../../kit/ReceiptPreview.js';
import { useApp } from '../../kit/app-store.js';
import { useKeys } from '../../kit/keys.js';
import { getApi } from '../../api/client.js';
import { InvoicePanel } from './InvoicePanel.js';
import { CustomerPicker } from './CustomerPicker.js';
import type { HistoryRow } from '../../../../shared/contract/documents.js';
import './history.css';

const STATUSES: HistoryFilters['status'][] = ['all', 'queued', 'sent', 'ready', 'error', 'cancelled', 'invoice'];
const KINDS: HistoryFilters['kind'][] = ['all', 'sale', 'return', 'void'];

/** What the detail says about the fiscal side beyond the badge: why refused, why waiting, why not sent. */
function FiscalNotice({ detail }: { detail: DocumentDetail }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const parent = detail.document.parent?.number ?? '';
  const p = detail.fiscalProblem;
  if (p) {
    return (
      <div className="notice notice-warn fiscal-notice" data-testid="fiscal-problem" data-kind={p.kind}>
        <p data-testid="fiscal-explanation">{en ? p.explanationEn : p.explanation}</p>
        {p.apiMessage ? <p className="fiscal-api-message" data-testid="fiscal-api-message">{t(`history.refuserWords.${p.source}`, { message: p.apiMessage })}</p> : null}
      </div>
    );
  }
  if (detail.fiscalPhase === 'cancelled' && detail.cancellation) {
    const c = detail.cancellation;
    return (
      <div className="notice fiscal-notice" data-testid="fiscal-cancelled">
        <p>{t('history.cancelledNote')}</p>
        <p>{c.by ? t('history.cancelledBy', { reason: c.reason, who: c.by, when: romeDateTimeLabel(c.at) }) : t('history.cancelledAuto', { reason: c.reason, when: romeDateTimeLabel(c.at) })}</p>
      </div>
    );
  }
  const note: Partial<Record<DocumentDetail['fiscalPhase'], string>> = {
    parent_refused: t('history.phaseNote.parent_refused', { parent }),
    waiting_parent: t('history.phaseNote.waiting_parent', { parent }),
    parent_cancelled: t('history.phaseNote.parent_cancelled', { parent }),
    checking: t('history.phaseNote.checking'),
    by_invoice: t('history.phaseNote.by_invoice'),
  };
  const text = note[detail.fiscalPhase];
  return text ? <div className={`notice fiscal-notice ${detail.fiscalPhase === 'parent_refused' ? 'notice-warn' : ''}`} data-testid="fiscal-note">{text}</div> : null;
}

/** A row's invoice, marked (issue #13): «Fattura 2026/0001», red when the SDI or the service refused it. */
function InvoiceMark({ row }: { row: HistoryRow }) {
  const { t } = useTranslation();
  if (!row.invoiceNumber) return null;
  const bad = row.invoiceState === 'rejected' || row.invoiceState === 'failed';
  return (
    <span className={`chip chip-invoice ${bad ? 'chip-invoice-bad' : ''}`} data-testid="history-invoice-mark" data-state={row.invoiceState ?? ''}>
      {t(row.invoiceKind === 'TD04' ? 'invoiceScreens.rowCreditNote' : 'invoiceScreens.rowInvoice', { number: row.invoiceNumber })}
    </span>
  );
}

function CancelTransmissionDialog() {
  const { t } = useTranslation();
  const d = useHistory((s) => s.cancelDialog);
  const doc = useHistory((s) => s.detail?.document);
  const h = useHistory.getState();
  if (!d || !doc || doc.id !== d.id) return null;
  return (
    <Dialog title={t('history.cancelTitle', { number: doc.number })} onClose={() => h.closeCancel()} testId="cancel-transmission-dialog">
      <p>{doc.kind === 'sale' ? t('history.cancelTextSale') : t('history.cancelText')}</p>
      <label className="field">
        <span>{t('history.cancelReason')}</span>
        <textarea className="cancel-reason" value={d.reason} onChange={(e) => h.setCancelReason(e.target.value)} data-testid="cancel-reason" maxLength={500} />
      </label>
      <FieldError error={d.error} testId="cancel-error" />
      <div className="dialog-actions">
        <KeyButton label={t('common.back')} onClick={() => h.closeCancel()} testId="cancel-back" />
        <KeyButton label={t('history.cancelConfirm')} variant="danger" onClick={() => void h.confirmCancel()} testId="cancel-confirm" />
      </div>
    </Dialog>
  );
}

export function HistoryScreen() {
  const { t } = useTranslation();
  const filters = useHistory((s) => s.filters);
  const rows = useHistory((s) => s.rows);
  const training = useHistory((s) => s.training);
  const total = useHistory((s) => s.total);
  const loading = useHistory((s) => s.loading);
  const error = useHistory((s) => s.error);
  const selectedId = useHistory((s) => s.selectedId);
  const detail = useHistory((s) => s.detail);
  const receipt = useHistory((s) => s.receipt);
  const h = useHistory.getState();
  useEffect(() => {
    void useHistory.getState().load();
    // Fiscal states move on their own (sync): the backend says when, and the list is asked for again.
    return getApi().onEvent((e) => {
      if (e.type === 'connection' ? e.up : e.topics.includes('documents')) void useHistory.getState().load();
    });
  }, []);
  useKeys({ Escape: () => { if (selectedId) h.close(); else return false; } });
  const doc = detail?.document;
  // The returns feature loads the sale (features reach each other only through the app store).
  const toReturns = (ref: string) => useApp.getState().open({ route: 'returns', document: ref });
  return (
    <div className="history-screen" data-testid="history-screen">
      <section className="history-main">
        <div className="filters">
          <label className="field"><span>{t('history.from')}</span><input type="date" value={filters.from} onChange={(e) => h.setFilter('from', e.target.value)} data-testid="filter-from" /></label>
          <label className="field"><span>{t('history.to')}</span><input type="date" value={filters.to} onChange={(e) => h.setFilter('to', e.target.value)} data-testid="filter-to" /></label>
          <label className="field"><span>{t('history.status')}</span>
            <select value={filters.status} onChange={(e) => h.setFilter('status', e.target.value as HistoryFilters['status'])} data-testid="filter-status">
              {STATUSES.map((s) => <option key={s} value={s}>{s === 'all' ? t('history.allStatuses') : t(`fiscal.${s}`)}</option>)}
            </select>
          </label>
          <label className="field"><span>{t('history.kind')}</span>
            <select value={filters.kind} onChange={(e) => h.setFilter('kind', e.target.value as HistoryFilters['kind'])} data-testid="filter-kind">
              {KINDS.map((k) => <option key={k} value={k}>{t(`history.kinds.${k}`)}</option>)}
            </select>
          </label>
          <label className="field grow"><span>{t('history.number')}</span><input value={filters.text} onChange={(e) => h.setFilter('text', e.target.value)} placeholder="0042" data-testid="filter-text" /></label>
        </div>
        <ErrorBanner error={error} onClose={() => h.dismissError()} />
        <div className="doc-table" data-testid="history-table">
          <div className="doc-row doc-headrow">
            <span>{t('history.colNumber')}</span><span>{t('history.colTime')}</span><span>{t('history.colKind')}</span><span className="num">{t('history.colTotal')}</span><span>{t('history.colOperator')}</span><span>{t('history.colFiscal')}</span>
          </div>
          {rows.length === 0 && training.length === 0 ? <div className="muted doc-none">{loading ? t('common.loading') : t('history.none')}</div> : null}
          {rows.map((r) => (
            <div key={r.id} className={`doc-row ${r.id === selectedId ? 'selected' : ''}`} onClick={() => void h.open(r.id)} data-testid="history-row" data-kind={r.kind} data-number={r.number}>
              <span className="mono">{r.number}</span>
              <span>{romeDateTimeLabel(r.createdAt)}</span>
              <span className="doc-kind">{t(`history.kinds.${r.kind}`)}{r.parentNumber ? <span className="muted"> · {r.parentNumber}</span> : null}<SaleMarkChip mark={r.saleMark} /><InvoiceMark row={r} /></span>
              <span className="num">{r.kind === 'sale' ? formatEuro(r.totalCents) : `− ${formatEuro(r.totalCents)}`}</span>
              <span>{r.operatorName ?? '—'}</span>
              <span className="doc-fiscal">
                <FiscalBadge group={r.fiscalGroup} phase={r.fiscalPhase} documentNumber={r.documentNumber} error={r.problem} />
                {r.fiscalGroup === 'error' ? (
                  <button type="button" className="btn btn-small btn-danger" onClick={(e) => { e.stopPropagation(); void h.retry(r.id); }} data-testid="retry">{t('history.retry')}</button>
                ) : null}
              </span>
            </div>
          ))}
          {training.map((r) => (
            <div key={r.id} className="doc-row doc-training" data-testid="history-training-row" data-number={r.number} title={t('history.training.explain')}>
              <span className="mono">{r.number}</span>
              <span>{romeDateTimeLabel(r.createdAt)}</span>
              <span className="doc-kind">{t('history.kinds.sale')}<span className="chip chip-training" data-testid="history-training-mark">{t('history.training.mark')}</span></span>
              <span className="num">{formatEuro(r.totalCents)}</span>
              <span>{r.operatorName ?? '—'}</span>
              <span className="muted">{t('history.training.notSent')}</span>
            </div>
          ))}
        </div>
        <div className="muted">{t('history.count', { count: total })}{training.length > 0 ? ` · ${t('history.training.count', { count: training.length })}` : ''}</div>
      </section>
      <aside className="history-side">
        {doc && detail ? (
          <div className="doc-detail" data-testid="history-detail">
            <div className="doc-detail-head">
              <h2>{t(`history.kinds.${doc.kind}`)} {doc.number}</h2>
              <SaleMarkChip mark={detail.saleMark} />
              <FiscalBadge group={detail.fiscalGroup} phase={detail.fiscalPhase} documentNumber={doc.fiscal?.documentNumber ?? null} />
            </div>
            <FiscalNotice detail={detail} />
            <InvoicePanel detail={detail} />
            <div className="doc-detail-actions">
              {detail.canRetry ? <KeyButton label={t('history.retry')} variant="primary" onClick={() => void h.retry(doc.id)} testId="detail-retry" /> : null}
              {/* Offered where the decision is due (refused, or waiting behind a refused sale); a document
                  merely queued leaves by itself (the command line can still take it out). */}
              {detail.cancelTransmission.allowed && (detail.fiscalPhase === 'refused' || detail.fiscalPhase === 'parent_refused') ? <KeyButton label={t('history.doNotTransmit')} variant="danger" onClick={() => h.openCancel(doc.id)} testId="cancel-transmission" /> : null}
              <KeyButton label={t('history.reprint')} onClick={() => void h.reprint(doc.id)} testId="reprint" />
              <KeyButton label={t('history.printFiscalNumber')} onClick={() => void h.printFiscalNumber(doc.id)} testId="print-fiscal-number" />
              {doc.kind === 'sale' && !detail.voided ? <KeyButton label={t('history.makeReturn')} onClick={() => toReturns(doc.id)} testId="history-return" /> : null}
              <KeyButton k="Esc" label={t('common.close')} onClick={() => h.close()} />
            </div>
            <ReceiptPreview layout={receipt} />
          </div>
        ) : (
          <div className="muted history-hint">{t('history.pickHint')}</div>
        )}
      </aside>
      <CancelTransmissionDialog />
      <CustomerPicker />
    </div>
  );
}
