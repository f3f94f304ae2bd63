// The till's backend for browser mode (`bancone serve`), the end-to-end tests and the UI
// benchmark: the dispatcher with its ports wired to the real print queue, an in-process sync
// engine (its own connection to the ledger, as the sync process has), and the encrypted secrets.
// Electron's composition root (backend/programs/electron-till.ts) can use it too, with sync: false plus
// onSyncWake (its sync runs in a utility process) and keys wrapped by safeStorage.
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { openDatabase } from '../db/open.js';
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { Env } from '../config.js';
import { createDispatcher, type Dispatcher } from '../api/dispatcher.js';
import { createPrintingService, type PrintingService, type PrintingServiceOptions } from '../printing/index.js';
import { createSyncEngine, type SyncEngine, type SyncTuning } from '../sync/engine.js';
import { resolveSyncConfig } from '../sync/config.js';
import { createSyncPort } from '../sync/port.js';
import { createSecretsPort } from '../sync/secrets-port.js';
import { dataDirKeyProvider, type KeyProvider } from '../secrets.js';
import type { FetchLike } from '../sync/openapi-client.js';

export interface TillOptions {
  /** The ledger file (the sync engine opens its own connection to it). */
  dbFile: string;
  dataDir: string;
  clock: Clock;
  env?: Env;
  fetch?: FetchLike;
  /** Run the sync engine in this process (default true). Electron runs it in a utility process instead. */
  sync?: boolean;
  /** With sync: false, how to nudge the external sync process after a commit (e.g. post {type:'kick'}). */
  onSyncWake?: () => void;
  /** The secrets key (Electron wraps it with safeStorage); default: the key file in dataDir. */
  keys?: KeyProvider;
  syncTuning?: Partial<SyncTuning>;
  /** Printing overrides (tests: faster retries and status polls). */
  printing?: Omit<PrintingServiceOptions, 'db' | 'clock'>;
  nativeBinding?: string;
}

export interface Till {
  db: WritableDb;
  dispatcher: Dispatcher;
  printing: PrintingService;
  sync: SyncEngine | null;
  keys: KeyProvider;
  close(): Promise<void>;
}

export function startTill(o: TillOptions): Till {
  const env = o.env ?? {};
  const fetchImpl = o.fetch ?? (globalThis.fetch as FetchLike);
  const db = openDatabase(o.dbFile, o.nativeBinding ? { nativeBinding: o.nativeBinding } : {});
  const keys = o.keys ?? dataDirKeyProvider(o.dataDir);
  const printing = createPrintingService({ db, clock: o.clock, env, ...o.printing });
  let sync: SyncEngine | null = null;
  let syncDb: WritableDb | null = null;
  const controller = new AbortController();
  let watching: Promise<void> = Promise.resolve();
  if (o.sync ?? true) {
    syncDb = openDatabase(o.dbFile, o.nativeBinding ? { nativeBinding: o.nativeBinding } : {});
    const sdb = syncDb;
    sync = createSyncEngine({
      db: sdb,
      clock: o.clock,
      fetch: fetchImpl,
      random: () => randomInt(0, 2 ** 32) / 2 ** 32,
      config: () => resolveSyncConfig(sdb, env, keys),
      tuning: { pdfDir: join(o.dataDir, 'receipts'), ...o.syncTuning },
    });
    watching = sync.watch({ signal: controller.signal }).catch(() => undefined);
  }
  const wake = () => { if (sync) sync.kick(); else o.onSyncWake?.(); };
  const dispatcher = createDispatcher({
    db,
    clock: o.clock,
    printing: printing.port,
    sync: createSyncPort(db, o.clock, wake),
    secrets: createSecretsPort({ db, clock: o.clock, keys, env, fetch: fetchImpl, wake }),
  }, { onInternalError: (name, e) => process.stderr.write(`[bancone] ${name}: ${(e as Error).stack ?? String(e)}\n`) });
  printing.queue.start();
  return {
    db,
    dispatcher,
    printing,
    sync,
    keys,
    async close() {
      controller.abort();
      sync?.kick();
      await watching;
      sync?.close();
      await printing.queue.stop();
      syncDb?.close();
      db.close();
    },
  };
}
