// Settings «Fatturazione elettronica» (issue #13): the service the shop already uses (none, Openapi,
// Fattura Elettronica API, Fattura24) with a line on each, its address (the public one, or another,
// as the Openapi section offers), its credential (write-only: settings.setSecret `invoice.credential`),
// Openapi's «Attiva le fatture», the number prefix with the next number, and where the queue stands.
// Saved with the rest of the screen (F2, a manager's); errors are shown on the field they name.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INVOICE_PROVIDER_URLS, INVOICE_PROVIDERS, type InvoiceProviderName } from '../../../../shared/contract/settings.js';
import { FieldError, KeyButton } from '../../kit/ui.js';
import { romeDate } from '../../../../shared/time.js';
import { useSettings } from './store.js';
import { Secret } from './Secret.js';
import { errorOnField, useInvoicing } from './invoicing-store.js';

export function InvoicingSettings() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const view = useSettings((st) => st.view);
  const error = useSettings((st) => st.error);
  useSettings((st) => st.draft);
  const s = useSettings.getState();
  const queue = useInvoicing((st) => st.queue);
  const last = useInvoicing((st) => st.last);
  const authChoice = useInvoicing((st) => st.auth);
  const enable = useInvoicing((st) => st.enable);
  // The example number's year: this screen's clock (the series restarts each year at 0001).
  const year = romeDate(new Date()).slice(0, 4);
  const [customUrl, setCustomUrl] = useState(false);
  // The queue and the series follow what is saved: read again whenever the saved settings change.
  useEffect(() => { void useInvoicing.getState().refresh(); }, [view]);
  const provider = (s.value('invoice.provider') ?? '') as '' | InvoiceProviderName;
  const url = s.value('invoice.providerUrl') ?? '';
  const user = s.value('invoice.providerUser') ?? '';
  const prefix = s.value('invoice.prefix') ?? '';
  const auth = authChoice ?? (user !== '' ? 'basic' : 'bearer');
  const custom = customUrl || url !== '';
  const publicUrl = provider === '' || provider === 'openapi' ? null : INVOICE_PROVIDER_URLS[provider];
  const choose = (p: '' | InvoiceProviderName) => {
    s.set('invoice.provider', p);
    // Another service's address means nothing to this one.
    if (url !== '') s.set('invoice.providerUrl', '');
    setCustomUrl(false);
  };
  const credentialLabel = provider === 'fattura24' ? t('invoiceScreens.apiKey') : auth === 'basic' ? t('invoiceScreens.password') : t('invoiceScreens.token');
  const seq = last === null ? null : last.year === year ? last.seq + 1 : 1;
  const next = seq !== null ? `${prefix}${year}/${String(seq).padStart(4, '0')}` : null;
  return (
    <section className="settings-card" data-testid="settings-invoicing">
      <h2>{t('invoiceScreens.title')}</h2>
      <label className="field"><span>{t('invoiceScreens.provider')}</span>
        <select value={provider} onChange={(e) => choose(e.target.value as '' | InvoiceProviderName)} data-testid="invoice-provider">
          <option value="">{t('invoiceScreens.providers.none')}</option>
          {INVOICE_PROVIDERS.map((p) => <option key={p} value={p}>{t(`invoiceScreens.providers.${p}`)}</option>)}
        </select>
      </label>
      <p className="muted" data-testid="invoice-provider-about">{t(`invoiceScreens.about.${provider === '' ? 'none' : provider}`)}</p>
      <FieldError error={errorOnField(error, 'invoice.provider')} testId="invoice-provider-error" />
      {provider !== '' ? (
        <>
          <label className="field"><span>{t('invoiceScreens.address')}</span>
            <select value={custom ? 'custom' : 'public'} data-testid="invoice-address-choice" onChange={(e) => {
              const c = e.target.value === 'custom';
              setCustomUrl(c);
              if (!c) s.set('invoice.providerUrl', '');
            }}>
              <option value="public">{publicUrl ? t('invoiceScreens.addressPublic', { url: publicUrl }) : t('invoiceScreens.addressReceipts')}</option>
              <option value="custom">{t('invoiceScreens.addressCustom')}</option>
            </select>
          </label>
          {custom ? (
            <label className="field"><span>{t('invoiceScreens.addressCustomField')}</span>
              <input value={url} onChange={(e) => s.set('invoice.providerUrl', e.target.value)} placeholder={publicUrl ?? 'https://'} data-testid="invoice-url"
                aria-invalid={errorOnField(error, 'invoice.providerUrl') !== null} />
            </label>
          ) : null}
          <FieldError error={errorOnField(error, 'invoice.providerUrl')} testId="invoice-url-error" />
        </>
      ) : null}
      {provider === 'fattura-elettronica-api' ? (
        <>
          <label className="field"><span>{t('invoiceScreens.auth')}</span>
            <select value={auth} data-testid="invoice-auth" onChange={(e) => {
              const k = e.target.value as 'basic' | 'bearer';
              useInvoicing.getState().setAuth(k);
              if (k === 'bearer' && user !== '') s.set('invoice.providerUser', '');
            }}>
              <option value="basic">{t('invoiceScreens.authBasic')}</option>
              <option value="bearer">{t('invoiceScreens.authBearer')}</option>
            </select>
          </label>
          {auth === 'basic' ? (
            <label className="field"><span>{t('invoiceScreens.user')}</span>
              <input value={user} onChange={(e) => s.set('invoice.providerUser', e.target.value)} autoComplete="off" data-testid="invoice-user"
                aria-invalid={errorOnField(error, 'invoice.providerUser') !== null} />
            </label>
          ) : null}
          <FieldError error={errorOnField(error, 'invoice.providerUser')} testId="invoice-user-error" />
        </>
      ) : null}
      {provider === 'fattura-elettronica-api' || provider === 'fattura24' ? <Secret name="invoice.credential" label={credentialLabel} /> : null}
      {provider === 'openapi' ? (
        <div className="field">
          <KeyButton label={enable.busy ? t('invoiceScreens.enabling') : t('invoiceScreens.enableOpenapi')} onClick={() => void useInvoicing.getState().enableOpenapi()}
            disabled={enable.busy} testId="invoice-enable-openapi" />
          {enable.message ? <p className="notice" data-testid="invoice-enable-result">{en ? enable.messageEn : enable.message}</p> : null}
          <FieldError error={enable.error} testId="invoice-enable-error" />
        </div>
      ) : null}
      <label className="field"><span>{t('invoiceScreens.prefix')}</span>
        <input value={prefix} onChange={(e) => s.set('invoice.prefix', e.target.value)} maxLength={8} placeholder="A-" data-testid="invoice-prefix"
          aria-invalid={errorOnField(error, 'invoice.prefix') !== null} />
      </label>
      {next ? <span className="muted" data-testid="invoice-next-number">{t('invoiceScreens.nextNumber', { number: next })}</span> : null}
      <FieldError error={errorOnField(error, 'invoice.prefix')} testId="invoice-prefix-error" />
      {queue ? (
        <p className={`notice ${queue.stopped ? 'notice-warn' : 'notice-ok'}`} data-testid="invoice-queue-state" data-code={queue.stopped?.code ?? ''}>
          {queue.stopped ? (en ? queue.stopped.messageEn : queue.stopped.message) : t('invoiceScreens.queueReady')}
        </p>
      ) : null}
    </section>
  );
}
