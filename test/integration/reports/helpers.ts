// Shared set-up for the end-of-day tests: an in-memory ledger, a fake clock in Europe/Rome time and
// short-hands that commit documents through the real ledger.
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, recordReturn, recordVoid } from '../../../backend/ledger/index.js';
import { setSetting } from '../../../backend/settings.js';
import { fakeClock } from '../../../shared/time.js';
import { BanconeError } from '../../../shared/errors.js';
import type { SaleRequest } from '../../../shared/schemas/documents.js';
import type { VatCode } from '../../../shared/vat.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

export function setup(start = '2026-11-21T08:00:00Z') {
  const db = fiscalShop(openDatabase(':memory:'));
  const clock = fakeClock(start);
  setSetting(db, 'shop.name', 'Bottega della Città', clock.now());
  setSetting(db, 'shop.address', 'Via Roma 1\n00100 Roma (RM)', clock.now());
  setSetting(db, 'shop.vatNumber', '01234567890', clock.now());
  return { db, clock };
}

export function sale(db: WritableDb, clock: { now(): Date }, req: Partial<SaleRequest> & Pick<SaleRequest, 'lines'>) {
  return commitSale(db, clock, { payments: [], ...req });
}

export const line = (cents: number, vat: VatCode, extra: { quantity?: number; discount_cents?: number; complimentary?: boolean } = {}) => ({
  description: `Articolo ${vat}`, unit_price_cents: cents, vat_code: vat, quantity: 1, ...extra,
});

/** Marks outbox rows as the sync process would. */
export function setFiscal(db: WritableDb, documentId: string, state: string, documentNumber: string | null = null, error: string | null = null) {
  db.prepare('UPDATE outbox SET state = ?, document_number = ?, last_error_message = ?, last_error_code = ? WHERE document_id = ?')
    .run(state, documentNumber, error, error ? 'API_ERROR' : null, documentId);
}

export { recordReturn, recordVoid };

/** The BanconeError a promise is refused with (fails the test if it is not refused with one). */
export async function rejection(p: Promise<unknown>): Promise<BanconeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BanconeError) return e;
    throw e;
  }
  throw new Error('expected a BanconeError');
}
