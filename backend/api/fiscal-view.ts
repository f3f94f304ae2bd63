// The fiscal side of a document as the history shows it: its phase in plain words, what happened to
// a sale afterwards (annullato, reso totale/parziale), why it was refused and what to do, and whether
// «Riprova» / «Non trasmettere» apply. Reads only; the writes are the sync's (sync/cancel.ts, status.ts).
import type { ReadableDb } from '../db/types.js';
import type { DocumentRecord } from '../../shared/document.js';
import { fiscalPhase, type DocumentDetail, type FiscalPhase, type FiscalProblem, type SaleMark } from '../../shared/contract/documents.js';
import { classifyRefusal, explainRefusal, refusalSource } from '../../shared/fiscal-errors.js';
import { cancelBlocker, cancellationOf } from '../sync/cancel.js';
import { operatorName } from '../operators.js';

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
  return (db.prepare(`SELECT ${SALE_MARK_SQL} AS m FROM documents d WHERE d.id = ?`).get(doc.id) as { m: SaleMark | null }).m;
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
  return (db.prepare('SELECT state FROM outbox WHERE document_id = ?').get(doc.parentId) as { state: string } | undefined)?.state ?? null;
}

export type FiscalDetail = Pick<DocumentDetail, 'fiscalPhase' | 'saleMark' | 'fiscalProblem' | 'canRetry' | 'cancelTransmission' | 'cancellation'>;

export function fiscalDetail(db: ReadableDb, doc: DocumentRecord): FiscalDetail {
  const state = doc.fiscal?.state ?? null;
  const phase: FiscalPhase = fiscalPhase(state, parentState(db, doc));
  const blocker = doc.fiscal ? cancelBlocker(db, doc.id) : { code: 'NO_OUTBOX', message: 'Documento non in coda di trasmissione', messageEn: 'Document not in the transmission queue' };
  const cancellation = state === 'cancelled' ? cancellationOf(db, doc.id) : null;
  return {
    fiscalPhase: phase,
    saleMark: saleMarkOf(db, doc),
    fiscalProblem: fiscalProblem(state, doc.fiscal?.lastErrorCode ?? null, doc.fiscal?.lastErrorMessage ?? null, doc.kind),
    canRetry: state === 'failed',
    cancelTransmission: { allowed: blocker === null, reason: blocker?.message ?? null, reasonEn: blocker?.messageEn ?? null },
    cancellation: cancellation ? { reason: cancellation.reason, at: cancellation.at, by: cancellation.by ? operatorName(db, cancellation.by) ?? cancellation.by : null } : null,
  };
}
