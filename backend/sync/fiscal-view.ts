// The fiscal side of documents as the history shows them: the history list itself (documents with
// their outbox state), a document's phase in plain words, what happened to a sale afterwards
// (annullato, reso totale/parziale), why it was refused and what to do, and whether «Riprova» /
// «Non trasmettere» apply. Reads only; the writes are the sync's (cancel.ts, status.ts).
import type { ReadableDb } from '../db/types.js';
import { readStmt } from '../db/statements.js';
import type { DocumentRecord } from '../../shared/document.js';
import type { ParsedInput } from '../../shared/contract/index.js';
import { BY_INVOICE_STATE, fiscalGroup, fiscalPhase, type DocumentDetail, type FiscalPhase, type FiscalProblem, type HistoryRow, type SaleMark } from '../../shared/contract/documents.js';
import { classifyRefusal, explainRefusal, refusalSource } from '../../shared/fiscal-errors.js';
import { cancelBlocker, cancellationOf } from './cancel.js';
import { operatorName } from '../operators.js';
import { invoicedAtSale } from '../ledger/read.js';
import { msg } from '../../shared/messages/index.js';

/**
 * SQL for a history row's sale mark (`d` is the document): a void child → voided; returns covering
 * every piece sold → returned_full; some → returned_partial. Two lookups on documents(parent_id)
 * per row of a page, never a scan.
 */
export const SALE_MARK_SQL = `CASE WHEN d.kind <> 'sale' THEN NULL
  WHEN EXISTS (SELECT 1 FROM documents c WHERE c.parent_id = d.id AND c.kind = 'void') THEN 'voided'
  ELSE (SELECT CASE WHEN sum(l.quantity_milli) IS NULL THEN NULL
                    WHEN sum(l.quantity_milli) >= (SELECT sum(s.quantity_milli) FROM document_lines s WHERE s.document_id = d.id) THEN 'returned_full'
                    ELSE 'returned_partial' END
        FROM documents c JOIN document_lines l ON l.document_id = c.id WHERE c.parent_id = d.id AND c.kind = 'return')
  END`;

export function saleMarkOf(db: ReadableDb, doc: DocumentRecord): SaleMark | null {
  if (doc.kind !== 'sale') return null;
  return (readStmt(db, `SELECT ${SALE_MARK_SQL} AS m FROM documents d WHERE d.id = ?`).get(doc.id) as { m: SaleMark | null }).m;
}

/** Why a refused document was refused, explained; null unless it stands refused. */
export function fiscalProblem(state: string | null | undefined, code: string | null, message: string | null, kind: DocumentRecord['kind']): FiscalProblem | null {
  if (state !== 'failed') return null;
  const k = classifyRefusal(code, message);
  const e = explainRefusal(k, kind);
  return { kind: k, source: refusalSource(code), explanation: e.it, explanationEn: e.en, code, apiMessage: message };
}

function parentState(db: ReadableDb, doc: DocumentRecord): string | null {
  if (!doc.parentId) return null;
  return (readStmt(db, 'SELECT state FROM outbox WHERE document_id = ?').get(doc.parentId) as { state: string } | undefined)?.state ?? null;
}

export type FiscalDetail = Pick<DocumentDetail, 'fiscalGroup' | 'fiscalPhase' | 'saleMark' | 'fiscalProblem' | 'canRetry' | 'cancelTransmission' | 'cancellation'>;

/** A document the AdE never receives: its sale (itself, or a return's or void's) was invoiced at the counter. */
function documentedByInvoice(db: ReadableDb, doc: DocumentRecord): boolean {
  return !doc.fiscal && (invoicedAtSale(db, doc.id) || (doc.parentId !== null && invoicedAtSale(db, doc.parentId)));
}

export function fiscalDetail(db: ReadableDb, doc: DocumentRecord): FiscalDetail {
  const state = documentedByInvoice(db, doc) ? BY_INVOICE_STATE : doc.fiscal?.state ?? null;
  const phase: FiscalPhase = fiscalPhase(state, parentState(db, doc));
  const blocker = doc.fiscal ? cancelBlocker(db, doc.id) : { code: 'NO_OUTBOX', message: msg.sync.notInQueue.it, messageEn: msg.sync.notInQueue.en };
  const cancellation = state === 'cancelled' ? cancellationOf(db, doc.id) : null;
  return {
    fiscalGroup: fiscalGroup(state),
    fiscalPhase: phase,
    saleMark: saleMarkOf(db, doc),
    fiscalProblem: fiscalProblem(state, doc.fiscal?.lastErrorCode ?? null, doc.fiscal?.lastErrorMessage ?? null, doc.kind),
    canRetry: state === 'failed',
    cancelTransmission: { allowed: blocker === null, reason: blocker?.message ?? null, reasonEn: blocker?.messageEn ?? null },
    cancellation: cancellation ? { reason: cancellation.reason, at: cancellation.at, by: cancellation.by ? operatorName(db, cancellation.by) ?? cancellation.by : null } : null,
  };
}

