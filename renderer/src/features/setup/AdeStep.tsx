// Step 2 «Agenzia delle Entrate (Openapi)»: a. the environment (a custom address sticks) and the token
// (write-only: only its masked hint comes back); b. the company registered with the AdE credentials
// («Registra»: the backend POSTs, or PATCHes when it exists); «Verifica» shows what Openapi holds;
// «Rinnova credenziali» from day 80. Openapi's answers: the advice, then its own words apart.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetup, fieldError, splitAdvice } from './store.js';
import { Dialog, FieldError, useErrorText } from '../../kit/ui.js';
import { dayLabel, romeDate } from '../../../../shared/time.js';
import type { OpenapiEnvironment, VerifyResult } from '../../../../shared/contract/setup.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { getApi } from '../../api/client.js';

const ACCOUNT_FIELDS = ['environment', 'url', 'token'];
const COMPANY_FIELDS = ['email', 'tax_code', 'password', 'pin'];

/** Plain advice, and Openapi's (or the network's) own words as a labelled, smaller detail. */
function Said({ text, kind, testId }: { text: string; kind: 'ok' | 'error' | 'warning'; testId: string }) {
  const { advice, detail } = splitAdvice(text);
  return (
    <div className={`setup-said setup-said-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <div>{advice}</div>
      {detail ? <div className="setup-said-detail" data-testid={`${testId}-detail`}>{detail}</div> : null}
    </div>
  );
}

function Account() {
  const { t } = useTranslation();
  const text = useErrorText();
  const data = useSetup((s) => s.state!.steps.ade.data);
  const busy = useSetup((s) => s.busy);
  const error = useSetup((s) => s.error);
  const { saveOpenapi } = useSetup.getState();
  const [environment, setEnvironment] = useState<OpenapiEnvironment>(data.environment);
  const [url, setUrl] = useState(data.environment === 'custom' ? data.url : '');
  const [token, setToken] = useState('');
  const mine = error && ACCOUNT_FIELDS.includes(error.field ?? '') ? error : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await saveOpenapi({ environment, ...(environment === 'custom' ? { url } : {}), ...(token !== '' ? { token } : {}) });
    if (ok) setToken('');
  };
  return (
    <form className="setup-card" onSubmit={(e) => void submit(e)} data-testid="setup-account" noValidate>
      <h3>{t('setup.ade.account')}</h3>
      <fieldset className="setup-envs">
        <legend>{t('setup.ade.environment')}</legend>
        {(['sandbox', 'production', 'custom'] as const).map((env) => (
          <label key={env} className="setup-env">
            <input type="radio" name="environment" value={env} checked={environment === env} onChange={() => setEnvironment(env)} data-testid={`env-${env}`} />
            {t(`setup.ade.${env}`)}
          </label>
        ))}
      </fieldset>
      {environment === 'custom' ? (
        <>
          <label className="field"><span>{t('setup.ade.url')}</span>
            <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" maxLength={300} data-testid="openapi-url" autoFocus />
          </label>
          <FieldError error={mine?.field === 'url' ? mine : null} testId="openapi-url-error" />
        </>
      ) : null}
      {data.urlFromEnvironment ? <p className="muted small">{t('setup.ade.urlFromEnvironment')}</p> : null}
      <label className="field"><span>{t('setup.ade.token')}</span>
        <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} maxLength={4000} data-testid="openapi-token" placeholder={data.token.set ? data.token.hint ?? '' : ''} autoFocus={environment !== 'custom'} />
      </label>
      <div className="muted field-hint" data-testid="token-state">{data.token.set ? t('setup.ade.tokenSaved', { hint: data.token.hint ?? '' }) : t('setup.ade.tokenNone')}</div>
      {mine && mine.field !== 'url' ? <Said text={text(mine)} kind="error" testId="openapi-token-error" /> : null}
      <div className="setup-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="account-save">{t('setup.ade.saveAccount')} <span className="kbd">↵</span></button>
      </div>
    </form>
  );
}

function RenewDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const error = useSetup((s) => s.error);
  const busy = useSetup((s) => s.busy);
  const { renewCredentials } = useSetup.getState();
  const [taxCode, setTaxCode] = useState('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const on = (f: string) => fieldError({ error, local: {} }, f);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await renewCredentials({ ...(taxCode.trim() !== '' ? { tax_code: taxCode } : {}), password, pin })) onClose();
  };
  return (
    <Dialog title={t('setup.ade.renewTitle')} onClose={onClose} testId="renew-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">{t('setup.ade.renewHint')}</p>
        <label className="field"><span>{t('setup.ade.adeTaxCode')}</span><input value={taxCode} onChange={(e) => setTaxCode(e.target.value.toUpperCase())} maxLength={20} data-testid="renew-tax-code" /></label>
        <FieldError error={on('tax_code')} />
        <label className="field"><span>{t('setup.ade.adePassword')}</span><input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={200} data-testid="renew-password" /></label>
        <FieldError error={on('password')} />
        <label className="field"><span>{t('setup.ade.adePin')}</span><input type="password" autoComplete="off" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} maxLength={50} data-testid="renew-pin" /></label>
        <FieldError error={on('pin')} />
        {error && !COMPANY_FIELDS.includes(error.field ?? '') ? <FieldError error={error} /> : null}
        <div className="setup-actions">
          <button type="button" className="btn btn-plain" onClick={onClose}><span className="kbd">Esc</span> {t('common.back')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="renew-save">{t('setup.ade.renew')} <span className="kbd">↵</span></button>
        </div>
      </form>
    </Dialog>
  );
}

function Verified({ v }: { v: VerifyResult }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const c = v.company;
  const yesNo = (b: boolean | null) => (b === null ? t('setup.ade.remote.none') : b ? t('setup.ade.remote.yes') : t('setup.ade.remote.no'));
  return (
    <div className="setup-card" data-testid="verify-result">
      <h3>{t('setup.ade.verifyTitle')}</h3>
      <Said text={en ? v.message_en : v.message} kind={v.notices.length === 0 && c ? 'ok' : 'warning'} testId="verify-message" />
      {c ? (
        <dl className="setup-remote">
          <dt>{t('setup.ade.remote.fiscalId')}</dt><dd data-testid="remote-fiscal-id">{c.fiscalId}</dd>
          <dt>{t('setup.ade.remote.name')}</dt><dd data-testid="remote-name">{c.name ?? t('setup.ade.remote.none')}</dd>
          <dt>{t('setup.ade.remote.email')}</dt><dd>{c.email ?? t('setup.ade.remote.none')}</dd>
          <dt>{t('setup.ade.remote.receipts')}</dt><dd data-testid="remote-receipts">{yesNo(c.receipts)}</dd>
          <dt>{t('setup.ade.remote.active')}</dt><dd>{yesNo(c.active)}</dd>
          <dt>{t('setup.ade.remote.taxCode')}</dt><dd data-testid="remote-tax-code">{c.taxCodeHint ?? t('setup.ade.remote.none')}</dd>
          <dt>{t('setup.ade.remote.callbacks')}</dt><dd>{c.callbacks.length ? c.callbacks.join(', ') : t('setup.ade.remote.none')}</dd>
        </dl>
      ) : null}
      {v.notices.map((n) => <Said key={n.code} text={en ? n.message_en : n.message} kind="warning" testId="verify-notice" />)}
    </div>
  );
}

function Company() {
  const { t, i18n } = useTranslation();
  const text = useErrorText();
  const en = i18n.language === 'en';
  const ade = useSetup((s) => s.state!.steps.ade);
  const notices = useSetup((s) => s.state!.notices);
  const busy = useSetup((s) => s.busy);
  const error = useSetup((s) => s.error);
  const answer = useSetup((s) => s.answer);
  const verified = useSetup((s) => s.verified);
  const { registerCompany, verify } = useSetup.getState();
  const company = ade.data.company;
  const [email, setEmail] = useState(company?.email ?? '');
  const [taxCode, setTaxCode] = useState('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [renewing, setRenewing] = useState(false);
  const on = (f: string) => fieldError({ error, local: {} }, f);
  if (!ade.data.token.set) return <div className="setup-card muted" data-testid="setup-company">{t('setup.ade.companyFirst')}</div>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await registerCompany({ email, tax_code: taxCode, password, pin })) { setPassword(''); setPin(''); }
  };
  const credentials = company?.credentials ?? null;
  // A refusal naming none of these fields, met while registering (an account not enabled…).
  const general = error && !renewing && !COMPANY_FIELDS.includes(error.field ?? '') && !ACCOUNT_FIELDS.includes(error.field ?? '') ? error : null;
  return (
    <>
    <form className="setup-card" onSubmit={(e) => void submit(e)} data-testid="setup-company" noValidate>
      <h3>{t('setup.ade.company')}</h3>
      {company ? (
        <p data-testid="company-registered">
          {t('setup.ade.registered', { date: dayLabel(romeDate(company.registeredAt)), fiscalId: company.fiscalId })}
          {credentials ? ` ${t('setup.ade.credentialsUntil', { count: credentials.daysLeft, date: dayLabel(romeDate(credentials.expiresAt)) })}` : ''}
        </p>
      ) : null}
      {notices.map((n) => <Said key={n.code} text={en ? n.message_en : n.message} kind="warning" testId="setup-notice" />)}
      {company && credentials && (credentials.warning || credentials.expired) ? (
        <div className="setup-actions"><button type="button" className="btn btn-primary" onClick={() => setRenewing(true)} data-testid="renew-open">{t('setup.ade.renew')}</button></div>
      ) : null}
      <label className="field"><span>{t('setup.ade.email')}</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={200} data-testid="ade-email" disabled={company !== null} />
      </label>
      <FieldError error={renewing ? null : on('email')} testId="ade-email-error" />
      <label className="field"><span>{t('setup.ade.adeTaxCode')}{company ? ` (${t('setup.ade.secretSaved', { hint: company.taxCode.hint ?? '' })})` : ''}</span>
        <input value={taxCode} onChange={(e) => setTaxCode(e.target.value.toUpperCase())} maxLength={20} data-testid="ade-tax-code" autoComplete="off" />
      </label>
      {!renewing && on('tax_code') ? <Said text={text(on('tax_code')!)} kind="error" testId="ade-tax-code-error" /> : null}
      <div className="setup-row">
        <div>
          <label className="field"><span>{t('setup.ade.adePassword')}</span>
            <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={200} data-testid="ade-password" />
          </label>
          {!renewing && on('password') ? <Said text={text(on('password')!)} kind="error" testId="ade-password-error" /> : null}
        </div>
        <div>
          <label className="field"><span>{t('setup.ade.adePin')}</span>
            <input type="password" autoComplete="off" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} maxLength={50} data-testid="ade-pin" />
          </label>
          {!renewing && on('pin') ? <Said text={text(on('pin')!)} kind="error" testId="ade-pin-error" /> : null}
        </div>
      </div>
      {general ? <Said text={text(general)} kind="error" testId="ade-error" /> : null}
      {answer ? <Said text={en ? answer.message_en : answer.message} kind="ok" testId="openapi-answer" /> : null}
      <div className="setup-actions">
        <button type="button" className="btn btn-plain" onClick={() => void verify()} disabled={busy} data-testid="ade-verify">{t('setup.ade.verify')}</button>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="ade-register">{company ? t('setup.ade.registerUpdate') : t('setup.ade.register')} <span className="kbd">↵</span></button>
      </div>
    </form>
    {verified ? <Verified v={verified} /> : null}
    {renewing ? <RenewDialog onClose={() => setRenewing(false)} /> : null}
    </>
  );
}

/**
 * The optional offer, once the company is on Openapi: invoices through the same account (issue #13).
 * setup.enableInvoices turns on customer_invoice and, when no service is chosen yet, makes Openapi the
 * till's invoicing service; Impostazioni «Fatturazione elettronica» can change it later.
 */
function InvoicesOffer() {
  const { t, i18n } = useTranslation();
  const registered = useSetup((s) => s.state!.steps.ade.data.company !== null);
  const [state, setState] = useState<{ busy: boolean; said: string | null; error: ErrorInfo | null }>({ busy: false, said: null, error: null });
  if (!registered) return null;
  const enable = async () => {
    setState({ busy: true, said: null, error: null });
    const r = await getApi().callWithApproval('setup.enableInvoices', {});
    setState(r.ok ? { busy: false, said: i18n.language === 'en' ? r.value.message_en : r.value.message, error: null } : { busy: false, said: null, error: r.error });
  };
  return (
    <div className="setup-card" data-testid="setup-invoices-offer">
      <h3>{t('setup.ade.invoicesTitle')}</h3>
      <p className="muted">{t('setup.ade.invoicesIntro')}</p>
      {state.said ? <Said text={state.said} kind="ok" testId="setup-invoices-result" /> : null}
      <FieldError error={state.error} testId="setup-invoices-error" />
      <div className="setup-actions">
        <button type="button" className="btn btn-plain" onClick={() => void enable()} disabled={state.busy} data-testid="setup-invoices-enable">
          {state.busy ? t('invoiceScreens.enabling') : t('invoiceScreens.enableOpenapi')}
        </button>
      </div>
    </div>
  );
}

/** onBack: to step 1 (Esc); onNext: on, once the step is done. */
export function AdeStep({ onBack, onNext }: { onBack: () => void; onNext: () => void }) {
  const { t } = useTranslation();
  const done = useSetup((s) => s.state!.steps.ade.done);
  return (
    <div className="setup-form" data-testid="setup-ade">
      <h2>{t('setup.steps.ade')}</h2>
      <p className="muted">{t('setup.ade.intro')}</p>
      <Account />
      <Company />
      <InvoicesOffer />
      <div className="setup-actions">
        <button type="button" className="btn btn-plain" onClick={onBack} data-testid="setup-back"><span className="kbd">Esc</span> {t('common.back')}</button>
        {done ? <button type="button" className="btn btn-primary" onClick={onNext} data-testid="setup-next">{t('setup.continue')}</button> : null}
      </div>
    </div>
  );
}
