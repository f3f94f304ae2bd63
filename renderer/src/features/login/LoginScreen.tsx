// Operator login: pick your name, type your PIN (keyboard or on-screen pad). First run: create
// the first manager.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogin, PIN_MAX } from './store.js';
import { FieldError } from '../../kit/ui.js';
import { localError } from '../../kit/local-error.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import './login.css';

const PAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'C', '0', '⌫'];

/**
 * The first manager. The PIN's rule is said in words, under the field it concerns (issue #12: not a
 * grey button): the button always answers, with what to fix.
 */
function Setup() {
  const { t } = useTranslation();
  const error = useLogin((s) => s.error);
  const busy = useLogin((s) => s.busy);
  const { setup } = useLogin.getState();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [local, setLocal] = useState<ErrorInfo | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = name.trim() === '' ? localError('OPERATOR_NAME_REQUIRED', 'login.errors.nameRequired', { field: 'name' })
      : pin.length < 4 ? localError('PIN_FORMAT', 'login.errors.pinShort', { field: 'pin' })
      : pin !== pin2 ? localError('PIN_MISMATCH', 'login.errors.pinMismatch', { field: 'pin2' })
      : null;
    setLocal(problem);
    if (!problem) void setup(name, pin);
  };
  const shown = local ?? error;
  const on = (field: string) => (shown?.field === field ? shown : null);
  return (
    <form className="login-card" onSubmit={submit} data-testid="setup-form" noValidate>
      <h1>{t('login.setupTitle')}</h1>
      <p className="muted">{t('login.setupHint')}</p>
      <label className="field"><span>{t('login.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={60} data-testid="setup-name" /></label>
      <FieldError error={on('name')} testId="setup-name-error" />
      <label className="field"><span>{t('login.newPin')}</span><input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} maxLength={PIN_MAX} data-testid="setup-pin" /></label>
      <div className="muted field-hint">{t('login.pinRule')}</div>
      <FieldError error={on('pin')} testId="setup-pin-error" />
      <label className="field"><span>{t('login.repeatPin')}</span><input type="password" inputMode="numeric" value={pin2} onChange={(e) => setPin2(e.target.value.replace(/\D/g, ''))} maxLength={PIN_MAX} data-testid="setup-pin2" /></label>
      <FieldError error={on('pin2')} testId="setup-pin2-error" />
      {shown && !['name', 'pin', 'pin2'].includes(shown.field ?? '') ? <FieldError error={shown} /> : null}
      <button className="btn btn-primary btn-big" type="submit" disabled={busy} data-testid="setup-submit">{t('login.createManager')}</button>
    </form>
  );
}

/** logIn: the shell's log-in (the PIN typed here, then the cashier's own parked cart back on the sale screen). */
export function LoginScreen({ logIn }: { logIn: () => Promise<boolean> }) {
  const { t } = useTranslation();
  const session = useLogin((s) => s.session);
  const selectedId = useLogin((s) => s.selectedId);
  const pin = useLogin((s) => s.pin);
  const error = useLogin((s) => s.error);
  const busy = useLogin((s) => s.busy);
  const { refresh, select, typeDigit, backspace, clearPin } = useLogin.getState();
  const pinRef = useRef<HTMLInputElement>(null);
  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => { pinRef.current?.focus(); }, [selectedId]);
  if (!session) return <div className="login-screen"><div className="login-card">{t('common.loading')}</div></div>;
  if (session.setupRequired) return <div className="login-screen"><Setup /></div>;
  const operator = session.operators.find((o) => o.id === selectedId) ?? null;
  const press = (k: string) => {
    if (k === 'C') clearPin();
    else if (k === '⌫') backspace();
    else typeDigit(k);
    pinRef.current?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void logIn();
  };
  return (
    <div className="login-screen" data-testid="login-screen">
      <div className="login-brand">
        <div className="brand-mark">B</div>
        <div>
          <div className="brand-name">Bancone</div>
          <div className="muted">{t('login.tagline')}</div>
        </div>
      </div>
      <div className="login-panels">
        <div className="login-card">
          <h2>{t('login.who')}</h2>
          <div className="operator-list">
            {session.operators.map((o) => (
              <button key={o.id} type="button" className={`operator-btn ${o.id === selectedId ? 'selected' : ''}`} onClick={() => select(o.id)} data-testid={`operator-${o.name}`}>
                <span className="avatar">{o.name.slice(0, 1).toUpperCase()}</span>
                <span className="operator-name">{o.name}</span>
                <span className="muted">{t(`roles.${o.role}`)}</span>
              </button>
            ))}
          </div>
        </div>
        <form className="login-card pin-card" onSubmit={submit}>
          <h2>{operator ? t('login.pinFor', { name: operator.name }) : t('login.pickOperator')}</h2>
          <input
            ref={pinRef}
            className="pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            aria-label={t('login.pin')}
            data-testid="pin-input"
            data-scan="keep"
            value={pin}
            disabled={!operator}
            onChange={(e) => {
              const v = e.target.value.replace(/\D/g, '').slice(0, PIN_MAX);
              useLogin.setState({ pin: v, error: null });
            }}
          />
          <div className="pin-pad">
            {PAD.map((k) => (
              <button key={k} type="button" className="pad-key" onClick={() => press(k)} disabled={!operator}>{k}</button>
            ))}
          </div>
          <FieldError error={error} testId="login-error" />
          <button className="btn btn-primary btn-big" type="submit" disabled={!operator || pin.length < 4 || busy} data-testid="login-submit">
            {t('login.enter')} <span className="kbd">↵</span>
          </button>
        </form>
      </div>
    </div>
  );
}
