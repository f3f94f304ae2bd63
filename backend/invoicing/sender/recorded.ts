// Which configuration answers for an invoice already attempted with a provider (`invoice_outbox.provider`).
// Its look-ups and polls must go to that service, even if Settings now name another: the current one
// when it is the same service; Openapi's /IT-invoices also while the receipts' account is configured
// (it needs no credential of its own). Otherwise none: the invoice waits and the queue says why.
import type { ReadableDb } from '../../db/types.js';
import type { Env } from '../../config.js';
import type { KeyProvider } from '../../secrets.js';
import { resolveSyncConfig } from '../../sync/config.js';
import { readInvoicingConfig, type InvoicingConfig } from '../config.js';
import type { ProviderName } from './store.js';

export function recordedProviderConfig(db: ReadableDb, env: Env, keys: KeyProvider | null, name: ProviderName): InvoicingConfig | null {
  const current = readInvoicingConfig(db, env, keys);
  if ('config' in current && current.config.provider === name) return current.config;
  if (name === 'openapi') {
    const sync = resolveSyncConfig(db, env, keys);
    return sync ? { provider: 'openapi', baseUrl: sync.baseUrl, token: sync.token, fiscalId: sync.fiscalId } : null;
  }
  return null;
}

/** Invoices attempted with a provider that is no longer configured, per provider (they wait). */
export function orphanedByProvider(db: ReadableDb, env: Env, keys: KeyProvider | null): { provider: ProviderName; count: number }[] {
  const rows = db.prepare(`SELECT provider, count(*) AS count FROM invoice_outbox WHERE state IN ('sending', 'unknown', 'queued', 'sent') AND provider IS NOT NULL GROUP BY provider`)
    .all() as { provider: ProviderName; count: number }[];
  return rows.filter((r) => recordedProviderConfig(db, env, keys, r.provider) === null);
}
