// The documento commerciale on paper: a committed sale, return or void → receipt lines.
import { formatAmount, formatEuro, formatQuantity } from '../money.js';
import type { DocumentInvoice, DocumentLine, DocumentPayment, DocumentRecord } from '../document.js';
import { romeDateTimeLabel } from '../time.js';
import type { FiscalNumberSlipMode, ReceiptLayout, ReceiptOptions, ShopInfo } from './model.js';
import { LineList, fiscalDateLabel, footer, markLines, shopHeader, vatShort, vatSummary } from './common.js';
import { wrap } from './text.js';
import { reconciliationIdentifier } from '../reconciliation.js';

export const PROVISIONAL_NOTICE = 'DOCUMENTO COMMERCIALE IN ATTESA DI EMISSIONE';

/** Under the provisional notice: only what the till will really do (setting printing.fiscalNumberSlip). */
const SLIP_PROMISE: Record<FiscalNumberSlipMode, string | null> = {
  auto: 'Il numero AdE sarà stampato a parte appena disponibile',
  on_request: 'Il numero AdE si può richiedere in cassa appena disponibile',
  never: null,
};

/**
 * The document's total and, after a cash rounding, the amount that changed hands. A void or a
 * return is money given back, never money to pay.
 */
export const TOTAL_LABELS = {
  sale: { total: 'TOTALE', due: 'TOTALE DA PAGARE' },
  return: { total: 'TOTALE RESO', due: 'TOTALE RIMBORSATO' },
  void: { total: 'TOTALE ANNULLATO', due: 'TOTALE RIMBORSATO' },
} as const;

const HEADINGS = {
  sale: { big: null, sub: 'di vendita o prestazione' },
  return: { big: 'RESO', sub: 'emesso per RESO MERCE' },
  void: { big: 'ANNULLAMENTO', sub: 'emesso per ANNULLAMENTO' },
} as const;

const VAT_W = 5; // "7,65%"

export function paymentLabel(p: Pick<DocumentPayment, 'method' | 'count' | 'uncollectedKind'>, refund: boolean): string {
  switch (p.method) {
    case 'cash': return refund ? 'Rimborso contante' : 'Pagamento contante';
    case 'electronic': return refund ? 'Rimborso elettronico' : 'Pagamento elettronico';
    case 'meal_voucher': return `Buoni pasto${refund ? ' restituiti' : ''}${p.count ? ` (n. ${p.count})` : ''}`;
    case 'uncollected': return `${refund ? 'Storno non riscosso' : 'Non riscosso'}${p.uncollectedKind === 'goods' ? ' (beni)' : p.uncollectedKind === 'services' ? ' (servizi)' : ''}`;
  }
}

/** True when printing this document should open the cash drawer: cash changes hands. */
export function movesCash(doc: Pick<DocumentRecord, 'payments'>): boolean {
  return doc.payments.some((p) => p.method === 'cash' && p.amountCents > 0);
}

/** The AdE reference of a document once known, e.g. "DCW2026/1234-5678 del 21/11/2026". */
export function fiscalReference(doc: Pick<DocumentRecord, 'fiscal'>): string | null {
  const f = doc.fiscal;
  if (!f?.documentNumber) return null;
  return f.documentDate ? `${f.documentNumber} del ${fiscalDateLabel(f.documentDate)}` : f.documentNumber;
}

/** The item rows (also laid out on a training slip, ./training.ts). */
export function items(out: LineList, doc: DocumentRecord): void {
  const columns = out.columns;
  const amounts = doc.lines.flatMap((l) => [formatAmount(l.grossCents), formatAmount(-l.discountCents), formatAmount(-l.grossCents)]);
  const amountW = Math.max(9, ...amounts.map((a) => a.length));
  const descW = columns - VAT_W - amountW - 2;
  const row = (desc: string, vat: string, amount: string) => `${desc.padEnd(descW)} ${vat.padStart(VAT_W)} ${amount.padStart(amountW)}`;
  const detail = (label: string, amount: string) => {
    const w = columns - amountW - 1;
    const parts = wrap(label, w);
    parts.forEach((p, i) => out.fixed(i === parts.length - 1 && amount !== '' ? `${p.padEnd(w)} ${amount.padStart(amountW)}` : p));
  };

  out.fixed(row('DESCRIZIONE', 'IVA', 'PREZZO(€)'));
  for (const l of doc.lines) itemLines(out, l, descW, row, detail);
}

