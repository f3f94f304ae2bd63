// A manager's PIN authorises the one action it was typed for: the same method with the same input,
// once, for a short time. Not a void after a price change, not a € 500 refund after a € 12,90 one,
// not a second identical call, not another window.
import { describe, expect, it } from 'vitest';
import { loginCashier, loginManager, makeBackend } from './helpers.js';

const pay = (cents: number, method: 'cash' | 'electronic' = 'cash') => [{ method, amount_cents: cents }];
const milk = { lines: [{ barcode: '8001234567890', quantity: 2 }], payments: pay(500) };
const cheapMilk = { lines: [{ barcode: '8001234567890', unit_price_cents: 100 }], payments: pay(100) };
const approvals = (b: ReturnType<typeof makeBackend>) =>
  (b.db.prepare(`SELECT actor, entity_id AS entityId, payload FROM audit_log WHERE action = 'manager.approval' ORDER BY seq`).all() as { actor: string; entityId: string | null; payload: string }[])
    .map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));

describe('a manager approval is bound to one action', () => {
  it('the refusal names the request and its reasons in Italian and English', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const e = await b.err('sale.commit', cheapMilk);
    expect(e).toMatchObject({ code: 'MANAGER_REQUIRED', message: 'Serve il PIN di un responsabile per questa operazione' });
    expect(e.approval).toMatchObject({
      requestId: expect.any(String),
      method: 'sale.commit',
      reasons: [{ code: 'price_override', message: 'Prezzo modificato: Latte intero 1 l € 1,49 → € 1,00', message_en: 'Price changed: Latte intero 1 l € 1.49 → € 1.00' }],
    });
    const ok = await b.approve(e);
    expect(ok).toMatchObject({ managerName: 'Marco', requestId: e.approval!.requestId, method: 'sale.commit', reasons: e.approval!.reasons });
    const sale = await b.ok('sale.commit', cheapMilk);
    expect(sale.totalCents).toBe(100);
    // The journal says who approved what, and for which document.
    expect(approvals(b)).toEqual([{
      actor: b.managerId,
      entityId: sale.id,
      payload: { method: 'sale.commit', operatorId: b.cashierId, requestId: e.approval!.requestId, reasons: [{ code: 'price_override', message: 'Prezzo modificato: Latte intero 1 l € 1,49 → € 1,00' }] },
    }]);
  });

  it('a PIN typed for a price change does not authorise a void', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const earlier = await b.ok('sale.commit', milk);
    const priceChange = await b.err('sale.commit', cheapMilk);
    await b.approve(priceChange);
    const v = await b.err('documents.void', { sale: earlier.id });
    expect(v.code).toBe('MANAGER_REQUIRED');
    expect(v.approval?.reasons).toEqual([{ code: 'documents.void', message: `Annullo della vendita ${earlier.number} (€ 2,98)`, message_en: `Void of sale ${earlier.number} (€ 2.98)` }]);
    expect((b.db.prepare(`SELECT count(*) AS n FROM documents WHERE kind = 'void'`).get() as { n: number }).n).toBe(0);
    // The price change it was given for still goes through.
    expect((await b.ok('sale.commit', cheapMilk)).totalCents).toBe(100);
  });

  it('an approval for a € 12,90 refund does not refund € 503,10; it is used once', async () => {
    const b = makeBackend();
    await loginManager(b);
    await b.ok('settings.save', { values: { 'sale.managerReturnThresholdCents': 0 } });
    await loginCashier(b);
    const sale = await b.ok('sale.commit', { lines: [{ sku: 'VINO', quantity: 40 }], payments: pay(51600) });
    const small = { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] };
    const big = { sale: sale.id, lines: [{ line_no: 1, quantity: 39 }] };
    const refused = await b.err('documents.return', small);
    expect(refused.approval?.reasons.map((r) => r.message)).toEqual(['Reso di € 12,90 su questa vendita (oltre la soglia di € 0,00)']);
    await b.approve(refused);
    const other = await b.err('documents.return', big);
    expect(other.code).toBe('MANAGER_REQUIRED');
    expect(other.approval?.requestId).not.toBe(refused.approval?.requestId);
    expect((await b.ok('documents.return', small)).totalCents).toBe(1290);
    // Once: the identical call again needs a new PIN.
    expect((await b.err('documents.return', small)).code).toBe('MANAGER_REQUIRED');
    expect((b.db.prepare(`SELECT count(*) AS n FROM documents WHERE kind = 'return'`).get() as { n: number }).n).toBe(1);
    expect(approvals(b)).toHaveLength(1);
  });

  it('a request belongs to its window; an unknown or stale request is refused without granting anything', async () => {
    const b = makeBackend();
    await loginCashier(b, 'w1');
    await loginCashier(b, 'w2');
    const e = await b.err('sale.commit', cheapMilk, 'w1');
    const elsewhere = await b.err('session.approve', { pin: '9999', request_id: e.approval!.requestId }, 'w2');
    expect(elsewhere).toMatchObject({ code: 'APPROVAL_REQUEST_UNKNOWN', field: 'request_id' });
    expect(elsewhere.message).toContain("ripetere l'operazione");
    expect((await b.err('sale.commit', cheapMilk, 'w2')).code).toBe('MANAGER_REQUIRED');
    // A request waits for the manager ten minutes, then it is gone.
    b.clock.advance(10 * 60_000 + 1);
    expect((await b.err('session.approve', { pin: '9999', request_id: e.approval!.requestId }, 'w1')).code).toBe('APPROVAL_REQUEST_UNKNOWN');
  });

  it('a granted approval is short-lived: a sale\'s (asked at «Paga», the payment follows) lasts 15 minutes, then it expires', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const e = await b.err('sale.commit', cheapMilk);
    const granted = await b.approve(e);
    expect(Date.parse(granted.expiresAt) - b.clock.now().getTime()).toBe(15 * 60_000);
    b.clock.advance(15 * 60_000 + 1);
    expect((await b.err('sale.commit', cheapMilk)).code).toBe('MANAGER_REQUIRED');
  });

  it('a sale approved at «Paga» (sale.authorize) is bound to its cart: any payment may follow, a changed cart may not', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const { payments: _, ...cart } = cheapMilk as { payments: unknown };
    const e = await b.err('sale.authorize', cart);
    expect(e.approval?.method).toBe('sale.commit');
    await b.approve(e);
    // Asking again answers the approved reasons and uses nothing up.
    expect((await b.ok('sale.authorize', cart as never)).reasons.map((r) => r.code)).toEqual(['price_override']);
    // A different cart (one more line) is not covered.
    const bigger = { ...(cheapMilk as object), lines: [...(cheapMilk as { lines: unknown[] }).lines, { description: 'Pane', unit_price_cents: 100, vat_code: '4', quantity: 1 }] };
    expect((await b.err('sale.commit', bigger)).code).toBe('MANAGER_REQUIRED');
    // The cart approved, paid by card: no second PIN, used once.
    const byCard = { ...(cheapMilk as object), payments: [{ method: 'electronic', amount_cents: 100 }] };
    await b.ok('sale.commit', byCard as never);
    expect((await b.err('sale.commit', byCard)).code).toBe('MANAGER_REQUIRED');
  });

  it('logging out drops the pending and granted approvals of the window', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const e = await b.err('sale.commit', cheapMilk);
    await b.approve(e);
    await b.ok('session.logout', {});
    await loginCashier(b);
    expect((await b.err('sale.commit', cheapMilk)).code).toBe('MANAGER_REQUIRED');
  });

  it('a manager at the till needs no PIN and leaves no approval entry', async () => {
    const b = makeBackend();
    await loginManager(b);
    expect((await b.ok('sale.commit', cheapMilk)).totalCents).toBe(100);
    expect(approvals(b)).toEqual([]);
  });

  it('all the reasons of one sale are asked at once: one PIN for the sale', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const sale = {
      lines: [
        { barcode: '8001234567890', unit_price_cents: 100 },
        { sku: 'PANE', complimentary: true },
        { sku: 'VINO', quantity: 0.5 },
      ],
      payments: pay(1000),
    };
    const e = await b.err('sale.commit', sale);
    expect(e.approval?.reasons.map((r) => r.code)).toEqual(['price_override', 'complimentary', 'fractional_quantity']);
    expect(e.approval?.reasons.map((r) => r.message)).toEqual([
      'Prezzo modificato: Latte intero 1 l € 1,49 → € 1,00',
      'Omaggio: Pane di Città (€ 3,50)',
      'Quantità non intera di un articolo venduto a pezzi: Vino rosso Chianti × 0,5',
    ]);
    await b.approve(e);
    expect((await b.ok('sale.commit', sale)).totalCents).toBe(100 + 645);
  });

  it('if the catalog changes between the PIN and the sale, the new reason needs a new PIN', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const e = await b.err('sale.commit', cheapMilk);
    await b.approve(e);
    b.db.prepare(`UPDATE products SET price_cents = 120 WHERE sku = 'LATTE'`).run();
    const again = await b.err('sale.commit', cheapMilk);
    expect(again.approval?.reasons.map((r) => r.message)).toEqual(['Prezzo modificato: Latte intero 1 l € 1,20 → € 1,00']);
  });
});
