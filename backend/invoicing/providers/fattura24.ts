// Fattura24 (API v0.3) behind the InvoiceProvider interface (backend/invoicing/provider.ts).
// Wire: POST {endpoint}/{Method}, form-encoded, `apiKey` + parameters; XML answers with returnCode.
// Fattura24 does not take FatturaPA: send() translates the invoice into its <Fattura24><Document>
// (DocumentType FE for TD01, NCE for TD04; our number and date imposed, so its numbering never drifts
// from the till's gap-free series).
//
// Its limits are the adapter's to keep, not the service's to enforce: 30 calls a minute, 200 an hour,
// 500 in 24 hours, and never two calls at once (concurrent calls break its numbering). Every call
// (send, lookup, status, pdf) goes through one queue, one at a time, and a limiter on the injected
// clock: a full minute is waited out (sleep, injected too); a full hour or day is not — the call
// returns `limited` with when it frees, in Italian, and the outbox keeps the invoice for then. The
// limiter lives in memory: a restarted process starts counting afresh (the service still refuses
// with 429, which is `limited` too).
//
// Where the local id travels: nowhere (Fattura24 has no field for another system's id). Lookup is by
// number and date through GetDocuments — a method modelled by the emulator, not found in the stored
// reference (see emulators/fattura24/index.ts); status reads the same method by docId.
import { msg } from '../../../shared/messages/index.js';
import { romeDateTimeLabel, type Clock } from '../../../shared/time.js';
import type { InvoiceProvider, OutgoingInvoice, ProviderFailure, ProviderResult, RemoteInvoice, SdiOutcome } from '../provider.js';
import { blocks, cents, decimal2, value } from './fatturapa-read.js';
import { ambiguous, call, limitedBy429, utf8, type Fetch } from './http.js';

const SERVICE = 'Fattura24';
export const FATTURA24_LIMITS = { perMinute: 30, perHour: 200, perDay: 500 } as const;
const MINUTE = 60_000, HOUR = 3_600_000, DAY = 86_400_000;

