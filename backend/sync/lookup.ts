// After an ambiguous failure we never send blindly: first we look for the document on the API.
// Sales carry the local document id in `tags`; returns and voids cannot carry tags (PATCH/DELETE
// have no such field), so they are found among their sale's children that no local document owns.
import { LIST_LIMIT_MAX, type RemoteReceipt } from '../../shared/openapi/schemas.js';
import type { ApiOutcome, OpenapiClient, ReceiptQuery } from './openapi-client.js';
import type { OutboxRow } from './outbox.js';

export type LookupResult =
  | { kind: 'found'; remote: RemoteReceipt }
  | { kind: 'absent' }
  | { kind: 'error'; outcome: Exclude<ApiOutcome<unknown>, { kind: 'ok' }> };

/** A day has at most this many pages looked at (10,000 receipts): a guard, not a limit in practice. */
const MAX_PAGES = 100;
/** Clock skew we tolerate between the till and the API when comparing creation times. */
const SKEW_MS = 5 * 60_000;

async function scan(client: OpenapiClient, q: ReceiptQuery, visit: (r: RemoteReceipt) => void): Promise<LookupResult | null> {
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await client.listReceipts({ ...q, skip: page * LIST_LIMIT_MAX, limit: LIST_LIMIT_MAX });
    if (res.kind !== 'ok') return { kind: 'error', outcome: res };
    res.data.forEach(visit);
    if (res.data.length < LIST_LIMIT_MAX) return null;
  }
  return null;
}

/** UTC days the API may have stamped a request sent between `from` and `to` (edges widened for skew and time zones). */
export function candidateDays(from: Date, to: Date): string[] {
  const days = new Set<string>();
  const margin = 2 * 60 * 60_000;
  for (let t = from.getTime() - margin; t <= to.getTime() + margin; t += 60 * 60_000) days.add(new Date(t).toISOString().slice(0, 10));
  days.add(new Date(to.getTime() + margin).toISOString().slice(0, 10));
  return [...days].sort();
}

function hasTag(r: RemoteReceipt, tag: string): boolean {
  return (r.tags ?? []).some((t) => t === tag || (t !== null && typeof t === 'object' && JSON.stringify(t).includes(JSON.stringify(tag))));
}

/**
 * Chooses among receipts that are ours: a valid one first; a rejected (failed) one only if it was
 * created by the current series of attempts (a manager's retry starts a new series).
 */
function choose(matches: RemoteReceipt[], row: OutboxRow): RemoteReceipt | null {
  const good = matches.find((m) => m.status !== 'failed');
  if (good) return good;
  const since = row.firstAttemptAt ? new Date(row.firstAttemptAt).getTime() - SKEW_MS : -Infinity;
  return matches.find((m) => m.created_at && new Date(m.created_at).getTime() >= since) ?? null;
}

export async function lookupSale(client: OpenapiClient, fiscalId: string, row: OutboxRow, now: Date): Promise<LookupResult> {
  const from = new Date(row.firstAttemptAt ?? row.createdAt);
  const to = new Date(row.lastAttemptAt ?? now.toISOString());
  const matches: RemoteReceipt[] = [];
  for (const day of candidateDays(from, to)) {
    const err = await scan(client, { fiscal_id: fiscalId, created_at: day, type: 'sale' }, (r) => { if (hasTag(r, row.documentId)) matches.push(r); });
    if (err) return err;
  }
  const pick = choose(matches, row);
  return pick ? { kind: 'found', remote: pick } : { kind: 'absent' };
}

/** Quantity an item of a return receipt gives back (`return` when the API fills it, else `quantity`). */
function returnedHundredths(i: { quantity: number; return?: number | null }): number {
  return Math.round((i.return && i.return > 0 ? i.return : i.quantity) * 100);
}

/**
 * A return or void of `parentRemoteId` that no local document owns yet, created since our first
 * attempt. Siblings are sent one at a time, so such a child can only be ours: it is adopted even if
 * its items cannot be compared; when several qualify, the one whose items match wins.
 */
export async function lookupChild(
  client: OpenapiClient,
  parentRemoteId: string,
  row: OutboxRow,
  claimed: ReadonlySet<string>,
  expectedQuantities: number[] | null,
): Promise<LookupResult> {
  const since = row.firstAttemptAt ? new Date(row.firstAttemptAt).getTime() - SKEW_MS : -Infinity;
  // A void the sync sent as a full return (past the 24 h window) is one of the sale's returns.
  const type = row.sentAs ?? row.kind;
  const unclaimed: RemoteReceipt[] = [];
  const err = await scan(client, { parent_receipt_id: parentRemoteId, type }, (r) => {
    if (claimed.has(r.id) || r.type !== type) return;
    if (r.created_at && new Date(r.created_at).getTime() < since) return;
    unclaimed.push(r);
  });
  if (err) return err;
  const want = expectedQuantities ? [...expectedQuantities].sort((a, b) => a - b).join(',') : null;
  const matching = want === null ? [] : unclaimed.filter((r) => r.items && r.items.map(returnedHundredths).sort((a, b) => a - b).join(',') === want);
  const pick = choose(matching, row) ?? choose(unclaimed, row);
  return pick ? { kind: 'found', remote: pick } : { kind: 'absent' };
}
