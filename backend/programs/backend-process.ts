// The Electron backend process: a utilityProcess forked by electron/main.ts (built to
// out/main/backend-process.js), so synchronous SQLite, pdfkit and the print queue never share an
// event loop with the windows. It runs the till (backend/programs/till.ts: dispatcher, print queue,
// change feed) with idle checkpoints, and the sync engine in a process of its own, which main
// starts and carries messages to on its behalf (utility processes cannot fork). Main only relays;
// the messages are in backend/bridge/process-channel.ts.
//
// Top to bottom: wait for main's `start` (paths, and the secrets key main unwrapped with safeStorage)
// → start the till and the sync process, push what changes → answer calls → on `stop`, close.
import type { Env } from '../config.js';
import { ensureDataDir } from '../config.js';
import { idleCheckpointer } from '../db/open.js';
import { startTill, type Till } from './till.js';
import { getSecret, type KeyProvider } from '../secrets.js';
import { TOKEN_SECRET } from '../sync/config.js';
import { systemClock, type Clock } from '../../shared/time.js';
import type { CallResult } from '../../shared/contract/define.js';
import { BanconeError, errorInfo } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { asMainMessage, type BackendToMain, type StartMessage } from '../bridge/process-channel.js';

export interface SyncProcessHandle {
  post(message: unknown): void;
  kill(): void;
}

export interface AppServicesOptions {
  config: { dataDir: string; dbFile: string };
  env?: Env;
  nativeBinding?: string;
  /** The secrets key (in Electron: unwrapped by main with safeStorage and handed over at start). */
  keys: KeyProvider;
  clock?: Clock;
  /** Starts the sync process with these arguments and environment (main forks it for us). */
  startSyncProcess?: (args: string[], env: Record<string, string>) => SyncProcessHandle;
}

export interface AppServices {
  till: Till;
  call(name: string, arg: unknown, sessionId?: string): Promise<CallResult<unknown>>;
  close(): Promise<void>;
}

/** The till as the Electron backend runs it: sync in its own process, fed the token and kicked after commits. */
export async function createAppServices(opts: AppServicesOptions): Promise<AppServices> {
  ensureDataDir(opts.config.dataDir);
  const clock = opts.clock ?? systemClock;
  const keys = opts.keys;
  let syncProcess: SyncProcessHandle | null = null;
  let lastToken: string | null = null;
  const till = startTill({
    dbFile: opts.config.dbFile,
    dataDir: opts.config.dataDir,
    clock,
    env: opts.env ?? process.env,
    keys,
    sync: !opts.startSyncProcess,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    onSyncWake: () => {
      // The sync process cannot unwrap the key (safeStorage lives in main): hand it the token.
      const token = currentToken();
      if (token && token !== lastToken) { lastToken = token; syncProcess?.post({ type: 'token', token }); }
      syncProcess?.post({ type: 'kick' });
    },
  });
  const checkpoints = idleCheckpointer(till.db);
  function currentToken(): string | null {
    try { return getSecret(till.db, keys, TOKEN_SECRET); } catch { return null; }
  }
  if (opts.startSyncProcess) {
    lastToken = currentToken();
    syncProcess = opts.startSyncProcess(
      ['--db', opts.config.dbFile, '--data-dir', opts.config.dataDir, ...(opts.nativeBinding ? ['--native-binding', opts.nativeBinding] : [])],
      lastToken ? { BANCONE_OPENAPI_TOKEN: lastToken } : {},
    );
  }
  return {
    till,
    async call(name, arg, sessionId = 'electron:main') {
      const r = await till.dispatcher.call(name, arg, { id: sessionId });
      checkpoints.touched();
      return r;
    },
    async close() {
      syncProcess?.post({ type: 'stop' });
      checkpoints.stop();
      await till.close();
    },
  };
}

/** The key main handed over, or the reason it could not (said when a secret is needed, as before). */
export function keyFromMain(k: StartMessage['key']): KeyProvider {
  if (k.ok) {
    const key = Buffer.from(k.bytes);
    return { key: () => key };
  }
  const e = k.error;
  return { key: () => { throw BanconeError.fromInfo(e); } };
}

/** Electron's process.parentPort (worker_threads' parentPort in the tests, adapted). */
export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export interface BackendProcessOptions {
  env: Env;
  clock?: Clock;
  /** Ends the process (Electron: process.exit). */
  exit(code: number): void;
}

/** Serves main's messages until `stop`; see backend/bridge/process-channel.ts. */
export function serveBackendProcess(port: ParentPortLike, o: BackendProcessOptions): void {
  const post = (m: BackendToMain) => port.postMessage(m);
  let services: Promise<AppServices> | null = null;
  let stopping = false;

  function start(m: StartMessage): void {
    services = createAppServices({
      config: { dataDir: m.dataDir, dbFile: m.dbFile },
      env: o.env,
      keys: keyFromMain(m.key),
      ...(o.clock ? { clock: o.clock } : {}),
      ...(m.nativeBinding ? { nativeBinding: m.nativeBinding } : {}),
      startSyncProcess: (args, env) => {
        post({ type: 'sync.start', args, env });
        return { post: (message) => post({ type: 'sync.post', message }), kill: () => post({ type: 'sync.kill' }) };
      },
    });
    services.then(
      (s) => {
        s.till.changes.subscribe((event) => post({ type: 'event', event }));
        post({ type: 'ready' });
      },
      (e: unknown) => {
        post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
        o.exit(1);
      },
    );
  }

  async function call(id: number, name: string, arg: unknown, session: string): Promise<void> {
    let result: CallResult<unknown>;
    try {
      if (!services) throw new Error('not started');
      result = await (await services).call(name, arg, session);
    } catch (e) {
      result = { ok: false, error: errorInfo('BACKEND_INTERNAL', msg.common.backendInternal({ detail: (e as Error).message })) };
    }
    post({ type: 'result', id, result });
  }

  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    try {
      await (await services)?.close();
    } catch {
      /* it never started, or closing failed half-way: SQLite's journal keeps the ledger whole either way */
    }
    post({ type: 'stopped' });
    o.exit(0);
  }

  port.on('message', ({ data }) => {
    const m = asMainMessage(data);
    if (!m) return;
    switch (m.type) {
      case 'start':
        if (!services) start(m);
        return;
      case 'call':
        void call(m.id, m.name, m.arg, m.session);
        return;
      case 'sync.message':
      case 'sync.exit':
        // The sync process wrote (a drain ended) or went away: look at once rather than at the next check.
        void services?.then((s) => s.till.changes.check(), () => undefined);
        return;
      case 'stop':
        void stop();
        return;
    }
  });
}

// The entry: in Electron's utility process, parentPort is the channel to main.
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) serveBackendProcess(parentPort, { env: process.env, exit: (code) => process.exit(code) });
