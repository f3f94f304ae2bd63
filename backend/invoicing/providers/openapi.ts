// Openapi's Invoice API (/IT-invoices, same account and token as the receipts) behind the one
// InvoiceProvider interface (../provider.ts). The POST body is the FatturaPA XML itself
// (application/xml); the answer is the invoice with its state NEW → SENT → DONE | ERROR and the SDI's
// `details.sdi_status`.
//
// Where the local id travels: nowhere. POST /IT-invoices takes only the XML (no metadata, no custom
// field; Openapi even rewrites DatiTrasmissione), and the FatturaPA fields that could carry it are
// the accountant's to read. `lookup` needs none: the shop's gap-free annual series makes (fiscal_id,
// document_number, issue_date, type) name one invoice, and GET /IT-invoices filters on exactly those.
//
// Errors, as Openapi writes them (openapi-invoice.oas.json): 401 the token; 403 «Permission denied for
// this fiscal_id», which is also what a configuration without `customer_invoice` gets, so a 403 is
// told apart by reading the configuration; 404 code 111/424 the fiscal id is not registered; 400/422
// the invoice itself (nothing stored); 429 slow down; 5xx, timeouts, resets and unreadable answers
// may have stored it (ambiguous: the outbox looks up before sending again).
import { z } from 'zod';
import { envelope, ErrorEnvelopeSchema, type RemoteConfiguration } from '../../../shared/openapi/schemas.js';
import { RemoteInvoiceSchema, type RemoteInvoiceJson } from '../../../shared/openapi/invoices.js';
import { msg } from '../../../shared/messages/index.js';
import { ACCOUNT_ERROR_CODES, createOpenapiClient, parseRetryAfter, refusalMessage, type ApiOutcome, type FetchLike, type OpenapiClient } from '../../sync/openapi-client.js';
import type { InvoiceProvider, OutgoingInvoice, ProviderFailure, ProviderResult, RemoteInvoice, SdiOutcome } from '../provider.js';

export interface OpenapiInvoiceConfig {
  baseUrl: string;
  token: string;
  /** The shop's partita IVA: its IT-configuration, and the `fiscal_id` filter of the look-ups. */
  fiscalId: string;
  /** Per-request timeout (default 30 s); an expired one is ambiguous. */
  timeoutMs?: number;
}

/** When a 429 says nothing about when to come back. */
const DEFAULT_RETRY_MS = 60_000;

const InvoiceEnvelope = envelope(RemoteInvoiceSchema);
const InvoiceListEnvelope = envelope(z.array(RemoteInvoiceSchema));

type Fail = { ok: false; failure: ProviderFailure };
const failed = (failure: ProviderFailure): Fail => ({ ok: false, failure });

/** The SDI's errors in sdi_message: «00404: Fattura duplicata; 00311: …», or one message without a code. */
export function parseSdiErrors(message: string | null | undefined): { code: string; message: string }[] {
  const text = (message ?? '').trim();
  if (text === '') return [];
  const found = [...text.matchAll(/(?:^|[;\n]\s*)(\d{5})\s*[:\-–]\s*([^;\n]+)/g)].map((m) => ({ code: m[1]!, message: m[2]!.trim() }));
  return found.length > 0 ? found : [{ code: '', message: text }];
}

/** Openapi's state and SDI status → the till's outcome. */
export function outcomeOf(inv: Pick<RemoteInvoiceJson, 'state' | 'details'>): SdiOutcome {
  const sdi = (inv.details?.sdi_status ?? '').trim().toUpperCase().replace(/\s+/g, '_');
  switch (inv.state) {
    case 'NEW': return 'queued';
    case 'SENT': return 'sent';
    // DONE comes from DELIVERED, ACCEPTED, TERMS_EXPIRED or NOT_DELIVERED; only the last is not at the customer's address.
    case 'DONE': return sdi === 'NOT_DELIVERED' ? 'not_delivered' : 'delivered';
    case 'ERROR': return 'rejected';
    // RECEIVED is for incoming invoices: never one of the shop's. Seen on an outgoing one, it is at the SDI.
    default: return 'sent';
  }
}

