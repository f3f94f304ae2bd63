// The invoice's courtesy copy on A4 (issue #13): what the customer is handed or e-mailed, offline,
// whichever service sends the XML (Fattura24 makes its own PDF too; this one needs no network).
//
// It is read from the XML as issued (invoices.xml, never rebuilt): every figure on the page is the
// XML's, to the cent, and a customer edited since the issue does not change an old copy. The ledger
// adds only what the XML does not say in its own fields: the receipt a TD01 cites, the rejected
// invoice a re-issue replaces, the document the reconciliation identifier comes from.
//
// Same invoice, same bytes: pdfkit's CreationDate (and the file ID it hashes from the info) is the
// invoice's issue instant, so a copy made today and one made next year are identical files.
// Words are Italian only, like the other paper outputs (backend/reports/pdf.ts).
import PDFDocument from 'pdfkit';
import type { ReadableDb } from '../db/types.js';
import { formatAmount, formatEuro } from '../../shared/money.js';
import { dayLabel, isIsoDay } from '../../shared/time.js';
import { reconciliationIdentifier } from '../../shared/reconciliation.js';
import { msg } from '../../shared/messages/index.js';
import type { FiscalRegime } from '../../shared/contract/setup.js';
import { COLORS, MARGIN, contentWidth, footers, paragraph, sectionTitle, table, toBuffer, type Doc, type TableRow } from '../reports/pdf-kit.js';
import { blocks, cents, value } from './providers/fatturapa-read.js';
import { getInvoice, invoiceXml, type InvoiceRecord } from './store.js';

/** The notice the page opens with: the SDI's file is the invoice, this is a copy. */
export const COURTESY_NOTICE = 'Copia di cortesia — il documento valido ai fini fiscali è quello trasmesso allo SDI';

/** What each Natura means (FatturaPA 1.2.2 specifications, table of codes), for the customer reading it. */
export const NATURA_IT: Record<string, string> = {
  N1: 'escluse ex art. 15 DPR 633/72',
  'N2.1': 'non soggette ad IVA ai sensi degli artt. da 7 a 7-septies DPR 633/72',
  'N2.2': 'non soggette - altri casi',
  'N3.1': 'non imponibili - esportazioni',
  'N3.2': 'non imponibili - cessioni intracomunitarie',
  'N3.3': 'non imponibili - cessioni verso San Marino',
  'N3.4': 'non imponibili - operazioni assimilate alle cessioni all\'esportazione',
  'N3.5': 'non imponibili - a seguito di dichiarazioni d\'intento',
  'N3.6': 'non imponibili - altre operazioni che non concorrono alla formazione del plafond',
  N4: 'esenti',
  N5: 'regime del margine / IVA non esposta in fattura',
  'N6.1': 'inversione contabile - cessione di rottami e altri materiali di recupero',
  'N6.2': 'inversione contabile - cessione di oro e argento',
  'N6.3': 'inversione contabile - subappalto nel settore edile',
  'N6.4': 'inversione contabile - cessione di fabbricati',
  'N6.5': 'inversione contabile - cessione di telefoni cellulari',
  'N6.6': 'inversione contabile - cessione di prodotti elettronici',
  'N6.7': 'inversione contabile - prestazioni comparto edile e settori connessi',
  'N6.8': 'inversione contabile - operazioni settore energetico',
  'N6.9': 'inversione contabile - altri casi',
  N7: 'IVA assolta in altro stato UE',
};

/** ModalitaPagamento as the customer knows it (the builder writes MP01, MP05, MP08). */
const PAYMENT_MODE_IT: Record<string, string> = {
  MP01: 'Contanti', MP02: 'Assegno', MP05: 'Bonifico', MP08: 'Carta di pagamento',
};

interface Party { name: string; vatId: string | null; taxCode: string | null; address: string[] }

