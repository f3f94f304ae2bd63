// Sync helper's schema (never edit once landed; add 0006+ for changes).
// The outbox rows are written by the ledger; these columns hold what only the sync process knows.
export const sql = /* sql */ `
ALTER TABLE outbox ADD COLUMN remote_items TEXT;          -- JSON [{lineNo, id, quantity}] of a sale, from the API
ALTER TABLE outbox ADD COLUMN first_attempt_at TEXT;      -- bounds the created_at window of a look-up by tag
ALTER TABLE outbox ADD COLUMN last_attempt_at TEXT;
ALTER TABLE outbox ADD COLUMN polls INTEGER NOT NULL DEFAULT 0;  -- status polls since sent (backoff)
ALTER TABLE outbox ADD COLUMN pdf_path TEXT;              -- AdE PDF stored under the data dir
CREATE INDEX outbox_parent ON outbox(parent_id);
CREATE INDEX outbox_remote ON outbox(remote_id);

-- Small key/value state of the sync process (auth stop, pauses, lock, last success): JSON values.
CREATE TABLE sync_state (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Encrypted secrets (API token, AdE credentials): AES-256-GCM, key kept outside the database.
CREATE TABLE secrets (
  name       TEXT PRIMARY KEY,
  iv         TEXT NOT NULL,
  tag        TEXT NOT NULL,
  ciphertext TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`;
