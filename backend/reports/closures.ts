// Reading closed days (day_closures): the Z number and the snapshot taken when the day was closed.
import type { ReadableDb } from '../db/types.js';
import type { DayReport } from '../../shared/contract/reports.js';

export interface ClosureRow {
  businessDay: string;
  zNumber: number;
  closedAt: string;
  operatorId: string | null;
  note: string | null;
}

const COLS = 'business_day AS businessDay, z_number AS zNumber, closed_at AS closedAt, operator_id AS operatorId, note';

export function closureOf(db: ReadableDb, businessDay: string): ClosureRow | null {
  return (db.prepare(`SELECT ${COLS} FROM day_closures WHERE business_day = ?`).get(businessDay) as ClosureRow | undefined) ?? null;
}

/** The most recent closure (highest Z number). */
export function lastClosure(db: ReadableDb): ClosureRow | null {
  return (db.prepare(`SELECT ${COLS} FROM day_closures ORDER BY z_number DESC LIMIT 1`).get() as ClosureRow | undefined) ?? null;
}

export function nextZNumber(db: ReadableDb): number {
  return (db.prepare('SELECT coalesce(max(z_number), 0) + 1 AS z FROM day_closures').get() as { z: number }).z;
}

/** The Z report exactly as it was stored when the day was closed. */
export function closureSnapshot(db: ReadableDb, businessDay: string): DayReport | null {
  const r = db.prepare('SELECT snapshot FROM day_closures WHERE business_day = ?').get(businessDay) as { snapshot: string } | undefined;
  return r ? (JSON.parse(r.snapshot) as DayReport) : null;
}

export function listClosures(db: ReadableDb, limit = 60): ClosureRow[] {
  return db.prepare(`SELECT ${COLS} FROM day_closures ORDER BY z_number DESC LIMIT ?`).all(limit) as ClosureRow[];
}
