// The till's screens over a sync test's ledger: the renderer's api talks to the real dispatcher on
// the same database the engine works on, with the same sync port the till wires (backend/sync/port.ts),
// so a DOM test reads what the cashier would read while the sync does its job.
import { createApi, setApi } from '../../../renderer/src/api/client.js';
import { createDispatcher } from '../../../backend/api/index.js';
import { createSyncPort } from '../../../backend/sync/port.js';
import { saveOperator } from '../../../backend/operators.js';
import { useStatus } from '../../../renderer/src/app/status-store.js';
import { useHistory } from '../../../renderer/src/features/history/store.js';
import { useApp } from '../../../renderer/src/kit/app-store.js';
import type { Harness } from './harness.js';

export interface Screen {
  /** Logs the api's session in as the manager (Marco, PIN 9999). */
  loginManager(): Promise<void>;
  calls: string[];
}

export function screenOver(h: Harness): Screen {
  useStatus.setState(useStatus.getInitialState(), true);
  useHistory.setState(useHistory.getInitialState(), true);
  useApp.setState(useApp.getInitialState(), true);
  const manager = saveOperator(h.ledger.db, h.clock, { name: 'Marco', role: 'manager', pin: '9999' }, null);
  const dispatcher = createDispatcher({ db: h.ledger.db, clock: h.clock, sync: createSyncPort(h.ledger.db, h.clock, () => {}) });
  const calls: string[] = [];
  const api = createApi({ kind: 'direct', call: (name, arg) => { calls.push(name); return dispatcher.call(name, arg, { id: 'screen' }); } });
  api.setApprovalPrompt((reason) => useApp.getState().requestApproval(reason));
  setApi(api);
  return {
    calls,
    async loginManager() {
      const r = await dispatcher.call('session.login', { operator_id: manager.id, pin: '9999' }, { id: 'screen' });
      if (!r.ok) throw new Error(r.error.message);
    },
  };
}
