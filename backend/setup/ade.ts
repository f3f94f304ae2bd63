// Set-up step 2, the Agenzia delle Entrate through Openapi. Two screens:
//   a. environment (sandbox, production, or a custom address that is saved and used by the sync) and
//      the API token (write-only, encrypted at rest), checked with Openapi before it is kept;
//   b. the company: POST /IT-configurations, or PATCH when Openapi has it already, with receipts on
//      and the Fisconline/Entratel credentials (tax code, password, PIN: all encrypted at rest).
// The credentials live 90 days: renewal is a PATCH with new ones; verify is a GET. The CLI's
// `bancone onboard` and the contract's handlers call these same functions.
import { z } from 'zod';
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { Env } from '../config.js';
import { BanconeError, fail } from '../../shared/errors.js';
import { checkCodiceFiscale, fiscalIdProblemText } from '../../shared/fiscal-id.js';
import { parseInput } from '../../shared/validation.js';
import { msg, type Text } from '../../shared/messages/index.js';
import {
  RegisterCompanyInputSchema, RenewCredentialsInputSchema, SaveOpenapiInputSchema,
  type OpenapiEnvironment,
} from '../../shared/contract/setup.js';
import type { ItConfiguration, ItConfigurationPatch, RemoteConfiguration } from '../../shared/openapi/schemas.js';
import { getSetting, setSetting } from '../settings.js';
import { getSecret, putSecret, type KeyProvider } from '../secrets.js';
import { appendAudit } from '../ledger/audit.js';
import { createOpenapiClient, type FetchLike, type OpenapiClient } from '../sync/openapi-client.js';
import { ADE_PASSWORD_SECRET, ADE_PIN_SECRET, PRODUCTION_URL, SANDBOX_URL, TOKEN_SECRET } from '../sync/config.js';
import { clearState, readState, writeState } from '../sync/sync-state.js';
import { credentialsStatus, type CredentialsStatus } from '../sync/status.js';
import { setupApiError } from './errors.js';
import { cleanText } from './shop.js';

export const ADE_TAX_CODE_SECRET = 'ade.taxCode';

export interface AdeDeps {
  db: WritableDb;
  clock: Clock;
  keys: KeyProvider;
  fetch: FetchLike;
  env?: Env;
  /** Nudges the sync once the account changed (a stopped queue may go on). */
  wake?: () => void;
  /** Per-request timeout (tests shorten it). */
  timeoutMs?: number;
}

const CALLBACK_EVENTS = ['receipt', 'receipt-error', 'receipt-retry', 'receipt-credentials'] as const;

// ---- environment and token ----------------------------------------------------------------------

export function environmentOf(url: string): OpenapiEnvironment {
  const u = url.replace(/\/+$/, '');
  if (u === '' || u === SANDBOX_URL) return 'sandbox';
  if (u === PRODUCTION_URL) return 'production';
  return 'custom';
}

/** The address the sync uses: the environment variable first (tests, demo), then the saved one. */
export function effectiveUrl(db: ReadableDb, env: Env = {}): string {
  return env.BANCONE_OPENAPI_URL || getSetting(db, 'openapi.url') || SANDBOX_URL;
}

/**
 * A custom address must be a full https:// URL: the token travels with every request. Plain http is
 * accepted only for this machine (an emulator or a local proxy).
 */
export function checkCustomUrl(raw: string | undefined): string {
  const s = (raw ?? '').trim();
  if (s === '') fail('SETUP_URL_REQUIRED', msg.setup.urlRequired, 'url');
  let u: URL;
  try { u = new URL(s); } catch {
    fail('SETUP_URL_INVALID', msg.setup.urlNotFull, 'url');
  }
  const local = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local))
    fail('SETUP_URL_INSECURE', msg.setup.urlInsecure, 'url');
  if (u.username || u.password || u.search || u.hash)
    fail('SETUP_URL_INVALID', msg.setup.urlExtras, 'url');
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

export function tokenOf(deps: AdeDeps): string {
  const t = deps.env?.BANCONE_OPENAPI_TOKEN || getSecret(deps.db, deps.keys, TOKEN_SECRET);
  if (!t) fail('SETUP_TOKEN_REQUIRED', msg.setup.tokenRequired, 'token');
  return t;
}

