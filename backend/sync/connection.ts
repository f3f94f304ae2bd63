// The sync process's own connection to the ledger.
import { openDatabase, type OpenOptions } from '../db/open.js';
import type { WritableDb } from '../db/types.js';

/**
 * Opens the ledger for the sync process. This connection only moves outbox rows and sync state,
 * so it commits with synchronous=NORMAL: in WAL mode that is still safe against kill -9 (nothing
 * committed is lost when only the process dies); after a power cut the last transitions may be
 * lost, which at worst sends a row back to `sending`, and so to a look-up, never to a duplicate.
 * Sales keep synchronous=FULL on the till's connection.
 */
export function openSyncDatabase(file: string, opts: OpenOptions = {}): WritableDb {
  const db = openDatabase(file, opts);
  db.pragma('synchronous = NORMAL');
  return db;
}
