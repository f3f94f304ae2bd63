// Committed documents: detail, history with fiscal status, receipt preview/reprint, returns, voids, retry.
import type { HandlerContext, HandlerMap } from './context.js';
import { businessDayFor, getDocument, recordReturn, recordVoid, returnedQuantities, voidBlocker } from '../ledger/index.js';
import { appendAudit } from '../ledger/audit.js';
import { getSetting } from '../settings.js';
import { fail } from '../../shared/errors.js';
import { quantityFromNumber } from '../../shared/money.js';
import { refundForQuantity } from '../../shared/sale.js';
import { layoutDocument, type ShopInfo } from '../../shared/receipt.js';
import { fiscalGroup, fiscalPhase, type HistoryRow } from '../../shared/contract/documents.js';
import { fiscalDetail, fiscalProblem, SALE_MARK_SQL } from './fiscal-view.js';
import { cancelTransmission, settleUntransmitted } from '../sync/cancel.js';
import type { ReadableDb } from '../db/types.js';
import type { ReturnRequest } from '../../shared/schemas/documents.js';
import { insertPrintJob } from '../printing/jobs.js';
import { policyReturn, returnPolicy, returnReasons } from '../policies.js';

type DocumentMethods =
  | 'documents.get' | 'documents.history' | 'documents.receipt' | 'documents.reprint' | 'documents.printFiscalNumber'
  | 'documents.return' | 'documents.void' | 'documents.retry' | 'documents.cancelTransmission';

export function shopInfo(db: ReadableDb): ShopInfo {
  return { name: getSetting(db, 'shop.name'), address: getSetting(db, 'shop.address'), vatNumber: getSetting(db, 'shop.vatNumber'), footer: getSetting(db, 'shop.footer') };
}

/** The SQL twin of fiscalGroup() (shared/contract/documents.ts); a unit test keeps them in step. */
const GROUP_SQL = `CASE WHEN x.state = 'sent' THEN 'sent' WHEN x.state IN ('ready','voided') THEN 'ready' WHEN x.state = 'failed' THEN 'error'
  WHEN x.state = 'cancelled' THEN 'cancelled' ELSE 'queued' END`;

/**
 * What the sale will have refunded after this return, to decide whether it needs a manager (invalid
 * lines are left to the ledger). Earlier returns of the same sale count, so that splitting one
 * refund into small returns does not avoid the manager.
 */
function refundEstimate(db: ReadableDb, req: ReturnRequest): number {
  const sale = getDocument(db, req.sale);
  const returned = returnedQuantities(db, sale.id);
  const refunded = (db.prepare(`SELECT coalesce(sum(abs(total_cents)), 0) AS n FROM documents WHERE parent_id = ? AND kind = 'return'`).get(sale.id) as { n: number }).n;
  return refunded + req.lines.reduce((sum, r) => {
    const line = sale.lines.find((l) => l.lineNo === r.line_no);
    const qty = quantityFromNumber(r.quantity);
    if (!line || qty === null) return sum;
    const already = returned.get(line.lineNo) ?? 0;
    return sum + refundForQuantity(line.amountCents, line.quantityMilli, already, Math.min(qty, line.quantityMilli - already));
  }, 0);
}

function enqueuePrint(ctx: HandlerContext, kind: 'reprint' | 'test' | 'fiscal_number', documentId: string | null): string {
  if (ctx.printing) return ctx.printing.enqueue({ kind, documentId });
  // No print queue in this process (e.g. a test): the job waits in the table for the one that runs.
  return insertPrintJob(ctx.db, ctx.clock.now(), { kind, documentId });
}
export { enqueuePrint };

