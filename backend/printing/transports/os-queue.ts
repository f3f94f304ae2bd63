// Printers reached through the operating system's spooler, with the bytes passed through untouched:
//
//  • CUPS / lp (Linux, macOS): `lp -d QUEUE -o raw`. This is also the way to USB printers: CUPS's
//    usb:// backend owns the device, so the till needs no libusb. (libusb would mean a second native
//    module rebuilt for every Electron ABI, udev rules or detaching the kernel's usblp driver on
//    Linux, and on Windows replacing the vendor driver with WinUSB via Zadig, which breaks every
//    other program using the printer. The spooler already solves all of that and lets the printer
//    be shared.) Create the queue once as raw, e.g.
//      lpadmin -p TM-T20 -E -v usb://EPSON/TM-T20III -m raw
//  • Windows: the printer's queue ("EPSON TM-T20III Receipt", or a "Generic / Text Only" queue on
//    the USB port) fed with datatype RAW through winspool.drv (OpenPrinter, StartDocPrinter with
//    pDatatype "RAW", WritePrinter). Windows has no `lp`; the few lines of P/Invoke run in
//    PowerShell, so no native module is needed. The job bytes go through a temporary file.
//
// A spooler accepts the job, it does not tell us it printed: results are { confirmed: false } and
// the status is "unknown" (paper out shows in the OS queue, not here). Use tcp:// where possible.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrinterError, makeStatus, statusWords, type PrinterStatus } from '../printer-status.js';
import type { PrintResult, PrintTransport } from './types.js';
import { msg } from '../../../shared/messages/index.js';

interface RunResult { code: number | null; stdout: string; stderr: string }

function run(command: string, args: string[], input: Uint8Array | null, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.on('error', () => { /* the command exited early; its exit code tells why */ });
    if (input) child.stdin.end(Buffer.from(input));
    else child.stdin.end();
  });
}

function spawnError(e: unknown, command: string): PrinterError {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') {
    return new PrinterError('PRINTER_SPOOLER', msg.printing.spoolerMissing({ command }));
  }
  return new PrinterError('PRINTER_SPOOLER', msg.printing.spoolerError({ detail: err.message }));
}

export interface LpTransportOptions {
  queue: string;
  /** Overridable for tests and odd installs. */
  lpCommand?: string;
  lpstatCommand?: string;
  timeoutMs?: number;
  now?: () => Date;
}

export function createLpTransport(options: LpTransportOptions): PrintTransport {
  const o = { lpCommand: 'lp', lpstatCommand: 'lpstat', timeoutMs: 30_000, now: () => new Date(), ...options };
  const target = `lp://${o.queue}`;
  return {
    kind: 'lp',
    target,
    async status(): Promise<PrinterStatus> {
      let r: RunResult;
      try {
        r = await run(o.lpstatCommand, ['-p', o.queue], null, o.timeoutMs);
      } catch {
        return makeStatus('unknown', target, o.now());
      }
      if (r.code !== 0) {
        const s = makeStatus('unreachable', target, o.now());
        return { ...s, ...statusWords(msg.printing.queueMissing({ queue: o.queue })) };
      }
      if (/disabled|disabilitat/i.test(r.stdout)) {
        const s = makeStatus('offline', target, o.now());
        return { ...s, ...statusWords(msg.printing.queuePaused({ queue: o.queue })) };
      }
      const s = makeStatus('unknown', target, o.now());
      return { ...s, ...statusWords(msg.printing.queueActive) };
    },
    async print(bytes: Uint8Array): Promise<PrintResult> {
      let r: RunResult;
      try {
        r = await run(o.lpCommand, ['-d', o.queue, '-o', 'raw', '-t', 'Bancone'], bytes, o.timeoutMs);
      } catch (e) {
        throw spawnError(e, o.lpCommand);
      }
      if (r.code !== 0) {
        const why = (r.stderr || r.stdout).trim() || `exit ${r.code}`;
        throw new PrinterError('PRINTER_SPOOLER', msg.printing.spoolerRefused({ why }), makeStatus('offline', target, o.now()));
      }
      return { confirmed: false, status: null, bytes: bytes.length };
    },
  };
}

/** PowerShell that sends a file to a Windows printer as RAW (winspool.drv), exit code = Win32 error. */
const WINSPOOL_SCRIPT = String.raw`
param([string]$Printer, [string]$Path)
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System; using System.Runtime.InteropServices;
public static class BanconeRaw {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFO { public string pDocName; public string pOutputFile; public string pDatatype; }
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] static extern bool OpenPrinter(string name, out IntPtr h, IntPtr d);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool ClosePrinter(IntPtr h);
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] static extern int StartDocPrinter(IntPtr h, int level, DOCINFO di);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool EndDocPrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool StartPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool EndPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool WritePrinter(IntPtr h, byte[] b, int n, out int written);
  public static int Send(string printer, byte[] data) {
    IntPtr h;
    if (!OpenPrinter(printer, out h, IntPtr.Zero)) return Marshal.GetLastWin32Error();
    try {
      var di = new DOCINFO { pDocName = "Bancone", pDatatype = "RAW" };
      if (StartDocPrinter(h, 1, di) == 0) return Marshal.GetLastWin32Error();
      try {
        if (!StartPagePrinter(h)) return Marshal.GetLastWin32Error();
        int written;
        bool ok = WritePrinter(h, data, data.Length, out written);
        EndPagePrinter(h);
        if (!ok) return Marshal.GetLastWin32Error();
        if (written != data.Length) return 1784;
      } finally { EndDocPrinter(h); }
    } finally { ClosePrinter(h); }
    return 0;
  }
}
'@
exit [BanconeRaw]::Send($Printer, [System.IO.File]::ReadAllBytes($Path))
`;

export interface WinspoolTransportOptions {
  printer: string;
  powershell?: string;
  timeoutMs?: number;
  now?: () => Date;
}

/** Windows raw spooler. Not exercised by the test suite (no Windows here); see the header. */
export function createWinspoolTransport(options: WinspoolTransportOptions): PrintTransport {
  const o = { powershell: 'powershell.exe', timeoutMs: 30_000, now: () => new Date(), ...options };
  const target = `winspool://${encodeURIComponent(o.printer)}`;
  return {
    kind: 'winspool',
    target,
    async status() {
      return makeStatus('unknown', target, o.now());
    },
    async print(bytes: Uint8Array): Promise<PrintResult> {
      const dir = await mkdtemp(join(tmpdir(), 'bancone-print-'));
      try {
        const file = join(dir, 'job.bin');
        const script = join(dir, 'raw.ps1');
        await writeFile(file, bytes);
        await writeFile(script, WINSPOOL_SCRIPT);
        let r: RunResult;
        try {
          r = await run(o.powershell, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script, '-Printer', o.printer, '-Path', file], null, o.timeoutMs);
        } catch (e) {
          throw spawnError(e, o.powershell);
        }
        if (r.code !== 0) {
          throw new PrinterError('PRINTER_SPOOLER', msg.printing.windowsPrinterError({ printer: o.printer, code: r.code, detail: r.stderr.trim() }), makeStatus('offline', target, o.now()));
        }
        return { confirmed: false, status: null, bytes: bytes.length };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
