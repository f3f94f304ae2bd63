// Invoices as ledger documents (issue #13). Never edit once landed; add a new numbered file for changes.
// - invoice_counters: the gap-free annual series, advanced by backend/ledger/numbering.ts takeNumber
//   in the invoice's own transaction. Its key column keeps takeNumber's name (business_day) but holds
//   the series' period: the Europe/Rome year, «2026».
// - invoices: one row per issued invoice (TD01) or credit note (TD04), append-only like documents:
//   the XML is kept exactly as issued, and `bancone invoice xml` prints those bytes. document_id is the
//   ledger document it documents (the sale for TD01, the return or void for TD04): one invoice each.
//   A TD01 cites the receipt (documento commerciale) of the sale; a TD04 cites the invoice it corrects.
//   customer_id references customers(id): backend/customers/usage.ts finds this foreign key, so an
//   invoiced customer cannot be deleted (deactivate instead).
// - invoice_outbox: what the sending machinery (next) works from, written pending in the same
//   transaction. Exactly once: `provider` is fixed at the first attempt (a look-up after an ambiguous
//   failure asks the same service), `remote_id` is the service's id once known, and an invoice is sent
//   again only when the look-up says the service certainly holds nothing.
export const sql = /* sql */ `
CREATE TABLE invoice_counters (
  business_day TEXT PRIMARY KEY,      -- the period of the series: the Europe/Rome year, 'YYYY'
  last_seq     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE invoices (
  id                 TEXT PRIMARY KEY,    -- UUID: the local id that travels with the invoice
  kind               TEXT NOT NULL CHECK (kind IN ('TD01', 'TD04')),
  year               TEXT NOT NULL,
  seq                INTEGER NOT NULL,
  number             TEXT NOT NULL UNIQUE, -- prefix + «2026/0001»
  date               TEXT NOT NULL,       -- issue date, YYYY-MM-DD (Europe/Rome)
  document_id        TEXT NOT NULL UNIQUE REFERENCES documents(id),
  receipt_number     TEXT,                -- TD01: the documento commerciale cited
  receipt_date       TEXT,
  receipt_ade_number TEXT,                -- the AdE's number of that receipt, when it was known
  corrects_id        TEXT REFERENCES invoices(id), -- TD04: the invoice it corrects
  customer_id        TEXT NOT NULL REFERENCES customers(id),
  total_cents        INTEGER NOT NULL,
  file_name          TEXT NOT NULL UNIQUE, -- IT<codice fiscale>_<progressivo>.xml
  xml                TEXT NOT NULL,       -- FatturaPA 1.2.2 as issued
  operator_id        TEXT REFERENCES operators(id),
  created_at         TEXT NOT NULL,       -- UTC ISO instant
  UNIQUE (year, seq),
  CHECK ((kind = 'TD04') = (corrects_id IS NOT NULL)),
  CHECK ((kind = 'TD01') = (receipt_number IS NOT NULL))
) STRICT;
CREATE INDEX invoices_customer ON invoices(customer_id);
CREATE INDEX invoices_corrects ON invoices(corrects_id);
CREATE INDEX invoices_date ON invoices(date);
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
  BEGIN SELECT RAISE(ABORT, 'invoices are append-only: issue a credit note'); END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
  BEGIN SELECT RAISE(ABORT, 'invoices are append-only: issue a credit note'); END;

CREATE TABLE invoice_outbox (
  invoice_id      TEXT PRIMARY KEY REFERENCES invoices(id),  -- the local id
  provider        TEXT CHECK (provider IS NULL OR provider IN ('openapi', 'fattura-elettronica-api', 'fattura24')),
  state           TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sending', 'unknown', 'queued', 'sent', 'delivered', 'not_delivered', 'rejected', 'failed')),
  remote_id       TEXT,
  sdi_id          TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX invoice_outbox_state ON invoice_outbox(state, next_attempt_at);
`;
