// A virtual Epson TM-style network printer on 127.0.0.1 (ephemeral port): it records what it is
// sent, decodes it into paper (emulators/escpos-decoder.ts), and answers DLE EOT / GS r the way a
// real TM does in each condition. The mode can be switched while it runs:
//   ok         prints, answers everything
//   nearEnd    prints, but reports the roll nearly finished
//   paperOut   offline: DLE EOT says paper end, GS r is never answered, nothing printed
//   coverOpen  offline: DLE EOT says cover open, GS r is never answered, nothing printed
//   silent     accepts connections and data, never answers, prints nothing
//   refused    not listening: connections are refused
// The cash drawer is modelled like a TM's: ESC p is processed in order with the print data, so it
// opens the drawer only when the job around it prints; DLE DC4 1 m t ("generate pulse in real
// time") opens it the moment it arrives, also out of paper or with the cover open (not when silent,
// which stands for a wedged printer). Every opening is in `drawerKicks`.
// Used by the printing tests, the UI end-to-end tests and `bancone serve --demo`.
import net from 'node:net';
import { EscPosDecoder, type DecodedEvent, type DecodedPaper } from './escpos-decoder.js';

export type VirtualPrinterMode = 'ok' | 'nearEnd' | 'paperOut' | 'coverOpen' | 'silent' | 'refused';

export interface VirtualJob {
  /** Every byte received on the connection, status queries included. */
  bytes: Uint8Array;
  paper: DecodedPaper;
  /** False when the data arrived while the printer could not print (paper out, cover open, silent). */
  printed: boolean;
  connection: number;
  /** performance.now() of the first and last byte received. */
  firstByteAt: number;
  lastByteAt: number;
}

/** One opening of the cash drawer, as the drawer saw it. */
export interface DrawerKick {
  command: 'ESC p' | 'DLE DC4';
  pin: number;
  onMs: number;
  /** The printer's mode when it executed the pulse. */
  mode: VirtualPrinterMode;
  connection: number;
}

export interface VirtualPrinterOptions {
  port?: number;
  mode?: VirtualPrinterMode;
  /** Delay before answering a status query (ms). */
  replyDelayMs?: number;
  /** Send every reply byte in its own packet, to exercise parsing across packets. */
  fragmentReplies?: boolean;
  /** Prefix each answer with an unsolicited 4-byte Automatic Status Back message. */
  asbNoise?: boolean;
}

export interface VirtualPrinter {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly mode: VirtualPrinterMode;
  setMode(mode: VirtualPrinterMode): Promise<void>;
  setReplyDelay(ms: number): void;
  /** Switch to `mode` after `contentBytes` more bytes of job data (e.g. the paper runs out mid-receipt). */
  switchModeAfter(contentBytes: number, mode: VirtualPrinterMode): void;
  /** Jobs that came out on paper, in order. */
  readonly jobs: VirtualJob[];
  /** Every connection that carried more than status queries, printed or not. */
  readonly received: VirtualJob[];
  /** All printed bytes, concatenated. */
  readonly bytes: Uint8Array;
  readonly connections: number;
  readonly statusQueries: number;
  /** Every time the drawer actually opened (see the header). */
  readonly drawerKicks: DrawerKick[];
  /** Resolves once the drawer has opened at least `n` times. */
  waitForDrawerKicks(n: number, timeoutMs?: number): Promise<DrawerKick[]>;
  /** Resolves once at least `n` jobs are printed. */
  waitForJobs(n: number, timeoutMs?: number): Promise<VirtualJob[]>;
  /** Called with performance.now() when a connection delivers its first non-status byte. */
  onFirstByte(listener: (at: number) => void): () => void;
  clear(): void;
  close(): Promise<void>;
}

const PRINTING: ReadonlySet<VirtualPrinterMode> = new Set(['ok', 'nearEnd']);

function dleEotReply(mode: VirtualPrinterMode, n: number): number {
  const base = 0x12;
  const offline = mode === 'paperOut' || mode === 'coverOpen';
  switch (n) {
    case 1: return base | (offline ? 0x08 : 0);
    case 2: return base | (mode === 'coverOpen' ? 0x04 : 0) | (mode === 'paperOut' ? 0x20 : 0);
    case 3: return base;
    case 4: return base | (mode === 'paperOut' ? 0x60 : 0) | (mode === 'nearEnd' ? 0x0c : 0);
    default: return base;
  }
}

function gsrReply(mode: VirtualPrinterMode, n: number): number | null {
  if (!PRINTING.has(mode)) return null; // offline: GS r waits in the buffer, unanswered
  if (n === 1 || n === 49) return mode === 'nearEnd' ? 0x03 : 0x00;
  return 0x00;
}

