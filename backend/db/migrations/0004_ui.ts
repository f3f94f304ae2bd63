// UI helper's schema (never edit once landed; add a new numbered file for changes).
// - parked_sales: carts put aside at the counter ("sospendi") and resumed later; not fiscal documents.
// - products_fts: trigram index over the folded description, so a substring search over 100k
//   products answers in about a millisecond even when nothing matches (a LIKE '%…%' scan took ~8 ms).
//   External content keyed by products.rowid; VACUUM may renumber rowids of products (TEXT primary
//   key), so after a VACUUM run rebuildSearchIndex() (catalog/products.ts). Search re-checks every
//   hit against products.search_text, so a stale index can only miss rows, never show wrong ones.
export const sql = /* sql */ `
CREATE TABLE parked_sales (
  id          TEXT PRIMARY KEY,
  operator_id TEXT REFERENCES operators(id),
  label       TEXT NOT NULL,
  cart        TEXT NOT NULL,            -- JSON, shared/contract/sale.ts ParkedCartSchema
  total_cents INTEGER NOT NULL,
  line_count  INTEGER NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX parked_sales_created ON parked_sales(created_at);

CREATE VIRTUAL TABLE products_fts USING fts5(search_text, content='products', content_rowid='rowid', tokenize='trigram');
INSERT INTO products_fts(products_fts) VALUES ('rebuild');
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
  INSERT INTO products_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
  INSERT INTO products_fts(products_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF search_text ON products BEGIN
  INSERT INTO products_fts(products_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO products_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
`;