/**
 * The document's fiscal state: its outbox row's, or BY_INVOICE_STATE for a document with none whose
 * sale was invoiced at the counter (found on the invoices_at_sale index).
 */
const STATE_SQL = `CASE WHEN x.document_id IS NULL AND EXISTS (SELECT 1 FROM invoices ai WHERE ai.at_sale = 1 AND ai.document_id IN (d.id, d.parent_id))
  THEN '${BY_INVOICE_STATE}' ELSE x.state END`;

/** The SQL twin of fiscalGroup() (shared/contract/documents.ts); a unit test keeps them in step. */
const GROUP_SQL = `CASE WHEN x.state = 'sent' THEN 'sent' WHEN x.state IN ('ready','voided') THEN 'ready' WHEN x.state = 'failed' THEN 'error'
  WHEN x.state = 'cancelled' THEN 'cancelled' WHEN (${STATE_SQL}) = '${BY_INVOICE_STATE}' THEN 'invoice' ELSE 'queued' END`;

/**
 * One page of the history (newest first) and how many documents match: by business day (from/to,
 * default `today`), kind, fiscal group and local or AdE number.
 */
export function documentHistory(db: ReadableDb, q: ParsedInput<'documents.history'>, today: string): { rows: HistoryRow[]; total: number } {
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? to;
  const where = ['d.business_day BETWEEN ? AND ?'];
  const params: (string | number)[] = [from, to];
  if (q.kind !== 'all') { where.push('d.kind = ?'); params.push(q.kind); }
  if (q.status !== 'all') { where.push(`${GROUP_SQL} = ?`); params.push(q.status); }
  // The local number, the AdE number, or the number of the document's invoice or credit note (issue #13).
  if (q.text !== '') {
    where.push(`(d.number LIKE ? OR x.document_number LIKE ? OR EXISTS (SELECT 1 FROM invoices ti WHERE ti.document_id = d.id AND ti.number LIKE ?))`);
    params.push(`%${q.text}%`, `%${q.text}%`, `%${q.text}%`);
  }
  const base = `FROM documents d LEFT JOIN outbox x ON x.document_id = d.id LEFT JOIN operators o ON o.id = d.operator_id
    LEFT JOIN documents p ON p.id = d.parent_id WHERE ${where.join(' AND ')}`;
  const total = (readStmt(db, `SELECT count(*) AS n ${base}`).get(...params) as { n: number }).n;
  type Raw = Omit<HistoryRow, 'fiscalGroup' | 'fiscalPhase' | 'problem' | 'problemEn'> & { parentState: string | null; lastErrorCode: string | null };
  // Each row's current invoice (issue #13): the newest of its document's invoices (a corrected
  // re-issue comes after the rejected one it replaces), looked up on invoices_document for the
  // page's rows only (not for the rows an offset skips).
  const rows = readStmt(db,
    `SELECT r.*, iv.number AS invoiceNumber, iv.kind AS invoiceKind, io.state AS invoiceState FROM (
       SELECT d.id, d.kind, d.number, d.business_day AS businessDay, d.created_at AS createdAt, d.total_cents AS totalCents,
         o.name AS operatorName, p.number AS parentNumber, ${STATE_SQL} AS fiscalState, x.document_number AS documentNumber,
         x.last_error_code AS lastErrorCode, x.last_error_message AS lastErrorMessage,
         (SELECT px.state FROM outbox px WHERE px.document_id = d.parent_id) AS parentState, ${SALE_MARK_SQL} AS saleMark, d.seq AS pageSeq
       ${base} ORDER BY d.business_day DESC, d.seq DESC LIMIT ? OFFSET ?) r
     LEFT JOIN invoices iv ON iv.id = (SELECT i.id FROM invoices i WHERE i.document_id = r.id ORDER BY i.rowid DESC LIMIT 1)
     LEFT JOIN invoice_outbox io ON io.invoice_id = iv.id
     ORDER BY r.businessDay DESC, r.pageSeq DESC`,
  ).all(...params, q.limit, q.offset) as (Raw & { pageSeq: number })[];
  return {
    rows: rows.map(({ parentState, lastErrorCode, pageSeq: _pageSeq, ...r }) => {
      const problem = fiscalProblem(r.fiscalState, lastErrorCode, r.lastErrorMessage, r.kind);
      return { ...r, fiscalGroup: fiscalGroup(r.fiscalState), fiscalPhase: fiscalPhase(r.fiscalState, parentState), problem: problem?.explanation ?? null, problemEn: problem?.explanationEn ?? null };
    }),
    total,
  };
}