export function toRemote(inv: RemoteInvoiceJson): RemoteInvoice {
  const outcome = outcomeOf(inv);
  return {
    remoteId: inv.id,
    outcome,
    sdiId: inv.details?.sdi_id ?? null,
    sdiErrors: outcome === 'rejected' ? parseSdiErrors(inv.details?.sdi_message) : [],
    updatedAt: inv.details?.sdi_update_date ?? null,
  };
}

function describe(e: unknown): string {
  const code = (e as { cause?: { code?: unknown } })?.cause?.code ?? (e as { code?: unknown })?.code;
  const text = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
  return typeof code === 'string' ? `${text} (${code})` : text;
}

export function createOpenapiInvoiceProvider(cfg: OpenapiInvoiceConfig, fetchImpl: FetchLike, now: () => Date = () => new Date()): InvoiceProvider {
  const base = cfg.baseUrl.replace(/\/+$/, '');
  const timeoutMs = cfg.timeoutMs ?? 30_000;
  const configClient = createOpenapiClient({ baseUrl: cfg.baseUrl, token: cfg.token, timeoutMs }, fetchImpl, now);

  const ambiguous = (detail: string): Fail => failed({ kind: 'ambiguous', message: msg.invoicing.openapiAmbiguous({ detail }).it });

  /** A 403: the token's scope, or `customer_invoice` off in the configuration (Openapi answers both alike). */
  async function forbidden(apiMessage: string): Promise<Fail> {
    const c = await configClient.getConfiguration(cfg.fiscalId);
    if (c.kind === 'ok' && c.data.customer_invoice !== true)
      return failed({ kind: 'account', code: 'OPENAPI_INVOICES_NOT_ENABLED', message: msg.invoicing.openapiInvoicesNotEnabled({ fiscalId: cfg.fiscalId }).it, apiMessage });
    if (c.kind === 'config' && c.openapi)
      return failed({ kind: 'account', code: 'OPENAPI_NOT_REGISTERED', message: msg.invoicing.openapiNotRegistered({ fiscalId: cfg.fiscalId }).it, apiMessage });
    return failed({ kind: 'account', code: 'OPENAPI_FORBIDDEN', message: msg.invoicing.openapiForbidden({ apiMessage }).it, apiMessage });
  }

  /** A refusal (4xx, or a 2xx saying success:false): certainly nothing stored. */
  async function refusal(status: number, apiCode: string, apiMessage: string, notFoundId: string | null): Promise<Fail> {
    if (status === 401) return failed({ kind: 'account', code: 'OPENAPI_TOKEN_REFUSED', message: msg.invoicing.openapiTokenRefused.it, apiMessage: apiMessage || null });
    if (!apiMessage) return failed({ kind: 'account', code: `HTTP_${status}`, message: msg.invoicing.openapiWrongAddress({ status }).it, apiMessage: null });
    if (status === 403) return forbidden(apiMessage);
    if (ACCOUNT_ERROR_CODES.has(apiCode))
      return failed({ kind: 'account', code: 'OPENAPI_NOT_REGISTERED', message: msg.invoicing.openapiNotRegistered({ fiscalId: cfg.fiscalId }).it, apiMessage });
    if (notFoundId !== null && status === 404)
      return failed({ kind: 'refused', code: 'OPENAPI_INVOICE_NOT_FOUND', message: msg.invoicing.openapiInvoiceNotFound({ remoteId: notFoundId }).it, apiMessage });
    const xml = /^Invalid XML structure\s*:?\s*/i.exec(apiMessage);
    if (xml) return failed({ kind: 'refused', code: 'OPENAPI_XML_INVALID', message: msg.invoicing.openapiXmlInvalid({ detail: apiMessage.slice(xml[0].length) || apiMessage }).it, apiMessage });
    return failed({ kind: 'refused', code: `OPENAPI_${apiCode || status}`, message: msg.invoicing.openapiRefused({ status, detail: apiMessage }).it, apiMessage });
  }

  async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<{ data: T }>, opts: { xml?: string; notFoundId?: string } = {}): Promise<ProviderResult<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${cfg.token}`, accept: 'application/json' };
    if (opts.xml !== undefined) headers['content-type'] = 'application/xml';
    let res: Response;
    let text: string;
    try {
      res = await fetchImpl(base + path, { method, headers, ...(opts.xml !== undefined ? { body: opts.xml } : {}), signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      // Even a refused connection is left to the look-up: one cheap GET, and no guessing about proxies.
      return ambiguous(describe(e));
    }
    try {
      text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    } catch (e) {
      return ambiguous(`HTTP ${res.status}, ${describe(e)}`);
    }
    let json: unknown = undefined;
    try { json = JSON.parse(text); } catch { /* not JSON: below */ }
    const env = ErrorEnvelopeSchema.safeParse(json);
    const apiMessage = refusalMessage(json);
    const apiCode = env.success && env.data.error !== null && env.data.error !== undefined ? String(env.data.error) : '';

    if (res.status === 429) {
      const ms = parseRetryAfter(res.headers.get('retry-after'), now()) ?? DEFAULT_RETRY_MS;
      return failed({ kind: 'limited', retryAt: new Date(now().getTime() + ms).toISOString(), message: msg.invoicing.openapiRateLimited({ seconds: Math.ceil(ms / 1000) }).it });
    }
    if (res.status === 408 || res.status >= 500) return ambiguous(`HTTP ${res.status}${apiMessage ? `: ${apiMessage}` : ''}`);
    if (res.status >= 400) return refusal(res.status, apiCode, apiMessage, opts.notFoundId ?? null);
    if (res.status < 200 || res.status >= 300) return ambiguous(`HTTP ${res.status}`);
    if (json === undefined) return ambiguous(`HTTP ${res.status}, ${(res.headers.get('content-type') ?? '?').split(';')[0]}`);
    if (env.success && env.data.success === false) return refusal(400, apiCode, apiMessage || `HTTP ${res.status}, success: false`, opts.notFoundId ?? null);
    const parsed = schema.safeParse(json);
    if (!parsed.success) return ambiguous(`${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    return { ok: true, value: parsed.data.data };
  }

  return {
    name: 'openapi',

    async send(invoice: OutgoingInvoice) {
      const r = await call('POST', '/IT-invoices', InvoiceEnvelope, { xml: invoice.xml });
      return r.ok ? { ok: true, value: toRemote(r.value) } : r;
    },

    async lookup(invoice) {
      const q = new URLSearchParams({
        fiscal_id: cfg.fiscalId, direction: 'outgoing', type: invoice.kind, document_number: invoice.number, issue_date: invoice.date, limit: '100',
      });
      const r = await call('GET', `/IT-invoices?${q.toString()}`, InvoiceListEnvelope);
      if (!r.ok) return r;
      // The filters are the service's: check them here too, a lenient server must not make us adopt another invoice.
      const mine = r.value.filter((i) => (i.document_number ?? '') === invoice.number && (i.issue_date ?? '').slice(0, 10) === invoice.date && (!i.type || i.type === invoice.kind));
      if (mine.length === 0) return { ok: true, value: null };
      // After a scarto the rules allow re-issuing with the same number: a live one wins over a rejected one.
      const live = mine.filter((i) => i.state !== 'ERROR');
      return { ok: true, value: toRemote((live.length > 0 ? live : mine).at(-1)!) };
    },

    async status(remoteId: string) {
      const r = await call('GET', `/IT-invoices/${encodeURIComponent(remoteId)}`, InvoiceEnvelope, { notFoundId: remoteId });
      return r.ok ? { ok: true, value: toRemote(r.value) } : r;
    },
  };
}

/**
 * The set-up's offer (backend/setup/invoices.ts): enable `customer_invoice` in the shop's
 * IT-configuration, a PATCH that changes nothing else. The set-up reads the outcome with its own
 * advice for each refusal (backend/setup/errors.ts), as for the other configuration calls.
 */
export function enableCustomerInvoice(client: Pick<OpenapiClient, 'patchConfiguration'>, fiscalId: string): Promise<ApiOutcome<RemoteConfiguration>> {
  return client.patchConfiguration(fiscalId, { customer_invoice: true });
}