export interface Fattura24Config {
  /** https://www.app.fattura24.com/api/v0.3 (the emulator's url in tests). */
  endpoint: string;
  apiKey: string;
  fetch: Fetch;
  clock: Clock;
  /** How the queue waits out a full minute (default: a real timer). Tests move their clock instead. */
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const tag = (name: string, v: string | null | undefined) => (v === null || v === undefined || v === '' ? '' : `<${name}>${esc(v)}</${name}>`);

/** A refusal of the invoice itself, before any call (the XML lacks what Fattura24 needs). */
function unreadable(detail: string): ProviderFailure {
  return { kind: 'refused', code: 'PROVIDER_INVOICE_UNREADABLE', message: msg.invoicingProviders.invoiceRefused({ service: SERVICE, detail }).it, apiMessage: null };
}

/** The FatturaPA as Fattura24's document. One row per FatturaPA line: Qty 1 at the line's total, so
 *  the amounts are the ledger's to the cent (Fattura24 wants prices with 2 decimals, the line's unit
 *  price may have 8); the quantity and unit price stay readable in the description. */
export function fattura24Document(inv: OutgoingInvoice): string | ProviderFailure {
  const buyer = blocks(inv.xml, 'CessionarioCommittente')[0];
  if (!buyer) return unreadable('CessionarioCommittente');
  const sede = blocks(buyer, 'Sede')[0] ?? '';
  const name = value(buyer, 'Denominazione') ?? [value(buyer, 'Nome'), value(buyer, 'Cognome')].filter(Boolean).join(' ');
  const idIva = blocks(buyer, 'IdFiscaleIVA')[0];
  const rows: string[] = [];
  for (const l of blocks(inv.xml, 'DettaglioLinee')) {
    const total = cents(value(l, 'PrezzoTotale'));
    if (total === null) return unreadable('PrezzoTotale');
    const qty = value(l, 'Quantita');
    const desc = value(l, 'Descrizione') ?? '';
    const unit = (value(l, 'PrezzoUnitario') ?? '').replace(/(\.\d\d\d*?)0+$/, '$1');
    const rateText = (value(l, 'AliquotaIVA') ?? '0.00').replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');
    rows.push(`<Row>${tag('Description', qty && qty !== '1.00' && qty !== '1' ? `${desc} (${qty} × ${unit})` : desc)}<Qty>1</Qty><Price>${decimal2(total)}</Price><VatCode>${rateText}</VatCode>${tag('FeVatNature', value(l, 'Natura'))}</Row>`);
  }
  let taxable = 0, vat = 0;
  for (const r of blocks(inv.xml, 'DatiRiepilogo')) {
    const t = cents(value(r, 'ImponibileImporto')), v = cents(value(r, 'Imposta'));
    if (t === null || v === null) return unreadable('DatiRiepilogo');
    taxable += t; vat += v;
  }
  const payments = blocks(inv.xml, 'DettaglioPagamento').map((p) => `<Payment><Date>${inv.date}</Date><Amount>${value(p, 'ImportoPagamento') ?? ''}</Amount><Paid>true</Paid></Payment>`);
  const address = [value(sede, 'Indirizzo'), value(sede, 'NumeroCivico')].filter(Boolean).join(' ');
  return '<?xml version="1.0" encoding="UTF-8"?><Fattura24><Document>'
    + `<DocumentType>${inv.kind === 'TD04' ? 'NCE' : 'FE'}</DocumentType>${tag('Number', inv.number)}${tag('Date', inv.date)}`
    + tag('CustomerName', name) + tag('CustomerAddress', address) + tag('CustomerPostcode', value(sede, 'CAP'))
    + tag('CustomerCity', value(sede, 'Comune')) + tag('CustomerProvince', value(sede, 'Provincia')) + tag('CustomerCountry', value(sede, 'Nazione'))
    + tag('CustomerFiscalCode', value(buyer, 'CodiceFiscale')) + tag('CustomerVatCode', idIva ? value(idIva, 'IdCodice') : null)
    + tag('FeDestinationCode', value(inv.xml, 'CodiceDestinatario')) + tag('FeCustomerPec', value(inv.xml, 'PECDestinatario'))
    + `<TotalWithoutTax>${decimal2(taxable)}</TotalWithoutTax><VatAmount>${decimal2(vat)}</VatAmount><Total>${decimal2(inv.totalCents)}</Total>`
    + `<SendEmail>false</SendEmail>${payments.length ? `<Payments>${payments.join('')}</Payments>` : ''}<Rows>${rows.join('')}</Rows>`
    + '</Document></Fattura24>';
}

const FE_OUTCOME: Record<string, SdiOutcome> = { WAITING: 'queued', SENT: 'sent', DELIVERED: 'delivered', NOT_DELIVERED: 'not_delivered', REJECTED: 'rejected' };

function remoteOf(d: string): RemoteInvoice | null {
  const id = value(d, 'docId');
  const outcome = FE_OUTCOME[value(d, 'feStatus') ?? ''];
  if (!id || !outcome) return null;
  const m = value(d, 'feMessage') ?? '';
  const coded = /^(\d{5})\s*[-:]?\s*(.*)$/.exec(m);
  return {
    remoteId: id, outcome, sdiId: null, updatedAt: null,
    sdiErrors: outcome === 'rejected' && m ? [coded ? { code: coded[1]!, message: coded[2]! } : { code: '', message: m }] : [],
  };
}

type Answer = { kind: 'xml'; root: string } | { kind: 'pdf'; bytes: Uint8Array };

export function fattura24Provider(cfg: Fattura24Config): InvoiceProvider {
  const timeoutMs = cfg.timeoutMs ?? 30_000;
  const sleep = cfg.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started: number[] = []; // instants (clock) of the calls made, the last 24 h
  let tail: Promise<unknown> = Promise.resolve();

  /** Waits out a full minute; a full hour or day is a `limited` failure with when it frees. */
  async function admit(): Promise<ProviderFailure | null> {
    for (;;) {
      const now = cfg.clock.now().getTime();
      while (started.length && started[0]! <= now - DAY) started.shift();
      if (started.length >= FATTURA24_LIMITS.perDay) {
        const at = new Date(started[started.length - FATTURA24_LIMITS.perDay]! + DAY);
        return { kind: 'limited', retryAt: at.toISOString(), message: msg.invoicingProviders.dayQuotaUsed({ at: romeDateTimeLabel(at) }).it };
      }
      const hour = started.filter((t) => t > now - HOUR);
      if (hour.length >= FATTURA24_LIMITS.perHour) {
        const at = new Date(hour[hour.length - FATTURA24_LIMITS.perHour]! + HOUR);
        return { kind: 'limited', retryAt: at.toISOString(), message: msg.invoicingProviders.hourQuotaUsed({ at: romeDateTimeLabel(at) }).it };
      }
      const minute = hour.filter((t) => t > now - MINUTE);
      if (minute.length >= FATTURA24_LIMITS.perMinute) {
        await sleep(minute[minute.length - FATTURA24_LIMITS.perMinute]! + MINUTE - now);
        continue;
      }
      started.push(now);
      return null;
    }
  }

  /** One call, after every earlier one is over. */
  function request(method: string, params: Record<string, string>): Promise<ProviderResult<Answer>> {
    const run = async (): Promise<ProviderResult<Answer>> => {
      const refused = await admit();
      if (refused) return { ok: false, failure: refused };
      const r = await call(cfg.fetch, `${cfg.endpoint}/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ apiKey: cfg.apiKey, ...params }).toString(),
      }, timeoutMs);
      if (!r.ok) return { ok: false, failure: ambiguous(SERVICE, 'unreachable') };
      if (r.status === 429) return { ok: false, failure: limitedBy429(SERVICE, r.headers, cfg.clock) };
      if (r.status !== 200) return { ok: false, failure: ambiguous(SERVICE, r.status >= 500 ? { status: r.status } : 'unreadable') };
      if ((r.headers.get('content-type') ?? '').startsWith('application/pdf')) return { ok: true, value: { kind: 'pdf', bytes: r.body } };
      const root = blocks(utf8(r.body), 'root')[0];
      const code = root === undefined ? NaN : Number(value(root, 'returnCode'));
      if (root === undefined || !Number.isInteger(code)) return { ok: false, failure: ambiguous(SERVICE, 'unreadable') };
      if (code >= 0) return { ok: true, value: { kind: 'xml', root } };
      const apiMessage = value(root, 'description');
      if (/not authorized/i.test(apiMessage ?? '')) return { ok: false, failure: { kind: 'account', code: 'PROVIDER_AUTH_REFUSED', message: msg.invoicingProviders.authRefused({ service: SERVICE }).it, apiMessage } };
      // A returnCode below 0 is an answer: nothing was stored.
      return { ok: false, failure: { kind: 'refused', code: 'PROVIDER_REFUSED', message: msg.invoicingProviders.invoiceRefused({ service: SERVICE, detail: apiMessage ?? '' }).it, apiMessage } };
    };
    const p = tail.then(run, run);
    tail = p.catch(() => undefined);
    return p;
  }

  async function documents(params: Record<string, string>): Promise<ProviderResult<RemoteInvoice[]>> {
    const r = await request('GetDocuments', params);
    if (!r.ok) return r;
    if (r.value.kind !== 'xml') return { ok: false, failure: ambiguous(SERVICE, 'unreadable') };
    const list = blocks(r.value.root, 'document').map(remoteOf);
    if (list.some((x) => x === null)) return { ok: false, failure: ambiguous(SERVICE, 'unreadable') };
    return { ok: true, value: list as RemoteInvoice[] };
  }

  return {
    name: 'fattura24',

    async send(invoice) {
      const doc = fattura24Document(invoice);
      if (typeof doc !== 'string') return { ok: false, failure: doc };
      const r = await request('SaveDocument', { xml: doc });
      if (!r.ok) return r;
      const docId = r.value.kind === 'xml' ? value(r.value.root, 'docId') : null;
      if (!docId) return { ok: false, failure: ambiguous(SERVICE, 'unreadable') };
      return { ok: true, value: { remoteId: docId, outcome: 'queued', sdiId: null, sdiErrors: [], updatedAt: null } };
    },

    async lookup(invoice) {
      const r = await documents({ number: invoice.number, date: invoice.date });
      return r.ok ? { ok: true, value: r.value[0] ?? null } : r;
    },

    async status(remoteId) {
      const r = await documents({ docId: remoteId });
      if (!r.ok) return r;
      const hit = r.value[0];
      return hit ? { ok: true, value: hit } : { ok: false, failure: { kind: 'refused', code: 'PROVIDER_NOT_FOUND', message: msg.invoicingProviders.notFound({ service: SERVICE, id: remoteId }).it, apiMessage: null } };
    },

    async pdf(remoteId) {
      const r = await request('GetFile', { docId: remoteId });
      if (!r.ok) return r;
      return r.value.kind === 'pdf' ? { ok: true, value: r.value.bytes } : { ok: false, failure: ambiguous(SERVICE, 'unreadable') };
    },
  };
}
