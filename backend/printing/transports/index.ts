// Printer URL → transport. The URL comes from BANCONE_PRINTER or the `printer.url` setting:
//   tcp://192.168.1.50[:9100]      network printer (port 9100, status and confirmation;
//                                  ?status=off for clones that never answer DLE EOT / GS r)
//   lp://TM-T20  (or cups://)      CUPS/lp raw queue, also the way to USB printers
//   winspool://EPSON%20TM-T20III   Windows printer queue, RAW datatype
//   serial:///dev/ttyUSB0?baud=19200   serial: device file (Windows: serial://COM3?baud=9600)
import { z } from 'zod';
import { PrinterError } from '../printer-status.js';
import { createTcpTransport, type TcpTransportOptions } from './tcp.js';
import { createLpTransport, createWinspoolTransport } from './os-queue.js';
import { createSerialTransport } from './serial.js';
import type { PrintTransport } from './types.js';
import { msg, type Text } from '../../../shared/messages/index.js';

export type { PrintTransport, PrintResult, TransportKind } from './types.js';
export { createTcpTransport, type TcpTransportOptions } from './tcp.js';
export { createLpTransport, createWinspoolTransport, type LpTransportOptions, type WinspoolTransportOptions } from './os-queue.js';
export { createSerialTransport, type SerialTransportOptions } from './serial.js';

export interface TransportOptions {
  now?: () => Date;
  tcp?: Partial<Omit<TcpTransportOptions, 'host' | 'port'>>;
  lpCommand?: string;
  lpstatCommand?: string;
}

const bad = (url: string, detail: Text) => new PrinterError('PRINTER_URL_INVALID', msg.printing.urlInvalid({ url, detail }));

const baudSchema = z.coerce.number().int().refine((n) => [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(n));

/** Throws PrinterError PRINTER_NOT_CONFIGURED for an empty URL and PRINTER_URL_INVALID for a bad one. */
export function transportFromUrl(url: string, opts: TransportOptions = {}): PrintTransport {
  const raw = url.trim();
  if (raw === '') {
    throw new PrinterError('PRINTER_NOT_CONFIGURED', msg.printing.notConfigured);
  }
  const scheme = /^([a-z]+):/i.exec(raw)?.[1]?.toLowerCase();
  const now = opts.now ? { now: opts.now } : {};
  switch (scheme) {
    case 'tcp': {
      let u: URL;
      try { u = new URL(raw); } catch { throw bad(raw, msg.printing.urlExpectedTcp); }
      const host = u.hostname.replace(/^\[|\]$/g, '');
      const port = u.port === '' ? 9100 : Number(u.port);
      if (host === '' || !Number.isInteger(port) || port < 1 || port > 65535) throw bad(raw, msg.printing.urlExpectedTcp);
      const statusParam = u.searchParams.get('status');
      if (statusParam !== null && !['on', 'off'].includes(statusParam)) throw bad(raw, msg.printing.urlStatusOnOff);
      return createTcpTransport({ host, port, ...opts.tcp, ...(statusParam === 'off' ? { statusQueries: false } : {}), ...now });
    }
    case 'lp':
    case 'cups': {
      const queue = decodeURIComponent(raw.replace(/^[a-z]+:\/\//i, '')).replace(/\/+$/, '');
      if (!/^[\w.@-]{1,127}$/.test(queue)) throw bad(raw, msg.printing.urlQueueInvalid);
      return createLpTransport({ queue, ...(opts.lpCommand ? { lpCommand: opts.lpCommand } : {}), ...(opts.lpstatCommand ? { lpstatCommand: opts.lpstatCommand } : {}), ...now });
    }
    case 'winspool': {
      const printer = decodeURIComponent(raw.replace(/^winspool:\/\//i, '')).replace(/\/+$/, '');
      if (printer === '' || printer.length > 220) throw bad(raw, msg.printing.urlPrinterMissing);
      return createWinspoolTransport({ printer, ...now });
    }
    case 'serial': {
      const m = /^serial:\/\/([^?]+)(?:\?(.*))?$/i.exec(raw);
      if (!m) throw bad(raw, msg.printing.urlExpectedSerial);
      const device = decodeURIComponent(m[1]!);
      const params = new URLSearchParams(m[2] ?? '');
      const b = params.get('baud');
      let baud: number | null = null;
      if (b !== null) {
        const parsed = baudSchema.safeParse(b);
        if (!parsed.success) throw bad(raw, msg.printing.urlBaudUnsupported({ baud: b }));
        baud = parsed.data;
      }
      return createSerialTransport({ device, baud, ...now });
    }
    case 'usb':
      throw bad(raw, msg.printing.urlUsbUseQueue);
    default:
      throw bad(raw, msg.printing.urlScheme);
  }
}

/** The printer address in force: the BANCONE_PRINTER environment variable wins over the setting. */
export function resolvePrinterUrl(setting: string, env: { BANCONE_PRINTER?: string | undefined } = process.env): string {
  const fromEnv = env.BANCONE_PRINTER?.trim();
  return fromEnv ? fromEnv : setting.trim();
}
