// Network printers on raw TCP port 9100 ("JetDirect"), written directly over node:net.
// One connection per job (TM printers serve one client at a time; holding the socket would lock
// out a second till), and every step has its own deadline so a dead printer never blocks the till:
//   connect (timeout) → DLE EOT 1/2/4 status (real-time, answered even offline) → refuse to send
//   into a printer that is out of paper / open / in error → write the job and wait for the socket
//   to drain (no-progress timeout, not a total one: a 2 MB logo job may take a while) → GS r 1,
//   which the printer answers only after processing everything before it = "printed".
import net from 'node:net';
import { ReplyReader, ReplyTimeout } from './replies.js';
import type { PrintResult, PrintTransport } from './types.js';
import {
  PrinterError, errorFromStatus, isDleEotReply, isGsrReply, makeStatus, paperFromGsr, statusFromReplies,
  type PrinterStatus,
} from '../printer-status.js';
import { msg } from '../../../shared/messages/index.js';

export interface TcpTransportOptions {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
  /** Deadline for each real-time status reply (DLE EOT). */
  replyTimeoutMs?: number;
  /** Deadline for the GS r 1 "printed" answer after the job, plus `printedTimeoutPerKbMs` per KiB sent. */
  printedTimeoutMs?: number;
  printedTimeoutPerKbMs?: number;
  /** A write that makes no progress for this long means the printer stopped taking data. */
  stallTimeoutMs?: number;
  /**
   * false for printers that do not answer DLE EOT / GS r (some clones): the job is then only written
   * and drained, never confirmed, and the status reads "unknown". URL: tcp://host:9100?status=off
   */
  statusQueries?: boolean;
  now?: () => Date;
}

const DLE_EOT = (n: number) => [0x10, 0x04, n];
const GS_R_PAPER = [0x1d, 0x72, 0x01];

interface Conn {
  socket: net.Socket;
  reader: ReplyReader;
  close(): void;
}

