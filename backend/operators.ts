// Operators of the till: who is at the counter and what they may do. PINs are stored only as
// scrypt hashes ("scrypt$N$salt$hash", the format 0001_initial documents); a PIN never leaves this module.
// The one module that reads the operators table (list queries elsewhere only join it for a name).
import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import type { ReadableDb, WritableDb } from './db/types.js';
import { readStmt } from './db/statements.js';
import type { Clock } from '../shared/time.js';
import { fail } from '../shared/errors.js';
import { appendAudit } from './ledger/audit.js';
import { msg } from '../shared/messages/index.js';

export type OperatorRole = 'cashier' | 'manager';

export interface Operator {
  id: string;
  name: string;
  role: OperatorRole;
  active: boolean;
}

/** scrypt cost: ~30–60 ms per check on a till, slow enough to make guessing 4-digit PINs offline costly. */
const SCRYPT_N = 16384;
const KEY_LEN = 32;
export const PIN_RE = /^\d{4,8}$/;

export function hashPin(pin: string, n = SCRYPT_N): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEY_LEN, { N: n, r: 8, p: 1 });
  return `scrypt$${n}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPin(stored: string | null, pin: string): boolean {
  if (!stored) return false;
  const [alg, nText, saltB64, hashB64] = stored.split('$');
  if (alg !== 'scrypt' || !nText || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = scryptSync(pin, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(nText), r: 8, p: 1 });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function checkPin(pin: string): void {
  if (!PIN_RE.test(pin)) fail('PIN_FORMAT', msg.session.pinFormat, 'pin');
}

type Row = { id: string; name: string; role: OperatorRole; active: number; pin_hash: string | null };
const toOperator = (r: Row): Operator => ({ id: r.id, name: r.name, role: r.role, active: r.active === 1 });

export function listOperators(db: ReadableDb, opts: { includeInactive?: boolean } = {}): Operator[] {
  const rows = db.prepare(`SELECT id, name, role, active FROM operators ${opts.includeInactive ? '' : 'WHERE active = 1'} ORDER BY name`).all() as Row[];
  return rows.map(toOperator);
}

export function countOperators(db: ReadableDb): number {
  return (db.prepare('SELECT count(*) AS n FROM operators').get() as { n: number }).n;
}

export function getOperator(db: ReadableDb, id: string): Operator | null {
  const r = db.prepare('SELECT id, name, role, active FROM operators WHERE id = ?').get(id) as Row | undefined;
  return r ? toOperator(r) : null;
}

/** The operator's name, or null (no id, or an id the till does not know). */
export function operatorName(db: ReadableDb, id: string | null): string | null {
  if (id === null) return null;
  return (readStmt(db, 'SELECT name FROM operators WHERE id = ?', { pluck: true }).get(id) as string | undefined) ?? null;
}

/** A document (or a cash movement) may name an operator only if that operator exists and is active. */
export function checkOperator(db: ReadableDb, id: string | null): string | null {
  if (id === null) return null;
  const r = readStmt(db, 'SELECT active FROM operators WHERE id = ?').get(id) as { active: number } | undefined;
  if (!r || r.active !== 1) fail('OPERATOR_NOT_FOUND', msg.session.operatorUnknownOrInactive({ id }), 'operator_id');
  return id;
}

export interface OperatorInput {
  id?: string;
  name: string;
  role: OperatorRole;
  /** Required for a new operator; omitted keeps the current PIN. */
  pin?: string;
  active?: boolean;
}

/** Creates or updates an operator; journaled (without the PIN). */
export function saveOperator(db: WritableDb, clock: Clock, input: OperatorInput, actor: string | null): Operator {
  const name = input.name.trim();
  if (name === '' || name.length > 60) fail('OPERATOR_NAME', msg.session.operatorName, 'name');
  if (input.pin !== undefined) checkPin(input.pin);
  const at = clock.now().toISOString();
  return db.transaction((): Operator => {
    const existing = input.id ? (db.prepare('SELECT * FROM operators WHERE id = ?').get(input.id) as Row | undefined) : undefined;
    if (input.id && !existing) fail('OPERATOR_NOT_FOUND', msg.session.operatorUnknown({ id: input.id }), 'id');
    const active = input.active ?? true;
    if (existing && existing.role === 'manager' && existing.active === 1 && (input.role !== 'manager' || !active)) {
      const others = (db.prepare(`SELECT count(*) AS n FROM operators WHERE role = 'manager' AND active = 1 AND id <> ?`).get(existing.id) as { n: number }).n;
      if (others === 0) fail('LAST_MANAGER', msg.session.lastManager, 'role');
    }
    let id: string;
    if (existing) {
      id = existing.id;
      db.prepare('UPDATE operators SET name = ?, role = ?, active = ?, pin_hash = coalesce(?, pin_hash) WHERE id = ?')
        .run(name, input.role, active ? 1 : 0, input.pin !== undefined ? hashPin(input.pin) : null, id);
    } else {
      if (input.pin === undefined) fail('PIN_REQUIRED', msg.session.pinRequired, 'pin');
      id = randomUUID();
      db.prepare('INSERT INTO operators (id, name, role, pin_hash, active, created_at) VALUES (?,?,?,?,?,?)')
        .run(id, name, input.role, hashPin(input.pin), active ? 1 : 0, at);
    }
    appendAudit(db, { at, actor, action: existing ? 'operator.update' : 'operator.create', entityId: id, payload: { name, role: input.role, active, pinChanged: input.pin !== undefined } });
    return getOperator(db, id)!;
  }).immediate();
}

/** The operator if the PIN is theirs and they are active; null otherwise (no hint which part was wrong). */
export function authenticate(db: ReadableDb, operatorId: string, pin: string): Operator | null {
  const r = db.prepare('SELECT * FROM operators WHERE id = ? AND active = 1').get(operatorId) as Row | undefined;
  if (!r) {
    // Spend the same time as a real check so the answer does not reveal which ids exist.
    verifyPin(DUMMY_HASH, pin);
    return null;
  }
  return verifyPin(r.pin_hash, pin) ? toOperator(r) : null;
}

/** The active manager whose PIN this is (manager approval at the counter: PIN only, no name to pick). */
export function findManagerByPin(db: ReadableDb, pin: string): Operator | null {
  const rows = db.prepare(`SELECT * FROM operators WHERE role = 'manager' AND active = 1`).all() as Row[];
  for (const r of rows) if (verifyPin(r.pin_hash, pin)) return toOperator(r);
  return null;
}

const DUMMY_HASH = hashPin('00000000', 1024);
