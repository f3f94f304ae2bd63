import { TZDate } from '@date-fns/tz';
import type { ReadableDb, WritableDb } from '../db/types.js';
import { nextDay, romeDate, SHOP_TZ } from '../../shared/time.js';
import { readStmt, writeStmt } from '../db/statements.js';
import { getSetting } from '../settings.js';

/**
 * The business day a document made at `instant` belongs to: its Italian calendar date, unless that
 * day is already closed (Z report done), in which case it belongs to the day after the last closure.
 */
export function businessDayFor(db: ReadableDb, instant: Date): string {
  const day = romeDate(instant);
  const last = (readStmt(db, 'SELECT max(business_day) AS d FROM day_closures').get() as { d: string | null }).d;
  return last !== null && day <= last ? nextDay(last) : day;
}

/**
 * What a till joined to a shop server (issue #14) puts before its numbers: its till code there, «C2-»,
 * so that two tills of one shop, each with its own gap-free series, never print the same number
 * («C2-2026-12-01/0042», invoices «C2-2026/0001»). '' for a till that has not joined: it numbers as
 * it always did. Only the number's text changes: the counters stay per day (per year for invoices).
 */
export function tillNumberPrefix(db: ReadableDb): string {
  const code = getSetting(db, 'server.tillCode');
  return code === '' ? '' : `${code}-`;
}

/**
 * Takes the next gap-free number of the day. Must run inside the document's transaction.
 * `series`: the fiscal one (day_counters), or training mode's own (training_counters, whose numbers
 * carry a prefix so that they can never be read as fiscal ones), or the invoices' annual one
 * (invoice_counters: `businessDay` is then the year, «2026», and the number «2026/0001»).
 */
export function takeNumber(
  db: WritableDb,
  businessDay: string,
  series: { counters: 'day_counters' | 'training_counters' | 'invoice_counters'; prefix: string } = { counters: 'day_counters', prefix: '' },
): { seq: number; number: string } {
  const { last_seq: seq } = writeStmt(
    db,
    `INSERT INTO ${series.counters} (business_day, last_seq) VALUES (?, 1)
     ON CONFLICT (business_day) DO UPDATE SET last_seq = last_seq + 1
     RETURNING last_seq`,
  ).get(businessDay) as { last_seq: number };
  return { seq, number: `${series.prefix}${businessDay}/${seq.toString().padStart(4, '0')}` };
}

/**
 * The hour (Europe/Rome) at which a business day begins. Until then the night still belongs to the
 * evening before: a bar that takes its Z at 00:30 is closing the 21st, and the 22nd — already its
 * calendar date — has not begun for that shop yet. 06:00 sits after the last bar or club closes
 * and before the first café or bakery closes a day (nobody takes a Z between 00:00 and 06:00 for
 * the day that is only starting).
 */
export const DAY_BEGINS_AT_HOUR = 6;

/** The instant business day `day` begins: 06:00 Rome time on its own calendar date (DST-aware). */
export function dayBeginsAt(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, DAY_BEGINS_AT_HOUR, 0, 0, SHOP_TZ).getTime());
}

/**
 * Whether business day `day` has begun at `instant`, i.e. whether it may be closed then.
 *
 * The rule is the Italian calendar and nothing else: a day begins at 06:00 Rome time on its own
 * date. What the ledger holds does not move it. In particular:
 * - sales rung up after the evening's Z are dated on the next business day (businessDayFor), but
 *   they do not make that day begin: it is still tonight, and tomorrow's Z will include them;
 * - closing after midnight still works on the evening's day (dayToClose picks the oldest open day
 *   with documents, which has begun long ago), while the new day cannot be closed the same night;
 * - an earlier day that was left open can always be closed.
 * Without this, a second closing the same evening closed tomorrow with no sales, and from then on
 * every sale was dated a day late.
 */
export function dayHasBegun(day: string, instant: Date): boolean {
  return instant.getTime() >= dayBeginsAt(day).getTime();
}

/**
 * The business day the end of day works on: the oldest day after the last closure that has
 * documents, when it is before the current day (a shop closing at 00:30 closes the evening's day,
 * not the new, empty one); otherwise the current business day.
 */
export function dayToClose(db: ReadableDb, instant: Date): string {
  const current = businessDayFor(db, instant);
  const last = (db.prepare('SELECT max(business_day) AS d FROM day_closures').get() as { d: string | null }).d ?? '';
  const oldest = (db.prepare('SELECT min(business_day) AS d FROM documents WHERE business_day > ?').get(last) as { d: string | null }).d;
  return oldest !== null && oldest < current ? oldest : current;
}
