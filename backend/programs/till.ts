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
import type { SecretsPort, SyncPort } from '../api/context.js';
import type { SecretName } from '../../shared/contract/settings.js';
import { createPrintingService, type PrintingService, type PrintingServiceOptions } from '../printing/index.js';
import { createSyncEngine, type SyncEngine, type SyncTuning } from '../sync/engine.js';
import { resolveSyncConfig } from '../sync/config.js';
import { connectionView, retryDocument } from '../sync/status.js';
import { clearState, readState } from '../sync/sync-state.js';
import { onboard } from '../sync/onboarding.js';
import { dataDirKeyProvider, getSecret, hasSecret, putSecret, type KeyProvider } from '../secrets.js';
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

/** Masked hint of a secret for the settings screen: enough to recognise it, not to use it. */
export function secretHint(name: SecretName, value: string): string {
  if (name === 'ade.password' || name === 'ade.pin') return '••••••';
  if (name === 'ade.taxCode') return `${value.slice(0, 3)}•••••••••${value.slice(-1)}`;
  return `••••${value.slice(-4)}`;
}

export function syncPort(db: WritableDb, clock: Clock, wake: () => void): SyncPort {
  return {
    // Polled by the status bar: only the small sync_state facts, no counts over the outbox
    // (getSyncStatus counts every row: ~45 ms with a million documents). Openapi's reachability is
    // what the sync learnt from its last exchange (it checks every few minutes while idle).
    status: () => connectionView(db, clock),
    retry(documentId, actorId) {
      const r = retryDocument(db, documentId, { clock, operatorId: actorId });
      return { state: r.state };
    },
    wake,
  };
}

function secretsPort(db: WritableDb, clock: Clock, keys: KeyProvider, env: Env, fetchImpl: FetchLike, wake: () => void): SecretsPort {
  return {
    status(name) {
      if (!hasSecret(db, name)) return { set: false, hint: null };
      const v = getSecret(db, keys, name);
      return { set: true, hint: v === null ? null : secretHint(name, v) };
    },
    async set(name, value) {
      putSecret(db, keys, name, value, clock.now());
      if (name === 'openapi.token') clearState(db, 'auth_required');
      // The AdE credentials only count once Openapi has them: send the three together.
      const ade = ['ade.taxCode', 'ade.password', 'ade.pin'].map((n) => getSecret(db, keys, n));
      const ob = readState(db, 'onboarding');
      if (name.startsWith('ade.') && ade.every((x) => x) && ob) {
        await onboard({ db, clock, fetch: fetchImpl, keys, env }, {
          fiscal_id: ob.fiscalId, name: ob.name, email: ob.email, tax_code: ade[0]!, password: ade[1]!, pin: ade[2]!,
        });
      }
      wake();
    },
  };
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
    sync: syncPort(db, o.clock, wake),
    secrets: secretsPort(db, o.clock, keys, env, fetchImpl, wake),
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
