// The back office page: take the admin token from the address (#k=…), then show the shell; without
// a token, say where to find the address.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n.js';
import { setToken, takeToken } from './api.js';
import { App } from './App.js';
import './backoffice.css';

const i18n = initI18n();
const root = createRoot(document.getElementById('root')!);
const token = takeToken(window);
if (!token) {
  // Pasting the full address into this tab only changes the fragment: start again with it.
  window.addEventListener('hashchange', () => window.location.reload());
  root.render(
    <div className="fatal" data-testid="no-token">
      <h1>{i18n.t('app.noTokenTitle')}</h1>
      <p>{i18n.t('app.noToken')}</p>
    </div>,
  );
} else {
  setToken(token);
  root.render(<StrictMode><App /></StrictMode>);
}
