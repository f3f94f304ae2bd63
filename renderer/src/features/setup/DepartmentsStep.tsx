// Step 4 «I reparti e l'IVA»: suggested departments a shopkeeper recognises (none ticked: the shop
// chooses), each VAT code with what it means; the shop's list with edit and delete (refused, saying
// why, while an item or an issued receipt uses it); a form to add one by hand. «Fatto» needs at least
// one department (the backend checks), or «Salta».
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDevices } from './devices-store.js';
import { StepFinish } from './StepFinish.js';
import { FieldError, ErrorBanner } from '../../kit/ui.js';
import { DEPARTMENT_PRESETS, VAT_MEANINGS, type DepartmentPresetCode } from '../../../../shared/contract/department-presets.js';
import type { VatCode } from '../../../../shared/vat.js';
import { VatOptions, vatShort } from '../../kit/vat.js';

const FORM_FIELDS = ['code', 'name'];

function useLang(): 'it' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'it';
}

export function DepartmentsStep() {
  const { t } = useTranslation();
  const lang = useLang();
  const { busy, error, errorFrom, departments, editing } = useDevices();
  const { loadDepartments, addPresets, deleteDepartment, edit } = useDevices.getState();
  const [picked, setPicked] = useState<DepartmentPresetCode[]>([]);
  const [noneHint, setNoneHint] = useState(false);
  useEffect(() => { void loadDepartments(); }, [loadDepartments]);
  const have = new Set(departments.map((d) => d.code));
  // The form shows its own refusals on its fields; the list's (a delete refused) and the rest go here.
  const other = error && !(errorFrom === 'form' && FORM_FIELDS.includes(error.field ?? '')) ? error : null;
  const toggle = (code: DepartmentPresetCode) => { setNoneHint(false); setPicked((p) => (p.includes(code) ? p.filter((c) => c !== code) : [...p, code])); };
  const add = async () => {
    if (picked.length === 0) { setNoneHint(true); return; }
    if (await addPresets(picked)) setPicked([]);
  };
  return (
    <div className="setup-form" data-testid="setup-departments">
      <h2>{t('setup.steps.departments')}</h2>
      <p className="muted">{t('setupDepartments.intro')}</p>
      <fieldset className="setup-card setup-presets">
        <legend>{t('setupDepartments.presets')}</legend>
        {DEPARTMENT_PRESETS.map((p) => (
          <label key={p.code} className="setup-preset" title={VAT_MEANINGS[p.vatCode][lang]}>
            <input type="checkbox" checked={picked.includes(p.code)} disabled={have.has(p.code)} onChange={() => toggle(p.code)} data-testid={`dept-preset-${p.code}`} />
            <span>
              {t('setupDepartments.presetLabel', { name: p.name[lang], vat: vatShort(p.vatCode) })}
              {have.has(p.code) ? <em className="muted"> · {t('setupDepartments.already')}</em> : null}
              <span className="field-hint muted setup-preset-meaning">{VAT_MEANINGS[p.vatCode][lang]}</span>
            </span>
          </label>
        ))}
        {noneHint ? <div className="field-error" role="alert" data-testid="departments-presets-none">{t('setupDepartments.nonePicked')}</div> : null}
        <div className="setup-actions">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void add()} data-testid="departments-add-presets">{t('setupDepartments.addPresets')}</button>
        </div>
      </fieldset>
      <div className="setup-card">
        <h3>{t('setupDepartments.list')}</h3>
        {departments.length === 0 ? <div className="muted" data-testid="departments-empty">{t('setupDepartments.empty')}</div> : (
          <table className="setup-depts">
            <thead><tr><th>{t('setupDepartments.code')}</th><th>{t('setupDepartments.name')}</th><th>{t('setupDepartments.vat')}</th><th /></tr></thead>
            <tbody>
              {departments.map((d) => (
                <tr key={d.code} data-testid={`dept-row-${d.code}`} className={editing === d.code ? 'setup-dept-editing' : undefined}>
                  <td>{d.code}</td>
                  <td>{d.name}</td>
                  <td title={VAT_MEANINGS[d.vatCode][lang]}>{vatShort(d.vatCode)}</td>
                  <td className="setup-dept-actions">
                    <button type="button" className="btn btn-plain" onClick={() => edit(d.code)} aria-label={t('setupDepartments.editLabel', { name: d.name })} data-testid={`dept-edit-${d.code}`}>{t('setupDepartments.edit')}</button>
                    <button type="button" className="btn btn-plain" disabled={busy} onClick={() => void deleteDepartment(d.code)} aria-label={t('setupDepartments.deleteLabel', { name: d.name })} data-testid={`dept-delete-${d.code}`}>{t('setupDepartments.delete')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {other ? <ErrorBanner error={other} testId="departments-error" /> : null}
      </div>
      <DepartmentForm key={editing ?? 'new'} />
      <StepFinish step="departments" />
    </div>
  );
}


/** Add a department by hand, or edit the one chosen in the list (its code stays: it is the key). */
function DepartmentForm() {
  const { t } = useTranslation();
  const lang = useLang();
  const { busy, error, errorFrom, departments, editing } = useDevices();
  const { saveDepartment, edit } = useDevices.getState();
  const current = editing ? departments.find((d) => d.code === editing) : undefined;
  const [code, setCode] = useState(current?.code ?? '');
  const [name, setName] = useState(current?.name ?? '');
  const [vat, setVat] = useState<VatCode>(current?.vatCode ?? '22');
  const fieldErr = (f: string) => (errorFrom === 'form' && error?.field === f ? error : null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await saveDepartment({ code, name, vat_code: vat }) && !current) { setCode(''); setName(''); setVat('22'); }
  };
  return (
    <form className="setup-card" onSubmit={(e) => void submit(e)} noValidate data-testid="dept-form">
      <h3>{current ? t('setupDepartments.editTitle', { code: current.code }) : t('setupDepartments.addTitle')}</h3>
      <div className="setup-row">
        <label className="field"><span>{t('setupDepartments.code')}</span>
          <input value={code} onChange={(e) => setCode(e.target.value)} maxLength={32} readOnly={current !== undefined} data-testid="dept-code" />
        </label>
        <label className="field"><span>{t('setupDepartments.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} data-testid="dept-name" autoFocus={current !== undefined} />
        </label>
      </div>
      <FieldError error={fieldErr('code') ?? fieldErr('name')} testId="dept-form-error" />
      <label className="field"><span>{t('setupDepartments.vat')}</span>
        <select value={vat} onChange={(e) => setVat(e.target.value as VatCode)} data-testid="dept-vat">
          <VatOptions />
        </select>
      </label>
      <div className="field-hint muted" data-testid="dept-vat-meaning">{VAT_MEANINGS[vat][lang]}</div>
      <div className="setup-actions">
        {current ? <button type="button" className="btn btn-plain" onClick={() => edit(null)} data-testid="dept-edit-back">{t('setupDepartments.stopEditing')}</button> : null}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="dept-save">{t('setupDepartments.save')}</button>
      </div>
    </form>
  );
}
