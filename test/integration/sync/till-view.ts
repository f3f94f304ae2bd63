// What the shop sees of a sync test's ledger: the real dispatcher over the same database, with a
// manager logged in, so a test reads the history and the status bar as the till shows them.
import { createDispatcher } from '../../../backend/api/index.js';
import type { SyncPort } from '../../../backend/api/context.js';
import { saveOperator } from '../../../backend/operators.js';
import type { WritableDb } from '../../../backend/db/types.js';
import type { Clock } from '../../../shared/time.js';
import type { Input, MethodName, Output } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';

export interface TillView {
  ok<K extends MethodName>(name: K, arg: Input<K>): Promise<Output<K>>;
  err<K extends MethodName>(name: K, arg: unknown): Promise<ErrorInfo>;
}

export async function tillView(db: WritableDb, clock: Clock, sync?: SyncPort): Promise<TillView> {
  const manager = saveOperator(db, clock, { name: 'Marco', role: 'manager', pin: '9999' }, null);
  const dispatcher = createDispatcher({ db, clock, ...(sync ? { sync } : {}) });
  const session = { id: 'sync-test' };
  const view: TillView = {
    async ok(name, arg) {
      const r = await dispatcher.call(name, arg, session);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async err(name, arg) {
      const r = await dispatcher.call(name, arg, session);
      if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
      return r.error;
    },
  };
  await view.ok('session.login', { operator_id: manager.id, pin: '9999' });
  return view;
}
