// A shop's master data on the server (issue #14): departments, products, operators and the shop
// settings a till takes from its server, one versioned row per item (migration 4's master_items).
//
// Why versions never skip: every write takes its version with UPDATE shops SET master_version =
// master_version + 1 … RETURNING inside its own transaction. The row lock that UPDATE holds until
// commit makes the next writer of the same shop wait, so versions commit in the order they are
// taken; a till reading «version > cursor» therefore only ever sees a gap-free prefix, and a cursor
// can never pass a version still to commit (with a bare sequence it could: nextval is not
// transactional, see test/integration/shop-link-master/no-skip.test.ts).
// The lock is taken FIRST, before validating, so the checks (SKU, barcodes, department) read every
// write committed before this one (READ COMMITTED: each statement sees the latest commits).
import type pg from 'pg';
import { z } from 'zod';
import { AdminOperatorDataSchema, type MasterItem, type MasterResponse } from '../../shared/server-api.js';
import { SettingsValuesSchema } from '../../shared/contract/settings.js';
import { isVatCode } from '../../shared/vat.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { foldForSearch } from '../../shared/text.js';
import type { Clock } from '../../shared/time.js';
import { hashPin } from '../../backend/operators.js';
import { isServerSettingKey } from '../../shared/master.js';

export const MASTER_KINDS = ['department', 'product', 'operator', 'setting'] as const;
export type MasterKind = (typeof MASTER_KINDS)[number];

type DataOf<K extends MasterKind> = NonNullable<Extract<MasterItem, { kind: K }>['data']>;

// The wire's data shapes (MasterItemSchema) with the limits a person's input needs.
const ProductInputSchema: z.ZodType<DataOf<'product'>> = z.object({
  sku: z.string().trim().min(1).max(64), description: z.string().trim().min(1).max(200),
  priceCents: z.number().int().nonnegative().max(100_000_000), vatCode: z.string(), departmentId: z.string().nullable(),
  soldByWeight: z.boolean(), favourite: z.boolean(), active: z.boolean(), barcodes: z.array(z.string()).max(50),
}).strict();
const DepartmentInputSchema: z.ZodType<DataOf<'department'>> = z.object({
  code: z.string().trim().min(1).max(20), name: z.string().trim().min(1).max(100), vatCode: z.string(),
}).strict();
const SettingInputSchema = z.object({ value: z.unknown() }).strict();

/** A hold-until-released hook for tests: runs inside the write's transaction, after its version is taken.
 *  `version`: one the caller reserved with reserveVersions in the same transaction (a batch). */
export interface StoreHooks { afterVersion?(version: number): Promise<void>; version?: number }

const ITEM_ID = /^[A-Za-z0-9._:-]{1,100}$/;


function parse<T>(schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'data';
  return fail('MASTER_INVALID', msg.master.fieldInvalid({ field, detail: issue.message }), field);
}

export function checkKind(kind: string): MasterKind {
  if (!(MASTER_KINDS as readonly string[]).includes(kind)) fail('MASTER_KIND_UNKNOWN', msg.master.kindUnknown({ kind }), 'kind');
  return kind as MasterKind;
}

type Row = { kind: MasterKind; id: string; version: string; deleted: boolean; data: unknown };
const toItem = (r: Row): MasterItem => ({ kind: r.kind, id: r.id, version: Number(r.version), deleted: r.deleted, data: r.data } as MasterItem);
const COLS = 'kind, id, version, deleted, data';

export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/** The shop's next version; holds the shop's counter row locked until the caller's transaction ends. */
async function takeVersion(c: pg.PoolClient, shopId: string): Promise<number> {
  const r = (await c.query<{ v: string }>('UPDATE shops SET master_version = master_version + 1 WHERE id = $1 RETURNING master_version AS v', [shopId])).rows[0];
  if (!r) fail('NOT_FOUND', msg.master.shopNotFound({ shopId }), 'shopId');
  return Number(r.v);
}

/**
 * n versions at once for a batch written in the caller's transaction (the first is returned): one
 * UPDATE of the shop's row instead of n — each UPDATE of the same row in one transaction leaves a
 * version of it behind that the next must step over, which made a 5 000-row import quadratic.
 */
export async function reserveVersions(c: pg.PoolClient, shopId: string, n: number): Promise<number> {
  const r = (await c.query<{ v: string }>('UPDATE shops SET master_version = master_version + $2 WHERE id = $1 RETURNING master_version AS v', [shopId, n])).rows[0];
  if (!r) fail('NOT_FOUND', msg.master.shopNotFound({ shopId }), 'shopId');
  return Number(r.v) - n + 1;
}

