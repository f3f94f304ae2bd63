// A sale as the ledger holds it → a FatturaPA 1.2.2 invoice (FPR12: businesses and private persons),
// valid against the official XSD (test/unit/fatturapa*.test.ts run xmllint on it). Pure: the caller
// reads the document, the shop and the customer; amounts stay integer cents until cents2()/e8().
//
// Decisions (see also lines.ts):
//  - ImportoTotaleDocumento is what the customer owes (the ledger's due: total + cash rounding), with
//    the rounding in Arrotondamento; Σ DatiRiepilogo (imponibile + imposta) is the ledger's total.
//  - DatiRiepilogo: one row per row of the ledger's VAT breakdown, its taxable and VAT as recorded.
//    The sale-level discount is already inside the lines (the ledger spreads it), so it is not
//    repeated as a document-level ScontoMaggiorazione (that would count it twice).
//  - The ledger's N2, N3, N6 are the receipts' coarse codes; SDI refuses them on invoices since 2021
//    (error 00445), so they become N2.2, N3.6, N6.9 unless the shop says otherwise (natureDetails).
//  - Bollo virtuale € 2,00 when the amounts without VAT that bear stamp duty exceed € 77,47 (DPR 642/1972,
//    tariffa art. 13): N1, N2.x, N3.5, N3.6, N4. Exports and like operations (N3.1–N3.4) are exempt from
//    it (art. 15 of its tabella), the margin scheme (N5) and reverse charge (N6.x) bear VAT. The shop
//    pays it: it is declared in DatiBollo and not added to the customer's total.
//  - A TD01 for a sale already documented by a receipt cites the documento commerciale in Causale
//    (number, date and the AdE's number): the AdE's rules ask the invoice to refer to it, and Causale
//    is where the accountant and the customer read it.
//  - A TD04 (return or void of an invoiced sale) cites the invoice in DatiFattureCollegate.
//  - Each DettaglioPagamento carries the document's reconciliation identifier (BNC-YYYYMMDD-NNNN,
//    shared/reconciliation.ts) in CodicePagamento, the field FatturaPA has for matching payments: the
//    same one the receipt prints and the daily export lists, so the customer's payment, the card
//    settlement and the invoice meet on one code.
import type { DocumentPayment } from '../document.js';
import type { PaymentMethod } from '../sale.js';
import { fail } from '../errors.js';
import { msg } from '../messages/index.js';
import { checkCodiceFiscale, checkPartitaIva, fiscalIdProblemText } from '../fiscal-id.js';
import { dayLabel, isIsoDay } from '../time.js';
import { reconciliationIdentifier } from '../reconciliation.js';
import { vatRateBp, type VatCode } from '../vat.js';
import type { Cents } from '../money.js';
import { parseShopAddress } from './address.js';
import { checkCessionario, recipientOf } from './customer.js';
import { cents2, e8, quantity, rate } from './decimal.js';
import { invoiceLines, type InvoiceLine } from './lines.js';
import { isBasicLatin, latinText } from './text.js';
import type { Cessionario, InvoiceRequest, Natura, NatureDetails } from './types.js';
import { el, toXml, type XmlElement } from './xml.js';

export const FATTURAPA_NAMESPACE = 'http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2';

export const DEFAULT_NATURE_DETAILS: NatureDetails = { N2: 'N2.2', N3: 'N3.6', N6: 'N6.9' };

/** Natura of a ledger VAT code; null for a rate. */
export function naturaOf(code: VatCode, details: NatureDetails = DEFAULT_NATURE_DETAILS): Natura | null {
  if (code === 'N2' || code === 'N3' || code === 'N6') return details[code];
  if (code === 'N1' || code === 'N4' || code === 'N5') return code;
  return null;
}

const STAMP_DUTY_NATURE: ReadonlySet<Natura> = new Set<Natura>(['N1', 'N2.1', 'N2.2', 'N3.5', 'N3.6', 'N4']);
/** Stamp duty is due above € 77,47 of such amounts; it is € 2,00. */
export const STAMP_DUTY_THRESHOLD_CENTS = 7747;
export const STAMP_DUTY_CENTS = 200;

