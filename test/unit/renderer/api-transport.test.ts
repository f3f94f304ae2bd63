// The renderer's end of the persistent channel (renderer/src/api/transport.ts) with a fake
// WebSocket and fetch: calls over the socket with ids, over HTTP while it is down, answers for
// calls cut off, reconnection and the connection events; Electron's preload events checked; and
// the status store following events without a single timer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bridgeTransport, electronTransport, type BridgeDeps } from '../../../renderer/src/api/transport.js';
import { createApi, setApi } from '../../../renderer/src/api/client.js';
import { useStatus } from '../../../renderer/src/app/status-store.js';
import type { BackendEvent } from '../../../shared/contract/channel.js';
import type { CallResult } from '../../../shared/contract/define.js';

afterEach(() => { vi.useRealTimers(); });

class FakeSocket {
  static made: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  sent: Record<string, unknown>[] = [];
  constructor(readonly url: string, readonly protocols: string[]) { FakeSocket.made.push(this); }
  send(frame: string) { this.sent.push(JSON.parse(frame) as Record<string, unknown>); }
  close() { this.onclose?.(); }
  // The test plays the bridge:
  open() { this.onopen?.(); }
  reply(m: unknown) { this.onmessage?.({ data: JSON.stringify(m) }); }
}

function world() {
  FakeSocket.made = [];
  const posted: { url: string; body: unknown; headers: Record<string, string> }[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let httpUp = true;
  const deps: BridgeDeps = {
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    fetch: (async (url: string, init: RequestInit) => {
      if (!httpUp) throw new TypeError('Failed to fetch');
      posted.push({ url, body: JSON.parse(String(init.body)), headers: init.headers as Record<string, string> });
      return { json: async () => ({ ok: true, value: 'via http' }) };
    }) as unknown as typeof fetch,
    setTimeout: (fn, ms) => { timers.push({ fn, ms }); },
  };
  const t = bridgeTransport('http://127.0.0.1:4321', 'tok_en-1', 'session-0001', deps);
  const events: BackendEvent[] = [];
  t.onEvent!((e) => events.push(e));
  return { t, posted, timers, events, socket: () => FakeSocket.made.at(-1)!, setHttp: (up: boolean) => { httpUp = up; } };
}

describe('browser mode: the bridge channel', () => {
  it('opens the socket on the page\'s origin with the protocol, the token as a subprotocol and the tab\'s session', () => {
    const w = world();
    expect(w.socket().url).toBe('ws://127.0.0.1:4321/api/channel?session=session-0001');
    expect(w.socket().protocols).toEqual(['bancone.v1', 'bancone.token.tok_en-1']);
  });

  it('goes by HTTP until the socket is open, then by the socket, each call with its id', async () => {
    const w = world();
    expect(await w.t.call('status.get', {})).toEqual({ ok: true, value: 'via http' });
    expect(w.posted).toMatchObject([{ url: 'http://127.0.0.1:4321/api/call', body: { name: 'status.get', arg: {} }, headers: { Authorization: 'Bearer tok_en-1', 'X-Bancone-Session': 'session-0001' } }]);
    w.socket().open();
    const a = w.t.call('catalog.lookup', { code: '1' });
    const b = w.t.call('catalog.lookup', { code: '2' });
    expect(w.socket().sent).toEqual([
      { type: 'call', id: 1, name: 'catalog.lookup', arg: { code: '1' } },
      { type: 'call', id: 2, name: 'catalog.lookup', arg: { code: '2' } },
    ]);
    w.socket().reply({ type: 'result', id: 2, result: { ok: true, value: 'two' } });
    w.socket().reply({ type: 'result', id: 1, result: { ok: true, value: 'one' } });
    expect(await a).toEqual({ ok: true, value: 'one' });
    expect(await b).toEqual({ ok: true, value: 'two' });
    expect(w.posted).toHaveLength(1);
  });

  it('sends a body too large for one frame (a catalogue file) by HTTP, whose refusal is worded', async () => {
    const w = world();
    w.socket().open();
    await w.t.call('catalog.import', { csv: 'x'.repeat(1024 * 1024 + 1) });
    expect(w.socket().sent).toEqual([]);
    expect(w.posted).toHaveLength(1);
  });

  it('passes well-formed events on, and nothing else', () => {
    const w = world();
    w.socket().open();
    w.socket().reply({ type: 'event', event: { type: 'changed', topics: ['status'] } });
    w.socket().reply({ type: 'event', event: { type: 'changed', topics: ['secrets'] } });
    w.socket().reply({ type: 'event', event: null });
    w.socket().onmessage?.({ data: '{not json' });
    expect(w.events).toEqual([{ type: 'changed', topics: ['status'] }]);
  });

  it('when the bridge goes: calls on their way answer «non risponde», the page hears it, and the socket is reopened until it is back', async () => {
    const w = world();
    w.socket().open();
    const cut = w.t.call('sale.commit', {});
    w.setHttp(false);
    w.socket().close();
    expect(await cut).toMatchObject({ ok: false, error: { code: 'BRIDGE_UNREACHABLE', message: expect.stringContaining('Il programma della cassa non risponde') } });
    expect(w.events).toEqual([{ type: 'connection', up: false }]);
    // Meanwhile calls go by HTTP, which says the same in words.
    expect(await w.t.call('status.get', {})).toMatchObject({ ok: false, error: { code: 'BRIDGE_UNREACHABLE' } });
    // Reconnection: soon, then less often; failed attempts are not news.
    expect(w.timers.map((x) => x.ms)).toEqual([100]);
    w.timers.shift()!.fn();
    w.socket().close();
    w.timers.shift()!.fn();
    w.socket().close();
    expect(w.timers.map((x) => x.ms)).toEqual([500]);
    expect(w.events).toEqual([{ type: 'connection', up: false }]);
    w.timers.shift()!.fn();
    w.setHttp(true);
    w.socket().open();
    expect(w.events).toEqual([{ type: 'connection', up: false }, { type: 'connection', up: true }]);
    const again = w.t.call('status.get', {});
    expect(w.socket().sent.at(-1)).toMatchObject({ type: 'call', name: 'status.get' });
    w.socket().reply({ type: 'result', id: w.socket().sent.at(-1)!.id, result: { ok: true, value: 'back' } });
    expect(await again).toEqual({ ok: true, value: 'back' });
    // After a good connection, the first retry is soon again.
    w.socket().close();
    expect(w.timers.map((x) => x.ms)).toEqual([100]);
  });
});

describe('Electron: the preload\'s channel', () => {
  it('passes the main process\'s events on when well-formed, and unsubscribes', () => {
    let listener: ((e: unknown) => void) | null = null;
    const t = electronTransport({ call: async () => ({ ok: true, value: 1 }), onEvent: (l) => { listener = l; return () => { listener = null; }; } });
    const got: BackendEvent[] = [];
    const off = t.onEvent!((e) => got.push(e));
    listener!({ type: 'connection', up: false });
    listener!({ type: 'changed', topics: 'status' });
    expect(got).toEqual([{ type: 'connection', up: false }]);
    off();
    expect(listener).toBeNull();
  });
});

describe('status store', () => {
  function fakeApi() {
    let emit: ((e: BackendEvent) => void) | null = null;
    const calls: string[] = [];
    let answer: CallResult<unknown> = { ok: true, value: { n: 0 } };
    let n = 0;
    const api = createApi({
      kind: 'direct',
      call: async (name) => { calls.push(name); n++; return answer.ok ? { ok: true, value: { n } } : answer; },
      onEvent: (l) => { emit = l; return () => { emit = null; }; },
    });
    setApi(api);
    useStatus.setState(useStatus.getInitialState(), true);
    return { calls, emit: (e: BackendEvent) => emit!(e), subscribed: () => emit !== null, fail: (r: CallResult<unknown>) => { answer = r; } };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('asks once at start, then only when the backend says the status changed — no timer', async () => {
    const f = fakeApi();
    vi.useFakeTimers();
    const stop = useStatus.getState().start();
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
    await settle();
    expect(f.calls).toEqual(['status.get']);
    f.emit({ type: 'changed', topics: ['documents'] });
    await settle();
    expect(f.calls).toHaveLength(1);
    f.emit({ type: 'changed', topics: ['status', 'documents'] });
    await settle();
    expect(f.calls).toHaveLength(2);
    expect(useStatus.getState().status).toEqual({ n: 2 });
    stop();
    expect(f.subscribed()).toBe(false);
  });

  it('many events while one answer is on its way: one more question, not one each', async () => {
    const f = fakeApi();
    const stop = useStatus.getState().start();
    for (let i = 0; i < 5; i++) f.emit({ type: 'changed', topics: ['status'] });
    await settle();
    await settle();
    expect(f.calls).toHaveLength(2);
    stop();
  });

  it('shows the backend unreachable while the channel is down, and asks again when it is back', async () => {
    const f = fakeApi();
    const stop = useStatus.getState().start();
    await settle();
    f.emit({ type: 'connection', up: false });
    expect(useStatus.getState().unreachable).toBe(true);
    f.emit({ type: 'connection', up: true });
    await settle();
    expect(useStatus.getState().unreachable).toBe(false);
    expect(f.calls).toHaveLength(2);
    f.fail({ ok: false, error: { code: 'BACKEND_EXITED', message: 'x', message_en: 'x' } });
    f.emit({ type: 'changed', topics: ['status'] });
    await settle();
    expect(useStatus.getState().unreachable).toBe(true);
    stop();
  });
});
