// Set-up steps 3–6 (printer, departments, catalogue, people) were added to the guided set-up after
// tills were already selling: a till that had finished the set-up as it then was (step 2 done) keeps
// working as it did instead of landing in the wizard again — its printer, departments, catalogue and
// people are what it has been using. Existing keys are never overwritten; a new ledger gets nothing.
export const sql = /* sql */ `
INSERT OR IGNORE INTO settings (key, value, updated_at)
  SELECT 'setup.' || step.name || 'DoneAt', s.value, s.updated_at
  FROM settings s, (SELECT 'printer' AS name UNION ALL SELECT 'departments' UNION ALL SELECT 'catalogue' UNION ALL SELECT 'people') step
  WHERE s.key = 'setup.adeDoneAt' AND s.value <> '""';
`;
