// Step «people» of the guided set-up: what the till holds for it now, then done (its rule checked by the
// backend) or skipped explicitly. (Its own editing comes in this step's own screen.)
import { useTranslation } from 'react-i18next';
import { useSetup } from './store.js';
import { StepFinish } from './StepFinish.js';

export function PeopleStep() {
  const { t } = useTranslation();
  const data = useSetup((s) => s.state!.steps.people.data);
  return (
    <div className="setup-form" data-testid="setup-people">
      <h2>{t('setup.steps.people')}</h2>
      <p className="muted">{t('setup.people.intro', data)}</p>
      <StepFinish step="people" />
    </div>
  );
}
