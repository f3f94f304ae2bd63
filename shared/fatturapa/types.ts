// The inputs of the FatturaPA builder, as plain data. The customer («cessionario/committente») is a
// type of its own here: the customer book (backend/customers) fills it, and so can a JSON file.
import type { DocumentRecord } from '../document.js';
import type { FiscalRegime } from '../contract/setup.js';

/** The customer as the invoice needs it (FatturaPA 1.2.2, block 1.4). */
export interface Cessionario {
  /** A company's name; or nome + cognome for a person (never both). */
  denominazione?: string | null;
  nome?: string | null;
  cognome?: string | null;
  /** Partita IVA with its country (IT: check digit verified); at least one of this and codiceFiscale. */
  idFiscaleIva?: { paese: string; codice: string } | null;
  codiceFiscale?: string | null;
  sede: {
    indirizzo: string;
    numeroCivico?: string | null;
    /** 5 digits; a foreign address may leave it out (SDI wants 00000 then). */
    cap?: string | null;
    comune: string;
    provincia?: string | null;
    /** ISO 3166 alpha-2, default IT. */
    nazione?: string | null;
  };
  /** SDI recipient code (7 characters) or a PEC; neither: the invoice waits in the customer's cassetto fiscale. */
  codiceDestinatario?: string | null;
  pec?: string | null;
}

/** The shop as the set-up saved it (backend/setup/shop.ts readShop): the «cedente/prestatore». */
export interface InvoiceShop {
  name: string;
  vatNumber: string;
  taxCode: string;
  /** Free text as typed in the set-up: street on one line, «CAP comune (PR)» on the next. */
  address: string;
  regime: FiscalRegime;
}

/** Natura codes of FatturaPA 1.2.2 that SDI accepts (plain N2, N3, N6 are refused since 2021: error 00445). */
export const NATURE = [
  'N1', 'N2.1', 'N2.2', 'N3.1', 'N3.2', 'N3.3', 'N3.4', 'N3.5', 'N3.6', 'N4', 'N5',
  'N6.1', 'N6.2', 'N6.3', 'N6.4', 'N6.5', 'N6.6', 'N6.7', 'N6.8', 'N6.9', 'N7',
] as const;
export type Natura = (typeof NATURE)[number];

/** Which detailed Natura the ledger's coarse N2, N3, N6 (the receipts' enum) stand for in this shop. */
export interface NatureDetails {
  N2: Extract<Natura, `N2.${string}`>;
  N3: Extract<Natura, `N3.${string}`>;
  N6: Extract<Natura, `N6.${string}`>;
}

export interface InvoiceRequest {
  /** The sale (TD01), or the return/void of an invoiced sale (TD04), as the ledger reads it. */
  document: DocumentRecord;
  shop: InvoiceShop;
  customer: Cessionario;
  /** The invoice number (a gap-free series comes with invoice numbering; today the caller gives it). */
  number: string;
  /** YYYY-MM-DD; the document's business day when absent. */
  date?: string;
  /** ProgressivoInvio (1–10 letters/digits); derived from the number when absent. */
  transmissionId?: string;
  /** The sale was already documented by a receipt (documento commerciale): the invoice cites it. */
  receipt?: { number: string; date: string; adeNumber: string | null } | null;
  /** TD04: the invoice this credit note corrects. */
  creditNoteOf?: { number: string; date: string } | null;
  /** A corrected re-issue: the invoice the SDI rejected, cited in a Causale of its own. */
  reissueOf?: { number: string; date: string } | null;
  natureDetails?: Partial<NatureDetails>;
}
