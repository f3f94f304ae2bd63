// The ledger's lines → DettaglioLinee. The ledger holds prices with VAT (a till's prices) and the VAT
// breakdown per code (scorporo on each code's total, shared/vat.ts). FatturaPA wants prices net of VAT
// per line and, per rate, ImponibileImporto = Σ PrezzoTotale (SDI check 00422). So each code's
// taxable total, as the ledger recorded it, is shared over its lines in proportion to what they cost
// (largest remainder, shared/money.ts allocate): the lines add up to the ledger's figure exactly,
// instead of scorporo line by line drifting from it by cents.
//
// A line then reads as the ledger holds it (SDI check 00423: PrezzoTotale = (PrezzoUnitario ∓ sconto)
// × Quantita, to the cent):
//  - plain line: PrezzoUnitario = its net total ÷ quantity (8 decimals), no discount;
//  - discounted line (its own discount and/or its share of the sale's discount): PrezzoUnitario = the
//    list price net of VAT, ScontoMaggiorazione SC of the difference per unit;
//  - omaggio: PrezzoUnitario = the price net of VAT, ScontoMaggiorazione SC 100 %, PrezzoTotale 0.
import { allocate, type Cents, type Milli } from '../money.js';
import type { DocumentRecord } from '../document.js';
import { vatRateBp, type VatCode } from '../vat.js';
import { divRoundBig, E8_PER_CENT, type E8 } from './decimal.js';

export interface InvoiceLine {
  lineNo: number;
  description: string;
  barcode: string | null;
  sku: string | null;
  vatCode: VatCode;
  quantityMilli: Milli;
  /** PrezzoUnitario, net of VAT, in 1e-8 euro. */
  unitPrice: E8;
  /** ScontoMaggiorazione SC: 100 % (omaggio), an amount per unit, or none. */
  discount: { percent: 100 } | { perUnit: E8 } | null;
  /** PrezzoTotale, net of VAT. */
  totalCents: Cents;
}

/** Net of VAT, per unit: gross × 10000 / (10000 + rate in bp), to 1e-8 euro. */
function netUnit(grossCents: Cents, code: VatCode): E8 {
  return divRoundBig(BigInt(grossCents) * E8_PER_CENT * 10000n, BigInt(10000 + vatRateBp(code)));
}

function perUnit(totalCents: Cents, quantityMilli: Milli): E8 {
  return divRoundBig(BigInt(totalCents) * E8_PER_CENT * 1000n, BigInt(quantityMilli));
}

/** The invoice's lines, in the ledger's order; per VAT code, Σ totalCents = the ledger's taxable. */
export function invoiceLines(doc: Pick<DocumentRecord, 'lines' | 'vat'>): InvoiceLine[] {
  const net = new Map<number, Cents>();
  for (const row of doc.vat) {
    const of = doc.lines.filter((l) => l.vatCode === row.vatCode);
    const weights = of.map((l) => l.amountCents);
    const parts = weights.some((w) => w > 0) ? allocate(row.taxableCents, weights) : of.map(() => 0);
    of.forEach((l, i) => net.set(l.lineNo, parts[i]!));
  }
  return doc.lines.map((l) => {
    const totalCents = net.get(l.lineNo);
    // The ledger writes a VAT row for every code its lines use (vatBreakdown): a line without one is a broken document.
    if (totalCents === undefined) throw new Error(`document line ${l.lineNo}: no VAT row for ${l.vatCode}`);
    const base = { lineNo: l.lineNo, description: l.description, barcode: l.barcode, sku: l.sku, vatCode: l.vatCode, quantityMilli: l.quantityMilli, totalCents };
    if (l.complimentary) return { ...base, unitPrice: netUnit(l.unitPriceCents, l.vatCode), discount: { percent: 100 } };
    const actual = perUnit(totalCents, l.quantityMilli);
    if (l.discountCents + l.saleDiscountShareCents > 0) {
      const list = netUnit(l.unitPriceCents, l.vatCode);
      // A discount of a cent or two can vanish in the net rounding: then the line is written as plain.
      if (list > actual) return { ...base, unitPrice: list, discount: { perUnit: list - actual } };
    }
    return { ...base, unitPrice: actual, discount: null };
  });
}
