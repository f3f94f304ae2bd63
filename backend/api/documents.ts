// Committed documents: detail, history with fiscal status, receipt preview/reprint, returns, voids, retry.
import type { HandlerContext, HandlerMap } from './context.js';
import { businessDayFor, childDocuments, getDocument, recordReturn, recordVoid, refundAfterReturn, returnedQuantities, voidBlocker } from '../ledger/index.js';
import { appendAudit } from '../ledger/audit.js';
import { getSetting, shopInfo } from '../settings.js';
import { fail } from '../../shared/errors.js';
import { layoutDocument, layoutTrainingReceipt } from '../../shared/receipt.js';
import { findTrainingDocument, trainingHistory } from '../training/ledger.js';
import { documentHistory, fiscalDetail } from '../sync/fiscal-view.js';
import { cancelTransmission, settleUntransmitted } from '../sync/cancel.js';
import { insertPrintJob } from '../printing/jobs.js';
import { policyReturn, returnPolicy, returnReasons } from '../policies.js';
import { msg } from '../../shared/messages/index.js';
import { invoiceOfDocument } from '../invoicing/store.js';

type DocumentMethods =
  | 'documents.get' | 'documents.history' | 'documents.trainingHistory' | 'documents.receipt' | 'documents.reprint' | 'documents.printFiscalNumber'
  | 'documents.return' | 'documents.void' | 'documents.retry' | 'documents.cancelTransmission';

function enqueuePrint(ctx: HandlerContext, kind: 'reprint' | 'test' | 'fiscal_number', documentId: string | null): string {
  if (ctx.printing) return ctx.printing.enqueue({ kind, documentId });
  // No print queue in this process (e.g. a test): the job waits in the table for the one that runs.
  return insertPrintJob(ctx.db, ctx.clock.now(), { kind, documentId });
}
export { enqueuePrint };

/** A return's or void's sale's invoice (a credit note is then due), else null. */
function saleInvoiceOf(ctx: HandlerContext, kind: 'sale' | 'return' | 'void', parentId: string | null): { id: string; number: string } | null {
  if (kind === 'sale' || !parentId) return null;
  const inv = invoiceOfDocument(ctx.db, parentId);
  return inv ? { id: inv.id, number: inv.number } : null;
}

export const documentHandlers: HandlerMap<DocumentMethods> = {
  'documents.get': ({ ref }, ctx) => {
    const doc = getDocument(ctx.db, ref);
    const children = childDocuments(ctx.db, doc.id);
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
      ...fiscalDetail(ctx.db, doc),
      returnable,
      voidBlocker: blocker,
      voided,
      children,
      managerReturnThresholdCents: getSetting(ctx.db, 'sale.managerReturnThresholdCents'),
      // Issue #13: its invoice (a sale's TD01, a refund's credit note), and a refund's sale's invoice.
      invoice: invoiceOfDocument(ctx.db, doc.id),
      saleInvoice: saleInvoiceOf(ctx, doc.kind, doc.parentId),
    };
  },

  'documents.history': (q, ctx) => documentHistory(ctx.db, q, businessDayFor(ctx.db, ctx.clock.now())),

  'documents.trainingHistory': (q, ctx) => {
    // The same days as documents.history: today when none is given.
    const today = businessDayFor(ctx.db, ctx.clock.now());
    const to = q.to ?? (q.from && q.from > today ? q.from : today);
    return { rows: trainingHistory(ctx.db, q.from ?? to, to) };
  },

  'documents.receipt': ({ id, mark }, ctx) => {
    // A training sale's slip (backend/training/): shown as it printed, with its training bands.
    const training = findTrainingDocument(ctx.db, id);
    if (training) return layoutTrainingReceipt(training, shopInfo(ctx.db), { columns: getSetting(ctx.db, 'printer.columns') });
    return layoutDocument(getDocument(ctx.db, id), shopInfo(ctx.db), {
      columns: getSetting(ctx.db, 'printer.columns'), mark, fiscalNumberSlip: getSetting(ctx.db, 'printing.fiscalNumberSlip'),
    });
  },

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
      fail('FISCAL_NUMBER_NONE', msg.ledger.fiscalNumberNone({ number: doc.number }), 'id');
    }
    if (!doc.fiscal?.documentNumber) {
      fail('FISCAL_NUMBER_NOT_READY', msg.ledger.fiscalNumberNotReady({ number: doc.number }), 'id');
    }
    const printJobId = enqueuePrint(ctx, 'fiscal_number', doc.id);
    appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.operator.id, action: 'document.print_fiscal_number', entityId: doc.id, payload: { printJobId } });
    ctx.printing?.wake?.();
    return { printJobId };
  },

  'documents.return': (req, ctx) => {
    // The return threshold and cash refunds of card sales (../policies.ts), asked together: one PIN.
    const reasons = returnReasons(returnPolicy(ctx.db), policyReturn(ctx.db, req.sale, refundAfterReturn(ctx.db, req), req.refund_method));
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
      fail('SYNC_CANCELLED', msg.ledger.retryExcluded({ number: doc.number }), 'id');
    if (doc.fiscal?.state !== 'failed')
      fail('NOT_FAILED', msg.ledger.retryNotFailed({ number: doc.number }), 'id');
    if (!ctx.sync) fail('SYNC_UNAVAILABLE', msg.ledger.syncUnavailable);
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
