// Never edit a migration once it has landed: add a new numbered one.
export const sql = /* sql */ `
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,            -- JSON
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE operators (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('cashier','manager')),
  pin_hash   TEXT,                     -- scrypt$N$salt$hash
  active     INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE departments (
  id         TEXT PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  vat_code   TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE products (
  id            TEXT PRIMARY KEY,
  sku           TEXT NOT NULL UNIQUE,
  description   TEXT NOT NULL,
  search_text   TEXT NOT NULL,         -- lower-case, accents folded: "citta" finds "Città"
  price_cents   INTEGER NOT NULL CHECK (price_cents >= 0),
  vat_code      TEXT NOT NULL,
  department_id TEXT REFERENCES departments(id),
  sold_by_weight INTEGER NOT NULL DEFAULT 0,
  favourite     INTEGER NOT NULL DEFAULT 0,
  active        INTEGER NOT NULL DEFAULT 1,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX products_search ON products(search_text);

CREATE TABLE barcodes (
  barcode    TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX barcodes_product ON barcodes(product_id);

-- Human numbering: one gap-free counter per business day (Europe/Rome), shared by sales,
-- returns and voids, advanced in the same transaction that writes the document.
CREATE TABLE day_counters (
  business_day TEXT PRIMARY KEY,       -- YYYY-MM-DD
  last_seq     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Sales, returns and voids are all fiscal documents; a return/void points at its sale.
CREATE TABLE documents (
  id              TEXT PRIMARY KEY,    -- UUID, travels to the API in tags
  kind            TEXT NOT NULL CHECK (kind IN ('sale','return','void')),
  business_day    TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  number          TEXT NOT NULL UNIQUE, -- "2026-11-21/0042"
  created_at      TEXT NOT NULL,       -- UTC ISO instant
  operator_id     TEXT REFERENCES operators(id),
  parent_id       TEXT REFERENCES documents(id),
  subtotal_cents  INTEGER NOT NULL,
  line_discount_cents INTEGER NOT NULL,
  sale_discount_cents INTEGER NOT NULL,
  complimentary_cents INTEGER NOT NULL,
  total_cents     INTEGER NOT NULL,    -- fiscal total (refund total for returns/voids, positive)
  rounding_cents  INTEGER NOT NULL,
  due_cents       INTEGER NOT NULL,
  tendered_cents  INTEGER NOT NULL,
  change_cents    INTEGER NOT NULL,
  lottery_code    TEXT,
  source          TEXT NOT NULL DEFAULT 'till',  -- till | cli | api
  note            TEXT,
  UNIQUE (business_day, seq),
  CHECK ((kind = 'sale') = (parent_id IS NULL))
) STRICT;
CREATE INDEX documents_day ON documents(business_day, kind);
CREATE INDEX documents_parent ON documents(parent_id);
CREATE INDEX documents_created ON documents(created_at);

CREATE TABLE document_lines (
  document_id     TEXT NOT NULL REFERENCES documents(id),
  line_no         INTEGER NOT NULL,
  product_id      TEXT,
  sku             TEXT,
  barcode         TEXT,
  description     TEXT NOT NULL,
  department      TEXT,
  vat_code        TEXT NOT NULL,
  quantity_milli  INTEGER NOT NULL CHECK (quantity_milli > 0),
  unit_price_cents INTEGER NOT NULL,
  list_price_cents INTEGER,
  gross_cents     INTEGER NOT NULL,
  discount_cents  INTEGER NOT NULL,
  sale_discount_share_cents INTEGER NOT NULL,
  complimentary   INTEGER NOT NULL,
  amount_cents    INTEGER NOT NULL,
  parent_line_no  INTEGER,             -- returns/voids: the sale line this refunds
  PRIMARY KEY (document_id, line_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE payments (
  document_id     TEXT NOT NULL REFERENCES documents(id),
  seq             INTEGER NOT NULL,
  method          TEXT NOT NULL CHECK (method IN ('cash','electronic','meal_voucher','uncollected')),
  amount_cents    INTEGER NOT NULL,    -- tendered
  applied_cents   INTEGER NOT NULL,    -- kept by the shop (cash net of change); refunds: paid out
  count           INTEGER,
  uncollected_kind TEXT,
  PRIMARY KEY (document_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE vat_rows (
  document_id     TEXT NOT NULL REFERENCES documents(id),
  vat_code        TEXT NOT NULL,
  gross_cents     INTEGER NOT NULL,
  taxable_cents   INTEGER NOT NULL,
  vat_cents       INTEGER NOT NULL,
  PRIMARY KEY (document_id, vat_code)
) STRICT, WITHOUT ROWID;

-- One row per fiscal document to send. The sync process owns the state machine:
-- pending → sending → sent → ready | failed; unknown after an ambiguous failure.
CREATE TABLE outbox (
  document_id     TEXT PRIMARY KEY REFERENCES documents(id),
  kind            TEXT NOT NULL,
  parent_id       TEXT REFERENCES documents(id),
  state           TEXT NOT NULL DEFAULT 'pending',
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  remote_id       TEXT,
  remote_status   TEXT,
  document_number TEXT,                -- AdE number, e.g. DCW2025/0000-4706
  document_date   TEXT,
  transaction_id  TEXT,
  submitted_at    TEXT,
  last_error_code TEXT,
  last_error_message TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_state ON outbox(state, next_attempt_at);

CREATE TABLE print_jobs (
  id              TEXT PRIMARY KEY,
  document_id     TEXT REFERENCES documents(id),
  kind            TEXT NOT NULL,       -- receipt | copy | reprint | fiscal_number | z_report | test
  state           TEXT NOT NULL DEFAULT 'queued',
  attempts        INTEGER NOT NULL DEFAULT 0,
  payload         TEXT,                -- JSON for jobs that are not documents (reports, tests)
  last_error      TEXT,
  next_attempt_at TEXT,
  created_at      TEXT NOT NULL,
  printed_at      TEXT
) STRICT;
CREATE INDEX print_jobs_state ON print_jobs(state, created_at);

-- Append-only, hash-chained journal. Triggers refuse UPDATE and DELETE.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT,
  action     TEXT NOT NULL,
  entity_id  TEXT,
  payload    TEXT NOT NULL,            -- canonical JSON
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Closed business days (the end-of-day issue fills this; the ledger reads it to date new sales).
CREATE TABLE day_closures (
  business_day TEXT PRIMARY KEY,
  z_number     INTEGER NOT NULL UNIQUE,
  closed_at    TEXT NOT NULL,
  operator_id  TEXT,
  note         TEXT,
  snapshot     TEXT NOT NULL           -- JSON of the Z report as closed
) STRICT;
`;
