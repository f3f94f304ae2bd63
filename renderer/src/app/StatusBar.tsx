// Always visible at the bottom: Openapi/AdE reachability, fiscal queue (count, 23:55–00:00 pause,
// stops), printer, operator. Every label tells the truth the sync last learnt (it checks Openapi
// every few minutes even when idle): never green when nothing is configured or nothing recent is
// known. Short labels in the bar; a click on either fiscal item opens the whole story (what is wrong,
// what to do, Openapi's own words labelled as such). Once the till joined a shop server (issue #14),
// its item too (serverIndicator), whose click opens the same panel.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TillStatus } from '../../../shared/contract/status.js';
import { useStatus } from './status-store.js';
import { invoicesToSend, useInvoiceQueue } from './invoice-queue-store.js';
import type { InvoiceQueue } from '../../../shared/contract/invoices.js';
import { dayLabel, romeDateTimeLabel } from '../../../shared/time.js';
import './status-bar.css';

type Tone = 'ok' | 'warn' | 'bad' | 'idle';

function Item({ state, label, detail, title, testId, onClick }: { state: Tone; label: string; detail?: string | null; title?: string | null; testId: string; onClick?: () => void }) {
  const body = (
    <>
      <span className="sb-dot" />
      <span className="sb-label">{label}</span>
      {detail ? <span className="sb-detail">{detail}</span> : null}
    </>
  );
  if (onClick) {
    return (
      <button type="button" className={`sb-item sb-button sb-${state}`} data-testid={testId} data-state={state} title={title ?? detail ?? label} onClick={onClick}>
        {body}
      </button>
    );
  }
  return <div className={`sb-item sb-${state}`} data-testid={testId} data-state={state} title={title ?? detail ?? undefined}>{body}</div>;
}

const time = (iso: string) => romeDateTimeLabel(iso).slice(11);

interface SyncIndicators {
  network: { state: Tone; label: string };
  fiscal: { state: Tone; label: string; detail: string | null };
  /** The whole story, for the details panel: full sentences, the API's words labelled. */
  details: string[];
}

/** What the two fiscal items of the bar say (pure). */
function syncIndicators(sync: TillStatus['sync'], training: TillStatus['training'], t: TFunction, en: boolean): SyncIndicators {
  // Training mode (issue #12): while set-up steps 1–2 are missing the AdE is «non configurata»
  // (amber, never green), whatever a stray token in the environment lets the sync reach; until a
  // manager leaves training nothing is sent, and the fiscal item says so.
  if (training.training) {
    const setUp = training.missing.length === 0;
    return {
      network: setUp
        ? { state: sync.api === 'offline' || sync.api === 'unreachable' ? 'bad' : 'warn', label: t(`status.api.${sync.api}`) }
        : { state: 'warn', label: t('status.setupMissing') },
      fiscal: { state: 'warn', label: t('status.training'), detail: null },
      details: [setUp ? t(`status.apiLong.${sync.api}`) : t('status.setupMissingLong'), t('status.trainingLong')],
    };
  }
  const networkState: Tone = sync.api === 'ok' ? 'ok' : sync.api === 'offline' || sync.api === 'unreachable' ? 'bad' : sync.api === 'checking' ? 'idle' : 'warn';
  const network = { state: networkState, label: t(`status.api.${sync.api}`) };
  const last = sync.lastSuccessAt ? t('status.lastSuccess', { time: time(sync.lastSuccessAt) }) : null;
  let fiscal: SyncIndicators['fiscal'];
  const stopKey = sync.stop === 'auth' ? 'auth' : ['NOT_REGISTERED', 'RECEIPTS_DISABLED', 'WRONG_ADDRESS'].includes(sync.stopCode ?? '') ? sync.stopCode! : 'other';
  if (sync.stop) {
    fiscal = { state: 'bad', label: t(`status.stopped.${stopKey}`), detail: null };
  } else if (sync.failed > 0) {
    fiscal = { state: 'bad', label: t('status.fiscalFailed', { count: sync.failed }), detail: null };
  } else if (sync.blackout) {
    fiscal = { state: 'warn', label: t('status.blackout'), detail: null };
  } else if (sync.api === 'not_configured') {
    fiscal = { state: 'warn', label: sync.queued > 0 ? t('status.fiscalNotConfigured', { count: sync.queued }) : t('status.fiscalIdle'), detail: null };
  } else if (sync.queued > 0) {
    fiscal = { state: 'warn', label: t('status.fiscalQueued', { count: sync.queued }), detail: null };
  } else if (sync.api === 'ok') {
    fiscal = { state: 'ok', label: t('status.fiscalOk'), detail: last };
  } else {
    // Nothing queued, but Openapi not known to be reachable now: not a green «tutto inviato».
    fiscal = { state: 'idle', label: t('status.fiscalIdle'), detail: null };
  }
  if (sync.problem && !sync.stop) fiscal.detail = en ? sync.problemEn : sync.problem;
  // The panel speaks in full sentences (the bar's short labels say the same in a few words).
  const details = [t(`status.apiLong.${sync.api}`)];
  if (sync.stop) details.push(t(`status.stoppedLong.${stopKey}`));
  if (sync.problem) details.push((en ? sync.problemEn : sync.problem) ?? sync.problem);
  if (sync.apiMessage) details.push(t('status.apiMessage', { message: sync.apiMessage }));
  if (sync.failed > 0) details.push(t('status.failedHint', { count: sync.failed }));
  if (sync.queued > 0) details.push(t('status.queuedHint', { count: sync.queued }));
  if (sync.apiCheckedAt) details.push(t('status.apiChecked', { time: time(sync.apiCheckedAt) }));
  if (last) details.push(last);
  return { network, fiscal, details };
}