export function clientFor(deps: AdeDeps, baseUrl: string, token: string): OpenapiClient {
  return createOpenapiClient({ baseUrl, token, timeoutMs: deps.timeoutMs ?? 30_000 }, deps.fetch, () => deps.clock.now());
}

export interface SavedOpenapi { environment: OpenapiEnvironment; url: string; message: string; message_en: string }

/**
 * Saves the environment and (if given) the token, after Openapi accepted the token at that address
 * (GET /IT-configurations): a mistyped token or address is said now, not at the first sale.
 */
export async function saveOpenapi(deps: AdeDeps, input: z.input<typeof SaveOpenapiInputSchema>, actorId: string | null): Promise<SavedOpenapi> {
  const v = parseInput(SaveOpenapiInputSchema, input);
  if (v.environment !== 'custom' && v.url !== undefined && v.url.trim() !== '')
    fail('SETUP_URL_NOT_CUSTOM', msg.setup.urlNotCustom, 'url');
  const url = v.environment === 'sandbox' ? SANDBOX_URL : v.environment === 'production' ? PRODUCTION_URL : checkCustomUrl(v.url);
  const typed = v.token?.trim();
  if (v.token !== undefined && !typed) fail('SETUP_TOKEN_REQUIRED', msg.setup.tokenEmpty, 'token');
  if (typed && /\s/.test(typed)) fail('SETUP_TOKEN_INVALID', msg.setup.tokenSpaces, 'token');
  const token = typed || tokenOf(deps);
  // Checked where the sync will talk: BANCONE_OPENAPI_URL, when set, overrides the saved address.
  const checkedAt = deps.env?.BANCONE_OPENAPI_URL || url;
  const r = await clientFor(deps, checkedAt, token).listConfigurations();
  if (r.kind !== 'ok') throw setupApiError(r, 'checkToken', getSetting(deps.db, 'shop.vatNumber'));
  const now = deps.clock.now();
  const { db } = deps;
  db.transaction(() => {
    const before = getSetting(db, 'openapi.url');
    setSetting(db, 'openapi.url', url, now);
    if (typed) putSecret(db, deps.keys, TOKEN_SECRET, typed, now);
    // Another service is another account: the company is to be registered there again.
    if (before !== url && before !== '' && getSetting(db, 'setup.adeDoneAt') !== '') setSetting(db, 'setup.adeDoneAt', '', now);
    if (typed) clearState(db, 'auth_required');
    appendAudit(db, { at: now.toISOString(), actor: actorId, action: 'setup.openapi', entityId: null, payload: { environment: v.environment, url, token: typed ? 'set' : 'kept' } });
  }).immediate();
  deps.wake?.();
  // The address is named when it is not one of Openapi's two services, or not the one saved.
  const address = checkedAt !== url || v.environment === 'custom' ? checkedAt : null;
  const words = msg.setup.tokenAccepted({ address, environment: v.environment, companies: r.data.length });
  return { environment: v.environment, url, message: words.it, message_en: words.en };
}

// ---- the company -------------------------------------------------------------------------------

export interface CompanyOutcome {
  created: boolean;
  configuration: RemoteConfiguration;
  credentials: CredentialsStatus | null;
  message: string;
  message_en: string;
}

export function requireShop(db: ReadableDb): { fiscalId: string; name: string } {
  const fiscalId = getSetting(db, 'shop.vatNumber');
  if (getSetting(db, 'setup.shopDoneAt') === '' || fiscalId === '')
    fail('SETUP_SHOP_FIRST', msg.setup.shopFirst, 'vat_number');
  return { fiscalId, name: getSetting(db, 'shop.name') };
}

