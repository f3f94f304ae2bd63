// Step 6 «Le persone» of the guided set-up: who works at the till (operators.list), adding a cashier
// or a manager with name, PIN and the PIN repeated (operators.save), deactivating one. The PIN's rule
// is said in words before typing and, on a mistake, under the field it concerns (the first-run manager
// screen's words, features/login): the button always answers. «Fatto» when the till has an active
// manager (backend/setup/people-step.ts); cashiers are optional.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetup } from './store.js';
import { StepFinish } from './StepFinish.js';
import { getApi } from '../../api/client.js';
import { ErrorBanner, FieldError } from '../../kit/ui.js';
import { localError } from '../../kit/local-error.js';
import type { OperatorOut } from '../../../../shared/contract/common.js';
import type { ErrorInfo } from '../../../../shared/errors.js';

const PIN_MAX = 8;
const digits = (v: string) => v.replace(/\D/g, '').slice(0, PIN_MAX);

export function PeopleStep() {
  const { t } = useTranslation();
  const [people, setPeople] = useState<OperatorOut[] | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<'cashier' | 'manager'>('cashier');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  const refresh = async () => {
    const r = await getApi().call('operators.list', {});
    if (r.ok) setPeople(r.value.operators); else setError(r.error);
    await useSetup.getState().load();
  };
  useEffect(() => { void refresh(); }, []);

  const save = async (input: { id?: string; name: string; role: 'cashier' | 'manager'; pin?: string; active: boolean }) => {
    setBusy(true);
    const r = await getApi().callWithApproval('operators.save', input);
    setBusy(false);
    if (!r.ok) { setError(r.error); return false; }
    setError(null);
    await refresh();
    return true;
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    const problem = name.trim() === '' ? localError('OPERATOR_NAME_REQUIRED', 'setup.errors.personName', { field: 'name' })
      : pin.length < 4 ? localError('PIN_FORMAT', 'login.errors.pinShort', { field: 'pin' })
      : pin !== pin2 ? localError('PIN_MISMATCH', 'login.errors.pinMismatch', { field: 'pin2' })
      : null;
    if (problem) { setError(problem); return; }
    if (await save({ name: name.trim(), role, pin, active: true })) {
      setAdded(t('setup.people.added', { name: name.trim(), role: t(`roles.${role}`) }));
      setName(''); setPin(''); setPin2(''); setRole('cashier');
    }
  };
  const on = (field: string) => (error?.field === field ? error : null);
  const elsewhere = error && !['name', 'pin', 'pin2'].includes(error.field ?? '') ? error : null;

  return (
    <div className="setup-form" data-testid="setup-people">
      <h2>{t('setup.steps.people')}</h2>
      <p>{t('setup.people.explain')}</p>
      {people === null ? <p className="muted">{t('common.loading')}</p> : (
        <table className="setup-people" data-testid="people-list">
          <thead><tr><th>{t('login.name')}</th><th>{t('setup.people.role')}</th><th>{t('setup.people.state')}</th><th /></tr></thead>
          <tbody>
            {people.map((o) => (
              <tr key={o.id} data-testid="people-row" data-active={o.active}>
                <td>{o.name}</td>
                <td>{t(`roles.${o.role}`)}</td>
                <td>{o.active ? t('setup.people.active') : t('setup.people.inactive')}</td>
                <td>
                  <button type="button" className="btn btn-plain btn-small" disabled={busy}
                    onClick={() => void save({ id: o.id, name: o.name, role: o.role, active: !o.active })} data-testid={`people-toggle-${o.id}`}>
                    {o.active ? t('settings.deactivate') : t('settings.activate')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="setup-card" onSubmit={add} noValidate data-testid="people-form">
        <h3>{t('setup.people.addTitle')}</h3>
        <p className="muted field-hint" data-testid="people-pin-rule">{t('login.pinRule')}</p>
        <div className="setup-row">
          <label className="field"><span>{t('login.name')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} data-testid="people-name" autoFocus /></label>
          <label className="field"><span>{t('setup.people.role')}</span>
            <select value={role} onChange={(e) => setRole(e.target.value as 'cashier' | 'manager')} data-testid="people-role">
              <option value="cashier">{t('roles.cashier')}</option>
              <option value="manager">{t('roles.manager')}</option>
            </select></label>
        </div>
        <FieldError error={on('name')} testId="people-name-error" />
        <div className="setup-row">
          <label className="field"><span>{t('login.newPin')}</span>
            <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(digits(e.target.value))} maxLength={PIN_MAX} data-testid="people-pin" /></label>
          <label className="field"><span>{t('login.repeatPin')}</span>
            <input type="password" inputMode="numeric" value={pin2} onChange={(e) => setPin2(digits(e.target.value))} maxLength={PIN_MAX} data-testid="people-pin2" /></label>
        </div>
        <FieldError error={on('pin') ?? on('pin2')} testId="people-pin-error" />
        {elsewhere ? <ErrorBanner error={elsewhere} /> : null}
        {added ? <div className="notice notice-ok" role="status" data-testid="people-added">{added}</div> : null}
        <div className="setup-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="people-add">{t('setup.people.add')}</button>
        </div>
      </form>
      <StepFinish step="people" />
    </div>
  );
}
