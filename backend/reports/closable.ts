// Whether a business day can be closed now, and if not, the message that says why and when. One
// rule for the CLI, the till screen (reports.status shows it before anyone tries) and closeDay.
import type { ReadableDb } from '../db/types.js';
import { BanconeError } from '../../shared/errors.js';
import { dayLabel, nextDay, romeDate, romeDateTimeLabel } from '../../shared/time.js';
import { DAY_BEGINS_AT_HOUR, dayHasBegun, dayToClose } from '../ledger/index.js';
import { closureOf, type ClosureRow } from './closures.js';
import { msg, type Text } from '../../shared/messages/index.js';

/** The closure of the latest business day before `day` (the Z the shop took last night, usually). */
function closureBefore(db: ReadableDb, day: string): ClosureRow | null {
  return (db.prepare(
    'SELECT business_day AS businessDay, z_number AS zNumber, closed_at AS closedAt, operator_id AS operatorId, note FROM day_closures WHERE business_day < ? ORDER BY business_day DESC LIMIT 1',
  ).get(day) as ClosureRow | undefined) ?? null;
}

/** When `day` can be closed, said from `instant`: «da domani», «da oggi alle 06:00», «dal 24/11/2026». */
function whenItBegins(day: string, instant: Date): Text {
  const today = romeDate(instant);
  if (day === today) return msg.reports.closableTodayAt({ hour: `${String(DAY_BEGINS_AT_HOUR).padStart(2, '0')}:00` });
  if (day === nextDay(today)) return msg.reports.closableTomorrow;
  return msg.reports.closableFrom({ day: dayLabel(day) });
}

export function alreadyClosedError(day: string, c: ClosureRow): BanconeError {
  return new BanconeError('DAY_ALREADY_CLOSED',
    msg.reports.dayAlreadyClosed({ day: dayLabel(day), zNumber: c.zNumber, closedAt: romeDateTimeLabel(c.closedAt) }),
    'business_day');
}

/**
 * Why closing would be refused at `instant`, or null when it can go ahead. `requested` is the day
 * asked for explicitly (--date); without it, the day the end of day works on (dayToClose).
 *
 * The usual case is the second closing of the evening: the day to close is then tomorrow, which
 * has not begun (dayHasBegun), so the answer names the Z already taken and says when the next
 * closing can be made. A day asked for by date that has not begun gets DAY_NOT_STARTED.
 */
export function closeRefusal(db: ReadableDb, instant: Date, requested?: string): BanconeError | null {
  const day = requested ?? dayToClose(db, instant);
  const closed = closureOf(db, day);
  if (closed) return alreadyClosedError(day, closed);
  if (dayHasBegun(day, instant)) return null;
  const when = whenItBegins(day, instant);
  const prev = closureBefore(db, day);
  if (prev && requested === undefined)
    return new BanconeError('DAY_ALREADY_CLOSED',
      msg.reports.nextClosingAfter({ closedDay: dayLabel(prev.businessDay), zNumber: prev.zNumber, closedAt: romeDateTimeLabel(prev.closedAt), day: dayLabel(day), when }),
      'business_day');
  const last = prev ? msg.reports.lastClosing({ zNumber: prev.zNumber, day: dayLabel(prev.businessDay) }) : null;
  return new BanconeError('DAY_NOT_STARTED',
    msg.reports.dayNotStarted({ day: dayLabel(day), when, last }),
    'business_day');
}
