// Ringing up: commit (with the manager policies of ../policies.ts and the offline policy) and parking.
import { randomUUID } from 'node:crypto';
import type { HandlerContext, HandlerMap } from './context.js';
import { commitSale } from '../ledger/index.js';
import { policySale, salePolicy, saleReasons } from '../policies.js';
import { getSetting } from '../settings.js';
import { fail } from '../../shared/errors.js';
import { previewCart } from '../../shared/contract/cart.js';
import { ParkedCartSchema, type ParkedCart } from '../../shared/contract/sale.js';
import { parseInput } from '../../shared/validation.js';
import type { SaleRequestParsed } from '../../shared/schemas/documents.js';

type SaleMethods = 'sale.commit' | 'sale.authorize' | 'sale.park' | 'sale.parked' | 'sale.resume' | 'sale.discardParked';

/**
 * What a sale's manager approval is bound to: the cart (lines and sale discount), not the payments.
 * The PIN is asked when «Paga» is pressed (sale.authorize), before a card is charged; the commit of
 * that same cart, whatever the payments, then uses it. A cart changed afterwards needs a new PIN.
 */
function cartBinding(req: SaleRequestParsed): unknown {
  return { lines: req.lines, discount_cents: req.discount_cents };
}

/** A PIN asked at «Paga» must outlast a slow card payment. */
const SALE_APPROVAL_TTL_MS = 15 * 60 * 1000;

type ParkedRow = { id: string; label: string; operator_id: string | null; operator_name: string | null; auto: number; total_cents: number; line_count: number; created_at: string; cart: string };

function summary(r: ParkedRow) {
  return { id: r.id, label: r.label, operatorId: r.operator_id, operatorName: r.operator_name, auto: r.auto === 1, totalCents: r.total_cents, lineCount: r.line_count, createdAt: r.created_at };
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
    if (reasons.length > 0) ctx.requireManager(reasons, { bindTo: cartBinding(req), grantTtlMs: SALE_APPROVAL_TTL_MS });
    if (getSetting(ctx.db, 'sale.offlinePolicy') === 'refuse' && ctx.sync?.status().online === false)
      fail('OFFLINE_REFUSED', 'Nessuna connessione: con le impostazioni attuali la vendita non è consentita offline. Controllare la rete e riprovare, o chiedere al responsabile di permettere le vendite offline in Impostazioni',
        'No connection: the current settings refuse sales while offline. Check the network and try again, or ask a manager to allow offline sales in Settings');
    const result = commitSale(ctx.db, ctx.clock, req, { operatorId: ctx.operator.id, source: 'till' });
    ctx.printing?.wake?.();
    ctx.sync?.wake?.();
    return result;
  },

  'sale.authorize': (req, ctx) => {
    const reasons = saleReasons(salePolicy(ctx.db), policySale(ctx.db, req));
    if (reasons.length > 0) ctx.requireManager(reasons, { method: 'sale.commit', bindTo: cartBinding(req), consume: false, grantTtlMs: SALE_APPROVAL_TTL_MS });
    return { reasons };
  },

  'sale.park': ({ cart, label, auto }, ctx) => {
    const { totals } = previewCart(cart, false);
    const id = randomUUID();
    const at = ctx.clock.now().toISOString();
    const name = label && label !== '' ? label : auto ? `Vendita in corso di ${ctx.operator.name}`.slice(0, 60) : cart.lines[0]!.description.slice(0, 40);
    ctx.db.prepare('INSERT INTO parked_sales (id, operator_id, label, cart, total_cents, line_count, created_at, auto) VALUES (?,?,?,?,?,?,?,?)')
      .run(id, ctx.operator.id, name, JSON.stringify(cart), totals.totalCents, cart.lines.length, at, auto ? 1 : 0);
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
