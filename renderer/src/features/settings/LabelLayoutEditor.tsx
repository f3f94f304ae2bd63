// Settings › «Etichette della bilancia»: what the scale's in-store EAN-13 labels carry (setting
// scale.labelLayout, shared/barcode.ts). Edits the settings draft; the Settings screen saves it (F2).
import { useTranslation } from 'react-i18next';
import { useSettings } from './store.js';
import { DEFAULT_LABEL_LAYOUT, LabelLayoutSchema, encodeInStoreLabel, rulePicture, type LabelLayout, type LabelRule } from '../../../../shared/barcode.js';
import { formatEuro } from '../../../../shared/money.js';
import './settings.css';

const NEW_RULE: LabelRule = { prefix: '21', kind: 'weight', pluDigits: 5, valueCheckDigit: false };

/** «es. 2100123012507 → PLU 123, 1,250 kg» for a rule, or null if the rule cannot be printed. */
function example(rule: LabelRule, lang: string): string | null {
  try {
    const value = rule.kind === 'weight' ? 1250 : 435;
    const code = encodeInStoreLabel(rule, '123', value);
    const shown = rule.kind === 'weight' ? `${(value / 1000).toFixed(3).replace('.', lang === 'en' ? '.' : ',')} kg` : formatEuro(value);
    return `${code} → PLU 123, ${shown}`;
  } catch {
    return null;
  }
}

export function LabelLayoutEditor() {
  const { t, i18n } = useTranslation();
  const layout = (useSettings((s) => s.value('scale.labelLayout')) ?? DEFAULT_LABEL_LAYOUT) as LabelLayout;
  const setLayout = (l: LabelLayout) => useSettings.getState().set('scale.labelLayout', l);
  const change = (i: number, patch: Partial<LabelRule>) => setLayout({ rules: layout.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const check = LabelLayoutSchema.safeParse(layout);
  const problem = check.success ? null : check.error.issues[0]!;
  const problemText = problem ? (problem.message.split('|')[i18n.language === 'en' ? 1 : 0] ?? problem.message) : null;
  const problemRule = problem && problem.path[0] === 'rules' ? Number(problem.path[1]) : -1;
  return (
    <section className="settings-card" data-testid="label-layout">
      <h2>{t('settings.labelLayout.title')}</h2>
      <p className="muted">{t('settings.labelLayout.hint')}</p>
      {layout.rules.length === 0 ? <p className="notice notice-warn">{t('settings.labelLayout.none')}</p> : (
        <table className="simple-table label-rules">
          <thead><tr>
            <th>{t('settings.labelLayout.prefix')}</th><th>{t('settings.labelLayout.kind')}</th><th>{t('settings.labelLayout.pluDigits')}</th>
            <th>{t('settings.labelLayout.valueCheck')}</th><th>{t('settings.labelLayout.picture')}</th><th />
          </tr></thead>
          <tbody>
            {layout.rules.map((r, i) => (
              <tr key={i} data-testid="label-rule" className={i === problemRule ? 'label-rule-bad' : ''}>
                <td><input className="mono label-prefix" value={r.prefix} inputMode="numeric" maxLength={4} onChange={(e) => change(i, { prefix: e.target.value.replace(/\D/g, '') })} data-testid="label-prefix" /></td>
                <td>
                  <select value={r.kind} onChange={(e) => change(i, { kind: e.target.value as LabelRule['kind'] })} data-testid="label-kind">
                    <option value="price">{t('settings.labelLayout.price')}</option>
                    <option value="weight">{t('settings.labelLayout.weight')}</option>
                  </select>
                </td>
                <td>
                  <select value={r.pluDigits} onChange={(e) => change(i, { pluDigits: Number(e.target.value) })} data-testid="label-plu-digits">
                    {[1, 2, 3, 4, 5, 6].map((n) => <option key={n} value={n}>{n}</option>)}
                  </select>
                </td>
                <td><input type="checkbox" checked={r.valueCheckDigit} onChange={(e) => change(i, { valueCheckDigit: e.target.checked })} data-testid="label-value-check" /></td>
                <td className="mono">
                  <div data-testid="label-picture">{i === problemRule ? '—' : rulePicture(r)}</div>
                  {i === problemRule ? null : <div className="muted label-example">{example(r, i18n.language)}</div>}
                </td>
                <td><button type="button" className="btn btn-plain btn-small" onClick={() => setLayout({ rules: layout.rules.filter((_, j) => j !== i) })}>{t('settings.labelLayout.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {problemText ? <p className="field-error" role="alert" data-testid="label-layout-error">{problemText}</p> : null}
      <div className="inline-form">
        <button type="button" className="btn btn-plain" onClick={() => setLayout({ rules: [...layout.rules, NEW_RULE] })} disabled={layout.rules.length >= 10} data-testid="label-add">{t('settings.labelLayout.add')}</button>
        <button type="button" className="btn btn-plain" onClick={() => setLayout(DEFAULT_LABEL_LAYOUT)} data-testid="label-default">{t('settings.labelLayout.italianDefault')}</button>
      </div>
    </section>
  );
}
