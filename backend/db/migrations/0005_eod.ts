// End-of-day schema (never edit once landed; add a later migration for changes).
// Cash movements and cash counts are ledger facts like documents: append-only, journaled, and
// dated by business day, so a closed day's figures can never move.
//
// report_day_* hold per-business-day sums of the ledger rows, kept by triggers in the same
// transaction as every insert/update/delete of documents, vat_rows, payments and outbox. They make
// an X reading or a month summary read a few dozen rows instead of joining every document (on a
// million-sale ledger a month by join took ~2 s, from the totals well under a millisecond). The Z
// at closing is computed from the rows themselves and compared with these totals.
const docCols = 'total_cents, rounding_cents, line_discount_cents, sale_discount_cents, complimentary_cents, parent_rounding_cents';

/** Adds (sign +1) or removes (−1) one document row `r` (NEW or OLD) from the day totals. */
const docDelta = (r: 'NEW' | 'OLD', sign: 1 | -1) => /* sql */ `
  INSERT INTO report_day_documents (business_day, kind, n, ${docCols})
  VALUES (${r}.business_day, ${r}.kind, ${sign}, ${sign} * ${r}.total_cents, ${sign} * ${r}.rounding_cents, ${sign} * ${r}.line_discount_cents,
    ${sign} * ${r}.sale_discount_cents, ${sign} * ${r}.complimentary_cents,
    ${sign} * CASE WHEN ${r}.kind = 'void' THEN coalesce((SELECT p.rounding_cents FROM documents p WHERE p.id = ${r}.parent_id), 0) ELSE 0 END)
  ON CONFLICT (business_day, kind) DO UPDATE SET n = n + excluded.n, total_cents = total_cents + excluded.total_cents,
    rounding_cents = rounding_cents + excluded.rounding_cents, line_discount_cents = line_discount_cents + excluded.line_discount_cents,
    sale_discount_cents = sale_discount_cents + excluded.sale_discount_cents, complimentary_cents = complimentary_cents + excluded.complimentary_cents,
    parent_rounding_cents = parent_rounding_cents + excluded.parent_rounding_cents;`;

const vatDelta = (r: 'NEW' | 'OLD', sign: 1 | -1) => /* sql */ `
  INSERT INTO report_day_vat (business_day, kind, vat_code, gross_cents, taxable_cents, vat_cents)
  SELECT d.business_day, d.kind, ${r}.vat_code, ${sign} * ${r}.gross_cents, ${sign} * ${r}.taxable_cents, ${sign} * ${r}.vat_cents
  FROM documents d WHERE d.id = ${r}.document_id
  ON CONFLICT (business_day, kind, vat_code) DO UPDATE SET gross_cents = gross_cents + excluded.gross_cents,
    taxable_cents = taxable_cents + excluded.taxable_cents, vat_cents = vat_cents + excluded.vat_cents;`;

const payDelta = (r: 'NEW' | 'OLD', sign: 1 | -1) => /* sql */ `
  INSERT INTO report_day_payments (business_day, kind, method, n, applied_cents, pieces)
  SELECT d.business_day, d.kind, ${r}.method, ${sign}, ${sign} * ${r}.applied_cents, ${sign} * coalesce(${r}.count, 0)
  FROM documents d WHERE d.id = ${r}.document_id
  ON CONFLICT (business_day, kind, method) DO UPDATE SET n = n + excluded.n, applied_cents = applied_cents + excluded.applied_cents,
    pieces = pieces + excluded.pieces;`;

const fiscalDelta = (r: 'NEW' | 'OLD', sign: 1 | -1) => /* sql */ `
  INSERT INTO report_day_fiscal (business_day, state, n)
  SELECT d.business_day, ${r}.state, ${sign} FROM documents d WHERE d.id = ${r}.document_id
  ON CONFLICT (business_day, state) DO UPDATE SET n = n + excluded.n;`;

const DONE = "('ready', 'voided')";
const notReadyAdd = (r: 'NEW') => /* sql */ `
  INSERT OR IGNORE INTO report_not_ready (business_day, seq, document_id)
  SELECT d.business_day, d.seq, d.id FROM documents d WHERE d.id = ${r}.document_id;`;
const notReadyRemove = (r: 'OLD') => /* sql */ `DELETE FROM report_not_ready WHERE document_id = ${r}.document_id;`;

