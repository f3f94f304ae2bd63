// The status bar in one call: today's counts, fiscal queue, printer, operator, blackout.
import type { HandlerMap } from './context.js';
import { ledgerStatus } from '../status.js';
import { getSetting } from '../settings.js';
import { isTransmissionBlackout } from '../../../shared/time.js';

const NOT_READY = ['pending', 'sending', 'sent', 'unknown'];
/** Print job states that are finished; anything else is still waiting for the printer. */
const PRINT_DONE = ['printed', 'done', 'cancelled', 'canceled', 'failed', 'skipped'];

export const statusHandlers: HandlerMap<'status.get'> = {
  'status.get': (_, ctx) => {
    const now = ctx.clock.now();
    const l = ledgerStatus(ctx.db, now);
    const outbox = l.outbox;
    const count = (m: Record<string, number>, pick: (k: string) => boolean) => Object.entries(m).filter(([k]) => pick(k)).reduce((a, [, n]) => a + n, 0);
    const sync = ctx.sync?.status() ?? { online: null, lastSuccessAt: null, problem: null, problemEn: null };
    const printerConfigured = getSetting(ctx.db, 'printer.url') !== '';
    const printer = ctx.printing?.status() ?? (printerConfigured
      ? { state: 'unknown' as const, message: null, messageEn: null }
      : { state: 'not_configured' as const, message: 'Stampante non configurata: impostarla in Impostazioni', messageEn: 'No printer configured: set it up in Settings' });
    const op = ctx.session.operator;
    return {
      now: now.toISOString(),
      businessDay: l.businessDay,
      operator: op ? { id: op.id, name: op.name, role: op.role } : null,
      today: l.today,
      sync: {
        online: sync.online,
        queued: count(outbox, (k) => NOT_READY.includes(k)),
        failed: outbox.failed ?? 0,
        lastSuccessAt: sync.lastSuccessAt,
        blackout: isTransmissionBlackout(now),
        problem: sync.problem,
        problemEn: sync.problemEn,
      },
      printer: { ...printer, queued: count(l.printJobs, (k) => !PRINT_DONE.includes(k)) },
    };
  },
};
