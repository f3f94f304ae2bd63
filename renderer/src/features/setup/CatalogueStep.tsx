// Step «catalogue» of the guided set-up: what the till holds for it now, then done (its rule checked by the
// backend) or skipped explicitly. (Its own editing comes in this step's own screen.)
import { useTranslation } from 'react-i18next';
import { useSetup } from './store.js';
import { StepFinish } from './StepFinish.js';

export function CatalogueStep() {
  const { t } = useTranslation();
  const data = useSetup((s) => s.state!.steps.catalogue.data);
  return (
    <div className="setup-form" data-testid="setup-catalogue">
      <h2>{t('setup.steps.catalogue')}</h2>
      <p className="muted">{t('setup.catalogue.intro', data)}</p>
      <StepFinish step="catalogue" />
    </div>
  );
}
