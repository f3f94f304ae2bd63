// Fattura Elettronica API (REST 2.0) behind the InvoiceProvider interface (backend/invoicing/provider.ts).
// Wire: POST {endpoint}/fatture with the FatturaPA as application/xml; updates from GET /fatture and
// GET /fatture/{id}; Basic auth (user:password) or a Bearer token; errors {"error": …} with 400/401/404.
//
// Where the local id travels: nowhere. The service keeps only the FatturaPA (it rewrites
// DatiTrasmissione with its own progressive), so an invoice is found again by its number and date,
// which the gap-free annual series makes unique. lookup() lists transmissions updated since the day
// before the issue date (never with `unread`, which would consume updates another reader is waiting for) and matches
// dati_documento.Numero and Data.
import { z } from 'zod';
import { msg } from '../../../shared/messages/index.js';
import type { Clock } from '../../../shared/time.js';
import type { InvoiceProvider, OutgoingInvoice, ProviderFailure, ProviderResult, RemoteInvoice, SdiOutcome } from '../provider.js';
import { ambiguous, call, limitedBy429, utf8, type Fetch } from './http.js';

const SERVICE = 'Fattura Elettronica API';

export interface FatturaElettronicaApiConfig {
  /** e.g. https://fattura-elettronica-api.it/ws2.0/prod (the emulator's url in tests). */
  endpoint: string;
  auth: { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };
  fetch: Fetch;
  clock: Clock;
  timeoutMs?: number;
}

const State = z.enum(['INVI', 'ERRO', 'CONS', 'NONC', 'ACCE', 'RIFI', 'DECO']);
const SendAnswer = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  sdi_identificativo: z.union([z.number(), z.string()]).nullable(),
  sdi_nome_file: z.string().nullable().optional(),
  sdi_stato: State,
  sdi_messaggio: z.string().nullable().optional(),
});
const Row = z.object({
  ricezione: z.number(),
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  sdi_identificativo: z.union([z.number(), z.string()]).nullable().optional(),
  sdi_stato: State.optional(),
  sdi_messaggio: z.string().nullable().optional(),
  sdi_data_aggiornamento: z.string().nullable().optional(),
  dati_documento: z.object({ documento: z.object({ Numero: z.string().optional(), Data: z.string().optional() }).passthrough().optional() }).passthrough().nullable().optional(),
});
const ErrorBody = z.object({ error: z.string() });

/** The service's states in the till's words. INVI without an SDI id: taken in, not yet at the SDI. */
export function outcomeOf(state: z.infer<typeof State>, sdiId: unknown): SdiOutcome {
  switch (state) {
    case 'INVI': return sdiId === null || sdiId === undefined ? 'queued' : 'sent';
    case 'CONS': case 'ACCE': case 'DECO': return 'delivered';
    case 'NONC': return 'not_delivered';
    case 'ERRO': case 'RIFI': return 'rejected';
  }
}

/** "00404 - Fattura duplicata" → code 00404; a message without a code keeps it whole. */
function sdiErrorsOf(outcome: SdiOutcome, message: string | null | undefined): RemoteInvoice['sdiErrors'] {
  if (outcome !== 'rejected' || !message) return [];
  return message.split(/\s*;\s*/).filter(Boolean).map((part) => {
    const m = /^(\d{5})\s*[-:]?\s*(.*)$/.exec(part);
    return m ? { code: m[1]!, message: m[2]! } : { code: '', message: part };
  });
}

function updatedAtOf(s: string | null | undefined): string | null {
  if (!s || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s)) return null;
  return `${s.replace(' ', 'T')}Z`;
}

function remoteOf(r: { id: number | string; sdi_identificativo?: number | string | null; sdi_stato?: z.infer<typeof State>; sdi_messaggio?: string | null; sdi_data_aggiornamento?: string | null }): RemoteInvoice {
  const outcome = outcomeOf(r.sdi_stato ?? 'INVI', r.sdi_identificativo);
  return {
    remoteId: String(r.id),
    outcome,
    sdiId: r.sdi_identificativo === null || r.sdi_identificativo === undefined ? null : String(r.sdi_identificativo),
    sdiErrors: sdiErrorsOf(outcome, r.sdi_messaggio),
    updatedAt: updatedAtOf(r.sdi_data_aggiornamento),
  };
}

