// Main's half of the backend process, in plain Node so it is tested without Electron (main.ts
// passes in ipcMain, utilityProcess.fork, the windows and the dialogs). Main only relays:
//   renderer → main: ipcMain.handle('bancone:call'), the sender checked (our own page only), then
//     the call goes to the backend process with a correlation id and comes back as its result;
//   backend → renderer: pushed events, sent to our windows on 'bancone:event';
//   backend ↔ sync process: main forks the sync process when the backend asks and carries their
//     messages (utility processes cannot fork).
// A call with no answer in `callTimeoutMs` is answered «Il programma della cassa non risponde…».
// If the backend process dies, the calls on their way are answered at once, the windows hear that
// the backend is down, and it is started again — once: a second death is shown and left alone
// (something is wrong that a restart loop would only hide; the sales already made are safe in SQLite).
import { dataDirKeyProvider, type KeyWrapping } from '../backend/secrets.js';
import { asBackendMessage, type MainToBackend, type StartMessage } from '../backend/bridge/process-channel.js';
import type { BackendEvent } from '../shared/contract/channel.js';
import type { CallResult } from '../shared/contract/define.js';
import { BanconeError, toErrorInfo } from '../shared/errors.js';
import { msg } from '../shared/messages/index.js';

/** What main needs of a utility process (Electron's UtilityProcess has this shape). */
export interface ChildLike {
  postMessage(message: unknown): void;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): unknown;
}

/** What main needs of an ipcMain invoke event. */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler?(channel: string): void;
}

export interface BackendDown {
  /** True: a new backend process is being started. False: it stays down until Bancone restarts. */
  restarting: boolean;
  code: number | null;
  /** What to show (Italian first, then English). */
  message: string;
  detail: string;
}

export interface RelayOptions {
  ipcMain: IpcMainLike;
  /** The IPC channel of calls ('bancone:call'). */
  callChannel: string;
  /** Only our own page may call the backend (its URL: the packaged renderer, or the dev server in development). */
  isTrustedSender(url: string): boolean;
  forkBackend(): ChildLike;
  forkSync(args: string[], env: Record<string, string>): ChildLike;
  /** The start message's content: paths, and the secrets key (secretsKeyForBackend). */
  start: Omit<StartMessage, 'type'>;
  /** Sends an event to our windows. */
  broadcast(event: BackendEvent): void;
  /** The backend process died after starting: show it (main: a message box). */
  onBackendDown(info: BackendDown): void;
  /** Default 120 s: the longest call (onboarding: three requests to Openapi, 30 s each) fits. */
  callTimeoutMs?: number;
  /** How long `stop` waits for the backend to close cleanly before killing it (default 15 s). */
  stopTimeoutMs?: number;
  /** How many times a dead backend is started again (default 1). */
  restarts?: number;
}

export interface Relay {
  /** Resolves once the backend answered `ready`; rejects if it could not start. */
  ready: Promise<void>;
  /** Asks the backend to finish (in-flight print jobs, the sync process) and waits for it. */
  stop(): Promise<void>;
}

const FORBIDDEN: CallResult<unknown> = { ok: false, error: { code: 'FORBIDDEN', message: 'Pagina non autorizzata a usare la cassa: riavviare Bancone', message_en: 'This page may not use the till: restart Bancone' } };

function seconds(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} minut${ms === 60_000 ? 'o' : 'i'}` : `${Math.round(ms / 1000)} secondi`;
}

function timeoutError(ms: number): CallResult<unknown> {
  return { ok: false, error: {
    code: 'BACKEND_TIMEOUT',
    message: `Il programma della cassa non risponde da ${seconds(ms)}: controllare nello Storico se l'operazione è stata registrata prima di ripeterla; se si ripete, riavviare Bancone`,
    message_en: `The till backend has not answered for ${Math.round(ms / 1000)} s: check the History for whether the operation was recorded before repeating it; if it happens again, restart Bancone`,
  } };
}

const EXITED: CallResult<unknown> = { ok: false, error: {
  code: 'BACKEND_EXITED',
  message: "Il programma della cassa si è fermato: l'operazione potrebbe non essere stata registrata, controllare nello Storico prima di ripeterla",
  message_en: 'The till backend stopped: the operation may not have been recorded, check the History before repeating it',
} };

const DOWN: CallResult<unknown> = { ok: false, error: {
  code: 'BACKEND_EXITED',
  message: 'Il programma della cassa si è fermato: chiudere e riaprire Bancone',
  message_en: 'The till backend stopped: close and reopen Bancone',
} };

/**
 * The secrets key for the backend process, unwrapped here because safeStorage exists only in main:
 * the OS keyring, else a key file in the user's config folder (backend/keyring/data-key.ts), holding
 * only the OS-wrapped key when safeStorage is a real one (key-wrapping.ts). A key that cannot be read is not fatal: the till works, and says
 * why when a secret is needed, as it always did.
 */
export function secretsKeyForBackend(dataDir: string, wrapping: KeyWrapping | null, legacyUnwrap: ((stored: Buffer) => Buffer) | null = null, newKey: (() => Buffer) | null = null): StartMessage['key'] {
  try {
    const key = dataDirKeyProvider(dataDir, { ...(wrapping ? { wrapping } : {}), ...(legacyUnwrap ? { legacyUnwrap } : {}), ...(newKey ? { newKey } : {}) }).key();
    return { ok: true, bytes: new Uint8Array(key) };
  } catch (e) {
    const error = e instanceof BanconeError ? toErrorInfo(e)
      : toErrorInfo(new BanconeError('SECRET_KEY_UNREADABLE', msg.settings.secretKeyUnreadable({ detail: (e as Error).message })));
    return { ok: false, error };
  }
}

