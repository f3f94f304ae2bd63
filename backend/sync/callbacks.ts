// Openapi callbacks, taken as a hint only: a shop PC is rarely reachable from the internet, and a
// callback proves nothing by itself. A valid callback about a document we sent just makes its
// status poll due now; the poll (GET /IT-receipts/{id}) decides. Idempotent by construction.
// The spec's examples nest the payload inconsistently ({data}, {data:{data}}, or a form field
// `data` holding JSON): all are accepted.
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { RemoteReceiptSchema, type RemoteReceipt } from '../../shared/openapi/schemas.js';
import { readStmt, writeStmt } from '../db/statements.js';

function candidates(body: unknown, depth = 0): unknown[] {
  if (depth > 6 || body === null || body === undefined) return [];
  if (typeof body === 'string') {
    try { return candidates(JSON.parse(body), depth + 1); } catch { return []; }
  }
  if (typeof body !== 'object') return [];
  return [body, ...candidates((body as { data?: unknown }).data, depth + 1)];
}

export function parseCallback(body: unknown): RemoteReceipt | null {
  for (const c of candidates(body)) {
    const r = RemoteReceiptSchema.safeParse(c);
    if (r.success) return r.data;
  }
  return null;
}

export interface CallbackHint {
  accepted: boolean;
  documentId: string | null;
  reason: 'poll_now' | 'not_a_receipt' | 'unknown_receipt' | 'not_waiting';
}

export function acceptCallbackHint(db: WritableDb, clock: Clock, body: unknown): CallbackHint {
  const r = parseCallback(body);
  if (!r) return { accepted: false, documentId: null, reason: 'not_a_receipt' };
  const row = readStmt(db, 'SELECT document_id, state FROM outbox WHERE remote_id = ?').get(r.id) as { document_id: string; state: string } | undefined;
  if (!row) return { accepted: false, documentId: null, reason: 'unknown_receipt' };
  if (row.state !== 'sent') return { accepted: false, documentId: row.document_id, reason: 'not_waiting' };
  const now = clock.now().toISOString();
  writeStmt(db, `UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE document_id = ? AND state = 'sent'`).run(now, now, row.document_id);
  return { accepted: true, documentId: row.document_id, reason: 'poll_now' };
}