async function current(c: pg.PoolClient | pg.Pool, shopId: string, kind: MasterKind, id: string): Promise<Row | undefined> {
  return (await c.query<Row>(`SELECT ${COLS} FROM master_items WHERE shop_id = $1 AND kind = $2 AND id = $3`, [shopId, kind, id])).rows[0];
}

/** Checks and normalises an item's data for its kind; reads what it must in the shop (under the version lock). */
async function validate(c: pg.PoolClient, shopId: string, kind: MasterKind, id: string, data: unknown): Promise<unknown> {
  switch (kind) {
    case 'department': {
      const d = parse(DepartmentInputSchema, data);
      if (!isVatCode(d.vatCode)) fail('VAT_CODE_UNKNOWN', msg.master.vatUnknown({ vatCode: d.vatCode }), 'vatCode');
      const taken = await c.query(`SELECT 1 FROM master_items WHERE shop_id = $1 AND kind = 'department' AND NOT deleted AND id <> $2 AND data->>'code' = $3`, [shopId, id, d.code]);
      if (taken.rowCount) fail('DEPARTMENT_CODE_TAKEN', msg.master.codeTaken({ code: d.code }), 'code');
      return { code: d.code, name: d.name, vatCode: d.vatCode };
    }
    case 'product': {
      const p = parse(ProductInputSchema, data);
      if (!isVatCode(p.vatCode)) fail('VAT_CODE_UNKNOWN', msg.master.vatUnknown({ vatCode: p.vatCode }), 'vatCode');
      if (p.departmentId !== null) {
        const d = await c.query(`SELECT 1 FROM master_items WHERE shop_id = $1 AND kind = 'department' AND NOT deleted AND id = $2`, [shopId, p.departmentId]);
        if (!d.rowCount) fail('DEPARTMENT_NOT_FOUND', msg.master.departmentMissing({ id: p.departmentId }), 'departmentId');
      }
      const barcodes = p.barcodes.map((b) => b.trim());
      const seen = new Set<string>();
      for (const b of barcodes) {
        if (!/^[0-9A-Za-z]{1,64}$/.test(b)) fail('MASTER_INVALID', msg.master.fieldInvalid({ field: 'barcodes', detail: b }), 'barcodes');
        if (seen.has(b)) fail('BARCODE_TWICE', msg.master.barcodeTwice({ barcode: b }), 'barcodes');
        seen.add(b);
      }
      const sku = await c.query(`SELECT 1 FROM master_items WHERE shop_id = $1 AND kind = 'product' AND NOT deleted AND id <> $2 AND data->>'sku' = $3`, [shopId, id, p.sku]);
      if (sku.rowCount) fail('SKU_TAKEN', msg.master.skuTaken({ sku: p.sku }), 'sku');
      if (barcodes.length > 0) {
        const taken = (await c.query<{ b: string }>(
          `SELECT b FROM master_items, jsonb_array_elements_text(data->'barcodes') b
            WHERE shop_id = $1 AND kind = 'product' AND NOT deleted AND id <> $2 AND data->'barcodes' ?| $3::text[] AND b = ANY($3::text[]) LIMIT 1`,
          [shopId, id, barcodes])).rows[0];
        if (taken) fail('BARCODE_TAKEN', msg.master.barcodeTaken({ barcode: taken.b }), 'barcodes');
      }
      return { ...p, barcodes };
    }
    case 'operator': {
      const o = parse(AdminOperatorDataSchema, data);
      const old = await current(c, shopId, 'operator', id);
      const oldHash = old && !old.deleted ? (old.data as DataOf<'operator'>).pinHash : null;
      // Hashed as the till hashes its own PINs (backend/operators.ts), so the till's login takes it as it is.
      const pinHash = o.pin !== undefined ? hashPin(o.pin) : oldHash;
      if (pinHash === null) fail('PIN_REQUIRED', msg.master.pinRequired, 'pin');
      return { name: o.name, role: o.role, pinHash, active: o.active };
    }
    case 'setting': {
      if (!isServerSettingKey(id)) fail('SETTING_UNKNOWN', msg.master.settingUnknown({ key: id }), 'id');
      const s = parse(SettingInputSchema, data);
      const v = SettingsValuesSchema.shape[id].safeParse(s.value);
      if (!v.success) fail('SETTING_INVALID', msg.master.settingInvalid({ key: id, detail: v.error.issues[0]!.message }), 'value');
      return { value: v.data };
    }
  }
}

function checkId(id: string): void {
  if (!ITEM_ID.test(id)) fail('MASTER_INVALID', msg.master.fieldInvalid({ field: 'id', detail: id }), 'id');
}

/** Creates or replaces an item (a new id is the caller's UUID); refusals change nothing. */
export async function putItem(pool: pg.Pool, clock: Clock, shopId: string, kindText: string, id: string, data: unknown, hooks: StoreHooks = {}): Promise<MasterItem> {
  return inTransaction(pool, (c) => putItemIn(c, clock, shopId, kindText, id, data, hooks));
}

