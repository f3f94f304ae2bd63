// Step 1: opening float, cash in, cash out (with a reason; a cash out needs a manager).
import { useTranslation } from 'react-i18next';
import { useEndOfDay } from './store.js';
import { formatEuro } from '../../../../shared/money.js';
import { romeDateTimeLabel } from '../../../../shared/time.js';
import { CASH_MOVEMENT_KINDS } from '../../../../shared/contract/reports.js';
import { KeyButton } from '../../kit/ui.js';

// A stable empty list: a selector must not return a new array on every call.
const NONE: never[] = [];

export function MovementsStep() {
  const { t } = useTranslation();
  const m = useEndOfDay((s) => s.movement);
  const busy = useEndOfDay((s) => s.busy);
  const movements = useEndOfDay((s) => s.status?.report.cash.movements) ?? NONE;
  const hasFloat = movements.some((x) => x.kind === 'float');
  const submit = () => void useEndOfDay.getState().addMovement();
  return (
    <div className="eod-step-body" data-testid="eod-movements">
      <h2>{t('endOfDay.movements.title')}</h2>
      <p className="muted">{t('endOfDay.movements.hint')}</p>
      <form className="eod-form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <fieldset className="segmented-field">
          <legend>{t('endOfDay.movements.kind')}</legend>
          <div className="segmented">
            {CASH_MOVEMENT_KINDS.map((k) => (
              <button key={k} type="button" className={m.kind === k ? 'on' : ''} disabled={k === 'float' && hasFloat}
                onClick={() => useEndOfDay.getState().setMovement({ kind: k })} data-testid={`movement-kind-${k}`}>
                {t(`endOfDay.movements.kinds.${k}`)}
              </button>
            ))}
          </div>
        </fieldset>
        <label className="field"><span>{t('endOfDay.movements.amount')}</span>
          <input inputMode="decimal" value={m.amount} onChange={(e) => useEndOfDay.getState().setMovement({ amount: e.target.value })} data-testid="movement-amount" />
        </label>
        <label className="field grow"><span>{t('endOfDay.movements.reason')}</span>
          <input value={m.reason} placeholder={t('endOfDay.movements.reasonPlaceholder')} onChange={(e) => useEndOfDay.getState().setMovement({ reason: e.target.value })} data-testid="movement-reason" />
        </label>
        <KeyButton variant="primary" label={t('endOfDay.movements.add')} onClick={submit} disabled={busy} testId="movement-add" />
      </form>
      {m.kind === 'out' ? <div className="muted small">{t('endOfDay.movements.managerNote')}</div> : null}
      <div className="eod-table" data-testid="movement-list">
        <div className="eod-row eod-headrow"><span>{t('endOfDay.movements.colKind')}</span><span>{t('endOfDay.movements.colTime')}</span><span>{t('endOfDay.movements.colReason')}</span><span className="num">{t('endOfDay.movements.colAmount')}</span></div>
        {movements.length === 0 ? <div className="muted eod-none">{t('endOfDay.movements.none')}</div> : null}
        {movements.map((x) => (
          <div key={x.id} className="eod-row" data-testid="movement-row" data-kind={x.kind}>
            <span>{t(`endOfDay.movements.kinds.${x.kind}`)}</span>
            <span>{romeDateTimeLabel(x.createdAt)}</span>
            <span>{x.reason}</span>
            <span className="num">{formatEuro(x.kind === 'out' ? -x.amountCents : x.amountCents)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