/**
 * ModalitaPagamento per payment method: cash MP01, card MP08. Meal vouchers are read on a terminal
 * like a card (MP08). Uncollected: to be paid later, by transfer as a rule (MP05).
 */
export const PAYMENT_MODE: Record<PaymentMethod, string> = { cash: 'MP01', electronic: 'MP08', meal_voucher: 'MP08', uncollected: 'MP05' };

/** What the builder computed, for callers and tests that check figures without reading the XML. */
export interface InvoiceFigures {
  tipoDocumento: 'TD01' | 'TD04';
  lines: InvoiceLine[];
  summary: { vatCode: VatCode; natura: Natura | null; taxableCents: Cents; vatCents: Cents }[];
  totalCents: Cents;
  roundingCents: Cents;
  stampDuty: boolean;
  /** code: CodicePagamento, the document's reconciliation identifier. */
  payments: { mode: string; amountCents: Cents; code: string }[];
}

export interface BuiltInvoice { xml: string; figures: InvoiceFigures }

function checkShop(shop: InvoiceRequest['shop']): void {
  if (shop.name.trim() === '') fail('INVOICE_SHOP_NAME_MISSING', msg.fatturapa.shopNameMissing, 'shop.name');
  if (shop.vatNumber.trim() === '') fail('INVOICE_SHOP_VAT_NUMBER_MISSING', msg.fatturapa.shopVatNumberMissing, 'shop.vatNumber');
  const p = checkPartitaIva(shop.vatNumber);
  if (!p.ok) fail('INVOICE_SHOP_VAT_NUMBER_INVALID', fiscalIdProblemText('partitaIva', p.problem), 'shop.vatNumber');
  if (shop.taxCode.trim() === '') fail('INVOICE_SHOP_TAX_CODE_MISSING', msg.fatturapa.shopTaxCodeMissing, 'shop.taxCode');
  const cf = checkCodiceFiscale(shop.taxCode);
  if (!cf.ok) fail('INVOICE_SHOP_TAX_CODE_INVALID', fiscalIdProblemText('codiceFiscale', cf.problem), 'shop.taxCode');
}

/** Numero and IdDocumento: String20Type (ASCII) with a digit in it (SDI refuses a number without one). */
function checkNumber(n: string, field: string): string {
  if (!isBasicLatin(n, 20) || !/[0-9]/.test(n)) fail('INVOICE_NUMBER_INVALID', msg.fatturapa.numberInvalid, field);
  return n;
}

function checkDay(d: string, field: string): string {
  if (!isIsoDay(d)) fail('INVOICE_DATE_INVALID', msg.fatturapa.dateInvalid, field);
  return d;
}

function transmissionIdOf(req: InvoiceRequest): string {
  if (req.transmissionId !== undefined) {
    if (!/^[A-Za-z0-9]{1,10}$/.test(req.transmissionId)) fail('INVOICE_TRANSMISSION_ID_INVALID', msg.fatturapa.transmissionIdInvalid, 'transmissionId');
    return req.transmissionId;
  }
  return req.number.replace(/[^A-Za-z0-9]/g, '').slice(-10);
}

function paymentsOf(payments: readonly DocumentPayment[], documentNumber: string): InvoiceFigures['payments'] {
  // String60LatinType: «BNC-» and a document number of letters, digits and «-» is always far shorter.
  const code = reconciliationIdentifier(documentNumber);
  return payments.filter((p) => p.appliedCents > 0).map((p) => ({ mode: PAYMENT_MODE[p.method], amountCents: p.appliedCents, code }));
}

function anagrafica(c: Cessionario): XmlElement {
  return el('Anagrafica', c.denominazione
    ? [el('Denominazione', latinText(c.denominazione, 80))]
    : [el('Nome', latinText(c.nome ?? '', 60)), el('Cognome', latinText(c.cognome ?? '', 60))]);
}

