// The server's PostgreSQL: DATABASE_URL when given (an existing PostgreSQL), else the embedded one
// in the data folder. `pg` is the standard PostgreSQL client for Node (pure JS, no native build).
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded.js';
import { migrate } from './migrations.js';

export interface ServerDb {
  pool: pg.Pool;
  /** Closes the pool, and stops the embedded PostgreSQL if this started one. */
  close(): Promise<void>;
}

export async function openServerDb(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ServerDb> {
  const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres(dataDir, env);
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL ?? embedded!.url, max: 5 });
  // An idle connection that PostgreSQL drops (a restart, an administrator's kill) is reported here; with
  // no listener Node would end the whole server. The pool makes a new connection for the next query.
  pool.on('error', (e) => { process.stderr.write(`PostgreSQL: ${e.message}\n`); });
  // The same on a connection checked out of the pool, between two queries of a transaction (the
  // chaos test saw bancone server die of it when PostgreSQL restarted under an upload): a query
  // running then fails on its own, and the pool drops the broken client when it is released.
  pool.on('connect', (client) => { client.on('error', () => undefined); });
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end();
    await embedded?.stop();
    throw e;
  }
  return { pool, async close() { await pool.end(); await embedded?.stop(); } };
}
