// The foot of steps 3–6: «Fatto» (the backend checks the step's rule and says what is missing, on
// the banner) and «Salta questo passo» (explicit: the step stays listed as skipped, to do later).
import { useTranslation } from 'react-i18next';
import { useSetup } from './store.js';
import { ErrorBanner } from '../../kit/ui.js';
import type { LaterStep } from '../../../../shared/contract/setup.js';

export function StepFinish({ step, canFinish = true }: { step: LaterStep; canFinish?: boolean }) {
  const { t } = useTranslation();
  const busy = useSetup((s) => s.busy);
  const error = useSetup((s) => s.error);
  const { finishStep } = useSetup.getState();
  return (
    <>
      {error ? <ErrorBanner error={error} /> : null}
      <div className="setup-actions">
        <button type="button" className="btn btn-plain" disabled={busy} onClick={() => void finishStep(step, true)} data-testid={`${step}-skip`}>{t('setup.skipStep')}</button>
        <button type="button" className="btn btn-primary btn-big" disabled={busy || !canFinish} onClick={() => void finishStep(step, false)} data-testid={`${step}-done`}>{t('setup.stepDone')}</button>
      </div>
    </>
  );
}
