// Where the sync finds its settings: environment overrides first (BANCONE_OPENAPI_URL,
// BANCONE_OPENAPI_TOKEN, BANCONE_FISCAL_ID), then the shop's settings and the encrypted token.
import { z } from 'zod';
import type { ReadableDb } from '../db/types.js';
import type { Env } from '../config.js';
import { getSetting } from '../settings.js';
import { getSecret, type KeyProvider } from '../secrets.js';
import { readState } from './sync-state.js';
import { DEFAULT_TUNING, type SyncTuning } from './steps.js';
import type { SyncConfig } from './engine.js';
import { BanconeError } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

export const TOKEN_SECRET = 'openapi.token';
export const ADE_PASSWORD_SECRET = 'ade.password';
export const ADE_PIN_SECRET = 'ade.pin';
export const SANDBOX_URL = 'https://test.invoice.openapi.com';
export const PRODUCTION_URL = 'https://invoice.openapi.com';

export function resolveSyncConfig(db: ReadableDb, env: Env, keys: KeyProvider | null): SyncConfig | null {
  const baseUrl = env.BANCONE_OPENAPI_URL || getSetting(db, 'openapi.url') || SANDBOX_URL;
  const fiscalId = env.BANCONE_FISCAL_ID || getSetting(db, 'openapi.fiscalId') || readState(db, 'onboarding')?.fiscalId || '';
  let token = env.BANCONE_OPENAPI_TOKEN || '';
  // A token this machine cannot read (a data folder copied from another, issue #10) is no token: the
  // sync waits as «not configured» until it is given again, instead of its loop dying on a throw.
  // `bancone sync` and close-day say why (missingConfig throws the key's own words).
  if (!token && keys) {
    try { token = getSecret(db, keys, TOKEN_SECRET) ?? ''; } catch { token = ''; }
  }
  if (!fiscalId || !token) return null;
  return { baseUrl, token, fiscalId };
}

/** What is missing for the sync to run, in words for the shop. */
export function missingConfig(db: ReadableDb, env: Env, keys: KeyProvider | null): string[] {
  const missing: string[] = [];
  if (!(env.BANCONE_FISCAL_ID || getSetting(db, 'openapi.fiscalId') || readState(db, 'onboarding')?.fiscalId)) missing.push('partita IVA (bancone onboard --fiscal-id)');
  if (!(env.BANCONE_OPENAPI_TOKEN || (keys && getSecret(db, keys, TOKEN_SECRET)))) missing.push('token Openapi (bancone onboard --token-file FILE, o BANCONE_OPENAPI_TOKEN)');
  return missing;
}

const TuningSchema = z.strictObject({
  concurrency: z.number().int().min(1).max(64),
  requestTimeoutMs: z.number().int().min(1),
  sendBackoffBaseMs: z.number().int().min(0),
  sendBackoffMaxMs: z.number().int().min(0),
  pollFirstMs: z.number().int().min(0),
  pollBackoffMaxMs: z.number().int().min(0),
  lookupDelayMs: z.number().int().min(0),
  offlineBackoffBaseMs: z.number().int().min(0),
  offlineBackoffMaxMs: z.number().int().min(0),
  probeIntervalMs: z.number().int().min(0),
  lockTtlMs: z.number().int().min(100),
  pdfDir: z.string().nullable(),
  batchPollMin: z.number().int().min(1),
}).partial();

/** BANCONE_SYNC_TUNING (JSON) lets tests and the benchmark shorten delays; validated like any input. */
export function tuningFromEnv(env: Env): Partial<SyncTuning> {
  const raw = env.BANCONE_SYNC_TUNING;
  if (!raw) return {};
  let json: unknown;
  try { json = JSON.parse(raw); } catch { throw new BanconeError('SYNC_TUNING_INVALID', msg.sync.tuningNotJson); }
  const r = TuningSchema.safeParse(json);
  if (!r.success) throw new BanconeError('SYNC_TUNING_INVALID', msg.sync.tuningInvalid({ detail: r.error.issues[0]?.message }));
  return r.data;
}

export { DEFAULT_TUNING };
