// Idempotency keys of the command line (never edit once landed; add a new numbered file for changes).
// A script that retries a `bancone sale|return|void` after a kill or a timeout passes the same
// --idempotency-key: the key is written in the same transaction as the document, so either both are
// there or neither. request_hash tells a replay (same request) from a reuse (refused); result is the
// answer as first given, returned as is to a replay.
export const sql = /* sql */ `
CREATE TABLE idempotency_keys (
  key          TEXT PRIMARY KEY,
  command      TEXT NOT NULL CHECK (command IN ('sale', 'return', 'void')),
  request_hash TEXT NOT NULL,
  document_id  TEXT NOT NULL REFERENCES documents(id),
  result       TEXT NOT NULL,
  created_at   TEXT NOT NULL
) STRICT;
`;
