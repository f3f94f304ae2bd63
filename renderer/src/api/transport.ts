// The two transports of the one contract call: Electron's preload (window.bancone) and the HTTP
// bridge of `bancone serve`. Both take (name, arg) and answer a CallResult; neither throws for
// business errors. Picked once at start (chooseTransport).
import type { BanconeWindowBridge, CallResult } from '../../../shared/contract/index.js';

export interface Transport {
  kind: 'electron' | 'http' | 'direct';
  call(name: string, arg: unknown): Promise<CallResult<unknown>>;
  /** Pushed status (Electron); the HTTP bridge has none and the app polls instead. */
  onStatus?(listener: (status: unknown) => void): () => void;
}

declare global {
  interface Window {
    bancone?: BanconeWindowBridge & { onStatus?(listener: (s: unknown) => void): () => void; platform?: string };
  }
}

const TOKEN_KEY = 'bancone.token';
const SESSION_KEY = 'bancone.session';

function randomId(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** The bridge's token arrives in the URL fragment (#token=…); it is kept for this tab and removed from the address bar. */
export function takeBridgeToken(loc: Location, storage: Storage, history: History): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(loc.hash);
  if (m) {
    storage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', loc.pathname + loc.search);
  }
  return storage.getItem(TOKEN_KEY);
}

function networkError(e: unknown): CallResult<unknown> {
  const msg = e instanceof Error ? e.message : String(e);
  return { ok: false, error: { code: 'BRIDGE_UNREACHABLE', message: `Il programma della cassa non risponde (${msg}): verificare che bancone serve sia avviato`, message_en: `The till backend does not answer (${msg}): check that bancone serve is running` } };
}

export function httpTransport(origin: string, token: string, sessionId: string, fetchImpl: typeof fetch = fetch): Transport {
  return {
    kind: 'http',
    async call(name, arg) {
      try {
        const res = await fetchImpl(`${origin}/api/call`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Bancone-Session': sessionId },
          body: JSON.stringify({ name, arg: arg ?? {} }),
        });
        return (await res.json()) as CallResult<unknown>;
      } catch (e) {
        return networkError(e);
      }
    },
  };
}

export function electronTransport(bridge: NonNullable<Window['bancone']>): Transport {
  return {
    kind: 'electron',
    call: async (name, arg) => {
      try {
        return await bridge.call(name, arg ?? {});
      } catch (e) {
        return networkError(e);
      }
    },
    ...(bridge.onStatus ? { onStatus: (l: (s: unknown) => void) => bridge.onStatus!(l) } : {}),
  };
}

/** window.bancone in Electron; otherwise the HTTP bridge of the page's own origin. */
export function chooseTransport(win: Window): Transport | { error: 'NO_TOKEN' } {
  if (win.bancone && typeof win.bancone.call === 'function') return electronTransport(win.bancone);
  const token = takeBridgeToken(win.location, win.sessionStorage, win.history);
  if (!token) return { error: 'NO_TOKEN' };
  let session = win.sessionStorage.getItem(SESSION_KEY);
  if (!session) {
    session = randomId();
    win.sessionStorage.setItem(SESSION_KEY, session);
  }
  return httpTransport(win.location.origin, token, session);
}
