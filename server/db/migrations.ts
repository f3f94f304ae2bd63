// The server's schema, versioned like the till's (backend/db/migrations): a migration is never
// edited once shipped; add the next number. Each is applied in its own transaction and recorded in
// `schema_migrations`; a session advisory lock makes two servers starting at once take turns (the
// second finds the work done).
import type pg from 'pg';

export interface Migration { version: number; name: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'shops, tills, pairing codes, till tokens',
    sql: `
      CREATE TABLE shops (
        id bigserial PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL
      );
      CREATE TABLE tills (
        id bigserial PRIMARY KEY,
        shop_id bigint NOT NULL REFERENCES shops(id),
        code text NOT NULL CHECK (code ~ '^C[0-9]+$'),
        created_at timestamptz NOT NULL,
        UNIQUE (shop_id, code)
      );
      -- One-time and expiring; only the SHA-256 of the code is kept.
      CREATE TABLE pairing_codes (
        id bigserial PRIMARY KEY,
        shop_id bigint NOT NULL REFERENCES shops(id),
        code_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by_till bigint REFERENCES tills(id)
      );
      -- Only the SHA-256 of the token is kept (the till holds the token, encrypted).
      CREATE TABLE till_tokens (
        id bigserial PRIMARY KEY,
        till_id bigint NOT NULL REFERENCES tills(id),
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
    `,
  },
  {
    version: 2,
    name: 'tills: last seen',
    sql: `ALTER TABLE tills ADD COLUMN last_seen_at timestamptz;`,
  },
];

/** Any fixed 64-bit number, the same in every server: «bancone schema». */
const LOCK_KEY = 0x62616e636f6e65n;

/** Applies the migrations not yet applied; returns the versions this call applied. `beforeApply`
 *  runs holding the lock, before each migration (tests hold a migrator there). */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS,
  hooks: { beforeApply?: (m: Migration) => Promise<void> } = {}): Promise<number[]> {
  const c = await pool.connect();
  const applied: number[] = [];
  try {
    await c.query('SELECT pg_advisory_lock($1)', [LOCK_KEY.toString()]);
    try {
      await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await hooks.beforeApply?.(m);
        await c.query('BEGIN');
        try {
          await c.query(m.sql);
          await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await c.query('COMMIT');
        } catch (e) {
          await c.query('ROLLBACK');
          throw e;
        }
        applied.push(m.version);
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY.toString()]);
    }
  } finally {
    c.release();
  }
  return applied;
}