function lineXml(l: InvoiceLine, natura: Natura | null): XmlElement {
  const codes: XmlElement[] = [];
  if (l.barcode && isBasicLatin(l.barcode, 35)) codes.push(el('CodiceArticolo', [el('CodiceTipo', 'EAN'), el('CodiceValore', l.barcode)]));
  if (l.sku && isBasicLatin(l.sku, 35)) codes.push(el('CodiceArticolo', [el('CodiceTipo', 'INTERNO'), el('CodiceValore', l.sku)]));
  const d = l.discount;
  return el('DettaglioLinee', [
    el('NumeroLinea', String(l.lineNo)),
    ...codes,
    el('Descrizione', latinText(l.description, 1000)),
    el('Quantita', quantity(l.quantityMilli)),
    el('PrezzoUnitario', e8(l.unitPrice)),
    d && el('ScontoMaggiorazione', [el('Tipo', 'SC'), 'percent' in d ? el('Percentuale', '100.00') : el('Importo', e8(d.perUnit))]),
    el('PrezzoTotale', cents2(l.totalCents)),
    el('AliquotaIVA', rate(vatRateBp(l.vatCode))),
    natura && el('Natura', natura),
  ]);
}

/** Builds the invoice (TD01 for a sale, TD04 for a return or void). Throws BanconeError naming the field. */
export function buildInvoice(req: InvoiceRequest): BuiltInvoice {
  const doc = req.document;
  checkShop(req.shop);
  const shopSede = parseShopAddress(req.shop.address);
  const number = checkNumber(req.number, 'number');
  const date = checkDay(req.date ?? doc.businessDay, 'date');
  const tipoDocumento = doc.kind === 'sale' ? 'TD01' : 'TD04';
  if (tipoDocumento === 'TD01' && req.creditNoteOf) fail('INVOICE_CREDIT_NOTE_FOR_SALE', msg.fatturapa.creditNoteOnlyForReturns, 'creditNoteOf');
  if (tipoDocumento === 'TD04' && !req.creditNoteOf) fail('INVOICE_CREDIT_NOTE_NEEDS_INVOICE', msg.fatturapa.creditNoteNeedsInvoice, 'creditNoteOf');
  const linked = req.creditNoteOf
    ? { number: checkNumber(req.creditNoteOf.number, 'creditNoteOf.number'), date: checkDay(req.creditNoteOf.date, 'creditNoteOf.date') }
    : null;
  const details: NatureDetails = { ...DEFAULT_NATURE_DETAILS, ...req.natureDetails };

  const lines = invoiceLines(doc);
  const summary = doc.vat.map((r) => ({ vatCode: r.vatCode, natura: naturaOf(r.vatCode, details), taxableCents: r.taxableCents, vatCents: r.vatCents }));
  const stampable = summary.filter((s) => s.natura !== null && STAMP_DUTY_NATURE.has(s.natura)).reduce((a, s) => a + s.taxableCents, 0);
  const stampDuty = stampable > STAMP_DUTY_THRESHOLD_CENTS;
  const payments = paymentsOf(doc.payments, doc.number);
  const figures: InvoiceFigures = { tipoDocumento, lines, summary, totalCents: doc.dueCents, roundingCents: doc.roundingCents, stampDuty, payments };

  // Checked again here (cheap): whatever filled it, an invoice never carries an unchecked customer.
  const c = checkCessionario(req.customer);
  const recipient = recipientOf(c);
  const cs = c.sede;
  const foreign = (cs.nazione ?? 'IT') !== 'IT';
  const causale = tipoDocumento === 'TD01' && req.receipt
    ? msg.fatturapa.receiptCited({ number: req.receipt.number, date: isIsoDay(req.receipt.date) ? dayLabel(req.receipt.date) : req.receipt.date, adeNumber: req.receipt.adeNumber }).it
    : null;

  const root = el('p:FatturaElettronica', [
    el('FatturaElettronicaHeader', [
      el('DatiTrasmissione', [
        el('IdTrasmittente', [el('IdPaese', 'IT'), el('IdCodice', req.shop.taxCode)]),
        el('ProgressivoInvio', transmissionIdOf(req)),
        el('FormatoTrasmissione', 'FPR12'),
        el('CodiceDestinatario', recipient.code),
        recipient.pec !== null && el('PECDestinatario', recipient.pec),
      ]),
      el('CedentePrestatore', [
        el('DatiAnagrafici', [
          el('IdFiscaleIVA', [el('IdPaese', 'IT'), el('IdCodice', req.shop.vatNumber)]),
          el('CodiceFiscale', req.shop.taxCode),
          el('Anagrafica', [el('Denominazione', latinText(req.shop.name, 80))]),
          el('RegimeFiscale', req.shop.regime),
        ]),
        el('Sede', [
          el('Indirizzo', latinText(shopSede.indirizzo, 60)),
          el('CAP', shopSede.cap),
          el('Comune', latinText(shopSede.comune, 60)),
          shopSede.provincia !== null && el('Provincia', shopSede.provincia),
          el('Nazione', shopSede.nazione),
        ]),
      ]),
      el('CessionarioCommittente', [
        el('DatiAnagrafici', [
          c.idFiscaleIva && el('IdFiscaleIVA', [el('IdPaese', c.idFiscaleIva.paese), el('IdCodice', c.idFiscaleIva.codice)]),
          c.codiceFiscale && el('CodiceFiscale', c.codiceFiscale),
          anagrafica(c),
        ]),
        el('Sede', [
          el('Indirizzo', latinText(cs.indirizzo, 60)),
          cs.numeroCivico && el('NumeroCivico', cs.numeroCivico),
          el('CAP', cs.cap ?? '00000'),
          el('Comune', latinText(cs.comune, 60)),
          !foreign && cs.provincia && el('Provincia', cs.provincia),
          el('Nazione', cs.nazione ?? 'IT'),
        ]),
      ]),
    ]),
    el('FatturaElettronicaBody', [
      el('DatiGenerali', [
        el('DatiGeneraliDocumento', [
          el('TipoDocumento', tipoDocumento),
          el('Divisa', 'EUR'),
          el('Data', date),
          el('Numero', number),
          stampDuty && el('DatiBollo', [el('BolloVirtuale', 'SI'), el('ImportoBollo', cents2(STAMP_DUTY_CENTS))]),
          el('ImportoTotaleDocumento', cents2(doc.dueCents)),
          doc.roundingCents !== 0 && el('Arrotondamento', cents2(doc.roundingCents)),
          causale !== null && el('Causale', latinText(causale, 200)),
          !!req.reissueOf && el('Causale', latinText(msg.invoiceReissue.causale({ number: req.reissueOf.number, date: isIsoDay(req.reissueOf.date) ? dayLabel(req.reissueOf.date) : req.reissueOf.date }).it, 200)),
        ]),
        linked && el('DatiFattureCollegate', [el('IdDocumento', linked.number), el('Data', linked.date)]),
      ]),
      el('DatiBeniServizi', [
        ...lines.map((l) => lineXml(l, naturaOf(l.vatCode, details))),
        ...summary.map((s) => el('DatiRiepilogo', [
          el('AliquotaIVA', rate(vatRateBp(s.vatCode))),
          s.natura !== null && el('Natura', s.natura),
          el('ImponibileImporto', cents2(s.taxableCents)),
          el('Imposta', cents2(s.vatCents)),
          s.natura === null && el('EsigibilitaIVA', 'I'),
        ])),
      ]),
      payments.length > 0 && el('DatiPagamento', [
        el('CondizioniPagamento', 'TP02'),
        ...payments.map((p) => el('DettaglioPagamento', [
          el('ModalitaPagamento', p.mode), el('ImportoPagamento', cents2(p.amountCents)), el('CodicePagamento', latinText(p.code, 60)),
        ])),
      ]),
    ]),
  ], {
    'xmlns:ds': 'http://www.w3.org/2000/09/xmldsig#',
    'xmlns:p': FATTURAPA_NAMESPACE,
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    versione: 'FPR12',
  });
  return { xml: toXml(root), figures };
}
