// The settings screen's port to the secrets (api/context.ts SecretsPort): every secret it knows is
// one the sync uses (the Openapi token, the AdE credentials), so setting one is sync behaviour too:
// a new token lifts the «token refused» stop, and the AdE credentials, once all three are there, are
// sent to Openapi at once (the set-up's renewal, backend/setup/ade.ts). The composition roots only
// pass in the dependencies.
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { Env } from '../config.js';
import type { SecretName } from '../../shared/contract/settings.js';
import { getSecret, hasSecret, putSecret, type KeyProvider } from '../secrets.js';
import { clearState, readState } from './sync-state.js';
import { renewCredentials } from '../setup/ade.js';
import type { FetchLike } from './openapi-client.js';

/** Masked hint of a secret for the settings screen: enough to recognise it, not to use it. */
export function secretHint(name: SecretName, value: string): string {
  if (name === 'ade.password' || name === 'ade.pin') return '••••••';
  if (name === 'ade.taxCode') return `${value.slice(0, 3)}•••••••••${value.slice(-1)}`;
  // The invoicing credential is an API key or token (long: its last 4 tell which one is saved) or
  // Fattura Elettronica API's password (short: 4 of its characters would give half of it away).
  if (name === 'invoice.credential' && value.length < 16) return '••••••';
  return `••••${value.slice(-4)}`;
}

export interface SecretsPortDeps {
  db: WritableDb;
  clock: Clock;
  keys: KeyProvider;
  env: Env;
  fetch: FetchLike;
  /** Nudges the sync once a secret changed (a new token may let the queue go on). */
  wake: () => void;
}

export function createSecretsPort({ db, clock, keys, env, fetch: fetchImpl, wake }: SecretsPortDeps) {
  return {
    status(name: SecretName): { set: boolean; hint: string | null } {
      if (!hasSecret(db, name)) return { set: false, hint: null };
      const v = getSecret(db, keys, name);
      return { set: true, hint: v === null ? null : secretHint(name, v) };
    },
    async set(name: SecretName, value: string, actorId: string | null = null): Promise<void> {
      putSecret(db, keys, name, value, clock.now());
      if (name === 'openapi.token') clearState(db, 'auth_required');
      // The AdE credentials only count once Openapi has them: send the three together.
      const ade = ['ade.taxCode', 'ade.password', 'ade.pin'].map((n) => getSecret(db, keys, n));
      if (name.startsWith('ade.') && ade.every((x) => x) && readState(db, 'onboarding')) {
        await renewCredentials({ db, clock, fetch: fetchImpl, keys, env, wake }, { tax_code: ade[0]!, password: ade[1]!, pin: ade[2]! }, actorId);
      }
      wake();
    },
  };
}
