// The shop's catalogue in the chaos test and the benches, edited on the server as the back office
// does: the admin master-data calls of shared/server-api.ts (PUT /admin/api/shops/:id/master/…) on
// the real `bancone server`, with the admin token it keeps in its data folder (backoffice.token).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { ADMIN_TOKEN_FILE } from '../../server/backoffice/token.js';

export interface CatalogueAdmin { serverUrl: string; serverDir: string; pool: () => pg.Pool }

/** A valid EAN-13 from 12 digits (the check digit computed). */
export function ean13(twelve: string): string {
  const sum = [...twelve].reduce((a, d, i) => a + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

export const PRODUCTS = 20;
export const productId = (i: number) => `chaos-p${i}`;
export const barcodeOf = (i: number) => ean13(`80012345${String(i).padStart(4, '0')}`);
const basePrice = (i: number) => 100 + i * 37;

function adminToken(serverDir: string): string {
  const f = join(serverDir, ADMIN_TOKEN_FILE);
  if (!existsSync(f)) throw new Error(`the server made no admin token (${f})`);
  return readFileSync(f, 'utf8').trim();
}

async function put(a: CatalogueAdmin, shopId: string, kind: 'department' | 'product', id: string, data: unknown): Promise<void> {
  const token = adminToken(a.serverDir);
  // The server may be restarting, or PostgreSQL: an edit is idempotent (PUT), so it is simply sent again.
  let last = '';
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const r = await fetch(`${a.serverUrl}/admin/api/shops/${shopId}/master/${kind}/${encodeURIComponent(id)}`, {
        method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ data }),
        signal: AbortSignal.timeout(15_000),
      });
      if (r.ok) return;
      last = `HTTP ${r.status}: ${await r.text()}`;
      if (r.status < 500) break;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`admin PUT ${kind}/${id} failed: ${last}`);
}

const product = (i: number, priceCents: number) => ({
  sku: `CHAOS${i}`, description: `Prodotto ${i}`, priceCents, vatCode: i % 3 === 0 ? '4' : i % 3 === 1 ? '10' : '22',
  departmentId: 'chaos-dep', soldByWeight: false, favourite: false, active: true, barcodes: [barcodeOf(i)],
});

/** A department and PRODUCTS products, before the tills join. */
export async function seedCatalogue(a: CatalogueAdmin, shopId: string): Promise<void> {
  await put(a, shopId, 'department', 'chaos-dep', { code: 'ALIM', name: 'Alimentari', vatCode: '10' });
  for (let i = 0; i < PRODUCTS; i++) await put(a, shopId, 'product', productId(i), product(i, basePrice(i)));
}

/** The change every till must pull: new prices for a quarter of the products, and one product more. */
export async function catalogueChange(a: CatalogueAdmin, shopId: string, round = 1): Promise<{ changed: { id: string; priceCents: number }[] }> {
  const changed: { id: string; priceCents: number }[] = [];
  for (let i = 0; i < PRODUCTS; i += 4) {
    const priceCents = basePrice(i) + 10 * round;
    await put(a, shopId, 'product', productId(i), product(i, priceCents));
    changed.push({ id: productId(i), priceCents });
  }
  const extra = PRODUCTS + round - 1;
  await put(a, shopId, 'product', productId(extra), product(extra, basePrice(extra)));
  changed.push({ id: productId(extra), priceCents: basePrice(extra) });
  return { changed };
}
