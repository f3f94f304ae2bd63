// Settings: shop data, sale rules and offline policy, printer (URL, width, model, test print),
// Openapi environment and token, AdE credentials (masked, write-only), e-invoicing (InvoicingSettings,
// issue #13), the shop server (ServerSettings, issue #14), departments, operators, language.
import type { SetupStep } from '../../../../shared/contract/setup.js';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from './store.js';
import { OPENAPI_ENVIRONMENTS, type SettingsValues } from '../../../../shared/contract/settings.js';
import type { VatCode } from '../../../../shared/vat.js';
import { VatOptions, vatShort, useVatMeaning } from '../../kit/vat.js';
import { formatAmount, parseAmount } from '../../../../shared/money.js';
import { ErrorBanner, KeyButton } from '../../kit/ui.js';
import { useKeys } from '../../kit/keys.js';
import { LabelLayoutEditor } from './LabelLayoutEditor.js';
import { Secret } from './Secret.js';
import { InvoicingSettings } from './InvoicingSettings.js';
import { ServerSettings } from './ServerSettings.js';
import { checkInvoicing, isInvoicingFieldError, useInvoicing } from './invoicing-store.js';
import './settings.css';

function Text({ k, label, testId }: { k: keyof SettingsValues; label: string; testId?: string }) {
  const value = useSettings((s) => s.value(k)) as string | undefined;
  return (
    <label className="field"><span>{label}</span>
      <input value={value ?? ''} onChange={(e) => useSettings.getState().set(k, e.target.value as never)} data-testid={testId} />
    </label>
  );
}

function Departments() {
  const { t } = useTranslation();
  const meaning = useVatMeaning();
  const departments = useSettings((s) => s.departments);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [vat, setVat] = useState<VatCode>('22');
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await useSettings.getState().saveDepartment(code, name, vat)) { setCode(''); setName(''); }
  };
  return (
    <section className="settings-card">
      <h2>{t('settings.departments')}</h2>
      <table className="simple-table">
        <thead><tr><th>{t('settings.deptCode')}</th><th>{t('settings.deptName')}</th><th>{t('catalog.vat')}</th></tr></thead>
        <tbody>{departments.map((d) => <tr key={d.id}><td className="mono">{d.code}</td><td>{d.name}</td><td title={meaning(d.vatCode)}>{vatShort(d.vatCode)}</td></tr>)}</tbody>
      </table>
      <form className="inline-form" onSubmit={add}>
        <input placeholder={t('settings.deptCode')} value={code} onChange={(e) => setCode(e.target.value)} />
        <input placeholder={t('settings.deptName')} value={name} onChange={(e) => setName(e.target.value)} />
        <select value={vat} onChange={(e) => setVat(e.target.value as VatCode)} aria-label={t('catalog.vat')}><VatOptions /></select>
        <button type="submit" className="btn btn-plain" disabled={code === '' || name === ''}>{t('settings.addOrUpdate')}</button>
      </form>
    </section>
  );
}

