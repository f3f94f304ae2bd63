// Steps 3–5: the final transmission (with progress), closing (a note when documents are not
// accepted), printing the Z and saving the PDF.
import { useTranslation } from 'react-i18next';
import { closeBlocked, currentReport, useEndOfDay } from './store.js';
import { formatEuro } from '../../../../shared/money.js';
import { romeDateTimeLabel } from '../../../../shared/time.js';
import { KeyButton } from '../../kit/ui.js';
import { useApp } from '../../kit/app-store.js';

// A stable empty list: a selector must not return a new array on every call.
const NONE: never[] = [];

function NotReadyList() {
  const { t } = useTranslation();
  const list = useEndOfDay((s) => currentReport(s)?.fiscal.notReady) ?? NONE;
  if (list.length === 0) return null;
  return (
    <div className="eod-table" data-testid="not-ready-list">
      <h3>{t('endOfDay.sync.notReadyTitle')}</h3>
      {list.map((d) => (
        <div key={d.id} className={`eod-row eod-row-3 ${d.bucket === 'failed' ? 'bad' : ''}`} data-testid="not-ready-row" data-bucket={d.bucket}>
          <span className="mono">{d.number}</span>
          <span>{romeDateTimeLabel(d.createdAt)} · {formatEuro(d.totalCents)}</span>
          <span>
            {t(`endOfDay.sync.state.${d.state}`, { defaultValue: t('endOfDay.sync.stateOther') })}
            {/* The transmission's own message (often the API's, in English) only as a labelled detail. */}
            {d.errorMessage ? <span className="muted small eod-detail">{t('endOfDay.sync.detail', { message: d.errorMessage })}</span> : null}
          </span>
        </div>
      ))}
    </div>
  );
}

export function SyncStep() {
  const { t } = useTranslation();
  const fiscal = useEndOfDay((s) => currentReport(s)?.fiscal);
  const syncing = useEndOfDay((s) => s.syncing);
  const result = useEndOfDay((s) => s.sync);
  const total = fiscal?.total ?? 0;
  const ready = fiscal?.ready ?? 0;
  const pct = total === 0 ? 100 : Math.round((ready * 100) / total);
  return (
    <div className="eod-step-body" data-testid="eod-sync">
      <h2>{t('endOfDay.sync.title')}</h2>
      <p className="muted">{t('endOfDay.sync.hint')}</p>
      <div className="eod-progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={ready}>
        <div className={`eod-progress-bar w${Math.round(pct / 5) * 5}`} />
      </div>
      <div data-testid="sync-progress">{t('endOfDay.sync.progress', { ready, count: total })}</div>
      <div className="eod-counts">
        <span className="badge badge-ready">{t('endOfDay.sync.ready')} {fiscal?.ready ?? 0}</span>
        <span className="badge badge-queued">{t('endOfDay.sync.pending')} {fiscal?.pending ?? 0}</span>
        <span className="badge badge-error">{t('endOfDay.sync.failed')} {fiscal?.failed ?? 0}</span>
      </div>
      <div className="eod-actions">
        <KeyButton variant="primary" label={syncing ? t('endOfDay.sync.running') : t('endOfDay.sync.run')} onClick={() => void useEndOfDay.getState().finalSync()} disabled={syncing} testId="sync-run" />
      </div>
      {result && !result.ran ? <div className="notice notice-warn" data-testid="sync-not-run">{t('endOfDay.sync.notRun')}</div> : null}
      {result && result.ran && !result.ok ? <div className="notice notice-warn" data-testid="sync-failed">{t('endOfDay.sync.failedRun', { error: result.error })}</div> : null}
      {fiscal && total > 0 && ready === total ? <div className="notice notice-ok" data-testid="sync-all-ready">{t('endOfDay.sync.allReady')}</div> : null}
      <NotReadyList />
    </div>
  );
}

export function CloseStep() {
  const { t } = useTranslation();
  const r = useEndOfDay((s) => currentReport(s));
  const note = useEndOfDay((s) => s.note);
  const force = useEndOfDay((s) => s.force);
  const busy = useEndOfDay((s) => s.busy);
  const sync = useEndOfDay((s) => s.sync);
  const blocked = useEndOfDay((s) => closeBlocked(s));
  const notReady = r ? r.fiscal.pending + r.fiscal.failed : 0;
  if (blocked)
    // After the evening's Z there is nothing to close tonight: say so, offer no button.
    return (
      <div className="eod-step-body" data-testid="eod-close">
        <h2>{t('endOfDay.close.title')}</h2>
        <div className="notice" data-testid="close-blocked" data-code={blocked.code}>{t('endOfDay.close.blocked')}</div>
      </div>
    );
  return (
    <div className="eod-step-body" data-testid="eod-close">
      <h2>{t('endOfDay.close.title')}</h2>
      <p className="muted">{t('endOfDay.close.hint')}</p>
      {r && !r.cash.count ? <div className="notice notice-warn" data-testid="close-no-count">{t('endOfDay.close.noCount')}</div> : null}
      {notReady > 0 ? <div className="notice notice-warn" data-testid="close-unsent">{t('endOfDay.close.unsent', { count: notReady })}</div> : null}
      <label className="field"><span>{t('endOfDay.close.note')}</span>
        <textarea rows={3} value={note} placeholder={t('endOfDay.close.notePlaceholder')} onChange={(e) => useEndOfDay.getState().setNote(e.target.value)} data-testid="close-note" />
      </label>
      {sync?.ran && !sync.ok ? (
        <label className="check"><input type="checkbox" checked={force} onChange={(e) => useEndOfDay.getState().setForce(e.target.checked)} data-testid="close-force" />{t('endOfDay.close.force')}</label>
      ) : null}
      <NotReadyList />
      <div className="eod-actions">
        <KeyButton variant="primary" label={t('endOfDay.close.button')} onClick={() => void useEndOfDay.getState().close()} disabled={busy} testId="close-day" />
      </div>
    </div>
  );
}

function save(file: { fileName: string; bytes: Uint8Array }): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PrintStep() {
  const { t } = useTranslation();
  const closed = useEndOfDay((s) => s.closed);
  const printed = useEndOfDay((s) => s.printJobId !== null);
  if (!closed) return null;
  const print = () => void useEndOfDay.getState().print();
  const pdf = async () => {
    const f = await useEndOfDay.getState().pdf();
    if (f) save(f);
  };
  return (
    <div className="eod-step-body" data-testid="eod-print">
      <h2 data-testid="closed-title">{t('endOfDay.print.title', { z: closed.zNumber })}</h2>
      <p className="muted">{t('endOfDay.print.hint')}</p>
      <div className="eod-actions">
        <KeyButton variant="primary" label={t('endOfDay.print.print')} onClick={print} testId="print-z" />
        <KeyButton label={t('endOfDay.print.pdf')} onClick={() => void pdf()} testId="pdf-z" />
        <KeyButton label={t('endOfDay.print.another')} onClick={() => { useEndOfDay.getState().reset(); useApp.getState().navigate('sale'); }} testId="eod-done" />
      </div>
      {printed ? <div className="notice notice-ok" data-testid="print-queued">{t('endOfDay.print.queued')}</div> : null}
    </div>
  );
}
