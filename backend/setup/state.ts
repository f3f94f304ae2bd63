// Where the set-up stands, for the wizard (setup.state) and `bancone status`: each step done or not
// and when, what it holds (secrets only masked), the step to show, and what needs acting on (the AdE
// credentials from day 80 of their 90 days).
import type { ReadableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { Env } from '../config.js';
import type { SetupState } from '../../shared/contract/setup.js';
import { getSetting } from '../settings.js';
import { errorInfo } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { getSecret, hasSecret, type KeyProvider } from '../secrets.js';
import { secretHint } from '../sync/secrets-port.js';
import { ADE_PASSWORD_SECRET, ADE_PIN_SECRET, TOKEN_SECRET } from '../sync/config.js';
import { readState } from '../sync/sync-state.js';
import { credentialsStatus } from '../sync/status.js';
import { ADE_TAX_CODE_SECRET, effectiveUrl, environmentOf } from './ade.js';
import { readShop } from './shop.js';
import { laterSteps } from './steps.js';
import { LATER_STEPS } from '../../shared/contract/setup.js';
import type { SecretName } from '../../shared/contract/settings.js';

function masked(db: ReadableDb, keys: KeyProvider | null, name: SecretName): { set: boolean; hint: string | null } {
  if (!hasSecret(db, name)) return { set: false, hint: null };
  if (!keys) return { set: true, hint: null };
  try {
    const v = getSecret(db, keys, name);
    return { set: true, hint: v === null ? null : secretHint(name, v) };
  } catch {
    // Unreadable with this key (a copied data folder): it is there, but useless; no hint.
    return { set: true, hint: null };
  }
}

const doneAt = (v: string) => (v === '' ? null : v);

export function setupState(db: ReadableDb, clock: Clock, keys: KeyProvider | null, env: Env = {}): SetupState {
  const shopDoneAt = doneAt(getSetting(db, 'setup.shopDoneAt'));
  const adeDoneAt = doneAt(getSetting(db, 'setup.adeDoneAt'));
  const url = effectiveUrl(db, env);
  const ob = readState(db, 'onboarding');
  const credentials = credentialsStatus(db, clock);
  const notices: SetupState['notices'] = [];
  if (credentials?.expired) {
    notices.push(errorInfo('ADE_CREDENTIALS_EXPIRED', msg.setup.credentialsExpired, 'password'));
  } else if (credentials?.warning) {
    const day = new Date(credentials.expiresAt).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' });
    notices.push(errorInfo('ADE_CREDENTIALS_EXPIRING', msg.setup.credentialsExpiring({ days: credentials.daysLeft, day }), 'password'));
  }
  const later = laterSteps(db);
  const nextLater = LATER_STEPS.find((s) => !later[s].done && !later[s].skipped);
  return {
    current: !shopDoneAt ? 'shop' : !adeDoneAt ? 'ade' : nextLater ?? 'complete',
    steps: {
      ...later,
      shop: { done: shopDoneAt !== null, doneAt: shopDoneAt, data: readShop(db) },
      ade: {
        done: adeDoneAt !== null,
        doneAt: adeDoneAt,
        data: {
          environment: environmentOf(getSetting(db, 'openapi.url')),
          url,
          urlFromEnvironment: Boolean(env.BANCONE_OPENAPI_URL),
          token: masked(db, keys, TOKEN_SECRET),
          company: ob
            ? {
                fiscalId: ob.fiscalId,
                email: ob.email,
                registeredAt: ob.onboardedAt,
                taxCode: masked(db, keys, ADE_TAX_CODE_SECRET),
                password: masked(db, keys, ADE_PASSWORD_SECRET),
                pin: masked(db, keys, ADE_PIN_SECRET),
                credentials,
              }
            : null,
        },
      },
    },
    notices,
  };
}
