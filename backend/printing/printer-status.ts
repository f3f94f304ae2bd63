// The printer's own status as the shop sees it (not the till's: that is ../status.ts), and how Epson-style ESC/POS status bytes map onto it.
// References: Epson ESC/POS "DLE EOT n" (real-time status, answered even while offline) and
// "GS r n" (processed in order with the data, so its answer means "everything before me printed").
import { BanconeError } from '../../shared/errors.js';
import { msg, textOf, type Text } from '../../shared/messages/index.js';

export type PrinterState =
  | 'ready'
  | 'paper_out'
  | 'cover_open'
  | 'offline'
  | 'error'
  | 'unreachable'
  | 'timeout'
  | 'not_configured'
  | 'unknown';

export interface PrinterStatus {
  state: PrinterState;
  /** Where the printer is (URL without secrets), for the status bar tooltip. */
  printer: string;
  online: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Cutter, head or other mechanical error. */
  error: boolean;
  /** Italian first (status bar), English for logs. */
  message: string;
  messageEn: string;
  checkedAt: string;
}

const MESSAGES: Record<PrinterState, Text> = {
  ready: msg.printing.stateReady,
  paper_out: msg.printing.statePaperOut,
  cover_open: msg.printing.stateCoverOpen,
  offline: msg.printing.stateOffline,
  error: msg.printing.stateError,
  unreachable: msg.printing.stateUnreachable,
  timeout: msg.printing.stateTimeout,
  not_configured: msg.printing.stateNotConfigured,
  unknown: msg.printing.stateUnknown,
};

/** A status's words (message, messageEn) from the catalogue. */
export function statusWords(words: Text): Pick<PrinterStatus, 'message' | 'messageEn'> {
  return { message: words.it, messageEn: words.en };
}

export function makeStatus(state: PrinterState, printer: string, at: Date, extra: Partial<PrinterStatus> = {}): PrinterStatus {
  const { it: message, en: messageEn } = MESSAGES[state];
  return {
    state,
    printer,
    online: state === 'ready' || state === 'unknown',
    paperOut: state === 'paper_out',
    paperNearEnd: false,
    coverOpen: state === 'cover_open',
    error: state === 'error',
    message,
    messageEn,
    checkedAt: at.toISOString(),
    ...extra,
  };
}

/** A DLE EOT reply always has bits 1 and 4 set and bits 0 and 7 clear. */
export function isDleEotReply(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** A GS r reply has bit 4 clear (which also tells it apart from an ASB header). */
export function isGsrReply(b: number): boolean {
  return (b & 0x90) === 0x00;
}

/** An Automatic Status Back message starts with 0xx1xx00 and is 4 bytes long. */
export function isAsbHeader(b: number): boolean {
  return (b & 0x93) === 0x10;
}

export interface StatusReplies {
  /** DLE EOT 1: printer status. */
  printer: number;
  /** DLE EOT 2: offline cause. */
  offline: number;
  /** DLE EOT 3: error cause (asked only when DLE EOT 2 reports an error). */
  error?: number | null;
  /** DLE EOT 4: roll paper sensor. */
  paper: number;
}

export function statusFromReplies(r: StatusReplies, printer: string, at: Date): PrinterStatus {
  const offline = (r.printer & 0x08) !== 0;
  const coverOpen = (r.offline & 0x04) !== 0;
  const paperStop = (r.offline & 0x20) !== 0;
  const errorBit = (r.offline & 0x40) !== 0 || (r.error != null && (r.error & 0x68) !== 0);
  const paperOut = paperStop || (r.paper & 0x60) === 0x60;
  const paperNearEnd = (r.paper & 0x0c) === 0x0c;
  const state: PrinterState = coverOpen ? 'cover_open' : paperOut ? 'paper_out' : errorBit ? 'error' : offline ? 'offline' : 'ready';
  const s = makeStatus(state, printer, at, { paperOut, paperNearEnd, coverOpen, error: errorBit, online: !offline && state === 'ready' });
  if (state === 'ready' && paperNearEnd) {
    s.message = msg.printing.stateReadyPaperNearEnd.it;
    s.messageEn = msg.printing.stateReadyPaperNearEnd.en;
  }
  return s;
}

/** GS r 1 reply: bits 0–1 paper near end, bits 2–3 paper end. */
export function paperFromGsr(b: number): { nearEnd: boolean; out: boolean } {
  return { nearEnd: (b & 0x03) === 0x03, out: (b & 0x0c) === 0x0c };
}

/** A printing failure: always a value with a code and an Italian message; the job stays queued. */
export class PrinterError extends BanconeError {
  readonly status: PrinterStatus | null;
  constructor(code: string, words: Text, status: PrinterStatus | null = null) {
    super(code, words, 'printer');
    this.name = 'PrinterError';
    this.status = status;
  }
}

const STATE_CODES: Partial<Record<PrinterState, string>> = {
  paper_out: 'PRINTER_PAPER_OUT',
  cover_open: 'PRINTER_COVER_OPEN',
  offline: 'PRINTER_OFFLINE',
  error: 'PRINTER_ERROR',
  unreachable: 'PRINTER_UNREACHABLE',
  timeout: 'PRINTER_TIMEOUT',
  not_configured: 'PRINTER_NOT_CONFIGURED',
};

export function errorFromStatus(s: PrinterStatus, detail?: Text): PrinterError {
  const code = STATE_CODES[s.state] ?? 'PRINTER_ERROR';
  const state = textOf(s); // the state's words, made by the catalogue in makeStatus
  return new PrinterError(code, detail ? msg.printing.stateWithDetail({ state, detail }) : state, s);
}
