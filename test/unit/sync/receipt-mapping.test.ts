// The API edge: a committed document becomes exactly the POSTReceipt / ReceiptReturn the spec
// defines, in API decimals, adding up to the same cents as the till.
import { describe, it, expect, beforeEach } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, recordReturn, getDocument } from '../../../backend/ledger/index.js';
import { setSetting } from '../../../backend/settings.js';
import { fakeClock } from '../../../shared/time.js';
import type { SaleRequest } from '../../../shared/schemas/documents.js';
import { toPostReceipt, toReturnBody, remoteItemRefs, isLumpLine, type RemoteItemRef } from '../../../backend/sync/receipt-mapping.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

// Property names of POSTReceipt and its items in shared/reference/openapi-invoice.oas.json.
const SPEC_RECEIPT_FIELDS = ['fiscal_id', 'items', 'cash_payment_amount', 'electronic_payment_amount', 'ticket_restaurant_payment_amount',
  'ticket_restaurant_quantity', 'goods_uncollected_amount', 'services_uncollected_amount', 'invoice_issuing', 'linked_receipt', 'discount', 'lottery_code', 'tags'];
const SPEC_ITEM_FIELDS = ['quantity', 'description', 'unit_price', 'vat_rate_code', 'discount', 'complimentary', 'sku'];

let db: WritableDb;
const clock = fakeClock('2026-05-04T09:30:00Z');
beforeEach(() => { db = fiscalShop(openDatabase(':memory:')); });

const post = (req: SaleRequest) => {
  const doc = getDocument(db, commitSale(db, clock, req).id);
  return { doc, body: toPostReceipt(doc, '12345678901') };
};
const line = (description: string, unit: number, quantity = 1, extra: Partial<SaleRequest['lines'][number]> = {}) =>
  ({ description, unit_price_cents: unit, vat_code: '22' as const, quantity, ...extra });

describe('toPostReceipt', () => {
  it('sends only fields the spec defines, with the local id and number as tags', () => {
    const { doc, body } = post({ lines: [line('Caffè', 120, 2)], payments: [{ method: 'electronic', amount_cents: 240 }] });
    expect(Object.keys(body).every((k) => SPEC_RECEIPT_FIELDS.includes(k))).toBe(true);
    for (const it of body.items) expect(Object.keys(it).every((k) => SPEC_ITEM_FIELDS.includes(k))).toBe(true);
    expect(body).toEqual({
      fiscal_id: '12345678901',
      items: [{ quantity: 2, description: 'Caffè', unit_price: 1.2, vat_rate_code: '22' }],
      cash_payment_amount: 0,
      electronic_payment_amount: 2.4,
      tags: [doc.id, doc.number],
    });
  });

  it('weighed goods whose quantity needs 3 decimals go as 1.00 at the line amount, weight in the description', () => {
    const { doc, body } = post({ lines: [line('Parmigiano', 2490, 1.235, { vat_code: '4' })], payments: [{ method: 'electronic', amount_cents: 3075 }] });
    expect(isLumpLine(1235)).toBe(true);
    expect(doc.lines[0]!.grossCents).toBe(3075);
    expect(body.items).toEqual([{ quantity: 1, description: 'Parmigiano, kg 1,235 x euro 24,90', unit_price: 30.75, vat_rate_code: '4' }]);
  });

  it('a weight with 2 decimals keeps quantity and unit price', () => {
    const { body } = post({ lines: [line('Prosciutto', 1890, 0.25)], payments: [{ method: 'electronic', amount_cents: 473 }] });
    expect(body.items[0]).toMatchObject({ quantity: 0.25, unit_price: 18.9 });
  });

  it('item discount = line discount + the line’s share of the sale discount; omaggi are complimentary, undiscounted', () => {
    const { doc, body } = post({
      lines: [line('Borsa', 5000, 1, { discount_cents: 500 }), line('Cintura', 2000), line('Portachiavi', 800, 1, { complimentary: true })],
      discount_cents: 650,
      payments: [{ method: 'electronic', amount_cents: 5850 }],
    });
    const [borsa, cintura, omaggio] = doc.lines;
    expect(body.items[0]!.discount).toBe((500 + borsa!.saleDiscountShareCents) / 100);
    expect(body.items[1]!.discount).toBe(cintura!.saleDiscountShareCents / 100);
    expect(body.items[2]).toEqual({ quantity: 1, description: 'Portachiavi', unit_price: 8, vat_rate_code: '22', complimentary: true });
    expect(omaggio!.saleDiscountShareCents).toBe(0);
    const discounts = Math.round(body.items.reduce((a, i) => a + (i.discount ?? 0), 0) * 100);
    expect(discounts).toBe(500 + 650);
    expect(body.electronic_payment_amount).toBe(58.5);
  });

  it('cash rounding down becomes the global discount; cash is what the shop kept', () => {
    setSetting(db, 'sale.cashRounding', true, clock.now());
    const { doc, body } = post({ lines: [line('Quaderno', 1252)], payments: [{ method: 'cash', amount_cents: 2000 }] });
    expect(doc.roundingCents).toBe(-2);
    expect(body.discount).toBe(0.02);
    expect(body.cash_payment_amount).toBe(12.5);
  });

  it('cash rounding up cannot be sent: the API sees the fiscal total paid in cash (documented)', () => {
    setSetting(db, 'sale.cashRounding', true, clock.now());
    const { doc, body } = post({ lines: [line('Quaderno', 1253)], payments: [{ method: 'cash', amount_cents: 1300 }] });
    expect(doc.roundingCents).toBe(2);
    expect(body.discount).toBeUndefined();
    expect(body.cash_payment_amount).toBe(12.53);
  });

  it('meal vouchers with their count, cash net of change', () => {
    const { body } = post({ lines: [line('Spesa', 2150, 1, { vat_code: '10' })], payments: [{ method: 'meal_voucher', amount_cents: 1600, count: 2 }, { method: 'cash', amount_cents: 1000 }] });
    expect(body).toMatchObject({ ticket_restaurant_payment_amount: 16, ticket_restaurant_quantity: 2, cash_payment_amount: 5.5 });
  });

  it('uncollected services set invoice_issuing', () => {
    const { body } = post({ lines: [line('Riparazione', 4000)], payments: [{ method: 'uncollected', amount_cents: 4000, kind: 'services' }] });
    expect(body).toMatchObject({ services_uncollected_amount: 40, invoice_issuing: true, cash_payment_amount: 0 });
    expect(body.goods_uncollected_amount).toBeUndefined();
  });

  it('the lottery code travels with a fully electronic payment', () => {
    const { body } = post({ lines: [line('Scarpe', 8900)], payments: [{ method: 'electronic', amount_cents: 8900 }], lottery_code: 'AB12CD34' });
    expect(body.lottery_code).toBe('AB12CD34');
  });

  it('refuses to map a return as a sale', () => {
    const s = commitSale(db, clock, { lines: [line('A', 100)], payments: [{ method: 'electronic', amount_cents: 100 }] }).id;
    const r = recordReturn(db, clock, { sale: s, lines: [{ line_no: 1, quantity: 1 }] }).id;
    expect(() => toPostReceipt(getDocument(db, r), '12345678901')).toThrow(/not a sale/);
  });
});