export const documentHandlers: HandlerMap<DocumentMethods> = {
  'documents.get': ({ ref }, ctx) => {
    const doc = getDocument(ctx.db, ref);
    const children = ctx.db.prepare('SELECT id, kind, number, created_at AS createdAt, total_cents AS totalCents FROM documents WHERE parent_id = ? ORDER BY seq')
      .all(doc.id) as { id: string; kind: 'sale' | 'return' | 'void'; number: string; createdAt: string; totalCents: number }[];
    const voided = children.some((c) => c.kind === 'void');
    let returnable: { lineNo: number; quantityMilli: number }[] = [];
    let blocker = null;
    if (doc.kind === 'sale') {
      const returned = returnedQuantities(ctx.db, doc.id);
      returnable = doc.lines.map((l) => ({ lineNo: l.lineNo, quantityMilli: l.quantityMilli - (returned.get(l.lineNo) ?? 0) }));
      blocker = voided ? null : voidBlocker(ctx.db, doc, ctx.clock.now());
    }
    return {
      document: doc,
      fiscalGroup: fiscalGroup(doc.fiscal?.state),
      ...fiscalDetail(ctx.db, doc),
      returnable,
      voidBlocker: blocker,
      voided,
      children,
      managerReturnThresholdCents: getSetting(ctx.db, 'sale.managerReturnThresholdCents'),
    };
  },

  'documents.history': (q, ctx) => {
    const today = businessDayFor(ctx.db, ctx.clock.now());
    const to = q.to ?? (q.from && q.from > today ? q.from : today);
    const from = q.from ?? to;
    const where = ['d.business_day BETWEEN ? AND ?'];
    const params: (string | number)[] = [from, to];
    if (q.kind !== 'all') { where.push('d.kind = ?'); params.push(q.kind); }
    if (q.status !== 'all') { where.push(`${GROUP_SQL} = ?`); params.push(q.status); }
    if (q.text !== '') { where.push(`(d.number LIKE ? OR x.document_number LIKE ?)`); params.push(`%${q.text}%`, `%${q.text}%`); }
    const base = `FROM documents d LEFT JOIN outbox x ON x.document_id = d.id LEFT JOIN operators o ON o.id = d.operator_id
      LEFT JOIN documents p ON p.id = d.parent_id WHERE ${where.join(' AND ')}`;
    const total = (ctx.db.prepare(`SELECT count(*) AS n ${base}`).get(...params) as { n: number }).n;
    type Raw = Omit<HistoryRow, 'fiscalGroup' | 'fiscalPhase' | 'problem' | 'problemEn'> & { parentState: string | null; lastErrorCode: string | null };
    const rows = ctx.db.prepare(
      `SELECT d.id, d.kind, d.number, d.business_day AS businessDay, d.created_at AS createdAt, d.total_cents AS totalCents,
         o.name AS operatorName, p.number AS parentNumber, x.state AS fiscalState, x.document_number AS documentNumber,
         x.last_error_code AS lastErrorCode, x.last_error_message AS lastErrorMessage,
         (SELECT px.state FROM outbox px WHERE px.document_id = d.parent_id) AS parentState, ${SALE_MARK_SQL} AS saleMark
       ${base} ORDER BY d.business_day DESC, d.seq DESC LIMIT ? OFFSET ?`,
    ).all(...params, q.limit, q.offset) as Raw[];
    return {
      rows: rows.map(({ parentState, lastErrorCode, ...r }) => {
        const problem = fiscalProblem(r.fiscalState, lastErrorCode, r.lastErrorMessage, r.kind);
        return { ...r, fiscalGroup: fiscalGroup(r.fiscalState), fiscalPhase: fiscalPhase(r.fiscalState, parentState), problem: problem?.explanation ?? null, problemEn: problem?.explanationEn ?? null };
      }),
      total,
    };
  },

  'documents.receipt': ({ id, mark }, ctx) =>
    layoutDocument(getDocument(ctx.db, id), shopInfo(ctx.db), {
      columns: getSetting(ctx.db, 'printer.columns'), mark, fiscalNumberSlip: getSetting(ctx.db, 'printing.fiscalNumberSlip'),
    }),

  'documents.reprint': ({ id }, ctx) => {
    const doc = getDocument(ctx.db, id);
    const printJobId = enqueuePrint(ctx, 'reprint', doc.id);
    appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.operator.id, action: 'document.reprint', entityId: doc.id, payload: { printJobId } });
    ctx.printing?.wake?.();
    return { printJobId };
  },

  'documents.printFiscalNumber': ({ id }, ctx) => {
    const doc = getDocument(ctx.db, id);
    if (!doc.fiscal?.documentNumber && doc.fiscal?.state === 'failed') {
      fail('FISCAL_NUMBER_NONE', `${doc.number} è in errore: l'Agenzia delle Entrate non gli ha dato un numero da stampare`,
        `${doc.number} failed: the Agenzia delle Entrate gave it no number to print`, 'id');
    }
    if (!doc.fiscal?.documentNumber) {
      fail('FISCAL_NUMBER_NOT_READY', `Il numero AdE di ${doc.number} non è ancora arrivato dall'Agenzia delle Entrate: si potrà stampare appena arriva`,
        `The AdE number of ${doc.number} has not arrived from the Agenzia delle Entrate yet: it can be printed once it does`, 'id');
    }
    const printJobId = enqueuePrint(ctx, 'fiscal_number', doc.id);
    appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.operator.id, action: 'document.print_fiscal_number', entityId: doc.id, payload: { printJobId } });
    ctx.printing?.wake?.();
    return { printJobId };
  },

  'documents.return': (req, ctx) => {
    // The return threshold and cash refunds of card sales (../policies.ts), asked together: one PIN.
    const reasons = returnReasons(returnPolicy(ctx.db), policyReturn(ctx.db, req.sale, refundEstimate(ctx.db, req), req.refund_method));
    if (reasons.length > 0) ctx.requireManager(reasons);
    const r = recordReturn(ctx.db, ctx.clock, req, { operatorId: ctx.operator.id, source: 'till' });
    // A return of a sale whose transmission was cancelled goes nowhere either: say so at once.
    settleUntransmitted(ctx.db, ctx.clock.now());
    ctx.printing?.wake?.();
    ctx.sync?.wake?.();
    return r;
  },

  'documents.void': (req, ctx) => {
    const r = recordVoid(ctx.db, ctx.clock, req, { operatorId: ctx.operator.id, source: 'till' });
    // A void of a sale the AdE refused (or never got) cancels the transmission of both (sync/cancel.ts).
    settleUntransmitted(ctx.db, ctx.clock.now());
    ctx.printing?.wake?.();
    ctx.sync?.wake?.();
    return r;
  },

  'documents.retry': async ({ id }, ctx) => {
    // A void recorded meanwhile (e.g. from the command line) may have cancelled this sale's transmission.
    settleUntransmitted(ctx.db, ctx.clock.now());
    const doc = getDocument(ctx.db, id);
    if (doc.fiscal?.state === 'cancelled')
      fail('SYNC_CANCELLED', `${doc.number} è escluso dall'invio (non trasmesso): non si può ritrasmettere`, `${doc.number} is excluded from transmission: it cannot be sent again`, 'id');
    if (doc.fiscal?.state !== 'failed')
      fail('NOT_FAILED', `Il documento ${doc.number} non è in errore: non c'è nulla da riprovare`, `Document ${doc.number} has not failed: nothing to retry`, 'id');
    if (!ctx.sync) fail('SYNC_UNAVAILABLE', 'La trasmissione non è attiva in questa sessione', 'Transmission is not running in this session');
    const r = await ctx.sync.retry(doc.id, ctx.operator.id);
    ctx.sync.wake?.();
    return r;
  },

  'documents.cancelTransmission': ({ id, reason }, ctx) => {
    const manager = ctx.requireManager('documents.cancelTransmission');
    const r = cancelTransmission(ctx.db, id, { clock: ctx.clock, operatorId: manager.id, reason });
    ctx.sync?.wake?.();
    return { state: r.state, cancelled: r.cancelled.length };
  },
};
