// Main's relay (electron/relay.ts) with fake processes: what main does with each message, the
// correlation of answers, the timeout's words, the start handshake, a backend that never starts,
// and the sync process's messages carried both ways. (The real backend process behind the same
// relay: test/integration/process/backend-process.test.ts.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startRelay, type BackendDown, type ChildLike, type InvokeEventLike, type RelayOptions } from '../../../electron/relay.js';
import type { BackendEvent } from '../../../shared/contract/channel.js';
import type { CallResult } from '../../../shared/contract/define.js';

afterEach(() => { vi.useRealTimers(); });

/** A fake utility process: records what main posts, and lets the test speak and die for it. */
function fakeChild() {
  const listeners: Record<string, ((...a: unknown[]) => void)[]> = {};
  const posted: Record<string, unknown>[] = [];
  let killed = false;
  const child: ChildLike = {
    postMessage: (m) => { posted.push(m as Record<string, unknown>); },
    on: ((event: string, l: (...a: unknown[]) => void) => { (listeners[event] ??= []).push(l); return child; }) as ChildLike['on'],
    kill: () => { killed = true; },
  };
  const emit = (event: string, ...a: unknown[]) => { for (const l of listeners[event] ?? []) l(...a); };
  return { child, posted, emit, get killed() { return killed; } };
}

function setup(over: Partial<RelayOptions> = {}) {
  const backends: ReturnType<typeof fakeChild>[] = [];
  const syncs: { args: string[]; env: Record<string, string>; c: ReturnType<typeof fakeChild> }[] = [];
  let handler: ((event: InvokeEventLike, ...args: unknown[]) => unknown) | null = null;
  const broadcast: BackendEvent[] = [];
  const downs: BackendDown[] = [];
  const relay = startRelay({
    ipcMain: { handle: (_ch, l) => { handler = l; } },
    callChannel: 'bancone:call',
    isTrustedSender: (url) => url.startsWith('file:///app/'),
    forkBackend: () => { const f = fakeChild(); backends.push(f); return f.child; },
    forkSync: (args, env) => { const c = fakeChild(); syncs.push({ args, env, c }); return c.child; },
    start: { dbFile: '/d/bancone.db', dataDir: '/d', key: { ok: true, bytes: new Uint8Array(32).fill(7) } },
    broadcast: (e) => broadcast.push(e),
    onBackendDown: (d) => downs.push(d),
    ...over,
  });
  relay.ready.catch(() => undefined);
  const call = (name: unknown, arg: unknown, url = 'file:///app/index.html', sender = 3) =>
    handler!({ sender: { id: sender }, senderFrame: { url } }, name, arg) as Promise<CallResult<unknown>> | CallResult<unknown>;
  const backend = () => backends.at(-1)!;
  const up = () => { backend().emit('spawn'); backend().emit('message', { type: 'ready' }); };
  return { relay, backends, syncs, broadcast, downs, call, backend, up };
}

