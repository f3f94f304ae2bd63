// The back office's shell: the shop, the four screens (F1–F4 or the buttons), the language.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SCREENS, useBackoffice, type Screen } from './store.js';
import { ErrorBanner } from './ui.js';
import { TillsScreen } from './screens/Tills.js';
import { ReportScreen } from './screens/Report.js';
import { SalesScreen } from './screens/Sales.js';
import { CatalogScreen } from './screens/Catalog.js';

const BODY: Record<Screen, () => React.JSX.Element | null> = { tills: TillsScreen, report: ReportScreen, sales: SalesScreen, catalog: CatalogScreen };

export function App() {
  const { t, i18n } = useTranslation();
  const { screen, shops, shopId, error, go, chooseShop, loadTills } = useBackoffice();
  useEffect(() => { void loadTills(); }, [loadTills]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const i = ['F1', 'F2', 'F3', 'F4'].indexOf(e.key);
      if (i >= 0) { e.preventDefault(); go(SCREENS[i]!); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
  const Body = BODY[screen];
  return (
    <div className="app">
      <header className="top-bar">
        <div className="brand"><span className="brand-mark">B</span>{t('app.title')}</div>
        <nav className="nav" aria-label={t('app.title')}>
          {SCREENS.map((s, i) => (
            <button key={s} type="button" className={`nav-btn ${s === screen ? 'on' : ''}`} aria-current={s === screen ? 'page' : undefined}
              onClick={() => go(s)} data-testid={`nav-${s}`}><kbd className="kbd">F{i + 1}</kbd>{t(`nav.${s}`)}</button>
          ))}
        </nav>
        {shops && shops.length > 1 ? (
          <label className="shop-pick">{t('app.shop')}{' '}
            <select value={shopId ?? ''} onChange={(e) => chooseShop(e.target.value)} data-testid="shop">
              {shops.map((s) => <option key={s.shopId} value={s.shopId}>{s.name}</option>)}
            </select>
          </label>
        ) : shops?.[0] ? <span className="shop-name">{shops[0].name}</span> : null}
        <button type="button" className="nav-btn" onClick={() => void loadTills()}>{t('app.reload')}</button>
        <button type="button" className="nav-btn" onClick={() => void i18n.changeLanguage(i18n.language === 'en' ? 'it' : 'en')}>{t('app.language')}</button>
      </header>
      <main className="screen">
        <ErrorBanner error={error} />
        {shops === null ? (error ? null : <p className="muted">{t('app.loading')}</p>) : shops.length === 0 ? <p className="muted">{t('app.noShops')}</p> : <Body />}
      </main>
    </div>
  );
}
