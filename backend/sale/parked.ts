// Parked carts («Sospendi», and the cart a cashier had open when handing the till over): the
// parked_sales table (migrations 0004 and 0010). Not fiscal documents: a cart parked here is the
// UI's own cart (shared/contract/sale.ts ParkedCartSchema), taken back exactly once.
import { randomUUID } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types.js';
import { readStmt, writeStmt } from '../db/statements.js';
import { fail } from '../../shared/errors.js';
import { previewCart } from '../../shared/contract/cart.js';
import { ParkedCartSchema, type ParkedCart, type ParkedSummary } from '../../shared/contract/sale.js';
import { parseInput } from '../../shared/validation.js';
import { msg } from '../../shared/messages/index.js';

type ParkedRow = { id: string; label: string; operator_id: string | null; operator_name: string | null; auto: number; total_cents: number; line_count: number; created_at: string; cart: string };

function summary(r: ParkedRow): ParkedSummary {
  return { id: r.id, label: r.label, operatorId: r.operator_id, operatorName: r.operator_name, auto: r.auto === 1, totalCents: r.total_cents, lineCount: r.line_count, createdAt: r.created_at };
}

const PARKED_SELECT = `SELECT s.*, o.name AS operator_name FROM parked_sales s LEFT JOIN operators o ON o.id = s.operator_id`;

/**
 * Puts a cart aside for `operator`. Its label is the one typed, else (a hand-over) «Vendita in corso
 * di …», else the first line's description.
 */
export function parkCart(db: WritableDb, at: Date, operator: { id: string; name: string }, input: { cart: ParkedCart; label?: string | undefined; auto: boolean }): ParkedSummary {
  const { cart, label, auto } = input;
  const { totals } = previewCart(cart, false);
  const id = randomUUID();
  const name = label && label !== '' ? label : auto ? `Vendita in corso di ${operator.name}`.slice(0, 60) : cart.lines[0]!.description.slice(0, 40);
  writeStmt(db, 'INSERT INTO parked_sales (id, operator_id, label, cart, total_cents, line_count, created_at, auto) VALUES (?,?,?,?,?,?,?,?)')
    .run(id, operator.id, name, JSON.stringify(cart), totals.totalCents, cart.lines.length, at.toISOString(), auto ? 1 : 0);
  return summary(readStmt(db, `${PARKED_SELECT} WHERE s.id = ?`).get(id) as ParkedRow);
}

/** Every parked cart, oldest first. */
export function listParked(db: ReadableDb): ParkedSummary[] {
  return (readStmt(db, `${PARKED_SELECT} ORDER BY s.created_at`).all() as ParkedRow[]).map(summary);
}

/** Removes the parked cart and gives its row back; PARKED_NOT_FOUND if someone took it first. */
function take(db: WritableDb, id: string): ParkedRow {
  const r = readStmt(db, `${PARKED_SELECT} WHERE s.id = ?`).get(id) as ParkedRow | undefined;
  if (!r) fail('PARKED_NOT_FOUND', msg.sale.parkedNotFound, 'id');
  writeStmt(db, 'DELETE FROM parked_sales WHERE id = ?').run(id);
  return r;
}

/** Takes the cart back: removed from the list in its own transaction, so only one till gets it. */
export function resumeParked(db: WritableDb, id: string): ParkedCart {
  const r = db.transaction(() => take(db, id)).immediate();
  return parseInput(ParkedCartSchema, JSON.parse(r.cart));
}

/** Throws the parked cart away. */
export function discardParked(db: WritableDb, id: string): void {
  db.transaction(() => take(db, id)).immediate();
}
