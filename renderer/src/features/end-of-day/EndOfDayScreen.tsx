// The guided end of day: a stepper on top (movements → count → final sync → close → print), the
// step on the left, the day's key figures and the report as it will print on the right.
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { STEPS, closeBlocked, currentReport, expectedHidden, useEndOfDay, type Step } from './store.js';
import { formatEuro } from '../../../../shared/money.js';
import { dayLabel } from '../../../../shared/time.js';
import { ErrorBanner, KeyButton, useErrorText } from '../../kit/ui.js';
import { ReceiptPreview } from '../../kit/ReceiptPreview.js';
import { useApp } from '../../kit/app-store.js';
import { MovementsStep } from './MovementsStep.js';
import { CountStep } from './CountStep.js';
import { CloseStep, PrintStep, SyncStep } from './FinishSteps.js';
import './end-of-day.css';

function Stepper() {
  const { t } = useTranslation();
  const step = useEndOfDay((s) => s.step);
  const closed = useEndOfDay((s) => s.closed !== null);
  const at = STEPS.indexOf(step);
  return (
    <ol className="eod-steps" data-testid="eod-steps">
      {STEPS.map((s, i) => {
        // Once closed only the print step is left; before closing, print waits for the Z.
        const disabled = closed ? s !== 'print' : s === 'print';
        return (
          <li key={s}>
            <button type="button" className={`eod-step ${s === step ? 'on' : ''} ${i < at ? 'done' : ''}`} disabled={disabled}
              onClick={() => void useEndOfDay.getState().next(s)} data-testid={`eod-step-${s}`}>
              <span className="eod-step-n">{i + 1}</span><span>{t(`endOfDay.steps.${s}`)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

function Summary() {
  const { t } = useTranslation();
  const r = useEndOfDay((s) => currentReport(s));
  const hidden = useEndOfDay((s) => expectedHidden(s));
  if (!r) return null;
  const notReady = r.fiscal.pending + r.fiscal.failed;
  return (
    <div className="eod-figures" data-testid="eod-summary">
      <div className="eod-figure"><span>{t('endOfDay.summary.net')}</span><strong data-testid="eod-net">{formatEuro(r.netCents)}</strong></div>
      <div className="eod-figure"><span>{t('endOfDay.summary.sales', { count: r.sales.count })}</span><strong>{formatEuro(r.sales.totalCents)}</strong></div>
      <div className="eod-figure"><span>{t('endOfDay.summary.refunds', { count: r.returns.count + r.voids.count })}</span><strong>{formatEuro(-(r.returns.totalCents + r.voids.totalCents))}</strong></div>
      {/* Sales invoiced at the counter (issue #13): not in the corrispettivi above, their money is in the cash. */}
      {r.atSale && r.atSale.sales.count + r.atSale.creditNotes.count > 0 ? (
        <div className="eod-figure" data-testid="eod-at-sale"><span>{t('counterInvoice.eodLine', { count: r.atSale.sales.count })}</span><strong>{formatEuro(r.atSale.netCents)}</strong></div>
      ) : null}
      <div className="eod-figure"><span>{t('endOfDay.summary.expected')}</span><strong data-testid="eod-expected">{hidden ? t('endOfDay.summary.afterCount') : formatEuro(r.cash.expectedCents)}</strong></div>
      <div className={`eod-figure ${notReady > 0 ? 'warn' : 'ok'}`}><span>{t('endOfDay.summary.notReady')}</span><strong data-testid="eod-not-ready">{notReady}</strong></div>
    </div>
  );
}

/** After the evening's Z: the day is closed, tomorrow has not begun; the last Z can be printed again. */
function ClosedNotice() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const blocked = useEndOfDay((s) => closeBlocked(s));
  const last = useEndOfDay((s) => s.status?.lastClosure);
  if (!blocked) return null;
  const reprint = () => void useEndOfDay.getState().print({ type: 'z' });
  return (
    <div className="notice notice-warn eod-closed-notice" role="status" data-testid="eod-closed-notice" data-code={blocked.code}>
      <span>{errorText(blocked)}</span>
      {last ? <KeyButton label={t('endOfDay.print.reprintZ', { z: last.zNumber })} onClick={reprint} testId="reprint-z" /> : null}
    </div>
  );
}

const BODY: Record<Step, ComponentType> = {
  movements: MovementsStep,
  count: CountStep,
  sync: SyncStep,
  close: CloseStep,
  print: PrintStep,
};

export function EndOfDayScreen() {
  const { t } = useTranslation();
  const step = useEndOfDay((s) => s.step);
  const status = useEndOfDay((s) => s.status);
  const closed = useEndOfDay((s) => s.closed);
  const error = useEndOfDay((s) => s.error);
  const preview = useEndOfDay((s) => s.preview);
  const busy = useEndOfDay((s) => s.busy);
  // Blind count: the report on paper shows the expected cash, so it waits for the count too.
  const hidePreview = useEndOfDay((s) => expectedHidden(s));
  useEffect(() => {
    // Coming back after a closing starts a fresh day.
    if (useEndOfDay.getState().closed) useEndOfDay.getState().reset();
    void useEndOfDay.getState().load();
  }, []);
  const Body = BODY[step];
  // Confirmed on this screen (the print step confirms the Z itself).
  const printed = useEndOfDay((s) => s.printJobId !== null && s.closed === null);
  const printX = () => void useEndOfDay.getState().print();
  const at = STEPS.indexOf(step);
  const day = closed?.businessDay ?? status?.businessDay;
  return (
    <div className="eod-screen" data-testid="end-of-day-screen">
      <section className="eod-main">
        <header className="eod-head">
          <div>
            <h1>{t('endOfDay.title')}</h1>
            <div className="muted">
              {day ? t('endOfDay.day', { day: dayLabel(day) }) : ''}
              {' · '}
              {status?.lastClosure ? t('endOfDay.lastZ', { z: status.lastClosure.zNumber, day: dayLabel(status.lastClosure.businessDay) }) : t('endOfDay.noZYet')}
            </div>
          </div>
          <div className="eod-head-actions">
            <KeyButton k="Shift+F8" label={t('nav.reconciliation')} onClick={() => useApp.getState().navigate('reconciliation')} testId="open-reconciliation" />
            {!closed ? <KeyButton label={t('endOfDay.print.printX')} onClick={printX} testId="print-x" /> : null}
          </div>
        </header>
        <ClosedNotice />
        {printed ? <div className="notice notice-ok" role="status" data-testid="print-queued">{t('endOfDay.print.queued')}</div> : null}
        <Stepper />
        <ErrorBanner error={error} onClose={() => useEndOfDay.setState({ error: null })} testId="eod-error" />
        <div className="eod-body"><Body /></div>
        {!closed && at < STEPS.indexOf('close') ? (
          <footer className="eod-nav">
            {at > 0 ? <KeyButton label={t('endOfDay.back')} onClick={() => useEndOfDay.getState().goTo(STEPS[at - 1]!)} testId="eod-back" /> : <span />}
            <KeyButton variant="primary" label={t('endOfDay.next')} onClick={() => void useEndOfDay.getState().next()} disabled={busy} testId="eod-next" />
          </footer>
        ) : null}
      </section>
      <aside className="eod-side">
        <Summary />
        <div className="eod-preview-title muted">{t('endOfDay.preview')}</div>
        <div className="eod-preview">
          {hidePreview ? <p className="muted eod-preview-hidden" data-testid="eod-preview-hidden">{t('endOfDay.previewAfterCount')}</p> : <ReceiptPreview layout={preview} />}
        </div>
      </aside>
    </div>
  );
}
