// Exponential backoff with jitter ("equal jitter": half fixed, half random), so a shop full of
// queued documents does not hammer the API in lock-step after an outage.
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(30, attempt - 1)));
  return Math.round(exp / 2 + random() * (exp / 2));
}

export function addMs(d: Date, ms: number): Date {
  return new Date(d.getTime() + ms);
}
