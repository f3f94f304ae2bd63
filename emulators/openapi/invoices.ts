// The emulator's /IT-invoices (Openapi's Invoice API, issue #13): the outgoing invoices a shop sends,
// validated like the service does (FatturaPA 1.2.2 XSD through xmllint --nonet, the sender's
// IT-configuration with `customer_invoice` enabled), and moved through NEW → SENT → DONE | ERROR by
// test controls that play the SDI (forward, deliver, not deliver, reject with its error codes).
//
// Wire facts (openapi-invoice.oas.json): the POST body is the invoice XML itself (application/xml);
// like /IT-invoices_import, raw XML or its Base64 are both read. Refusals use Openapi's envelope:
// 400 «Invalid XML structure», 403 «Permission denied for this fiscal_id», 404 code 111 «Fiscal ID not
// found or not registered». The messages after the documented words are the emulator's own.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INVOICE_LIST_FILTERS, INVOICE_STATES, type InvoiceState, type SdiStatus } from '../../shared/openapi/invoices.js';
import { FATTURAPA_XSD } from '../fatturapa/schema.js';
import { ApiError, ERR, type EmulatorClock, type EmulatorStore } from './store.js';

/** The official schema (emulators/fatturapa/). */
export const DEFAULT_FATTURAPA_XSD = FATTURAPA_XSD;
const XMLLINT = process.env.BANCONE_XMLLINT ?? '/usr/bin/xmllint';

export interface StoredInvoice {
  id: string;
  fiscalId: string;
  type: string;
  documentNumber: string;
  issueDate: string;
  totalGross: number | null;
  senderName: string | null;
  recipientName: string | null;
  recipientVatId: string | null;
  recipientTaxCode: string | null;
  state: InvoiceState;
  sdiStatus: SdiStatus;
  sdiId: string | null;
  sdiFilename: string | null;
  sdiMessage: string;
  sdiUpdateDate: string | null;
  createdAt: number;
  xml: string;
}

/** An SDI error as a notifica di scarto lists it (e.g. 00404 «Fattura duplicata»). */
export interface SdiError { code: string; message: string }

/** The text of the first `<tag>` inside `xml` (unqualified elements, as FatturaPA has below its root). */
function first(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m ? unescape(m[1]!.trim()) : null;
}
function block(xml: string, tag: string): string {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? m[1]! : '';
}
function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The XML from the request body: raw, or Base64 of it. */
function decodeBody(raw: string): string {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text.startsWith('<')) return text;
  if (/^[A-Za-z0-9+/=\s]+$/.test(text) && text.length > 0) {
    const decoded = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/^\uFEFF/, '').trim();
    if (decoded.startsWith('<')) return decoded;
  }
  throw new ApiError(400, 400, 'Invalid XML structure: the body is neither XML nor Base64-encoded XML');
}

