// A till backend in memory: migrated database, fake clock, two operators, a few products.
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { fakeClock } from '../../../shared/time.js';
import { saveOperator } from '../../../backend/operators.js';
import { upsertProduct } from '../../../backend/catalog/products.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../../../backend/api/index.js';
import type { HandlerDeps } from '../../../backend/api/context.js';
import type { Input, MethodName, Output } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

export interface Backend {
  db: WritableDb;
  clock: ReturnType<typeof fakeClock>;
  dispatcher: Dispatcher;
  cashierId: string;
  managerId: string;
  /** Calls and unwraps a success; throws with the error info otherwise. */
  ok<K extends MethodName>(name: K, arg: Input<K>, session?: string): Promise<Output<K>>;
  /** Calls and returns the error (fails the test if the call succeeded). */
  err<K extends MethodName>(name: K, arg: unknown, session?: string): Promise<ErrorInfo>;
  /** A manager types the PIN (default Marco's) for the approval request a MANAGER_REQUIRED error carries. */
  approve(refused: ErrorInfo, session?: string, pin?: string): Promise<Output<'session.approve'>>;
  /** The counter's round trip: the call is refused with MANAGER_REQUIRED, the manager approves that request, the same call is made again. */
  withApproval<K extends MethodName>(name: K, arg: Input<K>, session?: string): Promise<Output<K>>;
}

/** shop 'training': a new install, not set up (training mode, issue #12); the default is a set-up, fiscal shop. */
export function makeBackend(extra: Partial<HandlerDeps> = {}, opts: DispatcherOptions = {}, shop: 'fiscal' | 'training' = 'fiscal'): Backend {
  const db = openDatabase(':memory:');
  if (shop === 'fiscal') fiscalShop(db);
  const clock = fakeClock('2026-11-21T10:00:00Z');
  const cashier = saveOperator(db, clock, { name: 'Giulia', role: 'cashier', pin: '1111' }, null);
  const manager = saveOperator(db, clock, { name: 'Marco', role: 'manager', pin: '9999' }, null);
  const at = clock.now().toISOString();
  db.transaction(() => {
    upsertProduct(db, { sku: 'LATTE', description: 'Latte intero 1 l', priceCents: 149, vatCode: '4', barcodes: ['8001234567890'], favourite: true }, at);
    upsertProduct(db, { sku: 'PANE', description: 'Pane di Città', priceCents: 350, vatCode: '4', barcodes: ['2000000000015'] }, at);
    upsertProduct(db, { sku: 'VINO', description: 'Vino rosso Chianti', priceCents: 1290, vatCode: '22', barcodes: ['8000000000019'] }, at);
    upsertProduct(db, { sku: 'MELE', description: 'Mele Golden', priceCents: 249, vatCode: '4', soldByWeight: true, barcodes: ['2100000000014'] }, at);
  })();
  const dispatcher = createDispatcher({ db, clock, ...extra }, opts);
  const call = (name: string, arg: unknown, session = 's1') => dispatcher.call(name, arg, { id: session });
  const backend: Backend = {
    db,
    clock,
    dispatcher,
    cashierId: cashier.id,
    managerId: manager.id,
    async ok(name, arg, session) {
      const r = await call(name, arg, session);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async err(name, arg, session) {
      const r = await call(name, arg, session);
      if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
      return r.error;
    },
    async approve(refused, session, pin = '9999') {
      if (refused.code !== 'MANAGER_REQUIRED' || !refused.approval) throw new Error(`not an approval request: ${refused.code} ${refused.message}`);
      const r = await call('session.approve', { pin, request_id: refused.approval.requestId }, session);
      if (!r.ok) throw new Error(`session.approve failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async withApproval(name, arg, session) {
      const first = await call(name, arg, session);
      if (first.ok) throw new Error(`${name} did not ask for a manager`);
      await backend.approve(first.error, session);
      return backend.ok(name, arg, session);
    },
  };
  return backend;
}

export async function loginCashier(b: Backend, session = 's1'): Promise<void> {
  await b.ok('session.login', { operator_id: b.cashierId, pin: '1111' }, session);
}

export async function loginManager(b: Backend, session = 's1'): Promise<void> {
  await b.ok('session.login', { operator_id: b.managerId, pin: '9999' }, session);
}
