// The back office's data (auth 'admin': the server's admin token) and its page (no token).
//   GET /admin/api/tills                                   → { shops: ShopTills[] }   (every shop, its tills' health)
//   GET /admin/api/shops/:shopId/report?from&to[&till]      → ShopReport  (.csv, .pdf: the same as files)
//   GET /admin/api/shops/:shopId/documents?number&from&to&till&amount&text&limit&offset → { documents, more }  (.csv)
//   GET /admin/api/shops/:shopId/documents/:id              → DocumentDetail
// Money is integer cents throughout; days are business days (YYYY-MM-DD).
import { z } from 'zod';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { isIsoDay } from '../../shared/time.js';
import type { Route, RouteContext } from '../router.js';
import { parseBody } from '../body.js';
import { requireShop, requireTill, shopReport } from './reports.js';
import { tillsHealth } from './tills.js';
import { documentDetail, searchDocuments } from './sales.js';
import { documentsCsv, reportCsvOf, reportPdfOf, shopHeader } from './exports.js';
import { backofficeStaticRoutes } from './static.js';

const SHOP = '/admin/api/shops/(?<shopId>[0-9]+)';

function query(ctx: RouteContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of ctx.url.searchParams) if (v !== '') out[k] = v;
  return out;
}

function isoDayParam(q: Record<string, string>, field: string, required: boolean): string | undefined {
  const v = q[field];
  if (v === undefined) { if (required) fail('REQUEST_INVALID', msg.backoffice.dayInvalid, field); return undefined; }
  if (!isIsoDay(v)) fail('REQUEST_INVALID', msg.backoffice.dayInvalid, field);
  return v;
}

function range(q: Record<string, string>, required: boolean): { from?: string; to?: string } {
  const from = isoDayParam(q, 'from', required);
  const to = isoDayParam(q, 'to', false) ?? (required ? from : undefined);
  if (from && to && from > to) fail('REQUEST_INVALID', msg.backoffice.rangeOrder, 'to');
  return { from, to };
}

const ReportQuery = z.object({ from: z.string(), to: z.string().optional(), till: z.string().regex(/^C[0-9]+$/).optional() }).strict();
const SalesQuerySchema = z.object({
  number: z.string().max(60).optional(), from: z.string().optional(), to: z.string().optional(),
  till: z.string().regex(/^C[0-9]+$/).optional(), amount: z.coerce.number().int().optional(), text: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(50), offset: z.coerce.number().int().min(0).default(0),
}).strict();

async function reportOf(ctx: RouteContext) {
  const shop = await requireShop(ctx.pool, ctx.params.shopId!);
  const q = query(ctx);
  const p = parseBody(ReportQuery, q);
  const { from, to } = range(q, true);
  const tillId = p.till ? await requireTill(ctx.pool, shop.id, p.till) : null;
  const r = await shopReport(ctx.pool, { shopId: shop.id, tillId, from: from!, to: to! }, ctx.clock.now());
  return { shop, r, scopeLabel: p.till ?? 'negozio', till: p.till ?? null };
}

async function salesOf(ctx: RouteContext) {
  const shop = await requireShop(ctx.pool, ctx.params.shopId!);
  const q = query(ctx);
  const p = parseBody(SalesQuerySchema, q);
  const { from, to } = range(q, false);
  const tillId = p.till ? await requireTill(ctx.pool, shop.id, p.till) : null;
  return searchDocuments(ctx.pool, shop.id, { number: p.number, from, to, tillId, amountCents: p.amount, text: p.text, limit: p.limit, offset: p.offset });
}

const fileName = (r: { report: { from: string; to: string } }, till: string | null, ext: string) =>
  `report-${till ?? 'negozio'}-${r.report.from}${r.report.to === r.report.from ? '' : `_${r.report.to}`}.${ext}`;

export const backofficeRoutes: readonly Route[] = [
  { method: 'GET', path: '/admin/api/tills', auth: 'admin', async handle({ pool, clock }) { return { json: { shops: await tillsHealth(pool, clock.now()) } }; } },
  { method: 'GET', path: new RegExp(`^${SHOP}/report$`), auth: 'admin', async handle(ctx) { return { json: (await reportOf(ctx)).r }; } },
  {
    method: 'GET', path: new RegExp(`^${SHOP}/report\\.csv$`), auth: 'admin',
    async handle(ctx) {
      const { r, scopeLabel, till } = await reportOf(ctx);
      return { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName(r, till, 'csv')}"`, 'cache-control': 'no-store' }, body: reportCsvOf(r, scopeLabel) };
    },
  },
  {
    method: 'GET', path: new RegExp(`^${SHOP}/report\\.pdf$`), auth: 'admin',
    async handle(ctx) {
      const { shop, r, till } = await reportOf(ctx);
      const header = await shopHeader(ctx.pool, shop.id, till ? `${shop.name} — cassa ${till}` : shop.name);
      return { headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${fileName(r, till, 'pdf')}"`, 'cache-control': 'no-store' }, body: await reportPdfOf(r.report, header) };
    },
  },
  { method: 'GET', path: new RegExp(`^${SHOP}/documents$`), auth: 'admin', async handle(ctx) { return { json: await salesOf(ctx) }; } },
  {
    method: 'GET', path: new RegExp(`^${SHOP}/documents\\.csv$`), auth: 'admin',
    async handle(ctx) {
      const { documents } = await salesOf(ctx);
      return { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="documenti.csv"', 'cache-control': 'no-store' }, body: documentsCsv(documents) };
    },
  },
  {
    method: 'GET', path: new RegExp(`^${SHOP}/documents/(?<id>[^/]{1,64})$`), auth: 'admin',
    async handle(ctx) {
      const shop = await requireShop(ctx.pool, ctx.params.shopId!);
      return { json: await documentDetail(ctx.pool, shop.id, decodeURIComponent(ctx.params.id!)) };
    },
  },
  ...backofficeStaticRoutes(),
];