describe('toReturnBody', () => {
  const refsFor = (saleId: string): RemoteItemRef[] => {
    const sale = getDocument(db, saleId);
    return remoteItemRefs(sale, toPostReceipt(sale, '1').items.map((it, i) => ({ id: `R${i + 1}`, quantity: it.quantity })))!;
  };

  it('names the sale’s remote item and the returned quantity', () => {
    const s = commitSale(db, clock, { lines: [line('A', 100, 3), line('B', 200, 1)], payments: [{ method: 'electronic', amount_cents: 500 }] }).id;
    const r = recordReturn(db, clock, { sale: s, lines: [{ line_no: 1, quantity: 2 }] }).id;
    const plan = toReturnBody(getDocument(db, r), getDocument(db, s), refsFor(s), new Map());
    expect(plan).toEqual({ body: { items: [{ id: 'R1', quantity: 2 }] }, exact: true });
  });

  it('a weighed line sent as 1.00 is returned as its share; successive shares add up to 1.00', () => {
    const s = commitSale(db, clock, { lines: [line('Formaggio', 2490, 1.235)], payments: [{ method: 'electronic', amount_cents: 3075 }] }).id;
    const refs = refsFor(s);
    const r1 = getDocument(db, recordReturn(db, clock, { sale: s, lines: [{ line_no: 1, quantity: 0.5 }] }).id);
    const p1 = toReturnBody(r1, getDocument(db, s), refs, new Map());
    expect(p1).toEqual({ body: { items: [{ id: 'R1', quantity: 0.4 }] }, exact: false });
    const r2 = getDocument(db, recordReturn(db, clock, { sale: s, lines: [{ line_no: 1, quantity: 0.735 }] }).id);
    const p2 = toReturnBody(r2, getDocument(db, s), refs, new Map([[1, 500]]));
    expect(p2.body.items[0]!.quantity).toBe(0.6);
    const full = commitSale(db, clock, { lines: [line('Formaggio', 2490, 1.235)], payments: [{ method: 'electronic', amount_cents: 3075 }] }).id;
    const rf = getDocument(db, recordReturn(db, clock, { sale: full, lines: [{ line_no: 1, quantity: 1.235 }] }).id);
    expect(toReturnBody(rf, getDocument(db, full), refsFor(full), new Map())).toEqual({ body: { items: [{ id: 'R1', quantity: 1 }] }, exact: true });
  });

  it('a weighed line returned in two parts, one of a few grams, never asks back more than the 1.00 sold', () => {
    // The API refuses a return above what is still returnable (1.00 in all): the second part of
    // the return would stay rejected for good, and the customer's refund never reach the AdE.
    for (const parts of [[1.23, 0.005], [0.005, 1.23]]) {
      const s = commitSale(db, clock, { lines: [line('Formaggio', 2490, 1.235)], payments: [{ method: 'electronic', amount_cents: 3075 }] }).id;
      const refs = refsFor(s);
      const sent: number[] = [];
      let before = 0;
      for (const q of parts) {
        const r = getDocument(db, recordReturn(db, clock, { sale: s, lines: [{ line_no: 1, quantity: q }] }).id);
        sent.push(Math.round(toReturnBody(r, getDocument(db, s), refs, new Map([[1, before]])).body.items[0]!.quantity * 100));
        before += Math.round(q * 1000);
      }
      expect(sent.every((h) => h >= 1)).toBe(true);
      expect(sent[0]! + sent[1]!).toBe(100);
    }
  });

  it('remote items that do not match the lines one to one are not trusted', () => {
    const s = getDocument(db, commitSale(db, clock, { lines: [line('A', 100), line('B', 100)], payments: [{ method: 'electronic', amount_cents: 200 }] }).id);
    expect(remoteItemRefs(s, [{ id: 'x', quantity: 1 }])).toBe(null);
    expect(remoteItemRefs(s, null)).toBe(null);
  });
});