/** xmllint --nonet against the FatturaPA XSD; the errors without the temporary file's name. */
export function xsdErrors(xml: string, xsd: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'emu-invoice-'));
  try {
    const file = join(dir, 'invoice.xml');
    writeFileSync(file, xml, 'utf8');
    const r = spawnSync(XMLLINT, ['--nonet', '--noout', '--schema', xsd, file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.error) throw new Error(`xmllint could not run (${XMLLINT}): ${r.error.message}`);
    const out = `${r.stdout}\n${r.stderr}`.split('\n');
    if (out.some((l) => /failed to compile|WXS schema .* failed/.test(l))) throw new Error(`the FatturaPA schema did not load (${xsd})`);
    if (out.includes(`${file} validates`)) return [];
    const errors = out.filter((l) => l.startsWith(`${file}:`)).map((l) => l.slice(file.length + 1).replace(/^(\d+):\s*/, 'line $1: ').replace(/\s*Schemas validity error\s*:\s*/, ' ').trim());
    return errors.length > 0 ? errors : ['the document does not validate'];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const newId = () => randomBytes(12).toString('hex');

export class InvoiceStore {
  readonly invoices: StoredInvoice[] = [];
  private sdiCounter = 7_400_000_000;

  constructor(private readonly clock: EmulatorClock, private readonly store: EmulatorStore, private readonly xsd: string = DEFAULT_FATTURAPA_XSD) {}

  /** POST /IT-invoices: validated, stored as NEW (sdi_status BOOKED). */
  create(rawBody: string, contentType: string): StoredInvoice {
    const type = contentType.split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/xml' && type !== 'text/xml')
      throw new ApiError(415, 415, `Unsupported Media Type: ${type || '(none)'}; send the invoice XML as application/xml`);
    const xml = decodeBody(rawBody);
    const errors = xsdErrors(xml, this.xsd);
    if (errors.length > 0) throw new ApiError(400, 400, `Invalid XML structure: ${errors.slice(0, 3).join('; ')}`);
    const cedente = block(xml, 'CedentePrestatore');
    const fiscalId = first(block(cedente, 'IdFiscaleIVA'), 'IdCodice') ?? first(cedente, 'CodiceFiscale') ?? '';
    const cfg = this.store.configurations.get(fiscalId);
    if (!cfg || !cfg.active) throw new ApiError(404, ERR.CONFIG_NOT_FOUND, `Fiscal ID not found or not registered: ${fiscalId}`);
    if (!cfg.customer_invoice) throw new ApiError(403, 403, 'Permission denied for this fiscal_id: customer_invoice is not enabled in its IT-configuration');
    const general = block(xml, 'DatiGeneraliDocumento');
    const cessionario = block(xml, 'CessionarioCommittente');
    const total = first(general, 'ImportoTotaleDocumento');
    const now = this.clock.now();
    const inv: StoredInvoice = {
      id: newId(),
      fiscalId,
      type: first(general, 'TipoDocumento') ?? '',
      documentNumber: first(general, 'Numero') ?? '',
      issueDate: first(general, 'Data') ?? '',
      totalGross: total === null ? null : Number(total),
      senderName: first(cedente, 'Denominazione') ?? [first(cedente, 'Nome'), first(cedente, 'Cognome')].filter(Boolean).join(' '),
      recipientName: first(cessionario, 'Denominazione') ?? [first(cessionario, 'Nome'), first(cessionario, 'Cognome')].filter(Boolean).join(' '),
      recipientVatId: first(block(cessionario, 'IdFiscaleIVA'), 'IdCodice'),
      recipientTaxCode: first(cessionario, 'CodiceFiscale'),
      state: 'NEW',
      sdiStatus: 'BOOKED',
      sdiId: null,
      sdiFilename: null,
      sdiMessage: '',
      sdiUpdateDate: now.toISOString(),
      createdAt: now.getTime(),
      xml,
    };
    this.invoices.push(inv);
    return inv;
  }

  get(id: string): StoredInvoice {
    const inv = this.invoices.find((i) => i.id === id);
    if (!inv) throw new ApiError(404, 404, `Invoice not found: ${id}`);
    return inv;
  }

  /** GET /IT-invoices with the OAS's filters; any other query parameter is refused. */
  list(q: URLSearchParams): StoredInvoice[] {
    for (const k of q.keys()) if (!(INVOICE_LIST_FILTERS as readonly string[]).includes(k)) throw new ApiError(400, 400, `Invalid query parameter: ${k}`);
    const multi = (k: string) => (q.get(k) ? q.get(k)!.split(',').map((s) => s.trim()).filter(Boolean) : null);
    const fiscal = multi('fiscal_id');
    const states = multi('state');
    const directions = multi('direction');
    for (const s of states ?? []) if (!(INVOICE_STATES as readonly string[]).includes(s)) throw new ApiError(422, ERR.INVALID_VALUE, `Invalid state: ${s}`);
    for (const d of directions ?? []) if (d !== 'incoming' && d !== 'outgoing') throw new ApiError(422, ERR.INVALID_VALUE, `Invalid direction: ${d}`);
    for (const k of ['issue_date', 'issue_date[before]', 'issue_date[after]']) {
      const v = q.get(k);
      if (v !== null && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new ApiError(422, ERR.INVALID_VALUE, `${k} must follow the YYYY-MM-DD format`);
    }
    const skip = q.get('skip') === null ? 0 : Number(q.get('skip'));
    const limit = q.get('limit') === null ? 100 : Number(q.get('limit'));
    if (!Number.isInteger(skip) || skip < 0) throw new ApiError(422, ERR.INVALID_VALUE, 'skip must be an integer >= 0');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ApiError(422, ERR.INVALID_VALUE, 'limit must be an integer between 1 and 100');
    const get = (k: string) => q.get(k);
    return this.invoices.filter((i) =>
      (!fiscal || fiscal.includes(i.fiscalId)) &&
      (!states || states.includes(i.state)) &&
      // Every invoice here was sent by the shop: outgoing.
      (!directions || directions.includes('outgoing')) &&
      (get('type') === null || i.type === get('type')) &&
      (get('document_number') === null || i.documentNumber === get('document_number')) &&
      (get('issue_date') === null || i.issueDate === get('issue_date')) &&
      (get('issue_date[before]') === null || i.issueDate < get('issue_date[before]')!) &&
      (get('issue_date[after]') === null || i.issueDate > get('issue_date[after]')!),
    ).slice(skip, skip + limit);
  }

  // ---- The SDI, played by the tests -------------------------------------------------------------

  /** BOOKED → SENT: transmitted to the SDI, which gives the file its id. */
  forward(id: string): StoredInvoice {
    const inv = this.get(id);
    if (inv.state !== 'NEW') throw new Error(`invoice ${id} is ${inv.state}, not NEW`);
    inv.state = 'SENT';
    inv.sdiStatus = 'SENT';
    inv.sdiId = String(++this.sdiCounter);
    inv.sdiFilename = `IT${inv.fiscalId}_${inv.sdiId.slice(-5)}.xml`;
    this.touch(inv);
    return inv;
  }

  /** Consegnata al destinatario: DONE / DELIVERED. */
  deliver(id: string): StoredInvoice {
    return this.finish(id, 'DONE', 'DELIVERED', '');
  }

  /** Not deliverable: in the customer's cassetto fiscale. DONE / NOT_DELIVERED (Openapi counts it as done). */
  notDeliver(id: string): StoredInvoice {
    return this.finish(id, 'DONE', 'NOT_DELIVERED', 'Recipient unreachable: the invoice is available in the recipient\'s cassetto fiscale');
  }

  /** Scartata: ERROR / ERROR with the SDI's error list in sdi_message («00404: Fattura duplicata»). */
  reject(id: string, errors: SdiError[]): StoredInvoice {
    return this.finish(id, 'ERROR', 'ERROR', errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }

  private finish(id: string, state: InvoiceState, sdiStatus: SdiStatus, message: string): StoredInvoice {
    const inv = this.get(id);
    if (inv.state === 'NEW') this.forward(id);
    if (inv.state !== 'SENT') throw new Error(`invoice ${id} is ${inv.state}: its outcome is final`);
    inv.state = state;
    inv.sdiStatus = sdiStatus;
    inv.sdiMessage = message;
    this.touch(inv);
    return inv;
  }

  private touch(inv: StoredInvoice): void {
    inv.sdiUpdateDate = this.clock.now().toISOString();
  }

  /** The invoice as the API shows it (InvoiceResponse). */
  toJson(i: StoredInvoice): Record<string, unknown> {
    const cfg = this.store.configurations.get(i.fiscalId);
    return {
      id: i.id,
      state: i.state,
      direction: 'outgoing',
      fiscal_id: i.fiscalId,
      type: i.type,
      document_number: i.documentNumber,
      issue_date: i.issueDate,
      total_gross_amount: i.totalGross ?? 0,
      sender: { name: i.senderName ?? cfg?.name ?? '', vat_id: i.fiscalId, tax_code: i.fiscalId, country_code: 'IT' },
      recipient: { name: i.recipientName ?? '', vat_id: i.recipientVatId ?? '', tax_code: i.recipientTaxCode ?? '' },
      details: {
        sdi_id: i.sdiId,
        sdi_filename: i.sdiFilename,
        sdi_status: i.sdiStatus,
        sdi_message: i.sdiMessage,
        sdi_update_date: i.sdiUpdateDate,
        invoice_date: i.issueDate,
      },
    };
  }
}
