// The Electron backend process without Electron: its composition (createAppServices) in this
// process, and its entry (backend/programs/backend-process.ts, unchanged) as a real Node child
// whose `process.parentPort` is the child_process IPC channel (test/fixtures/parent-port-shim.mjs;
// structured clone, as Electron posts messages), driven with the messages main sends — and then
// driven by main's own relay (electron/relay.ts) with fakes only for ipcMain and the windows.
import { afterEach, describe, expect, it } from 'vitest';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createAppServices, keyFromMain, type AppServices } from '../../../backend/programs/backend-process.js';
import { secretsKeyForBackend, startRelay, type BackendDown, type ChildLike, type InvokeEventLike, type Relay } from '../../../electron/relay.js';
import { resolveConfig } from '../../../backend/config.js';
import { openDatabase } from '../../../backend/db/open.js';
import { writeState } from '../../../backend/sync/sync-state.js';
import { dataDirKeyProvider, getSecret } from '../../../backend/secrets.js';
import { keysDir } from '../../../backend/keyring/data-key.js';
import { fakeClock } from '../../../shared/time.js';
import type { BackendEvent } from '../../../shared/contract/channel.js';
import type { CallResult } from '../../../shared/contract/define.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = join(ROOT, 'backend/programs/backend-process.ts');
const SHIM = join(ROOT, 'test/fixtures/parent-port-shim.mjs');

const cleanups: (() => unknown)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bancone-backend-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A reversible stand-in for safeStorage: the key file must hold only the wrapped key. */
function wrapper() {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return { wrap: (b: Buffer) => Buffer.concat([Buffer.from('WRAPPED:'), flip(b)]), unwrap: (b: Buffer) => flip(b.subarray(8)) };
}

describe('Electron backend composition (createAppServices)', () => {
  const opened: AppServices[] = [];
  afterEach(async () => { for (const s of opened.splice(0)) await s.close(); });

  it('starts the sync process with the ledger paths, hands it the token, kicks it after a commit, stops it on close; secrets use the key main unwrapped', async () => {
    const dir = dataDir();
    const config = resolveConfig({ BANCONE_DATA_DIR: dir });
    // Main's half: the key file is created wrapped by the OS keychain, and unwrapped for the backend.
    const key = secretsKeyForBackend(dir, wrapper());
    expect(key.ok).toBe(true);
    // Kept outside the data folder (test/keys-setup.ts: no OS keyring here, so the config folder's file).
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    const keyFile = join(keysDir(process.env), readFileSync(join(dir, 'key-id'), 'utf8').trim());
    expect(Buffer.from(readFileSync(keyFile, 'utf8'), 'base64').subarray(0, 8).toString()).toBe('WRAPPED:');
    const posted: unknown[] = [];
    const started: { args: string[]; env: Record<string, string> }[] = [];
    const app = await createAppServices({
      config,
      env: { BANCONE_DATA_DIR: dir },
      clock: fakeClock('2026-11-21T10:00:00Z'),
      keys: keyFromMain(key),
      startSyncProcess: (args, env) => { started.push({ args, env }); return { post: (m) => posted.push(m), kill: () => undefined }; },
    });
    opened.push(app);
    expect(started).toHaveLength(1);
    expect(started[0]!.args).toEqual(['--db', config.dbFile, '--data-dir', dir]);
    expect(started[0]!.env.BANCONE_OPENAPI_TOKEN).toBeUndefined();

    expect(await app.call('session.state', {})).toMatchObject({ ok: true, value: { setupRequired: true } });
    expect((await app.call('session.setup', { name: 'Anna', pin: '1234' })).ok).toBe(true);
    expect(await app.call('settings.setSecret', { name: 'openapi.token', value: 'tok-123456' })).toMatchObject({ ok: true });
    expect(posted).toContainEqual({ type: 'token', token: 'tok-123456' });
    expect(posted).toContainEqual({ type: 'kick' });
    // Stored with the key main unwrapped from the wrapped file: the same key, as before.
    expect(getSecret(app.till.db, dataDirKeyProvider(dir, { wrapping: wrapper() }), 'openapi.token')).toBe('tok-123456');

    await app.close();
    opened.pop();
    expect(posted.at(-1)).toEqual({ type: 'stop' });
  });

  it('a key main could not read: the till works, and says why when a secret is needed', async () => {
    const dir = dataDir();
    secretsKeyForBackend(dir, wrapper());
    // The keychain now unwraps to something else (another OS user, a reset keychain).
    const key = secretsKeyForBackend(dir, { wrap: (b) => b, unwrap: () => Buffer.from('short') });
    expect(key).toMatchObject({ ok: false, error: { code: 'SECRET_KEY_INVALID' } });
    const app = await createAppServices({ config: resolveConfig({ BANCONE_DATA_DIR: dir }), env: {}, keys: keyFromMain(key), startSyncProcess: () => ({ post: () => undefined, kill: () => undefined }) });
    opened.push(app);
    expect((await app.call('session.setup', { name: 'Anna', pin: '1234' })).ok).toBe(true);
    expect(await app.call('settings.setSecret', { name: 'openapi.token', value: 'tok-123456' })).toMatchObject({ ok: false, error: { code: 'SECRET_KEY_INVALID' } });
  });

  it('refuses an unknown method with a contract error instead of throwing', async () => {
    const dir = dataDir();
    const app = await createAppServices({ config: resolveConfig({ BANCONE_DATA_DIR: dir }), env: {}, keys: keyFromMain(secretsKeyForBackend(dir, null)), startSyncProcess: () => ({ post: () => undefined, kill: () => undefined }) });
    opened.push(app);
    expect((await app.call('fs.readFile', { path: '/etc/passwd' })).ok).toBe(false);
  });
});

