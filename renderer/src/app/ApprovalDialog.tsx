// Asked when an action needs a manager (a void, a big return, a sale with a price change, an omaggio
// or a large discount, the settings…): the dialog lists what the backend asks approval for, in the
// manager's words («Prezzo modificato: Latte intero 1 l € 1,49 → € 1,00»), and the manager types their
// PIN on the cashier's till. The PIN approves that request only: the same call then goes through once.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../kit/app-store.js';
import { Dialog, FieldError, useErrorText } from '../kit/ui.js';

export function ApprovalDialog() {
  const { t } = useTranslation();
  const text = useErrorText();
  const approval = useApp((s) => s.approval);
  const error = useApp((s) => s.approvalError);
  const [pin, setPin] = useState('');
  if (!approval) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await useApp.getState().submitApproval(pin);
    setPin('');
  };
  const back = () => { setPin(''); useApp.getState().cancelApproval(); };
  return (
    <Dialog title={t('approval.title')} onClose={back} testId="approval-dialog">
      <form onSubmit={submit} className="entry-form">
        {approval.reasons.length > 0 ? (
          <>
            <p>{t('approval.intro')}</p>
            <ul className="approval-reasons" data-testid="approval-reasons">
              {approval.reasons.map((r, i) => <li key={i} data-code={r.code} data-testid="approval-reason">{text(r)}</li>)}
            </ul>
            <p className="muted">{t('approval.onlyThis')}</p>
          </>
        ) : <p>{t('approval.generic')}</p>}
        <input className="entry-input pin-input" type="password" inputMode="numeric" autoComplete="off" value={pin} autoFocus
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))} aria-label={t('approval.pin')} data-testid="approval-pin" data-scan="keep" />
        <FieldError error={error} testId="approval-error" />
        <div className="dialog-actions">
          <button type="button" className="btn btn-plain" onClick={back}><span className="kbd">Esc</span> {t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={pin.length < 4} data-testid="approval-ok"><span className="kbd">↵</span> {t('approval.approve')}</button>
        </div>
      </form>
    </Dialog>
  );
}
