// What a chaos till rings (also the server benches' tills): one document at a time, its kind and
// contents drawn from (seed, till, its number), so a till restarted on its folder redraws the same.
// Sales of 1–5 lines (the catalogue's products when it has some, else free lines), cash or card;
// returns of part of a recent sale's line; voids of a sale with nothing after it. Through the
// ledger's own API, as the CLI calls it (commitSale, recordReturn, recordVoid).
import type { WritableDb } from '../../backend/db/types.js';
import { commitSale, recordReturn, recordVoid, returnedQuantities } from '../../backend/ledger/index.js';
import { seededRandom } from '../../emulators/openapi/index.js';
import { CASH_DENOMINATIONS_CENTS } from '../../shared/contract/reports.js';
import type { Clock } from '../../shared/time.js';

const VAT = ['4', '10', '22'] as const;

/** The catalogue the till has pulled from the server (active products with a barcode). */
function products(db: WritableDb): { barcode: string; priceCents: number }[] {
  return db.prepare(`SELECT b.barcode, p.price_cents AS priceCents FROM products p JOIN barcodes b ON b.product_id = p.id
    WHERE p.active = 1 ORDER BY b.barcode`).all() as { barcode: string; priceCents: number }[];
}

/** One document, its kind and contents drawn from (seed, till, its number): a restart redraws the same. */
export function ringOne(db: WritableDb, clock: Clock, cfg: { seed: number; index: number }, n: number): void {
  const rnd = seededRandom((cfg.seed * 7919 + cfg.index * 104_729 + n * 15_485_863) >>> 0);
  const r = rnd();
  if (r < 0.12) {
    // A void of a sale with nothing after it (no return, no void).
    const open = db.prepare(`SELECT id FROM documents d WHERE kind = 'sale'
      AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.parent_id = d.id) ORDER BY seq DESC LIMIT 20`).all() as { id: string }[];
    if (open.length > 0) {
      recordVoid(db, clock, { sale: open[Math.floor(rnd() * open.length)]!.id, reason: 'errore di battitura' }, { source: 'cli', printReceipt: false });
      return;
    }
  } else if (r < 0.27) {
    // A return of part of a line of a recent sale that was not voided.
    const sales = db.prepare(`SELECT id FROM documents d WHERE kind = 'sale'
      AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.parent_id = d.id AND c.kind = 'void') ORDER BY seq DESC LIMIT 30`).all() as { id: string }[];
    for (let tries = 0; tries < 3 && sales.length > 0; tries++) {
      const sale = sales[Math.floor(rnd() * sales.length)]!.id;
      const lines = db.prepare('SELECT line_no AS lineNo, quantity_milli AS q FROM document_lines WHERE document_id = ? ORDER BY line_no').all(sale) as { lineNo: number; q: number }[];
      const returned = returnedQuantities(db, sale);
      const line = lines.find((l) => l.q - (returned.get(l.lineNo) ?? 0) >= 1000);
      if (!line) continue;
      recordReturn(db, clock, { sale, lines: [{ line_no: line.lineNo, quantity: 1 }], refund_method: rnd() < 0.5 ? 'cash' : 'electronic', reason: 'difettoso' },
        { source: 'cli', printReceipt: false });
      return;
    }
  }
  // A sale: 1–5 lines, from the catalogue when it has products, else free lines; cash or card.
  const catalogue = products(db);
  const lineCount = 1 + Math.floor(rnd() * 5);
  let total = 0;
  const lines = Array.from({ length: lineCount }, (_, i) => {
    const qty = 1 + Math.floor(rnd() * 3);
    const useCatalogue = catalogue.length > 0 && rnd() < 0.6;
    if (useCatalogue) {
      const p = catalogue[Math.floor(rnd() * catalogue.length)]!;
      total += p.priceCents * qty;
      return { barcode: p.barcode, quantity: qty };
    }
    const price = 50 + Math.floor(rnd() * 4950);
    total += price * qty;
    return { description: `Articolo ${i + 1}`, unit_price_cents: price, vat_code: VAT[Math.floor(rnd() * VAT.length)]!, quantity: qty };
  });
  const card = rnd() < 0.4;
  // Card: the exact amount. Cash: rounded up to the next 10 € note (the change is the ledger's).
  const payments = card ? [{ method: 'electronic' as const, amount_cents: total }] : [{ method: 'cash' as const, amount_cents: Math.ceil((total + 1) / 1000) * 1000 }];
  commitSale(db, clock, { lines, payments }, { source: 'cli', printReceipt: false });
}

/** The drawer counted as expected, in notes and coins (greedy). */
export function countOf(cents: number): Record<string, number> {
  const out: Record<string, number> = {};
  let left = Math.max(0, cents);
  for (const d of [...CASH_DENOMINATIONS_CENTS].sort((a, b) => b - a)) {
    const n = Math.floor(left / d);
    if (n > 0) { out[String(d)] = n; left -= n * d; }
  }
  return out;
}

