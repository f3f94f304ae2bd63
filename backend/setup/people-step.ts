// Set-up step 6, the people: done once the till has an active manager (the first run made one) and
// the manager has looked at the list; cashiers are optional (a shop may be run by its owner alone).
import type { ReadableDb } from '../db/types.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

export function peopleStepData(db: ReadableDb) {
  const rows = db.prepare(`SELECT role, count(*) AS n FROM operators WHERE active = 1 GROUP BY role`).all() as { role: string; n: number }[];
  const of = (role: string) => rows.find((r) => r.role === role)?.n ?? 0;
  return { managers: of('manager'), cashiers: of('cashier') };
}

export function peopleReady(db: ReadableDb): void {
  if (peopleStepData(db).managers === 0) fail('SETUP_NO_MANAGER', msg.setup.noManager, 'people');
}
