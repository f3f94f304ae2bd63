// Always visible at the bottom: network, fiscal queue (count, last success, 23:55–00:00 pause),
// printer, operator. Problems say what to do, in the operator's language.
import { useTranslation } from 'react-i18next';
import { useStatus } from './status-store.js';
import { dayLabel, romeDateTimeLabel } from '../../../shared/time.js';

function Item({ state, label, detail, title, testId }: { state: 'ok' | 'warn' | 'bad' | 'idle'; label: string; detail?: string | null; title?: string | null; testId: string }) {
  return (
    <div className={`sb-item sb-${state}`} data-testid={testId} data-state={state} title={title ?? detail ?? undefined}>
      <span className="sb-dot" />
      <span className="sb-label">{label}</span>
      {detail ? <span className="sb-detail">{detail}</span> : null}
    </div>
  );
}

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const status = useStatus((s) => s.status);
  const unreachable = useStatus((s) => s.unreachable);
  const en = i18n.language === 'en';
  if (unreachable || !status) {
    return <footer className="status-bar"><Item state="bad" label={t('status.backendDown')} testId="sb-backend" /></footer>;
  }
  const { sync, printer } = status;
  const net = sync.online === null ? { s: 'idle' as const, l: t('status.netUnknown') } : sync.online ? { s: 'ok' as const, l: t('status.online') } : { s: 'bad' as const, l: t('status.offline') };
  const last = sync.lastSuccessAt ? t('status.lastSuccess', { time: romeDateTimeLabel(sync.lastSuccessAt).slice(11) }) : null;
  const fiscalState = sync.problem ? 'bad' : sync.failed > 0 ? 'bad' : sync.blackout || sync.queued > 0 ? 'warn' : 'ok';
  const fiscalLabel = sync.blackout
    ? t('status.blackout')
    : sync.failed > 0
      ? t('status.fiscalFailed', { count: sync.failed })
      : sync.queued > 0 ? t('status.fiscalQueued', { count: sync.queued }) : t('status.fiscalOk');
  const fiscalDetail = sync.problem ? (en ? sync.problemEn : sync.problem) : last;
  const printerState = printer.state === 'ok' ? 'ok' : printer.state === 'unknown' || printer.state === 'not_configured' ? 'idle' : 'bad';
  const printerLabel = t(`status.printer.${printer.state}`) + (printer.queued > 0 ? ` · ${t('status.printQueued', { count: printer.queued })}` : '');
  return (
    <footer className="status-bar" data-testid="status-bar">
      <Item state={net.s} label={net.l} testId="sb-network" />
      <Item state={fiscalState} label={fiscalLabel} detail={fiscalDetail} testId="sb-fiscal" />
      <Item state={printerState} label={printerLabel} title={en ? printer.messageEn : printer.message} testId="sb-printer" />
      <div className="sb-spacer" />
      <div className="sb-item sb-plain" data-testid="sb-day">{t('status.day', { day: dayLabel(status.businessDay), count: status.today.sales })}</div>
      {status.operator ? <div className="sb-item sb-plain" data-testid="sb-operator">{status.operator.name} · {t(`roles.${status.operator.role}`)}</div> : null}
    </footer>
  );
}
