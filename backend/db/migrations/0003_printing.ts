// Printing helper's schema (never edit once landed; add a new numbered migration for changes).
// print_jobs rows are written by the ledger (receipts) and the print queue (everything else);
// these columns record how each job came out.
export const sql = /* sql */ `
ALTER TABLE print_jobs ADD COLUMN provisional INTEGER;  -- 1: the receipt went out without the AdE number
ALTER TABLE print_jobs ADD COLUMN confirmed INTEGER;    -- 1: the printer confirmed it (GS r); 0: handed to a spooler
ALTER TABLE print_jobs ADD COLUMN updated_at TEXT;
-- "Which receipts of this document were printed, and is its fiscal number slip queued?"
CREATE INDEX print_jobs_document ON print_jobs(document_id, kind);
`;
