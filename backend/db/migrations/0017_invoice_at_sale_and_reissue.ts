// Invoices, second shape (issue #13). Never edit once landed; add a new numbered file for changes.
// Two things 0016 could not hold, so the table is rebuilt (SQLite cannot change a CHECK or drop a
// UNIQUE in place; the rows are copied unchanged). invoice_outbox is rebuilt with it, unchanged: the
// migration runs inside a transaction with foreign keys on, and dropping a parent table that child
// rows still point at counts violations SQLite never takes back after the rename; dropping the child
// first leaves none. foreign_key_check is clean afterwards (test/integration/invoices/migration-0017).
// - at_sale: a TD01 issued at the counter INSTEAD of the receipt (fattura immediata). Such a sale
//   has no documento commerciale to cite, so receipt_number stays NULL and the sale is not sent to
//   /IT-receipts (a sale documented by an invoice is exempt from the receipts' transmission).
// - invoice_outbox gains sdi_errors and outcome_at (the SDI's verdict as the service reported it).
// - replaces_id: the corrected re-issue of an invoice the SDI rejected (scartata). The SDI treats a
//   rejected invoice as never issued; the shop issues it again, corrected, within five days, with a
//   new number of the series, citing the rejected one. So a document may have several invoices: the
//   first (replaces_id NULL: at most one per document, a partial unique index) and one re-issue per
//   rejected invoice (replaces_id UNIQUE). "The" invoice of a document is the one nothing replaces.
export const sql = /* sql */ `
DROP TRIGGER invoices_no_update;
DROP TRIGGER invoices_no_delete;

CREATE TABLE invoices_next (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('TD01', 'TD04')),
  year               TEXT NOT NULL,
  seq                INTEGER NOT NULL,
  number             TEXT NOT NULL UNIQUE,
  date               TEXT NOT NULL,
  document_id        TEXT NOT NULL REFERENCES documents(id),
  at_sale            INTEGER NOT NULL DEFAULT 0 CHECK (at_sale IN (0, 1)),
  receipt_number     TEXT,
  receipt_date       TEXT,
  receipt_ade_number TEXT,
  corrects_id        TEXT REFERENCES invoices_next(id),
  replaces_id        TEXT UNIQUE REFERENCES invoices_next(id),
  customer_id        TEXT NOT NULL REFERENCES customers(id),
  total_cents        INTEGER NOT NULL,
  file_name          TEXT NOT NULL UNIQUE,
  xml                TEXT NOT NULL,
  operator_id        TEXT REFERENCES operators(id),
  created_at         TEXT NOT NULL,
  UNIQUE (year, seq),
  CHECK ((kind = 'TD04') = (corrects_id IS NOT NULL)),
  -- A TD01 cites its receipt, unless it documents the sale itself; a TD04 never cites a receipt.
  CHECK ((kind = 'TD01' AND at_sale = 0) = (receipt_number IS NOT NULL)),
  CHECK (at_sale = 0 OR kind = 'TD01')
) STRICT;

INSERT INTO invoices_next (id, kind, year, seq, number, date, document_id, at_sale, receipt_number, receipt_date, receipt_ade_number,
  corrects_id, replaces_id, customer_id, total_cents, file_name, xml, operator_id, created_at)
SELECT id, kind, year, seq, number, date, document_id, 0, receipt_number, receipt_date, receipt_ade_number,
  corrects_id, NULL, customer_id, total_cents, file_name, xml, operator_id, created_at FROM invoices;

CREATE TABLE invoice_outbox_next (
  invoice_id      TEXT PRIMARY KEY REFERENCES invoices_next(id),
  provider        TEXT CHECK (provider IS NULL OR provider IN ('openapi', 'fattura-elettronica-api', 'fattura24')),
  state           TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sending', 'unknown', 'queued', 'sent', 'delivered', 'not_delivered', 'rejected', 'failed')),
  remote_id       TEXT,
  sdi_id          TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  sdi_errors      TEXT NOT NULL DEFAULT '[]', -- a rejected invoice: the SDI's [{code, message}] as the service gave them
  outcome_at      TEXT,                       -- when the service last saw the outcome change (UTC ISO instant)
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
INSERT INTO invoice_outbox_next (invoice_id, provider, state, remote_id, sdi_id, attempts, next_attempt_at, last_error, created_at, updated_at)
  SELECT invoice_id, provider, state, remote_id, sdi_id, attempts, next_attempt_at, last_error, created_at, updated_at FROM invoice_outbox;

DROP TABLE invoice_outbox;
DROP TABLE invoices;
ALTER TABLE invoices_next RENAME TO invoices;
ALTER TABLE invoice_outbox_next RENAME TO invoice_outbox;
CREATE INDEX invoice_outbox_state ON invoice_outbox(state, next_attempt_at);

CREATE UNIQUE INDEX invoices_document_first ON invoices(document_id) WHERE replaces_id IS NULL;
CREATE INDEX invoices_document ON invoices(document_id);
CREATE INDEX invoices_customer ON invoices(customer_id);
CREATE INDEX invoices_corrects ON invoices(corrects_id);
CREATE INDEX invoices_date ON invoices(date);
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
  BEGIN SELECT RAISE(ABORT, 'invoices are append-only: issue a credit note'); END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
  BEGIN SELECT RAISE(ABORT, 'invoices are append-only: issue a credit note'); END;
`;
