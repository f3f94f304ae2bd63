// Login, first-run setup, manager approval at the counter, and the operators list.
import { APPROVAL_TTL_MS, type HandlerMap, type HandlerContext, type SessionData } from './context.js';
import { authenticate, countOperators, findManagerByPin, getOperator, listOperators, saveOperator } from '../operators.js';
import { appendAudit } from '../ledger/audit.js';
import { getSetting } from '../settings.js';
import { fail } from '../../shared/errors.js';
import { refuseIfServerOwned } from '../shop-link/server-owned.js';
import { msg } from '../../shared/messages/index.js';

type SessionMethods = 'session.state' | 'session.setup' | 'session.login' | 'session.logout' | 'session.approve' | 'operators.list' | 'operators.save';

export { APPROVAL_TTL_MS, APPROVAL_REQUEST_TTL_MS } from './context.js';
const MAX_FAILED_PINS = 5;
/** Across all sessions, per target: more lenient than one window's lock, but a new session does not reset it. */
const MAX_FAILED_PINS_SHARED = 10;
const LOCK_MS = 30 * 1000;
/**
 * From the tenth wrong PIN at one target on, across sessions, every further wrong one locks it
 * again for twice as long (30 s, 1 min, 2 min … up to an hour) until a right PIN: a fresh session
 * per guess no longer buys ~20 guesses a minute. Each lock is written to the audit log, and
 * `bancone status` warns the manager of the last day's locks.
 */
const MAX_LOCK_MS = 60 * 60 * 1000;
/** The shared key for approvals: the PIN typed may be any manager's. */
const APPROVE_KEY = 'approve';

function lockedFor(ctx: HandlerContext, key: string): number {
  return Math.max(ctx.session.lockedUntil, ctx.pinAttempts.get(key)?.lockedUntil ?? 0);
}

function checkLock(ctx: HandlerContext, key: string): void {
  const now = ctx.clock.now().getTime();
  const until = lockedFor(ctx, key);
  if (until > now) {
    const s = Math.ceil((until - now) / 1000);
    fail('PIN_LOCKED', msg.session.pinLocked({ seconds: s }), 'pin');
  }
}

function wrongPin(ctx: HandlerContext, key: string | null): never {
  const now = ctx.clock.now().getTime();
  const s: SessionData = ctx.session;
  s.failedLogins += 1;
  if (s.failedLogins >= MAX_FAILED_PINS) {
    s.failedLogins = 0;
    s.lockedUntil = now + LOCK_MS;
  }
  if (key !== null) {
    const shared = ctx.pinAttempts.get(key) ?? { failures: 0, lockedUntil: 0, locks: 0 };
    shared.failures += 1;
    if (shared.failures >= MAX_FAILED_PINS_SHARED) {
      shared.locks = (shared.locks ?? 0) + 1;
      const ms = Math.min(LOCK_MS * 2 ** (shared.locks - 1), MAX_LOCK_MS);
      shared.lockedUntil = now + ms;
      const target = key === APPROVE_KEY ? 'approve' : 'login';
      ctx.db.transaction(() => audit(ctx, 'pin.locked', null, target === 'login' ? key.slice('login:'.length) : null, {
        target, failures: shared.failures, lock_seconds: ms / 1000, session: ctx.session.id.slice(0, 80),
      })).immediate();
    }
    ctx.pinAttempts.set(key, shared);
  }
  fail('PIN_WRONG', msg.session.pinWrong, 'pin');
}

function goodPin(ctx: HandlerContext, key: string): void {
  ctx.session.failedLogins = 0;
  ctx.pinAttempts.delete(key);
}

function audit(ctx: HandlerContext, action: string, actor: string | null, entityId: string | null, payload: unknown = {}): void {
  appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor, action, entityId, payload });
}

export const sessionHandlers: HandlerMap<SessionMethods> = {
  'session.state': (_, ctx) => {
    const now = ctx.clock.now().getTime();
    const fresh = [...ctx.session.approvals.values()].filter((r) => r.granted && r.granted.until > now).pop()?.granted;
    return {
      operator: ctx.session.operator,
      setupRequired: countOperators(ctx.db) === 0,
      operators: listOperators(ctx.db),
      approval: fresh ? { managerName: fresh.managerName, expiresAt: new Date(fresh.until).toISOString() } : null,
      language: getSetting(ctx.db, 'ui.language'),
    };
  },

  'session.setup': (input, ctx) => {
    if (countOperators(ctx.db) > 0)
      fail('SETUP_DONE', msg.session.setupDone);
    const op = saveOperator(ctx.db, ctx.clock, { name: input.name, role: 'manager', pin: input.pin }, null);
    ctx.session.operator = op;
    return op;
  },

  'session.login': (input, ctx) => {
    const key = `login:${input.operator_id}`;
    checkLock(ctx, key);
    const op = authenticate(ctx.db, input.operator_id, input.pin);
    // Only ids of real operators get a shared count (unknown ids have no PIN to guess; the map stays small).
    if (!op) wrongPin(ctx, getOperator(ctx.db, input.operator_id) ? key : null);
    goodPin(ctx, key);
    ctx.session.operator = op;
    ctx.session.approvals.clear();
    audit(ctx, 'session.login', op.id, op.id);
    return op;
  },

  'session.logout': (_, ctx) => {
    audit(ctx, 'session.logout', ctx.operator.id, ctx.operator.id);
    ctx.session.operator = null;
    ctx.session.approvals.clear();
    return {};
  },

  'session.approve': (input, ctx) => {
    // The PIN is checked (and counted) before the request is looked up: a stale request id must not
    // give free guesses, and the lock holds whatever the request.
    checkLock(ctx, APPROVE_KEY);
    const manager = findManagerByPin(ctx.db, input.pin);
    if (!manager) wrongPin(ctx, APPROVE_KEY);
    goodPin(ctx, APPROVE_KEY);
    const now = ctx.clock.now().getTime();
    // Only this window's own requests: a PIN typed here authorises what this screen showed.
    const request = ctx.session.approvals.get(input.request_id);
    if (!request || (!request.granted && request.expiresAt <= now))
      fail('APPROVAL_REQUEST_UNKNOWN', msg.session.approvalRequestUnknown, 'request_id');
    const until = now + (request.grantTtlMs ?? APPROVAL_TTL_MS);
    request.granted = { managerId: manager.id, managerName: manager.name, until };
    return { managerName: manager.name, expiresAt: new Date(until).toISOString(), requestId: request.id, method: request.method, reasons: request.reasons };
  },

  'operators.list': (_, ctx) => ({ operators: listOperators(ctx.db, { includeInactive: true }) }),

  'operators.save': (input, ctx) => {
    refuseIfServerOwned(ctx.db, 'name');
    const approver = ctx.requireManager('operators.save');
    return saveOperator(ctx.db, ctx.clock, { ...(input.id ? { id: input.id } : {}), name: input.name, role: input.role, ...(input.pin ? { pin: input.pin } : {}), active: input.active }, approver.id);
  },
};
