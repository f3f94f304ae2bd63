// Typed client for Openapi's IT-receipts / IT-configurations. Never throws for what the network or
// the server does: every call resolves to an ApiOutcome saying what is known about the request.
// The distinction that matters for exactly-once is `notSent` (certainly not processed) versus
// `ambiguous` (may have been processed: timeout, reset after sending, 5xx, unreadable answer).
import { z } from 'zod';
import {
  envelope, ErrorEnvelopeSchema, RemoteConfigurationSchema, RemoteReceiptSchema, LIST_LIMIT_MAX,
  type ItConfiguration, type ItConfigurationPatch, type PostReceipt, type ReceiptReturn, type RemoteConfiguration, type RemoteReceipt,
} from '../../shared/openapi/schemas.js';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ClientConfig {
  baseUrl: string;
  token: string;
  /** Per-request timeout; an expired one is ambiguous for writes. */
  timeoutMs?: number;
}

// A refusal (4xx) is certainly not processed, but what it is about is the engine's call, not the
// client's: 'rejected' reads like a refusal of this request's content, 'config' looks like an account
// or address problem. Neither is trusted blindly: the engine confirms with a configuration check
// (GET /IT-configurations/{fiscal_id}) before failing a document or stopping the queue.
export type ApiOutcome<T> =
  | { kind: 'ok'; data: T }
  /** The API refused this request, apparently for what it contains. `message` is the API's own words. */
  | { kind: 'rejected'; httpStatus: number; code: string; message: string }
  /** Token missing, wrong or expired: stop everything until a new token. */
  | { kind: 'auth'; httpStatus: number; message: string }
  /**
   * A refusal that looks like an account or address problem: one of Openapi's account codes (fiscal
   * id missing or not registered, receipts disabled, configuration not found), or a 4xx that is not
   * Openapi's answer at all (a proxy, a wrong URL: then `openapi` is false).
   */
  | { kind: 'config'; httpStatus: number; code: string; message: string; openapi: boolean }
  | { kind: 'rateLimited'; retryAfterMs: number | null; message: string }
  /**
   * Nothing reached the server: safe to send again. `network` when the host could not even be found
   * or routed to (this machine's network, most likely), rather than the server refusing connections.
   */
  | { kind: 'notSent'; message: string; network: boolean }
  /** The server may or may not have processed it (`httpStatus` when it answered: a 5xx or a bad body). */
  | { kind: 'ambiguous'; message: string; httpStatus?: number };

/** Openapi error codes that are about the account, not the document. */
export const ACCOUNT_ERROR_CODES: ReadonlySet<string> = new Set(['423', '424', '174', '111']);
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID']);
/** Not-sent causes that say the host was not reachable at all from here. */
const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * The words of a refusal, whatever its shape: Openapi's envelope {message, error}, a plain
 * {"message"}, a Laravel validation answer {"message", "errors": {field: [..]}}, RFC 7807
 * {"title", "detail"}, {"errors": [{"message"}]} or {"error": "text"}. Empty when there are none.
 */
export function refusalMessage(json: unknown): string {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return '';
  const o = json as Record<string, unknown>;
  const parts: string[] = [];
  const main = str(o.message) ?? str(o.detail) ?? str(o.title) ?? str(o.error_description) ?? (typeof o.error === 'string' ? str(o.error) : null);
  if (main) parts.push(main);
  const errors = o.errors;
  if (errors && typeof errors === 'object') {
    const entries = Array.isArray(errors) ? errors.map((e, i) => [String(i), e] as const) : Object.entries(errors as Record<string, unknown>);
    for (const [field, v] of entries.slice(0, 5)) {
      const texts = (Array.isArray(v) ? v : [v]).map((x) => (x && typeof x === 'object' ? str((x as Record<string, unknown>).message) : str(x))).filter((x): x is string => x !== null);
      for (const t of texts) if (!parts.includes(t)) parts.push(Array.isArray(errors) || t.includes(field) ? t : `${field}: ${t}`);
    }
  }
  return parts.join(' — ');
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now.getTime());
}

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function describe(e: unknown): string {
  const code = errorCode(e);
  const msg = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
  return code ? `${msg} (${code})` : msg;
}

const ReceiptEnvelope = envelope(RemoteReceiptSchema);
const ReceiptListEnvelope = envelope(z.array(RemoteReceiptSchema));
const ConfigEnvelope = envelope(RemoteConfigurationSchema);
const ConfigListEnvelope = envelope(z.array(RemoteConfigurationSchema));

export interface ReceiptQuery {
  fiscal_id?: string;
  created_at?: string;
  type?: string;
  status?: string;
  parent_receipt_id?: string;
  document_number?: string;
  skip?: number;
  limit?: number;
}

export interface OpenapiClient {
  createReceipt(body: PostReceipt): Promise<ApiOutcome<RemoteReceipt>>;
  returnItems(parentRemoteId: string, body: ReceiptReturn): Promise<ApiOutcome<RemoteReceipt>>;
  voidReceipt(parentRemoteId: string): Promise<ApiOutcome<RemoteReceipt>>;
  getReceipt(remoteId: string): Promise<ApiOutcome<RemoteReceipt>>;
  listReceipts(q: ReceiptQuery): Promise<ApiOutcome<RemoteReceipt[]>>;
  getReceiptPdf(remoteId: string): Promise<ApiOutcome<Buffer>>;
  getConfiguration(fiscalId: string): Promise<ApiOutcome<RemoteConfiguration>>;
  /** Every configuration of the token's account (the set-up's token check). */
  listConfigurations(): Promise<ApiOutcome<RemoteConfiguration[]>>;
  createConfiguration(body: ItConfiguration): Promise<ApiOutcome<RemoteConfiguration>>;
  patchConfiguration(fiscalId: string, body: ItConfigurationPatch): Promise<ApiOutcome<RemoteConfiguration>>;
}

