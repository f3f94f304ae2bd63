// The owner's policies (Impostazioni → Vendita): what a cashier may do alone and what needs a
// manager's PIN. Each one with its setting on and off, through the real dispatcher.
import { describe, expect, it } from 'vitest';
import { loginCashier, loginManager, makeBackend, type Backend } from './helpers.js';
import type { SettingsValues } from '../../../shared/contract/settings.js';
import { returnReasons, saleReasons } from '../../../shared/policies.js';

const cash = (cents: number) => [{ method: 'cash' as const, amount_cents: cents }];
const card = (cents: number) => [{ method: 'electronic' as const, amount_cents: cents }];

async function till(values: Partial<SettingsValues> = {}): Promise<Backend> {
  const b = makeBackend();
  if (Object.keys(values).length > 0) {
    await loginManager(b);
    await b.ok('settings.save', { values });
  }
  await loginCashier(b);
  return b;
}

/** Makes the call as the cashier: the reasons a manager is asked for, or [] when it went through. */
const reasonsOf = async (b: Backend, name: 'sale.commit' | 'documents.return', arg: unknown) => {
  const r = await b.dispatcher.call(name, arg, { id: 's1' });
  if (r.ok) return [];
  expect(r.error.code).toBe('MANAGER_REQUIRED');
  return r.error.approval!.reasons.map((x) => x.message);
};

describe('policy: omaggi', () => {
  const gift = { lines: [{ sku: 'VINO' }, { sku: 'PANE', complimentary: true }], payments: cash(1290) };

  it('by default an omaggio needs a manager', async () => {
    const b = await till();
    expect(await reasonsOf(b, 'sale.commit', gift)).toEqual(['Omaggio: Pane di Città (€ 3,50)']);
    expect((await b.withApproval('sale.commit', gift)).totalCents).toBe(1290);
  });

  it('with the setting off a cashier gives it alone', async () => {
    const b = await till({ 'sale.managerComplimentary': false });
    expect(await reasonsOf(b, 'sale.commit', gift)).toEqual([]);
  });
});

describe('policy: discounts above a share of the amount', () => {
  // Two bottles: 25,80 €.
  const wine = (lineDiscount: number, saleDiscount = 0) => ({ lines: [{ sku: 'VINO', quantity: 2, discount_cents: lineDiscount }], discount_cents: saleDiscount, payments: cash(2580) });

  it('up to 10 % is the cashier\'s (a percentage rounded to the cent included); above needs a manager', async () => {
    const b = await till();
    expect(await reasonsOf(b, 'sale.commit', wine(258))).toEqual([]);
    // 10 % of 1,49 is 0,149: the cart rounds it to 0,15, still «10 %».
    expect(await reasonsOf(b, 'sale.commit', { lines: [{ sku: 'LATTE', discount_cents: 15 }], payments: cash(200) })).toEqual([]);
    expect(await reasonsOf(b, 'sale.commit', wine(645))).toEqual(['Sconto del 25 % su Vino rosso Chianti (oltre il 10 %)']);
    expect(await reasonsOf(b, 'sale.commit', wine(0, 645))).toEqual(['Sconto del 25 % sul totale (oltre il 10 %)']);
    // A line discount and a sale discount together count as what the customer does not pay.
    expect(await reasonsOf(b, 'sale.commit', wine(258, 232))).toEqual(['Sconto del 19 % sul totale (oltre il 10 %)']);
    expect((await b.withApproval('sale.commit', wine(0, 645))).totalCents).toBe(1935);
  });

  it('the threshold is a setting; 100 % means never asked', async () => {
    const b = await till({ 'sale.managerDiscountPercent': 30 });
    expect(await reasonsOf(b, 'sale.commit', wine(645))).toEqual([]);
    expect(await reasonsOf(b, 'sale.commit', wine(1290))).toEqual(['Sconto del 50 % su Vino rosso Chianti (oltre il 30 %)']);
    const never = await till({ 'sale.managerDiscountPercent': 100 });
    expect(await reasonsOf(never, 'sale.commit', wine(2000))).toEqual([]);
  });
});

