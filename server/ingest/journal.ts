// A till's journal arriving at the shop server (POST /till/journal, issue #14). One PostgreSQL
// transaction per request, serialized per till by the lock on its till_sync row, so two uploads of
// the same till (a resend racing its original) take turns. Append-only: every row is inserted with
// ON CONFLICT DO NOTHING keyed by the till's own ids, so a resend changes nothing; what is stored is
// never replaced. The chain is verified as the till's `audit verify` does (backend/ledger/chain.ts),
// as the entries become contiguous: the first break is recorded in till_sync and answered.
import type pg from 'pg';
import type { Clock } from '../../shared/time.js';
import type { ClosureBody, CashMovementBody, DocumentBody, JournalEntry, UploadRequest, UploadResponse } from '../../shared/server-api.js';
import { BanconeError } from '../../shared/errors.js';
import { msg, type Text } from '../../shared/messages/index.js';
import { GENESIS_HASH, entryHash } from '../../backend/ledger/chain.js';
import { documentBodyDigest } from '../../backend/ledger/digest.js';
import type { TillIdentity } from '../auth.js';

const DOCUMENT_ACTION = /^document\.(sale|return|void)$/;
const CASH_ACTION = /^cash\.(float|in|out)$/;
const FISCAL_ACTION = /^fiscal\.([a-z_]+)$/;
const INVOICE_ACTION = /^invoice\.(issue|credit_note|reissue)$/;

/**
 * An invoice issued at the counter (payload at_sale) documents its sale, return or void instead of the
 * receipt: noted so the reports keep that document out of the corrispettivi and the AdE's queue, as
 * the till's do. The document's own entry comes first in the till's journal (same transaction).
 */
async function noteInvoiceAtSale(c: pg.PoolClient, till: TillIdentity, e: JournalEntry): Promise<void> {
  let p: { at_sale?: unknown; document?: unknown; number?: unknown };
  try { p = JSON.parse(e.payload) as typeof p; } catch { return; }
  if (p.at_sale !== true || typeof p.document !== 'string' || typeof p.number !== 'string') return;
  await c.query(
    `INSERT INTO at_sale_invoices (document_id, till_id, invoice_number, journal_seq)
     SELECT d.id, d.till_id, $3, $4 FROM documents d WHERE d.till_id = $1 AND d.number = $2
     ON CONFLICT DO NOTHING`, [till.tillId, p.document, p.number, e.seq]);
}
/** Stored entries read per page while walking the ack forward. */
const WALK_PAGE = 1000;

/** Refuses (REQUEST_INVALID naming the field) an entry without the rows it records; nothing is changed. */
function requireBodies(entries: readonly JournalEntry[]): void {
  const refuse = (text: Text, field: string): never => { throw new BanconeError('REQUEST_INVALID', text, field); };
  const seen = new Set<number>();
  entries.forEach((e, i) => {
    const at = (f: string) => `entries.${i}.${f}`;
    if (seen.has(e.seq)) refuse(msg.shopLink.duplicateSeq({ field: at('seq'), seq: e.seq }), at('seq'));
    seen.add(e.seq);
    const { action } = e;
    const doc = DOCUMENT_ACTION.exec(action);
    if (doc) {
      if (!e.document) refuse(msg.shopLink.bodyMissing({ field: at('document'), action }), at('document'));
      if (e.document!.id !== e.entityId || e.document!.kind !== doc[1]) refuse(msg.shopLink.bodyMismatch({ field: at('document.id'), action }), at('document.id'));
    }
    const cash = CASH_ACTION.exec(action);
    if (cash) {
      if (!e.cashMovement) refuse(msg.shopLink.bodyMissing({ field: at('cashMovement'), action }), at('cashMovement'));
      if (e.cashMovement!.id !== e.entityId || e.cashMovement!.kind !== cash[1]) refuse(msg.shopLink.bodyMismatch({ field: at('cashMovement.id'), action }), at('cashMovement.id'));
    }
    if (action === 'day.close') {
      if (!e.closure) refuse(msg.shopLink.bodyMissing({ field: at('closure'), action }), at('closure'));
      if (e.closure!.businessDay !== e.entityId) refuse(msg.shopLink.bodyMismatch({ field: at('closure.businessDay'), action }), at('closure.businessDay'));
    }
  });
}

interface Break { seq: number; problem: Text }

