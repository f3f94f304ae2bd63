// The transports of the one contract call, each a persistent channel that also brings the
// backend's pushed events (what changed), so no screen polls:
//   - Electron: the preload's window.bancone (IPC invoke for calls, 'bancone:event' for events);
//   - browser mode: a WebSocket on the bridge of `bancone serve` (calls with ids, events), with
//     POST /api/call while the socket is down and for bodies too large for one frame.
// Every call answers a CallResult; none throws for business errors. Picked once at start (chooseTransport).
import type { BanconeWindowBridge, CallResult } from '../../../shared/contract/index.js';
import {
  CHANNEL_PATH, CHANNEL_PROTOCOL, CHANNEL_TOKEN_PREFIX, isBackendEvent, type BackendEvent, type ChannelCall,
} from '../../../shared/contract/channel.js';

export type EventListener = (event: BackendEvent) => void;

export interface Transport {
  kind: 'electron' | 'bridge' | 'http' | 'direct';
  call(name: string, arg: unknown): Promise<CallResult<unknown>>;
  /** The backend's pushed events, and the channel's own comings and goings; absent: none (tests). */
  onEvent?(listener: EventListener): () => void;
}

declare global {
  interface Window {
    bancone?: BanconeWindowBridge & { platform?: string };
  }
}

const TOKEN_KEY = 'bancone.token';
const SESSION_KEY = 'bancone.session';
/** Larger calls (a catalog CSV) go by HTTP, whose refusal of an oversized body is explained in words. */
const MAX_FRAME_CHARS = 1024 * 1024;
/** Reconnection delays after the socket drops (ms): soon at first, then every two seconds. */
const RECONNECT_MS = [100, 250, 500, 1000, 2000];

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

/** What bridgeTransport needs from the page (tests pass fakes). */
export interface BridgeDeps {
  WebSocket: typeof WebSocket;
  fetch: typeof fetch;
  setTimeout: (fn: () => void, ms: number) => unknown;
}

/**
 * Browser mode: one WebSocket to the bridge for calls and pushed events, opened at once and
 * reopened whenever it drops (say so to the listeners, both ways: a screen shows the backend as
 * unreachable, then asks again for what it shows, since events may have been missed). While it is
 * not open, calls go by HTTP, which fails in words if the bridge is gone.
 */
export function bridgeTransport(origin: string, token: string, sessionId: string, deps: BridgeDeps = { WebSocket, fetch: (...a) => fetch(...a), setTimeout: (fn, ms) => setTimeout(fn, ms) }): Transport {
  const http = httpTransport(origin, token, sessionId, deps.fetch);
  const listeners = new Set<EventListener>();
  const pending = new Map<number, (r: CallResult<unknown>) => void>();
  const url = `${origin.replace(/^http/, 'ws')}${CHANNEL_PATH}?session=${encodeURIComponent(sessionId)}`;
  let socket: WebSocket | null = null;
  let open = false;
  let everOpen = false;
  let attempt = 0;
  let retryScheduled = false;
  let nextId = 1;

  const emit = (e: BackendEvent) => {
    for (const l of [...listeners]) {
      try { l(e); } catch { /* a screen's bug must not silence the others */ }
    }
  };

  function connect(): void {
    retryScheduled = false;
    let ws: WebSocket;
    try {
      ws = new deps.WebSocket(url, [CHANNEL_PROTOCOL, `${CHANNEL_TOKEN_PREFIX}${token}`]);
    } catch {
      return reconnectLater();
    }
    socket = ws;
    ws.onopen = () => {
      open = true;
      attempt = 0;
      if (everOpen) emit({ type: 'connection', up: true });
      everOpen = true;
    };
    ws.onmessage = (m: MessageEvent) => {
      let msg: unknown;
      try { msg = JSON.parse(String(m.data)); } catch { return; }
      const r = msg as { type?: unknown; id?: unknown; result?: unknown; event?: unknown };
      if (r.type === 'result' && typeof r.id === 'number') {
        const done = pending.get(r.id);
        pending.delete(r.id);
        done?.(r.result as CallResult<unknown>);
      } else if (r.type === 'event' && isBackendEvent(r.event)) {
        emit(r.event);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      const wasOpen = open;
      open = false;
      // Whatever was on its way has no answer coming: said as HTTP says a vanished bridge.
      for (const done of pending.values()) done(networkError(new Error('connessione interrotta')));
      pending.clear();
      if (wasOpen) emit({ type: 'connection', up: false });
      reconnectLater();
    };
  }

  function reconnectLater(): void {
    if (retryScheduled) return;
    retryScheduled = true;
    deps.setTimeout(connect, RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)]!);
  }

  connect();
  return {
    kind: 'bridge',
    call(name, arg) {
      const ws = socket;
      if (!open || !ws) return http.call(name, arg);
      const id = nextId++;
      const frame = JSON.stringify({ type: 'call', id, name, arg: arg ?? {} } satisfies ChannelCall);
      if (frame.length > MAX_FRAME_CHARS) return http.call(name, arg);
      return new Promise((resolve) => {
        pending.set(id, resolve);
        try {
          ws.send(frame);
        } catch (e) {
          pending.delete(id);
          resolve(networkError(e));
        }
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
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
    onEvent: (listener) => bridge.onEvent?.((e) => { if (isBackendEvent(e)) listener(e); }) ?? (() => undefined),
  };
}

/** window.bancone in Electron; otherwise the bridge of the page's own origin. */
export function chooseTransport(win: Window): Transport | { error: 'NO_TOKEN' } {
  if (win.bancone && typeof win.bancone.call === 'function') return electronTransport(win.bancone);
  const token = takeBridgeToken(win.location, win.sessionStorage, win.history);
  if (!token) return { error: 'NO_TOKEN' };
  let session = win.sessionStorage.getItem(SESSION_KEY);
  if (!session) {
    session = randomId();
    win.sessionStorage.setItem(SESSION_KEY, session);
  }
  return bridgeTransport(win.location.origin, token, session);
}
