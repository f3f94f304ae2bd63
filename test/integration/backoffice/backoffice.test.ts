// The back office's data on a real PostgreSQL: two tills of one shop (and a second shop that must
// never show), their uploaded rows filled in as an upload leaves them, read through the real HTTP
// server with the admin token. Every figure below is worked out by hand from the rows, to the cent.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../../server/http.js';
import { shopDayTotals } from '../../../server/backoffice/reports.js';
import { fakeClock } from '../../../shared/time.js';
import type { DayReport } from '../../../shared/contract/reports.js';
import { addCashMovement, addClosure, addDocument, addShop, addTill, setTillSync, startBackofficeDb, type BackofficeDb } from '../../fixtures/backoffice-shop.js';
import { pdfTextRuns } from '../reports/pdf-text.js';

const TOKEN = 'a'.repeat(43);
const D1 = '2026-12-01';
const D2 = '2026-12-02';
const clock = fakeClock('2026-12-02T10:00:00Z');

let db: BackofficeDb;
let pool: pg.Pool;
let http: RunningServer;
let shop: string;
let other: string;
let c1: string;
let c2: string;

const get = (path: string, token: string | null = TOKEN) => fetch(`${http.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const json = async <T = unknown>(path: string): Promise<T> => {
  const r = await get(path);
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as T;
};
interface ShopReportJson { report: DayReport; closures: { tillCode: string; businessDay: string; zNumber: number; netCents: number }[]; openDays: { tillCode: string; businessDay: string }[] }

beforeAll(async () => {
  db = await startBackofficeDb();
  pool = db.pool;
  shop = await addShop(pool, 'Forno Rossi');
  other = await addShop(pool, 'Bar Verdi');
  c1 = await addTill(pool, shop, 'C1', new Date('2026-12-02T09:58:00Z'));
  c2 = await addTill(pool, shop, 'C2', new Date('2026-12-02T09:00:00Z'));
  await addTill(pool, shop, 'C3');
  const o1 = await addTill(pool, other, 'C1', new Date('2026-12-02T09:59:00Z'));
  const base = { shopId: shop };
  // C1, day 1: two sales, a partial return of the first, a float and a cash out; closed with Z 1.
  await addDocument(pool, { ...base, id: 's1', tillId: c1, tillCode: 'C1', kind: 'sale', day: D1, seq: 1, totalCents: 1220,
    lines: [{ description: 'Pane integrale', amountCents: 1220, vatCode: '22', sku: 'PANE-INT' }], vat: [{ vatCode: '22', grossCents: 1220, taxableCents: 1000, vatCents: 220 }],
    payments: [{ method: 'cash', appliedCents: 1220 }], fiscal: { state: 'ready', adeNumber: 'DCW2026/5111-0001' } });
  await addDocument(pool, { ...base, id: 's2', tillId: c1, tillCode: 'C1', kind: 'sale', day: D1, seq: 2, totalCents: 550,
    lines: [{ description: 'Cornetto', amountCents: 550, vatCode: '10' }], vat: [{ vatCode: '10', grossCents: 550, taxableCents: 500, vatCents: 50 }],
    payments: [{ method: 'electronic', appliedCents: 550 }], fiscal: { state: 'ready', adeNumber: 'DCW2026/5111-0002' } });
  await addDocument(pool, { ...base, id: 'r1', tillId: c1, tillCode: 'C1', kind: 'return', day: D1, seq: 3, totalCents: 610, parentId: 's1',
    lines: [{ description: 'Pane integrale', amountCents: 610, vatCode: '22' }], vat: [{ vatCode: '22', grossCents: 610, taxableCents: 500, vatCents: 110 }],
    payments: [{ method: 'cash', appliedCents: 610 }], fiscal: { state: 'ready', adeNumber: 'DCW2026/5111-0003' } });
  await addCashMovement(pool, { id: 'm1', shopId: shop, tillId: c1, day: D1, kind: 'float', amountCents: 10000 });
  await addCashMovement(pool, { id: 'm2', shopId: shop, tillId: c1, day: D1, kind: 'out', amountCents: 2000, reason: 'Versamento' });
  await addClosure(pool, { shopId: shop, tillId: c1, day: D1, zNumber: 1, netCents: 1160 });
  // C2, day 1: a cash sale rounded down by 3 cents then voided, a meal-voucher sale; not closed.
  await addDocument(pool, { ...base, id: 's3', tillId: c2, tillCode: 'C2', kind: 'sale', day: D1, seq: 1, totalCents: 1003, roundingCents: -3,
    lines: [{ description: 'Torta della nonna', amountCents: 1003, vatCode: '10' }], vat: [{ vatCode: '10', grossCents: 1003, taxableCents: 912, vatCents: 91 }],
    payments: [{ method: 'cash', appliedCents: 1000 }], fiscal: { state: 'failed' } });
  await addDocument(pool, { ...base, id: 'v1', tillId: c2, tillCode: 'C2', kind: 'void', day: D1, seq: 2, totalCents: 1003, parentId: 's3',
    lines: [{ description: 'Torta della nonna', amountCents: 1003, vatCode: '10' }], vat: [{ vatCode: '10', grossCents: 1003, taxableCents: 912, vatCents: 91 }],
    payments: [{ method: 'cash', appliedCents: 1000 }], fiscal: { state: 'ready' } });
  await addDocument(pool, { ...base, id: 's4', tillId: c2, tillCode: 'C2', kind: 'sale', day: D1, seq: 3, totalCents: 800,
    lines: [{ description: 'Focaccia', amountCents: 800, vatCode: '4' }], vat: [{ vatCode: '4', grossCents: 800, taxableCents: 769, vatCents: 31 }],
    payments: [{ method: 'meal_voucher', appliedCents: 800, count: 1 }] });
  // C1, day 2: one sale.
  await addDocument(pool, { ...base, id: 's5', tillId: c1, tillCode: 'C1', kind: 'sale', day: D2, seq: 1, totalCents: 1000,
    lines: [{ description: 'Pane integrale', amountCents: 1000, vatCode: '22' }], vat: [{ vatCode: '22', grossCents: 1000, taxableCents: 820, vatCents: 180 }],
    payments: [{ method: 'cash', appliedCents: 1000 }], fiscal: { state: 'ready' } });
  // The other shop: a sale that must never show in Forno Rossi's figures or searches.
  await addDocument(pool, { shopId: other, id: 'o1', tillId: o1, tillCode: 'C1', kind: 'sale', day: D1, seq: 1, totalCents: 99999,
    lines: [{ description: 'Pane integrale', amountCents: 99999, vatCode: '22' }], vat: [{ vatCode: '22', grossCents: 99999, taxableCents: 81966, vatCents: 18033 }],
    payments: [{ method: 'cash', appliedCents: 99999 }], fiscal: { state: 'ready' } });

  const report = (over: Partial<{ at: string; queued: number; failed: number; lastSuccessAt: string | null; printer: string }>) => ({
    at: over.at ?? '2026-12-02T09:58:00.000Z', pendingUploads: 2,
    ade: { queued: over.queued ?? 0, failed: over.failed ?? 0, lastSuccessAt: over.lastSuccessAt ?? '2026-12-02T09:57:00.000Z', problem: null },
    printer: { state: over.printer ?? 'ok', queued: 0, message: null }, masterVersion: 7, appVersion: '0.1.0',
  });
  await setTillSync(pool, c1, { ackSeq: 120, report: report({}) });
  await setTillSync(pool, c2, { ackSeq: 41, chainBrokenAt: 42, chainProblem: 'hash', report: report({ at: '2026-12-02T09:00:00.000Z', queued: 3, failed: 1, lastSuccessAt: '2026-12-02T08:00:00.000Z', printer: 'offline' }) });
  await pool.query('UPDATE shops SET master_version = 9 WHERE id = $1', [shop]);

  http = await startHttpServer({ pool, clock, adminToken: TOKEN });
}, 120_000);

afterAll(async () => {
  await http?.close();
  await db?.stop();
});

describe('the back office reads the tills\' uploads', () => {
  it('refuses every data call without the admin token, or with another one (401)', async () => {
    for (const path of ['/admin/api/tills', `/admin/api/shops/${shop}/report?from=${D1}`, `/admin/api/shops/${shop}/report.csv?from=${D1}`,
      `/admin/api/shops/${shop}/documents?text=pane`, `/admin/api/shops/${shop}/documents/s1`]) {
      for (const token of [null, 'b'.repeat(43), TOKEN.slice(1)]) {
        const r = await get(path, token);
        expect(r.status, `${path} ${token}`).toBe(401);
        expect(((await r.json()) as { error: { code: string } }).error.code).toBe('ADMIN_TOKEN_INVALID');
      }
    }
  });

  it('tills: last seen, ack, chain, AdE queue, printer and master version, with what is wrong with each', async () => {
    const { shops } = await json<{ shops: { name: string; masterVersion: number; tills: { tillCode: string; lastSeenAt: string | null; ackSeq: number; chain: { brokenAt: number | null }; report: { pendingUploads: number; ade: { queued: number; failed: number }; printer: { state: string } } | null; masterVersion: number | null; problems: string[] }[] }[] }>('/admin/api/tills');
    expect(shops.map((s) => s.name)).toEqual(['Bar Verdi', 'Forno Rossi']);
    const forno = shops[1]!;
    expect(forno.masterVersion).toBe(9);
    expect(forno.tills.map((t) => [t.tillCode, t.lastSeenAt, t.ackSeq, t.chain.brokenAt, t.report?.ade.queued ?? null, t.report?.printer.state ?? null, t.masterVersion, t.problems])).toEqual([
      ['C1', '2026-12-02T09:58:00.000Z', 120, null, 0, 'ok', 7, []],
      ['C2', '2026-12-02T09:00:00.000Z', 41, 42, 3, 'offline', 7, ['not_seen', 'chain_broken', 'ade_failed', 'ade_stuck']],
      ['C3', null, 0, null, null, null, null, ['never_seen']],
    ]);
    expect(forno.tills[0]!.report!.pendingUploads).toBe(2);
  });

  it('X of a day, shop-wide: every figure to the cent, with returns, voids, rounding, cash movements and the Z of the till that closed', async () => {
    const { report: r, closures, openDays } = await json<ShopReportJson>(`/admin/api/shops/${shop}/report?from=${D1}&to=${D1}`);
    expect(r.type).toBe('x'); // C2 has not closed the day
    expect([r.sales, r.returns, r.voids]).toEqual([{ count: 4, totalCents: 3573 }, { count: 1, totalCents: 610 }, { count: 1, totalCents: 1003 }]);
    expect(r.netCents).toBe(1960);
    expect(r.vat.map((v) => [v.vatCode, v.sales.grossCents, v.refunds.grossCents, v.net.grossCents, v.net.taxableCents, v.net.vatCents])).toEqual([
      ['4', 800, 0, 800, 769, 31], ['10', 1553, 1003, 550, 500, 50], ['22', 1220, 610, 610, 500, 110],
    ]);
    expect(r.payments.map((p) => [p.method, p.salesCents, p.salesCount, p.refundsCents, p.refundsCount, p.netCents, p.pieces])).toEqual([
      ['cash', 2220, 2, 1610, 2, 610, null], ['electronic', 550, 1, 0, 0, 550, null], ['meal_voucher', 800, 1, 0, 0, 800, 1],
    ]);
    expect(r.paymentsNetCents).toBe(1960);
    expect(r.rounding).toEqual({ salesCents: -3, voidedCents: -3, netCents: 0 });
    expect(r.cash).toMatchObject({ openingFloatCents: 10000, cashInCents: 0, cashOutCents: 2000, cashSalesCents: 2220, cashRefundsCents: 1610, expectedCents: 8610 });
    expect(r.cash.movements.map((m) => [m.kind, m.amountCents, m.reason])).toEqual([['float', 10000, ''], ['out', 2000, 'Versamento']]);
    expect([r.fiscal.total, r.fiscal.ready, r.fiscal.pending, r.fiscal.failed]).toEqual([6, 4, 1, 1]);
    expect(r.fiscal.notReady.map((d) => [d.number, d.state, d.bucket])).toEqual([['C2-2026-12-01/0001', 'failed', 'failed'], ['C2-2026-12-01/0003', 'missing', 'pending']]);
    expect(r.numbering.firstNumber).toBe('C1-2026-12-01/0001');
    expect(r.numbering.lastNumber).toBe('C2-2026-12-01/0003');
    expect(closures).toEqual([{ tillCode: 'C1', businessDay: D1, zNumber: 1, closedAt: '2026-12-01T20:00:00.000Z', netCents: 1160, documentsNetCents: 1160 }]);
    expect(openDays).toEqual([{ tillCode: 'C2', businessDay: D1 }]);
  });

  it('Z of one till: its rows, its Z number and its closing data', async () => {
    const { report: r, closures } = await json<ShopReportJson>(`/admin/api/shops/${shop}/report?from=${D1}&till=C1`);
    expect(r.type).toBe('z');
    expect(r.netCents).toBe(1160);
    expect(r.closure?.zNumber).toBe(1);
    expect(r.cash.expectedCents).toBe(10000 + 1220 - 610 - 2000);
    expect(closures.map((c) => [c.tillCode, c.zNumber, c.netCents])).toEqual([['C1', 1, 1160]]);
    const c2x = await json<ShopReportJson>(`/admin/api/shops/${shop}/report?from=${D1}&till=C2`);
    expect([c2x.report.type, c2x.report.netCents, c2x.report.cash.expectedCents]).toEqual(['x', 800, 1000 - 1000]);
  });

  it('a period, shop-wide and per till', async () => {
    const shopP = await json<ShopReportJson>(`/admin/api/shops/${shop}/report?from=${D1}&to=${D2}`);
    expect([shopP.report.type, shopP.report.sales.count, shopP.report.netCents]).toEqual(['period', 5, 2960]);
    const c1P = await json<ShopReportJson>(`/admin/api/shops/${shop}/report?from=${D1}&to=${D2}&till=C1`);
    expect([c1P.report.sales.count, c1P.report.returns.count, c1P.report.netCents]).toEqual([3, 1, 2160]);
  });

  it('shopDayTotals: each till\'s Z beside its rows; once every till has closed, shop-wide = Σ tills\' Z to the cent', async () => {
    expect(await shopDayTotals(pool, shop, D1)).toEqual({
      tills: [{ tillCode: 'C1', zNumber: 1, fromZ: 1160, fromRows: 1160 }, { tillCode: 'C2', zNumber: null, fromZ: 0, fromRows: 800 }],
      shopFromRows: 1960, sumOfTillZ: 1160,
    });
    const c2 = (await pool.query<{ id: string }>("SELECT id::text AS id FROM tills WHERE shop_id = $1 AND code = 'C2'", [shop])).rows[0]!.id;
    await addClosure(pool, { shopId: shop, tillId: c2, day: D1, zNumber: 1, netCents: 800 });
    const t = await shopDayTotals(pool, shop, D1);
    expect(t.sumOfTillZ).toBe(1960);
    expect(t.shopFromRows).toBe(t.sumOfTillZ);
    const { report } = await json<ShopReportJson>(`/admin/api/shops/${shop}/report?from=${D1}`);
    expect(report.type).toBe('z'); // every till that worked the day has closed it
  });

  it('refuses a day that is no day, or a period backwards, naming the field; an unknown shop or till is 404', async () => {
    const bad = async (path: string, status: number, field: string) => {
      const r = await get(path);
      expect(r.status, path).toBe(status);
      const e = ((await r.json()) as { error: { field?: string; message: string } }).error;
      expect(e.field).toBe(field);
      return e.message;
    };
    expect(await bad(`/admin/api/shops/${shop}/report?from=01/12/2026`, 400, 'from')).toBe('Data: scrivere la giornata come AAAA-MM-GG');
    expect(await bad(`/admin/api/shops/${shop}/report?from=${D2}&to=${D1}`, 400, 'to')).toBe('Periodo: la data «al» viene prima della data «dal»');
    expect(await bad(`/admin/api/shops/${shop}/report?from=${D1}&till=C9`, 404, 'till')).toBe('Cassa: nessuna cassa C9 in questo negozio');
    expect(await bad(`/admin/api/shops/999/report?from=${D1}`, 404, 'shop')).toBe('Negozio: nessun negozio con identificativo 999');
  });

  it('sales search across tills: by words in the lines, number, amount, till and days; never another shop\'s', async () => {
    type S = { documents: { id: string; tillCode: string; number: string; totalCents: number; fiscalState: string | null }[]; more: boolean };
    const ids = async (q: string) => (await json<S>(`/admin/api/shops/${shop}/documents?${q}`)).documents.map((d) => d.id);
    expect((await ids('text=integrale')).sort()).toEqual(['r1', 's1', 's5']);
    expect((await ids('text=PANE-INT'))).toEqual(['s1']);
    expect((await ids('number=C2-')).sort()).toEqual(['s3', 's4', 'v1']);
    expect((await ids('amount=1003')).sort()).toEqual(['s3', 'v1']);
    expect(await ids(`till=C1&from=${D2}&to=${D2}`)).toEqual(['s5']);
    const page = await json<S>(`/admin/api/shops/${shop}/documents?limit=2`);
    expect([page.documents.length, page.more]).toEqual([2, true]);
    expect(page.documents.map((d) => d.id)).toEqual(['s5', 'r1']); // newest first (r1 and s4 both at 10:03, then by id)
  });

  it('one document: lines, payments, VAT, its AdE state, its returns; a return points at its sale', async () => {
    type Detail = { number: string; tillCode: string; totalCents: number; fiscal: { state: string; adeNumber: string }; lines: { description: string; amountCents: number }[];
      payments: { method: string; appliedCents: number }[]; vat: { vatCode: string; vatCents: number }[]; related: { id: string; kind: string }[]; parent: { id: string } | null };
    const s1 = await json<Detail>(`/admin/api/shops/${shop}/documents/s1`);
    expect([s1.number, s1.tillCode, s1.totalCents]).toEqual(['C1-2026-12-01/0001', 'C1', 1220]);
    expect(s1.fiscal).toMatchObject({ state: 'ready', adeNumber: 'DCW2026/5111-0001' });
    expect(s1.lines).toEqual([expect.objectContaining({ description: 'Pane integrale', amountCents: 1220 })]);
    expect(s1.payments).toEqual([expect.objectContaining({ method: 'cash', appliedCents: 1220 })]);
    expect(s1.vat).toEqual([expect.objectContaining({ vatCode: '22', vatCents: 220 })]);
    expect(s1.related.map((d) => [d.id, d.kind])).toEqual([['r1', 'return']]);
    expect((await json<Detail>(`/admin/api/shops/${shop}/documents/r1`)).parent?.id).toBe('s1');
    expect((await get(`/admin/api/shops/${shop}/documents/o1`)).status).toBe(404); // the other shop's
  });

  it('CSV of a report and of a search: Italian spreadsheet conventions, the figures and the Z', async () => {
    const r = await get(`/admin/api/shops/${shop}/report.csv?from=${D1}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toContain('report-negozio-2026-12-01.csv');
    const bytes = Buffer.from(await r.arrayBuffer()); // fetch's text() would drop the BOM
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('sezione;voce;cassa;giornata;numero;lordo;imponibile;imposta;importo');
    expect(lines).toContain('documenti;Vendite;negozio;2026-12-01;4;;;;35,73');
    expect(lines).toContain('documenti;Resi;negozio;2026-12-01;1;;;;-6,10');
    expect(lines).toContain('documenti;Annulli;negozio;2026-12-01;1;;;;-10,03');
    expect(lines).toContain('documenti;Netto;negozio;2026-12-01;;;;;19,60');
    expect(lines).toContain('iva;22;negozio;2026-12-01;;6,10;5,00;1,10;6,10');
    expect(lines).toContain('pagamenti;Buoni pasto;negozio;2026-12-01;1;;;;8,00');
    expect(lines).toContain('cassa;Contanti attesi;negozio;2026-12-01;;;;;86,10');
    expect(lines).toContain('chiusura_z;Z 1;C1;2026-12-01;1;;;;11,60');
    expect(lines).toContain('chiusura_z;Z 1;C2;2026-12-01;1;;;;8,00');

    const d = (await (await get(`/admin/api/shops/${shop}/documents.csv?text=integrale`)).text()).split('\r\n');
    expect(d[0]).toBe('cassa;giornata;numero;tipo;data_ora;numero_ade;stato_ade;totale');
    expect(d).toContain('C1;2026-12-01;C1-2026-12-01/0003;Reso;01/12/2026 10:03;DCW2026/5111-0003;ready;-6,10');
  });

  it('PDF of a report: a PDF that shows the shop, the Z and the totals', async () => {
    const r = await get(`/admin/api/shops/${shop}/report.pdf?from=${D1}&till=C1`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await r.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfTextRuns(pdf).join(' ');
    expect(text).toContain('Forno Rossi — cassa C1');
    expect(text).toContain('CHIUSURA GIORNALIERA (Z)');
    expect(text).toContain('Chiusura Z N. 1');
    expect(text).toContain('11,60'); // the net
    expect(text).toContain('86,10'); // the cash expected: 100,00 + 12,20 − 6,10 − 20,00
  });
});
