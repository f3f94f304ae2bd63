// Reading a printer's status bytes off a byte stream. Replies arrive whenever the network delivers
// them: one per packet, several in one packet, or none. The reader takes them one byte at a time,
// drops Automatic Status Back messages (4 bytes, sent unasked by printers configured for ASB) and
// hands each waiting query the first byte that has the shape of its answer.
import { isAsbHeader } from '../printer-status.js';

interface Waiter {
  accept: (b: number) => boolean;
  resolve: (b: number) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class ReplyTimeout extends Error {
  constructor(what: string, ms: number) {
    super(`no reply to ${what} within ${ms} ms`);
    this.name = 'ReplyTimeout';
  }
}

export class ReplyReader {
  private readonly bytes: number[] = [];
  private readonly waiters: Waiter[] = [];
  private asbLeft = 0;
  private closedWith: Error | null = null;

  feed(chunk: Uint8Array): void {
    for (const b of chunk) {
      if (this.asbLeft > 0) { this.asbLeft--; continue; }
      if (isAsbHeader(b)) { this.asbLeft = 3; continue; }
      this.bytes.push(b);
    }
    this.drain();
  }

  /** Fails every pending and future wait (the connection is gone). */
  close(err: Error): void {
    this.closedWith = err;
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }

  /** The next reply byte that `accept`s, or a ReplyTimeout after `timeoutMs`. */
  next(accept: (b: number) => boolean, timeoutMs: number, what: string): Promise<number> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise<number>((resolve, reject) => {
      const w: Waiter = {
        accept,
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = this.waiters.indexOf(w);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(new ReplyTimeout(what, timeoutMs));
        }, timeoutMs),
      };
      this.waiters.push(w);
      this.drain();
    });
  }

  private drain(): void {
    while (this.waiters.length > 0 && this.bytes.length > 0) {
      const b = this.bytes.shift()!;
      const w = this.waiters[0]!;
      // A byte that is not shaped like the awaited answer is stale or noise: dropped.
      if (!w.accept(b)) continue;
      this.waiters.shift();
      clearTimeout(w.timer);
      w.resolve(b);
    }
  }
}
