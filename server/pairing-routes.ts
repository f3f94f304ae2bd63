// POST /pair {code} → {tillCode, token, shop}: the only route a till calls before it has a token.
import { PairRequestSchema } from '../shared/server-api.js';
import type { Route } from './router.js';
import { parseBody } from './body.js';
import { redeemPairingCode } from './pairing.js';

export const pairingRoutes: readonly Route[] = [
  {
    method: 'POST', path: '/pair', auth: 'none',
    async handle({ pool, clock, json }) {
      const body = parseBody(PairRequestSchema, await json());
      return { json: await redeemPairingCode(pool, body.code, clock) };
    },
  },
];
