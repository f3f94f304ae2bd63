// Which e-invoicing service the shop's invoices go through, and with what credentials (issue #13).
// Chosen in Impostazioni (settings `invoice.provider`, `invoice.providerUrl`, `invoice.providerUser`);
// the credential (Fattura24's API key, Fattura Elettronica API's password or Bearer token) is the
// encrypted secret `invoice.credential`. Openapi's /IT-invoices uses the receipts' own account: the
// same address, token and partita IVA (../sync/config.ts), so it needs no credential of its own.
//
// Read at every drain by the invoice sender, like the receipts' configuration: a key typed in
// Settings takes effect without a restart. A provider chosen without its credential is «not
// configured»: the invoices wait in the queue (never lost, never refused for it).
import type { ReadableDb } from '../db/types.js';
import type { Env } from '../config.js';
import type { Clock } from '../../shared/time.js';
import { INVOICE_PROVIDER_URLS } from '../../shared/contract/settings.js';
import { getSetting } from '../settings.js';
import { getSecret, type KeyProvider } from '../secrets.js';
import { resolveSyncConfig } from '../sync/config.js';
import type { FetchLike } from '../sync/openapi-client.js';
import type { InvoiceProvider } from './provider.js';
import { createOpenapiInvoiceProvider } from './providers/openapi.js';
import { fatturaElettronicaApiProvider } from './providers/fattura-elettronica-api.js';
import { fattura24Provider } from './providers/fattura24.js';
import type { Fetch } from './providers/http.js';

export const INVOICE_CREDENTIAL_SECRET = 'invoice.credential';

// The services' public addresses live with the settings' contract (the Settings screen shows them).
export { INVOICE_PROVIDER_URLS } from '../../shared/contract/settings.js';

export type InvoicingConfig =
  | { provider: 'openapi'; baseUrl: string; token: string; fiscalId: string }
  | {
      provider: 'fattura-elettronica-api';
      endpoint: string;
      auth: { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };
    }
  | { provider: 'fattura24'; endpoint: string; apiKey: string };

/** Why the invoices cannot be sent now, if they cannot. */
export type InvoicingConfigGap = 'no_provider' | 'no_credential' | 'openapi_not_configured';

export function readInvoicingConfig(db: ReadableDb, env: Env, keys: KeyProvider | null): { config: InvoicingConfig } | { gap: InvoicingConfigGap } {
  const provider = getSetting(db, 'invoice.provider');
  if (provider === '') return { gap: 'no_provider' };
  if (provider === 'openapi') {
    // invoice.providerUrl may point Openapi's invoices elsewhere (tests); else the receipts' address.
    const sync = resolveSyncConfig(db, env, keys);
    if (!sync) return { gap: 'openapi_not_configured' };
    const url = getSetting(db, 'invoice.providerUrl');
    return { config: { provider, baseUrl: url || sync.baseUrl, token: sync.token, fiscalId: sync.fiscalId } };
  }
  let credential = '';
  // A credential this machine cannot read (a copied data folder) is no credential: the queue waits.
  if (keys) { try { credential = getSecret(db, keys, INVOICE_CREDENTIAL_SECRET) ?? ''; } catch { credential = ''; } }
  if (!credential) return { gap: 'no_credential' };
  const endpoint = getSetting(db, 'invoice.providerUrl') || INVOICE_PROVIDER_URLS[provider];
  if (provider === 'fattura24') return { config: { provider, endpoint, apiKey: credential } };
  const username = getSetting(db, 'invoice.providerUser');
  return {
    config: {
      provider, endpoint,
      auth: username ? { kind: 'basic', username, password: credential } : { kind: 'bearer', token: credential },
    },
  };
}

/** The adapter for a configuration. `fetch` is injected (tests: the emulators on 127.0.0.1). */
export function createInvoiceProvider(config: InvoicingConfig, deps: { fetch: FetchLike & Fetch; clock: Clock; sleep?: (ms: number) => Promise<void> }): InvoiceProvider {
  switch (config.provider) {
    case 'openapi':
      return createOpenapiInvoiceProvider({ baseUrl: config.baseUrl, token: config.token, fiscalId: config.fiscalId }, deps.fetch, () => deps.clock.now());
    case 'fattura-elettronica-api':
      return fatturaElettronicaApiProvider({ endpoint: config.endpoint, auth: config.auth, fetch: deps.fetch, clock: deps.clock });
    case 'fattura24':
      return fattura24Provider({ endpoint: config.endpoint, apiKey: config.apiKey, fetch: deps.fetch, clock: deps.clock, ...(deps.sleep ? { sleep: deps.sleep } : {}) });
  }
}
