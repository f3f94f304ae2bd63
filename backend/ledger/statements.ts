// Statements of the commit path are prepared once per connection: a commit runs about a dozen,
// and preparing them on every commit was about a quarter of its CPU time.
import type Database from 'better-sqlite3';

type Stmt = Database.Statement<unknown[], unknown>;
const cache = new WeakMap<object, Map<string, Stmt>>();

/** The prepared statement for `sql` on this connection. Only for get/run/all (not iterate, pluck, raw). */
export function stmt(db: Database.Database, sql: string): Stmt {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(sql);
  if (!s) {
    s = db.prepare(sql);
    m.set(sql, s);
  }
  return s;
}