describe('policy: open-price lines above an amount', () => {
  const dept = (cents: number, quantity = 1) => ({ lines: [{ description: 'Alimentari', unit_price_cents: cents, vat_code: '10' as const, department: 'ALIM', quantity }], payments: cash(Math.ceil((cents * quantity) / 5) * 5) });

  it('by default up to € 100,00 a line is the cashier\'s; above needs a manager', async () => {
    const b = await till();
    expect(await reasonsOf(b, 'sale.commit', dept(10000))).toEqual([]);
    expect(await reasonsOf(b, 'sale.commit', dept(35000))).toEqual(['Prezzo libero oltre € 100,00: Alimentari € 350,00']);
    // The line's amount counts, not just its unit price.
    expect(await reasonsOf(b, 'sale.commit', dept(6000, 2))).toEqual(['Prezzo libero oltre € 100,00: Alimentari € 120,00']);
  });

  it('a product priced € 0 in the catalog is priced at the till: an open price, not a price change', async () => {
    const b = await till();
    b.db.prepare(`UPDATE products SET price_cents = 0 WHERE sku = 'PANE'`).run();
    expect(await reasonsOf(b, 'sale.commit', { lines: [{ sku: 'PANE', unit_price_cents: 420 }], payments: cash(420) })).toEqual([]);
    expect(await reasonsOf(b, 'sale.commit', { lines: [{ sku: 'PANE', unit_price_cents: 42000 }], payments: cash(42000) })).toEqual(['Prezzo libero oltre € 100,00: Pane di Città € 420,00']);
  });

  it('the amount is a setting', async () => {
    const b = await till({ 'sale.managerOpenPriceCents': 50000 });
    expect(await reasonsOf(b, 'sale.commit', dept(35000))).toEqual([]);
    const strict = await till({ 'sale.managerOpenPriceCents': 0 });
    expect(await reasonsOf(strict, 'sale.commit', dept(100))).toEqual(['Prezzo libero oltre € 0,00: Alimentari € 1,00']);
  });
});

describe('policy: cash refunds of sales paid by card', () => {
  it('by default refunding a card sale in cash needs a manager; by card it does not', async () => {
    const b = await till();
    const sale = await b.ok('sale.commit', { lines: [{ sku: 'LATTE', quantity: 2 }], payments: card(298) });
    const ret = (refund: 'cash' | 'electronic') => ({ sale: sale.id, lines: [{ line_no: 1, quantity: 1 }], refund_method: refund });
    expect(await reasonsOf(b, 'documents.return', ret('electronic'))).toEqual([]);
    expect(await reasonsOf(b, 'documents.return', ret('cash'))).toEqual(['Rimborso in contanti (€ 1,49) di una vendita pagata con carta']);
    expect((await b.withApproval('documents.return', ret('cash'))).totalCents).toBe(149);
  });

  it('a split sale may give back in cash up to the cash it took', async () => {
    const b = await till();
    // 4 × 1,49 = 5,96: 3,00 in cash, 2,96 by card.
    const sale = await b.ok('sale.commit', { lines: [{ sku: 'LATTE', quantity: 4 }], payments: [{ method: 'cash', amount_cents: 300 }, { method: 'electronic', amount_cents: 296 }] });
    const one = { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }], refund_method: 'cash' as const };
    // reasonsOf makes the call: with no reason, the return is recorded.
    expect(await reasonsOf(b, 'documents.return', one)).toEqual([]);
    // 1,49 already given back in cash: another 1,49 makes 2,98 ≤ 3,00; a third would not.
    expect(await reasonsOf(b, 'documents.return', one)).toEqual([]);
    expect(await reasonsOf(b, 'documents.return', one)).toEqual(['Rimborso in contanti (€ 1,49) di una vendita pagata con carta']);
    expect((b.db.prepare(`SELECT count(*) AS n FROM documents WHERE kind = 'return'`).get() as { n: number }).n).toBe(2);
  });

  it('with the setting off a cashier refunds a card sale in cash alone', async () => {
    const b = await till({ 'sale.managerCashRefundOfCard': false });
    const sale = await b.ok('sale.commit', { lines: [{ sku: 'LATTE' }], payments: card(149) });
    expect(await reasonsOf(b, 'documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }], refund_method: 'cash' })).toEqual([]);
  });
});