async function insertDocument(c: pg.PoolClient, till: TillIdentity, d: DocumentBody, journalSeq: number): Promise<void> {
  const r = await c.query(
    `INSERT INTO documents (id, shop_id, till_id, kind, business_day, seq, number, created_at, operator_id, parent_id,
       subtotal_cents, line_discount_cents, sale_discount_cents, complimentary_cents, total_cents, rounding_cents,
       due_cents, tendered_cents, change_cents, lottery_code, source, note, journal_seq)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23) ON CONFLICT DO NOTHING`,
    [d.id, till.shopId, till.tillId, d.kind, d.businessDay, d.seq, d.number, d.createdAt, d.operatorId, d.parentId,
      d.subtotalCents, d.lineDiscountCents, d.saleDiscountCents, d.complimentaryCents, d.totalCents, d.roundingCents,
      d.dueCents, d.tenderedCents, d.changeCents, d.lotteryCode, d.source, d.note, journalSeq]);
  // Its rows only with a header this request inserted: a header already there came with its rows
  // (same transaction), and an id taken by another till's document must not collect ours.
  if (r.rowCount !== 1) return;
  if (d.lines.length > 0) {
    await c.query(
      `INSERT INTO document_lines (document_id, line_no, product_id, sku, barcode, description, department, vat_code,
         quantity_milli, unit_price_cents, list_price_cents, gross_cents, discount_cents, sale_discount_share_cents,
         complimentary, amount_cents, parent_line_no)
       SELECT $1, x."lineNo", x."productId", x.sku, x.barcode, x.description, x.department, x."vatCode", x."quantityMilli",
         x."unitPriceCents", x."listPriceCents", x."grossCents", x."discountCents", x."saleDiscountShareCents",
         x.complimentary, x."amountCents", x."parentLineNo"
       FROM jsonb_to_recordset($2::jsonb) AS x("lineNo" int, "productId" text, sku text, barcode text, description text,
         department text, "vatCode" text, "quantityMilli" bigint, "unitPriceCents" bigint, "listPriceCents" bigint,
         "grossCents" bigint, "discountCents" bigint, "saleDiscountShareCents" bigint, complimentary int, "amountCents" bigint,
         "parentLineNo" int)
       ON CONFLICT DO NOTHING`, [d.id, JSON.stringify(d.lines)]);
  }
  if (d.payments.length > 0) {
    await c.query(
      `INSERT INTO payments (document_id, seq, method, amount_cents, applied_cents, count, uncollected_kind)
       SELECT $1, x.seq, x.method, x."amountCents", x."appliedCents", x.count, x."uncollectedKind"
       FROM jsonb_to_recordset($2::jsonb) AS x(seq int, method text, "amountCents" bigint, "appliedCents" bigint, count int, "uncollectedKind" text)
       ON CONFLICT DO NOTHING`, [d.id, JSON.stringify(d.payments)]);
  }
  if (d.vat.length > 0) {
    await c.query(
      `INSERT INTO vat_rows (document_id, vat_code, gross_cents, taxable_cents, vat_cents)
       SELECT $1, x."vatCode", x."grossCents", x."taxableCents", x."vatCents"
       FROM jsonb_to_recordset($2::jsonb) AS x("vatCode" text, "grossCents" bigint, "taxableCents" bigint, "vatCents" bigint)
       ON CONFLICT DO NOTHING`, [d.id, JSON.stringify(d.vat)]);
  }
}

async function insertCashMovement(c: pg.PoolClient, till: TillIdentity, m: CashMovementBody): Promise<void> {
  await c.query(
    `INSERT INTO cash_movements (id, shop_id, till_id, business_day, kind, amount_cents, reason, operator_id, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT DO NOTHING`,
    [m.id, till.shopId, till.tillId, m.businessDay, m.kind, m.amountCents, m.reason, m.operatorId, m.createdAt]);
}

async function insertClosure(c: pg.PoolClient, till: TillIdentity, z: ClosureBody): Promise<void> {
  await c.query(
    `INSERT INTO closures (till_id, business_day, shop_id, z_number, closed_at, operator_id, note, snapshot)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT DO NOTHING`,
    [till.tillId, z.businessDay, till.shopId, z.zNumber, z.closedAt, z.operatorId, z.note, z.snapshot]);
}

/** The AdE state of a document as its till reports it; only forward (a later journal entry wins). */
async function applyFiscal(c: pg.PoolClient, till: TillIdentity, e: JournalEntry, state: string): Promise<void> {
  if (!e.entityId) return;
  let detail: Record<string, unknown> | null = null;
  try { detail = JSON.parse(e.payload) as Record<string, unknown>; } catch { /* a payload is canonical JSON; kept null otherwise */ }
  const adeNumber = typeof detail?.documentNumber === 'string' ? detail.documentNumber : null;
  await c.query(
    `INSERT INTO fiscal_states (document_id, till_id, state, ade_number, detail, journal_seq) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (document_id) DO UPDATE SET state = excluded.state,
       ade_number = COALESCE(excluded.ade_number, fiscal_states.ade_number), detail = excluded.detail, journal_seq = excluded.journal_seq
     WHERE fiscal_states.till_id = excluded.till_id AND fiscal_states.journal_seq < excluded.journal_seq`,
    [e.entityId, till.tillId, state, adeNumber, detail === null ? null : JSON.stringify(detail), e.seq]);
}