/** Moves a document's child totals when its day or kind changes (never done by the ledger; kept exact anyway). */
const moveChildren = (r: 'NEW' | 'OLD', sign: 1 | -1) => /* sql */ `
  INSERT INTO report_day_vat (business_day, kind, vat_code, gross_cents, taxable_cents, vat_cents)
  SELECT ${r}.business_day, ${r}.kind, v.vat_code, ${sign} * v.gross_cents, ${sign} * v.taxable_cents, ${sign} * v.vat_cents
  FROM vat_rows v WHERE v.document_id = ${r}.id
  ON CONFLICT (business_day, kind, vat_code) DO UPDATE SET gross_cents = gross_cents + excluded.gross_cents,
    taxable_cents = taxable_cents + excluded.taxable_cents, vat_cents = vat_cents + excluded.vat_cents;
  INSERT INTO report_day_payments (business_day, kind, method, n, applied_cents, pieces)
  SELECT ${r}.business_day, ${r}.kind, p.method, ${sign}, ${sign} * p.applied_cents, ${sign} * coalesce(p.count, 0)
  FROM payments p WHERE p.document_id = ${r}.id
  ON CONFLICT (business_day, kind, method) DO UPDATE SET n = n + excluded.n, applied_cents = applied_cents + excluded.applied_cents,
    pieces = pieces + excluded.pieces;
  INSERT INTO report_day_fiscal (business_day, state, n)
  SELECT ${r}.business_day, o.state, ${sign} FROM outbox o WHERE o.document_id = ${r}.id
  ON CONFLICT (business_day, state) DO UPDATE SET n = n + excluded.n;
  UPDATE report_not_ready SET business_day = ${r}.business_day, seq = ${r}.seq WHERE document_id = ${r}.id;`;

