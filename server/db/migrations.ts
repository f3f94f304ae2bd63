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
  {
    version: 3,
    name: 'the tills\' journals and what they record',
    // Append-only: rows are only ever inserted (ON CONFLICT DO NOTHING, keyed by the till's own ids);
    // the one row per till that moves is till_sync (its ack, its chain's state, its last report).
    // Text where the till's exact string is hashed (at, payload); money in integer cents (bigint).
    sql: `
      CREATE TABLE journal (
        till_id bigint NOT NULL REFERENCES tills(id),
        seq bigint NOT NULL CHECK (seq > 0),
        at text NOT NULL,
        actor text,
        action text NOT NULL,
        entity_id text,
        payload text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (till_id, seq)
      );
      CREATE TABLE till_sync (
        till_id bigint PRIMARY KEY REFERENCES tills(id),
        ack_seq bigint NOT NULL DEFAULT 0,        -- every entry 1..ack_seq is stored
        ack_hash text,                            -- the hash of entry ack_seq (the verified chain's head)
        chain_broken_at bigint,                   -- the first seq where the chain does not hold, if any
        chain_problem text,
        last_upload_at timestamptz,
        report jsonb,                             -- the till's last TillReport (shared/server-api.ts)
        report_at timestamptz
      );
      CREATE TABLE documents (
        id text PRIMARY KEY,                      -- the till's UUID
        shop_id bigint NOT NULL REFERENCES shops(id),
        till_id bigint NOT NULL REFERENCES tills(id),
        kind text NOT NULL CHECK (kind IN ('sale', 'return', 'void')),
        business_day date NOT NULL,
        seq integer NOT NULL,
        number text NOT NULL,
        created_at timestamptz NOT NULL,
        operator_id text,
        parent_id text,
        subtotal_cents bigint NOT NULL, line_discount_cents bigint NOT NULL, sale_discount_cents bigint NOT NULL,
        complimentary_cents bigint NOT NULL, total_cents bigint NOT NULL, rounding_cents bigint NOT NULL,
        due_cents bigint NOT NULL, tendered_cents bigint NOT NULL, change_cents bigint NOT NULL,
        lottery_code text, source text NOT NULL, note text,
        journal_seq bigint NOT NULL,
        UNIQUE (till_id, business_day, seq)
      );
      CREATE INDEX documents_shop_day ON documents (shop_id, business_day);
      CREATE INDEX documents_till_day ON documents (till_id, business_day);
      CREATE INDEX documents_number ON documents (number);
      CREATE TABLE document_lines (
        document_id text NOT NULL REFERENCES documents(id),
        line_no integer NOT NULL,
        product_id text, sku text, barcode text, description text NOT NULL, department text, vat_code text NOT NULL,
        quantity_milli bigint NOT NULL, unit_price_cents bigint NOT NULL, list_price_cents bigint, gross_cents bigint NOT NULL,
        discount_cents bigint NOT NULL, sale_discount_share_cents bigint NOT NULL, complimentary integer NOT NULL,
        amount_cents bigint NOT NULL, parent_line_no integer,
        PRIMARY KEY (document_id, line_no)
      );
      CREATE TABLE payments (
        document_id text NOT NULL REFERENCES documents(id),
        seq integer NOT NULL,
        method text NOT NULL, amount_cents bigint NOT NULL, applied_cents bigint NOT NULL, count integer, uncollected_kind text,
        PRIMARY KEY (document_id, seq)
      );
      CREATE TABLE vat_rows (
        document_id text NOT NULL REFERENCES documents(id),
        vat_code text NOT NULL, gross_cents bigint NOT NULL, taxable_cents bigint NOT NULL, vat_cents bigint NOT NULL,
        PRIMARY KEY (document_id, vat_code)
      );
      -- The AdE side of each document as its till last reported it (fiscal.* entries, in journal order).
      CREATE TABLE fiscal_states (
        document_id text PRIMARY KEY,
        till_id bigint NOT NULL REFERENCES tills(id),
        state text NOT NULL,                      -- ready | failed | void_as_return | retry
        ade_number text,
        detail jsonb,
        journal_seq bigint NOT NULL
      );
      CREATE TABLE cash_movements (
        id text PRIMARY KEY,
        shop_id bigint NOT NULL REFERENCES shops(id),
        till_id bigint NOT NULL REFERENCES tills(id),
        business_day date NOT NULL, kind text NOT NULL, amount_cents bigint NOT NULL,
        reason text, operator_id text, created_at timestamptz NOT NULL
      );
      CREATE TABLE closures (
        till_id bigint NOT NULL REFERENCES tills(id),
        business_day date NOT NULL,
        shop_id bigint NOT NULL REFERENCES shops(id),
        z_number integer NOT NULL,
        closed_at timestamptz NOT NULL,
        operator_id text, note text,
        snapshot text NOT NULL,                   -- the canonical JSON the till stored and hashed
        PRIMARY KEY (till_id, business_day),
        UNIQUE (till_id, z_number)
      );
    `,
  },
  {
    version: 4,
    name: 'master data by version',
    // One row per master-data item per shop, as the wire's MasterItem. \`version\` comes from the
    // shop's counter (shops.master_version), taken with UPDATE … RETURNING inside the editing
    // transaction: the row lock it holds until commit makes versions commit in order, so a till's
    // cursor can never pass a version that is still to commit (a bare sequence can commit out of order).
    sql: `
      ALTER TABLE shops ADD COLUMN master_version bigint NOT NULL DEFAULT 0;
      CREATE TABLE master_items (
        shop_id bigint NOT NULL REFERENCES shops(id),
        kind text NOT NULL CHECK (kind IN ('department', 'product', 'operator', 'setting')),
        id text NOT NULL,
        version bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        data jsonb,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (shop_id, kind, id),
        UNIQUE (shop_id, version),
        CHECK (deleted = (data IS NULL))
      );
      CREATE UNIQUE INDEX master_items_sku ON master_items (shop_id, (data->>'sku')) WHERE kind = 'product' AND NOT deleted;
      CREATE UNIQUE INDEX master_items_department_code ON master_items (shop_id, (data->>'code')) WHERE kind = 'department' AND NOT deleted;
    `,
  },
  {
    version: 5,
    name: 'sales documented by an invoice at the counter',
    // A sale invoiced at the counter (issue #13) is not a corrispettivo: the till's reports keep it
    // apart («Vendite documentate da fattura») and it never goes to the AdE. The server learns it from
    // the till's invoice.* journal entries (at_sale) and keeps it here, append-only like the rest.
    sql: `
      CREATE TABLE at_sale_invoices (
        document_id text PRIMARY KEY REFERENCES documents(id),
        till_id bigint NOT NULL REFERENCES tills(id),
        invoice_number text NOT NULL,
        journal_seq bigint NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'master data: barcodes indexed',
    // srv-master: a product's barcodes must be unique in its shop; without an index every check scans
    // every product (a 5 000-row catalogue import took 29 s, quadratic). GIN over the barcode array
    // answers «is any of these taken» (the ?| operator) from the index.
    sql: `
      CREATE INDEX master_items_barcodes ON master_items USING gin ((data->'barcodes')) WHERE kind = 'product' AND NOT deleted;
    `,
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