describe('the rules that were there before are reasons of the same mechanism', () => {
  it('a return above the threshold, a price change, a fraction of a piece', async () => {
    const b = await till({ 'sale.managerReturnThresholdCents': 1000 });
    const sale = await b.ok('sale.commit', { lines: [{ sku: 'VINO', quantity: 2 }], payments: cash(2580) });
    expect(await reasonsOf(b, 'documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] })).toEqual(['Reso di € 12,90 su questa vendita (oltre la soglia di € 10,00)']);
    expect(await reasonsOf(b, 'sale.commit', { lines: [{ sku: 'VINO', unit_price_cents: 990 }], payments: cash(990) })).toEqual(['Prezzo modificato: Vino rosso Chianti € 12,90 → € 9,90']);
    expect(await reasonsOf(b, 'sale.commit', { lines: [{ sku: 'VINO', quantity: 0.25 }], payments: cash(325) })).toEqual(['Quantità non intera di un articolo venduto a pezzi: Vino rosso Chianti × 0,25']);
  });

  it('«non riscosso» (goods leaving unpaid) always needs a manager', async () => {
    const b = await till();
    const later = { lines: [{ sku: 'VINO' }], payments: [{ method: 'uncollected' as const, amount_cents: 1290, kind: 'goods' as const }] };
    expect(await reasonsOf(b, 'sale.commit', later)).toEqual(['Non riscosso: € 12,90 (la merce esce senza pagamento)']);
    expect((await b.withApproval('sale.commit', later)).totalCents).toBe(1290);
  });

  it('a manager at the till is never asked, whatever the policies', async () => {
    const b = makeBackend();
    await loginManager(b);
    await b.ok('settings.save', { values: { 'sale.managerOpenPriceCents': 0, 'sale.managerDiscountPercent': 0 } });
    const s = await b.ok('sale.commit', { lines: [{ sku: 'PANE', complimentary: true }, { description: 'Varie', unit_price_cents: 50000, vat_code: '22', discount_cents: 25000 }], payments: card(25000) });
    expect(s.totalCents).toBe(25000);
    expect((await b.ok('documents.return', { sale: s.id, lines: [{ line_no: 2, quantity: 1 }], refund_method: 'cash' })).totalCents).toBe(25000);
  });
});

describe('the rules themselves are pure (shared/policies.ts, usable by the till screen too)', () => {
  const policy = { complimentary: true, discountPercent: 10, openPriceCents: 10000 };
  const line = { description: 'Olio', listPriceCents: 80000, priceChanged: false, unitPriceCents: 80000, quantityMilli: 1000, soldByPiece: true, discountCents: 0, complimentary: false };

  it('says it in Italian and English, figures written the way each reader writes them', () => {
    const r = saleReasons(policy, { lines: [{ ...line, discountCents: 10000 }], discountCents: 0, uncollectedCents: 0 });
    expect(r).toEqual([{ code: 'line_discount', message: 'Sconto del 12,5 % su Olio (oltre il 10 %)', message_en: '12.5 % discount on Olio (above 10 %)' }]);
    const open = saleReasons(policy, { lines: [{ ...line, listPriceCents: null, unitPriceCents: 123456 }], discountCents: 0, uncollectedCents: 0 });
    expect(open.map((x) => [x.message, x.message_en])).toEqual([['Prezzo libero oltre € 100,00: Olio € 1.234,56', 'Open price above € 100.00: Olio € 1,234.56']]);
  });

  it('nothing to ask for an ordinary sale or return', () => {
    expect(saleReasons(policy, { lines: [line], discountCents: 0, uncollectedCents: 0 })).toEqual([]);
    expect(returnReasons({ thresholdCents: 5000, cashRefundOfCard: true }, { refundCents: 1000, refundedBeforeCents: 0, refundMethod: 'cash', paidByCard: false, cashLeftCents: 1000 })).toEqual([]);
  });
});