function checkCredentials(v: { tax_code: string; password: string; pin: string }): { taxCode: string; password: string; pin: string } {
  const cf = checkCodiceFiscale(v.tax_code);
  if (!cf.ok) fail('SETUP_ADE_TAX_CODE_INVALID', fiscalIdProblemText('adeTaxCode', cf.problem), 'tax_code');
  // Passwords and PINs are taken as typed: spaces may be part of them, but a blank one is a slip.
  if (v.password.trim() === '') fail('SETUP_ADE_PASSWORD_REQUIRED', msg.setup.adePasswordRequired, 'password');
  if (!/^\d{4,10}$/.test(v.pin.trim()))
    fail('SETUP_ADE_PIN_INVALID', msg.setup.adePinInvalid, 'pin');
  return { taxCode: cf.value, password: v.password, pin: v.pin.trim() };
}

function checkEmail(raw: string): string {
  const e = cleanText(raw);
  if (e === '') fail('SETUP_EMAIL_REQUIRED', msg.setup.emailRequired, 'email');
  if (!z.email().safeParse(e).success) fail('SETUP_EMAIL_INVALID', msg.setup.emailInvalid({ email: e }), 'email');
  return e;
}

function record(deps: AdeDeps, fiscalId: string, name: string, email: string, baseUrl: string, auth: { taxCode: string; password: string; pin: string }, actorId: string | null, action: string): void {
  const { db, keys } = deps;
  const now = deps.clock.now();
  db.transaction(() => {
    putSecret(db, keys, ADE_TAX_CODE_SECRET, auth.taxCode, now);
    putSecret(db, keys, ADE_PASSWORD_SECRET, auth.password, now);
    putSecret(db, keys, ADE_PIN_SECRET, auth.pin, now);
    const prev = readState(db, 'onboarding');
    writeState(db, 'onboarding', {
      fiscalId, name, email,
      // The tax code is a secret now (ade.taxCode, encrypted): never kept here in clear.
      taxCode: null,
      baseUrl,
      credentialsUpdatedAt: now.toISOString(),
      onboardedAt: prev?.fiscalId === fiscalId ? prev.onboardedAt : now.toISOString(),
    }, now);
    setSetting(db, 'openapi.fiscalId', fiscalId, now);
    setSetting(db, 'setup.adeDoneAt', now.toISOString(), now);
    // A fresh configuration is the fix for an account stop: let the queue run.
    clearState(db, 'config_error');
    appendAudit(db, { at: now.toISOString(), actor: actorId, action, entityId: null, payload: { fiscalId, baseUrl } });
  }).immediate();
  deps.wake?.();
}

