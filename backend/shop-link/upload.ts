// The journal up (issue #14): the entries after the server's last ack, with the rows each records
// (a document's header, lines, payments and VAT rows; a cash movement; a Z), ≤ MAX_UPLOAD_ENTRIES
// a request. The cursor is whatever the server answers: it is the truth of what it holds, so a
// server restored from an older backup gets everything again. The ledger is only read here, outside
// any transaction that a sale would wait for; the only writes are the cursor and the outcome.
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { readStmt } from '../db/statements.js';
import {
  MAX_UPLOAD_ENTRIES, UploadResponseSchema,
  type CashMovementBody, type ClosureBody, type DocumentBody, type JournalEntry, type TillReport, type UploadResponse,
} from '../../shared/server-api.js';
import type { ShopLinkClient } from './client.js';
import { LINK_KEYS, lastSeq, readAck, writeKeyIfChanged } from './state.js';
import { tillStatus } from '../status.js';
import { masterCursor } from './pull.js';

export interface UploadResult { sent: number; ackSeq: number; chainBrokenAt: number | null; more: boolean }

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function documentBody(db: ReadableDb, id: string): DocumentBody | undefined {
  const d = readStmt(db, 'SELECT * FROM documents WHERE id = ?').get(id) as Row | undefined;
  if (!d) return undefined;
  const lines = readStmt(db, 'SELECT * FROM document_lines WHERE document_id = ? ORDER BY line_no').all(id) as Row[];
  const payments = readStmt(db, 'SELECT * FROM payments WHERE document_id = ? ORDER BY seq').all(id) as Row[];
  const vat = readStmt(db, 'SELECT * FROM vat_rows WHERE document_id = ? ORDER BY vat_code').all(id) as Row[];
  return {
    id, kind: d.kind as DocumentBody['kind'], businessDay: String(d.business_day), seq: Number(d.seq), number: String(d.number),
    createdAt: String(d.created_at), operatorId: str(d.operator_id), parentId: str(d.parent_id),
    subtotalCents: Number(d.subtotal_cents), lineDiscountCents: Number(d.line_discount_cents), saleDiscountCents: Number(d.sale_discount_cents),
    complimentaryCents: Number(d.complimentary_cents), totalCents: Number(d.total_cents), roundingCents: Number(d.rounding_cents),
    dueCents: Number(d.due_cents), tenderedCents: Number(d.tendered_cents), changeCents: Number(d.change_cents),
    lotteryCode: str(d.lottery_code), source: String(d.source), note: str(d.note),
    lines: lines.map((l) => ({
      lineNo: Number(l.line_no), productId: str(l.product_id), sku: str(l.sku), barcode: str(l.barcode), description: String(l.description),
      department: str(l.department), vatCode: String(l.vat_code), quantityMilli: Number(l.quantity_milli), unitPriceCents: Number(l.unit_price_cents),
      listPriceCents: l.list_price_cents === null ? null : Number(l.list_price_cents), grossCents: Number(l.gross_cents),
      discountCents: Number(l.discount_cents), saleDiscountShareCents: Number(l.sale_discount_share_cents), complimentary: Number(l.complimentary),
      amountCents: Number(l.amount_cents), parentLineNo: l.parent_line_no === null ? null : Number(l.parent_line_no),
    })),
    payments: payments.map((p) => ({
      seq: Number(p.seq), method: p.method as DocumentBody['payments'][number]['method'], amountCents: Number(p.amount_cents),
      appliedCents: Number(p.applied_cents), count: p.count === null ? null : Number(p.count), uncollectedKind: str(p.uncollected_kind),
    })),
    vat: vat.map((v) => ({ vatCode: String(v.vat_code), grossCents: Number(v.gross_cents), taxableCents: Number(v.taxable_cents), vatCents: Number(v.vat_cents) })),
  };
}

function cashMovementBody(db: ReadableDb, id: string): CashMovementBody | undefined {
  const m = readStmt(db, 'SELECT * FROM cash_movements WHERE id = ?').get(id) as Row | undefined;
  if (!m) return undefined;
  return { id, businessDay: String(m.business_day), kind: m.kind as CashMovementBody['kind'], amountCents: Number(m.amount_cents),
    reason: str(m.reason), operatorId: str(m.operator_id), createdAt: String(m.created_at) };
}

