// The wire between a till and the shop server (server/, issue #14), validated with zod on both sides.
import { z } from 'zod';

/** A pairing code as `bancone server pair` prints it: 8 letters/digits, shown as XXXX-XXXX. */
export const PairRequestSchema = z.object({
  code: z.string().trim().min(1).max(20),
}).strict();
export type PairRequest = z.infer<typeof PairRequestSchema>;

export const PairResponseSchema = z.object({
  tillCode: z.string().regex(/^C[0-9]+$/),
  token: z.string().min(32).max(200),
  shop: z.object({ name: z.string() }),
});
export type PairResponse = z.infer<typeof PairResponseSchema>;

export const ServerErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), message_en: z.string(), field: z.string().optional() }),
});

// ─── Issue #14, the till ↔ server wire (fixed here first so that both ends are built to it) ──────
//
// Every request after pairing carries `Authorization: Bearer <token>` (the till's token from
// /pair); the server finds the till by the token's SHA-256 and refuses a revoked or unknown one with
// 401 { error: { code: 'TILL_TOKEN_INVALID', … } }. Bodies are JSON, validated with these schemas on
// both sides; refusals are ServerErrorSchema.

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const isoInstant = z.string().min(10).max(40);
const cents = z.number().int();

/** A document as the till's ledger holds it (documents + document_lines + payments + vat_rows). */
export const DocumentBodySchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['sale', 'return', 'void']),
  businessDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  seq: z.number().int().positive(),
  /** As printed, e.g. «C2-2026-12-01/0042» (till code, day, the till's own gap-free series). */
  number: z.string().min(1).max(60),
  createdAt: isoInstant,
  operatorId: z.string().nullable(),
  parentId: z.string().nullable(),
  subtotalCents: cents, lineDiscountCents: cents, saleDiscountCents: cents, complimentaryCents: cents,
  totalCents: cents, roundingCents: cents, dueCents: cents, tenderedCents: cents, changeCents: cents,
  lotteryCode: z.string().nullable(),
  source: z.string().max(20),
  note: z.string().nullable(),
  lines: z.array(z.object({
    lineNo: z.number().int().positive(),
    productId: z.string().nullable(), sku: z.string().nullable(), barcode: z.string().nullable(),
    description: z.string(), department: z.string().nullable(), vatCode: z.string(),
    quantityMilli: z.number().int().positive(),
    unitPriceCents: cents, listPriceCents: cents.nullable(), grossCents: cents, discountCents: cents,
    saleDiscountShareCents: cents, complimentary: z.number().int(), amountCents: cents,
    parentLineNo: z.number().int().nullable(),
  }).strict()).max(2000),
  payments: z.array(z.object({
    seq: z.number().int().positive(),
    method: z.enum(['cash', 'electronic', 'meal_voucher', 'uncollected']),
    amountCents: cents, appliedCents: cents, count: z.number().int().nullable(), uncollectedKind: z.string().nullable(),
  }).strict()).max(50),
  vat: z.array(z.object({ vatCode: z.string(), grossCents: cents, taxableCents: cents, vatCents: cents }).strict()).max(50),
}).strict();
export type DocumentBody = z.infer<typeof DocumentBodySchema>;

export const CashMovementBodySchema = z.object({
  id: z.string(), businessDay: z.string(), kind: z.enum(['float', 'in', 'out']), amountCents: cents,
  reason: z.string().nullable(), operatorId: z.string().nullable(), createdAt: isoInstant,
}).strict();
export type CashMovementBody = z.infer<typeof CashMovementBodySchema>;

/** A Z as the till closed it: `snapshot` is the canonical JSON the till stored (and hashed in its journal). */
export const ClosureBodySchema = z.object({
  businessDay: z.string(), zNumber: z.number().int().positive(), closedAt: isoInstant,
  operatorId: z.string().nullable(), note: z.string().nullable(), snapshot: z.string().max(2_000_000),
}).strict();
export type ClosureBody = z.infer<typeof ClosureBodySchema>;

/**
 * One entry of the till's hash-chained journal (audit_log), exactly as stored: `payload` is the
 * canonical JSON string that was hashed, so the server can recompute `hash` (backend/ledger/audit.ts
 * entryHash). The rows an entry records travel with it: a `document.*` entry its document, a
 * `cash.float|in|out` entry its movement, `day.close` its Z. Fiscal updates (AdE number, state) are the
 * `fiscal.*` entries' payloads.
 */
