// Master data down (issue #14): catalogue, prices, departments, operators and shop settings, pulled
// by version cursor from GET /till/master and applied in ONE SQLite transaction per page together
// with the cursor (sync_state `server_master_version`): a till that stops mid-pull resumes from the
// last page it applied, and never holds half a page. The server wins: its ids become the till's ids,
// and a local row with the same SKU, barcode or department code gives way to the server's.
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { MasterResponseSchema, type MasterItem } from '../../shared/server-api.js';
import { isServerSettingKey } from '../../shared/master.js';
import { foldForSearch } from '../../shared/text.js';
import { writeStmt } from '../db/statements.js';
import { getSetting, SETTING_DEFAULTS, setSetting } from '../settings.js';
import { adoptServerShop, applyShopSettings } from '../setup/shop.js';
import type { ShopLinkClient } from './client.js';
import { LINK_KEYS, readKey } from './state.js';

export interface PullResult { applied: number; version: number }

export interface PullOptions { /** Rows per page (the server caps it). */ limit?: number }

/** The version of the last page applied (0 before the first): where the next pull starts. */
export function masterCursor(db: ReadableDb): number {
  const v = Number(readKey(db, LINK_KEYS.masterVersion) ?? 0);
  return Number.isInteger(v) && v >= 0 ? v : 0;
}

/** Pulls every page waiting and applies it; returns how many rows it applied and the new cursor. */
export async function pullMaster(db: WritableDb, client: ShopLinkClient, clock: Clock, o: PullOptions = {}): Promise<PullResult> {
  const limit = o.limit ?? 500;
  let version = masterCursor(db);
  let applied = 0;
  for (;;) {
    const page = await client.get(`/till/master?since=${version}&limit=${limit}`, MasterResponseSchema);
    if (page.items.length === 0) return { applied, version }; // nothing new: nothing written
    const at = clock.now();
    db.transaction(() => {
      const vatBefore = getSetting(db, 'shop.vatNumber');
      for (const item of page.items) applyItem(db, item, at.toISOString(), at);
      // A new Partita IVA is the fiscal id too, as when it is typed in Settings (backend/setup/shop.ts).
      applyShopSettings(db, vatBefore, at);
      // Step 1 of the set-up is the server's data on a joined till: done once it is complete.
      adoptServerShop(db, at);
      writeStmt(db, `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`).run(LINK_KEYS.masterVersion, String(page.version), at.toISOString());
    }).immediate();
    applied += page.items.length;
    version = page.version;
    if (!page.more) return { applied, version };
  }
}

function applyItem(db: WritableDb, item: MasterItem, at: string, now: Date): void {
  switch (item.kind) {
    case 'department': return item.data ? putDepartment(db, item.id, item.data, at) : dropDepartment(db, item.id);
    case 'product': return item.data ? putProduct(db, item.id, item.data, at) : void writeStmt(db, 'UPDATE products SET active = 0, updated_at = ? WHERE id = ?').run(at, item.id);
    case 'operator':
      if (!item.data) return void writeStmt(db, 'UPDATE operators SET active = 0 WHERE id = ?').run(item.id);
      writeStmt(db, `INSERT INTO operators (id, name, role, pin_hash, active, created_at) VALUES (?,?,?,?,?,?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active`)
        .run(item.id, item.data.name, item.data.role, item.data.pinHash, item.data.active ? 1 : 0, at);
      return;
    case 'setting': {
      // A key this till does not take from its server (a newer server's) is left alone.
      if (!isServerSettingKey(item.id)) return;
      if (item.data) setSetting(db, item.id, item.data.value as never, now);
      else setSetting(db, item.id, SETTING_DEFAULTS[item.id], now); // deleted on the server: back to the till's default
      return;
    }
  }
}

/** Takes the department by the server's id; a local one with the same code gives way (its products move over). */
function putDepartment(db: WritableDb, id: string, d: { code: string; name: string; vatCode: string }, at: string): void {
  const clash = db.prepare('SELECT id FROM departments WHERE code = ? AND id <> ?').get(d.code, id) as { id: string } | undefined;
  if (clash) {
    // Free the code, take the products over, then remove the local row (nothing references it any more).
    writeStmt(db, `UPDATE departments SET code = code || '~' || id WHERE id = ?`).run(clash.id);
  }
  writeStmt(db, `INSERT INTO departments (id, code, name, vat_code, created_at) VALUES (?,?,?,?,?)
    ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, vat_code = excluded.vat_code`).run(id, d.code, d.name, d.vatCode, at);
  if (clash) {
    writeStmt(db, 'UPDATE products SET department_id = ? WHERE department_id = ?').run(id, clash.id);
    writeStmt(db, 'DELETE FROM departments WHERE id = ?').run(clash.id);
  }
}

/**
 * A department deleted on the server: removed when no product of the till uses it. The server refuses
 * to delete a department its own products use, so one still used here is used by the till's own
 * (older, local) products: it stays, so they keep their department and VAT (the till's departments
 * have no «active» flag to clear, and documents keep their own copy of the department's code anyway).
 */
function dropDepartment(db: WritableDb, id: string): void {
  const used = db.prepare('SELECT 1 FROM products WHERE department_id = ? LIMIT 1').get(id);
  if (!used) writeStmt(db, 'DELETE FROM departments WHERE id = ?').run(id);
}

type ProductData = NonNullable<Extract<MasterItem, { kind: 'product' }>['data']>;

function putProduct(db: WritableDb, id: string, p: ProductData, at: string): void {
  // A local product with the server's SKU gives way: deactivated, its SKU freed (documents keep
  // their own copies of descriptions and codes, so nothing printed changes).
  const clash = db.prepare('SELECT id FROM products WHERE sku = ? AND id <> ?').get(p.sku, id) as { id: string } | undefined;
  if (clash) writeStmt(db, `UPDATE products SET sku = sku || '~' || id, active = 0, updated_at = ? WHERE id = ?`).run(at, clash.id);
  if (p.departmentId !== null) {
    // Pages come in version order, so a product can arrive before its department's latest version
    // (renamed after the product was saved): hold its place; the department's own row fills it in.
    writeStmt(db, `INSERT INTO departments (id, code, name, vat_code, created_at) VALUES (?,?,?,?,?) ON CONFLICT (id) DO NOTHING`)
      .run(p.departmentId, p.departmentId, p.departmentId, p.vatCode, at);
  }
  // The search text exactly as the catalogue computes it (backend/catalog/products.ts upsertProduct).
  writeStmt(db, `INSERT INTO products (id, sku, description, search_text, price_cents, vat_code, department_id, sold_by_weight, favourite, active, updated_at)
    VALUES (?,?,?,?,?,?,?,?,?,?,?)
    ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, description = excluded.description, search_text = excluded.search_text,
      price_cents = excluded.price_cents, vat_code = excluded.vat_code, department_id = excluded.department_id,
      sold_by_weight = excluded.sold_by_weight, favourite = excluded.favourite, active = excluded.active, updated_at = excluded.updated_at`)
    .run(id, p.sku, p.description, foldForSearch(p.description), p.priceCents, p.vatCode, p.departmentId,
      p.soldByWeight ? 1 : 0, p.favourite ? 1 : 0, p.active ? 1 : 0, at);
  writeStmt(db, 'DELETE FROM barcodes WHERE product_id = ?').run(id);
  // A barcode held by a local product passes to the server's.
  const ins = writeStmt(db, 'INSERT INTO barcodes (barcode, product_id) VALUES (?, ?) ON CONFLICT (barcode) DO UPDATE SET product_id = excluded.product_id');
  for (const b of p.barcodes) ins.run(b, id);
}
