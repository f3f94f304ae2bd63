// The wizard's end: what was done and what was skipped (each step can be opened again), and, while
// the till is still in training mode, leaving it — explicit, after a one-line confirmation of what it
// means (from now on sales are fiscal, sent to the AdE and numbered from 0001) — then to the till.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetup, WIZARD_STEPS } from './store.js';
import { getApi } from '../../api/client.js';
import { ErrorBanner } from '../../kit/ui.js';
import type { TrainingState } from '../../../../shared/contract/training.js';
import type { ErrorInfo } from '../../../../shared/errors.js';

export function SetupComplete({ onLeave }: { onLeave: () => void }) {
  const { t } = useTranslation();
  const state = useSetup((s) => s.state)!;
  const { choose } = useSetup.getState();
  const [training, setTraining] = useState<TrainingState | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [left, setLeft] = useState(false);
  useEffect(() => {
    void getApi().call('setup.training', {}).then((r) => { if (r.ok) setTraining(r.value); else setError(r.error); });
  }, []);
  const leaveTraining = async () => {
    setBusy(true);
    const r = await getApi().callWithApproval('setup.leaveTraining', {});
    setBusy(false);
    if (!r.ok) { if (r.error.code !== 'MANAGER_REQUIRED') setError(r.error); return; }
    setError(null);
    setTraining(r.value);
    setConfirming(false);
    setLeft(true);
  };
  const status = (step: (typeof WIZARD_STEPS)[number]) => {
    const s = state.steps[step];
    return s.done ? 'done' : 'skipped' in s && s.skipped ? 'skipped' : 'todo';
  };
  const skipped = WIZARD_STEPS.filter((s) => status(s) !== 'done');
  return (
    <div className="setup-done" data-testid="setup-complete">
      <p>{skipped.length === 0 ? t('setup.allDone') : t('setup.complete.someSkipped', { count: skipped.length })}</p>
      <ul className="setup-summary">
        {WIZARD_STEPS.map((step, i) => (
          <li key={step} data-testid={`setup-complete-${step}`} data-status={status(step)}>
            <button type="button" className="btn btn-plain" onClick={() => choose(step)}>
              {`${i + 1}. ${t(`setup.steps.${step}`)} — ${t(`setup.complete.${status(step)}`)}`}
            </button>
          </li>
        ))}
      </ul>
      <ErrorBanner error={error} testId="setup-complete-error" />
      {left ? <div className="notice notice-ok" role="status" data-testid="setup-training-left">{t('training.left')}</div> : null}
      {training?.training ? (
        <div className="setup-card" data-testid="setup-training">
          <h3>{t('training.band')}</h3>
          {confirming ? (
            <>
              <p data-testid="setup-leave-training-confirm-text"><strong>{t('setup.complete.leaveConfirm')}</strong></p>
              <div className="setup-actions">
                <button type="button" className="btn btn-plain" onClick={() => setConfirming(false)} data-testid="setup-leave-training-back">{t('common.back')}</button>
                <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void leaveTraining()} data-testid="setup-leave-training-confirm" autoFocus>{t('setup.complete.leaveYes')}</button>
              </div>
            </>
          ) : (
            <>
              <p className="muted">{t('setup.complete.trainingStill')}</p>
              <div className="setup-actions">
                <button type="button" className="btn btn-plain" onClick={() => setConfirming(true)} data-testid="setup-leave-training">{t('training.leave')}</button>
              </div>
            </>
          )}
        </div>
      ) : null}
      <div className="setup-actions">
        <button type="button" className="btn btn-primary btn-big" onClick={onLeave} autoFocus={!confirming} data-testid="setup-to-till">{t('setup.toTill')}</button>
      </div>
    </div>
  );
}
