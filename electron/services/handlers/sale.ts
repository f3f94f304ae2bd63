// Ringing up: commit (with the manager policies of ../policies.ts and the offline policy) and parking.
import { randomUUID } from 'node:crypto';
import type { HandlerContext, HandlerMap } from './context.js';
import { commitSale } from '../ledger/index.js';
import { policySale, salePolicy, saleReasons } from '../policies.js';
import { getSetting } from '../settings.js';
import { fail } from '../../../shared/errors.js';
import { previewCart } from '../../../shared/contract/cart.js';
import { ParkedCartSchema, type ParkedCart } from '../../../shared/contract/sale.js';
import { parseInput } from '../../../shared/validation.js';

type SaleMethods = 'sale.commit' | 'sale.park' | 'sale.parked' | 'sale.resume' | 'sale.discardParked';

type ParkedRow = { id: string; label: string; operator_name: string | null; total_cents: number; line_count: number; created_at: string; cart: string };

function summary(r: ParkedRow) {
  return { id: r.id, label: r.label, operatorName: r.operator_name, totalCents: r.total_cents, lineCount: r.line_count, createdAt: r.created_at };
}

const PARKED_SELECT = `SELECT s.*, o.name AS operator_name FROM parked_sales s LEFT JOIN operators o ON o.id = s.operator_id`;

function takeParked(ctx: HandlerContext, id: string): ParkedRow {
  const r = ctx.db.prepare(`${PARKED_SELECT} WHERE s.id = ?`).get(id) as ParkedRow | undefined;
  if (!r) fail('PARKED_NOT_FOUND', 'Vendita sospesa non trovata (già ripresa?)', 'Parked sale not found (already resumed?)', 'id');
  ctx.db.prepare('DELETE FROM parked_sales WHERE id = ?').run(id);
  return r;
}

export const saleHandlers: HandlerMap<SaleMethods> = {
  'sale.commit': (req, ctx) => {
    if (req.operator_id !== undefined && req.operator_id !== ctx.operator.id)
      fail('OPERATOR_MISMATCH', "L'operatore della vendita deve essere quello collegato", 'The sale operator must be the logged-in one', 'operator_id');
    // Every reason of this sale at once (price changes, omaggi, discounts, open prices…): one PIN for the sale.
    const reasons = saleReasons(salePolicy(ctx.db), policySale(ctx.db, req));
    if (reasons.length > 0) ctx.requireManager(reasons);
    if (getSetting(ctx.db, 'sale.offlinePolicy') === 'refuse' && ctx.sync?.status().online === false)
      fail('OFFLINE_REFUSED', 'Nessuna connessione: con le impostazioni attuali la vendita non è consentita offline. Controllare la rete e riprovare, o chiedere al responsabile di permettere le vendite offline in Impostazioni',
        'No connection: the current settings refuse sales while offline. Check the network and try again, or ask a manager to allow offline sales in Settings');
    const result = commitSale(ctx.db, ctx.clock, req, { operatorId: ctx.operator.id, source: 'till' });
    ctx.printing?.wake?.();
    ctx.sync?.wake?.();
    return result;
  },

  'sale.park': ({ cart, label }, ctx) => {
    const { totals } = previewCart(cart, false);
    const id = randomUUID();
    const at = ctx.clock.now().toISOString();
    const name = label && label !== '' ? label : cart.lines[0]!.description.slice(0, 40);
    ctx.db.prepare('INSERT INTO parked_sales (id, operator_id, label, cart, total_cents, line_count, created_at) VALUES (?,?,?,?,?,?,?)')
      .run(id, ctx.operator.id, name, JSON.stringify(cart), totals.totalCents, cart.lines.length, at);
    return summary(ctx.db.prepare(`${PARKED_SELECT} WHERE s.id = ?`).get(id) as ParkedRow);
  },

  'sale.parked': (_, ctx) => ({ parked: (ctx.db.prepare(`${PARKED_SELECT} ORDER BY s.created_at`).all() as ParkedRow[]).map(summary) }),

  'sale.resume': ({ id }, ctx) => {
    const r = ctx.db.transaction(() => takeParked(ctx, id)).immediate();
    const cart: ParkedCart = parseInput(ParkedCartSchema, JSON.parse(r.cart));
    return { cart };
  },

  'sale.discardParked': ({ id }, ctx) => {
    ctx.db.transaction(() => takeParked(ctx, id)).immediate();
    return {};
  },
};
