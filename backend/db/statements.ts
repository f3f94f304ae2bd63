// Prepared statements, cached per connection: the one cache of the backend. A commit runs about a
// dozen statements, the sync the same few thousands of times, a scan one barcode lookup: preparing
// them each time cost more than running them (a quarter of a commit's CPU time; ~0.7 ms a document
// in `audit verify`). Everything that runs a statement often takes it from here.
//
// The ReadableDb / WritableDb brands (./types.ts) carry over to the statements: a function given a
// ReadableDb can only get a ReadStatement (no `run`), and readStmt refuses SQL that returns no rows,
// so a report cannot write by accident. A cached statement is shared by every caller of the same
// SQL on that connection, so its mode cannot be changed (no pluck()/raw()/expand()/bind() on it):
// ask for the plucked form with `{ pluck: true }` instead.
import type Database from 'better-sqlite3';
import type { ReadableDb, WritableDb } from './types.js';

type Stmt = Database.Statement<unknown[], unknown>;

/** A cached statement that only reads. */
export type ReadStatement = Pick<Stmt, 'get' | 'all'>;
/** A cached statement that may write (INSERT/UPDATE/DELETE, or a read in a writer's transaction). */
export type WriteStatement = Pick<Stmt, 'get' | 'all' | 'run'>;

export interface StatementOptions {
  /** Return the first column's value instead of a row object (better-sqlite3's pluck mode). */
  pluck?: boolean;
}

const cache = new WeakMap<object, Map<string, Stmt>>();

function cached(db: Database.Database, sql: string, opts: StatementOptions | undefined, check?: (s: Stmt) => void): Stmt {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  const key = opts?.pluck ? `pluck\0${sql}` : sql;
  let s = m.get(key);
  if (!s) {
    s = db.prepare(sql);
    check?.(s);
    if (opts?.pluck) s.pluck();
    m.set(key, s);
  }
  return s;
}

function mustRead(s: Stmt): void {
  if (!s.reader) throw new Error(`readStmt: not a query (use writeStmt with a WritableDb): ${s.source}`);
}

/** The prepared statement for a query (`SELECT`, or anything returning rows) on this connection. */
export function readStmt(db: ReadableDb, sql: string, opts?: StatementOptions): ReadStatement {
  return cached(db, sql, opts, mustRead);
}

/** The prepared statement for `sql` on a writable connection. Call inside the transaction it belongs to. */
export function writeStmt(db: WritableDb, sql: string, opts?: StatementOptions): WriteStatement {
  return cached(db, sql, opts);
}
