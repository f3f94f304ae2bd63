// What a handler gets: the database, the clock, the calling session, and the ports through which
// the UI reaches the sync process and the printer (wired by `bancone serve` and by Electron's main;
// tests pass fakes). A port that is not wired degrades to what the database alone can tell.
import type { WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { Operator } from '../operators.js';
import type { MethodName, ParsedInput, HandlerOutput } from '../../shared/contract/index.js';
import type { ApiState, PrinterState, WaitingReceipt } from '../../shared/contract/status.js';
import type { SecretName } from '../../shared/contract/settings.js';
import type { ApprovalReason } from '../../shared/errors.js';
import type { KeyProvider } from '../secrets.js';
import type { FetchLike } from '../sync/openapi-client.js';
import type { Env } from '../config.js';

export interface SyncPort {
  /**
   * What the sync process last reported; null fields when unknown. The optional fields are the
   * Openapi reachability and stop shown by the status bar (sync/status.ts connectionView).
   */
  status(): {
    online: boolean | null; lastSuccessAt: string | null; problem: string | null; problemEn: string | null;
    api?: ApiState; apiCheckedAt?: string | null; stop?: 'auth' | 'config' | null; stopCode?: string | null; apiMessage?: string | null;
  };
  /** "Riprova": puts a failed document back in the queue. Returns its new outbox state. */
  retry(documentId: string, actorId: string | null): { state: string } | Promise<{ state: string }>;
  /** Nudges the sync loop after a commit so the document leaves at once. */
  wake?(): void;
}

export interface PrintingPort {
  status(): { state: PrinterState; message: string | null; messageEn: string | null; waitingReceipt?: WaitingReceipt | null };
  /** Queues a print job that is not a committed document's own receipt (reprint COPIA, test page). */
  enqueue(job: { kind: 'reprint' | 'test' | 'fiscal_number'; documentId: string | null }): string;
  /** Nudges the print queue after a commit. */
  wake?(): void;
  /** The drawer pulse alone, straight to the printer (set-up's drawer test); throws a PrinterError. */
  openDrawer?(): Promise<void>;
}

export interface SecretsPort {
  status(name: SecretName): { set: boolean; hint: string | null };
  set(name: SecretName, value: string, actorId: string | null): void | Promise<void>;
}

/** What the guided set-up needs beyond the database: the secrets key and the way to Openapi. */
export interface SetupPort {
  keys: KeyProvider;
  fetch: FetchLike;
  env: Env;
  /** Nudges the sync once the account changed. */
  wake?(): void;
  /** Per-request timeout towards Openapi (tests shorten it). */
  timeoutMs?: number;
}

export interface HandlerDeps {
  db: WritableDb;
  clock: Clock;
  sync?: SyncPort;
  printing?: PrintingPort;
  secrets?: SecretsPort;
  setup?: SetupPort;
}

/** A manager approval that is not used within this time is gone (the client retries at once). */
export const APPROVAL_TTL_MS = 2 * 60 * 1000;
/** How long a refused call waits for a manager to come to the till and approve it. */
export const APPROVAL_REQUEST_TTL_MS = 10 * 60 * 1000;
/** At most this many open requests per session (the oldest go first): a page cannot grow the map. */
export const MAX_APPROVAL_REQUESTS = 16;

/**
 * A manager-requiring call that was refused, bound to that one call: its method and a digest of its
 * parsed input, with the reasons shown to the manager. Granted by session.approve, used (and
 * removed) by the identical call.
 */
export interface ApprovalRequest {
  id: string;
  method: string;
  digest: string;
  reasons: ApprovalReason[];
  /** Until when it can be approved (ms). */
  expiresAt: number;
  granted: { managerId: string; managerName: string; until: number } | null;
  /** How long the approval lasts once granted (default APPROVAL_TTL_MS). */
  grantTtlMs?: number;
}

/**
 * What an approval is bound to, when not simply the call itself. A sale's PIN is asked when «Paga» is
 * pressed, before any money is taken (a card charged and then a refused PIN would leave the customer
 * charged for nothing): it is bound to the cart (`bindTo`), not to the payments, which come later;
 * `sale.authorize` asks for it (`consume: false`) and the commit of that same cart uses it.
 */
export interface ApprovalBinding {
  /** The method the approval is for (default: the method being called). */
  method?: string;
  /** What is digested (default: the call's parsed input). */
  bindTo?: unknown;
  /** Only check that it is granted; leave it for the call it is for (default true: used up). */
  consume?: boolean;
  /** Lifetime once granted. */
  grantTtlMs?: number;
}

/** Server-side state of one UI session (one Electron window, one browser tab). */
export interface SessionData {
  id: string;
  operator: Operator | null;
  /** Open and granted approval requests of this session, by id (insertion order = age). */
  approvals: Map<string, ApprovalRequest>;
  failedLogins: number;
  lockedUntil: number;
}

/** Wrong PINs against one target (an operator's login, or any manager's PIN at approval). */
export interface PinAttempts {
  failures: number;
  lockedUntil: number;
  /** Locks since the last right PIN: each lasts twice the one before. */
  locks?: number;
}

export interface HandlerContext extends HandlerDeps {
  session: SessionData;
  /**
   * Wrong-PIN counts shared by every session of this backend, keyed by what is being guessed: a new
   * session (free on the bridge) or one's own good login must not buy more guesses.
   */
  pinAttempts: Map<string, PinAttempts>;
  /** The logged-in operator (guaranteed for 'operator' and 'manager' methods). */
  operator: Operator;
  /**
   * The manager who authorises this action: the operator if a manager, else the manager who
   * approved exactly this call (same method, same input, these reasons), taken now and given back
   * only if the action fails. Otherwise throws MANAGER_REQUIRED carrying a new approval request
   * with the reasons, which makes the UI show them, ask for a manager PIN and retry the same call.
   * Pass every reason of the action at once; a string is a method name or a named rule
   * ('cash_out'), described by policies.methodReason.
   */
  requireManager(reasons: string | ApprovalReason | readonly ApprovalReason[], binding?: ApprovalBinding): Operator;
}

export type Handler<K extends MethodName> = (input: ParsedInput<K>, ctx: HandlerContext) => HandlerOutput<K> | Promise<HandlerOutput<K>>;
export type HandlerMap<K extends MethodName> = { [P in K]: Handler<P> };
