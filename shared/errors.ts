// Errors are values with a stable code, the field at fault and a message in Italian (default) and
// English. Every boundary (CLI, IPC, HTTP bridge) turns them into the same JSON shape.

export type Lang = 'it' | 'en';

export interface ErrorInfo {
  code: string;
  field?: string;
  message: string;
  message_en: string;
}

export class BanconeError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly messageEn: string;
  constructor(code: string, message: string, messageEn: string, field?: string) {
    super(message);
    this.name = 'BanconeError';
    this.code = code;
    this.field = field;
    this.messageEn = messageEn;
  }
  toJSON(): ErrorInfo {
    return { code: this.code, ...(this.field ? { field: this.field } : {}), message: this.message, message_en: this.messageEn };
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
