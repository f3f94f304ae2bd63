// Shared fixtures for the sync tests and the benchmark: a ledger on disk and varied documents made
// through the real ledger (commitSale / recordReturn / recordVoid), never written by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, recordReturn, recordVoid, getDocument } from '../../../backend/ledger/index.js';
import type { Clock } from '../../../shared/time.js';
import type { SaleRequest } from '../../../shared/schemas/documents.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

export const FISCAL_ID = '12345678901';
export const TOKEN = 'test-token-1';

export interface TempLedger {
  dir: string;
  file: string;
  db: WritableDb;
  cleanup(): void;
}

export function tempLedger(prefix = 'bancone-sync-'): TempLedger {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'bancone.db');
  const db = fiscalShop(openDatabase(file));
  return { dir, file, db, cleanup: () => { try { db.close(); } catch { /* already closed */ } rmSync(dir, { recursive: true, force: true }); } };
}

type Rand = () => number;
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/**
 * A sale request exercising one of the shapes the API edge must map: pieces and weighed goods,
 * line and sale discounts, omaggi, cash with change and rounding, card, meal vouchers, uncollected,
 * mixed payments, lottery code.
 */
export function saleRequest(r: Rand, i: number): SaleRequest {
  const lines: SaleRequest['lines'] = [];
  const n = int(r, 1, 4);
  for (let k = 0; k < n; k++) {
    const weighed = r() < 0.3;
    const price = int(r, 50, 4000);
    const qty = weighed ? int(r, 101, 2999) / 1000 : int(r, 1, 5);
    const omaggio = r() < 0.08;
    const gross = Math.round(qty * price);
    const discount = !omaggio && r() < 0.2 ? int(r, 1, Math.max(1, Math.floor(gross / 4))) : 0;
    lines.push({
      description: `${weighed ? 'Formaggio' : 'Articolo'} ${i}-${k}`,
      unit_price_cents: price,
      vat_code: pick(r, ['4', '10', '22', '22', '22', 'N4'] as const),
      quantity: qty,
      discount_cents: discount,
      complimentary: omaggio,
    });
  }
  const base = { lines, discount_cents: 0, lottery_code: null as string | null };
  // The total is only known after computeSale; pay with amounts that are always sufficient and
  // shaped per method, then let the ledger compute change.
  const approx = lines.reduce((a, l) => a + (l.complimentary ? 0 : Math.round((l.quantity ?? 1) * (l.unit_price_cents ?? 0)) - (l.discount_cents ?? 0)), 0);
  if (r() < 0.15 && approx > 200) base.discount_cents = int(r, 1, Math.floor(approx / 10));
  const total = approx - base.discount_cents;
  const shape = pick(r, ['cash', 'cash', 'cash', 'card', 'card', 'lottery', 'voucher', 'mixed', 'uncollected'] as const);
  let payments: SaleRequest['payments'];
  if (total <= 0) payments = [];
  else if (shape === 'cash') payments = [{ method: 'cash', amount_cents: Math.ceil((total + 3) / 500) * 500 }];
  else if (shape === 'card') payments = [{ method: 'electronic', amount_cents: total }];
  else if (shape === 'lottery' && total >= 100) { payments = [{ method: 'electronic', amount_cents: total }]; base.lottery_code = `ABCD${String(1000 + (i % 9000))}`; }
  else if (shape === 'voucher' && total > 800) payments = [{ method: 'meal_voucher', amount_cents: 800, count: 2 }, { method: 'cash', amount_cents: total - 800 + 100 }];
  else if (shape === 'mixed' && total > 300) payments = [{ method: 'electronic', amount_cents: 300 }, { method: 'cash', amount_cents: total }];
  else if (shape === 'uncollected') payments = [{ method: 'uncollected', amount_cents: total, kind: pick(r, ['goods', 'services'] as const) }];
  else payments = [{ method: 'electronic', amount_cents: total }];
  return { ...base, payments };
}

export function commitVariedSale(db: WritableDb, clock: Clock, r: Rand, i: number): string {
  return commitSale(db, clock, saleRequest(r, i), { source: 'cli' }).id;
}

/** Returns part of a sale (first line with something left, half of it or all). */
export function returnSome(db: WritableDb, clock: Clock, saleId: string, r: Rand): string | null {
  const sale = getDocument(db, saleId);
  const line = sale.lines.find((l) => !l.complimentary && l.amountCents > 0 && l.quantityMilli % 10 === 0) ?? sale.lines[0]!;
  const pieces = line.quantityMilli % 1000 === 0 ? line.quantityMilli / 1000 : null;
  const qty = pieces && pieces > 1 && r() < 0.5 ? Math.floor(pieces / 2) : line.quantityMilli / 1000;
  try {
    return recordReturn(db, clock, { sale: saleId, lines: [{ line_no: line.lineNo, quantity: qty }] }).id;
  } catch {
    return null;
  }
}

export function voidSale(db: WritableDb, clock: Clock, saleId: string): string | null {
  try {
    return recordVoid(db, clock, { sale: saleId }).id;
  } catch {
    return null;
  }
}
