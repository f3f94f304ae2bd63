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
import type { DocumentToWrite } from '../ledger/write.js';
import { readStmt, writeStmt } from '../db/statements.js';
import { insertPrintJob } from '../printing/jobs.js';

/** The prefix of every training number: it can never be read as a fiscal one. */
export const TRAINING_NUMBER_PREFIX = 'PROVA';

function takeTrainingNumber(db: WritableDb, businessDay: string): { seq: number; number: string } {
  const { last_seq: seq } = writeStmt(
    db,
    `INSERT INTO training_counters (business_day, last_seq) VALUES (?, 1)
     ON CONFLICT (business_day) DO UPDATE SET last_seq = last_seq + 1
     RETURNING last_seq`,
  ).get(businessDay) as { last_seq: number };
  return { seq, number: `${TRAINING_NUMBER_PREFIX} ${businessDay}/${seq.toString().padStart(4, '0')}` };
}

/** A training sale: written (and its slip queued) in the caller's transaction. Sales only. */
export function writeTrainingDocument(db: WritableDb, doc: DocumentToWrite): CommitResult {
  const id = randomUUID();
  const at = doc.at.toISOString();
  const { seq, number } = takeTrainingNumber(db, doc.businessDay);
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
    changeCents: t.changeCents, roundingCents: t.roundingCents, vat: t.vat, printJobId,
  };
}

/** A training document by id or number, or null. */
export function findTrainingDocument(db: ReadableDb, ref: string): DocumentRecord | null {
  const r = readStmt(db, 'SELECT body FROM training_documents WHERE id = ? OR number = ?').get(ref, ref) as { body: string } | undefined;
  return r ? (JSON.parse(r.body) as DocumentRecord) : null;
}