function Operators() {
  const { t } = useTranslation();
  const operators = useSettings((s) => s.operators);
  const [name, setName] = useState('');
  const [role, setRole] = useState<'cashier' | 'manager'>('cashier');
  const [pin, setPin] = useState('');
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await useSettings.getState().saveOperator({ name, role, pin, active: true })) { setName(''); setPin(''); }
  };
  return (
    <section className="settings-card">
      <h2>{t('settings.operators')}</h2>
      {operators === null ? (
        <KeyButton label={t('settings.showOperators')} onClick={() => void useSettings.getState().loadOperators()} />
      ) : (
        <>
          <table className="simple-table">
            <thead><tr><th>{t('login.name')}</th><th>{t('settings.role')}</th><th /></tr></thead>
            <tbody>
              {operators.map((o) => (
                <tr key={o.id} className={o.active ? '' : 'muted'}>
                  <td>{o.name}</td><td>{t(`roles.${o.role}`)}</td>
                  <td><button type="button" className="btn btn-plain btn-small" onClick={() => void useSettings.getState().saveOperator({ id: o.id, name: o.name, role: o.role, active: !o.active })}>{o.active ? t('settings.deactivate') : t('settings.activate')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="inline-form" onSubmit={add}>
            <input placeholder={t('login.name')} value={name} onChange={(e) => setName(e.target.value)} />
            <select value={role} onChange={(e) => setRole(e.target.value as 'cashier' | 'manager')}>
              <option value="cashier">{t('roles.cashier')}</option><option value="manager">{t('roles.manager')}</option>
            </select>
            <input type="password" inputMode="numeric" placeholder={t('login.pin')} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} maxLength={8} />
            <button type="submit" className="btn btn-plain" disabled={name === '' || pin.length < 4}>{t('settings.addOperator')}</button>
          </form>
        </>
      )}
    </section>
  );
}

/**
 * onSaved: what the shell does once the settings are saved (the session, which carries the language,
 * is read again); onGuidedSetup: opens the guided set-up (issue #12), the shell's route.
 */
export function SettingsScreen({ onSaved, onGuidedSetup }: { onSaved: () => Promise<void>; onGuidedSetup?: (step?: SetupStep) => void }) {
  const { t } = useTranslation();
  const view = useSettings((st) => st.view);
  const draft = useSettings((st) => st.draft);
  const error = useSettings((st) => st.error);
  const saved = useSettings((st) => st.saved);
  // s.value(k) reads the draft over the view: both are selected above, so the screen is never stale.
  const s = useSettings.getState();
  const [printed, setPrinted] = useState(false);
  const [customUrl, setCustomUrl] = useState(false);
  useEffect(() => { void useSettings.getState().load(); }, []);
  const save = async () => {
    // What the screen can tell at once (an address that is not one) is said on its field, nothing saved.
    const refused = checkInvoicing(s.value, useInvoicing.getState().auth);
    if (refused) { useSettings.setState({ error: refused, saved: false }); return; }
    // The session carries the language: refreshing it switches the whole till.
    if (await s.save()) await onSaved();
  };
  useKeys({ F2: () => { void save(); } });
  if (!view) return <div className="settings-screen"><ErrorBanner error={error} /></div>;
  const url = s.value('openapi.url') ?? '';
  // «Altro indirizzo» is a choice of its own: it shows the address field (starting from the current
  // address) and stays chosen while the address is typed, even when it still reads like a preset.
  const env = customUrl ? 'custom' : url === OPENAPI_ENVIRONMENTS.test ? 'test' : url === OPENAPI_ENVIRONMENTS.production ? 'production' : 'custom';
  const threshold = s.value('sale.managerReturnThresholdCents') ?? 0;
  const dirty = Object.keys(draft).length > 0;
  return (
    <div className="settings-screen" data-testid="settings-screen">
      <div className="settings-bar">
        <h1>{t('settings.title')}</h1>
        {/* An error naming a field of «Fatturazione elettronica» is shown on that field. */}
        <ErrorBanner error={isInvoicingFieldError(error) ? null : error} onClose={() => useSettings.setState({ error: null })} />
        {saved && !dirty ? <span className="notice notice-ok">{t('settings.saved')}</span> : null}
        {onGuidedSetup ? <KeyButton label={t('setup.open')} title={t('setup.openHint')} onClick={() => onGuidedSetup()} testId="settings-guided-setup" /> : null}
        <KeyButton k="F2" label={t('common.save')} variant="primary" onClick={() => void save()} disabled={!dirty} testId="settings-save" />
      </div>
      <div className="settings-grid">
        <section className="settings-card">
          <h2>{t('settings.shop')}</h2>
          <Text k="shop.name" label={t('settings.shopName')} testId="shop-name" />
          <Text k="shop.vatNumber" label={t('settings.vatNumber')} />
          <label className="field"><span>{t('settings.address')}</span>
            <textarea rows={2} value={(s.value('shop.address') as string) ?? ''} onChange={(e) => s.set('shop.address', e.target.value)} />
          </label>
          <Text k="shop.footer" label={t('settings.footer')} />
        </section>
        <section className="settings-card">
          <h2>{t('settings.sale')}</h2>
          <label className="check"><input type="checkbox" checked={s.value('sale.cashRounding') ?? true} onChange={(e) => s.set('sale.cashRounding', e.target.checked)} /> {t('settings.cashRounding')}</label>
          <label className="check"><input type="checkbox" checked={s.value('eod.blindCount') ?? true} onChange={(e) => s.set('eod.blindCount', e.target.checked)} data-testid="eod-blind-count" /> {t('settings.blindCount')}</label>
          <label className="field"><span>{t('settings.offlinePolicy')}</span>
            <select value={s.value('sale.offlinePolicy')} onChange={(e) => s.set('sale.offlinePolicy', e.target.value as 'queue' | 'refuse')} data-testid="offline-policy">
              <option value="queue">{t('settings.offlineQueue')}</option>
              <option value="refuse">{t('settings.offlineRefuse')}</option>
            </select>
          </label>
          <label className="field"><span>{t('settings.returnThreshold')}</span>
            <input defaultValue={formatAmount(threshold)} inputMode="decimal" onBlur={(e) => { const c = parseAmount(e.target.value); if (c !== null && c >= 0) s.set('sale.managerReturnThresholdCents', c); }} />
          </label>
          {/* Manager PIN policies (backend/policies.ts). */}
          <p className="muted" data-testid="policy-note">{t('settings.policyNote')}</p>
          <label className="check"><input type="checkbox" checked={s.value('sale.managerComplimentary') ?? true} onChange={(e) => s.set('sale.managerComplimentary', e.target.checked)} data-testid="policy-complimentary" /> {t('settings.policyComplimentary')}</label>
          <label className="field"><span>{t('settings.policyDiscount')}</span>
            <input defaultValue={String(s.value('sale.managerDiscountPercent') ?? 10)} inputMode="numeric" data-testid="policy-discount"
              onBlur={(e) => { const v = e.target.value.trim().replace('%', ''); if (/^\d{1,3}$/.test(v) && Number(v) <= 100) s.set('sale.managerDiscountPercent', Number(v)); }} />
          </label>
          <label className="field"><span>{t('settings.policyOpenPrice')}</span>
            <input defaultValue={formatAmount(s.value('sale.managerOpenPriceCents') ?? 10000)} inputMode="decimal" data-testid="policy-open-price"
              onBlur={(e) => { const c = parseAmount(e.target.value); if (c !== null && c >= 0) s.set('sale.managerOpenPriceCents', c); }} />
          </label>
          <label className="check"><input type="checkbox" checked={s.value('sale.managerCashRefundOfCard') ?? true} onChange={(e) => s.set('sale.managerCashRefundOfCard', e.target.checked)} data-testid="policy-cash-refund" /> {t('settings.policyCashRefundOfCard')}</label>
          <label className="field"><span>{t('settings.weightEntryUnit')}</span>
            <select value={s.value('sale.weightEntryUnit')} onChange={(e) => s.set('sale.weightEntryUnit', e.target.value as 'kg' | 'g')} data-testid="weight-unit">
              <option value="kg">{t('settings.weightKg')}</option><option value="g">{t('settings.weightG')}</option>
            </select>
          </label>
          <label className="field"><span>{t('settings.plausibleWeight')}</span>
            <input defaultValue={formatAmount(Math.round((s.value('sale.plausibleWeightMaxMilli') ?? 5000) / 10))} inputMode="decimal" data-testid="plausible-weight"
              onBlur={(e) => { const c = parseAmount(e.target.value); if (c !== null && c > 0) s.set('sale.plausibleWeightMaxMilli', c * 10); }} />
          </label>
          <label className="field"><span>{t('settings.language')}</span>
            <select value={s.value('ui.language')} onChange={(e) => s.set('ui.language', e.target.value as 'it' | 'en')} data-testid="language">
              <option value="it">{t('settings.languageNames.it')}</option><option value="en">{t('settings.languageNames.en')}</option>
            </select>
          </label>
        </section>
        <section className="settings-card">
          <h2>{t('settings.printer')}</h2>
          <Text k="printer.url" label={t('settings.printerUrl')} testId="printer-url" />
          <label className="field"><span>{t('settings.printerWidth')}</span>
            <select value={String(s.value('printer.columns'))} onChange={(e) => s.set('printer.columns', Number(e.target.value) as 32 | 42 | 48)}>
              <option value="32">{t('settings.width32')}</option><option value="42">{t('settings.width42')}</option><option value="48">{t('settings.width48')}</option>
            </select>
          </label>
          <Text k="printer.model" label={t('settings.printerModel')} />
          <label className="field"><span>{t('settings.printMode')}</span>
            <select value={s.value('printer.mode')} onChange={(e) => s.set('printer.mode', e.target.value as 'immediate' | 'wait_fiscal')}>
              <option value="immediate">{t('settings.printImmediate')}</option><option value="wait_fiscal">{t('settings.printWaitFiscal')}</option>
            </select>
          </label>
          <label className="field"><span>{t('settings.fiscalNumberSlip')}</span>
            <select value={s.value('printing.fiscalNumberSlip')} onChange={(e) => s.set('printing.fiscalNumberSlip', e.target.value as 'auto' | 'on_request' | 'never')} data-testid="fiscal-number-slip">
              <option value="auto">{t('settings.fiscalSlipAuto')}</option><option value="on_request">{t('settings.fiscalSlipOnRequest')}</option><option value="never">{t('settings.fiscalSlipNever')}</option>
            </select>
          </label>
          <KeyButton label={printed ? t('settings.testQueued') : t('settings.testPrint')} onClick={() => void s.testPrint().then(setPrinted)} testId="test-print" />
        </section>
        <section className="settings-card">
          <h2>{t('settings.fiscal')}</h2>
          <label className="field"><span>{t('settings.environment')}</span>
            <select value={env} data-testid="settings-environment" onChange={(e) => {
              const v = e.target.value;
              setCustomUrl(v === 'custom');
              if (v !== 'custom') s.set('openapi.url', OPENAPI_ENVIRONMENTS[v as 'test' | 'production']);
            }}>
              <option value="test">{t('settings.envTest')}</option><option value="production">{t('settings.envProduction')}</option><option value="custom">{t('settings.envCustom')}</option>
            </select>
          </label>
          {env === 'custom' ? <Text k="openapi.url" label={t('settings.openapiUrl')} testId="settings-openapi-url" /> : null}
          {/* The Partita IVA is step 1's (asked once, used everywhere), and the AdE credentials are
              registered with Openapi by step 2: typed here they would be kept without Openapi knowing. */}
          <div className="field"><span>{t('settings.fiscalId')}</span><span className="mono" data-testid="settings-vat-number">{s.value('shop.vatNumber') || t('settings.notSet')}</span></div>
          <Secret name="openapi.token" label={t('settings.token')} />
          <div className="field"><span>{t('settings.adeCredentials')}</span>
            <span className="muted">{t('settings.adeCredentialsHint')}</span>
            {onGuidedSetup ? <button type="button" className="btn btn-plain btn-small" onClick={() => onGuidedSetup('ade')} data-testid="settings-ade-setup">{t('settings.adeCredentialsOpen')}</button> : null}
          </div>
          {!view.secretsAvailable ? <div className="muted">{t('settings.secretsUnavailable')}</div> : null}
        </section>
        <InvoicingSettings />
        <ServerSettings />
        <Departments />
        <LabelLayoutEditor />
        <Operators />
      </div>
    </div>
  );
}
