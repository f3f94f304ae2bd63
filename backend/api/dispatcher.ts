// One entry point for both transports (Electron IPC 'bancone:call' and the HTTP bridge):
// look the method up in the contract, parse the input with its zod schema, check who may call it,
// run writes one at a time, parse the output, and answer with a value or an error value.
// A call that needs a manager and has none is refused with MANAGER_REQUIRED and an approval request
// bound to that call (method + input digest) listing the reasons; the manager's PIN
// (session.approve) grants that request, and only the identical call can use it, once.
import { createHash, randomUUID } from 'node:crypto';
import { contract, type MethodName } from '../../shared/contract/index.js';
import type { CallResult, MethodSpec } from '../../shared/contract/define.js';
import { BanconeError, fail, toErrorInfo, type ApprovalReason } from '../../shared/errors.js';
import { parseInput, zodToError } from '../../shared/validation.js';
import { appendAudit, canonicalJson } from '../ledger/audit.js';
import { getOperator, type Operator } from '../operators.js';
import { APPROVAL_REQUEST_TTL_MS, MAX_APPROVAL_REQUESTS, type ApprovalBinding, type ApprovalRequest, type Handler, type HandlerContext, type HandlerDeps, type PinAttempts, type SessionData } from './context.js';
import { methodReason } from '../policies.js';
import { allHandlers, type Handlers } from './registry.js';
import { msg } from '../../shared/messages/index.js';
import { diskFullError } from '../db/disk-full.js';

export interface SessionRef {
  /** Stable per UI session: the Electron window, or the browser tab (bridge). */
  id: string;
}

export interface Dispatcher {
  call(name: string, arg: unknown, session?: SessionRef): Promise<CallResult<unknown>>;
  /** Sessions currently known (for tests and diagnostics). */
  sessionCount(): number;
}

export interface DispatcherOptions {
  /** Handlers to serve (tests may pass a superset); default: every handler of the contract. */
  handlers?: Record<string, Handler<MethodName>>;
  /** Reports unexpected (non-BanconeError) failures, e.g. to the log. */
  onInternalError?: (name: string, error: unknown) => void;
}

const DEFAULT_SESSION: SessionRef = { id: 'local' };

/**
 * Sessions kept at once. The bridge takes the session id from the page (one per tab), so a client
 * making one up per request would otherwise grow the map without end. A till has a few windows;
 * past the cap a session nobody is logged into goes first (its tab only shows the login again),
 * then the one used longest ago. Wrong-PIN counts are per target (pinAttempts), not per session,
 * so dropping a session buys no guesses.
 */
export const MAX_SESSIONS = 64;

/** What binds an approval to one call: the parsed input (defaults applied), keys sorted. */
function inputDigest(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input ?? null)).digest('hex');
}

const sameReason = (a: ApprovalReason, b: ApprovalReason) => a.code === b.code && a.message === b.message;

/**
 * The granted approval for exactly this call: same method, same input, still fresh, and every
 * reason the call has now was shown to the manager (if the catalog changed the price meanwhile,
 * the manager has not approved the new figures).
 */
function findGranted(session: SessionData, method: string, digest: string, reasons: readonly ApprovalReason[], now: number): ApprovalRequest | null {
  for (const r of session.approvals.values()) {
    if (r.method !== method || r.digest !== digest || !r.granted || r.granted.until <= now) continue;
    if (reasons.every((x) => r.reasons.some((y) => sameReason(x, y)))) return r;
  }
  return null;
}

/** A new request for this refused call (replacing an unapproved one for the same call); old and extra ones go. */
function openRequest(session: SessionData, method: string, digest: string, reasons: ApprovalReason[], now: number, grantTtlMs?: number): ApprovalRequest {
  for (const [id, r] of session.approvals) {
    const dead = r.granted ? r.granted.until <= now : r.expiresAt <= now;
    if (dead || (!r.granted && r.method === method && r.digest === digest)) session.approvals.delete(id);
  }
  while (session.approvals.size >= MAX_APPROVAL_REQUESTS) session.approvals.delete(session.approvals.keys().next().value!);
  const request: ApprovalRequest = { id: randomUUID(), method, digest, reasons, expiresAt: now + APPROVAL_REQUEST_TTL_MS, granted: null, ...(grantTtlMs ? { grantTtlMs } : {}) };
  session.approvals.set(request.id, request);
  return request;
}