/**
 * The invoice queue's item (issue #13), only when it matters: stopped while a service is chosen or
 * invoices wait («Fatture ferme»), invoices the service refused, or invoices waiting to go. Nothing
 * when there is nothing to send and nothing wrong. A short label; the whole sentence (what stops the
 * queue, the next attempt) is its tooltip and a line of the details panel.
 */
function invoiceIndicator(q: InvoiceQueue | null, t: TFunction, en: boolean): { state: Tone; label: string; detail: string | null } | null {
  if (!q) return null;
  const toSend = invoicesToSend(q);
  const failed = q.counts.failed ?? 0;
  if (q.stopped && (q.provider !== null || toSend > 0)) {
    return { state: 'bad', label: toSend > 0 ? `${t('invoiceScreens.barStopped')} · ${toSend}` : t('invoiceScreens.barStopped'), detail: en ? q.stopped.messageEn : q.stopped.message };
  }
  if (failed > 0) return { state: 'bad', label: t('invoiceScreens.barFailed', { count: failed }), detail: null };
  if (toSend > 0) {
    return { state: 'warn', label: t('invoiceScreens.barToSend', { count: toSend }), detail: q.nextAttemptAt ? t('invoiceScreens.barNextAttempt', { time: time(q.nextAttemptAt) }) : null };
  }
  return null;
}

/**
 * The shop server's item (issue #14), hidden while the till has not joined one. All fine and nothing
 * waiting: a quiet «Server ✓». A shopkeeper with two tills wants to see, at a glance, that this one is
 * linked — with no item at all «not joined» and «all sent» would look the same, and a till that was
 * just paired would not confirm it. Waiting entries: how many; unreachable: amber, not red, and it says
 * the till sells anyway (the server is never in the sale's or the AdE's path); not recognised or a
 * broken journal: red, with what to do. `short` is the same in fewer words for a bar under 900 px.
 */
