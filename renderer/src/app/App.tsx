// The shell: top bar with the function keys, the current screen, the status bar, and the dialogs
// any screen may need (manager approval, notices). The scanner is heard on every screen.
import { Suspense, lazy, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './store.js';
import { NAV_KEYS, type Route } from './routes.js';
import { useKeys } from './keys.js';
import { installScanner } from './scanner.js';
import { StatusBar } from './StatusBar.js';
import { ApprovalDialog } from './ApprovalDialog.js';
import { useStatus } from './status-store.js';
import { Kbd } from './ui.js';
import { useLogin } from '../features/login/store.js';
import { LoginScreen } from '../features/login/LoginScreen.js';
import { SaleScreen } from '../features/sale/SaleScreen.js';
import { PaymentScreen } from '../features/payment/PaymentScreen.js';
import { ReturnsScreen } from '../features/returns/ReturnsScreen.js';
import { HistoryScreen } from '../features/history/HistoryScreen.js';
import { CatalogScreen } from '../features/catalog/CatalogScreen.js';
import { SettingsScreen } from '../features/settings/SettingsScreen.js';
import { useSale } from '../features/sale/store.js';
import { useReturns } from '../features/returns/store.js';
import { useHistory } from '../features/history/store.js';
import { useCatalog } from '../features/catalog/store.js';

// The end-of-day feature lives in its own folder; until it exists the route shows a placeholder.
const endOfDayModules = import.meta.glob<{ default: ComponentType }>('../features/end-of-day/index.tsx');
const endOfDayLoader = Object.values(endOfDayModules)[0];
const EndOfDay = endOfDayLoader ? lazy(endOfDayLoader) : null;

function EndOfDayPlaceholder() {
  const { t } = useTranslation();
  return <div className="placeholder" data-testid="end-of-day-placeholder">{t('endOfDay.notAvailable')}</div>;
}

const SCREENS: Record<Route, ComponentType> = {
  sale: SaleScreen,
  payment: PaymentScreen,
  returns: ReturnsScreen,
  history: HistoryScreen,
  catalog: CatalogScreen,
  'end-of-day': EndOfDay ?? EndOfDayPlaceholder,
  settings: SettingsScreen,
};

const RECEIPT_QR = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a scan means on each screen. A receipt's QR (its id) opens the return wherever the till is. */
function onScan(code: string): void {
  const route = useApp.getState().route;
  if (RECEIPT_QR.test(code) && route !== 'history' && route !== 'payment') {
    useReturns.getState().reset();
    void useReturns.getState().load(code);
    useApp.getState().navigate('returns');
  } else if (route === 'sale') void useSale.getState().scan(code);
  else if (route === 'returns') void useReturns.getState().load(code);
  else if (route === 'history') void useHistory.getState().open(code);
  else if (route === 'catalog') useCatalog.getState().setText(code);
}

function TopBar() {
  const { t } = useTranslation();
  const route = useApp((s) => s.route);
  const operator = useLogin((s) => s.session?.operator);
  const go = (r: Route | 'logout') => {
    if (r === 'logout') void useLogin.getState().logout();
    else useApp.getState().navigate(r);
  };
  return (
    <header className="top-bar">
      <div className="brand"><span className="brand-mark small">B</span><span>Bancone</span></div>
      <nav className="nav">
        {NAV_KEYS.map((n) => (
          <button key={n.key} type="button" className={`nav-btn ${route === n.route || (route === 'payment' && n.route === 'sale') ? 'on' : ''}`} onClick={() => go(n.route)} data-testid={`nav-${n.route}`}>
            <Kbd k={n.key} /><span>{t(n.label)}</span>
          </button>
        ))}
      </nav>
      <div className="top-operator">{operator ? `${operator.name}` : ''}</div>
    </header>
  );
}

function Shell() {
  const route = useApp((s) => s.route);
  const Screen = SCREENS[route];
  useKeys(Object.fromEntries(NAV_KEYS.map((n) => [n.key, () => {
    if (n.route === 'logout') void useLogin.getState().logout();
    else useApp.getState().navigate(n.route);
  }])));
  useEffect(() => installScanner(window, onScan), []);
  return (
    <div className="app">
      <TopBar />
      <main className="screen">
        <Suspense fallback={null}><Screen /></Suspense>
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
  // The shop's language setting (session.state) is the one source: it changes at start and when
  // the settings are saved (which refreshes the session).
  useEffect(() => {
    if (language && language !== i18n.language) {
      void i18n.changeLanguage(language);
      useApp.getState().setLanguage(language);
    }
  }, [language, i18n]);
  useEffect(() => { document.documentElement.lang = i18n.language; }, [i18n.language]);
  if (!session || !session.operator) {
    return (
      <div className="app app-login">
        <LoginScreen />
      </div>
    );
  }
  return <Shell />;
}
