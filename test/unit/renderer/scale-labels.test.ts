// The shop's own scale labels (in-store EAN-13, prefix 2) at the counter: the weight or the price
// printed on the label is sold as such, with no question and no manager; a misread label is refused
// and heard; a price changed by hand on a label line is still a price change.
import { beforeEach, describe, expect, it } from 'vitest';
import { world, loginAs, approvalAsked, type StoreWorld } from './helpers.js';
import { useSale } from '../../../renderer/src/features/counter/sale-store.js';
import { usePayment } from '../../../renderer/src/features/counter/payment-store.js';
import { useApp } from '../../../renderer/src/kit/app-store.js';
import { onSignal } from '../../../renderer/src/kit/signal.js';
import { upsertProduct } from '../../../backend/catalog/products.js';
import { setSetting } from '../../../backend/settings.js';
import { encodeInStoreLabel, type LabelRule } from '../../../shared/barcode.js';
import { getDocument } from '../../../backend/ledger/index.js';

const PRICE: LabelRule = { prefix: '2', kind: 'price', pluDigits: 6, valueCheckDigit: false };
const WEIGHT: LabelRule = { prefix: '21', kind: 'weight', pluDigits: 5, valueCheckDigit: false };

let w: StoreWorld;
const sale = () => useSale.getState();
const pay = () => usePayment.getState();

beforeEach(async () => {
  w = world();
  const at = w.backend.clock.now().toISOString();
  upsertProduct(w.backend.db, { sku: 'CRUDO', description: 'Prosciutto crudo', priceCents: 2990, vatCode: '10', soldByWeight: true, barcodes: ['123'] }, at);
  upsertProduct(w.backend.db, { sku: 'TORTA', description: 'Torta della casa', priceCents: 1800, vatCode: '10', barcodes: ['456'] }, at);
  await loginAs(w, 'cashier');
  await sale().loadBasics();
});

describe('scale labels at the counter', () => {
  it('a price label sells the item at the printed price: no question, no manager, the ledger keeps it as the label price', async () => {
    const code = encodeInStoreLabel(PRICE, '123', 435);
    expect(await sale().scan(code)).toBe(true);
    expect(sale().pendingWeight).toBeNull();
    expect(sale().lines).toHaveLength(1);
    expect(sale().lines[0]).toMatchObject({ description: 'Prosciutto crudo', unitPriceCents: 435, quantityMilli: 1000, listPriceCents: null, barcode: code });
    // Two packs with two labels are two lines, each at its own price.
    await sale().scan(encodeInStoreLabel(PRICE, '123', 512));
    expect(sale().lines.map((l) => l.unitPriceCents)).toEqual([435, 512]);
    expect(await pay().payCash(null)).toBe(true);
    expect(useApp.getState().approval).toBeNull();
    const doc = getDocument(w.backend.db, pay().result!.commit.id);
    expect(doc.lines.map((l) => [l.description, l.unitPriceCents, l.listPriceCents, l.barcode])).toEqual([
      ['Prosciutto crudo', 435, null, code],
      ['Prosciutto crudo', 512, null, encodeInStoreLabel(PRICE, '123', 512)],
    ]);
    expect(doc.totalCents).toBe(947);
  });

  it('a weight label sells the printed weight at the catalogue price per kg', async () => {
    setSetting(w.backend.db, 'scale.labelLayout', { rules: [WEIGHT, PRICE] }, w.backend.clock.now());
    expect(await sale().scan(encodeInStoreLabel(WEIGHT, '123', 350))).toBe(true);
    expect(sale().lines[0]).toMatchObject({ description: 'Prosciutto crudo', quantityMilli: 350, unitPriceCents: 2990, soldByWeight: true });
    expect(await pay().payCash(null)).toBe(true);
    expect(getDocument(w.backend.db, pay().result!.commit.id).totalCents).toBe(1047); // 0,350 kg × 29,90 = 10,465 → 10,47
  });

  it('a misread label (wrong check digit) is refused and heard, and nothing is added', async () => {
    const good = encodeInStoreLabel(PRICE, '123', 435);
    const bad = `${good.slice(0, 12)}${(Number(good[12]) + 1) % 10}`;
    const heard: string[] = [];
    const stop = onSignal((k) => heard.push(k));
    expect(await sale().scan(bad)).toBe(false);
    stop();
    expect(sale().error?.code).toBe('BARCODE_CHECK_DIGIT');
    expect(heard).toEqual(['unknown_code']);
    expect(sale().lines).toEqual([]);
  });

  it('a label price changed by hand is a price change like any other: the manager is asked at payment', async () => {
    await sale().scan(encodeInStoreLabel(PRICE, '456', 1800));
    expect(await sale().setPrice(sale().lines[0]!.key, 900)).toBe(true);
    const paying = pay().payCash(null);
    expect((await approvalAsked()).reasons.map((r) => r.code)).toEqual(['price_override']);
    useApp.getState().cancelApproval();
    expect(await paying).toBe(false);
    expect(w.backend.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 });
  });
});
