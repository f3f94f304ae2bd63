// The back office on what tills really upload (issue #14): two tills of one shop, joined as a user
// joins one, each sells, takes a return and a void, moves cash and closes its Z; their shop links
// upload the journals (srv-upload's ingest, on a real PostgreSQL). Then the server's reports are the
// tills' own to the cent: each till's report from the uploaded rows equals the Z the till printed,
// and the shop-wide figure is the sum of the tills' Z (shopDayTotals, what the chaos test asserts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitSale, recordReturn, recordVoid } from '../../../backend/ledger/index.js';
import { commitSale as ringUp } from '../../../backend/sale/commit.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { barSport, invoicingShop } from '../invoices/helpers.js';
import { recordCashMovement } from '../../../backend/reports/cash.js';
import { closeDay } from '../../../backend/reports/close.js';
import { zReport } from '../../../backend/reports/report.js';
import { dataDirKeyProvider } from '../../../backend/secrets.js';
import { readShopLinkConfig } from '../../../backend/shop-link/config.js';
import { createShopLinkLoop } from '../../../backend/shop-link/loop.js';
import { shopDayTotals, shopReport } from '../../../server/backoffice/reports.js';
import { fakeClock } from '../../../shared/time.js';
import { tempLedger, type TempLedger } from '../sync/fixtures.js';
import { joinTill, startShopServer, type ShopServer } from '../../fixtures/shop-link-upload.js';

let server: ShopServer;
const ledgers: TempLedger[] = [];
const clock = fakeClock(new Date('2026-11-20T10:00:00.000Z'));
const DAY = '2026-11-20';
const FIGURES = ['sales', 'returns', 'voids', 'netCents', 'vat', 'vatTotal', 'payments', 'paymentsNetCents', 'discounts', 'complimentary', 'rounding', 'cash', 'numbering', 'atSale'] as const;

beforeAll(async () => { server = await startShopServer(); server.pool.on('error', () => {}); }, 120_000); // its idle clients hear PostgreSQL stop at the end
afterAll(async () => { for (const l of ledgers) l.cleanup(); await server?.close(); });

/** A till of «Forno Rossi» with its day's work (`n` varies the amounts), closed with its Z and uploaded. */
async function tillWithADay(n: number): Promise<{ ledger: TempLedger; code: string }> {
  const l = tempLedger('bancone-bo-ingest-');
  ledgers.push(l);
  const code = await joinTill(server, l.dir);
  const { db } = l;
  recordCashMovement(db, clock, { kind: 'float', amount_cents: 10000 * n });
  const s1 = commitSale(db, clock, { lines: [{ description: 'Pane', unit_price_cents: 250 + n, vat_code: '4', quantity: 2 }, { description: 'Vino', unit_price_cents: 750, vat_code: '22', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 2000 }] });
  const s2 = commitSale(db, clock, { lines: [{ description: 'Latte', unit_price_cents: 120 * n, vat_code: '4', quantity: 1 }], payments: [{ method: 'electronic', amount_cents: 120 * n }] });
  commitSale(db, clock, { lines: [{ description: 'Caffè', unit_price_cents: 499, vat_code: '10', quantity: n, discount_cents: 50 }], payments: [{ method: 'electronic', amount_cents: 499 * n - 50 }] });
  recordReturn(db, clock, { sale: s1.id, lines: [{ line_no: 1, quantity: 1 }] });
  recordVoid(db, clock, { sale: s2.id });
  recordCashMovement(db, clock, { kind: 'out', amount_cents: 500 * n, reason: 'Pagato il fornitore del pane' });
  if (n === 2) {
    // «Fattura invece dello scontrino» (issue #13): not a corrispettivo, never sent to the AdE; its money is in the drawer.
    invoicingShop(db);
    const bar = saveCustomer(db, null, { nome: '', cognome: '', codice_fiscale: '', paese_iva: '', pec: '', nazione: 'IT', notes: '', ...barSport }, clock.now().toISOString());
    const invoiced = ringUp(db, clock, { lines: [{ description: 'Torta', unit_price_cents: 2400, vat_code: '10', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 2400 }], invoice: { customer: bar.id } });
    expect(invoiced.invoice).not.toBeNull();
  }
  await closeDay(db, clock, { note: 'Rete assente: scontrini da inviare' });
  const loop = createShopLinkLoop({ db, clock, config: () => readShopLinkConfig(db, dataDirKeyProvider(l.dir)) });
  expect((await loop.round()).state).toBe('ok');
  return { ledger: l, code };
}

