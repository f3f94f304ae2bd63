// The printer as set-up step 3 drives it: the outcome of one job (the test page just asked for), the
// models the encoder knows, and the drawer test.
import type { HandlerMap } from './context.js';
import { getPrintJob } from '../printing/jobs.js';
import { printerModelList } from '../printing/encode.js';
import { appendAudit } from '../ledger/audit.js';
import { BanconeError, fail } from '../../shared/errors.js';
import { msg, textOf } from '../../shared/messages/index.js';
import type { PrintJobView } from '../../shared/contract/printing.js';

type PrintingMethods = 'printing.job' | 'printing.models' | 'printing.testDrawer';

export const printingHandlers: HandlerMap<PrintingMethods> = {
  'printing.job': ({ id }, ctx) => {
    const j = getPrintJob(ctx.db, id);
    if (!j) fail('PRINT_JOB_NOT_FOUND', msg.wizardPrinter.jobNotFound({ id }), 'id');
    return {
      id: j.id, kind: j.kind, state: j.state as PrintJobView['state'], attempts: j.attempts,
      lastError: j.lastError, printedAt: j.printedAt, confirmed: j.confirmed,
    };
  },

  'printing.models': () => ({ models: printerModelList() }),

  'printing.testDrawer': async (_, ctx) => {
    const open = ctx.printing?.openDrawer;
    if (!open) fail('PRINTING_UNAVAILABLE', msg.wizardPrinter.noPrinting);
    try {
      await open();
    } catch (e) {
      const code = e instanceof BanconeError ? e.code : 'PRINTER_ERROR';
      const detail = textOf(e instanceof BanconeError ? { message: e.message, messageEn: e.messageEn } : { message: String(e), messageEn: String(e) });
      appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.operator.id, action: 'printing.drawer_test', entityId: null, payload: { opened: false, code } });
      if (code === 'PRINTER_NOT_CONFIGURED') fail(code, msg.wizardPrinter.notConfigured, 'printer.url');
      fail(code, msg.wizardPrinter.drawerFailed({ detail }), 'printer.url');
    }
    const openedAt = ctx.clock.now().toISOString();
    appendAudit(ctx.db, { at: openedAt, actor: ctx.operator.id, action: 'printing.drawer_test', entityId: null, payload: { opened: true } });
    return { openedAt };
  },
};
