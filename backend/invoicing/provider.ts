// One interface for the e-invoicing services a shop already pays for (issue #13): Openapi's
// /IT-invoices, Fattura Elettronica API, Fattura24. Each adapter (backend/invoicing/providers/*.ts)
// speaks its service's wire format and keeps its limits (Fattura24: 30 calls/min, 200/h, 500/24h, one
// call at a time); the invoice outbox (exactly once, like the receipts') only sees this interface.
//
// Exactly once: `send` may fail ambiguously (a timeout, a reset, a 5xx after the service stored the
// invoice). The outbox then never sends blindly: it calls `lookup` with the invoice's own number and
// local id, and adopts what the service holds, or sends again only when it certainly holds nothing.

/** The SDI's verdict on an invoice, in the till's words (each provider maps its own states to these). */
export const SDI_OUTCOMES = [
  'queued',        // accepted by the service, not yet at the SDI
  'sent',          // forwarded to the SDI, no outcome yet
  'delivered',     // consegnata al destinatario (final)
  'not_delivered', // non consegnata: in the customer's cassetto fiscale; the customer must be told (final)
  'rejected',      // scartata by the SDI (final): a corrected invoice must be issued
] as const;
export type SdiOutcome = (typeof SDI_OUTCOMES)[number];

/** One invoice as the till hands it over: the FatturaPA XML (shared/fatturapa) and who it is. */
export interface OutgoingInvoice {
  /** The ledger's document id: travels with the invoice where the service has a place for it. */
  localId: string;
  /** The invoice number as printed (gap-free annual series), e.g. «2026/0001». */
  number: string;
  /** Issue date, YYYY-MM-DD (Europe/Rome). */
  date: string;
  /** TD01 invoice, TD04 credit note. */
  kind: 'TD01' | 'TD04';
  /** The FatturaPA 1.2.2 XML, valid against the XSD. */
  xml: string;
  /** The file name the SDI expects: IT<id>_<progressive>.xml. */
  fileName: string;
  /** Total in cents (for services that want it apart from the XML, and for checks). */
  totalCents: number;
}

/** What a service holds for one invoice. */
export interface RemoteInvoice {
  /** The service's own id. */
  remoteId: string;
  outcome: SdiOutcome;
  /** The SDI's id of the file, once known. */
  sdiId: string | null;
  /** For 'rejected': the SDI's error code(s) and message as the service gives them. */
  sdiErrors: { code: string; message: string }[];
  /** When the service last saw the outcome change (ISO instant), if it says. */
  updatedAt: string | null;
}

/** A refusal or failure, classified for the outbox. */
export type ProviderFailure =
  /** Certainly not stored (4xx validation): the invoice alone is failed; its message in Italian. */
  | { kind: 'refused'; code: string; message: string; apiMessage: string | null }
  /** The account is wrong (401/403, not enabled): the queue stops until the manager fixes it. */
  | { kind: 'account'; code: string; message: string; apiMessage: string | null }
  /** A limit (429, Fattura24's quotas): try again not before `retryAt` (ISO instant). */
  | { kind: 'limited'; retryAt: string; message: string }
  /** Anything else (timeout, reset, 5xx, unreadable body): maybe stored; look up before sending again. */
  | { kind: 'ambiguous'; message: string };

export type ProviderResult<T> = { ok: true; value: T } | { ok: false; failure: ProviderFailure };

export interface InvoiceProvider {
  readonly name: 'openapi' | 'fattura-elettronica-api' | 'fattura24';
  send(invoice: OutgoingInvoice): Promise<ProviderResult<RemoteInvoice>>;
  /** The invoice with this number (and local id where the service keeps one) issued on `date`, or null. */
  lookup(invoice: Pick<OutgoingInvoice, 'localId' | 'number' | 'date' | 'kind'>): Promise<ProviderResult<RemoteInvoice | null>>;
  /** The current outcome of an invoice the service holds. */
  status(remoteId: string): Promise<ProviderResult<RemoteInvoice>>;
  /** The invoice's PDF where the service makes one (Fattura24), else null. */
  pdf?(remoteId: string): Promise<ProviderResult<Uint8Array | null>>;
}
