// The sync service's public surface. The app's utility process runs syncProcessMain; the UI and the
// CLI read status through the pure functions of (db, clock).
export { createSyncEngine, DEFAULT_TUNING, type SyncEngine, type SyncEngineDeps, type SyncConfig, type DrainSummary, type SyncTuning, type SyncEvent } from './engine.js';
export { syncProcessMain, processClock, processRandom } from './process.js';
export { openSyncDatabase } from './connection.js';
export { getSyncStatus, listFailed, retryDocument, syncStatusText, credentialsStatus, type SyncStatus, type FailedDocument, type CredentialsStatus } from './status.js';
export { resolveSyncConfig, missingConfig, tuningFromEnv, TOKEN_SECRET, SANDBOX_URL, PRODUCTION_URL } from './config.js';
export { acceptCallbackHint, parseCallback, type CallbackHint } from './callbacks.js';
export { getOutboxRow, OUTBOX_STATES, type OutboxRow, type OutboxState } from './outbox.js';
export { createOpenapiClient, type OpenapiClient, type ApiOutcome, type FetchLike } from './openapi-client.js';
