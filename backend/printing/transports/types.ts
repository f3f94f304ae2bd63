// One interface for every way of reaching a printer. The queue only knows this.
import type { PrinterStatus } from '../printer-status.js';

export type TransportKind = 'tcp' | 'lp' | 'winspool' | 'serial';

export interface PrintResult {
  /**
   * True when the printer itself confirmed the job was processed (TCP: the GS r 1 answer after the
   * data). Spoolers and write-only serial lines can only say "handed over": false.
   */
  confirmed: boolean;
  /** Status seen around the job, when the transport can read it. */
  status: PrinterStatus | null;
  bytes: number;
}

export interface PrintTransport {
  readonly kind: TransportKind;
  /** The printer's address for display, e.g. "tcp://192.168.1.50:9100" or "lp://TM-T20". */
  readonly target: string;
  /** Never throws: an unreachable or silent printer is a status too. */
  status(): Promise<PrinterStatus>;
  /** Delivers one job or throws a PrinterError (the queue keeps the job and retries). */
  print(bytes: Uint8Array): Promise<PrintResult>;
  /**
   * Sends a real-time command (DLE DC4: open the drawer) straight to the printer, not behind a
   * stuck job, or throws a PrinterError. Only transports that talk to the printer itself have it:
   * a spooler would queue it behind the receipt that cannot print.
   */
  sendRealtime?(bytes: Uint8Array): Promise<void>;
}
