// One entry point for both transports (Electron IPC 'bancone:call' and the HTTP bridge):
// look the method up in the contract, parse the input with its zod schema, check who may call it,
// run writes one at a time, parse the output, and answer with a value or an error value.
import { contract, type MethodName } from '../../../shared/contract/index.js';
import type { CallResult, MethodSpec } from '../../../shared/contract/define.js';
import { BanconeError, fail, toErrorInfo } from '../../../shared/errors.js';
import { parseInput, zodToError } from '../../../shared/validation.js';
import { appendAudit } from '../ledger/audit.js';
import { getOperator, type Operator } from '../operators.js';
import type { ApprovalState, Handler, HandlerContext, HandlerDeps, PinAttempts, SessionData } from './context.js';
import { allHandlers, type Handlers } from './registry.js';

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
    if (!s) {
      s = { id: ref.id, operator: null, approval: null, failedLogins: 0, lockedUntil: 0 };
      sessions.set(ref.id, s);
    }
    // The operator may have been deactivated or demoted since login.
    if (s.operator) {
      const fresh = getOperator(deps.db, s.operator.id);
      s.operator = fresh && fresh.active ? fresh : null;
    }
    return s;
  }

  async function run(name: string, spec: MethodSpec, handler: Handler<MethodName>, arg: unknown, ref: SessionRef): Promise<CallResult<unknown>> {
    const session = sessionFor(ref);
    let approvalUsed: Operator | null = null;
    let approvalTaken: ApprovalState | null = null;
    const operatorAtStart = session.operator?.id;
    /** The action failed: the approval it took is still there for the retry (unless replaced meanwhile). */
    const giveBackApproval = () => {
      if (approvalTaken && session.approval === null && session.operator?.id === operatorAtStart) session.approval = approvalTaken;
    };
    let approver: Operator | null = null;
    const requireManager = (reason: string): Operator => {
      if (approver) return approver;
      const op = session.operator;
      if (!op) return fail('NOT_LOGGED_IN', 'Accedere con il proprio PIN', 'Log in with your PIN');
      if (op.role === 'manager') return (approver = op);
      const a = session.approval;
      if (a && a.expiresAt > deps.clock.now().getTime()) {
        const m = getOperator(deps.db, a.managerId);
        if (m && m.active && m.role === 'manager') {
          // Taken now, not when the call ends: a concurrent call (reads are not serialized) must not use it too.
          session.approval = null;
          approvalTaken = a;
          approvalUsed = m;
          return (approver = m);
        }
      }
      session.approval = null;
      return fail('MANAGER_REQUIRED', 'Serve il PIN di un responsabile per questa operazione', 'A manager PIN is required for this operation', reason);
    };
    const ctx: HandlerContext = {
      ...deps,
      session,
      pinAttempts,
      get operator(): Operator {
        return session.operator ?? fail('NOT_LOGGED_IN', 'Accedere con il proprio PIN', 'Log in with your PIN');
      },
      requireManager,
    };
    try {
      const input = parseInput(spec.input, arg);
      if (spec.access !== 'public' && !session.operator) fail('NOT_LOGGED_IN', 'Accedere con il proprio PIN', 'Log in with your PIN');
      if (spec.access === 'manager') requireManager(name);
      const raw = await handler(input as never, ctx);
      const out = spec.output.safeParse(raw);
      if (!out.success) {
        // The backend broke its own contract: a bug, reported as such with the field at fault.
        const e = zodToError(out.error, 'OUTPUT_INVALID');
        opts.onInternalError?.(name, e);
        giveBackApproval();
        return { ok: false, error: { ...e.toJSON(), message: `Errore interno (${name}): ${e.message}`, message_en: `Internal error (${name}): ${e.messageEn}` } };
      }
      const used = approvalUsed as Operator | null;
      if (used && session.operator) {
        appendAudit(deps.db, { at: deps.clock.now().toISOString(), actor: used.id, action: 'manager.approval', entityId: null, payload: { method: name, operatorId: session.operator.id } });
      }
      return { ok: true, value: out.data };
    } catch (e) {
      giveBackApproval();
      if (!(e instanceof BanconeError)) opts.onInternalError?.(name, e);
      return { ok: false, error: toErrorInfo(e) };
    }
  }

  return {
    call(name, arg, ref = DEFAULT_SESSION) {
      const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
      const handler = spec ? handlers[name] : undefined;
      if (!spec || !handler) {
        return Promise.resolve({ ok: false, error: toErrorInfo(new BanconeError('UNKNOWN_METHOD', `Metodo sconosciuto: ${String(name).slice(0, 80)}`, `Unknown method: ${String(name).slice(0, 80)}`, 'name')) });
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
