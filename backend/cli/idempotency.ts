// --idempotency-key for `bancone sale`, `return` and `void` (issue #10, item 4). A script that
// retries after a kill or a timeout cannot know whether the first run committed; with the same key,
// the retry gets the first answer back and records nothing. The key is stored in the transaction
// that writes the document (the ledger's own transaction nests in it as a savepoint), so a kill
// leaves both or neither. The same key with another request is refused, never silently replayed.
import { createHash } from 'node:crypto';
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { CommitResult } from '../../shared/schemas/documents.js';
import { BanconeError } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { canonicalJson } from '../ledger/audit.js';

export type KeyedCommand = 'sale' | 'return' | 'void';

const KEY_RE = /^[A-Za-z0-9._:/-]{1,128}$/;

export interface KeyedResult {
  result: CommitResult;
  /** True when the key had been used for this same request: nothing was recorded now. */
  replayed: boolean;
}

/** The option as the commands declare it. */
export const IDEMPOTENCY_OPTION = { 'idempotency-key': { type: 'string' } } as const;

export function withIdempotencyKey(db: WritableDb, clock: Clock, key: string | undefined, command: KeyedCommand, request: unknown, commit: () => CommitResult): KeyedResult {
  if (key === undefined) return { result: commit(), replayed: false };
  if (!KEY_RE.test(key))
    throw new BanconeError('CLI_USAGE', msg.cli.idempotencyKeyFormat, 'idempotency-key');
  const hash = createHash('sha256').update(canonicalJson({ command, request })).digest('hex');
  return db.transaction((): KeyedResult => {
    const row = db.prepare('SELECT command, request_hash, result FROM idempotency_keys WHERE key = ?').get(key) as { command: KeyedCommand; request_hash: string; result: string } | undefined;
    if (row) {
      const first = JSON.parse(row.result) as CommitResult;
      if (row.command !== command || row.request_hash !== hash)
        throw new BanconeError('IDEMPOTENCY_KEY_REUSED', msg.cli.idempotencyKeyReused({ key, kind: row.command, number: first.number }), 'idempotency-key');
      return { result: first, replayed: true };
    }
    const result = commit();
    db.prepare('INSERT INTO idempotency_keys (key, command, request_hash, document_id, result, created_at) VALUES (?,?,?,?,?,?)')
      .run(key, command, hash, result.id, JSON.stringify(result), clock.now().toISOString());
    return { result, replayed: false };
  }).immediate();
}