export function createDispatcher(deps: HandlerDeps, opts: DispatcherOptions = {}): Dispatcher {
  const handlers = (opts.handlers ?? allHandlers) as Record<string, Handler<MethodName>>;
  const specs = contract as unknown as Record<string, MethodSpec>;
  for (const name of Object.keys(specs)) if (!handlers[name]) throw new Error(`No handler for contract method ${name}`);
  for (const name of Object.keys(handlers)) if (!specs[name]) throw new Error(`Handler without contract method: ${name}`);

  const sessions = new Map<string, SessionData>();
  const pinAttempts = new Map<string, PinAttempts>();
  let writeChain: Promise<unknown> = Promise.resolve();

  function sessionFor(ref: SessionRef): SessionData {
    let s = sessions.get(ref.id);
    if (s) sessions.delete(ref.id); // re-inserted below: the map's order is the order of last use
    else {
      if (sessions.size >= MAX_SESSIONS) {
        let victim: string | undefined;
        for (const [id, other] of sessions) if (!other.operator) { victim = id; break; }
        sessions.delete(victim ?? sessions.keys().next().value!);
      }
      s = { id: ref.id, operator: null, approvals: new Map(), failedLogins: 0, lockedUntil: 0 };
    }
    sessions.set(ref.id, s);
    // The operator may have been deactivated or demoted since login.
    if (s.operator) {
      const fresh = getOperator(deps.db, s.operator.id);
      s.operator = fresh && fresh.active ? fresh : null;
    }
    return s;
  }

  async function run(name: string, spec: MethodSpec, handler: Handler<MethodName>, arg: unknown, ref: SessionRef): Promise<CallResult<unknown>> {
    const session = sessionFor(ref);
    let input: unknown;
    let approvalUsed: Operator | null = null;
    let approvalTaken: ApprovalRequest | null = null;
    const operatorAtStart = session.operator?.id;
    /** The action failed: the approval it took is there again for the retry (same window, same operator). */
    const giveBackApproval = () => {
      if (approvalTaken && session.operator?.id === operatorAtStart) session.approvals.set(approvalTaken.id, approvalTaken);
    };
    let approver: Operator | null = null;
    const requireManager = (why: string | ApprovalReason | readonly ApprovalReason[], binding: ApprovalBinding = {}): Operator => {
      if (approver) return approver;
      const method = binding.method ?? name;
      const op = session.operator;
      if (!op) return fail('NOT_LOGGED_IN', msg.session.notLoggedIn);
      if (op.role === 'manager') return (approver = op);
      const reasons = typeof why === 'string' ? [methodReason(deps.db, why, input)] : Array.isArray(why) ? [...(why as readonly ApprovalReason[])] : [why as ApprovalReason];
      const now = deps.clock.now().getTime();
      // Only calls that need a manager pay for the digest (≈0,1 ms for a 30-line sale).
      const digest = inputDigest(binding.bindTo === undefined ? input : binding.bindTo);
      const granted = findGranted(session, method, digest, reasons, now);
      if (granted) {
        const m = getOperator(deps.db, granted.granted!.managerId);
        if (m && m.active && m.role === 'manager' && binding.consume === false) return m;
        if (m && m.active && m.role === 'manager') {
          // Taken now, not when the call ends: a concurrent identical call (reads are not serialized) must not use it too.
          session.approvals.delete(granted.id);
          approvalTaken = granted;
          approvalUsed = m;
          return (approver = m);
        }
      }
      const request = openRequest(session, method, digest, reasons, now, binding.grantTtlMs);
      throw new BanconeError('MANAGER_REQUIRED', msg.session.managerRequired, undefined, {
        approval: { requestId: request.id, method, reasons: request.reasons, expiresAt: new Date(request.expiresAt).toISOString() },
      });
    };
    const ctx: HandlerContext = {
      ...deps,
      session,
      pinAttempts,
      get operator(): Operator {
        return session.operator ?? fail('NOT_LOGGED_IN', msg.session.notLoggedIn);
      },
      requireManager,
    };
    try {
      input = parseInput(spec.input, arg);
      if (spec.access !== 'public' && !session.operator) fail('NOT_LOGGED_IN', msg.session.notLoggedIn);
      if (spec.access === 'manager') requireManager(name);
      const raw = await handler(input as never, ctx);
      const out = spec.output.safeParse(raw);
      if (!out.success) {
        // The backend broke its own contract: a bug, reported as such with the field at fault.
        const e = zodToError(out.error, 'OUTPUT_INVALID');
        opts.onInternalError?.(name, e);
        giveBackApproval();
        const words = msg.common.internalIn({ method: name, detail: e.words });
        return { ok: false, error: { ...e.toJSON(), message: words.it, message_en: words.en } };
      }
      const used = approvalUsed as Operator | null;
      const taken = approvalTaken as ApprovalRequest | null;
      if (used && taken && session.operator) {
        // Who approved what, for whom, and (when the action made one) which document.
        const entityId = typeof (out.data as { id?: unknown } | null)?.id === 'string' ? (out.data as { id: string }).id : null;
        appendAudit(deps.db, {
          at: deps.clock.now().toISOString(), actor: used.id, action: 'manager.approval', entityId,
          payload: { method: name, operatorId: session.operator.id, requestId: taken.id, reasons: taken.reasons.map((r) => ({ code: r.code, message: r.message })) },
        });
      }
      return { ok: true, value: out.data };
    } catch (caught) {
      giveBackApproval();
      const e = diskFullError(caught, deps.db.name) ?? caught;
      if (!(e instanceof BanconeError)) opts.onInternalError?.(name, e);
      return { ok: false, error: toErrorInfo(e) };
    }
  }

  return {
    call(name, arg, ref = DEFAULT_SESSION) {
      const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
      const handler = spec ? handlers[name] : undefined;
      if (!spec || !handler) {
        return Promise.resolve({ ok: false, error: toErrorInfo(new BanconeError('UNKNOWN_METHOD', msg.session.unknownMethod({ name: String(name).slice(0, 80) }), 'name')) });
      }
      if (!spec.write) return run(name, spec, handler, arg, ref);
      // Writes are serialized: each starts when the previous one has settled.
      const result = writeChain.then(() => run(name, spec, handler, arg, ref));
      writeChain = result.catch(() => undefined);
      return result;
    },
    sessionCount: () => sessions.size,
  };
}

export type { Handlers };
