// For random sales (discounts, omaggi, sale discounts, rounding, every VAT code and N-code, mixed
// payments, any text): every invoice validates against the official XSD, its DatiRiepilogo equal the
// ledger's VAT breakdown to the cent, its lines add up as SDI recomputes them, and
// ImportoTotaleDocumento and the payments equal what was due. The XSD verdicts come from one xmllint
// run over the whole batch. Default: a few seconds; BANCONE_FUZZ_RUNS=N for a longer run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildInvoice } from '../../../shared/fatturapa/build.js';
import { MAX_AMOUNT_CENTS } from '../../../shared/money.js';
import { computeSale, type PaymentInput, type SaleLineInput } from '../../../shared/sale.js';
import { allocate } from '../../../shared/money.js';
import { VAT_CODES } from '../../../shared/vat.js';
import { makeDocument } from '../../fixtures/documents.js';
import { validateAgainstXsd } from '../../fixtures/xmllint.js';
import { readInvoice, sdiArithmetic } from './read-xml.js';
import { COMPANY, SHOP } from './fixtures.js';

const RUNS = Number(process.env.BANCONE_FUZZ_RUNS ?? 150);

const description = fc.oneof(
  fc.constantFrom('Pane', 'Caffè espresso', 'Vino «Barolo» 2019', 'Olio & aceto <bio>', 'Prosciutto crudo 1/2 kg'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }),
).filter((s) => s.trim() !== '' && s.length <= 1000); // the till's own limit (shared/sale.ts MAX_DESCRIPTION)

const line = fc.record({
  description,
  unitPriceCents: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 2_000_000 })),
  quantityMilli: fc.oneof(fc.integer({ min: 1, max: 20 }).map((n) => n * 1000), fc.integer({ min: 1, max: 50_000 })),
  vatCode: fc.constantFrom(...VAT_CODES),
  discountShare: fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  complimentary: fc.boolean(),
  barcode: fc.option(fc.constantFrom('8001234567897', '4006381333931'), { nil: null }),
});

const saleSpec = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: 12 }),
  saleDiscountShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  methods: fc.array(fc.constantFrom('cash', 'electronic', 'meal_voucher', 'uncollected') as fc.Arbitrary<PaymentInput['method']>, { minLength: 1, maxLength: 4 }),
  weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 4, maxLength: 4 }),
  changeCents: fc.integer({ min: 0, max: 5000 }),
  cashRounding: fc.boolean(),
  // The till refuses a document above MAX_AMOUNT_CENTS (with room for the change handed back).
}).filter((s) => s.lines.reduce((t, l) => t + Math.round((l.quantityMilli * l.unitPriceCents) / 1000), 0) + 5000 <= MAX_AMOUNT_CENTS);
type SaleSpec = typeof saleSpec extends fc.Arbitrary<infer T> ? T : never;

/** A sale the till would accept, with payments that cover it: the ledger's own computeSale decides every figure. */
function documentOf(spec: SaleSpec) {
  const lines: SaleLineInput[] = spec.lines.map((l) => {
    const gross = Math.round((l.quantityMilli * l.unitPriceCents) / 1000);
    return {
      description: l.description, unitPriceCents: l.unitPriceCents, quantityMilli: l.quantityMilli, vatCode: l.vatCode,
      complimentary: l.complimentary, barcode: l.barcode,
      discountCents: l.complimentary ? 0 : Math.floor(gross * l.discountShare),
    };
  });
  const probe = computeSale({ lines, discountCents: 0, payments: [{ method: 'cash', amountCents: MAX_AMOUNT_CENTS }], cashRounding: false });
  const discountCents = Math.floor(probe.totalCents * spec.saleDiscountShare);
  const total = probe.totalCents - discountCents;
  const methods = [...new Set(spec.methods)];
  const cashOnly = methods.every((m) => m === 'cash');
  const due = total + (spec.cashRounding && cashOnly ? (computeSale({ lines, discountCents, payments: [{ method: 'cash', amountCents: total + 10 }], cashRounding: true }).roundingCents) : 0);
  const parts = due === 0 ? methods.map(() => 0) : allocate(due, spec.weights.slice(0, methods.length));
  const payments: PaymentInput[] = methods.map((method, i) => ({
    method,
    amountCents: parts[i]! + (method === 'cash' ? spec.changeCents : 0),
    ...(method === 'meal_voucher' ? { count: 1 } : {}),
    ...(method === 'uncollected' ? { uncollectedKind: 'goods' as const } : {}),
  })).filter((p) => p.amountCents > 0);
  return makeDocument({ lines, discountCents, payments, cashRounding: spec.cashRounding });
}

describe('FatturaPA from random sales', () => {
  it(`${RUNS} random sales: each invoice validates against the XSD and its figures are the ledger's to the cent`, () => {
    const specs = fc.sample(saleSpec, { numRuns: RUNS, seed: Number(process.env.BANCONE_FUZZ_SEED ?? 20261202) });
    const docs = specs.map(documentOf);
    const built = docs.map((document, i) => buildInvoice({ document, shop: SHOP, customer: COMPANY, number: `2026/${i + 1}` }));
    const verdicts = validateAgainstXsd(built.map((b) => b.xml));

    docs.forEach((doc, i) => {
      const where = `sale ${i}: ${JSON.stringify(specs[i])}`;
      expect(verdicts[i], `${where}\n${verdicts[i]!.errors.join('\n')}`).toEqual({ valid: true, errors: [] });
      const inv = readInvoice(built[i]!.xml);
      expect(inv.summary.map((s) => [s.taxable, s.vat]), where).toEqual(doc.vat.map((r) => [r.taxableCents, r.vatCents]));
      expect(inv.summary.reduce((a, s) => a + s.taxable + s.vat, 0), where).toBe(doc.totalCents);
      expect([inv.total, inv.rounding], where).toEqual([doc.dueCents, doc.roundingCents]);
      expect(inv.payments.reduce((a, p) => a + p.amount, 0), where).toBe(doc.dueCents);
      expect(inv.lines.length, where).toBe(doc.lines.length);
      expect(sdiArithmetic(inv), where).toEqual([]);
      const exempt = doc.vat.filter((r) => ['N1', 'N2', 'N3', 'N4'].includes(r.vatCode)).reduce((a, r) => a + r.taxableCents, 0);
      expect(inv.stampDuty, where).toBe(exempt > 7747);
    });
    // The generator reaches the cases that matter (else the property proves little).
    expect(docs.some((d) => d.lines.some((l) => l.complimentary))).toBe(true);
    expect(docs.some((d) => d.saleDiscountCents > 0)).toBe(true);
    expect(docs.some((d) => d.roundingCents !== 0)).toBe(true);
    expect(docs.some((d) => d.payments.length > 1)).toBe(true);
    expect(docs.some((d) => d.vat.some((r) => r.vatCode.startsWith('N')))).toBe(true);
    expect(built.some((b) => b.figures.stampDuty)).toBe(true);
  });
});
