// Serial (RS-232 or USB-serial) printers through the OS device file: /dev/ttyUSB0, /dev/ttyS0,
// /dev/cu.usbserial-… or COM3 (\\.\COM3). The line speed is set with the OS tool (stty on
// Linux/macOS, `mode` on Windows) and the job is written to the device.
//
// Write-only on purpose: reading DLE EOT replies and honouring RTS/CTS flow control needs the
// `serialport` package (a native module to rebuild per Electron version), which this till does not
// ship. Without flow control keep jobs small or use the printer's DTR/DSR "busy" setting; the
// status reads "unknown" and jobs are not confirmed. Prefer tcp:// or a raw OS queue.
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { PrinterError, makeStatus } from '../printer-status.js';
import type { PrintResult, PrintTransport } from './types.js';
import { msg } from '../../../shared/messages/index.js';

export interface SerialTransportOptions {
  /** /dev/ttyUSB0, COM3, or any writable path (tests use a plain file). */
  device: string;
  /** When set, the line is configured before each job (9600, 19200, 38400, 115200 …). */
  baud?: number | null;
  platform?: NodeJS.Platform;
  now?: () => Date;
}

function configure(device: string, baud: number, platform: NodeJS.Platform): Promise<void> {
  const [cmd, args] = platform === 'win32'
    ? ['mode', [`${device.replace(/^\\\\\.\\/, '')}:`, `BAUD=${baud}`, 'PARITY=n', 'DATA=8', 'STOP=1']]
    : ['stty', [platform === 'darwin' ? '-f' : '-F', device, String(baud), 'raw', '-echo', 'cs8', '-cstopb', '-parenb']];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', windowsHide: true });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exit ${code}`))));
  });
}

export function createSerialTransport(options: SerialTransportOptions): PrintTransport {
  const o = { baud: null, platform: process.platform, now: () => new Date(), ...options };
  const path = o.platform === 'win32' && /^COM\d+$/i.test(o.device) ? `\\\\.\\${o.device}` : o.device;
  const target = `serial://${o.device}${o.baud ? `?baud=${o.baud}` : ''}`;
  const ioError = (e: unknown) => {
    const m = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return new PrinterError('PRINTER_IO', msg.printing.serialUnavailable({ device: o.device, cause: m }), makeStatus('unreachable', target, o.now()));
  };
  return {
    kind: 'serial',
    target,
    async status() {
      return makeStatus('unknown', target, o.now());
    },
    async print(bytes: Uint8Array): Promise<PrintResult> {
      if (o.baud) {
        try { await configure(path, o.baud, o.platform); } catch (e) { throw ioError(e); }
      }
      let fh;
      try {
        fh = await open(path, 'a');
      } catch (e) {
        throw ioError(e);
      }
      try {
        await fh.write(bytes);
      } catch (e) {
        throw ioError(e);
      } finally {
        await fh.close();
      }
      return { confirmed: false, status: null, bytes: bytes.length };
    },
  };
}
