import type { ReadableDb } from '../db/types.js';
import { fail } from '../../shared/errors.js';
import { readStmt } from '../db/statements.js';

/** A document may name an operator only if that operator exists and is active. */
export function checkOperator(db: ReadableDb, id: string | null): string | null {
  if (id === null) return null;
  const r = readStmt(db, 'SELECT active FROM operators WHERE id = ?').get(id) as { active: number } | undefined;
  if (!r || r.active !== 1) fail('OPERATOR_NOT_FOUND', `Operatore sconosciuto o disattivato: ${id}`, `Unknown or inactive operator: ${id}`, 'operator_id');
  return id;
}
