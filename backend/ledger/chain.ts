// The journal's hash chain, pure (no database): the till computes it when it appends (audit.ts) and
// the shop server recomputes it on what a till uploads (server/ingest), so both ends share this code.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function entryHash(prevHash: string, seq: number, at: string, actor: string | null, action: string, entityId: string | null, payloadJson: string): string {
  return createHash('sha256')
    .update(canonicalJson({ prevHash, seq, at, actor, action, entityId, payload: payloadJson }))
    .digest('hex');
}
