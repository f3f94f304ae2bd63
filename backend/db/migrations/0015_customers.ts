// The customer book (issue #13; never edit once landed; add a new numbered file for changes).
// - customers: persons and companies in FatturaPA's CessionarioCommittente shape (shared/customer.ts).
//   `seq` is the rowid alias, so VACUUM keeps it and the search index stays keyed right; `id` is what
//   the contract and future documents use. Future invoice documents reference the customer with
//   `customer_id TEXT REFERENCES customers(id)`: backend/customers/usage.ts counts such references
//   (every table whose foreign key points here), so a customer named by a document cannot be deleted,
//   only deactivated (`active` = 0).
// - customers_fts: trigram index over the folded name, codice fiscale and VAT number, so typing any
//   part of them (three characters or more) finds the customer without scanning the table.
export const sql = /* sql */ `
CREATE TABLE customers (
  seq                 INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  kind                TEXT NOT NULL CHECK (kind IN ('person', 'company')),
  denominazione       TEXT,
  nome                TEXT,
  cognome             TEXT,
  codice_fiscale      TEXT,
  id_paese            TEXT CHECK (id_paese IS NULL OR length(id_paese) = 2),
  id_codice           TEXT,
  codice_destinatario TEXT NOT NULL CHECK (length(codice_destinatario) = 7),
  pec                 TEXT,
  indirizzo           TEXT NOT NULL,
  numero_civico       TEXT,
  cap                 TEXT NOT NULL,
  comune              TEXT NOT NULL,
  provincia           TEXT,
  nazione             TEXT NOT NULL CHECK (length(nazione) = 2),
  notes               TEXT NOT NULL DEFAULT '',
  active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  display_name        TEXT NOT NULL,
  search_text         TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  CHECK ((kind = 'company' AND denominazione IS NOT NULL) OR (kind = 'person' AND nome IS NOT NULL AND cognome IS NOT NULL)),
  CHECK ((id_paese IS NULL) = (id_codice IS NULL))
) STRICT;
CREATE INDEX customers_name ON customers(active, search_text);
CREATE INDEX customers_vat ON customers(id_codice);
CREATE INDEX customers_cf ON customers(codice_fiscale);

CREATE VIRTUAL TABLE customers_fts USING fts5(search_text, content='customers', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customers_fts(rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customers_fts(customers_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF search_text ON customers BEGIN
  INSERT INTO customers_fts(customers_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
  INSERT INTO customers_fts(rowid, search_text) VALUES (new.seq, new.search_text);
END;
`;