/** putItem inside the caller's transaction (several items in one, e.g. a catalogue import). */
export async function putItemIn(c: pg.PoolClient, clock: Clock, shopId: string, kindText: string, id: string, data: unknown, hooks: StoreHooks = {}): Promise<MasterItem> {
  const kind = checkKind(kindText);
  checkId(id);
  const version = hooks.version ?? await takeVersion(c, shopId);
  const clean = await validate(c, shopId, kind, id, data);
  await hooks.afterVersion?.(version);
  const r = (await c.query<Row>(
    `INSERT INTO master_items (shop_id, kind, id, version, deleted, data, updated_at) VALUES ($1, $2, $3, $4, false, $5, $6)
     ON CONFLICT (shop_id, kind, id) DO UPDATE SET version = excluded.version, deleted = false, data = excluded.data, updated_at = excluded.updated_at
     RETURNING ${COLS}`, [shopId, kind, id, version, JSON.stringify(clean), clock.now()])).rows[0]!;
  return toItem(r);
}

/** Deletes an item: it stays as a tombstone (data null) with a new version, so the tills learn of it. */
export async function deleteItem(pool: pg.Pool, clock: Clock, shopId: string, kindText: string, id: string, hooks: StoreHooks = {}): Promise<MasterItem> {
  const kind = checkKind(kindText);
  return inTransaction(pool, async (c) => {
    const version = await takeVersion(c, shopId);
    const old = await current(c, shopId, kind, id);
    if (!old || old.deleted) fail('NOT_FOUND', msg.master.itemNotFound({ id }), 'id');
    if (kind === 'department') {
      const used = await c.query(`SELECT 1 FROM master_items WHERE shop_id = $1 AND kind = 'product' AND NOT deleted AND data->>'departmentId' = $2 LIMIT 1`, [shopId, id]);
      if (used.rowCount) fail('DEPARTMENT_IN_USE', msg.master.departmentInUse({ code: (old.data as DataOf<'department'>).code }), 'id');
    }
    await hooks.afterVersion?.(version);
    const r = (await c.query<Row>(
      `UPDATE master_items SET version = $4, deleted = true, data = NULL, updated_at = $5 WHERE shop_id = $1 AND kind = $2 AND id = $3 RETURNING ${COLS}`,
      [shopId, kind, id, version, clock.now()])).rows[0]!;
    return toItem(r);
  });
}

/** The shop's current items (no tombstones), by kind and text (accent-insensitive, on names, SKU, codes, barcodes). */
export async function listItems(pool: pg.Pool, shopId: string, o: { kind?: string; q?: string } = {}): Promise<MasterItem[]> {
  const kind = o.kind ? checkKind(o.kind) : null;
  const rows = (await pool.query<Row>(
    `SELECT ${COLS} FROM master_items WHERE shop_id = $1 AND NOT deleted AND ($2::text IS NULL OR kind = $2) ORDER BY kind, id`, [shopId, kind])).rows;
  const q = foldForSearch(o.q ?? '');
  const items = rows.map(toItem);
  if (q === '') return items;
  const words = q.split(' ');
  return items.filter((it) => {
    const hay = foldForSearch(`${it.id} ${Object.values(it.data ?? {}).map((v) => (Array.isArray(v) ? v.join(' ') : typeof v === 'object' ? '' : String(v))).join(' ')}`);
    return words.every((w) => hay.includes(w));
  });
}

/** Rows with version > since, in version order, at most `limit`; `more` when others wait. */
export async function itemsSince(pool: pg.Pool | pg.PoolClient, shopId: string, since: number, limit: number): Promise<MasterResponse> {
  const rows = (await pool.query<Row>(
    `SELECT ${COLS} FROM master_items WHERE shop_id = $1 AND version > $2 ORDER BY version LIMIT $3`, [shopId, since, limit + 1])).rows;
  const items = rows.slice(0, limit).map(toItem);
  return { items, version: items.length > 0 ? items[items.length - 1]!.version : since, more: rows.length > limit };
}

/** The server's shops with their master version and how many tills each has. */
export async function listShops(pool: pg.Pool): Promise<{ id: string; name: string; masterVersion: number; tills: number }[]> {
  const rows = (await pool.query<{ id: string; name: string; v: string; n: string }>(
    `SELECT s.id, s.name, s.master_version AS v, (SELECT count(*) FROM tills t WHERE t.shop_id = s.id) AS n FROM shops s ORDER BY s.name`)).rows;
  return rows.map((r) => ({ id: String(r.id), name: r.name, masterVersion: Number(r.v), tills: Number(r.n) }));
}
