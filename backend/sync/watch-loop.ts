// The loop both senders run (receipts: ./engine.ts, invoices: ../invoicing/sender/engine.ts): drain,
// then sleep until the next thing is due, a kick() (a new document was committed) or the abort
// signal, and drain again. A kick during a drain is not lost: the next drain starts at once.
export interface WatchOptions<S> {
  signal?: AbortSignal;
  idleMs?: number;
  onDrain?: (s: S) => void;
}

export function watchLoop<S>(drainOnce: () => Promise<S>, nextWakeMs: (idleMs: number) => number, defaultIdleMs: number): {
  watch(opts?: WatchOptions<S>): Promise<void>;
  kick(): void;
} {
  let wake: (() => void) | null = null;
  let kicked = false;
  return {
    async watch(opts = {}) {
      const idleMs = opts.idleMs ?? defaultIdleMs;
      while (!opts.signal?.aborted) {
        const s = await drainOnce();
        opts.onDrain?.(s);
        if (opts.signal?.aborted) break;
        if (kicked) { kicked = false; continue; }
        await new Promise<void>((resolve) => {
          const t = setTimeout(done, nextWakeMs(idleMs));
          function done() { clearTimeout(t); wake = null; opts.signal?.removeEventListener('abort', done); resolve(); }
          wake = done;
          opts.signal?.addEventListener('abort', done);
        });
      }
    },
    kick() {
      kicked = true;
      wake?.();
    },
  };
}
