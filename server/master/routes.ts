// Master data over HTTP (issue #14): the tills pull by version cursor (auth 'till', the shop from the
// till's token); the back office reads and edits a shop's items (auth 'admin'), shapes in
// shared/server-api.ts.
import type pg from 'pg';
import { z } from 'zod';
import { MasterResponseSchema } from '../../shared/server-api.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import type { Route } from '../router.js';
import { parseBody } from '../body.js';
import { deleteItem, itemsSince, listItems, listShops, putItem } from './store.js';

/** A page of master data: enough to be worth a request, small enough to apply in one short till transaction. */
export const MASTER_PAGE_DEFAULT = 500;
export const MASTER_PAGE_MAX = 2000;

const QuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MASTER_PAGE_MAX).default(MASTER_PAGE_DEFAULT),
});
const PutBodySchema = z.object({ data: z.unknown() }).strict();
const ITEM = /^\/admin\/api\/shops\/(?<shopId>[0-9]{1,18})\/master\/(?<kind>[a-z]+)\/(?<id>[^/]+)$/;

/** 404 for a shop id the server does not have (the caller names one in the path). */
async function checkShop(pool: pg.Pool, shopId: string): Promise<void> {
  const r = await pool.query('SELECT 1 FROM shops WHERE id = $1', [shopId]);
  if (!r.rowCount) fail('NOT_FOUND', msg.master.shopNotFound({ shopId }), 'shopId');
}

export const masterRoutes: readonly Route[] = [
  {
    method: 'GET', path: '/till/master', auth: 'till',
    async handle({ pool, url, till }) {
      const q = parseBody(QuerySchema, Object.fromEntries(url.searchParams));
      return { json: MasterResponseSchema.parse(await itemsSince(pool, till!.shopId, q.since, q.limit)) };
    },
  },
  {
    method: 'GET', path: '/admin/api/shops', auth: 'admin',
    async handle({ pool }) { return { json: { shops: await listShops(pool) } }; },
  },
  {
    method: 'GET', path: /^\/admin\/api\/shops\/(?<shopId>[0-9]{1,18})\/master$/, auth: 'admin',
    async handle({ pool, params, url }) {
      await checkShop(pool, params.shopId!);
      return { json: { items: await listItems(pool, params.shopId!, { kind: url.searchParams.get('kind') ?? undefined, q: url.searchParams.get('q') ?? undefined }) } };
    },
  },
  {
    method: 'PUT', path: ITEM, auth: 'admin',
    async handle({ pool, clock, params, json }) {
      const body = parseBody(PutBodySchema, await json());
      await checkShop(pool, params.shopId!);
      return { json: { item: await putItem(pool, clock, params.shopId!, params.kind!, decodeURIComponent(params.id!), body.data) } };
    },
  },
  {
    method: 'DELETE', path: ITEM, auth: 'admin',
    async handle({ pool, clock, params }) {
      await checkShop(pool, params.shopId!);
      return { json: { item: await deleteItem(pool, clock, params.shopId!, params.kind!, decodeURIComponent(params.id!)) } };
    },
  },
];
