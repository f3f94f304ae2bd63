// The invoice queue as the shop sees it (contract `invoices.queue`, `invoices.retry`): how many
// invoices stand where, and what stops the whole queue. The sender (./sender) moves the rows; this
// module only reads them, and puts a failed invoice back in the queue when a manager asks.
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { Env } from '../config.js';
import type { Clock } from '../../shared/time.js';
import { INVOICE_SENDING_STATES, type InvoiceQueue, type InvoiceSendingState } from '../../shared/contract/invoices.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import type { KeyProvider } from '../secrets.js';
import { appendAudit } from '../ledger/audit.js';
import { getSetting } from '../settings.js';
import { readInvoicingConfig } from './config.js';
import { getInvoice, type InvoiceRecord } from './store.js';

export function invoiceQueue(db: ReadableDb, env: Env, keys: KeyProvider | null): InvoiceQueue {
  const counts = Object.fromEntries(INVOICE_SENDING_STATES.map((s) => [s, 0])) as Record<InvoiceSendingState, number>;
  for (const r of db.prepare('SELECT state, count(*) AS n FROM invoice_outbox GROUP BY state').all() as { state: InvoiceSendingState; n: number }[]) counts[r.state] = r.n;
  const provider = getSetting(db, 'invoice.provider') || null;
  const cfg = readInvoicingConfig(db, env, keys);
  const stopped = 'gap' in cfg ? { code: `INVOICING_${cfg.gap.toUpperCase()}`, message: msg.invoicingQueue[cfg.gap].it, messageEn: msg.invoicingQueue[cfg.gap].en } : null;
  const next = db.prepare(`SELECT min(next_attempt_at) FROM invoice_outbox WHERE state IN ('pending', 'unknown') AND next_attempt_at IS NOT NULL`).pluck().get() as string | null;
  return { provider, counts, stopped, nextAttemptAt: next };
}

/** A failed invoice (refused by the service, certainly not stored) back to pending. */
export function retryInvoice(db: WritableDb, clock: Clock, ref: string, operatorId: string | null): InvoiceRecord {
  return db.transaction(() => {
    const inv = getInvoice(db, ref);
    if (inv.sending.state !== 'failed') fail('INVOICE_NOT_FAILED', msg.invoicingQueue.notFailed({ number: inv.number, state: inv.sending.label }), 'invoice');
    const at = clock.now().toISOString();
    db.prepare(`UPDATE invoice_outbox SET state = 'pending', next_attempt_at = NULL, last_error = NULL, updated_at = ? WHERE invoice_id = ?`).run(at, inv.id);
    appendAudit(db, { at, actor: operatorId, action: 'invoice.retry', entityId: inv.id, payload: { number: inv.number } });
    return getInvoice(db, inv.id);
  }).immediate();
}
