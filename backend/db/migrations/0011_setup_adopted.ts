// Set-up's schema step (never edit once landed; add a new numbered file for changes).
// Installs set up before the guided set-up (issue #12) keep working as they did: a till whose
// company was registered on Openapi from it (sync_state 'onboarding', written by the old `bancone
// onboard`) has done step 2, and step 1 too (its Partita IVA is the one registered, asked once: copied
// to shop.vatNumber when that was left empty); a till with only a Partita IVA typed in Settings has
// done step 1. Without this an upgraded shop would land in the wizard, and in training mode.
// Existing keys are never overwritten; a new ledger has none of these rows and gets nothing.
export const sql = /* sql */ `
INSERT OR IGNORE INTO settings (key, value, updated_at)
  SELECT 'shop.vatNumber', json_quote(json_extract(value, '$.fiscalId')), updated_at FROM sync_state
  WHERE key = 'onboarding' AND coalesce(json_extract(value, '$.fiscalId'), '') <> '';
UPDATE settings SET value = (SELECT json_quote(json_extract(value, '$.fiscalId')) FROM sync_state WHERE key = 'onboarding')
  WHERE key = 'shop.vatNumber' AND value = '""'
    AND EXISTS (SELECT 1 FROM sync_state WHERE key = 'onboarding' AND coalesce(json_extract(value, '$.fiscalId'), '') <> '');
INSERT OR IGNORE INTO settings (key, value, updated_at)
  SELECT 'setup.adeDoneAt', json_quote(coalesce(json_extract(value, '$.onboardedAt'), updated_at)), updated_at FROM sync_state
  WHERE key = 'onboarding';
INSERT OR IGNORE INTO settings (key, value, updated_at)
  SELECT 'setup.shopDoneAt', json_quote(updated_at), updated_at FROM settings
  WHERE key = 'shop.vatNumber' AND value <> '""';
`;
