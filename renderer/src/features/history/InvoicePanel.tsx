// The history detail's invoice part (issue #13): the document's invoice or credit note with where its
// sending stands in the shop's words (the backend's label), the SDI's errors with what to fix, and the
// actions that make sense: «Fattura» (F4) for a receipted sale not yet invoiced, «Nota di credito» (F4)
// for a refund of an invoiced sale, «Riprova» for an invoice the service refused and «Riemetti
// corretta» for one the SDI rejected (manager), the courtesy copy (PDF A4) of any.
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../../shared/contract/documents.js';
import type { InvoiceOut } from '../../../../shared/contract/invoices.js';
import { dayLabel } from '../../../../shared/time.js';
import { KeyButton } from '../../kit/ui.js';
import { useKeys } from '../../kit/keys.js';
import { useInvoicePick } from './invoice-store.js';

/** Tone of the invoice's notice: what needs someone's attention is amber or red. */
function tone(state: InvoiceOut['sending']['state']): string {
  if (state === 'rejected' || state === 'failed') return 'notice-warn invoice-bad';
  if (state === 'not_delivered') return 'notice-warn';
  if (state === 'delivered') return 'notice-ok';
  return '';
}

function InvoiceNotice({ invoice }: { invoice: InvoiceOut }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const s = invoice.sending;
  const label = en ? s.labelEn : s.label;
  const saved = useInvoicePick((p) => p.saved);
  return (
    <div className={`notice invoice-notice ${tone(s.state)}`} data-testid="invoice-notice" data-state={s.state}>
      <p className="invoice-title" data-testid="invoice-title">
        <strong>{t(invoice.kind === 'TD01' ? 'invoiceScreens.invoiceTitle' : 'invoiceScreens.creditNoteTitle', { number: invoice.number, state: label })}</strong>
      </p>
      <p data-testid="invoice-customer">{t('invoiceScreens.customerDate', { customer: invoice.customer.name, date: dayLabel(invoice.date) })}</p>
      {invoice.atSale ? <p className="muted">{t('invoiceScreens.atSale')}</p> : null}
      {invoice.receipt ? <p className="muted">{t('invoiceScreens.cites', { number: invoice.receipt.number })}</p> : null}
      {invoice.corrects ? <p className="muted">{t('invoiceScreens.corrects', { number: invoice.corrects.number, date: dayLabel(invoice.corrects.date) })}</p> : null}
      {invoice.replaces ? <p className="muted">{t('invoiceScreens.replaces', { number: invoice.replaces.number })}</p> : null}
      {s.sdiErrors.length > 0 ? (
        <ul className="invoice-sdi-errors" data-testid="invoice-sdi-errors">
          {s.sdiErrors.map((e, i) => {
            const advice = en ? e.adviceEn : e.advice;
            return (
              <li key={i} data-testid="invoice-sdi-error" data-code={e.code}>
                <span>{t('invoiceScreens.sdiError', { code: e.code, message: e.message })}</span>
                {advice ? <span className="invoice-advice" data-testid="invoice-sdi-advice">{t('invoiceScreens.sdiAdvice', { advice })}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {s.state === 'failed' && s.lastError ? <p className="fiscal-api-message" data-testid="invoice-service-words">{t('invoiceScreens.serviceWords', { message: s.lastError })}</p> : null}
      <div className="doc-detail-actions">
        {s.canRetry ? <KeyButton label={t('invoiceScreens.retry')} variant="primary" onClick={() => void useInvoicePick.getState().retry(invoice.id)} testId="invoice-retry" /> : null}
        {/* The customer's data as the book holds them now: corrected in «Clienti» first, as the SDI's advice says. */}
        {s.canReissue ? <KeyButton label={t('invoiceScreens.reissue')} variant="primary" onClick={() => void useInvoicePick.getState().reissue(invoice.id)} testId="invoice-reissue" /> : null}
        <KeyButton label={t('invoiceScreens.courtesyCopy')} onClick={() => void useInvoicePick.getState().courtesyCopy(invoice.id)} testId="invoice-pdf" />
      </div>
      {saved ? <p className="muted" data-testid="invoice-pdf-saved">{t('invoiceScreens.courtesySaved', { file: saved })}</p> : null}
    </div>
  );
}

/** Whether «Fattura» makes sense: a sale not invoiced, not voided nor returned in full (the backend refuses otherwise, in words). */
function canInvoice(detail: DocumentDetail): boolean {
  return detail.document.kind === 'sale' && detail.invoice === null && !detail.voided && detail.saleMark !== 'returned_full';
}

export function InvoicePanel({ detail }: { detail: DocumentDetail }) {
  const { t } = useTranslation();
  const doc = detail.document;
  const invoiceable = canInvoice(detail);
  const creditNoteDue = doc.kind !== 'sale' && detail.invoice === null && detail.saleInvoice !== null;
  const makeInvoice = () => useInvoicePick.getState().openFor({ id: doc.id, number: doc.number });
  const makeCreditNote = () => void useInvoicePick.getState().creditNote(doc.id);
  useKeys({
    F4: () => {
      if (invoiceable) makeInvoice();
      else if (creditNoteDue) makeCreditNote();
      else return false;
    },
  });
  if (detail.invoice) return <InvoiceNotice invoice={detail.invoice} />;
  if (creditNoteDue) {
    return (
      <div className="notice notice-warn invoice-notice" data-testid="credit-note-due">
        <p>{t('invoiceScreens.creditNoteDue', { sale: doc.parent?.number ?? '', number: detail.saleInvoice!.number })}</p>
        <div className="doc-detail-actions">
          <KeyButton k="F4" label={t('invoiceScreens.makeCreditNote')} variant="primary" onClick={makeCreditNote} testId="make-credit-note" />
        </div>
      </div>
    );
  }
  if (invoiceable) {
    return (
      <div className="doc-detail-actions">
        <KeyButton k="F4" label={t('invoiceScreens.makeInvoice')} onClick={makeInvoice} testId="make-invoice" />
      </div>
    );
  }
  return null;
}
