// The sale's invoice, in sight on the sale and payment screens (issue #13).
import { useTranslation } from 'react-i18next';
import { useSale } from './sale-store.js';

/** «Fattura a: Bar Sport Srl (P.IVA 01234567897)»: this sale gets an invoice, not a receipt. ✕ (or ⇧F1, F2) removes it. */
export function InvoiceBanner({ removable }: { removable: boolean }) {
  const { t } = useTranslation();
  const invoiceTo = useSale((s) => s.invoiceTo);
  if (!invoiceTo) return null;
  return (
    <div className="invoice-banner" role="status" data-testid="invoice-banner">
      <span className="invoice-banner-text" data-testid="invoice-banner-text">{t('counterInvoice.banner', { name: invoiceTo.name, taxId: invoiceTo.taxId })}</span>
      {removable ? (
        <button type="button" className="btn btn-plain btn-small" aria-label={t('counterInvoice.remove')} title={t('counterInvoice.remove')}
          onClick={() => useSale.getState().setInvoiceTo(null)} data-testid="invoice-banner-remove">✕</button>
      ) : null}
    </div>
  );
}
