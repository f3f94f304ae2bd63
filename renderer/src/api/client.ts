// The client side of the contract: one generic call whose argument and result types come from the
// contract map. When the backend answers MANAGER_REQUIRED, the client shows the manager what the
// backend asks approval for (the app's approval dialog: the reasons, and the PIN, which approves
// that request only) and retries the identical call once, so no screen has to handle that case itself.
import type { CallResult, Input, MethodName, Output } from '../../../shared/contract/index.js';
import type { ApprovalRequestInfo, ErrorInfo } from '../../../shared/errors.js';
import type { EventListener, Transport } from './transport.js';

/**
 * Asks a manager to approve `request` (session.approve with its requestId); resolves true once
 * approved, false if given up.
 */
export type ApprovalPrompt = (request: ApprovalRequestInfo) => Promise<boolean>;

export interface Api {
  readonly transport: Transport;
  call<K extends MethodName>(name: K, arg: Input<K>): Promise<CallResult<Output<K>>>;
  /** Like call, but asks for a manager PIN and retries when the backend requires one. */
  callWithApproval<K extends MethodName>(name: K, arg: Input<K>): Promise<CallResult<Output<K>>>;
  setApprovalPrompt(prompt: ApprovalPrompt | null): void;
  /**
   * What the backend pushes: what changed (ask again for what you show) and the channel going down
   * or coming back. Returns the unsubscribe function. A transport without events never calls it.
   */
  onEvent(listener: EventListener): () => void;
}

export function createApi(transport: Transport): Api {
  let prompt: ApprovalPrompt | null = null;
  const api: Api = {
    transport,
    call: (name, arg) => transport.call(name, arg) as never,
    async callWithApproval(name, arg) {
      const first = await api.call(name, arg);
      if (first.ok || first.error.code !== 'MANAGER_REQUIRED' || !first.error.approval || !prompt) return first;
      const approved = await prompt(first.error.approval);
      if (!approved) return first;
      // The very same argument: the approval is bound to this call's input.
      return api.call(name, arg);
    },
    setApprovalPrompt(p) {
      prompt = p;
    },
    onEvent: (listener) => transport.onEvent?.(listener) ?? (() => undefined),
  };
  return api;
}

let current: Api | null = null;

/** The app's api, set once at start (tests set their own). */
export function getApi(): Api {
  if (!current) throw new Error('api not initialised');
  return current;
}

export function setApi(api: Api): void {
  current = api;
}

export type { ApprovalRequestInfo, ErrorInfo };
export type { BackendEvent, ChangeTopic } from '../../../shared/contract/channel.js';