describe('main relays to the backend process', () => {
  it('posts the start message (paths and the key) once the process has spawned, and nothing with the key before', () => {
    const t = setup();
    expect(t.backend().posted).toEqual([]);
    t.backend().emit('spawn');
    expect(t.backend().posted).toEqual([{ type: 'start', dbFile: '/d/bancone.db', dataDir: '/d', key: { ok: true, bytes: new Uint8Array(32).fill(7) } }]);
  });

  it('holds calls until the backend is ready, then sends them in order with ids and the window\'s session', async () => {
    const t = setup();
    const a = t.call('session.state', {});
    const b = t.call('catalog.search', { text: 'pane' }, 'file:///app/index.html', 9);
    t.backend().emit('spawn');
    expect(t.backend().posted.filter((m) => m.type === 'call')).toEqual([]);
    t.backend().emit('message', { type: 'ready' });
    await t.relay.ready;
    const calls = t.backend().posted.filter((m) => m.type === 'call');
    expect(calls).toEqual([
      { type: 'call', id: 1, name: 'session.state', arg: {}, session: 'electron:3' },
      { type: 'call', id: 2, name: 'catalog.search', arg: { text: 'pane' }, session: 'electron:9' },
    ]);
    // Answers find their call by id, whatever the order.
    t.backend().emit('message', { type: 'result', id: 2, result: { ok: true, value: 'b' } });
    t.backend().emit('message', { type: 'result', id: 1, result: { ok: true, value: 'a' } });
    expect(await a).toEqual({ ok: true, value: 'a' });
    expect(await b).toEqual({ ok: true, value: 'b' });
  });

  it('refuses a page that is not ours before anything reaches the backend', async () => {
    const t = setup();
    t.up();
    expect(await t.call('session.state', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Pagina non autorizzata') } });
    expect(await t.call('session.state', {}, 'file:///elsewhere/index.html')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(t.backend().posted.filter((m) => m.type === 'call')).toEqual([]);
  });

  it('passes a non-string method name on as an empty one (the dispatcher refuses it in words)', () => {
    const t = setup();
    t.up();
    void t.call({ evil: true }, {});
    expect(t.backend().posted.at(-1)).toMatchObject({ type: 'call', name: '' });
  });

  it('answers «non risponde» after the timeout, and ignores the late answer', async () => {
    vi.useFakeTimers();
    const t = setup({ callTimeoutMs: 120_000 });
    t.up();
    const p = t.call('reports.finalSync', {});
    await vi.advanceTimersByTimeAsync(119_999);
    let settled = false;
    void Promise.resolve(p).then(() => { settled = true; });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await p).toMatchObject({ ok: false, error: { code: 'BACKEND_TIMEOUT', message: expect.stringMatching(/^Il programma della cassa non risponde da 2 minuti: controllare nello Storico/) } });
    t.backend().emit('message', { type: 'result', id: 1, result: { ok: true, value: 'late' } });
    expect(await p).toMatchObject({ ok: false });
  });

  it('sends pushed events to the windows, and drops malformed ones', () => {
    const t = setup();
    t.up();
    t.backend().emit('message', { type: 'event', event: { type: 'changed', topics: ['status'] } });
    t.backend().emit('message', { type: 'event', event: { type: 'changed', topics: ['passwords'] } });
    t.backend().emit('message', { type: 'event', event: 'status' });
    expect(t.broadcast).toEqual([{ type: 'changed', topics: ['status'] }]);
  });

  it('starts the sync process when the backend asks, and carries their messages both ways', () => {
    const t = setup();
    t.up();
    t.backend().emit('message', { type: 'sync.start', args: ['--db', '/d/bancone.db'], env: { BANCONE_OPENAPI_TOKEN: 'tok' } });
    expect(t.syncs).toHaveLength(1);
    expect(t.syncs[0]).toMatchObject({ args: ['--db', '/d/bancone.db'], env: { BANCONE_OPENAPI_TOKEN: 'tok' } });
    t.backend().emit('message', { type: 'sync.post', message: { type: 'kick' } });
    expect(t.syncs[0]!.c.posted).toEqual([{ type: 'kick' }]);
    t.syncs[0]!.c.emit('message', { type: 'drained', stopped: null });
    expect(t.backend().posted.at(-1)).toEqual({ type: 'sync.message', message: { type: 'drained', stopped: null } });
    t.syncs[0]!.c.emit('exit', 3);
    expect(t.backend().posted.at(-1)).toEqual({ type: 'sync.exit', code: 3 });
    t.backend().emit('message', { type: 'sync.start', args: [], env: {} });
    t.backend().emit('message', { type: 'sync.kill' });
    expect(t.syncs[1]!.c.killed).toBe(true);
  });

  it('a backend that never starts rejects `ready` with its reason and is not restarted (it would fail the same way)', async () => {
    const t = setup();
    const pendingCall = t.call('session.state', {});
    t.backend().emit('spawn');
    t.backend().emit('message', { type: 'fatal', message: 'SQLITE_CANTOPEN: unable to open database file' });
    t.backend().emit('exit', 1);
    await expect(t.relay.ready).rejects.toThrow('SQLITE_CANTOPEN');
    expect(t.backends).toHaveLength(1);
    expect(t.downs).toEqual([]);
    expect(await pendingCall).toMatchObject({ ok: false, error: { code: 'BACKEND_EXITED' } });
  });

  it('a crash answers the calls on their way at once, stops the dead backend\'s sync process, and starts a new backend', async () => {
    const t = setup();
    t.up();
    t.backend().emit('message', { type: 'sync.start', args: [], env: {} });
    const inFlight = t.call('sale.commit', {});
    t.backend().emit('exit', 139);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'BACKEND_EXITED', message: expect.stringContaining('controllare nello Storico') } });
    expect(t.syncs[0]!.c.posted).toEqual([{ type: 'stop' }]);
    expect(t.broadcast).toEqual([{ type: 'connection', up: false }]);
    expect(t.downs).toMatchObject([{ restarting: true, code: 139 }]);
    expect(t.backends).toHaveLength(2);
    // A call made while it restarts waits for the new one.
    const next = t.call('session.state', {});
    t.up();
    expect(t.broadcast.at(-1)).toEqual({ type: 'connection', up: true });
    expect(t.backends[1]!.posted.filter((m) => m.type === 'call')).toEqual([{ type: 'call', id: 2, name: 'session.state', arg: {}, session: 'electron:3' }]);
    t.backend().emit('message', { type: 'result', id: 2, result: { ok: true, value: 1 } });
    expect(await next).toEqual({ ok: true, value: 1 });
    // Messages from the dead one are not taken for the new one's.
    t.backends[0]!.emit('message', { type: 'event', event: { type: 'changed', topics: ['status'] } });
    expect(t.broadcast.at(-1)).toEqual({ type: 'connection', up: true });
  });

  it('stop asks the backend to finish and waits for it; kills it if it does not within the time', async () => {
    vi.useFakeTimers();
    const t = setup({ stopTimeoutMs: 15_000 });
    t.up();
    const done = t.relay.stop();
    expect(t.backend().posted.at(-1)).toEqual({ type: 'stop' });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(t.backend().killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(t.backend().killed).toBe(true);
    // Quitting is not a crash.
    t.backend().emit('exit', 0);
    expect(t.downs).toEqual([]);
    expect(await t.call('session.state', {})).toMatchObject({ ok: false, error: { code: 'BACKEND_EXITED' } });
  });
});
