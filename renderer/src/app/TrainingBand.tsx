// Training mode (issue #12): a band on every screen, login included, that a cashier cannot miss
// (also at 800×600), while the till issues no fiscal document. Once someone is logged in it offers
// «Esci dalla modalità prova»: a manager action (a cashier is asked for a manager's PIN), refused
// by the backend in Italian, naming the set-up steps still missing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api/client.js';
import { useApp } from '../kit/app-store.js';
import { useStatus } from './status-store.js';

export function TrainingBand({ loggedIn }: { loggedIn: boolean }) {
  const { t } = useTranslation();
  const training = useStatus((s) => s.status?.training);
  const [busy, setBusy] = useState(false);
  if (!training?.training) return null;
  const leave = async () => {
    setBusy(true);
    const r = await getApi().callWithApproval('setup.leaveTraining', {});
    setBusy(false);
    if (r.ok) useApp.getState().notify({ kind: 'success', text: t('training.left') });
    else if (r.error.code !== 'MANAGER_REQUIRED') useApp.getState().notify({ kind: 'error', error: r.error });
    void useStatus.getState().refresh();
  };
  return (
    <div className="training-band" role="status" data-testid="training-band" title={t('training.explain')}>
      <strong className="training-band-title">{t('training.band')}</strong>
      <span className="training-band-explain">{t('training.explain')}</span>
      {loggedIn ? (
        <button type="button" className="btn btn-small training-band-leave" disabled={busy} onClick={() => void leave()} data-testid="training-leave">
          {t('training.leave')}
        </button>
      ) : null}
    </div>
  );
}
