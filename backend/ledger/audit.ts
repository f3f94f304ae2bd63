// Append-only, hash-chained journal. Each entry's hash covers the previous hash and the entry's own
// canonical content, so editing or removing any past entry breaks every hash after it.
import type { ReadableDb, WritableDb } from '../db/types.js';
import { readStmt, writeStmt } from '../db/statements.js';
import { GENESIS_HASH, canonicalJson, entryHash } from './chain.js';

export { GENESIS_HASH, canonicalJson, entryHash };

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  entityId: string | null;
  payload: unknown;
  prevHash: string;
  hash: string;
}

/** Appends one entry. Call inside the transaction that makes the change it records. */
export function appendAudit(db: WritableDb, e: { at: string; actor: string | null; action: string; entityId: string | null; payload: unknown }): AuditEntry {
  const last = readStmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const payloadJson = canonicalJson(e.payload);
  const hash = entryHash(prevHash, seq, e.at, e.actor, e.action, e.entityId, payloadJson);
  writeStmt(db, 'INSERT INTO audit_log (seq, at, actor, action, entity_id, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)').run(
    seq, e.at, e.actor, e.action, e.entityId, payloadJson, prevHash, hash,
  );
  return { seq, at: e.at, actor: e.actor, action: e.action, entityId: e.entityId, payload: e.payload, prevHash, hash };
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  lastHash: string;
  problems: { seq: number; problem: string }[];
}

/** Walks the whole chain. Also checks each document's stored rows still match the digest journaled at commit. */
export function verifyAudit(db: ReadableDb, documentDigest?: (id: string) => string | null): AuditVerification {
  const problems: { seq: number; problem: string }[] = [];
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let n = 0;
  const rows = db.prepare('SELECT seq, at, actor, action, entity_id AS entityId, payload, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq').iterate() as IterableIterator<{
    seq: number; at: string; actor: string | null; action: string; entityId: string | null; payload: string; prevHash: string; hash: string;
  }>;
  for (const r of rows) {
    n++;
    if (r.seq !== expectedSeq) problems.push({ seq: r.seq, problem: `sequenza interrotta: atteso ${expectedSeq}` });
    if (r.prevHash !== prev) problems.push({ seq: r.seq, problem: 'hash precedente non corrisponde' });
    const h = entryHash(r.prevHash, r.seq, r.at, r.actor, r.action, r.entityId, r.payload);
    if (h !== r.hash) problems.push({ seq: r.seq, problem: 'contenuto alterato (hash non corrisponde)' });
    if (documentDigest && r.entityId && r.action.startsWith('document.')) {
      const p = JSON.parse(r.payload) as { digest?: string };
      const actual = documentDigest(r.entityId);
      if (p.digest && actual !== p.digest) problems.push({ seq: r.seq, problem: `documento ${r.entityId} modificato dopo la registrazione` });
    }
    prev = r.hash;
    expectedSeq = r.seq + 1;
  }
  return { ok: problems.length === 0, entries: n, lastHash: prev, problems };
}