/** The XML as the page shows it: amounts in cents, other figures as the XML writes them. */
export interface IssuedInvoice {
  tipo: string;
  number: string;
  date: string;
  seller: Party & { regime: string };
  customer: Party & { recipient: string | null; pec: string | null };
  causale: string | null;
  linked: { number: string; date: string } | null;
  lines: { no: string; description: string; quantity: string; unitPrice: string; discount: string | null; totalCents: number; rate: string; natura: string | null }[];
  summary: { rate: string; natura: string | null; taxableCents: number; vatCents: number }[];
  stampDutyCents: number | null;
  roundingCents: number;
  totalCents: number;
  payments: { mode: string; amountCents: number; code: string | null }[];
}

const amount = (xml: string, tag: string): number => {
  const c = cents(value(xml, tag));
  // The builder wrote it (two decimals): anything else is not an invoice of this till.
  if (c === null) throw new Error(`invoice XML: ${tag} is not an amount`);
  return c;
};

function party(block: string): Party {
  const id = blocks(block, 'IdFiscaleIVA')[0];
  const sede = blocks(block, 'Sede')[0] ?? '';
  const name = value(block, 'Denominazione') ?? [value(block, 'Nome'), value(block, 'Cognome')].filter(Boolean).join(' ');
  const street = [value(sede, 'Indirizzo'), value(sede, 'NumeroCivico')].filter(Boolean).join(' ');
  const prov = value(sede, 'Provincia');
  const nation = value(sede, 'Nazione');
  const town = [value(sede, 'CAP'), value(sede, 'Comune'), prov ? `(${prov})` : null, nation && nation !== 'IT' ? nation : null].filter(Boolean).join(' ');
  return {
    name,
    vatId: id ? `${value(id, 'IdPaese') ?? ''}${value(id, 'IdCodice') ?? ''}` : null,
    taxCode: value(blocks(block, 'DatiAnagrafici')[0] ?? '', 'CodiceFiscale'),
    address: [street, town].filter((s) => s !== ''),
  };
}

/** Reads the XML as issued (shared/fatturapa/build.ts's regular output). */
export function readIssuedInvoice(xml: string): IssuedInvoice {
  const gen = blocks(xml, 'DatiGeneraliDocumento')[0] ?? '';
  const linked = blocks(xml, 'DatiFattureCollegate')[0];
  const bollo = blocks(gen, 'DatiBollo')[0];
  const seller = blocks(xml, 'CedentePrestatore')[0] ?? '';
  const buyer = blocks(xml, 'CessionarioCommittente')[0] ?? '';
  const recipient = value(xml, 'CodiceDestinatario');
  return {
    tipo: value(gen, 'TipoDocumento') ?? '',
    number: value(gen, 'Numero') ?? '',
    date: value(gen, 'Data') ?? '',
    seller: { ...party(seller), regime: value(seller, 'RegimeFiscale') ?? '' },
    // 0000000: no code (the invoice goes to the PEC or the customer's cassetto fiscale).
    customer: { ...party(buyer), recipient: recipient && recipient !== '0000000' ? recipient : null, pec: value(xml, 'PECDestinatario') },
    causale: value(gen, 'Causale'),
    linked: linked ? { number: value(linked, 'IdDocumento') ?? '', date: value(linked, 'Data') ?? '' } : null,
    lines: blocks(xml, 'DettaglioLinee').map((b) => {
      const sm = blocks(b, 'ScontoMaggiorazione')[0];
      const pct = sm ? value(sm, 'Percentuale') : null;
      const per = sm ? value(sm, 'Importo') : null;
      return {
        no: value(b, 'NumeroLinea') ?? '', description: value(b, 'Descrizione') ?? '', quantity: value(b, 'Quantita') ?? '',
        unitPrice: value(b, 'PrezzoUnitario') ?? '',
        discount: pct === '100.00' ? 'omaggio' : pct !== null ? `${decimalIt(pct)}%` : per !== null ? `-${decimalIt(per)} cad.` : null,
        totalCents: amount(b, 'PrezzoTotale'), rate: value(b, 'AliquotaIVA') ?? '', natura: value(b, 'Natura'),
      };
    }),
    summary: blocks(xml, 'DatiRiepilogo').map((b) => ({
      rate: value(b, 'AliquotaIVA') ?? '', natura: value(b, 'Natura'), taxableCents: amount(b, 'ImponibileImporto'), vatCents: amount(b, 'Imposta'),
    })),
    stampDutyCents: bollo ? amount(bollo, 'ImportoBollo') : null,
    roundingCents: value(gen, 'Arrotondamento') === null ? 0 : amount(gen, 'Arrotondamento'),
    totalCents: amount(gen, 'ImportoTotaleDocumento'),
    payments: blocks(xml, 'DettaglioPagamento').map((b) => ({ mode: value(b, 'ModalitaPagamento') ?? '', amountCents: amount(b, 'ImportoPagamento'), code: value(b, 'CodicePagamento') })),
  };
}

