import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations/index.js';
import type { WritableDb } from './types.js';

export interface OpenOptions {
  /** Path to the native addon; Electron passes its own build so Node and Electron builds coexist. */
  nativeBinding?: string;
  readonly?: boolean;
  migrations?: Migration[];
}

/**
 * Opens (and migrates) the ledger. WAL + synchronous=FULL: a commit is on disk before we return,
 * so a receipt is never printed for a sale a power cut could take away.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): WritableDb {
  const db = new Database(file, {
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.readonly ? { readonly: true } : {}),
  });
  if (!opts.readonly && file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) migrate(db, opts.migrations ?? allMigrations);
  return db as WritableDb;
}

export function migrate(db: Database.Database, migrations: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return pending.length;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