function closureBody(db: ReadableDb, day: string): ClosureBody | undefined {
  const z = readStmt(db, 'SELECT * FROM day_closures WHERE business_day = ?').get(day) as Row | undefined;
  if (!z) return undefined;
  return { businessDay: day, zNumber: Number(z.z_number), closedAt: String(z.closed_at), operatorId: str(z.operator_id), note: str(z.note), snapshot: String(z.snapshot) };
}

/**
 * A batch stays well under the server's body limit (server/ingest/routes.ts, 8 MB): entries are
 * added while the batch is under this size (the first always goes, a Z's snapshot is at most 2 MB).
 */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** The journal entries after `after`, each with the rows it records, as the wire carries them. */
export function journalBatch(db: ReadableDb, after: number, limit = MAX_UPLOAD_ENTRIES, maxBytes = MAX_BATCH_BYTES): JournalEntry[] {
  const rows = readStmt(db, `SELECT seq, at, actor, action, entity_id, payload, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`)
    .all(after, limit) as { seq: number; at: string; actor: string | null; action: string; entity_id: string | null; payload: string; prev_hash: string; hash: string }[];
  const batch: JournalEntry[] = [];
  let bytes = 0;
  for (const r of rows) {
    const e: JournalEntry = { seq: r.seq, at: r.at, actor: r.actor, action: r.action, entityId: r.entity_id, payload: r.payload, prevHash: r.prev_hash, hash: r.hash };
    if (r.entity_id && /^document\.(sale|return|void)$/.test(r.action)) e.document = documentBody(db, r.entity_id);
    else if (r.entity_id && /^cash\.(float|in|out)$/.test(r.action)) e.cashMovement = cashMovementBody(db, r.entity_id);
    else if (r.entity_id && r.action === 'day.close') e.closure = closureBody(db, r.entity_id);
    bytes += Buffer.byteLength(JSON.stringify(e));
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push(e);
  }
  return batch;
}

/** What the till reports of itself with each upload (the back office's «stato casse»), from the status bar's facts. */
export function buildTillReport(db: ReadableDb, clock: Clock, appVersion: string): TillReport {
  const s = tillStatus(db, clock, {}, null);
  return {
    at: clock.now().toISOString(),
    pendingUploads: Math.max(0, lastSeq(db) - readAck(db)),
    ade: { queued: s.sync.queued, failed: s.sync.failed, lastSuccessAt: s.sync.lastSuccessAt, problem: s.sync.problem },
    printer: { state: s.printer.state, queued: s.printer.queued, message: s.printer.message },
    masterVersion: masterCursor(db),
    appVersion,
  };
}

/**
 * Sends one batch (even an empty one: the report alone) and moves the cursor to the server's ack.
 * `more`: entries wait that the next call can send at once (the server took these, or wants older ones again).
 */
export async function uploadOnce(db: WritableDb, client: ShopLinkClient, clock: Clock, report: TillReport, limit = MAX_UPLOAD_ENTRIES): Promise<UploadResult> {
  const cursor = readAck(db);
  const entries = journalBatch(db, cursor, limit);
  const answer: UploadResponse = await client.post('/till/journal', { entries, report }, UploadResponseSchema);
  const now = clock.now();
  writeKeyIfChanged(db, LINK_KEYS.ack, String(answer.ackSeq), now);
  if (entries.length > 0) writeKeyIfChanged(db, LINK_KEYS.lastUploadAt, now.toISOString(), now);
  const last = lastSeq(db);
  // Forward: more if entries remain. Backward (a server restored from an older backup): send again from its ack.
  // Neither (the server could not ack what it was sent): wait, or this would spin.
  const more = answer.ackSeq > cursor ? answer.ackSeq < last : answer.ackSeq < cursor;
  return { sent: entries.length, ackSeq: answer.ackSeq, chainBrokenAt: answer.chainBrokenAt, more };
}