/** The backend process entry as a Node child; what it posts, and a way to wait for it. */
function backendChild(dir: string) {
  const child: ChildProcess = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx', '--import', SHIM],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BANCONE_DATA_DIR: dir },
  });
  cleanups.push(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  const got: Record<string, unknown>[] = [];
  let wake: (() => void) | null = null;
  child.on('message', (m) => { got.push(m as Record<string, unknown>); wake?.(); });
  return {
    child,
    got,
    send: (m: unknown) => child.send(m as never),
    async until(pred: (m: Record<string, unknown>) => boolean, ms = 20_000): Promise<Record<string, unknown>> {
      const end = Date.now() + ms;
      for (;;) {
        const m = got.find(pred);
        if (m) return m;
        if (Date.now() > end) throw new Error(`timed out; got ${JSON.stringify(got)}`);
        await new Promise<void>((r) => { wake = r; setTimeout(r, 100); });
      }
    },
    exited: new Promise<number | null>((r) => child.once('exit', (code) => r(code))),
  };
}

describe('backend process entry, over a real message channel', () => {
  it('starts with the key given in its start message, answers calls by id, pushes changes (its own and other processes\'), starts the sync process through main, and stops cleanly', async () => {
    const dir = dataDir();
    const config = resolveConfig({ BANCONE_DATA_DIR: dir });
    const b = backendChild(dir);
    // Nothing secret on its command line or in its environment: the key comes in the message.
    expect(b.child.spawnargs.join(' ')).not.toMatch(/key/i);
    const key = secretsKeyForBackend(dir, wrapper());
    b.send({ type: 'start', dbFile: config.dbFile, dataDir: dir, key });
    // Main starts the sync process on the backend's behalf (utility processes cannot fork).
    const syncStart = await b.until((m) => m.type === 'sync.start');
    expect(syncStart).toEqual({ type: 'sync.start', args: ['--db', config.dbFile, '--data-dir', dir], env: {} });
    await b.until((m) => m.type === 'ready');

    // Two calls at once: each answer carries its call's id.
    b.send({ type: 'call', id: 1, name: 'session.state', arg: {}, session: 'electron:1' });
    b.send({ type: 'call', id: 2, name: 'no.such', arg: {}, session: 'electron:1' });
    expect(await b.until((m) => m.id === 1)).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { setupRequired: true } } });
    expect(await b.until((m) => m.id === 2)).toMatchObject({ type: 'result', id: 2, result: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });

    // A write: the screens are told, with no one asking.
    b.send({ type: 'call', id: 3, name: 'session.setup', arg: { name: 'Anna', pin: '1234' }, session: 'electron:1' });
    await b.until((m) => m.id === 3);
    await b.until((m) => m.type === 'event');
    // The secret set through the backend is readable with the wrapped key file: the same key.
    b.send({ type: 'call', id: 4, name: 'settings.setSecret', arg: { name: 'openapi.token', value: 'tok-98765' }, session: 'electron:1' });
    expect(await b.until((m) => m.id === 4)).toMatchObject({ result: { ok: true } });
    expect(await b.until((m) => m.type === 'sync.post' && (m.message as { type?: string }).type === 'token')).toEqual({ type: 'sync.post', message: { type: 'token', token: 'tok-98765' } });

    // Another process writes (the sync process: Openapi reachable): noticed and pushed. First a
    // call answered after the pushes of the writes above have gone out (messages keep their order),
    // so the next event can only be the other process's.
    b.send({ type: 'call', id: 5, name: 'session.state', arg: {}, session: 'electron:1' });
    await b.until((m) => m.id === 5);
    const events = () => b.got.filter((m) => m.type === 'event');
    const before = events().length;
    const other = openDatabase(config.dbFile);
    writeState(other, 'api_contact', { state: 'ok', at: new Date().toISOString(), message: null }, new Date());
    other.close();
    await b.until(() => events().length > before);
    // The status bar's Openapi state is what changed; the history shows nothing of it, so it is not told.
    expect(events()[before]).toEqual({ type: 'event', event: { type: 'changed', topics: ['status'] } });

    b.send({ type: 'stop' });
    await b.until((m) => m.type === 'stopped');
    expect(await b.exited).toBe(0);
    // It told the sync process to stop too (main carries it).
    expect(b.got).toContainEqual({ type: 'sync.post', message: { type: 'stop' } });
    const db = openDatabase(config.dbFile);
    cleanups.push(() => db.close());
    expect(getSecret(db, dataDirKeyProvider(dir, { wrapping: wrapper() }), 'openapi.token')).toBe('tok-98765');
  });

  it('says it could not start (fatal) and exits, e.g. when the ledger cannot be opened', async () => {
    const dir = dataDir();
    const b = backendChild(dir);
    b.send({ type: 'start', dbFile: join(dir, 'no', 'such', 'dir', 'bancone.db'), dataDir: join(dir, 'sub'), key: secretsKeyForBackend(dir, null) });
    expect(await b.until((m) => m.type === 'fatal')).toMatchObject({ type: 'fatal', message: expect.any(String) });
    expect(await b.exited).toBe(1);
  });
});

