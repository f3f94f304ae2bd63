// The audit entries of one document (history, audit of one sale) must not scan a journal that grows
// by one row per sale. (print_jobs(document_id) is already indexed by 0003.)
export const sql = /* sql */ `
CREATE INDEX IF NOT EXISTS audit_log_entity ON audit_log(entity_id);
`;