describe('the back office on the tills\' real uploads', () => {
  it('each till\'s report from the uploaded rows is the Z it printed; shop-wide = Σ tills\' Z to the cent', async () => {
    const a = await tillWithADay(1);
    const b = await tillWithADay(2);
    expect([a.code, b.code]).toEqual(['C1', 'C2']);
    const shopId = String((await server.pool.query("SELECT id FROM shops WHERE name = 'Forno Rossi'")).rows[0].id);
    const tillId = async (code: string) => String((await server.pool.query('SELECT id FROM tills WHERE shop_id = $1 AND code = $2', [shopId, code])).rows[0].id);

    for (const t of [a, b]) {
      const z = zReport(t.ledger.db, DAY);
      const { report, closures } = await shopReport(server.pool, { shopId, tillId: await tillId(t.code), from: DAY, to: DAY }, clock.now());
      expect(report.type).toBe('z');
      // Every figure of the Z (the AdE side differs by design: the server knows a document's state only from the till's fiscal.* entries).
      for (const k of FIGURES) expect(report[k], k).toEqual(z[k]);
      expect(report.closure?.zNumber).toBe(z.closure!.zNumber);
      expect(closures.map((c) => [c.tillCode, c.zNumber, c.netCents])).toEqual([[t.code, z.closure!.zNumber, z.netCents]]);
    }

    const totals = await shopDayTotals(server.pool, shopId, DAY);
    const zA = zReport(a.ledger.db, DAY);
    const zB = zReport(b.ledger.db, DAY);
    expect(totals.tills).toEqual([
      { tillCode: 'C1', zNumber: zA.closure!.zNumber, fromZ: zA.netCents, fromRows: zA.netCents },
      { tillCode: 'C2', zNumber: zB.closure!.zNumber, fromZ: zB.netCents + zB.atSale!.netCents, fromRows: zB.netCents + zB.atSale!.netCents },
    ]);
    expect(zB.atSale!.sales).toEqual({ count: 1, totalCents: 2400 });
    expect(totals.sumOfTillZ).toBe(zA.netCents + zB.netCents + 2400);
    expect(totals.shopFromRows).toBe(totals.sumOfTillZ);

    const shop = (await shopReport(server.pool, { shopId, tillId: null, from: DAY, to: DAY }, clock.now())).report;
    expect(shop.type).toBe('z');
    expect(shop.netCents).toBe(zA.netCents + zB.netCents);
    expect(shop.atSale).toEqual(zB.atSale);
    // The invoiced sale never goes to the AdE: not counted among the documents for it, nor waiting for it.
    expect(shop.fiscal.total).toBe(zA.sales.count + zA.returns.count + zA.voids.count + zB.sales.count + zB.returns.count + zB.voids.count);
    expect(shop.fiscal.notReady.map((d) => d.totalCents)).not.toContain(2400);
    expect(shop.paymentsNetCents).toBe(zA.paymentsNetCents + zB.paymentsNetCents);
    expect(shop.cash.expectedCents).toBe(zA.cash.expectedCents + zB.cash.expectedCents);
    expect(shop.vatTotal.net).toEqual({
      grossCents: zA.vatTotal.net.grossCents + zB.vatTotal.net.grossCents,
      taxableCents: zA.vatTotal.net.taxableCents + zB.vatTotal.net.taxableCents,
      vatCents: zA.vatTotal.net.vatCents + zB.vatTotal.net.vatCents,
    });
  }, 120_000);
});
