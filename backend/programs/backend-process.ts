// The Electron composition root: the same till backend as `bancone serve` (backend/programs/till.ts), with
// the sync engine in its own process and the secrets key wrapped by the OS keychain. Plain Node:
// main.ts passes in the few Electron things (safeStorage, utilityProcess) as functions.
import type { RuntimeConfig } from '../config.js';
import { ensureDataDir } from '../config.js';
import { idleCheckpointer } from '../db/open.js';
import { startTill, type Till } from './till.js';
import { dataDirKeyProvider, getSecret, type KeyWrapping } from '../secrets.js';
import { TOKEN_SECRET } from '../sync/config.js';
import { systemClock, type Clock } from '../../shared/time.js';
import type { CallResult } from '../../shared/contract/define.js';

export interface SyncProcessHandle {
  post(message: unknown): void;
  kill(): void;
}

export interface AppServicesOptions {
  config: RuntimeConfig;
  env?: Record<string, string | undefined>;
  nativeBinding?: string;
  /** safeStorage in Electron; null where the OS offers no keychain (then the key file is plain, mode 0600). */
  keyWrapper?: KeyWrapping | null;
  clock?: Clock;
  /** Starts the sync process (an Electron utilityProcess) with these arguments and environment. */
  startSyncProcess?: (args: string[], env: Record<string, string>) => SyncProcessHandle;
}

export interface AppServices {
  till: Till;
  call(name: string, arg: unknown, sessionId?: string): Promise<CallResult<unknown>>;
  close(): Promise<void>;
}

export async function createAppServices(opts: AppServicesOptions): Promise<AppServices> {
  ensureDataDir(opts.config.dataDir);
  const clock = opts.clock ?? systemClock;
  const keys = dataDirKeyProvider(opts.config.dataDir, opts.keyWrapper ?? undefined);
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
