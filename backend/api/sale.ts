// Ringing up: commit (with the manager policies of ../sale/policy.ts and the offline policy) and
// parking. The sale itself lives in ../sale/ (its walk through the backend is in ../sale/index.ts).
import type { HandlerMap } from './context.js';
import { cartBinding, commitSale, discardParked, listParked, parkCart, policySale, resumeParked, SALE_APPROVAL_TTL_MS, salePolicy, saleReasons } from '../sale/index.js';
import { getSetting } from '../settings.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

type SaleMethods = 'sale.commit' | 'sale.authorize' | 'sale.park' | 'sale.parked' | 'sale.resume' | 'sale.discardParked';

export const saleHandlers: HandlerMap<SaleMethods> = {
  'sale.commit': (req, ctx) => {
    if (req.operator_id !== undefined && req.operator_id !== ctx.operator.id)
      fail('OPERATOR_MISMATCH', msg.sale.operatorMismatch, 'operator_id');
    // Every reason of this sale at once (price changes, omaggi, discounts, open prices…): one PIN for the sale.
    const reasons = saleReasons(salePolicy(ctx.db), policySale(ctx.db, req));
    if (reasons.length > 0) ctx.requireManager(reasons, { bindTo: cartBinding(req), grantTtlMs: SALE_APPROVAL_TTL_MS });
    if (getSetting(ctx.db, 'sale.offlinePolicy') === 'refuse' && ctx.sync?.status().online === false)
      fail('OFFLINE_REFUSED', msg.sale.offlineRefused);
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

  'sale.park': ({ cart, label, auto }, ctx) => parkCart(ctx.db, ctx.clock.now(), ctx.operator, { cart, label, auto }),

  'sale.parked': (_, ctx) => ({ parked: listParked(ctx.db) }),

  'sale.resume': ({ id }, ctx) => ({ cart: resumeParked(ctx.db, id) }),

  'sale.discardParked': ({ id }, ctx) => {
    discardParked(ctx.db, id);
    return {};
  },
};
