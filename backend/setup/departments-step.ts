// Set-up step 4, the departments: done once the shop has at least one (each carries its VAT).
import type { ReadableDb } from '../db/types.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

export function departmentsStepData(db: ReadableDb) {
  const r = db.prepare('SELECT count(*) AS n FROM departments').get() as { n: number };
  return { count: r.n };
}

export function departmentsReady(db: ReadableDb): void {
  if (departmentsStepData(db).count === 0) fail('SETUP_NO_DEPARTMENTS', msg.setup.noDepartments, 'departments');
}