function itemLines(
  out: LineList,
  l: DocumentLine,
  descW: number,
  row: (d: string, v: string, a: string) => string,
  detail: (label: string, amount: string) => void,
): void {
  if (l.quantityMilli !== 1000) detail(`  ${formatQuantity(l.quantityMilli)} x ${formatAmount(l.unitPriceCents)}`, '');
  const desc = wrap(l.description, descW);
  desc.forEach((d, i) => out.fixed(i === 0 ? row(d, vatShort(l.vatCode), formatAmount(l.grossCents)) : d));
  if (l.discountCents > 0) detail('  Sconto', formatAmount(-l.discountCents));
  if (l.complimentary) detail('  OMAGGIO', l.grossCents > 0 ? formatAmount(-l.grossCents) : '');
}

export function totals(out: LineList, doc: DocumentRecord): void {
  const grossSum = doc.lines.reduce((a, l) => a + l.grossCents, 0);
  if (grossSum !== doc.totalCents) out.pair('SUBTOTALE', formatAmount(grossSum));
  if (doc.saleDiscountCents > 0) out.pair('SCONTO SUL TOTALE', formatAmount(-doc.saleDiscountCents));
  const labels = TOTAL_LABELS[doc.kind];
  out.pair(labels.total, formatEuro(doc.totalCents), { bold: true, size: 'tall' });
  out.pair('di cui IVA', formatAmount(doc.vat.reduce((a, v) => a + v.vatCents, 0)));
  if (doc.roundingCents !== 0) {
    out.pair('ARROTONDAMENTO', formatAmount(doc.roundingCents));
    out.pair(labels.due, formatEuro(doc.dueCents), { bold: true });
  }
}

export function payments(out: LineList, doc: DocumentRecord): void {
  if (doc.payments.length === 0) return;
  const refund = doc.kind !== 'sale';
  out.rule();
  for (const p of doc.payments) out.pair(paymentLabel(p, refund), formatAmount(p.amountCents));
  if (doc.changeCents > 0) out.pair('RESTO', formatEuro(doc.changeCents), { bold: true });
}

/**
 * Under an electronic payment (or refund), the reconciliation identifier the daily export and the
 * invoice's CodicePagamento carry (issue #13): the shop matches the card settlement to this paper.
 * «Rif. pagamento BNC-20261121-0007» is 32 characters: one line on 58 mm paper.
 */
function paymentReference(out: LineList, doc: DocumentRecord): void {
  if (!doc.payments.some((p) => p.method === 'electronic' && p.amountCents !== 0)) return;
  out.text(`Rif. pagamento ${reconciliationIdentifier(doc.number)}`);
}

function fiscalPart(out: LineList, doc: DocumentRecord, slip: FiscalNumberSlipMode): void {
  out.rule();
  const when = romeDateTimeLabel(doc.createdAt);
  out.pair(when, `N. ${doc.number}`);
  const ref = fiscalReference(doc);
  if (ref) {
    out.text(`Documento N. ${ref}`, { bold: true });
  } else {
    out.blank();
    out.center(PROVISIONAL_NOTICE, { bold: true });
    const promise = SLIP_PROMISE[slip];
    if (promise) out.center(promise);
  }
  if (doc.kind === 'sale' && doc.fiscal?.state === 'voided') out.center('DOCUMENTO ANNULLATO', { bold: true });
}

function parentCitation(out: LineList, doc: DocumentRecord): void {
  const p = doc.parent;
  if (!p) return;
  if (p.documentNumber) out.text(`Documento di riferimento N. ${p.documentNumber}`);
  out.text(`Scontrino originale N. ${p.number} del ${romeDateTimeLabel(p.createdAt)}`);
}

/** The words a slip of an invoiced document opens with (issue #13): what it is and what it is not. */
export const NOT_A_RECEIPT = 'Documento non valido ai fini fiscali';

