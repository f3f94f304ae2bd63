// One clock and one time zone rule for the whole app: instants are stored in UTC; the business day
// and the 23:55–00:00 transmission blackout are Italian wall-clock notions (Europe/Rome).
import { TZDate } from '@date-fns/tz';

export const SHOP_TZ = 'Europe/Rome';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move by hand. */
export function fakeClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => { t = new Date(d).getTime(); },
    advance: (ms) => { t += ms; },
  };
}

function rome(instant: Date | string): TZDate {
  return new TZDate(new Date(instant).getTime(), SHOP_TZ);
}

const pad = (n: number, w = 2) => n.toString().padStart(w, '0');

/** Europe/Rome calendar date of an instant, "YYYY-MM-DD". */
export function romeDate(instant: Date | string): string {
  const d = rome(instant);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "21/11/2026 18:05" in Italian wall-clock time. */
export function romeDateTimeLabel(instant: Date | string): string {
  const d = rome(instant);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "21/11/2026" */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** The day after "YYYY-MM-DD" (calendar arithmetic, no time zone involved). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** UTC instants bounding an Italian calendar day [start, end). */
export function romeDayBounds(day: string): { start: string; end: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const start = new TZDate(y, m - 1, d, 0, 0, 0, SHOP_TZ);
  const end = new TZDate(y, m - 1, d + 1, 0, 0, 0, SHOP_TZ);
  return { start: new Date(start.getTime()).toISOString(), end: new Date(end.getTime()).toISOString() };
}

/** True between 23:55:00 and 23:59:59 Italian time, when Openapi defers transmissions. */
export function isTransmissionBlackout(instant: Date | string): boolean {
  const d = rome(instant);
  return d.getHours() === 23 && d.getMinutes() >= 55;
}

/** When the blackout containing `instant` ends (Italian midnight), as a UTC Date. */
export function blackoutEnd(instant: Date | string): Date {
  const day = romeDate(instant);
  return new Date(romeDayBounds(day).end);
}

export function isIsoDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}
