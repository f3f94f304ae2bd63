// What the provider adapters share: one HTTP call that never throws (a network failure, a timeout or
// a reset is a value), and the failures every service can produce in the same words.
import { msg } from '../../../shared/messages/index.js';
import { romeDateTimeLabel, type Clock } from '../../../shared/time.js';
import type { ProviderFailure } from '../provider.js';

export type Fetch = typeof fetch;

export type HttpOutcome =
  | { ok: true; status: number; headers: Headers; body: Uint8Array }
  | { ok: false };

/** One request; a transport failure (refused, reset, dropped, timed out) comes back as `{ok:false}`. */
export async function call(fetchFn: Fetch, url: string, init: RequestInit, timeoutMs: number): Promise<HttpOutcome> {
  try {
    const res = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = new Uint8Array(await res.arrayBuffer());
    return { ok: true, status: res.status, headers: res.headers, body };
  } catch {
    return { ok: false };
  }
}

export const utf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

export function ambiguous(service: string, why: 'unreachable' | 'unreadable' | { status: number }): ProviderFailure {
  const message = why === 'unreachable' ? msg.invoicingProviders.unreachable({ service })
    : why === 'unreadable' ? msg.invoicingProviders.unreadable({ service })
      : msg.invoicingProviders.serverError({ service, status: why.status });
  return { kind: 'ambiguous', message: message.it };
}

/** 429: not before Retry-After (seconds), or a minute from now when the service does not say. */
export function limitedBy429(service: string, headers: Headers, clock: Clock): ProviderFailure {
  const after = Number(headers.get('retry-after'));
  const at = new Date(clock.now().getTime() + (Number.isFinite(after) && after > 0 ? after : 60) * 1000);
  return { kind: 'limited', retryAt: at.toISOString(), message: msg.invoicingProviders.rateLimited({ service, at: romeDateTimeLabel(at) }).it };
}
