// The UI's port to the sync (api/context.ts SyncPort): what the status bar shows of it, a manager's
// «Riprova», and the nudge after a commit. Built here, next to the sync it speaks for; the
// composition roots (backend/programs/*) only pass it the database, the clock and how to wake the sync.
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { retryDocument } from './status.js';
import { syncConnection } from '../status.js';

export function createSyncPort(db: WritableDb, clock: Clock, wake: () => void) {
  return {
    // Read for the status bar (../status.ts tillStatus) at every pushed change: only the small
    // sync_state facts, no counts over the outbox (getSyncStatus counts every row: ~45 ms with a
    // million documents). Openapi's reachability is what the sync learnt from its last exchange (it
    // checks every few minutes while idle).
    status: () => syncConnection(db, clock),
    retry(documentId: string, actorId: string | null) {
      const r = retryDocument(db, documentId, { clock, operatorId: actorId });
      return { state: r.state };
    },
    wake,
  };
}