export function createTcpTransport(options: TcpTransportOptions): PrintTransport {
  const o = {
    port: 9100, connectTimeoutMs: 3000, replyTimeoutMs: 2000, printedTimeoutMs: 20_000, printedTimeoutPerKbMs: 50,
    stallTimeoutMs: 10_000, statusQueries: true, now: () => new Date(), ...options,
  };
  const target = `tcp://${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`;
  const status = (state: Parameters<typeof makeStatus>[0]) => makeStatus(state, target, o.now());

  function connect(): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: o.host, port: o.port });
      const reader = new ReplyReader();
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        socket.destroy();
        reject(errorFromStatus(status('unreachable'), msg.printing.noAnswerFrom({ target, ms: o.connectTimeoutMs })));
      }, o.connectTimeoutMs);
      socket.on('data', (d: Buffer) => reader.feed(d));
      socket.on('close', () => reader.close(new PrinterError('PRINTER_CONNECTION_LOST', msg.printing.connectionLost, status('offline'))));
      socket.on('error', (err: NodeJS.ErrnoException) => {
        reader.close(new PrinterError('PRINTER_CONNECTION_LOST', msg.printing.connectionLostBecause({ cause: err.code ?? err.message }), status('offline')));
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const refused = err.code === 'ECONNREFUSED';
        reject(errorFromStatus(status('unreachable'), refused
          ? msg.printing.connectionRefused({ target })
          : msg.printing.connectionFailed({ target, cause: err.code ?? err.message })));
      });
      socket.once('connect', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve({
          socket,
          reader,
          close: () => {
            socket.end();
            // A printer that never acknowledges the FIN must not keep the handle alive.
            setTimeout(() => socket.destroy(), 1000).unref();
          },
        });
      });
    });
  }

  async function queryStatus(c: Conn): Promise<PrinterStatus> {
    // The three queries go out together and the replies come back in order: one round trip.
    c.socket.write(Buffer.from([...DLE_EOT(1), ...DLE_EOT(2), ...DLE_EOT(4)]));
    const next = (what: string) => c.reader.next(isDleEotReply, o.replyTimeoutMs, what);
    const printer = await next('DLE EOT 1');
    const offline = await next('DLE EOT 2');
    const paper = await next('DLE EOT 4');
    let error: number | null = null;
    if (offline & 0x40) {
      c.socket.write(Buffer.from(DLE_EOT(3)));
      error = await next('DLE EOT 3');
    }
    return statusFromReplies({ printer, offline, paper, error }, target, o.now());
  }

  function silent(e: unknown): PrinterError {
    if (e instanceof PrinterError) return e;
    if (e instanceof ReplyTimeout) {
      return errorFromStatus(status('timeout'), msg.printing.noStatusReply({ ms: o.replyTimeoutMs, cause: e.message }));
    }
    return new PrinterError('PRINTER_IO', msg.printing.ioError({ detail: e instanceof Error ? e.message : String(e) }), status('offline'));
  }

  function writeAll(socket: net.Socket, data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      let last = socket.writableLength;
      let lastProgress = performance.now();
      const watch = setInterval(() => {
        const left = socket.writableLength;
        if (left !== last) { last = left; lastProgress = performance.now(); return; }
        if (left > 0 && performance.now() - lastProgress >= o.stallTimeoutMs) {
          clearInterval(watch);
          socket.destroy();
          reject(new PrinterError('PRINTER_STALLED', msg.printing.stalled, status('timeout')));
        }
      }, Math.max(10, Math.min(1000, o.stallTimeoutMs / 4)));
      socket.write(data, (err) => {
        clearInterval(watch);
        if (err) reject(silent(err));
        else resolve();
      });
    });
  }

  return {
    kind: 'tcp',
    target,

    async status(): Promise<PrinterStatus> {
      let c: Conn | null = null;
      try {
        c = await connect();
        if (!o.statusQueries) return status('unknown');
        return await queryStatus(c);
      } catch (e) {
        const err = silent(e);
        return err.status ?? status('unknown');
      } finally {
        c?.close();
      }
    },

    async sendRealtime(bytes: Uint8Array): Promise<void> {
      // A connection of its own: the printer executes real-time commands as they arrive, whatever
      // it holds in its buffer, and answers nothing (so "written and drained" is all we can know).
      // Resolves once the printer has closed its side too, i.e. it has read every byte.
      const c = await connect();
      try {
        await writeAll(c.socket, bytes);
      } catch (e) {
        c.close();
        throw e;
      }
      await new Promise<void>((resolve) => {
        if (c.socket.destroyed) { resolve(); return; }
        c.socket.once('close', () => resolve());
        c.close();
      });
    },

    async print(bytes: Uint8Array): Promise<PrintResult> {
      const c = await connect();
      try {
        if (!o.statusQueries) {
          await writeAll(c.socket, bytes);
          return { confirmed: false, status: null, bytes: bytes.length };
        }
        let before: PrinterStatus;
        try {
          before = await queryStatus(c);
        } catch (e) {
          throw silent(e);
        }
        if (before.state !== 'ready') throw errorFromStatus(before);
        const job = Buffer.allocUnsafe(bytes.length + GS_R_PAPER.length);
        job.set(bytes, 0);
        job.set(GS_R_PAPER, bytes.length);
        await writeAll(c.socket, job);
        const deadline = o.printedTimeoutMs + Math.ceil(bytes.length / 1024) * o.printedTimeoutPerKbMs;
        let reply: number;
        try {
          reply = await c.reader.next(isGsrReply, deadline, 'GS r 1');
        } catch (e) {
          if (!(e instanceof ReplyTimeout)) throw silent(e);
          // The printer took the data but did not finish: ask why (paper ran out mid-job, cover opened…).
          const after = await queryStatus(c).catch(() => null);
          if (after && after.state !== 'ready') throw errorFromStatus(after, msg.printing.printingInterrupted);
          throw errorFromStatus(status('timeout'), msg.printing.printingNotConfirmed);
        }
        const paper = paperFromGsr(reply);
        const after = { ...before, paperNearEnd: paper.nearEnd || before.paperNearEnd, checkedAt: o.now().toISOString() };
        return { confirmed: true, status: after, bytes: bytes.length };
      } finally {
        c.close();
      }
    },
  };
}
