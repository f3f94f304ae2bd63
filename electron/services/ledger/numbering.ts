import type { ReadableDb, WritableDb } from '../db/types.js';
import { nextDay, romeDate } from '../../../shared/time.js';
import { stmt } from './statements.js';

/**
 * The business day a document made at `instant` belongs to: its Italian calendar date, unless that
 * day is already closed (Z report done), in which case it belongs to the day after the last closure.
 */
export function businessDayFor(db: ReadableDb, instant: Date): string {
  const day = romeDate(instant);
  const last = (stmt(db, 'SELECT max(business_day) AS d FROM day_closures').get() as { d: string | null }).d;
  return last !== null && day <= last ? nextDay(last) : day;
}

/** Takes the next gap-free number of the day. Must run inside the document's transaction. */
export function takeNumber(db: WritableDb, businessDay: string): { seq: number; number: string } {
  const { last_seq: seq } = stmt(
    db,
    `INSERT INTO day_counters (business_day, last_seq) VALUES (?, 1)
     ON CONFLICT (business_day) DO UPDATE SET last_seq = last_seq + 1
     RETURNING last_seq`,
  ).get(businessDay) as { last_seq: number };
  return { seq, number: `${businessDay}/${seq.toString().padStart(4, '0')}` };
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