/** A Node child as main's relay sees a utility process. */
function asUtilityProcess(c: ChildProcess): ChildLike {
  return {
    postMessage: (m) => { if (c.connected) c.send(m as never); },
    on(event: string, listener: (...a: never[]) => void) {
      if (event === 'exit') c.on('exit', (code) => (listener as (code: number) => void)(code ?? -1));
      else c.on(event, listener as never);
      return c;
    },
    kill: () => c.kill('SIGKILL'),
  } as ChildLike;
}

describe('main\'s relay with the real backend process', () => {
  it('relays calls and pushed events, restarts a crashed backend once, and after a second crash says so and answers at once', async () => {
    const dir = dataDir();
    const config = resolveConfig({ BANCONE_DATA_DIR: dir });
    const children: ChildProcess[] = [];
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
    const broadcast: BackendEvent[] = [];
    const downs: BackendDown[] = [];
    const syncPosted: unknown[] = [];
    const relay: Relay = startRelay({
      ipcMain: { handle: (ch, l) => { handlers.set(ch, l); } },
      callChannel: 'bancone:call',
      isTrustedSender: (url) => url.startsWith('file:///app/'),
      forkBackend: () => {
        const c = backendChild(dir).child;
        children.push(c);
        return asUtilityProcess(c);
      },
      forkSync: () => ({ postMessage: (m) => syncPosted.push(m), on: () => undefined, kill: () => undefined }),
      start: { dbFile: config.dbFile, dataDir: dir, key: secretsKeyForBackend(dir, null) },
      broadcast: (e) => broadcast.push(e),
      onBackendDown: (d) => downs.push(d),
    });
    cleanups.push(() => relay.stop());
    const call = (name: string, arg: unknown, url = 'file:///app/index.html') =>
      handlers.get('bancone:call')!({ sender: { id: 1 }, senderFrame: { url } }, name, arg) as Promise<CallResult<unknown>>;
    const until = async (pred: () => boolean, ms = 20_000) => {
      const end = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    await relay.ready;
    expect(await call('session.state', {})).toMatchObject({ ok: true, value: { setupRequired: true } });
    expect(await call('session.state', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await call('session.setup', { name: 'Anna', pin: '1234' })).ok).toBe(true);
    await until(() => broadcast.some((e) => e.type === 'changed'));

    // The backend dies: the windows hear it, main says so, and a new one takes the calls.
    children[0]!.kill('SIGKILL');
    await until(() => downs.length === 1);
    expect(downs[0]).toMatchObject({ restarting: true, message: expect.stringContaining('Il programma della cassa si è fermato') });
    expect(broadcast).toContainEqual({ type: 'connection', up: false });
    await until(() => broadcast.some((e) => e.type === 'connection' && e.up));
    expect(children).toHaveLength(2);
    // The sessions lived in the dead process: the operator logs in again; the ledger is intact.
    expect(await call('session.state', {})).toMatchObject({ ok: true, value: { setupRequired: false } });

    // Once more: this time it stays down, and says so.
    children[1]!.kill('SIGKILL');
    await until(() => downs.length === 2);
    expect(downs[1]).toMatchObject({ restarting: false, message: expect.stringContaining('di nuovo') });
    expect(children).toHaveLength(2);
    expect(await call('session.state', {})).toMatchObject({ ok: false, error: { code: 'BACKEND_EXITED', message: expect.stringContaining('chiudere e riaprire Bancone') } });
  });

  it('stops the backend cleanly on quit: it closes the ledger and tells the sync process to stop', async () => {
    const dir = dataDir();
    const config = resolveConfig({ BANCONE_DATA_DIR: dir });
    let child: ChildProcess | null = null;
    const syncPosted: unknown[] = [];
    const relay = startRelay({
      ipcMain: { handle: () => undefined },
      callChannel: 'bancone:call',
      isTrustedSender: () => true,
      forkBackend: () => { child = backendChild(dir).child; return asUtilityProcess(child); },
      forkSync: () => ({ postMessage: (m) => syncPosted.push(m), on: () => undefined, kill: () => undefined }),
      start: { dbFile: config.dbFile, dataDir: dir, key: secretsKeyForBackend(dir, null) },
      broadcast: () => undefined,
      onBackendDown: () => { throw new Error('a clean stop is not a crash'); },
    });
    await relay.ready;
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    await relay.stop();
    expect(await exited).toBe(0);
    expect(syncPosted).toContainEqual({ type: 'stop' });
  });
});
