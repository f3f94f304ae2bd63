// Set-up step 5, the catalogue: done once it holds a product (imported or typed in); else skipped —
// a shop can sell by department alone.
import type { ReadableDb } from '../db/types.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

export function catalogueStepData(db: ReadableDb) {
  const r = db.prepare('SELECT count(*) AS n FROM products WHERE active = 1').get() as { n: number };
  return { products: r.n };
}

export function catalogueReady(db: ReadableDb): void {
  if (catalogueStepData(db).products === 0) fail('SETUP_NO_PRODUCTS', msg.setup.noProducts, 'catalogue');
}
