// The composition root: opens the ledger and wires the services the shell (Electron main) and the
// browser mode (`bancone serve`) share. Plain Node, no electron import.
import type { RuntimeConfig } from './config.js';
import { ensureDataDir } from './config.js';
import { openDatabase } from './db/open.js';
import type { WritableDb } from './db/types.js';
import { systemClock, type Clock } from '../../shared/time.js';
import { toErrorInfo } from '../../shared/errors.js';

export interface KeyWrapper {
  wrap(plain: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

export interface AppServicesOptions {
  config: RuntimeConfig;
  nativeBinding?: string;
  keyWrapper?: KeyWrapper | null;
  clock?: Clock;
  /** How to run the sync process: a utilityProcess in Electron, a Node child elsewhere. */
  startSyncProcess?: (args: string[], env: Record<string, string>) => { kill(): void };
}

export interface AppServices {
  db: WritableDb;
  clock: Clock;
  call(name: string, arg: unknown): Promise<unknown>;
  onStatus(listener: (status: unknown) => void): () => void;
  close(): void;
}

export async function createAppServices(opts: AppServicesOptions): Promise<AppServices> {
  ensureDataDir(opts.config.dataDir);
  const db = openDatabase(opts.config.dbFile, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  const clock = opts.clock ?? systemClock;
  const listeners = new Set<(s: unknown) => void>();
  return {
    db,
    clock,
    async call(name) {
      return { ok: false, error: toErrorInfo(new Error(`unknown method ${name}`)) };
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      db.close();
    },
  };
}
