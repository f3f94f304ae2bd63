// Training sales: recorded apart from the fiscal ledger (training_documents, migration 0012), with
// their own numbering «PROVA 2026-12-02/0001». They take no fiscal number (day_counters), no outbox
// row (nothing reaches Openapi), no report totals (the report triggers watch `documents` only) and
// no audit entry (the audit chain journals fiscal documents; a training slip proves nothing to the
// AdE, and keeping it out means `bancone audit verify` speaks of fiscal documents only). The slip is
// printed from the job's own payload (printing/render.ts 'training_receipt').
import { randomUUID } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { DocumentRecord } from '../../shared/document.js';
import type { CommitResult } from '../../shared/schemas/documents.js';
import type { TrainingHistoryRow } from '../../shared/contract/documents.js';
import type { DocumentToWrite } from '../ledger/write.js';
import { readStmt, writeStmt } from '../db/statements.js';
import { insertPrintJob } from '../printing/jobs.js';
import { takeNumber } from '../ledger/numbering.js';

/** The prefix of every training number: it can never be read as a fiscal one. */
export const TRAINING_NUMBER_PREFIX = 'PROVA';

/** A training sale: written (and its slip queued) in the caller's transaction. Sales only. */
export function writeTrainingDocument(db: WritableDb, doc: DocumentToWrite): CommitResult {
  const id = randomUUID();
  const at = doc.at.toISOString();
  const { seq, number } = takeNumber(db, doc.businessDay, { counters: 'training_counters', prefix: `${TRAINING_NUMBER_PREFIX} ` });
  const t = doc.totals;
  const record: DocumentRecord = {
    id, kind: doc.kind, number, businessDay: doc.businessDay, seq, createdAt: at, operatorId: doc.operatorId,
    parentId: null, parent: null,
    subtotalCents: t.subtotalCents, lineDiscountCents: t.lineDiscountCents, saleDiscountCents: t.saleDiscountCents,
    complimentaryCents: t.complimentaryCents, totalCents: t.totalCents, roundingCents: t.roundingCents, dueCents: t.dueCents,
    tenderedCents: t.tenderedCents, changeCents: t.changeCents, lotteryCode: t.lotteryCode, source: doc.source, note: doc.note,
    lines: t.lines.map((l) => ({
      lineNo: l.lineNo, productId: l.productId ?? null, sku: l.sku ?? null, barcode: l.barcode ?? null, description: l.description,
      department: l.department ?? null, vatCode: l.vatCode, quantityMilli: l.quantityMilli, unitPriceCents: l.unitPriceCents,
      listPriceCents: l.listPriceCents ?? null, grossCents: l.grossCents, discountCents: l.discountCents,
      saleDiscountShareCents: l.saleDiscountShareCents, complimentary: l.complimentary ?? false, amountCents: l.amountCents, parentLineNo: null,
    })),
    payments: t.payments.map((p, i) => ({
      seq: i + 1, method: p.method, amountCents: p.amountCents, appliedCents: p.appliedCents, count: p.count ?? null, uncollectedKind: p.uncollectedKind ?? null,
    })),
    vat: t.vat,
    fiscal: null,
  };
  writeStmt(db, 'INSERT INTO training_documents (id, business_day, seq, number, created_at, operator_id, total_cents, body) VALUES (?,?,?,?,?,?,?,?)')
    .run(id, doc.businessDay, seq, number, at, doc.operatorId, t.totalCents, JSON.stringify(record));
  const printJobId = doc.printReceipt ? insertPrintJob(db, doc.at, { kind: 'training_receipt', payload: { document: record } }) : randomUUID();
  return {
    id, kind: doc.kind, number, businessDay: doc.businessDay, totalCents: t.totalCents, dueCents: t.dueCents,
    changeCents: t.changeCents, roundingCents: t.roundingCents, vat: t.vat, printJobId, invoice: null,
  };
}

/** A training document by id or number, or null. */
export function findTrainingDocument(db: ReadableDb, ref: string): DocumentRecord | null {
  const r = readStmt(db, 'SELECT body FROM training_documents WHERE id = ? OR number = ?').get(ref, ref) as { body: string } | undefined;
  return r ? (JSON.parse(r.body) as DocumentRecord) : null;
}

/** The training sales of the business days from…to, newest first (the history lists them apart, marked «PROVA»). */
export function trainingHistory(db: ReadableDb, from: string, to: string, limit = 200): TrainingHistoryRow[] {
  return readStmt(db, `SELECT t.id, t.number, t.business_day AS businessDay, t.created_at AS createdAt, t.total_cents AS totalCents, o.name AS operatorName
    FROM training_documents t LEFT JOIN operators o ON o.id = t.operator_id
    WHERE t.business_day BETWEEN ? AND ? ORDER BY t.business_day DESC, t.seq DESC LIMIT ?`).all(from, to, limit) as TrainingHistoryRow[];
}
