import { beforeEach, describe, expect, it } from 'vitest';
import { world, loginAs, approvalAsked, type StoreWorld } from './helpers.js';
import { useSale } from '../../../renderer/src/features/counter/sale-store.js';
import { usePayment } from '../../../renderer/src/features/counter/payment-store.js';
import { useApp } from '../../../renderer/src/kit/app-store.js';
import { getDocument } from '../../../backend/ledger/index.js';

let w: StoreWorld;
const pay = () => usePayment.getState();

beforeEach(async () => {
  w = world();
  await loginAs(w, 'cashier');
  await useSale.getState().loadBasics();
});

async function cart(...codes: string[]): Promise<void> {
  for (const c of codes) await useSale.getState().scan(c);
}

/** F3, the amount (what is left unless typed), then «Sì, approvato» on the POS question. */
async function card(amountCents?: number, approved = true): Promise<boolean> {
  pay().startCard();
  const step = pay().card;
  if (step?.step !== 'amount') throw new Error('card step not open');
  if (!pay().setCardAmount(amountCents ?? step.suggestedCents)) return false;
  return pay().confirmCard(approved);
}

describe('payment store', () => {
  it('cash: shows the rounding, commits when the cash covers it, and gives the change', async () => {
    await cart('8001234567890', '2000000000015'); // 1,49 + 3,50 = 4,99 → 5,00 in cash
    expect(pay().summary()).toMatchObject({ totalCents: 499, roundingCents: 1, dueCents: 500, remainingCents: 500 });
    expect(await pay().payCash(200)).toBe(true);
    expect(pay().result).toBeNull();
    expect(pay().summary().remainingCents).toBe(300);
    expect(await pay().payCash(1000)).toBe(true);
    const r = pay().result!;
    expect(r.commit).toMatchObject({ totalCents: 499, dueCents: 500, changeCents: 700, roundingCents: 1 });
    expect(r.receipt?.kind).toBe('sale');
    const doc = getDocument(w.backend.db, r.commit.id);
    expect(doc.operatorId).toBe(w.backend.cashierId);
    // The ledger takes the change from the cash in the order it was given.
    expect(doc.payments.map((p) => [p.method, p.amountCents, p.appliedCents])).toEqual([['cash', 200, 0], ['cash', 1000, 500]]);
  });

  it('Enter with nothing typed pays the exact amount due', async () => {
    await cart('8001234567890');
    expect(await pay().payCash(null)).toBe(true);
    expect(pay().result?.commit).toMatchObject({ dueCents: 150, changeCents: 0 });
  });

  it('card pays what is left without cash rounding, and keeps a valid lottery code', async () => {
    await cart('8001234567890', '2000000000015');
    expect(pay().setLotteryCode('abcd1234')).toBe(true);
    expect(pay().lotteryCode).toBe('ABCD1234');
    expect(await card()).toBe(true);
    expect(pay().result?.commit).toMatchObject({ totalCents: 499, dueCents: 499, roundingCents: 0 });
    expect(getDocument(w.backend.db, pay().result!.commit.id).lotteryCode).toBe('ABCD1234');
  });

  it('a malformed lottery code is a field error in Italian and is not kept', async () => {
    await cart('8001234567890');
    expect(pay().setLotteryCode('ABC')).toBe(false);
    expect(pay().lotteryError).toMatchObject({ field: 'lottery_code', message: 'Codice lotteria non valido: servono 8 caratteri tra lettere e cifre' });
    expect(pay().lotteryCode).toBe('');
  });

  it('a lottery code with cash is refused before anything is written', async () => {
    await cart('8001234567890', '2000000000015');
    pay().setLotteryCode('ABCD1234');
    expect(await pay().payCash(1000)).toBe(false);
    expect(pay().error).toMatchObject({ code: 'LOTTERY_NOT_ELECTRONIC', field: 'lottery_code' });
    expect(w.backend.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 });
  });

  it('split: meal vouchers then card for the rest', async () => {
    await cart('8000000000019', '8000000000019'); // 25,80
    expect(await pay().addPayment({ method: 'meal_voucher', amountCents: 1600, count: 2 })).toBe(true);
    expect(pay().summary().remainingNonCashCents).toBe(980);
    expect(await card()).toBe(true);
    const doc = getDocument(w.backend.db, pay().result!.commit.id);
    expect(doc.payments.map((p) => [p.method, p.amountCents, p.count])).toEqual([['meal_voucher', 1600, 2], ['electronic', 980, null]]);
  });

  it('a price override by a cashier is committed once a manager approves it at payment', async () => {
    await cart('8001234567890');
    expect(await useSale.getState().setPrice(useSale.getState().lines[0]!.key, 100)).toBe(true);
    const paying = pay().payCash(100);
    expect((await approvalAsked()).reasons.map((r) => r.code)).toEqual(['price_override']);
    await useApp.getState().submitApproval('9999');
    expect(await paying).toBe(true);
    expect(pay().result?.commit.totalCents).toBe(100);
    // Refused once (the request), then the identical call with the approval.
    expect(w.calls.filter((c) => c === 'sale.commit')).toHaveLength(2);
    expect(w.backend.db.prepare(`SELECT count(*) AS n FROM documents WHERE kind = 'sale'`).get()).toEqual({ n: 1 });
  });

  it('next customer empties the cart and the payment', async () => {
    await cart('8001234567890');
    await pay().payCash(null);
    pay().nextCustomer();
    expect(useSale.getState().lines).toEqual([]);
    expect(pay().result).toBeNull();
    expect(pay().payments).toEqual([]);
  });

  it('the paid cart is emptied in the same step the sale is committed: nothing left to charge again', async () => {
    await cart('8001234567890', '2000000000015');
    expect(await pay().payCash(1000)).toBe(true);
    // Still on the change screen, nothing pressed yet: the cart is already gone.
    expect(useSale.getState().lines).toEqual([]);
    expect(pay().payments).toEqual([]);
    expect(pay().result?.commit.totalCents).toBe(499);
    // Whatever is pressed now, there is nothing to pay: a second commit is refused and writes nothing.
    expect(await pay().commit()).toBe(false);
    expect(w.backend.db.prepare(`SELECT count(*) AS n FROM documents WHERE kind = 'sale'`).get()).toEqual({ n: 1 });
  });

  it('card: the amount can be typed for a split; the rest in cash is not rounded; screen and ledger agree to the cent', async () => {
    await cart('8001234567890', '8001234567890', '8001234567890', '8001234567890', '2000000000015', '8000000000019'); // 4×1,49 + 3,50 + 12,90 = 22,36
    // Nothing paid yet: by card 22,36; in cash 22,35 (rounded). Both are shown.
    expect(pay().summary()).toMatchObject({ remainingCardCents: 2236, remainingCashCents: 2235 });
    expect(await card(1000)).toBe(true);
    expect(pay().result).toBeNull();
    // A card was used: the sale is not cash-only, no rounding; what is left is the same either way.
    expect(pay().summary()).toMatchObject({ remainingCardCents: 1236, remainingCashCents: 1236 });
    expect(await pay().payCash(2000)).toBe(true);
    const doc = getDocument(w.backend.db, pay().result!.commit.id);
    expect(doc.payments.map((p) => [p.method, p.amountCents, p.appliedCents])).toEqual([['electronic', 1000, 1000], ['cash', 2000, 1236]]);
    expect(pay().result!.commit).toMatchObject({ totalCents: 2236, dueCents: 2236, changeCents: 764, roundingCents: 0 });
  });

  it('card: more than what is left is refused with the reason; a declined card records nothing', async () => {
    await cart('8001234567890'); // 1,49
    pay().startCard();
    expect(pay().setCardAmount(200)).toBe(false);
    expect(pay().error).toMatchObject({ code: 'CARD_AMOUNT_TOO_LARGE', field: 'card_amount' });
    expect(pay().error?.message).toContain('€ 1,49');
    expect(pay().card?.step).toBe('amount');
    expect(pay().setCardAmount(149)).toBe(true);
    expect(await pay().confirmCard(false)).toBe(false);
    expect(pay().error?.code).toBe('CARD_DECLINED');
    expect(pay().payments).toEqual([]);
    expect(w.backend.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 });
    // Approved the second time: committed once, by card.
    expect(await card()).toBe(true);
    expect(getDocument(w.backend.db, pay().result!.commit.id).payments.map((p) => p.method)).toEqual(['electronic']);
  });
});