function serverIndicator(server: TillStatus['server'], t: TFunction, en: boolean): { state: Tone; label: string; short: string; details: string[] } | null {
  if (!server) return null;
  const n = server.pending;
  let state: Tone;
  let label: string;
  let short: string | null = null;
  switch (server.state) {
    case 'unreachable':
      state = 'warn';
      label = n > 0 ? t('shopServer.bar.unreachablePending', { count: n }) : t('shopServer.bar.unreachable');
      short = n > 0 ? t('shopServer.bar.short.unreachablePending', { count: n }) : t('shopServer.bar.short.unreachable');
      break;
    case 'auth':
      state = 'bad'; label = t('shopServer.bar.auth'); short = t('shopServer.bar.short.auth');
      break;
    case 'chain_broken':
      state = 'bad'; label = t('shopServer.bar.chain_broken', { entry: server.chainBrokenAt ?? '?' }); short = t('shopServer.bar.short.chain_broken');
      break;
    case 'refused':
      state = 'bad'; label = t('shopServer.bar.refused');
      break;
    default:
      state = n > 0 ? 'warn' : server.state === 'ok' ? 'ok' : 'idle';
      label = n > 0 ? t('shopServer.bar.pending', { count: n }) : server.state === 'ok' ? t('shopServer.bar.ok') : t('shopServer.bar.checking');
  }
  const details = [t('shopServer.details', { url: server.url, till: server.tillCode }), t(`shopServer.state.${server.state}`, { entry: server.chainBrokenAt ?? '?' }),
    n > 0 ? t('shopServer.pending', { count: n }) : t('shopServer.pendingNone'),
    server.lastUploadAt ? t('shopServer.lastUpload', { time: romeDateTimeLabel(server.lastUploadAt) }) : t('shopServer.neverUploaded')];
  if (server.problem) details.push((en ? server.problemEn : server.problem) ?? server.problem);
  return { state, label, short: short ?? label, details };
}

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const status = useStatus((s) => s.status);
  const unreachable = useStatus((s) => s.unreachable);
  const invoiceQueue = useInvoiceQueue((s) => s.queue);
  const [open, setOpen] = useState(false);
  const en = i18n.language === 'en';
  if (unreachable || !status) {
    return <footer className="status-bar"><Item state="bad" label={t('status.backendDown')} testId="sb-backend" /></footer>;
  }
  const { sync, printer } = status;
  const ind = syncIndicators(sync, status.training, t, en);
  const printerState = printer.state === 'ok' ? 'ok' : printer.state === 'unknown' || printer.state === 'not_configured' ? 'idle' : 'bad';
  const printerLabel = t(`status.printer.${printer.state}`) + (printer.queued > 0 ? ` · ${t('status.printQueued', { count: printer.queued })}` : '');
  // The whole sentence (what to do) is the tooltip; the counter's alert says it in words too.
  const printerTitle = (en ? printer.messageEn : printer.message) ?? printerLabel;
  const toggle = () => setOpen((o) => !o);
  const invoices = invoiceIndicator(invoiceQueue, t, en);
  const server = serverIndicator(status.server, t, en);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <Item state={ind.network.state} label={ind.network.label} testId="sb-network" onClick={toggle} />
      <Item state={ind.fiscal.state} label={ind.fiscal.label} detail={ind.fiscal.detail} testId="sb-fiscal" onClick={toggle} />
      {invoices ? <Item state={invoices.state} label={invoices.label} title={invoices.detail ?? invoices.label} testId="sb-invoices" onClick={toggle} /> : null}
      {server ? (
        <button type="button" className={`sb-item sb-button sb-${server.state}`} data-testid="sb-server" data-state={server.state} title={server.label} onClick={toggle}>
          <span className="sb-dot" />
          <span className="sb-label sb-long">{server.label}</span>
          <span className="sb-label sb-short">{server.short}</span>
        </button>
      ) : null}
      <Item state={printerState} label={printerLabel} title={printerTitle} testId="sb-printer" />
      <div className="sb-spacer" />
      <div className="sb-item sb-plain" data-testid="sb-day">{t('status.day', { day: dayLabel(status.businessDay), count: status.today.sales })}</div>
      {status.operator ? <div className="sb-item sb-plain" data-testid="sb-operator">{status.operator.name}<span className="sb-role"> · {t(`roles.${status.operator.role}`)}</span></div> : null}
      {open ? (
        <div className="sb-panel" data-testid="sb-details" role="dialog" aria-label={t('status.detailsTitle')}>
          <div className="sb-panel-head">
            <strong>{t('status.detailsTitle')}</strong>
            <button type="button" className="btn btn-small" onClick={() => setOpen(false)} data-testid="sb-details-close">{t('common.close')}</button>
          </div>
          {ind.details.map((line, i) => <p key={i} className={i === 0 ? 'sb-panel-main' : undefined}>{line}</p>)}
          {server ? <div data-testid="sb-server-details">{server.details.map((line, i) => <p key={i} className={i === 0 ? 'sb-panel-main' : undefined}>{line}</p>)}</div> : null}
          {invoices ? <p data-testid="sb-invoices-details">{invoices.detail ? `${invoices.label}: ${invoices.detail}` : invoices.label}</p> : null}
        </div>
      ) : null}
    </footer>
  );
}
