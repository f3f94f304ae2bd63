// Asked when an action needs a manager (voids, big returns, price overrides, settings…): a manager
// types their PIN on the cashier's till; the action then goes through once.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './store.js';
import { Dialog, FieldError } from './ui.js';

export function ApprovalDialog() {
  const { t } = useTranslation();
  const approval = useApp((s) => s.approval);
  const error = useApp((s) => s.approvalError);
  const [pin, setPin] = useState('');
  if (!approval) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await useApp.getState().submitApproval(pin);
    setPin('');
  };
  const reasonKey = `approval.reasons.${approval.reason}`;
  return (
    <Dialog title={t('approval.title')} onClose={() => { setPin(''); useApp.getState().cancelApproval(); }} testId="approval-dialog">
      <form onSubmit={submit} className="entry-form">
        <p>{t(reasonKey, { defaultValue: t('approval.generic') })}</p>
        <input className="entry-input pin-input" type="password" inputMode="numeric" autoComplete="off" value={pin} autoFocus
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))} aria-label={t('approval.pin')} data-testid="approval-pin" />
        <FieldError error={error} testId="approval-error" />
        <div className="dialog-actions">
          <button type="button" className="btn btn-plain" onClick={() => { setPin(''); useApp.getState().cancelApproval(); }}><span className="kbd">Esc</span> {t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={pin.length < 4} data-testid="approval-ok"><span className="kbd">↵</span> {t('approval.approve')}</button>
        </div>
      </form>
    </Dialog>
  );
}
