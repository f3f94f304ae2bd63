// The guided set-up, one step per screen: the list of the six steps (1–2 built, 3–6 «da fare»), the
// step to do, and an explicit way to the till. Enter moves on (each step is a form), Esc is «Indietro».
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetup, WIZARD_STEPS, type WizardStep } from './store.js';
import { ShopStep } from './ShopStep.js';
import { AdeStep } from './AdeStep.js';
import { PrinterStep } from './PrinterStep.js';
import { DepartmentsStep } from './DepartmentsStep.js';
import { CatalogueStep } from './CatalogueStep.js';
import { PeopleStep } from './PeopleStep.js';
import { SetupComplete } from './SetupComplete.js';
import { ErrorBanner, Kbd } from '../../kit/ui.js';
import { useKeys } from '../../kit/keys.js';
import type { SetupStep } from '../../../../shared/contract/setup.js';
import './setup.css';

function StepList({ shown }: { shown: SetupStep | null }) {
  const { t } = useTranslation();
  const state = useSetup((s) => s.state);
  const { choose } = useSetup.getState();
  return (
    <ol className="setup-steps" data-testid="setup-steps">
      {WIZARD_STEPS.map((step: WizardStep, i) => {
        const s = state?.steps[step];
        const skipped = s !== undefined && 'skipped' in s && s.skipped && !s.done;
        const status = shown === step ? 'current' : s?.done ? 'done' : skipped ? 'skipped' : 'todo';
        // A step can be opened again; steps after the shop need the shop first (its data is theirs),
        // and the later steps need step 2 too (a fiscal till is the point; they can wait).
        const reachable = step === 'shop' || (state?.steps.shop.done === true && (step === 'ade' || state.steps.ade.done));
        return (
          <li key={step} className={`setup-step setup-step-${status}`} data-testid={`setup-step-${step}`} data-status={status}>
            <button type="button" className="setup-step-btn" disabled={!reachable || shown === step} onClick={() => choose(step as SetupStep)}>
              <span className="setup-step-n">{i + 1}</span>
              <span className="setup-step-name">{t(`setup.steps.${step}`)}</span>
              <span className="setup-step-status">{t(`setup.status.${status}`)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * onLeave: to the till (the manager's explicit choice, or once done); onBack: Esc on the first step
 * (back to Settings when the wizard was opened from there, nothing at first run).
 */
export function SetupScreen({ onLeave, onBack }: { onLeave: () => void; onBack?: () => void }) {
  const { t } = useTranslation();
  const state = useSetup((s) => s.state);
  const error = useSetup((s) => s.error);
  // The step shown follows the chosen one: subscribed so that choosing a step draws it.
  useSetup((s) => s.chosen);
  const { load, choose, skip } = useSetup.getState();
  useEffect(() => { void load(); }, [load]);
  const shown = useSetup.getState().step();
  const leave = () => { skip(); onLeave(); };
  const back = () => {
    // «Indietro» walks back one step; from step 1 (or the summary) out to Settings when opened from there.
    const i = shown ? WIZARD_STEPS.indexOf(shown) : -1;
    if (i > 0) choose(WIZARD_STEPS[i - 1]!);
    else onBack?.();
  };
  useKeys({ Escape: () => { back(); } });
  if (!state) return <div className="setup-screen"><ErrorBanner error={error} /></div>;
  const n = shown ? WIZARD_STEPS.indexOf(shown) + 1 : null;
  return (
    <div className="setup-screen" data-testid="setup-screen" data-step={shown ?? 'complete'} data-scan="keep">
      <aside className="setup-side">
        <h1>{t('setup.title')}</h1>
        <StepList shown={shown} />
        <button type="button" className="btn btn-plain" onClick={leave} data-testid="setup-skip">{shown ? t('setup.skipToTill') : t('setup.toTill')}</button>
        {shown ? <p className="muted small">{t('setup.skipHint')}</p> : null}
      </aside>
      <section className="setup-main">
        {n ? <div className="muted">{t('setup.stepOf', { n, total: WIZARD_STEPS.length })} · <span className="setup-keys"><Kbd k="↵" /> <Kbd k="Esc" /> {t('setup.keysHint')}</span></div> : null}
        {shown === 'shop' ? <ShopStep key="shop" /> : null}
        {shown === 'ade' ? <AdeStep key="ade" onBack={() => choose('shop')} onNext={() => choose(null)} /> : null}
        {shown === 'printer' ? <PrinterStep key="printer" /> : null}
        {shown === 'departments' ? <DepartmentsStep key="departments" /> : null}
        {shown === 'catalogue' ? <CatalogueStep key="catalogue" /> : null}
        {shown === 'people' ? <PeopleStep key="people" /> : null}
        {shown === null ? <SetupComplete onLeave={onLeave} /> : null}
      </section>
    </div>
  );
}
