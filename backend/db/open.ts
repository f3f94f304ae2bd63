import { chmodSync, closeSync, openSync } from 'node:fs';
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
  if (file !== ':memory:' && !opts.readonly) ownerOnly(file);
  const db = new Database(file, {
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    ...(opts.readonly ? { readonly: true } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly && file !== ':memory:') switchToWal(db);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) migrate(db, opts.migrations ?? allMigrations);
  } catch (e) {
    // A ledger that cannot be opened (a full disk, a locked file) leaves no handle behind.
    db.close();
    throw e;
  }
  return db as WritableDb;
}

/**
 * The ledger is readable by its user only (issue #10: it was created 0644, readable by every local
 * user). SQLite gives the -wal and -shm files the mode of the database file, so creating that one
 * 0600 is enough; a ledger an older version created is tightened, with its -wal and -shm.
 */
function ownerOnly(file: string): void {
  try { closeSync(openSync(file, 'a', 0o600)); } catch { return; /* SQLite says what is wrong */ }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try { chmodSync(f, 0o600); } catch { /* absent, not ours, or Windows */ }
  }
}

/**
 * Switching a new file to WAL needs it to itself for a moment, and SQLite answers SQLITE_BUSY at
 * once, without its busy handler, when another process opening the same new ledger holds it (seen
 * with several processes opening a new ledger together). Try again for up to busy_timeout; a file
 * already in WAL (every open but the first) answers at the first try.
 */
function switchToWal(db: Database.Database): void {
  const deadline = Date.now() + 5000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw e;
      Atomics.wait(pause, 0, 0, wait); // a synchronous pause: opening is synchronous
    }
  }
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, in version order. Tracking each
 * version (not only the highest, as user_version does) means a migration numbered below one already
 * applied (work landing out of order) is still applied instead of silently skipped.
 *
 * Several processes open the ledger at once after an upgrade (Electron main, the sync process, a
 * CLI), so what is pending is read inside the write transaction (BEGIN IMMEDIATE holds the write
 * lock) and read again for each migration: whoever waited behind another process finds its work
 * done instead of applying it a second time. Returns how many migrations this call applied.
 */
export function migrate(db: Database.Database, migrations: Migration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const appliedNow = () => new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  // An up-to-date ledger (every open but the first) is only read: no write lock while the till works.
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined) {
    const applied = appliedNow();
    if (sorted.every((m) => applied.has(m.version))) return 0;
  }
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
    if (appliedNow().size > 0) return;
    // Databases from before this table: user_version said how far they had gone.
    const legacy = db.pragma('user_version', { simple: true }) as number;
    const ins = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?,?,?)');
    for (const m of sorted) if (m.version <= legacy) ins.run(m.version, m.name, new Date(0).toISOString());
  }).immediate();
  let count = 0;
  for (const m of sorted) {
    if (appliedNow().has(m.version)) continue;
    db.transaction(() => {
      if (appliedNow().has(m.version)) return; // another process applied it while we waited
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?,?,?)').run(m.version, m.name, new Date().toISOString());
      const top = Math.max(m.version, db.pragma('user_version', { simple: true }) as number);
      db.pragma(`user_version = ${top}`);
      count++;
    }).immediate();
  }
  return count;
}

/**
 * The till's own connection checkpoints the WAL when the counter is idle instead of inside a
 * commit: SQLite's automatic checkpoint otherwise lands in every ~28th sale and sets its p99.
 * Returns a function to call after each write; stop() checkpoints (TRUNCATE) and clears the timer.
 */
export function idleCheckpointer(db: Database.Database, idleMs = 750, maxWrites = 500): { touched(): void; stop(): void } {
  db.pragma('wal_autocheckpoint = 0');
  let timer: NodeJS.Timeout | null = null;
  let writes = 0;
  const run = () => {
    timer = null;
    writes = 0;
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next idle moment will do */ }
  };
  return {
    touched() {
      // A counter that is never idle (a bulk import) still checkpoints now and then.
      if (++writes >= maxWrites) { if (timer) clearTimeout(timer); run(); return; }
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, idleMs);
      timer.unref();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* closing anyway */ }
      db.pragma('wal_autocheckpoint = 1000');
    },
  };
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