/** «Fattura n. 2026/0001 emessa a Bar Sport Srl, inviata allo SDI» (or the credit note's). */
export function invoiceNotice(inv: DocumentInvoice): string {
  return `${NOT_A_RECEIPT} - ${inv.kind === 'TD01' ? 'Fattura' : 'Nota di credito'} n. ${inv.number} emessa a ${inv.customer.name}, inviata allo SDI`;
}

/**
 * The slip of a document an invoice documents INSTEAD of a receipt (issue #13): a sale invoiced at
 * the counter (TD01) or a return/void of one (TD04). It is not a documento commerciale: no such
 * heading, no AdE number or provisional notice; it names the invoice and its customer. The lines,
 * totals, payments and VAT are the customer's copy of what the invoice says.
 */
function layoutInvoiced(doc: DocumentRecord, inv: DocumentInvoice, shop: ShopInfo, opts: ReceiptOptions): ReceiptLayout {
  const out = new LineList(opts.columns);
  shopHeader(out, shop, opts.logo ?? false);
  markLines(out, opts.mark);
  out.blank();
  const big = HEADINGS[doc.kind].big;
  if (big) out.center(big, { bold: true, size: 'large' });
  out.center(inv.kind === 'TD01' ? `FATTURA N. ${inv.number}` : `NOTA DI CREDITO N. ${inv.number}`, { bold: true, size: 'tall' });
  out.center(`del ${fiscalDateLabel(inv.date)}`);
  out.text(invoiceNotice(inv), { bold: true });
  out.rule();
  out.text(`${inv.kind === 'TD01' ? 'Fattura a' : 'Nota di credito a'}: ${inv.customer.name}`, { bold: true });
  if (inv.customer.vatNumber) out.text(`P.IVA ${inv.customer.vatNumber}`);
  if (inv.customer.taxCode && inv.customer.taxCode !== inv.customer.vatNumber) out.text(`C.F. ${inv.customer.taxCode}`);
  if (inv.corrects) out.text(`Storna la fattura n. ${inv.corrects}`);
  if (doc.parent) out.text(`Vendita originale N. ${doc.parent.number} del ${romeDateTimeLabel(doc.parent.createdAt)}`);
  out.rule();
  items(out, doc);
  out.rule();
  totals(out, doc);
  payments(out, doc);
  out.rule();
  vatSummary(out, doc.vat);
  out.rule();
  out.pair(romeDateTimeLabel(doc.createdAt), `N. ${doc.number}`);
  if (opts.qr ?? true) {
    out.blank();
    out.push({ kind: 'qr', data: doc.id, moduleSize: opts.columns === 32 ? 4 : 5 });
  }
  footer(out, shop);
  markLines(out, opts.mark);
  out.push({ kind: 'cut' });
  return { kind: doc.kind, columns: opts.columns, lines: out.lines, openDrawer: !opts.mark && movesCash(doc) };
}

/** The receipt of a committed document. Pure: same input, same lines. */
export function layoutDocument(doc: DocumentRecord, shop: ShopInfo, opts: ReceiptOptions): ReceiptLayout {
  if (doc.invoice) return layoutInvoiced(doc, doc.invoice, shop, opts);
  const out = new LineList(opts.columns);
  const heading = HEADINGS[doc.kind];
  shopHeader(out, shop, opts.logo ?? false);
  markLines(out, opts.mark);
  out.blank();
  if (heading.big) out.center(heading.big, { bold: true, size: 'large' });
  out.center('DOCUMENTO COMMERCIALE', { bold: true });
  out.center(heading.sub);
  parentCitation(out, doc);
  out.rule();
  items(out, doc);
  out.rule();
  totals(out, doc);
  payments(out, doc);
  paymentReference(out, doc);
  if (doc.lotteryCode) {
    out.rule();
    out.pair('Codice lotteria', doc.lotteryCode, { bold: true });
  }
  out.rule();
  vatSummary(out, doc.vat);
  fiscalPart(out, doc, opts.fiscalNumberSlip ?? 'on_request');
  if (opts.qr ?? true) {
    out.blank();
    out.push({ kind: 'qr', data: doc.id, moduleSize: opts.columns === 32 ? 4 : 5 });
  }
  footer(out, shop);
  markLines(out, opts.mark);
  out.push({ kind: 'cut' });
  return { kind: doc.kind, columns: opts.columns, lines: out.lines, openDrawer: !opts.mark && movesCash(doc) };
}