/** The document body against the digest its journal entry carries (when it carries one). */
function digestProblem(e: JournalEntry): Text | null {
  if (!e.document) return null;
  let digest: unknown;
  try { digest = (JSON.parse(e.payload) as { digest?: unknown }).digest; } catch { return null; }
  if (typeof digest !== 'string') return null;
  return documentBodyDigest(e.document) === digest ? null : msg.shopLink.documentDiffers({ number: e.document.number });
}

/** Stores a till's upload, verifies its chain, moves its ack. */
export async function ingestJournal(pool: pg.Pool, till: TillIdentity, req: UploadRequest, clock: Clock): Promise<UploadResponse> {
  requireBodies(req.entries);
  const entries = [...req.entries].sort((a, b) => a.seq - b.seq);
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('INSERT INTO till_sync (till_id) VALUES ($1) ON CONFLICT DO NOTHING', [till.tillId]);
    const sync = (await c.query<{ ack_seq: string; ack_hash: string | null; chain_broken_at: string | null }>(
      'SELECT ack_seq, ack_hash, chain_broken_at FROM till_sync WHERE till_id = $1 FOR UPDATE', [till.tillId])).rows[0]!;
    const breaks: Break[] = [];
    const now = clock.now();

    for (const e of entries) {
      const ins = await c.query(
        `INSERT INTO journal (till_id, seq, at, actor, action, entity_id, payload, prev_hash, hash, received_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT DO NOTHING`,
        [till.tillId, e.seq, e.at, e.actor, e.action, e.entityId, e.payload, e.prevHash, e.hash, now]);
      if (ins.rowCount !== 1) {
        // Already stored: the same entry again (a resend) changes nothing; a different one is a break, and what is stored stays.
        const stored = (await c.query<{ hash: string }>('SELECT hash FROM journal WHERE till_id = $1 AND seq = $2', [till.tillId, e.seq])).rows[0]!;
        if (stored.hash !== e.hash) breaks.push({ seq: e.seq, problem: msg.shopLink.chainRewritten({ seq: e.seq }) });
        continue;
      }
      const differs = digestProblem(e);
      if (differs) breaks.push({ seq: e.seq, problem: differs });
      if (e.document) await insertDocument(c, till, e.document, e.seq);
      if (e.cashMovement) await insertCashMovement(c, till, e.cashMovement);
      if (e.closure) await insertClosure(c, till, e.closure);
      const fiscal = FISCAL_ACTION.exec(e.action);
      if (fiscal) await applyFiscal(c, till, e, fiscal[1]!);
      if (INVOICE_ACTION.test(e.action)) await noteInvoiceAtSale(c, till, e);
    }

    // The ack walks forward over what is stored while it is contiguous, checking each entry's own
    // hash and its link to the one before, as `audit verify` does on the till.
    let ackSeq = Number(sync.ack_seq);
    let ackHash = sync.ack_hash ?? GENESIS_HASH;
    for (;;) {
      const page = (await c.query<{ seq: string; at: string; actor: string | null; action: string; entity_id: string | null; payload: string; prev_hash: string; hash: string }>(
        `SELECT seq, at, actor, action, entity_id, payload, prev_hash, hash FROM journal
          WHERE till_id = $1 AND seq > $2 AND seq <= $2 + $3 ORDER BY seq`, [till.tillId, ackSeq, WALK_PAGE])).rows;
      let moved = 0;
      for (const r of page) {
        const seq = Number(r.seq);
        if (seq !== ackSeq + 1) break;
        if (r.prev_hash !== ackHash) breaks.push({ seq, problem: msg.shopLink.chainUnlinked({ seq }) });
        else if (entryHash(r.prev_hash, seq, r.at, r.actor, r.action, r.entity_id, r.payload) !== r.hash) breaks.push({ seq, problem: msg.shopLink.chainTampered({ seq }) });
        ackSeq = seq;
        ackHash = r.hash;
        moved++;
      }
      if (moved < WALK_PAGE) break;
    }

    const first = breaks.sort((a, b) => a.seq - b.seq)[0];
    const storedBreak = sync.chain_broken_at === null ? null : Number(sync.chain_broken_at);
    const newBreak = first && (storedBreak === null || first.seq < storedBreak) ? first : null;
    await c.query(
      `UPDATE till_sync SET ack_seq = $2, ack_hash = $3, last_upload_at = $4, report = $5, report_at = $4,
         chain_broken_at = COALESCE($6, chain_broken_at), chain_problem = COALESCE($7, chain_problem)
       WHERE till_id = $1`,
      [till.tillId, ackSeq, ackSeq === 0 ? null : ackHash, now, JSON.stringify(req.report), newBreak?.seq ?? null, newBreak?.problem.it ?? null]);
    await c.query('COMMIT');
    return { ackSeq, chainBrokenAt: newBreak?.seq ?? storedBreak };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
