// Issue #10 items 6 and 7: what a refused input says, and what an accepted one may be.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInput } from '../../../shared/validation.js';
import { BanconeError } from '../../../shared/errors.js';
import { PaymentRequestSchema, ReturnRequestSchema, SaleRequestSchema } from '../../../shared/schemas/documents.js';
import { CashCountInputSchema, CashMovementInputSchema } from '../../../shared/contract/reports.js';
import { computeSale } from '../../../shared/sale.js';
import { MAX_AMOUNT_CENTS } from '../../../shared/money.js';

function refusal(schema: z.ZodType, input: unknown): BanconeError {
  try {
    parseInput(schema, input);
  } catch (e) {
    if (e instanceof BanconeError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`);
}

const line = { description: 'Pane', unit_price_cents: 350, vat_code: '4' };

describe('item 6: a refused field says what is wrong and what was received', () => {
  it('a number given as text is a wrong type, not a missing field, and shows what came', () => {
    const e = refusal(SaleRequestSchema, { lines: [{ ...line, quantity: 'NaN' }] });
    expect(e.field).toBe('lines[0].quantity');
    expect(e.message).toBe('Campo "lines[0].quantity": atteso un numero, ricevuto "NaN"');
    expect(e.messageEn).toBe('Field "lines[0].quantity": expected a number, received "NaN"');
  });

  it('a missing field is still «obbligatorio mancante»; null is a wrong type', () => {
    expect(refusal(ReturnRequestSchema, { lines: [{ line_no: 1, quantity: 1 }] }).message).toBe('Campo "sale": campo obbligatorio mancante');
    expect(refusal(ReturnRequestSchema, { sale: null, lines: [{ line_no: 1, quantity: 1 }] }).message).toBe('Campo "sale": atteso un testo, ricevuto null');
  });

  it('a long value is shown truncated', () => {
    const e = refusal(SaleRequestSchema, { lines: [{ ...line, quantity: 'x'.repeat(500) }] });
    expect(e.message.length).toBeLessThan(120);
    expect(e.message).toContain('…');
  });

  it('never echoes a secret field', () => {
    const e = refusal(z.object({ pin: z.string(), password: z.string().optional(), token: z.string().optional() }), { pin: 1234 });
    expect(e.message).toBe('Campo "pin": atteso un testo (valore non mostrato)');
    expect(refusal(z.object({ token: z.string() }), { token: ['s3cret-openapi'] }).message).not.toContain('s3cret');
    expect(refusal(z.object({ admin_password: z.string().min(8) }), { admin_password: 'hunter2' }).message).not.toContain('hunter2');
  });

  it('quantity -0 and 0 say «maggiore di 0», an integer minimum says «almeno 1»', () => {
    const neg0 = refusal(SaleRequestSchema, { lines: [{ ...line, quantity: -0 }] });
    expect(neg0.message).toBe('Campo "lines[0].quantity": deve essere maggiore di 0 (ricevuto -0)');
    expect(neg0.messageEn).toBe('Field "lines[0].quantity": must be greater than 0 (received -0)');
    const line0 = refusal(ReturnRequestSchema, { sale: 'x', lines: [{ line_no: 0, quantity: 1 }] });
    expect(line0.message).toBe('Campo "lines[0].line_no": deve essere almeno 1 (ricevuto 0)');
    expect(refusal(ReturnRequestSchema, { sale: 'x', lines: [{ line_no: 1, quantity: 0 }] }).message).not.toMatch(/minimo 0/);
  });

  it('a value out of an enum shows what came', () => {
    const e = refusal(PaymentRequestSchema, { method: 'bitcoin', amount_cents: 100 });
    expect(e.message).toBe('Campo "method": valore non ammesso "bitcoin" (ammessi: cash, electronic, meal_voucher, uncollected)');
  });
});

describe('item 7: amounts a till can mean, clean text, payment fields that belong', () => {
  it('one maximum, € 1.000.000, named in shared/money.ts', () => {
    expect(MAX_AMOUNT_CENTS).toBe(100_000_000);
    const e = refusal(SaleRequestSchema, { lines: [{ ...line, unit_price_cents: MAX_AMOUNT_CENTS + 1 }] });
    expect(e.field).toBe('lines[0].unit_price_cents');
    expect(e.message).toBe('Campo "lines[0].unit_price_cents": deve essere al massimo 100000000 (ricevuto 100000001)');
    expect(refusal(CashMovementInputSchema, { kind: 'float', amount_cents: 1e16 }).field).toBe('amount_cents');
  });

  it('a cash count adding up beyond the maximum is refused (10⁶ notes of € 500 were € 500.000.000)', () => {
    const e = refusal(CashCountInputSchema, { denominations: { 50000: 1_000_000 } });
    expect(e.field).toBe('denominations');
    expect(e.message).toBe('Campo "denominations": Il conteggio supera il massimo di € 1.000.000,00');
    expect(parseInput(CashCountInputSchema, { denominations: { 50000: 2000 } }).denominations).toEqual({ 50000: 2000 });
  });

  it('an omaggio of quantity × price beyond the maximum is refused on its line (10¹⁶ cents was accepted)', () => {
    const req = parseInput(SaleRequestSchema, { lines: [{ ...line, unit_price_cents: 100_000_000, quantity: 100_000, complimentary: true }] });
    const lines = req.lines.map((l) => ({ description: l.description!, vatCode: l.vat_code!, unitPriceCents: l.unit_price_cents!, quantityMilli: Math.round(l.quantity * 1000), discountCents: 0, complimentary: true, department: null }));
    let err: unknown;
    try { computeSale({ lines, discountCents: 0, payments: [], cashRounding: false } as never); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(BanconeError);
    expect(err).toMatchObject({ code: 'LINE_AMOUNT_TOO_LARGE', field: 'lines[0].quantity' });
  });

  it('descriptions with control characters, or only invisible ones, are refused', () => {
    const e = refusal(SaleRequestSchema, { lines: [{ ...line, description: 'Vino\u001bp\u0000' }] });
    expect(e.field).toBe('lines[0].description');
    expect(e.message).toMatch(/caratteri di controllo/);
    for (const blank of ['\u200b\u200b', ' \u00a0 ', '\ufeff', '\u2060\u200d'])
      expect(refusal(SaleRequestSchema, { lines: [{ ...line, description: blank }] }).message).toMatch(/vuoto/);
    expect(refusal(SaleRequestSchema, { lines: [{ ...line, description: 'a\ud800b' }] }).field).toBe('lines[0].description');
  });

  it('text is cleaned once at the edge: trimmed and NFC', () => {
    const r = parseInput(SaleRequestSchema, { lines: [{ ...line, description: '  Caffe\u0300  ' }], note: ' nota ' });
    expect(r.lines[0]!.description).toBe('Caffè');
    expect(r.lines[0]!.description).toBe('Caff\u00e8');
    expect(r.note).toBe('nota');
  });

  it('kind only on uncollected, count only on meal vouchers', () => {
    const k = refusal(PaymentRequestSchema, { method: 'cash', amount_cents: 100, kind: 'goods' });
    expect(k.field).toBe('kind');
    expect(k.message).toBe('Campo "kind": non ammesso con il metodo "cash" (solo con "uncollected")');
    const c = refusal(PaymentRequestSchema, { method: 'electronic', amount_cents: 100, count: 2 });
    expect(c.field).toBe('count');
    expect(c.message).toBe('Campo "count": non ammesso con il metodo "electronic" (solo con "meal_voucher")');
    expect(refusal(SaleRequestSchema, { lines: [line], payments: [{ method: 'cash', amount_cents: 500, count: 1 }] }).field).toBe('payments[0].count');
    expect(parseInput(PaymentRequestSchema, { method: 'meal_voucher', amount_cents: 100, count: 2 }).count).toBe(2);
    expect(parseInput(PaymentRequestSchema, { method: 'uncollected', amount_cents: 100, kind: 'services' }).kind).toBe('services');
  });
});