export function startRelay(o: RelayOptions): Relay {
  const callTimeoutMs = o.callTimeoutMs ?? 120_000;
  const stopTimeoutMs = o.stopTimeoutMs ?? 15_000;
  let restartsLeft = o.restarts ?? 1;
  const pending = new Map<number, { resolve: (r: CallResult<unknown>) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  let child: ChildLike | null = null;
  let sync: ChildLike | null = null;
  let isReady = false;
  let down = false;
  let stopping: Promise<void> | null = null;
  let onStopped: (() => void) | null = null;
  let firstStart: { resolve: () => void; reject: (e: Error) => void } | null = null;
  /** Calls that arrived before the backend was ready, sent once it is. */
  let waiting: MainToBackend[] = [];

  const ready = new Promise<void>((resolve, reject) => { firstStart = { resolve, reject }; });

  function send(m: MainToBackend): void {
    if (isReady && child) child.postMessage(m);
    else waiting.push(m);
  }

  function answer(id: number, r: CallResult<unknown>): void {
    const p = pending.get(id);
    if (!p) return; // timed out already, or answered at a backend's death
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(r);
  }

  function answerAll(r: CallResult<unknown>): void {
    for (const id of [...pending.keys()]) answer(id, r);
    waiting = waiting.filter((m) => m.type !== 'call');
  }

  function stopSync(): void {
    // It was the dead backend's: a new backend starts its own (the sync's lock keeps two from sending twice).
    sync?.postMessage({ type: 'stop' });
    sync = null;
  }

  function launch(): void {
    const c = o.forkBackend();
    child = c;
    isReady = false;
    let fatal: string | null = null;
    c.on('spawn', () => c.postMessage({ type: 'start', ...o.start } satisfies MainToBackend));
    c.on('message', (raw) => {
      if (child !== c) return;
      const m = asBackendMessage(raw);
      if (!m) return;
      switch (m.type) {
        case 'ready': {
          isReady = true;
          const queued = waiting;
          waiting = [];
          for (const q of queued) c.postMessage(q);
          if (firstStart) { firstStart.resolve(); firstStart = null; } else o.broadcast({ type: 'connection', up: true });
          return;
        }
        case 'fatal':
          fatal = m.message;
          return;
        case 'result':
          return answer(m.id, m.result);
        case 'event':
          return o.broadcast(m.event);
        case 'sync.start': {
          stopSync();
          const s = o.forkSync(m.args, m.env);
          sync = s;
          s.on('message', (message) => { if (child === c) c.postMessage({ type: 'sync.message', message } satisfies MainToBackend); });
          s.on('exit', (code) => {
            if (sync === s) sync = null;
            if (child === c) c.postMessage({ type: 'sync.exit', code } satisfies MainToBackend);
          });
          return;
        }
        case 'sync.post':
          sync?.postMessage(m.message);
          return;
        case 'sync.kill':
          sync?.kill();
          sync = null;
          return;
        case 'stopped':
          onStopped?.();
          return;
      }
    });
    c.on('exit', (code) => {
      if (child !== c) return;
      child = null;
      isReady = false;
      if (stopping) { onStopped?.(); return; }
      if (firstStart) {
        // It never started (the ledger cannot be opened, a migration failed): a restart would fail the same way.
        firstStart.reject(new Error(fatal ?? `il programma della cassa è uscito con codice ${code}`));
        firstStart = null;
        down = true;
        answerAll(DOWN);
        return;
      }
      answerAll(EXITED);
      stopSync();
      o.broadcast({ type: 'connection', up: false });
      const restarting = restartsLeft > 0;
      o.onBackendDown({
        restarting,
        code,
        message: restarting
          ? 'Il programma della cassa si è fermato ed è stato riavviato. / The till backend stopped and was restarted.'
          : 'Il programma della cassa si è fermato di nuovo. / The till backend stopped again.',
        detail: restarting
          ? "Le vendite già registrate sono salve. Accedere di nuovo con il proprio PIN e controllare nello Storico l'ultima operazione prima di ripeterla. / Recorded sales are safe. Log in again and check the last operation in the History before repeating it."
          : 'Le vendite già registrate sono salve. Chiudere e riaprire Bancone; se succede ancora, chiamare l\'assistenza. / Recorded sales are safe. Close and reopen Bancone; if it happens again, call support.',
      });
      if (restarting) {
        restartsLeft--;
        launch();
        // Everything shown may have changed meanwhile: the windows ask again once it is up (connection up).
      } else {
        down = true;
      }
    });
  }

  o.ipcMain.handle(o.callChannel, (event, name, arg) => {
    if (!o.isTrustedSender(event.senderFrame?.url ?? '')) return FORBIDDEN;
    if (down || stopping) return DOWN;
    const id = nextId++;
    return new Promise<CallResult<unknown>>((resolve) => {
      const timer = setTimeout(() => answer(id, timeoutError(callTimeoutMs)), callTimeoutMs);
      pending.set(id, { resolve, timer });
      // The dispatcher checks the name and the argument against the contract.
      send({ type: 'call', id, name: typeof name === 'string' ? name : '', arg, session: `electron:${event.sender.id}` });
    });
  });

  launch();

  return {
    ready,
    stop() {
      if (stopping) return stopping;
      const c = child;
      stopping = new Promise<void>((resolve) => {
        if (!c) return resolve();
        const timer = setTimeout(() => { c.kill(); resolve(); }, stopTimeoutMs);
        onStopped = () => { clearTimeout(timer); resolve(); };
        c.postMessage({ type: 'stop' } satisfies MainToBackend);
      }).then(() => {
        answerAll(DOWN);
        o.ipcMain.removeHandler?.(o.callChannel);
      });
      return stopping;
    },
  };
}
