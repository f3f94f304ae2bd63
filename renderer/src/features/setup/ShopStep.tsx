// Step 1 «Il negozio»: ragione sociale, Partita IVA, codice fiscale, address, regime. The check digits
// are verified as the manager leaves each field (the backend verifies them again when saving); every
// error is shown on the field it names.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetup, fieldError } from './store.js';
import { ErrorBanner, FieldError, SelectAllInput } from '../../kit/ui.js';
import { FISCAL_REGIMES, FISCAL_REGIME_NAMES, type FiscalRegime } from '../../../../shared/contract/setup.js';

const SHOP_FIELDS = ['name', 'vat_number', 'tax_code', 'address', 'regime'];

export function ShopStep() {
  const { t, i18n } = useTranslation();
  const data = useSetup((s) => s.state!.steps.shop.data);
  const busy = useSetup((s) => s.busy);
  const error = useSetup((s) => s.error);
  const local = useSetup((s) => s.local);
  const { saveShop, checkField } = useSetup.getState();
  // The address is the receipt header's lines: street, then postcode and town (more lines kept).
  const lines = data.address.split('\n');
  const [name, setName] = useState(data.name);
  const [vat, setVat] = useState(data.vatNumber);
  const [cf, setCf] = useState(data.taxCode);
  const [street, setStreet] = useState(lines[0] ?? '');
  const [town, setTown] = useState(lines.slice(1).join('\n'));
  const [regime, setRegime] = useState<FiscalRegime>(data.regime);
  const on = (f: string) => fieldError({ error, local }, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const address = [street.trim(), town.trim()].filter((l) => l !== '').join('\n');
    void saveShop({ name, vat_number: vat, tax_code: cf, address, regime });
  };
  return (
    <form className="setup-form" onSubmit={submit} data-testid="setup-shop" noValidate>
      <h2>{t('setup.steps.shop')}</h2>
      <p className="muted">{t('setup.shop.intro')}</p>
      {error && !SHOP_FIELDS.includes(error.field ?? '') ? <ErrorBanner error={error} /> : null}
      <label className="field"><span>{t('setup.shop.name')}</span>
        {/* The name arrives with the till's default («Il mio negozio»): what is typed replaces it. */}
        <SelectAllInput value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus data-testid="shop-name" aria-invalid={on('name') ? true : undefined} />
      </label>
      <FieldError error={on('name')} testId="shop-name-error" />
      <div className="setup-row">
        <div>
          <label className="field"><span>{t('setup.shop.vatNumber')}</span>
            <input value={vat} onChange={(e) => setVat(e.target.value)} onBlur={(e) => checkField('vat_number', e.target.value)} maxLength={20} inputMode="numeric" data-testid="shop-vat" aria-invalid={on('vat_number') ? true : undefined} />
          </label>
          <FieldError error={on('vat_number')} testId="shop-vat-error" />
        </div>
        <div>
          <label className="field"><span>{t('setup.shop.taxCode')}</span>
            <input value={cf} onChange={(e) => setCf(e.target.value.toUpperCase())} onBlur={(e) => checkField('tax_code', e.target.value)} maxLength={20} data-testid="shop-cf" aria-invalid={on('tax_code') ? true : undefined} />
          </label>
          <div className="muted field-hint">{t('setup.shop.taxCodeHint')}</div>
          <FieldError error={on('tax_code')} testId="shop-cf-error" />
        </div>
      </div>
      <label className="field"><span>{t('setup.shop.address')}</span>
        <input value={street} onChange={(e) => setStreet(e.target.value)} maxLength={200} data-testid="shop-street" aria-invalid={on('address') ? true : undefined} />
      </label>
      <input className="setup-address-2" value={town} onChange={(e) => setTown(e.target.value)} maxLength={190} data-testid="shop-town" aria-label={t('setup.shop.address')} />
      <FieldError error={on('address')} testId="shop-address-error" />
      <label className="field"><span>{t('setup.shop.regime')}</span>
        <select value={regime} onChange={(e) => setRegime(e.target.value as FiscalRegime)} data-testid="shop-regime">
          {FISCAL_REGIMES.map((r) => <option key={r} value={r}>{r} · {FISCAL_REGIME_NAMES[r][i18n.language === 'en' ? 'en' : 'it']}</option>)}
        </select>
      </label>
      <FieldError error={on('regime')} />
      <div className="setup-actions">
        <button type="submit" className="btn btn-primary btn-big" disabled={busy} data-testid="shop-save">{t('setup.next')} <span className="kbd">↵</span></button>
      </div>
    </form>
  );
}
