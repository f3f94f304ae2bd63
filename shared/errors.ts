// Errors are values with a stable code, the field at fault and a message in Italian (default) and
// English. Every boundary (CLI, IPC, HTTP bridge) turns them into the same JSON shape.

export type Lang = 'it' | 'en';

/** One thing a manager is asked to approve, in words the manager reads on the cashier's screen. */
export interface ApprovalReason {
  /** Stable kind: 'price_override', 'complimentary', 'line_discount', 'sale_discount', 'open_price',
   *  'fractional_quantity', 'uncollected', 'return_over_threshold', 'cash_refund_of_card', or a method name ('documents.void'). */
  code: string;
  /** «Prezzo modificato: Latte intero 1 l € 1,49 → € 1,00» */
  message: string;
  message_en: string;
}

/**
 * Carried by a MANAGER_REQUIRED error: the pending request the backend opened for exactly this call
 * (method + input). session.approve({ pin, request_id }) grants it; the identical call then goes through once.
 */
export interface ApprovalRequestInfo {
  requestId: string;
  method: string;
  reasons: ApprovalReason[];
  /** Until when the manager can approve it (ISO instant). */
  expiresAt: string;
}

export interface ErrorInfo {
  code: string;
  field?: string;
  message: string;
  message_en: string;
  /** Only on MANAGER_REQUIRED from the dispatcher: what the manager is asked to approve. */
  approval?: ApprovalRequestInfo;
}

export class BanconeError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly messageEn: string;
  readonly approval: ApprovalRequestInfo | undefined;
  constructor(code: string, message: string, messageEn: string, field?: string, extra: { approval?: ApprovalRequestInfo } = {}) {
    super(message);
    this.name = 'BanconeError';
    this.code = code;
    this.field = field;
    this.messageEn = messageEn;
    this.approval = extra.approval;
  }
  toJSON(): ErrorInfo {
    return { code: this.code, ...(this.field ? { field: this.field } : {}), message: this.message, message_en: this.messageEn, ...(this.approval ? { approval: this.approval } : {}) };
  }
}

export function fail(code: string, it: string, en: string, field?: string): never {
  throw new BanconeError(code, it, en, field);
}

export function isBanconeError(e: unknown): e is BanconeError {
  return e instanceof BanconeError;
}

/** Any thrown value → the public error shape (unknown errors are reported as INTERNAL). */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof BanconeError) return e.toJSON();
  const msg = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `Errore interno: ${msg}`, message_en: `Internal error: ${msg}` };
}
