// Errors are values with a stable code, the field at fault and a message in Italian (default) and
// English. Every boundary (CLI, IPC, HTTP bridge) turns them into the same JSON shape.
// The words come from the catalogue (shared/messages): `fail(code, msg.area.key(params), field)`.
import { msg, type Text } from './messages/index.js';
import { text } from './messages/text.js';

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
  constructor(code: string, words: Text, field?: string, extra: { approval?: ApprovalRequestInfo } = {}) {
    super(words.it);
    this.name = 'BanconeError';
    this.code = code;
    this.field = field;
    this.messageEn = words.en;
    this.approval = extra.approval;
  }
  /** The same error again, from its public shape (an error received over IPC or HTTP, relayed as it came). */
  static fromInfo(e: ErrorInfo): BanconeError {
    return new BanconeError(e.code, text(e.message, e.message_en), e.field, e.approval ? { approval: e.approval } : {});
  }
  /** The words of this error, to carry them into another (e.g. a refusal found by a check, raised by its caller). */
  get words(): Text {
    return text(this.message, this.messageEn);
  }
  toJSON(): ErrorInfo {
    return { code: this.code, ...(this.field ? { field: this.field } : {}), message: this.message, message_en: this.messageEn, ...(this.approval ? { approval: this.approval } : {}) };
  }
}

export function fail(code: string, words: Text, field?: string): never {
  throw new BanconeError(code, words, field);
}

export function isBanconeError(e: unknown): e is BanconeError {
  return e instanceof BanconeError;
}

/** The public error shape from a code and the catalogue's words (for a result built without throwing). */
export function errorInfo(code: string, words: Text, field?: string): ErrorInfo {
  return { code, ...(field ? { field } : {}), message: words.it, message_en: words.en };
}

/** Any thrown value → the public error shape (unknown errors are reported as INTERNAL). */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof BanconeError) return e.toJSON();
  const words = msg.common.internal({ detail: e instanceof Error ? e.message : String(e) });
  return { code: 'INTERNAL', message: words.it, message_en: words.en };
}