export async function startVirtualPrinter(opts: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const host = '127.0.0.1';
  let mode: VirtualPrinterMode = opts.mode ?? 'ok';
  let replyDelayMs = opts.replyDelayMs ?? 0;
  const jobs: VirtualJob[] = [];
  const received: VirtualJob[] = [];
  const sockets = new Set<net.Socket>();
  const waiters: Array<{ n: number; resolve: (j: VirtualJob[]) => void }> = [];
  const drawerKicks: DrawerKick[] = [];
  const kickWaiters: Array<{ n: number; resolve: (k: DrawerKick[]) => void }> = [];
  const kicked = (k: DrawerKick) => {
    drawerKicks.push(k);
    for (const w of [...kickWaiters]) {
      if (drawerKicks.length >= w.n) {
        kickWaiters.splice(kickWaiters.indexOf(w), 1);
        w.resolve([...drawerKicks]);
      }
    }
  };
  const firstByteListeners = new Set<(at: number) => void>();
  let connections = 0;
  let statusQueries = 0;
  let port = opts.port ?? 0;
  let armed: { left: number; mode: VirtualPrinterMode } | null = null;

  function handle(socket: net.Socket): void {
    connections += 1;
    const connection = connections;
    sockets.add(socket);
    const chunks: Buffer[] = [];
    let printed = true;
    let hasContent = false;
    let firstByteAt = 0;
    let lastByteAt = 0;
    let out: number[] = [];
    let flushTimer: NodeJS.Timeout | null = null;

    const send = (b: number) => {
      if (opts.asbNoise) out.push(0x10, 0x00, 0x00, 0x00);
      out.push(b);
      if (flushTimer) return;
      flushTimer = setTimeout(() => {
        flushTimer = null;
        const bytes = out;
        out = [];
        if (socket.destroyed) return;
        if (opts.fragmentReplies) bytes.forEach((x, i) => setTimeout(() => { if (!socket.destroyed) socket.write(Buffer.from([x])); }, i));
        else socket.write(Buffer.from(bytes));
      }, replyDelayMs);
    };

    const decoder = new EscPosDecoder((e: DecodedEvent) => {
      if (e.type === 'status-query') {
        statusQueries += 1;
        if (mode === 'silent') return;
        if (e.command === 'DLE EOT') send(dleEotReply(mode, e.n));
        else if (e.command === 'GS r') {
          const r = gsrReply(mode, e.n);
          if (r !== null) send(r);
        }
      } else if (e.type === 'pulse') {
        // DLE DC4 works in any state but silent; ESC p only while this job is actually printing.
        const executes = e.command === 'DLE DC4' ? mode !== 'silent' : PRINTING.has(mode) && printed;
        if (executes) kicked({ command: e.command, pin: e.pin, onMs: e.onMs, mode, connection });
      }
    });

    socket.on('data', (d: Buffer) => {
      const now = performance.now();
      chunks.push(d);
      lastByteAt = now;
      const before = decoder.contentBytes;
      if (armed) {
        // Byte by byte, so the switch happens exactly where a real printer would stop.
        for (const b of d) {
          const c = decoder.contentBytes;
          decoder.push([b]);
          if (armed && decoder.contentBytes > c && --armed.left <= 0) {
            mode = armed.mode;
            armed = null;
          }
        }
      } else decoder.push(d);
      if (decoder.contentBytes === before) return;
      if (!hasContent) {
        hasContent = true;
        firstByteAt = now;
        for (const l of firstByteListeners) l(now);
      }
      if (!PRINTING.has(mode)) printed = false;
    });
    socket.on('error', () => { /* the client went away: recorded on close */ });
    socket.on('close', () => {
      sockets.delete(socket);
      if (flushTimer) clearTimeout(flushTimer);
      if (!hasContent) return;
      const job: VirtualJob = { bytes: new Uint8Array(Buffer.concat(chunks)), paper: decoder.paper(), printed, connection, firstByteAt, lastByteAt };
      received.push(job);
      if (printed) {
        jobs.push(job);
        for (const w of [...waiters]) {
          if (jobs.length >= w.n) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve([...jobs]);
          }
        }
      }
    });
  }

  const server = net.createServer(handle);
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));

  if (mode !== 'refused') await listen();
  else {
    // Reserve a port number to refuse on.
    await listen();
    await stopListening();
  }

  return {
    get url() { return `tcp://${host}:${port}`; },
    host,
    get port() { return port; },
    get mode() { return mode; },
    async setMode(next: VirtualPrinterMode) {
      if (next === mode) return;
      const was = mode;
      mode = next;
      if (next === 'refused') await stopListening();
      else if (was === 'refused') await listen();
    },
    setReplyDelay(ms: number) { replyDelayMs = ms; },
    switchModeAfter(contentBytes: number, next: VirtualPrinterMode) {
      if (next === 'refused') throw new Error('switchModeAfter: use setMode for refused');
      armed = { left: contentBytes, mode: next };
    },
    get jobs() { return jobs; },
    get received() { return received; },
    get bytes() { return new Uint8Array(Buffer.concat(jobs.map((j) => j.bytes))); },
    get connections() { return connections; },
    get statusQueries() { return statusQueries; },
    get drawerKicks() { return drawerKicks; },
    waitForDrawerKicks(n: number, timeoutMs = 5000) {
      if (drawerKicks.length >= n) return Promise.resolve([...drawerKicks]);
      return new Promise<DrawerKick[]>((resolve, reject) => {
        const w = { n, resolve: (k: DrawerKick[]) => { clearTimeout(t); resolve(k); } };
        const t = setTimeout(() => {
          kickWaiters.splice(kickWaiters.indexOf(w), 1);
          reject(new Error(`virtual printer: the drawer opened ${drawerKicks.length} of ${n} times after ${timeoutMs} ms`));
        }, timeoutMs);
        kickWaiters.push(w);
      });
    },
    waitForJobs(n: number, timeoutMs = 5000) {
      if (jobs.length >= n) return Promise.resolve([...jobs]);
      return new Promise<VirtualJob[]>((resolve, reject) => {
        const w = {
          n,
          resolve: (j: VirtualJob[]) => { clearTimeout(t); resolve(j); },
        };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`virtual printer: ${jobs.length} of ${n} jobs printed after ${timeoutMs} ms (mode ${mode})`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    onFirstByte(listener) {
      firstByteListeners.add(listener);
      return () => firstByteListeners.delete(listener);
    },
    clear() {
      jobs.length = 0;
      received.length = 0;
      drawerKicks.length = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      if (server.listening) await stopListening();
    },
  };
}
