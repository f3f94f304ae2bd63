// Start (the one wiring point of the renderer): pick the transport (Electron preload or the HTTP
// bridge), give the api the app's approval dialog, then render the shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseTransport } from './api/transport.js';
import { createApi, setApi } from './api/client.js';
import { initI18n } from './kit/i18n.js';
import { App } from './app/App.js';
import { useApp } from './kit/app-store.js';
import './app/app.css';

const i18n = initI18n();
const root = createRoot(document.getElementById('root')!);
const transport = chooseTransport(window);
if ('error' in transport) {
  // Pasting the full address into this tab only changes the fragment: start again with it.
  window.addEventListener('hashchange', () => window.location.reload());
  root.render(
    <div className="fatal" data-testid="no-token">
      <h1>{i18n.t('fatal.noTokenTitle')}</h1>
      <p>{i18n.t('fatal.noToken')}</p>
    </div>,
  );
} else {
  const api = createApi(transport);
  api.setApprovalPrompt((reason) => useApp.getState().requestApproval(reason));
  setApi(api);
  root.render(<StrictMode><App /></StrictMode>);
}
