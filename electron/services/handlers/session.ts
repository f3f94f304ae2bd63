// Login, first-run setup, manager approval at the counter, and the operators list.
import type { HandlerMap, HandlerContext, SessionData } from './context.js';
import { authenticate, countOperators, findManagerByPin, listOperators, saveOperator } from '../operators.js';
import { appendAudit } from '../ledger/audit.js';
import { getSetting } from '../settings.js';
import { fail } from '../../../shared/errors.js';

type SessionMethods = 'session.state' | 'session.setup' | 'session.login' | 'session.logout' | 'session.approve' | 'operators.list' | 'operators.save';

/** A manager approval lasts this long if unused: long enough to finish the sale being rung up. */
export const APPROVAL_TTL_MS = 5 * 60 * 1000;
const MAX_FAILED_PINS = 5;
const LOCK_MS = 30 * 1000;

function checkLock(ctx: HandlerContext): void {
  const now = ctx.clock.now().getTime();
  if (ctx.session.lockedUntil > now) {
    const s = Math.ceil((ctx.session.lockedUntil - now) / 1000);
    fail('PIN_LOCKED', `Troppi PIN errati: riprovare tra ${s} secondi`, `Too many wrong PINs: try again in ${s} seconds`, 'pin');
  }
}

function wrongPin(ctx: HandlerContext): never {
  const s: SessionData = ctx.session;
  s.failedLogins += 1;
  if (s.failedLogins >= MAX_FAILED_PINS) {
    s.failedLogins = 0;
    s.lockedUntil = ctx.clock.now().getTime() + LOCK_MS;
  }
  fail('PIN_WRONG', 'PIN errato', 'Wrong PIN', 'pin');
}

function audit(ctx: HandlerContext, action: string, actor: string | null, entityId: string | null, payload: unknown = {}): void {
  appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor, action, entityId, payload });
}

export const sessionHandlers: HandlerMap<SessionMethods> = {
  'session.state': (_, ctx) => {
    const a = ctx.session.approval;
    const fresh = a && a.expiresAt > ctx.clock.now().getTime() ? a : null;
    return {
      operator: ctx.session.operator,
      setupRequired: countOperators(ctx.db) === 0,
      operators: listOperators(ctx.db),
      approval: fresh ? { managerName: fresh.managerName, expiresAt: new Date(fresh.expiresAt).toISOString() } : null,
      language: getSetting(ctx.db, 'ui.language'),
    };
  },

  'session.setup': (input, ctx) => {
    if (countOperators(ctx.db) > 0)
      fail('SETUP_DONE', 'Gli operatori sono già configurati: accedere con il proprio PIN', 'Operators already exist: log in with your PIN');
    const op = saveOperator(ctx.db, ctx.clock, { name: input.name, role: 'manager', pin: input.pin }, null);
    ctx.session.operator = op;
    return op;
  },

  'session.login': (input, ctx) => {
    checkLock(ctx);
    const op = authenticate(ctx.db, input.operator_id, input.pin);
    if (!op) wrongPin(ctx);
    ctx.session.operator = op;
    ctx.session.approval = null;
    ctx.session.failedLogins = 0;
    audit(ctx, 'session.login', op.id, op.id);
    return op;
  },

  'session.logout': (_, ctx) => {
    audit(ctx, 'session.logout', ctx.operator.id, ctx.operator.id);
    ctx.session.operator = null;
    ctx.session.approval = null;
    return {};
  },

  'session.approve': (input, ctx) => {
    checkLock(ctx);
    const manager = findManagerByPin(ctx.db, input.pin);
    if (!manager) wrongPin(ctx);
    ctx.session.failedLogins = 0;
    const expiresAt = ctx.clock.now().getTime() + APPROVAL_TTL_MS;
    ctx.session.approval = { managerId: manager.id, managerName: manager.name, expiresAt };
    return { managerName: manager.name, expiresAt: new Date(expiresAt).toISOString() };
  },

  'operators.list': (_, ctx) => ({ operators: listOperators(ctx.db, { includeInactive: true }) }),

  'operators.save': (input, ctx) => {
    const approver = ctx.requireManager('operators.save');
    return saveOperator(ctx.db, ctx.clock, { ...(input.id ? { id: input.id } : {}), name: input.name, role: input.role, ...(input.pin ? { pin: input.pin } : {}), active: input.active }, approver.id);
  },
};