function expiryWords(c: CredentialsStatus | null): Text | null {
  if (!c) return null;
  return msg.setup.credentialsValidUntil({ day: new Date(c.expiresAt).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' }) });
}

/**
 * Registers the shop on Openapi (or updates it when Openapi has it), receipts on, with the AdE
 * credentials; on success stores them encrypted and marks step 2 done. On a refusal nothing is stored.
 */
export async function registerCompany(deps: AdeDeps, input: z.input<typeof RegisterCompanyInputSchema> & { callback_url?: string }, actorId: string | null): Promise<CompanyOutcome> {
  const v = parseInput(RegisterCompanyInputSchema, { email: input.email, tax_code: input.tax_code, password: input.password, pin: input.pin });
  const { fiscalId, name } = requireShop(deps.db);
  const email = checkEmail(v.email);
  const auth = checkCredentials(v);
  const baseUrl = effectiveUrl(deps.db, deps.env);
  const client = clientFor(deps, baseUrl, tokenOf(deps));
  const callbacks = input.callback_url
    ? CALLBACK_EVENTS.map((event) => ({ event, callback: { url: input.callback_url!, method: 'JSON' as const } }))
    : undefined;

  const existing = await client.getConfiguration(fiscalId);
  let configuration: RemoteConfiguration;
  let created = false;
  const notes: Text[] = [];
  if (existing.kind === 'ok') {
    const patch: ItConfigurationPatch = { receipts: true, receipts_authentication: auth, ...(callbacks ? { api_configurations: callbacks } : {}) };
    const r = await client.patchConfiguration(fiscalId, patch);
    if (r.kind !== 'ok') throw setupApiError(r, 'update', fiscalId);
    configuration = r.data;
    if (existing.data.email && existing.data.email !== email) notes.push(msg.setup.emailKept({ email: existing.data.email }));
  } else if (existing.kind === 'config' && existing.openapi && (existing.code === '111' || existing.code === '424' || existing.httpStatus === 404)) {
    const body: ItConfiguration = { fiscal_id: fiscalId, name, email, receipts: true, receipts_authentication: auth, ...(callbacks ? { api_configurations: callbacks } : {}) };
    const r = await client.createConfiguration(body);
    if (r.kind !== 'ok') throw setupApiError(r, 'create', fiscalId);
    configuration = r.data;
    created = true;
  } else {
    throw setupApiError(existing, 'read', fiscalId);
  }
  if (configuration.receipts === false) {
    // Openapi took the request but the service stays off: said plainly, step not done.
    throw new BanconeError('SETUP_RECEIPTS_NOT_ENABLED', msg.setup.receiptsOff({ fiscalId }), 'vat_number');
  }
  record(deps, fiscalId, configuration.name ?? name, configuration.email ?? email, baseUrl, auth, actorId, created ? 'setup.companyCreated' : 'setup.companyUpdated');
  const credentials = credentialsStatus(deps.db, deps.clock);
  const words = msg.setup.companyRegistered({ created, fiscalId, expiry: expiryWords(credentials), notes });
  return { created, configuration, credentials, message: words.it, message_en: words.en };
}

/** New AdE credentials (every 90 days): a PATCH of receipts_authentication. The tax code may stay. */
export async function renewCredentials(deps: AdeDeps, input: z.input<typeof RenewCredentialsInputSchema>, actorId: string | null): Promise<CompanyOutcome> {
  const v = parseInput(RenewCredentialsInputSchema, input);
  const ob = readState(deps.db, 'onboarding');
  // The company registered from this till (also by an older `bancone onboard`, before the wizard).
  if (!ob)
    fail('SETUP_REGISTER_FIRST', msg.setup.registerFirst, 'vat_number');
  const taxCode = v.tax_code?.trim() ? v.tax_code : getSecret(deps.db, deps.keys, ADE_TAX_CODE_SECRET) ?? ob.taxCode ?? '';
  const auth = checkCredentials({ tax_code: taxCode, password: v.password, pin: v.pin });
  const baseUrl = effectiveUrl(deps.db, deps.env);
  const fiscalId = ob.fiscalId;
  const r = await clientFor(deps, baseUrl, tokenOf(deps)).patchConfiguration(fiscalId, { receipts: true, receipts_authentication: auth });
  if (r.kind !== 'ok') throw setupApiError(r, 'renew', fiscalId);
  record(deps, fiscalId, ob.name, ob.email, baseUrl, auth, actorId, 'setup.credentialsRenewed');
  const credentials = credentialsStatus(deps.db, deps.clock);
  const words = msg.setup.credentialsRenewed({ expiry: expiryWords(credentials) });
  return { created: false, configuration: r.data, credentials, message: words.it, message_en: words.en };
}

/** «Verifica»: the configuration as Openapi holds it (GET), or null when it has none for the shop. */
export async function verifyCompany(deps: AdeDeps): Promise<RemoteConfiguration | null> {
  const { fiscalId } = requireShop(deps.db);
  const r = await clientFor(deps, effectiveUrl(deps.db, deps.env), tokenOf(deps)).getConfiguration(fiscalId);
  if (r.kind === 'ok') return r.data;
  if (r.kind === 'config' && r.openapi && (r.code === '111' || r.code === '424' || r.httpStatus === 404)) return null;
  throw setupApiError(r, 'read', fiscalId);
}

/**
 * Installs onboarded before the tax code was a secret kept it in clear in sync_state (issue #10:
 * a copied data folder gave it away). Moved into the encrypted store once the key is at hand; true
 * when something was moved.
 */
export function sealLegacyTaxCode(db: WritableDb, keys: KeyProvider, now: Date): boolean {
  const ob = readState(db, 'onboarding');
  if (!ob?.taxCode) return false;
  db.transaction(() => {
    if (!getSecret(db, keys, ADE_TAX_CODE_SECRET)) putSecret(db, keys, ADE_TAX_CODE_SECRET, ob.taxCode!, now);
    writeState(db, 'onboarding', { ...ob, taxCode: null }, now);
  }).immediate();
  return true;
}