/** "1234.5" → "1.234,5": the XML's decimal in Italian, every digit kept (unit prices have up to 8). */
function decimalIt(s: string): string {
  const [int = '', frac] = s.replace(/^-/, '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${s.startsWith('-') ? '-' : ''}${grouped}${frac !== undefined ? `,${frac}` : ''}`;
}

/** Quantities without the XSD's padding: "2.00" → "2", "0.347" → "0,347". */
function quantityIt(s: string): string {
  return decimalIt(s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
}

const day = (d: string) => (isIsoDay(d) ? dayLabel(d) : d);
const rateLabel = (rate: string, natura: string | null) => (natura ?? `${decimalIt(rate.replace(/\.00$/, ''))}%`);

/** The document's name and what it refers to, from the XML and the ledger's record. */
function titleOf(x: IssuedInvoice): string {
  return `${x.tipo === 'TD04' ? 'Nota di credito' : 'Fattura'} N. ${x.number} del ${day(x.date)}`;
}

function references(inv: InvoiceRecord, x: IssuedInvoice): string[] {
  const out: string[] = [];
  if (x.tipo === 'TD04' && x.linked) out.push(`Nota di credito a storno della fattura N. ${x.linked.number} del ${day(x.linked.date)}`);
  if (inv.replaces) out.push(`Riemissione corretta della fattura N. ${inv.replaces.number} del ${day(inv.replaces.date)}, scartata dal Sistema di Interscambio`);
  if (inv.receipt) {
    const ade = inv.receipt.adeNumber ? ` (n. AdE ${inv.receipt.adeNumber})` : '';
    out.push(`Relativa al documento commerciale N. ${inv.receipt.number} del ${day(inv.receipt.date)}${ade}`);
  } else if (inv.atSale) out.push(`Emessa al banco in luogo del documento commerciale (vendita N. ${inv.document.number})`);
  return out;
}

function partyBlock(doc: Doc, title: string, p: Party, extra: string[], x: number, y: number, w: number): number {
  doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text(title.toUpperCase(), x, y, { width: w, characterSpacing: 0.3 });
  doc.font('Helvetica-Bold').fontSize(11).fillColor(COLORS.ink).text(p.name, x, doc.y + 2, { width: w });
  doc.font('Helvetica').fontSize(9);
  for (const line of p.address) doc.text(line, x, doc.y, { width: w });
  if (p.vatId) doc.text(`P.IVA ${p.vatId}`, x, doc.y, { width: w });
  if (p.taxCode && p.taxCode !== p.vatId?.replace(/^IT/, '')) doc.text(`Codice fiscale ${p.taxCode}`, x, doc.y, { width: w });
  for (const line of extra) doc.text(line, x, doc.y, { width: w });
  return doc.y;
}

function header(doc: Doc, inv: InvoiceRecord, x: IssuedInvoice): void {
  const half = contentWidth() / 2;
  const regime = msg.setup.regime({ code: x.seller.regime as FiscalRegime }).it;
  const left = partyBlock(doc, 'Cedente / prestatore', x.seller, [`Regime fiscale ${x.seller.regime}${regime ? ` (${regime})` : ''}`], MARGIN, MARGIN, half - 12);
  doc.font('Helvetica-Bold').fontSize(15).fillColor(COLORS.accent).text(titleOf(x), MARGIN + half, MARGIN, { width: half, align: 'right' });
  doc.font('Helvetica').fontSize(9).fillColor(COLORS.ink);
  doc.text(`Tipo documento ${x.tipo}`, MARGIN + half, doc.y + 2, { width: half, align: 'right' });
  doc.fillColor(COLORS.muted).text(`File ${inv.fileName}`, MARGIN + half, doc.y, { width: half, align: 'right' });
  doc.y = Math.max(left, doc.y) + 10;
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + contentWidth(), doc.y).lineWidth(1.5).strokeColor(COLORS.accent).stroke();
  doc.y += 8;
  // The notice, in a band nobody can miss.
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(9.5);
  const h = doc.heightOfString(COURTESY_NOTICE, { width: contentWidth() - 16 }) + 10;
  doc.rect(MARGIN, y, contentWidth(), h).fillColor(COLORS.warnFill).fill();
  doc.fillColor(COLORS.warn).text(COURTESY_NOTICE, MARGIN + 8, y + 5, { width: contentWidth() - 16 });
  doc.y = y + h + 10;

  const c = x.customer;
  const delivery = c.recipient ? [`Codice destinatario ${c.recipient}`] : c.pec ? [`PEC ${c.pec}`] : ['Recapito nel cassetto fiscale del cliente'];
  const top = doc.y;
  const bottom = partyBlock(doc, 'Cessionario / committente', c, delivery, MARGIN, top, half - 12);
  doc.y = bottom + 6;
  doc.x = MARGIN;
  for (const r of references(inv, x)) paragraph(doc, r, { bold: true });
}

function lines(doc: Doc, x: IssuedInvoice): void {
  sectionTitle(doc, 'Dettaglio');
  table(doc, [
    { header: 'N.', width: 0.04 },
    { header: 'Descrizione', width: 0.29 },
    { header: 'Quantità', width: 0.09, align: 'right' },
    { header: 'Prezzo unitario €', width: 0.15, align: 'right' },
    { header: 'Sconto', width: 0.19, align: 'right' },
    { header: 'IVA', width: 0.08, align: 'right' },
    { header: 'Importo €', width: 0.16, align: 'right' },
  ], x.lines.map((l) => ({
    cells: [l.no, l.description, quantityIt(l.quantity), decimalIt(l.unitPrice), l.discount ?? '', rateLabel(l.rate, l.natura), formatAmount(l.totalCents)],
  })));
  doc.moveDown(0.3);
  paragraph(doc, 'Prezzi e importi al netto dell\'IVA.', { muted: true });
  const codes = [...new Set(x.lines.map((l) => l.natura).filter((n): n is string => n !== null))];
  for (const n of codes) paragraph(doc, `${n}: operazioni ${NATURA_IT[n] ?? ''}`, { muted: true });
}

function summary(doc: Doc, x: IssuedInvoice): void {
  sectionTitle(doc, 'Riepilogo IVA');
  const taxable = x.summary.reduce((a, s) => a + s.taxableCents, 0);
  const vat = x.summary.reduce((a, s) => a + s.vatCents, 0);
  const rows: TableRow[] = x.summary.map((s) => ({
    cells: [s.natura ? `${s.natura} - ${NATURA_IT[s.natura] ?? ''}` : `IVA ${rateLabel(s.rate, null)}`, formatAmount(s.taxableCents), formatAmount(s.vatCents)],
  }));
  rows.push({ cells: ['Totale', formatAmount(taxable), formatAmount(vat)], bold: true });
  table(doc, [{ header: 'Aliquota o natura', width: 0.6 }, { header: 'Imponibile €', width: 0.2, align: 'right' }, { header: 'Imposta €', width: 0.2, align: 'right' }], rows);
  doc.moveDown(0.6);
  const totals: TableRow[] = [{ cells: ['Imponibile', formatAmount(taxable)] }, { cells: ['IVA', formatAmount(vat)] }];
  if (x.roundingCents !== 0) totals.push({ cells: ['Arrotondamento', formatAmount(x.roundingCents)] });
  totals.push({ cells: [x.tipo === 'TD04' ? 'Totale nota di credito' : 'Totale documento', formatEuro(x.totalCents)], bold: true });
  table(doc, [{ header: 'Totali', width: 0.75 }, { header: 'Importo', width: 0.25, align: 'right' }], totals);
  if (x.stampDutyCents !== null) {
    doc.moveDown(0.4);
    // Paid by the shop (DatiBollo): not part of the customer's total.
    paragraph(doc, `Imposta di bollo di ${formatEuro(x.stampDutyCents)} assolta in modo virtuale (bollo virtuale, art. 6 DM 17 giugno 2014), a carico del cedente.`);
  }
}

function payments(doc: Doc, inv: InvoiceRecord, x: IssuedInvoice): void {
  const id = reconciliationIdentifier(inv.document.number);
  if (x.payments.length > 0) {
    sectionTitle(doc, x.tipo === 'TD04' ? 'Rimborsi' : 'Pagamenti');
    table(doc, [{ header: 'Modalità', width: 0.45 }, { header: 'Riferimento', width: 0.3 }, { header: 'Importo €', width: 0.25, align: 'right' }],
      x.payments.map((p) => ({ cells: [`${PAYMENT_MODE_IT[p.mode] ?? p.mode} (${p.mode})`, p.code ?? id, formatAmount(p.amountCents)] })));
    doc.moveDown(0.4);
  }
  paragraph(doc, `Identificativo di riconciliazione: ${id}`, { bold: true });
  paragraph(doc, 'Lo stesso riferimento è stampato sullo scontrino ("Rif. pagamento") e compare nell\'estratto dei pagamenti.', { muted: true });
}

/** The courtesy copy of an issued invoice, from its XML as issued. Same invoice, same bytes. */
export async function invoicePdf(inv: InvoiceRecord, xml: string): Promise<Buffer> {
  const x = readIssuedInvoice(xml);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: titleOf(x), Author: x.seller.name, Subject: `Copia di cortesia ${inv.fileName}`, Creator: 'Bancone', Producer: 'Bancone',
      // Fixed: pdfkit would stamp the wall clock, and hash it into the file ID.
      CreationDate: new Date(inv.createdAt),
    },
  });
  header(doc, inv, x);
  lines(doc, x);
  summary(doc, x);
  payments(doc, inv, x);
  footers(doc, `${titleOf(x)} - copia di cortesia`);
  return toBuffer(doc);
}

/** «Fattura-2026-0001.pdf», «Nota-di-credito-2026-0002.pdf»: letters, digits and «-» (any file system). */
export function invoicePdfFileName(inv: Pick<InvoiceRecord, 'kind' | 'number'>): string {
  return `${inv.kind === 'TD04' ? 'Nota-di-credito' : 'Fattura'}-${inv.number.replace(/[^0-9A-Za-z]+/g, '-')}.pdf`;
}

/** The invoice by id or number (INVOICE_NOT_FOUND, field «invoice», otherwise) and its courtesy copy. */
export async function invoicePdfOf(db: ReadableDb, ref: string): Promise<{ invoice: InvoiceRecord; fileName: string; pdf: Buffer }> {
  const invoice = getInvoice(db, ref);
  const pdf = await invoicePdf(invoice, invoiceXml(db, invoice.id));
  return { invoice, fileName: invoicePdfFileName(invoice), pdf };
}
