// The shell: top bar with the function keys, the current screen, the status bar, and the dialogs
// any screen may need (manager approval, notices). The scanner is heard on every screen.
import type { SetupStep } from '../../../shared/contract/setup.js';
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../kit/app-store.js';
import type { Route } from '../kit/routes.js';
import { useKeys } from '../kit/keys.js';
import { installScanner } from '../kit/scanner.js';
import { Kbd, useErrorText } from '../kit/ui.js';
import { NAV_KEYS } from './nav-keys.js';
import { StatusBar } from './StatusBar.js';
import { ApprovalDialog } from './ApprovalDialog.js';
import { useStatus } from './status-store.js';
import { useInvoiceQueue } from './invoice-queue-store.js';
import { TrainingBand } from './TrainingBand.js';
import { handOver, logIn, onScan } from './orchestration.js';
import { useLogin } from '../features/login/store.js';
import { LoginScreen } from '../features/login/LoginScreen.js';
import { navigate } from '../features/counter/counter.js';
import { usePayment } from '../features/counter/payment-store.js';
import { SaleScreen } from '../features/counter/SaleScreen.js';
import { PaymentScreen } from '../features/counter/PaymentScreen.js';
import { useReturns } from '../features/returns/store.js';
import { ReturnsScreen } from '../features/returns/ReturnsScreen.js';
import { HistoryScreen } from '../features/history/HistoryScreen.js';
import { CatalogScreen } from '../features/catalog/CatalogScreen.js';
import { CustomersScreen } from '../features/customers/CustomersScreen.js';
import { SettingsScreen } from '../features/settings/SettingsScreen.js';
import { EndOfDayScreen } from '../features/end-of-day/EndOfDayScreen.js';
import { ReconciliationScreen } from '../features/reconciliation/ReconciliationScreen.js';
import { useSetup } from '../features/setup/store.js';
import { SetupScreen } from '../features/setup/SetupScreen.js';

/** The session carries the shop's language: read again once the settings are saved. */
const refreshSession = () => useLogin.getState().refresh();

/** The guided set-up, opened from Settings: Esc on its first step comes back here. */
const openGuidedSetup = (step?: SetupStep) => {
  useSetup.getState().reopen(true);
  if (step) useSetup.getState().choose(step);
  navigate('setup');
};

function Settings() {
  return <SettingsScreen onSaved={refreshSession} onGuidedSetup={openGuidedSetup} />;
}

function Setup() {
  const fromSettings = useSetup((s) => s.fromSettings);
  // The shop's name and Partita IVA may have changed: the session and the status bar read them.
  const leave = () => { void refreshSession(); void useStatus.getState().refresh(); navigate('sale'); };
  return <SetupScreen onLeave={leave} {...(fromSettings ? { onBack: () => navigate('settings') } : {})} />;
}

/**
 * First run (issue #12): once a manager is in, the guided set-up opens at the step still to do
 * (setup.state says which; so a reload resumes there), until it is complete or the manager chooses
 * the till. A cashier cannot save it: the till opens as usual.
 */
function useGuidedSetupOnFirstRun(operator: { id: string; role: string } | undefined) {
  useEffect(() => {
    if (!operator || operator.role !== 'manager') return;
    let live = true;
    void useSetup.getState().load().then((state) => {
      if (!live || !state || state.current === 'complete' || useSetup.getState().skipped) return;
      useSetup.getState().reopen(false);
      navigate('setup');
    });
    return () => { live = false; };
  }, [operator?.id, operator?.role]);
}

const SCREENS: Record<Route, ComponentType> = {
  sale: SaleScreen,
  payment: PaymentScreen,
  returns: ReturnsScreen,
  history: HistoryScreen,
  catalog: CatalogScreen,
  customers: CustomersScreen,
  'end-of-day': EndOfDayScreen,
  reconciliation: ReconciliationScreen,
  settings: Settings,
  setup: Setup,
};