export const sql = /* sql */ `
CREATE TABLE cash_movements (
  id           TEXT PRIMARY KEY,
  business_day TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('float','in','out')),  -- float = opening float (fondo cassa)
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  reason       TEXT NOT NULL,
  operator_id  TEXT REFERENCES operators(id),
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX cash_movements_day ON cash_movements(business_day, created_at);

-- Each count of the drawer by denomination; the last one of the day is the one the Z report uses.
CREATE TABLE cash_counts (
  id             TEXT PRIMARY KEY,
  business_day   TEXT NOT NULL,
  counted_at     TEXT NOT NULL,
  operator_id    TEXT REFERENCES operators(id),
  denominations  TEXT NOT NULL,          -- JSON {"5000": 2, "200": 7, ...}: value in cents -> pieces
  counted_cents  INTEGER NOT NULL,
  expected_cents INTEGER NOT NULL,
  variance_cents INTEGER NOT NULL,       -- counted - expected
  note           TEXT
) STRICT;
CREATE INDEX cash_counts_day ON cash_counts(business_day, counted_at);

CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements
  BEGIN SELECT RAISE(ABORT, 'cash_movements is append-only'); END;
CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements
  BEGIN SELECT RAISE(ABORT, 'cash_movements is append-only'); END;
CREATE TRIGGER cash_counts_no_update BEFORE UPDATE ON cash_counts
  BEGIN SELECT RAISE(ABORT, 'cash_counts is append-only'); END;
CREATE TRIGGER cash_counts_no_delete BEFORE DELETE ON cash_counts
  BEGIN SELECT RAISE(ABORT, 'cash_counts is append-only'); END;
-- A Z snapshot is the day as closed: never rewritten, never removed.
CREATE TRIGGER day_closures_no_update BEFORE UPDATE ON day_closures
  BEGIN SELECT RAISE(ABORT, 'day_closures is immutable'); END;
CREATE TRIGGER day_closures_no_delete BEFORE DELETE ON day_closures
  BEGIN SELECT RAISE(ABORT, 'day_closures is immutable'); END;

-- Per business day totals (see the note at the top).
CREATE TABLE report_day_documents (
  business_day          TEXT NOT NULL,
  kind                  TEXT NOT NULL,
  n                     INTEGER NOT NULL,
  total_cents           INTEGER NOT NULL,
  rounding_cents        INTEGER NOT NULL,
  line_discount_cents   INTEGER NOT NULL,
  sale_discount_cents   INTEGER NOT NULL,
  complimentary_cents   INTEGER NOT NULL,
  parent_rounding_cents INTEGER NOT NULL,  -- voids: the cash rounding of the sales they give back
  PRIMARY KEY (business_day, kind)
) STRICT, WITHOUT ROWID;
CREATE TABLE report_day_vat (
  business_day  TEXT NOT NULL,
  kind          TEXT NOT NULL,
  vat_code      TEXT NOT NULL,
  gross_cents   INTEGER NOT NULL,
  taxable_cents INTEGER NOT NULL,
  vat_cents     INTEGER NOT NULL,
  PRIMARY KEY (business_day, kind, vat_code)
) STRICT, WITHOUT ROWID;
CREATE TABLE report_day_payments (
  business_day  TEXT NOT NULL,
  kind          TEXT NOT NULL,
  method        TEXT NOT NULL,
  n             INTEGER NOT NULL,
  applied_cents INTEGER NOT NULL,
  pieces        INTEGER NOT NULL,          -- meal vouchers
  PRIMARY KEY (business_day, kind, method)
) STRICT, WITHOUT ROWID;
CREATE TABLE report_day_fiscal (
  business_day TEXT NOT NULL,
  state        TEXT NOT NULL,
  n            INTEGER NOT NULL,
  PRIMARY KEY (business_day, state)
) STRICT, WITHOUT ROWID;

-- Documents the AdE has not accepted yet, by day: the report lists them without walking the day.
CREATE TABLE report_not_ready (
  business_day TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  document_id  TEXT NOT NULL UNIQUE,
  PRIMARY KEY (business_day, seq, document_id)
) STRICT, WITHOUT ROWID;

INSERT INTO report_not_ready (business_day, seq, document_id)
  SELECT d.business_day, d.seq, d.id FROM outbox o JOIN documents d ON d.id = o.document_id WHERE o.state NOT IN ${DONE};
INSERT INTO report_day_documents (business_day, kind, n, ${docCols})
  SELECT d.business_day, d.kind, count(*), sum(d.total_cents), sum(d.rounding_cents), sum(d.line_discount_cents), sum(d.sale_discount_cents),
    sum(d.complimentary_cents),
    sum(CASE WHEN d.kind = 'void' THEN coalesce((SELECT p.rounding_cents FROM documents p WHERE p.id = d.parent_id), 0) ELSE 0 END)
  FROM documents d GROUP BY d.business_day, d.kind;
INSERT INTO report_day_vat (business_day, kind, vat_code, gross_cents, taxable_cents, vat_cents)
  SELECT d.business_day, d.kind, v.vat_code, sum(v.gross_cents), sum(v.taxable_cents), sum(v.vat_cents)
  FROM vat_rows v JOIN documents d ON d.id = v.document_id GROUP BY d.business_day, d.kind, v.vat_code;
INSERT INTO report_day_payments (business_day, kind, method, n, applied_cents, pieces)
  SELECT d.business_day, d.kind, p.method, count(*), sum(p.applied_cents), sum(coalesce(p.count, 0))
  FROM payments p JOIN documents d ON d.id = p.document_id GROUP BY d.business_day, d.kind, p.method;
INSERT INTO report_day_fiscal (business_day, state, n)
  SELECT d.business_day, o.state, count(*) FROM outbox o JOIN documents d ON d.id = o.document_id GROUP BY d.business_day, o.state;

CREATE TRIGGER report_documents_insert AFTER INSERT ON documents BEGIN ${docDelta('NEW', 1)} END;
CREATE TRIGGER report_documents_delete AFTER DELETE ON documents BEGIN ${docDelta('OLD', -1)} END;
CREATE TRIGGER report_documents_update AFTER UPDATE OF business_day, kind, parent_id, total_cents, rounding_cents,
  line_discount_cents, sale_discount_cents, complimentary_cents ON documents BEGIN ${docDelta('OLD', -1)} ${docDelta('NEW', 1)} END;
CREATE TRIGGER report_documents_move AFTER UPDATE OF business_day, kind ON documents
  WHEN OLD.business_day IS NOT NEW.business_day OR OLD.kind IS NOT NEW.kind BEGIN ${moveChildren('OLD', -1)} ${moveChildren('NEW', 1)} END;
CREATE TRIGGER report_vat_insert AFTER INSERT ON vat_rows BEGIN ${vatDelta('NEW', 1)} END;
CREATE TRIGGER report_vat_delete AFTER DELETE ON vat_rows BEGIN ${vatDelta('OLD', -1)} END;
CREATE TRIGGER report_vat_update AFTER UPDATE ON vat_rows BEGIN ${vatDelta('OLD', -1)} ${vatDelta('NEW', 1)} END;
CREATE TRIGGER report_payments_insert AFTER INSERT ON payments BEGIN ${payDelta('NEW', 1)} END;
CREATE TRIGGER report_payments_delete AFTER DELETE ON payments BEGIN ${payDelta('OLD', -1)} END;
CREATE TRIGGER report_payments_update AFTER UPDATE ON payments BEGIN ${payDelta('OLD', -1)} ${payDelta('NEW', 1)} END;
CREATE TRIGGER report_outbox_insert AFTER INSERT ON outbox BEGIN ${fiscalDelta('NEW', 1)} END;
CREATE TRIGGER report_outbox_delete AFTER DELETE ON outbox BEGIN ${fiscalDelta('OLD', -1)} ${notReadyRemove('OLD')} END;
CREATE TRIGGER report_outbox_update AFTER UPDATE OF state, document_id ON outbox
  WHEN OLD.state IS NOT NEW.state OR OLD.document_id IS NOT NEW.document_id BEGIN ${fiscalDelta('OLD', -1)} ${fiscalDelta('NEW', 1)} END;
CREATE TRIGGER report_not_ready_insert AFTER INSERT ON outbox WHEN NEW.state NOT IN ${DONE} BEGIN ${notReadyAdd('NEW')} END;
CREATE TRIGGER report_not_ready_update AFTER UPDATE OF state, document_id ON outbox
  WHEN OLD.state IS NOT NEW.state OR OLD.document_id IS NOT NEW.document_id BEGIN
  ${notReadyRemove('OLD')}
  INSERT OR IGNORE INTO report_not_ready (business_day, seq, document_id)
  SELECT d.business_day, d.seq, d.id FROM documents d WHERE d.id = NEW.document_id AND NEW.state NOT IN ${DONE};
END;
`;
