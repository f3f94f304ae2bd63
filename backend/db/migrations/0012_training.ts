// Training mode (issue #12): nothing fiscal before the shop exists. Never edit once landed.
// - fiscal_mode: one row once the till issues fiscal documents. No row = training mode. Only
//   leaving training (backend/training/mode.ts, a manager, after set-up steps 1–2) or this
//   migration writes it; it is not a setting, so «Impostazioni» cannot switch it by accident.
// - training_documents / training_counters: training sales live apart from the fiscal ledger.
//   No report, outbox, numbering or audit query reads them, so they cannot leak into any of them.
//   body is the document as a receipt lays it out (shared/document.ts DocumentRecord, JSON).
// - An upgrade must not change a working shop: a ledger that already holds fiscal documents, an
//   Openapi fiscal id, or a company registered on Openapi from the till (sync_state 'onboarding',
//   `bancone onboard`) is marked set up (steps 1–2, where not recorded yet) and fiscal.
export const sql = /* sql */ `
CREATE TABLE fiscal_mode (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  since       TEXT NOT NULL,            -- UTC ISO instant the till became fiscal
  operator_id TEXT,                     -- the manager who left training (NULL: upgrade)
  how         TEXT NOT NULL CHECK (how IN ('upgrade', 'manager', 'cli', 'seed'))  -- seed: the demo shop, tests
) STRICT;

CREATE TABLE training_counters (
  business_day TEXT PRIMARY KEY,
  last_seq     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE training_documents (
  id           TEXT PRIMARY KEY,
  business_day TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  number       TEXT NOT NULL UNIQUE,    -- "PROVA 2026-12-02/0001"
  created_at   TEXT NOT NULL,
  operator_id  TEXT REFERENCES operators(id),
  total_cents  INTEGER NOT NULL,
  body         TEXT NOT NULL,           -- JSON DocumentRecord
  UNIQUE (business_day, seq)
) STRICT;

CREATE TEMP TABLE upgrade_0012 AS
  SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at
  WHERE EXISTS (SELECT 1 FROM documents)
     OR EXISTS (SELECT 1 FROM settings WHERE key = 'openapi.fiscalId' AND coalesce(json_extract(value, '$'), '') != '')
     OR EXISTS (SELECT 1 FROM sync_state WHERE key = 'onboarding');
INSERT INTO settings (key, value, updated_at)
  SELECT k.key, json_quote(u.at), u.at FROM upgrade_0012 u, (SELECT 'setup.shopDoneAt' AS key UNION ALL SELECT 'setup.adeDoneAt') k WHERE true
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
    WHERE coalesce(json_extract(settings.value, '$'), '') = '';
INSERT INTO fiscal_mode (id, since, operator_id, how) SELECT 1, at, NULL, 'upgrade' FROM upgrade_0012;
DROP TABLE temp.upgrade_0012;
`;
