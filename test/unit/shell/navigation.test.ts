// Where the till's window may go (electron/navigation.ts): the decisions window.ts applies to
// will-navigate, will-redirect, will-frame-navigate and new windows, and main.ts to IPC senders.
import { describe, expect, it } from 'vitest';
import { EXTERNAL_ALLOW_LIST, allowExternal, allowNavigation, isAppUrl, windowOpenDecision } from '../../../electron/navigation.js';
import { APP_INDEX_URL } from '../../../electron/protocol.js';

const dev = { devServerUrl: 'http://localhost:5173' };

describe('navigation stays on our own origin', () => {
  it('allows our own pages: app://bancone/… with any path, query or fragment', () => {
    for (const url of [APP_INDEX_URL, 'app://bancone/', 'app://bancone/index.html#/sale', 'app://bancone/index.html?lang=en']) {
      expect(allowNavigation(url), url).toBe(true);
      expect(isAppUrl(url), url).toBe(true);
    }
  });

  it('refuses everything else: the web, files, other hosts and schemes, look-alikes, garbage', () => {
    for (const url of [
      'https://evil.example/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'file:///opt/Bancone/resources/app.asar/out/renderer/index.html',
      'app://evil/index.html', 'app://bancone.evil/index.html', 'app://bancone@evil/index.html', 'app://x:y@bancone/index.html',
      'apps://bancone/index.html', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'about:blank', 'chrome://gpu',
      'devtools://devtools/bundled/inspector.html', 'not a url', '',
    ]) {
      expect(allowNavigation(url), url).toBe(false);
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('trusts the dev server only when given (development), and only its exact origin', () => {
    expect(allowNavigation('http://localhost:5173/index.html', dev)).toBe(true);
    expect(allowNavigation('http://localhost:5173/index.html')).toBe(false);
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'http://localhost.evil:5173/', 'http://127.0.0.1:5173/']) {
      expect(allowNavigation(url, dev), url).toBe(false);
    }
    expect(allowNavigation(APP_INDEX_URL, dev)).toBe(true);
    // A dev server «URL» that is not http(s) trusts nothing extra.
    expect(allowNavigation('file:///tmp/x.html', { devServerUrl: 'file:///tmp' })).toBe(false);
  });
});

describe('new windows and the system browser', () => {
  const docs = [{ origin: 'https://docs.example.it', pathPrefix: '/guide/' }];

  it('never opens a window, whatever the URL', () => {
    for (const url of [APP_INDEX_URL, 'https://evil.example/', 'https://docs.example.it/guide/a']) {
      expect(windowOpenDecision(url).action).toBe('deny');
      expect(windowOpenDecision(url, docs).action).toBe('deny');
    }
  });

  it('opens in the system browser only https pages under an allow-listed origin and path', () => {
    expect(allowExternal('https://docs.example.it/guide/token', docs)).toBe(true);
    expect(windowOpenDecision('https://docs.example.it/guide/token', docs)).toEqual({ action: 'deny', openExternally: true });
    for (const url of [
      'http://docs.example.it/guide/token', 'https://docs.example.it/other', 'https://docs.example.it.evil/guide/',
      'https://user@docs.example.it/guide/', 'https://evil.example/guide/', 'file:///etc/passwd', 'smb://share/x', 'ms-msdt:/id',
      'javascript:alert(1)', 'not a url',
    ]) {
      expect(allowExternal(url, docs), url).toBe(false);
      expect(windowOpenDecision(url, docs).openExternally, url).toBe(false);
    }
  });

  it('ships with an empty allow-list: no screen links outside the till, so nothing is opened', () => {
    expect(EXTERNAL_ALLOW_LIST).toEqual([]);
    expect(windowOpenDecision('https://www.openapi.com/').openExternally).toBe(false);
    expect(allowExternal('https://www.agenziaentrate.gov.it/')).toBe(false);
  });
});
