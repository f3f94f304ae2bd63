// A whole till for model-based runs, made thousands of times: the real renderer stores, the real
// dispatcher and a real SQLite ledger in memory. The ledger is cloned from a template built once
// (migrations, catalogue, operators), with cheap PIN hashes so a login costs microseconds, not the
// ~50 ms of the production scrypt cost — what is tested is the counter, not the key derivation.
import Database from 'better-sqlite3';
import type { WritableDb } from '../../backend/db/types.js';
import { openDatabase } from '../../backend/db/open.js';
import { createDispatcher, type Dispatcher } from '../../backend/api/index.js';
import { hashPin, saveOperator } from '../../backend/operators.js';
import { upsertProduct } from '../../backend/catalog/products.js';
import { setSetting } from '../../backend/settings.js';
import { fakeClock } from '../../shared/time.js';
import { createApi, setApi, type Api } from '../../renderer/src/api/client.js';
import { useApp } from '../../renderer/src/kit/app-store.js';
import { useSale } from '../../renderer/src/features/counter/sale-store.js';
import { usePayment } from '../../renderer/src/features/counter/payment-store.js';
import { useLogin } from '../../renderer/src/features/login/store.js';
import { useReturns } from '../../renderer/src/features/returns/store.js';
import { useHistory } from '../../renderer/src/features/history/store.js';
import { useCatalog } from '../../renderer/src/features/catalog/store.js';
import { useStatus } from '../../renderer/src/app/status-store.js';
import { fiscalShop } from '../fixtures/fiscal-shop.js';

/** The catalogue every run sells from: pieces, a weighed product, a product with no price. */
export const PRODUCTS = {
  LATTE: { sku: 'LATTE', barcode: '8001234567897', description: 'Latte intero 1 l', priceCents: 149, vatCode: '4' as const },
  PANE: { sku: 'PANE', barcode: '8000000000026', description: 'Pane di Città', priceCents: 350, vatCode: '4' as const },
  VINO: { sku: 'VINO', barcode: '8000000000019', description: 'Vino rosso Chianti', priceCents: 1290, vatCode: '22' as const },
  ACQUA: { sku: 'ACQUA', barcode: '8000000000033', description: 'Acqua frizzante 1,5 l', priceCents: 39, vatCode: '22' as const },
  MELE: { sku: 'MELE', barcode: '8000000000040', description: 'Mele Golden', priceCents: 249, vatCode: '4' as const, soldByWeight: true },
  FIORI: { sku: 'FIORI', barcode: '8000000000057', description: 'Mazzo di fiori', priceCents: 0, vatCode: '10' as const },
};
export type Sku = keyof typeof PRODUCTS;
export const PIECE_SKUS: Sku[] = ['LATTE', 'PANE', 'VINO', 'ACQUA'];
export const UNKNOWN_CODE = '8009999999991';
export const PINS = { Giulia: '1111', Marco: '9999', Sara: '2222' } as const;
export type OperatorName = keyof typeof PINS;

let template: Buffer | null = null;

function buildTemplate(): Buffer {
  const db = fiscalShop(openDatabase(':memory:'));
  const clock = fakeClock('2026-11-20T09:00:00Z');
  saveOperator(db, clock, { name: 'Giulia', role: 'cashier', pin: PINS.Giulia }, null);
  saveOperator(db, clock, { name: 'Sara', role: 'cashier', pin: PINS.Sara }, null);
  saveOperator(db, clock, { name: 'Marco', role: 'manager', pin: PINS.Marco }, null);
  for (const [name, pin] of Object.entries(PINS)) db.prepare('UPDATE operators SET pin_hash = ? WHERE name = ?').run(hashPin(pin, 16), name);
  const at = clock.now().toISOString();
  db.transaction(() => {
    for (const p of Object.values(PRODUCTS)) {
      upsertProduct(db, { sku: p.sku, description: p.description, priceCents: p.priceCents, vatCode: p.vatCode, soldByWeight: 'soldByWeight' in p, barcodes: [p.barcode], favourite: p.sku === 'LATTE' }, at);
    }
  })();
  setSetting(db, 'sale.cashRounding', true, clock.now());
  const image = db.serialize();
  db.close();
  return image;
}

export interface World {
  db: WritableDb;
  clock: ReturnType<typeof fakeClock>;
  dispatcher: Dispatcher;
  api: Api;
  /** Every contract call made by the UI, in order. */
  calls: string[];
  close(): void;
}

/** Fresh stores over a fresh copy of the template ledger. */
export function newWorld(): World {
  template ??= buildTemplate();
  for (const s of [useApp, useSale, usePayment, useLogin, useReturns, useHistory, useCatalog, useStatus] as const) {
    (s as { setState(v: unknown, replace: true): void; getInitialState(): unknown }).setState(s.getInitialState(), true);
  }
  const db = new Database(template) as unknown as WritableDb;
  db.pragma('foreign_keys = ON');
  const clock = fakeClock('2026-11-20T09:00:00Z');
  const dispatcher = createDispatcher({ db, clock });
  const calls: string[] = [];
  const api = createApi({ kind: 'direct', call: (name, arg) => { calls.push(name); return dispatcher.call(name, arg, { id: 'till' }); } });
  api.setApprovalPrompt((reason) => useApp.getState().requestApproval(reason as never));
  setApi(api);
  return { db, clock, dispatcher, api, calls, close: () => db.close() };
}
