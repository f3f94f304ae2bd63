// The till's backend: the dispatcher with its ports wired to the real print queue, an in-process
// sync engine (its own connection to the ledger, as the sync process has), the encrypted secrets,
// and the change feed that tells the screens what changed (they never poll). Used by browser mode
// (`bancone serve`), the end-to-end tests, the UI benchmarks and the Electron backend process
// (backend/programs/backend-process.ts: sync: false plus onSyncWake, its sync runs in a process of
// its own; keys unwrapped by main with safeStorage).
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
import { sealLegacyTaxCode } from '../setup/ade.js';
import { dataDirKeyProvider, type KeyProvider } from '../secrets.js';
import type { FetchLike } from '../sync/openapi-client.js';
import { announcingWrites, createChangeFeed, ledgerFingerprints, type ChangeFeed } from '../bridge/changes.js';
import { CHANGE_TOPICS } from '../../shared/contract/channel.js';
import type { PrintQueueEvent } from '../printing/queue.js';
import { createInvoiceSender, type InvoiceSender } from '../invoicing/sender/engine.js';
import { recordedProviderConfig } from '../invoicing/sender/recorded.js';
import { invoiceTuningFromEnv } from '../invoicing/sender/tuning-env.js';
import type { SenderTuning } from '../invoicing/sender/steps.js';
import { readInvoicingConfig } from '../invoicing/config.js';
import { createShopLinkLoop, type ShopLinkLoop, type ShopLinkTuning } from '../shop-link/loop.js';
import { readShopLinkConfig } from '../shop-link/config.js';

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
  /**
   * Run the invoice sender beside the in-process receipts engine (default: as `sync`). A test that
   * writes the invoice outbox itself, as the sender would, turns it off.
   */
  invoiceSender?: boolean;
  /** The invoice sender's waits (default: from the environment, BANCONE_INVOICE_*). */
  invoiceTuning?: Partial<SenderTuning>;
  /** Run the journal's link to the shop server beside the in-process sync (default: as `sync`; idle until the till joins). */
  shopLink?: boolean;
  /** The link's waits (tests: shorter than the defaults). */
  shopLinkTuning?: Partial<ShopLinkTuning>;
  /** Printing overrides (tests: faster retries and status polls). */
  printing?: Omit<PrintingServiceOptions, 'db' | 'clock'>;
  nativeBinding?: string;
}

export interface Till {
  db: WritableDb;
  dispatcher: Dispatcher;
  printing: PrintingService;
  sync: SyncEngine | null;
  /** The invoice outbox's sender, beside the receipts' engine (null with sync: false). */
  invoices: InvoiceSender | null;
  keys: KeyProvider;
  /** What the screens are told when something they show changes (the bridge and the backend process push it). */
  changes: ChangeFeed;
  close(): Promise<void>;
}

export function startTill(o: TillOptions): Till {
  const env = o.env ?? {};
  const fetchImpl = o.fetch ?? (globalThis.fetch as FetchLike);
  const db = openDatabase(o.dbFile, o.nativeBinding ? { nativeBinding: o.nativeBinding } : {});
  const keys = o.keys ?? dataDirKeyProvider(o.dataDir, { env });
  // An AdE tax code an older version kept in clear goes into the encrypted store; a key that cannot
  // be read now only leaves it where it was (the secrets screen says so), it never stops the till.
  try { sealLegacyTaxCode(db, keys, o.clock.now()); } catch { /* retried at the next start */ }
  const changes = createChangeFeed({ db, clock: o.clock, fingerprints: ledgerFingerprints(db) });
  // The print queue writes on this connection and keeps the printer's state in memory: it says so.
  let printerSaid = '';
  const printed = (e: PrintQueueEvent) => {
    o.printing?.onEvent?.(e);
    if (e.type !== 'status') return changes.notify(CHANGE_TOPICS);
    // Status checks repeat the same answer every few seconds: only a different one is news.
    const said = `${e.status.state}|${e.status.message ?? ''}`;
    if (said !== printerSaid) { printerSaid = said; changes.notify(['status']); }
  };
  const printing = createPrintingService({ db, clock: o.clock, env, ...o.printing, onEvent: printed });
  let sync: SyncEngine | null = null;
  let invoices: InvoiceSender | null = null;
  let syncDb: WritableDb | null = null;
  const controller = new AbortController();
  let watching: Promise<void> = Promise.resolve();
  let sending: Promise<void> = Promise.resolve();
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
      // Sent, ready, failed, stopped, paused: said at once (data_version would notice it a little later).
      log: () => changes.notify(CHANGE_TOPICS),
    });
    watching = sync.watch({ signal: controller.signal }).catch(() => undefined);
  }
  if (sync && syncDb && (o.invoiceSender ?? true)) {
    const sdb = syncDb;
    // Invoices too, as the sync process sends them (browser mode, `bancone serve`): the same sender,
    // its configuration read at each drain, so a key typed in Impostazioni takes effect at once.
    invoices = createInvoiceSender({
      db: sdb,
      clock: o.clock,
      fetch: fetchImpl as FetchLike & typeof fetch,
      random: () => randomInt(0, 2 ** 32) / 2 ** 32,
      config: () => readInvoicingConfig(sdb, env, keys),
      configFor: (name) => recordedProviderConfig(sdb, env, keys, name),
      tuning: { ...invoiceTuningFromEnv(env), ...o.invoiceTuning },
      log: () => changes.notify(CHANGE_TOPICS),
    });
    sending = invoices.watch({ signal: controller.signal }).catch(() => undefined);
  }
  let shopLink: ShopLinkLoop | null = null;
  let linking: Promise<void> = Promise.resolve();
  if (sync && syncDb && (o.shopLink ?? true)) {
    const sdb = syncDb;
    // The journal up to the shop server (issue #14), where the sync runs, as the sync process runs it.
    shopLink = createShopLinkLoop({ db: sdb, clock: o.clock, fetch: fetchImpl as FetchLike & typeof fetch, config: () => readShopLinkConfig(sdb, keys), tuning: o.shopLinkTuning });
    linking = shopLink.run(controller.signal).catch(() => undefined);
  }
  const wake = () => { if (sync) { sync.kick(); invoices?.kick(); shopLink?.wake(); } else o.onSyncWake?.(); };
  const dispatcher = announcingWrites(createDispatcher({
    db,
    clock: o.clock,
    printing: printing.port,
    sync: createSyncPort(db, o.clock, wake),
    secrets: createSecretsPort({ db, clock: o.clock, keys, env, fetch: fetchImpl, wake }),
    setup: { keys, fetch: fetchImpl, env, wake },
  }, { onInternalError: (name, e) => process.stderr.write(`[bancone] ${name}: ${(e as Error).stack ?? String(e)}\n`) }), changes);
  printing.queue.start();
  return {
    db,
    dispatcher,
    printing,
    sync,
    invoices,
    keys,
    changes,
    async close() {
      changes.close();
      controller.abort();
      sync?.kick();
      invoices?.kick();
      await watching;
      await sending;
      await linking;
      sync?.close();
      invoices?.close();
      await printing.queue.stop();
      syncDb?.close();
      db.close();
    },
  };
}
