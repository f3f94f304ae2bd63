// Onboarding the shop on Openapi: create (or update) the company's IT-configuration with receipts
// enabled and the AdE credentials, and remember locally what the sync needs. The AdE credentials
// must be renewed every 90 days: running onboarding again with new ones PATCHes them.
import { z } from 'zod';
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { BanconeError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { getSetting, setSetting } from '../settings.js';
import { getSecret, putSecret, type KeyProvider } from '../secrets.js';
import { createOpenapiClient, type ApiOutcome, type FetchLike } from './openapi-client.js';
import type { ItConfiguration, ItConfigurationPatch, RemoteConfiguration } from '../../shared/openapi/schemas.js';
import { clearState, readState, writeState } from './sync-state.js';
import { ADE_PASSWORD_SECRET, ADE_PIN_SECRET, SANDBOX_URL, TOKEN_SECRET } from './config.js';
import { credentialsStatus, type CredentialsStatus } from './status.js';
import type { Env } from '../config.js';
import { msg, zodMessage } from '../../shared/messages/index.js';

export const OnboardInputSchema = z.strictObject({
  fiscal_id: z.string().regex(/^(\d{11}|[A-Za-z0-9]{16})$/, { message: zodMessage(msg.sync.fiscalIdFormat) }),
  name: z.string().min(1).max(200),
  email: z.email(),
  tax_code: z.string().regex(/^[A-Za-z0-9]{11,16}$/).optional(),
  password: z.string().min(1).max(200).optional(),
  pin: z.string().min(1).max(50).optional(),
  token: z.string().min(1).max(4000).optional(),
  base_url: z.url().optional(),
  callback_url: z.url().optional(),
}).refine((v) => [v.tax_code, v.password, v.pin].every((x) => x === undefined) || [v.tax_code, v.password, v.pin].every((x) => x !== undefined), {
  message: zodMessage(msg.sync.adeCredentialsTogether),
});
export type OnboardInput = z.input<typeof OnboardInputSchema>;

export interface OnboardResult {
  created: boolean;
  configuration: RemoteConfiguration;
  credentials: CredentialsStatus | null;
  warnings: string[];
}

function apiError(what: string, r: Exclude<ApiOutcome<unknown>, { kind: 'ok' }>): BanconeError {
  if (r.kind === 'auth') return new BanconeError('OPENAPI_AUTH', msg.sync.openapiAuth({ detail: r.message }), 'token');
  return new BanconeError('OPENAPI_ERROR', msg.sync.openapiError({ what, detail: r.message }));
}

export async function onboard(deps: { db: WritableDb; clock: Clock; fetch: FetchLike; keys: KeyProvider; env?: Env }, input: OnboardInput): Promise<OnboardResult> {
  const v = parseInput(OnboardInputSchema, input);
  const { db, clock, keys } = deps;
  const env = deps.env ?? {};
  // Empty environment variables count as unset.
  const baseUrl = v.base_url || env.BANCONE_OPENAPI_URL || getSetting(db, 'openapi.url') || SANDBOX_URL;
  const token = v.token || env.BANCONE_OPENAPI_TOKEN || getSecret(db, keys, TOKEN_SECRET);
  if (!token) throw new BanconeError('OPENAPI_TOKEN_REQUIRED', msg.sync.openapiTokenRequired, 'token');
  const client = createOpenapiClient({ baseUrl, token, timeoutMs: 30_000 }, deps.fetch, () => clock.now());
  const auth = v.tax_code ? { taxCode: v.tax_code, password: v.password!, pin: v.pin! } : undefined;
  const callbacks = v.callback_url
    ? (['receipt', 'receipt-error', 'receipt-retry', 'receipt-credentials'] as const).map((event) => ({ event, callback: { url: v.callback_url!, method: 'JSON' as const } }))
    : undefined;

  const existing = await client.getConfiguration(v.fiscal_id);
  const warnings: string[] = [];
  let configuration: RemoteConfiguration;
  let created = false;
  if (existing.kind === 'ok') {
    const patch: ItConfigurationPatch = { receipts: true, ...(auth ? { receipts_authentication: auth } : {}), ...(callbacks ? { api_configurations: callbacks } : {}) };
    const r = await client.patchConfiguration(v.fiscal_id, patch);
    if (r.kind !== 'ok') throw apiError('aggiornamento configurazione', r);
    configuration = r.data;
    if (existing.data.name && existing.data.name !== v.name) warnings.push(`Su Openapi il nome resta "${existing.data.name}" (non modificabile)`);
    if (existing.data.email && existing.data.email !== v.email) warnings.push(`Su Openapi l'e-mail resta ${existing.data.email} (non modificabile)`);
  } else if ((existing.kind === 'config' || existing.kind === 'rejected') && (existing.code === '111' || existing.httpStatus === 404)) {
    const body: ItConfiguration = { fiscal_id: v.fiscal_id, name: v.name, email: v.email, receipts: true, ...(auth ? { receipts_authentication: auth } : {}), ...(callbacks ? { api_configurations: callbacks } : {}) };
    const r = await client.createConfiguration(body);
    if (r.kind !== 'ok') throw apiError('creazione configurazione', r);
    configuration = r.data;
    created = true;
  } else {
    throw apiError('lettura configurazione', existing);
  }
  if (!auth && !readState(db, 'onboarding')?.credentialsUpdatedAt) warnings.push('Credenziali AdE non inserite: servono in produzione (--tax-code, --password, --pin)');

  const now = clock.now();
  db.transaction(() => {
    if (v.token) putSecret(db, keys, TOKEN_SECRET, v.token, now);
    if (auth) {
      putSecret(db, keys, ADE_PASSWORD_SECRET, auth.password, now);
      putSecret(db, keys, ADE_PIN_SECRET, auth.pin, now);
    }
    setSetting(db, 'openapi.fiscalId', v.fiscal_id, now);
    if (v.base_url) setSetting(db, 'openapi.url', v.base_url, now);
    const prev = readState(db, 'onboarding');
    writeState(db, 'onboarding', {
      fiscalId: v.fiscal_id,
      name: configuration.name ?? v.name,
      email: configuration.email ?? v.email,
      taxCode: auth?.taxCode ?? prev?.taxCode ?? null,
      baseUrl,
      credentialsUpdatedAt: auth ? now.toISOString() : prev?.credentialsUpdatedAt ?? null,
      onboardedAt: prev?.onboardedAt ?? now.toISOString(),
    }, now);
    // A fresh configuration is the fix for an account problem or a bad token: let the queue run.
    clearState(db, 'config_error');
    if (v.token) clearState(db, 'auth_required');
  }).immediate();
  return { created, configuration, credentials: credentialsStatus(db, clock), warnings };
}
