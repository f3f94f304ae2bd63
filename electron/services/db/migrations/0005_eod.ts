// End-of-day schema (never edit once landed; add a later migration for changes).
// Cash movements and cash counts are ledger facts like documents: append-only, journaled, and
// dated by business day, so a closed day's figures can never move.
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

-- The day/period report reads every document of the range from this index alone (covering), then
-- probes vat_rows, payments and outbox by their primary keys.
CREATE INDEX documents_day_report ON documents(business_day, kind, seq, total_cents, rounding_cents,
  line_discount_cents, sale_discount_cents, complimentary_cents, id, parent_id);
`;