export const JournalEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: isoInstant,
  actor: z.string().max(200).nullable(),
  action: z.string().min(1).max(100),
  entityId: z.string().max(200).nullable(),
  payload: z.string().max(2_000_000),
  prevHash: hex64,
  hash: hex64,
  document: DocumentBodySchema.optional(),
  cashMovement: CashMovementBodySchema.optional(),
  closure: ClosureBodySchema.optional(),
}).strict();
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** What a till reports of itself with every upload (the back office's «stato casse»). */
export const TillReportSchema = z.object({
  at: isoInstant,
  /** Journal entries not yet acknowledged by the server (after this upload is counted: the till's view before it). */
  pendingUploads: z.number().int().nonnegative(),
  ade: z.object({ queued: z.number().int().nonnegative(), failed: z.number().int().nonnegative(), lastSuccessAt: isoInstant.nullable(), problem: z.string().nullable() }).strict(),
  printer: z.object({ state: z.string().max(40), queued: z.number().int().nonnegative(), message: z.string().nullable() }).strict(),
  masterVersion: z.number().int().nonnegative(),
  appVersion: z.string().max(40),
}).strict();
export type TillReport = z.infer<typeof TillReportSchema>;

export const MAX_UPLOAD_ENTRIES = 200;

/** POST /till/journal — entries in the till's order, starting after the last ack (resending is harmless). */
export const UploadRequestSchema = z.object({
  entries: z.array(JournalEntrySchema).max(MAX_UPLOAD_ENTRIES),
  report: TillReportSchema,
}).strict();
export type UploadRequest = z.infer<typeof UploadRequestSchema>;

export const UploadResponseSchema = z.object({
  /** The highest seq such that every entry 1..ackSeq of this till is stored on the server. */
  ackSeq: z.number().int().nonnegative(),
  /** The till's chain as the server verified it: the first seq where it breaks, or null. */
  chainBrokenAt: z.number().int().positive().nullable(),
});
export type UploadResponse = z.infer<typeof UploadResponseSchema>;

/** One master-data row as of `version`; `deleted` rows are tombstones (data null). */
export const MasterItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('department'), id: z.string(), version: z.number().int().positive(), deleted: z.boolean(),
    data: z.object({ code: z.string(), name: z.string(), vatCode: z.string() }).strict().nullable() }).strict(),
  z.object({ kind: z.literal('product'), id: z.string(), version: z.number().int().positive(), deleted: z.boolean(),
    data: z.object({ sku: z.string(), description: z.string(), priceCents: z.number().int().nonnegative(), vatCode: z.string(),
      departmentId: z.string().nullable(), soldByWeight: z.boolean(), favourite: z.boolean(), active: z.boolean(),
      barcodes: z.array(z.string()) }).strict().nullable() }).strict(),
  z.object({ kind: z.literal('operator'), id: z.string(), version: z.number().int().positive(), deleted: z.boolean(),
    data: z.object({ name: z.string(), role: z.enum(['cashier', 'manager']), pinHash: z.string().nullable(), active: z.boolean() }).strict().nullable() }).strict(),
  /** A shop setting the till applies as it is (e.g. shop.name, shop.vatNumber, receipt header lines). */
  z.object({ kind: z.literal('setting'), id: z.string(), version: z.number().int().positive(), deleted: z.boolean(),
    data: z.object({ value: z.unknown() }).strict().nullable() }).strict(),
]);
export type MasterItem = z.infer<typeof MasterItemSchema>;

/** GET /till/master?since=V&limit=N — rows with version > V in version order; never skips a row. */
export const MasterResponseSchema = z.object({
  items: z.array(MasterItemSchema),
  /** The cursor to send next time: the last item's version, or `since` when there was none. */
  version: z.number().int().nonnegative(),
  /** More rows wait: ask again at once. */
  more: z.boolean(),
});
export type MasterResponse = z.infer<typeof MasterResponseSchema>;

// ─── The back office's master-data calls (auth: the admin token) ────────────────────────────────
//   GET    /admin/api/shops                                   → AdminShopsResponse
//   GET    /admin/api/shops/:shopId/master?kind=K&q=TEXT       → { items: MasterItem[] } (current rows, not deleted)
//   PUT    /admin/api/shops/:shopId/master/:kind/:id  {data}   → { item: MasterItem }  (creates or replaces; a new id is the caller's UUID)
//   DELETE /admin/api/shops/:shopId/master/:kind/:id           → { item: MasterItem }  (a tombstone)
// An operator's data on PUT carries `pin` (4–8 digits) instead of pinHash; the server hashes it as the till does.
export const AdminShopsResponseSchema = z.object({
  shops: z.array(z.object({ id: z.string(), name: z.string(), masterVersion: z.number().int().nonnegative(), tills: z.number().int().nonnegative() })),
});
export type AdminShopsResponse = z.infer<typeof AdminShopsResponseSchema>;

export const AdminOperatorDataSchema = z.object({
  name: z.string().trim().min(1).max(60), role: z.enum(['cashier', 'manager']), pin: z.string().regex(/^\d{4,8}$/).optional(), active: z.boolean(),
}).strict();
