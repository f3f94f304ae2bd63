// The shop server from Settings (issue #14): «Abbina» (server.join), the same join as the CLI's.
import type { HandlerMap } from './context.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { joinShopServer } from '../shop-link/join.js';

export const serverHandlers: HandlerMap<'server.join'> = {
  'server.join': async ({ url, code }, ctx) => {
    // The token is stored encrypted: without the secrets key there is nowhere to keep it.
    const s = ctx.setup;
    if (!s) fail('SERVER_JOIN_UNAVAILABLE', msg.shopLink.joinUnavailable);
    return joinShopServer({ db: ctx.db, keys: s.keys, clock: ctx.clock, fetch: s.fetch, actor: ctx.operator.id }, url, code);
  },
};
