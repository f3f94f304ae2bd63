// Stores are tested against the real backend in memory: the api's transport calls the dispatcher
// directly, so a store test exercises the same contract the browser uses.
import { createApi, setApi, type Api } from '../../../renderer/src/api/client.js';
import { makeBackend, type Backend } from '../contract/helpers.js';
import { useApp, type ApprovalRequest } from '../../../renderer/src/kit/app-store.js';
import { useSale } from '../../../renderer/src/features/counter/sale-store.js';
import { usePayment } from '../../../renderer/src/features/counter/payment-store.js';
import { useLogin } from '../../../renderer/src/features/login/store.js';
import { useReturns } from '../../../renderer/src/features/returns/store.js';
import { useHistory } from '../../../renderer/src/features/history/store.js';
import { useStatus } from '../../../renderer/src/app/status-store.js';
import { useSetup } from '../../../renderer/src/features/setup/store.js';
import type { HandlerDeps } from '../../../backend/api/context.js';

export interface StoreWorld {
  backend: Backend;
  api: Api;
  calls: string[];
}

/** Fresh stores (zustand's getInitialState) over a fresh in-memory till (`extra`: ports such as the set-up's). */
export function world(extra: Partial<HandlerDeps> = {}): StoreWorld {
  useApp.setState(useApp.getInitialState(), true);
  useSale.setState(useSale.getInitialState(), true);
  usePayment.setState(usePayment.getInitialState(), true);
  useLogin.setState(useLogin.getInitialState(), true);
  useReturns.setState(useReturns.getInitialState(), true);
  useHistory.setState(useHistory.getInitialState(), true);
  useStatus.setState(useStatus.getInitialState(), true);
  useSetup.setState(useSetup.getInitialState(), true);
  const backend = makeBackend(extra);
  const calls: string[] = [];
  const api = createApi({
    kind: 'direct',
    call: (name, arg) => {
      calls.push(name);
      return backend.dispatcher.call(name, arg, { id: 'renderer-test' });
    },
  });
  api.setApprovalPrompt((reason) => useApp.getState().requestApproval(reason));
  setApi(api);
  return { backend, api, calls };
}

export async function loginAs(w: StoreWorld, who: 'cashier' | 'manager'): Promise<void> {
  await useLogin.getState().refresh();
  useLogin.getState().select(who === 'cashier' ? w.backend.cashierId : w.backend.managerId);
  for (const d of who === 'cashier' ? '1111' : '9999') useLogin.getState().typeDigit(d);
  if (!(await useLogin.getState().login())) throw new Error('login failed');
}

/** Resolves once the approval dialog is open (the store asked for a manager), with what it shows: the method and the reasons. */
export async function approvalAsked(): Promise<ApprovalRequest> {
  for (let i = 0; i < 200; i++) {
    const a = useApp.getState().approval;
    if (a) return a;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('no approval requested');
}
