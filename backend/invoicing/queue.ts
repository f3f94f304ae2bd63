// The invoice queue as the shop sees it (contract `invoices.queue`, `invoices.retry`): how many
// invoices stand where, and what stops the whole queue. The sender (./sender) moves the rows; this
// module only reads them, and puts a failed invoice back in the queue when a manager asks.
// What stops it, first cause first: no usable configuration; the service refused the account (the
// sender's `invoice_stop`); a limit (`invoice_pause`: 429, Fattura24's quotas, with when it frees);
// invoices already at a service no longer configured (their look-ups and polls cannot go anywhere).
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
import { readPause, readStop } from './sender/store.js';
import { orphanedByProvider } from './sender/recorded.js';

/** `now`: a limit that has run out is no longer said (the sender clears it at its next round). */
export function invoiceQueue(db: ReadableDb, env: Env, keys: KeyProvider | null, now?: Date): InvoiceQueue {
  const counts = Object.fromEntries(INVOICE_SENDING_STATES.map((s) => [s, 0])) as Record<InvoiceSendingState, number>;
  for (const r of db.prepare('SELECT state, count(*) AS n FROM invoice_outbox GROUP BY state').all() as { state: InvoiceSendingState; n: number }[]) counts[r.state] = r.n;
  const provider = getSetting(db, 'invoice.provider') || null;
  const cfg = readInvoicingConfig(db, env, keys);
  const said = (code: string, t: { it: string; en: string }) => ({ code, message: t.it, messageEn: t.en });
  let stopped: InvoiceQueue['stopped'] = null;
  let next = db.prepare(`SELECT min(next_attempt_at) FROM invoice_outbox WHERE state IN ('pending', 'unknown') AND next_attempt_at IS NOT NULL`).pluck().get() as string | null;
  const stop = readStop(db);
  const pause = readPause(db);
  const gone = orphanedByProvider(db, env, keys)[0];
  if ('gap' in cfg) stopped = said(`INVOICING_${cfg.gap.toUpperCase()}`, msg.invoicingQueue[cfg.gap]);
  else if (stop) stopped = said('INVOICING_ACCOUNT_REFUSED', msg.invoiceSender.accountStopped({ detail: stop.message }));
  if (!stopped && pause && (!now || pause.until > now.toISOString())) {
    stopped = said('INVOICING_LIMITED', msg.invoiceSender.limited({ detail: pause.message }));
    next = next && next > pause.until ? next : pause.until;
  }
  if (!stopped && gone) stopped = said('INVOICING_PROVIDER_GONE', msg.invoiceSender.providerGone({ provider: gone.provider, count: gone.count }));
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