/** The issue date is Rome's; the service's update stamps may be in another zone (the guide does not
 *  say): an invoice sent at 00:30 in Rome can carry the day before. A day earlier covers it. */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export function fatturaElettronicaApiProvider(cfg: FatturaElettronicaApiConfig): InvoiceProvider {
  const timeoutMs = cfg.timeoutMs ?? 30_000;
  const authorization = cfg.auth.kind === 'basic'
    ? `Basic ${Buffer.from(`${cfg.auth.username}:${cfg.auth.password}`, 'utf8').toString('base64')}`
    : `Bearer ${cfg.auth.token}`;

  /** An answer that is not 200: classified. `write` says whether the call could have stored something. */
  function failureOf(status: number, headers: Headers, body: Uint8Array, write: boolean): ProviderFailure {
    const parsed = (() => { try { return ErrorBody.safeParse(JSON.parse(utf8(body))); } catch { return null; } })();
    const apiMessage = parsed?.success ? parsed.data.error : null;
    if (status === 401 || status === 403) return { kind: 'account', code: 'PROVIDER_AUTH_REFUSED', message: msg.invoicingProviders.authRefused({ service: SERVICE }).it, apiMessage };
    if (status === 429) return limitedBy429(SERVICE, headers, cfg.clock);
    if ((status === 400 || status === 404) && apiMessage !== null) {
      // A 400 on a write is a refusal before storing (the guide's error contract); a 404 on POST means
      // the endpoint is wrong: the account's configuration, not this invoice.
      if (status === 404 && write) return { kind: 'account', code: 'PROVIDER_ENDPOINT_NOT_FOUND', message: msg.invoicingProviders.endpointNotFound({ service: SERVICE }).it, apiMessage };
      return { kind: 'refused', code: 'PROVIDER_REFUSED', message: msg.invoicingProviders.invoiceRefused({ service: SERVICE, detail: apiMessage }).it, apiMessage };
    }
    return ambiguous(SERVICE, status >= 500 ? { status } : 'unreadable');
  }

  async function getJson<T>(path: string, schema: z.ZodType<T>): Promise<ProviderResult<T>> {
    const r = await call(cfg.fetch, `${cfg.endpoint}${path}`, { method: 'GET', headers: { Authorization: authorization, Accept: 'application/json' } }, timeoutMs);
    if (!r.ok) return { ok: false, failure: ambiguous(SERVICE, 'unreachable') };
    if (r.status !== 200) return { ok: false, failure: failureOf(r.status, r.headers, r.body, false) };
    try {
      const parsed = schema.safeParse(JSON.parse(utf8(r.body)));
      if (parsed.success) return { ok: true, value: parsed.data };
    } catch { /* unreadable below */ }
    return { ok: false, failure: ambiguous(SERVICE, 'unreadable') };
  }

  return {
    name: 'fattura-elettronica-api',

    async send(invoice: OutgoingInvoice) {
      const r = await call(cfg.fetch, `${cfg.endpoint}/fatture`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/xml; charset=utf-8', Accept: 'application/json' },
        body: invoice.xml,
      }, timeoutMs);
      if (!r.ok) return { ok: false, failure: ambiguous(SERVICE, 'unreachable') };
      if (r.status !== 200) return { ok: false, failure: failureOf(r.status, r.headers, r.body, true) };
      try {
        const a = SendAnswer.safeParse(JSON.parse(utf8(r.body)));
        if (a.success) return { ok: true, value: remoteOf(a.data) };
      } catch { /* a 200 we cannot read: it may be stored */ }
      return { ok: false, failure: ambiguous(SERVICE, 'unreadable') };
    },

    async lookup(invoice) {
      for (let page = 1; ; page++) {
        const q = new URLSearchParams({ solo_trasmissioni: 'true', date_from: dayBefore(invoice.date), per_page: '1000', page: String(page) });
        const r = await getJson(`/fatture?${q}`, z.array(Row));
        if (!r.ok) return r;
        const hit = r.value.find((x) => x.ricezione === 0 && x.dati_documento?.documento?.Numero === invoice.number && x.dati_documento.documento.Data === invoice.date);
        if (hit) return { ok: true, value: remoteOf(hit) };
        if (r.value.length < 1000) return { ok: true, value: null };
      }
    },

    async status(remoteId) {
      const r = await getJson(`/fatture/${encodeURIComponent(remoteId)}`, Row);
      return r.ok ? { ok: true, value: remoteOf(r.value) } : r;
    },

    async pdf(remoteId) {
      const r = await call(cfg.fetch, `${cfg.endpoint}/fatture/${encodeURIComponent(remoteId)}/pdf`, { method: 'GET', headers: { Authorization: authorization } }, timeoutMs);
      if (!r.ok) return { ok: false, failure: ambiguous(SERVICE, 'unreachable') };
      if (r.status !== 200) return { ok: false, failure: failureOf(r.status, r.headers, r.body, false) };
      return { ok: true, value: r.body };
    },
  };
}
