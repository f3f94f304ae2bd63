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
  // A connection that PostgreSQL closes (a restart, an administrator's command) is an 'error' event
  // on the pool (an idle client) or on the client itself (one checked out, between two queries); with
  // no listener Node ends the whole server for it (seen in the chaos test). A query running then
  // fails on its own; the pool drops the broken client when it is released, and opens a new one.
  pool.on('error', () => undefined);
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
