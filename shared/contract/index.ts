// THE contract between the till UI and its backend, merged once from the feature maps.
// Two transports implement the same generic call(name, arg): the Electron preload
// (ipcRenderer.invoke('bancone:call', name, arg) → main → createDispatcher) and the HTTP bridge
// (POST /api/call, backend/bridge). The renderer's api/ picks one at start.
//
// Adding a feature (e.g. end of day):
//   1. shared/contract/<feature>.ts: `export const reportsContract = defineContract({
//        'reports.closeDay': mutation('manager', CloseDayInputSchema, z.custom<CloseDayResult>()), ... })`
//      — inputs are zod schemas (snake_case); outputs zod too (z.custom<T>() is fine for big read
//      models you already type elsewhere; the dispatcher then passes them through unchecked);
//      query() for reads, mutation() for writes (serialized); access 'public' | 'operator' | 'manager'.
//   2. add it to mergeContracts(...) below (one line; a name registered twice throws at start-up);
//   3. implement the handlers in backend/api/<feature>.ts (a HandlerMap of those names)
//      and add the map to mergeHandlers(...) in api/registry.ts (one line; the compiler flags a
//      method without handler).
import { mergeContracts, type CallResult, type HandlerOutputOf, type InputOf, type OutputOf, type ParsedInputOf } from './define.js';
import { sessionContract } from './session.js';
import { catalogContract } from './catalog.js';
import { saleContract } from './sale.js';
import { documentsContract } from './documents.js';
import { statusContract } from './status.js';
import { settingsContract } from './settings.js';
import { reportsContract } from './reports.js';
import { setupContract } from './setup.js';
import { trainingContract } from './training.js';
import { customersContract } from './customers.js';
import { invoicesContract } from './invoices.js';
import { printingContract } from './printing.js';
import { serverContract } from './server.js';

export const contract = mergeContracts(
  sessionContract,
  catalogContract,
  saleContract,
  documentsContract,
  statusContract,
  settingsContract,
  reportsContract,
  setupContract,
  trainingContract,
  customersContract,
  invoicesContract,
  printingContract,
  serverContract,
);

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type Input<K extends MethodName> = InputOf<Contract, K>;
export type Output<K extends MethodName> = OutputOf<Contract, K>;
export type ParsedInput<K extends MethodName> = ParsedInputOf<Contract, K>;
export type HandlerOutput<K extends MethodName> = HandlerOutputOf<Contract, K>;

/** The client side: one generic call, argument and result typed from the map. */
export interface BanconeApi {
  call<K extends MethodName>(name: K, arg: Input<K>): Promise<CallResult<Output<K>>>;
}

/** What the Electron preload exposes as window.bancone (untyped on the wire; checked in main). */
export interface BanconeWindowBridge {
  call(name: string, arg: unknown): Promise<CallResult<unknown>>;
  /** The backend's pushed events (shared/contract/channel.ts), until the returned function is called. */
  onEvent?(listener: (event: unknown) => void): () => void;
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

export { type CallResult, type Access, type MethodSpec } from './define.js';
