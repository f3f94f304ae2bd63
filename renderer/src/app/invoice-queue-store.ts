// The invoice queue for the status bar (issue #13): asked for at start and whenever the backend says
// the status changed (the change feed follows invoice_outbox, moved by the sender on its own
// connection), and when the channel comes back — as status-store.ts does, never on a timer. Kept
// apart from the till's status so that a till without invoicing asks one thing less to draw its bar.
import { create } from 'zustand';
import type { InvoiceQueue } from '../../../shared/contract/invoices.js';
import { getApi } from '../api/client.js';

interface InvoiceQueueState {
  /** null until known, or while nobody is logged in (invoices.queue is an operator's query). */
  queue: InvoiceQueue | null;
  refresh(): Promise<void>;
  start(): () => void;
}

let running: Promise<void> | null = null;
let again = false;

export const useInvoiceQueue = create<InvoiceQueueState>()((set, get) => ({
  queue: null,
  refresh() {
    if (running) {
      again = true;
      return running;
    }
    const run = (async () => {
      do {
        again = false;
        const r = await getApi().call('invoices.queue', {});
        set({ queue: r.ok ? r.value : null });
      } while (again);
    })();
    running = run.finally(() => { running = null; });
    return running;
  },
  start() {
    void get().refresh();
    return getApi().onEvent((e) => {
      if (e.type === 'connection' ? e.up : e.topics.includes('status')) void get().refresh();
    });
  },
}));

/** Invoices not yet handed to the service: waiting, being sent, or being checked before a re-send. */
export function invoicesToSend(q: InvoiceQueue): number {
  return (q.counts.pending ?? 0) + (q.counts.sending ?? 0) + (q.counts.unknown ?? 0);
}