export function createOpenapiClient(cfg: ClientConfig, fetchImpl: FetchLike, now: () => Date = () => new Date()): OpenapiClient {
  const base = cfg.baseUrl.replace(/\/+$/, '');
  const timeoutMs = cfg.timeoutMs ?? 30_000;

  async function call<T>(method: string, path: string, schema: z.ZodType<{ data: T }> | null, body?: unknown, pdf = false): Promise<ApiOutcome<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${cfg.token}`, accept: pdf ? 'application/pdf' : 'application/json' };
    // The spec asks for Content-Type: application/pdf on the GET to get the PDF.
    if (pdf) headers['content-type'] = 'application/pdf';
    else if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetchImpl(base + path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const code = errorCode(e);
      if (code && NOT_SENT_CODES.has(code)) return { kind: 'notSent', message: describe(e), network: NETWORK_CODES.has(code) };
      return { kind: 'ambiguous', message: describe(e) };
    }
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      // Headers arrived but the body was cut: the server did process the request, whatever it said.
      return { kind: 'ambiguous', message: `HTTP ${res.status}, risposta troncata: ${describe(e)}`, httpStatus: res.status };
    }
    const text = bytes.toString('utf8');
    let json: unknown = undefined;
    try { json = JSON.parse(text); } catch { /* not JSON: handled below */ }
    const env = ErrorEnvelopeSchema.safeParse(json);
    const apiMessage = refusalMessage(json);
    const apiCode = env.success && typeof env.data.error === 'number' ? String(env.data.error) : env.success && typeof env.data.error === 'string' && /^\w+$/.test(env.data.error) ? env.data.error : '';

    if (res.status === 401 || res.status === 403)
      return { kind: 'auth', httpStatus: res.status, message: apiMessage || `HTTP ${res.status}` };
    if (res.status === 429)
      return { kind: 'rateLimited', retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now()), message: apiMessage || 'Too Many Requests' };
    if (res.status === 408 || res.status >= 500)
      return { kind: 'ambiguous', message: `HTTP ${res.status}${apiMessage ? `: ${apiMessage}` : ''}`, httpStatus: res.status };
    if (res.status >= 400) {
      // A 4xx without readable words comes from something else than the API (a proxy, a wrong URL):
      // it says nothing about the document.
      if (!apiMessage) {
        const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
        return { kind: 'config', httpStatus: res.status, code: `HTTP_${res.status}`, message: `HTTP ${res.status}${type ? ` (${type})` : ''}`, openapi: false };
      }
      if (ACCOUNT_ERROR_CODES.has(apiCode)) return { kind: 'config', httpStatus: res.status, code: apiCode, message: apiMessage, openapi: true };
      return { kind: 'rejected', httpStatus: res.status, code: apiCode || String(res.status), message: apiMessage };
    }
    if (res.status < 200 || res.status >= 300) return { kind: 'ambiguous', message: `HTTP ${res.status} inatteso`, httpStatus: res.status };

    if (pdf) {
      const type = res.headers.get('content-type') ?? '';
      if (!type.includes('application/pdf') || !text.startsWith('%PDF-')) return { kind: 'ambiguous', message: 'La risposta non è un PDF' };
      return { kind: 'ok', data: bytes as unknown as T };
    }
    if (json === undefined) return { kind: 'ambiguous', message: `Risposta non JSON (${(res.headers.get('content-type') ?? '?').split(';')[0]})`, httpStatus: res.status };
    // A 2xx whose envelope says success:false is a refusal all the same (nothing was stored).
    if (env.success && env.data.success === false) {
      if (ACCOUNT_ERROR_CODES.has(apiCode)) return { kind: 'config', httpStatus: res.status, code: apiCode, message: apiMessage || `HTTP ${res.status}`, openapi: true };
      return { kind: 'rejected', httpStatus: res.status, code: apiCode || String(res.status), message: apiMessage || `HTTP ${res.status}, success: false` };
    }
    const parsed = schema!.safeParse(json);
    if (!parsed.success) return { kind: 'ambiguous', message: `Risposta non valida: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, httpStatus: res.status };
    return { kind: 'ok', data: parsed.data.data };
  }

  const enc = encodeURIComponent;
  return {
    createReceipt: (body) => call('POST', '/IT-receipts', ReceiptEnvelope, body),
    returnItems: (id, body) => call('PATCH', `/IT-receipts/${enc(id)}`, ReceiptEnvelope, body),
    voidReceipt: (id) => call('DELETE', `/IT-receipts/${enc(id)}`, ReceiptEnvelope),
    getReceipt: (id) => call('GET', `/IT-receipts/${enc(id)}`, ReceiptEnvelope),
    listReceipts: (q) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...q, limit: Math.min(q.limit ?? LIST_LIMIT_MAX, LIST_LIMIT_MAX) })) if (v !== undefined) p.set(k, String(v));
      return call('GET', `/IT-receipts?${p.toString()}`, ReceiptListEnvelope);
    },
    getReceiptPdf: (id) => call<Buffer>('GET', `/IT-receipts/${enc(id)}`, null, undefined, true),
    getConfiguration: (fiscalId) => call('GET', `/IT-configurations/${enc(fiscalId)}`, ConfigEnvelope),
    listConfigurations: () => call('GET', '/IT-configurations', ConfigListEnvelope),
    createConfiguration: (body) => call('POST', '/IT-configurations', ConfigEnvelope, body),
    patchConfiguration: (fiscalId, body) => call('PATCH', `/IT-configurations/${enc(fiscalId)}`, ConfigEnvelope, body),
  };
}
