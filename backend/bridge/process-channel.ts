// The messages between Electron's main process and the backend process it forks
// (backend/programs/backend-process.ts, an Electron utilityProcess). Main only relays: the
// renderer's calls in, their results and the pushed events out, and the sync process's messages
// both ways (a utility process cannot fork one of its own, so main starts the sync process when
// the backend asks and carries their messages). Plain data, posted with structured clone.
//
// main → backend                                     backend → main
//   start {dbFile, dataDir, nativeBinding?, key}       ready | fatal {message}
//   call {id, name, arg, session}                      result {id, result}
//   sync.message {message} · sync.exit {code}          event {event}
//   stop                                               sync.start {args, env} · sync.post {message} · sync.kill
//                                                      stopped
// The secrets key travels only in `start`, over the message port: never on the command line or in
// the environment, where other processes of the same user could read it.
import type { CallResult } from '../../shared/contract/define.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { isBackendEvent, type BackendEvent } from '../../shared/contract/channel.js';

export interface StartMessage {
  type: 'start';
  dbFile: string;
  dataDir: string;
  nativeBinding?: string;
  /**
   * The secrets key as main unwrapped it (safeStorage), or why it could not: the backend then works
   * without secrets and says so when one is needed, as it always has.
   */
  key: { ok: true; bytes: Uint8Array } | { ok: false; error: ErrorInfo };
}

export type MainToBackend =
  | StartMessage
  | { type: 'call'; id: number; name: string; arg: unknown; session: string }
  | { type: 'sync.message'; message: unknown }
  | { type: 'sync.exit'; code: number | null }
  | { type: 'stop' };

export type BackendToMain =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: CallResult<unknown> }
  | { type: 'event'; event: BackendEvent }
  | { type: 'sync.start'; args: string[]; env: Record<string, string> }
  | { type: 'sync.post'; message: unknown }
  | { type: 'sync.kill' }
  | { type: 'stopped' };

const isObj = (m: unknown): m is Record<string, unknown> => !!m && typeof m === 'object';
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** A message from main, checked (null: not one of ours). */
export function asMainMessage(m: unknown): MainToBackend | null {
  if (!isObj(m)) return null;
  switch (m.type) {
    case 'start': {
      const key = m.key as StartMessage['key'] | undefined;
      const keyOk = isObj(key) && (key.ok === true ? key.bytes instanceof Uint8Array : key.ok === false && isObj(key.error));
      if (typeof m.dbFile !== 'string' || typeof m.dataDir !== 'string' || !keyOk) return null;
      if (m.nativeBinding !== undefined && typeof m.nativeBinding !== 'string') return null;
      return m as unknown as StartMessage;
    }
    case 'call':
      return Number.isSafeInteger(m.id) && typeof m.name === 'string' && typeof m.session === 'string'
        ? { type: 'call', id: m.id as number, name: m.name, arg: m.arg, session: m.session } : null;
    case 'sync.message':
      return { type: 'sync.message', message: m.message };
    case 'sync.exit':
      return { type: 'sync.exit', code: typeof m.code === 'number' ? m.code : null };
    case 'stop':
      return { type: 'stop' };
    default:
      return null;
  }
}

/** A message from the backend process, checked (null: not one of ours). */
export function asBackendMessage(m: unknown): BackendToMain | null {
  if (!isObj(m)) return null;
  switch (m.type) {
    case 'ready':
    case 'stopped':
    case 'sync.kill':
      return { type: m.type };
    case 'fatal':
      return { type: 'fatal', message: String(m.message) };
    case 'result':
      return Number.isSafeInteger(m.id) && isObj(m.result) && typeof m.result.ok === 'boolean'
        ? { type: 'result', id: m.id as number, result: m.result as unknown as CallResult<unknown> } : null;
    case 'event':
      return isBackendEvent(m.event) ? { type: 'event', event: m.event } : null;
    case 'sync.start':
      return isStrings(m.args) && isObj(m.env) && Object.values(m.env).every((v) => typeof v === 'string')
        ? { type: 'sync.start', args: m.args, env: m.env as Record<string, string> } : null;
    case 'sync.post':
      return { type: 'sync.post', message: m.message };
    default:
      return null;
  }
}
