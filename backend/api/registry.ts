// Handler maps, one per feature, merged once; a method implemented twice throws at start-up.
// A new feature adds its map here in one line (its contract map goes in shared/contract/index.ts).
import type { MethodName } from '../../shared/contract/index.js';
import type { HandlerMap } from './context.js';
import { sessionHandlers } from './session.js';
import { catalogHandlers } from './catalog.js';
import { saleHandlers } from './sale.js';
import { documentHandlers } from './documents.js';
import { statusHandlers } from './status.js';
import { settingsHandlers } from './settings.js';
import { reportHandlers } from './reports.js';
import { setupHandlers } from './setup.js';
import { trainingHandlers } from './training.js';
import { customerHandlers } from './customers.js';
import { invoiceHandlers } from './invoices.js';
import { printingHandlers } from './printing.js';
import { departmentHandlers } from './departments.js';
import { serverHandlers } from './server.js';

export type Handlers = HandlerMap<MethodName>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export function mergeHandlers<const T extends object[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: Record<string, unknown> = {};
  for (const m of maps) {
    for (const [name, h] of Object.entries(m)) {
      if (Object.hasOwn(out, name)) throw new Error(`Handler registered twice: ${name}`);
      out[name] = h;
    }
  }
  return out as UnionToIntersection<T[number]>;
}

// Typed as the full map: the compiler flags a contract method without a handler.
export const allHandlers: Handlers = mergeHandlers(
  sessionHandlers,
  catalogHandlers,
  saleHandlers,
  documentHandlers,
  statusHandlers,
  settingsHandlers,
  reportHandlers,
  setupHandlers,
  trainingHandlers,
  customerHandlers,
  invoiceHandlers,
  printingHandlers,
  departmentHandlers,
  serverHandlers,
);