function TopBar() {
  const { t } = useTranslation();
  const route = useApp((s) => s.route);
  const operator = useLogin((s) => s.session?.operator);
  const go = (r: Route | 'logout') => {
    if (r === 'logout') void handOver();
    else navigate(r);
  };
  return (
    <header className="top-bar">
      <div className="brand"><span className="brand-mark small">B</span><span>Bancone</span></div>
      <nav className="nav">
        {NAV_KEYS.filter((n) => n.bar !== false).map((n) => (
          <button key={n.key} type="button" className={`nav-btn ${route === n.route || (route === 'payment' && n.route === 'sale') ? 'on' : ''}`} onClick={() => go(n.route)} data-testid={`nav-${n.route}`}>
            <Kbd k={n.key} /><span>{t(n.label)}</span>
          </button>
        ))}
      </nav>
      <div className="top-operator">{operator ? `${operator.name}` : ''}</div>
    </header>
  );
}

/** Messages that concern the whole till (a hand-over refused…), closed by the cashier. */
function Notices() {
  const notices = useApp((s) => s.notices);
  const text = useErrorText();
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  return (
    <div className="notices" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid="notice" data-code={n.error?.code ?? ''}>
          <span>{n.error ? text(n.error) : n.text}</span>
          <button type="button" className="btn btn-plain btn-small" onClick={() => useApp.getState().dismiss(n.id)}>{t('common.close')}</button>
        </div>
      ))}
    </div>
  );
}

/**
 * A document just committed (a sale, a return, a void): the status bar learns of it at once (queue
 * counts, the day's sales), without waiting for the change the backend pushes.
 */
function refreshStatusOnCommit(): () => void {
  const refresh = () => void useStatus.getState().refresh();
  const offPayment = usePayment.subscribe((s, prev) => { if (s.result && s.result.commit !== prev.result?.commit) refresh(); });
  const offReturns = useReturns.subscribe((s, prev) => { if (s.result && s.result.commit !== prev.result?.commit) refresh(); });
  return () => { offPayment(); offReturns(); };
}

/**
 * The printer cannot print a receipt that is waiting (paper out, cover open, off): said at the
 * counter in words, not only as a chip in the status bar — the customer is waiting for that paper.
 */
function PrinterAlert() {
  const { t } = useTranslation();
  const printer = useStatus((s) => s.status?.printer);
  if (!printer || printer.queued === 0 || printer.state === 'ok' || printer.state === 'unknown' || printer.state === 'not_configured') return null;
  const waiting = printer.waitingReceipt;
  return (
    <div className="printer-alert" role="alert" data-testid="printer-alert" data-state={printer.state}>
      <strong>
        {waiting ? t('counter.receiptWaiting', { number: waiting.documentNumber }) : t('counter.printsWaiting', { count: printer.queued })}
        {waiting && waiting.others > 0 ? ` ${t('counter.andOthers', { count: waiting.others })}` : ''}
      </strong>
      <span>{t(`counter.printerFix.${printer.state}`)}</span>
      {waiting?.drawerOpened ? <span className="printer-alert-drawer" data-testid="drawer-opened">{t('counter.drawerOpened')}</span> : null}
    </div>
  );
}

function Shell() {
  const route = useApp((s) => s.route);
  const operator = useLogin((s) => s.session?.operator ?? undefined);
  useGuidedSetupOnFirstRun(operator);
  const Screen = SCREENS[route];
  useKeys(Object.fromEntries(NAV_KEYS.map((n) => [n.key, () => {
    if (n.route === 'logout') void handOver();
    else navigate(n.route);
  }])));
  useEffect(() => installScanner(window, (code) => void onScan(code)), []);
  return (
    <div className="app">
      <TopBar />
      <TrainingBand loggedIn />
      <PrinterAlert />
      <Notices />
      <main className="screen">
        <Screen />
      </main>
      <StatusBar />
      <ApprovalDialog />
    </div>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const session = useLogin((s) => s.session);
  const language = session?.language;
  useEffect(() => { void useLogin.getState().refresh(); }, []);
  useEffect(() => useStatus.getState().start(), []);
  useEffect(() => useInvoiceQueue.getState().start(), []);
  useEffect(() => refreshStatusOnCommit(), []);
  // The shop's language setting (session.state) is the one source: it changes at start and when
  // the settings are saved (which refreshes the session).
  useEffect(() => {
    if (language && language !== i18n.language) void i18n.changeLanguage(language);
  }, [language, i18n]);
  useEffect(() => { document.documentElement.lang = i18n.language; }, [i18n.language]);
  if (!session || !session.operator) {
    return (
      <div className="app app-login">
        <TrainingBand loggedIn={false} />
        <LoginScreen logIn={logIn} />
      </div>
    );
  }
  return <Shell />;
}
