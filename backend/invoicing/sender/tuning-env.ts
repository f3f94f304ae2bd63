// The invoice sender's waits from the environment (tests and demos shorten them), validated as
// numbers ≥ 0; anything else is ignored and the default kept. Read by every composition root that
// runs a sender: the sync process, `bancone sync`, the till in browser mode.
import type { Env } from '../../config.js';
import type { SenderTuning } from './steps.js';

const KEYS = {
  lookupDelayMs: 'BANCONE_INVOICE_LOOKUP_DELAY_MS',
  pollFirstMs: 'BANCONE_INVOICE_POLL_FIRST_MS',
  pollMaxMs: 'BANCONE_INVOICE_POLL_MAX_MS',
  backoffBaseMs: 'BANCONE_INVOICE_BACKOFF_BASE_MS',
} as const satisfies Partial<Record<keyof SenderTuning, string>>;

export function invoiceTuningFromEnv(env: Env): Partial<SenderTuning> {
  const out: Partial<SenderTuning> = {};
  for (const [key, name] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    const v = Number(env[name]);
    if (env[name] !== undefined && env[name] !== '' && Number.isFinite(v) && v >= 0) out[key] = v;
  }
  return out;
}
