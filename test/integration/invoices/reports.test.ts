// «di cui fatturati» (issue #13): a receipted sale later invoiced stays in the day's sales once; the
// X, the Z (also for an invoice issued after the Z) and the day's documents show which part was
// invoiced, so the accountant does not count it twice. The Z's totals do not change.
import { describe, expect, it } from 'vitest';
import { loginManager, makeBackend } from '../../unit/contract/helpers.js';
import { renderPlainText } from '../../../shared/receipt.js';
import { reportCsv } from '../../../backend/reports/index.js';
import { pdfTextRuns } from '../reports/pdf-text.js';
import { barSport, invoicingShop, wineAndBread } from './helpers.js';

describe('«di cui fatturati» in the reports', () => {
  it('X and Z show the invoiced sales inside the sales; the Z totals stay as closed; the CSV names the invoice', async () => {
    const b = makeBackend();
    invoicingShop(b.db);
    await loginManager(b);
    const bar = await b.ok('customers.save', barSport);
    const s1 = await b.ok('sale.commit', wineAndBread);
    const s2 = await b.ok('sale.commit', wineAndBread);
    await b.ok('sale.commit', wineAndBread);
    const before = await b.ok('reports.get', { type: 'x' });
    expect(before.invoiced).toEqual({ count: 0, totalCents: 0 });
    expect(renderPlainText(await b.ok('reports.layout', { type: 'x', columns: 42 }))).not.toContain('di cui fatturati');

    const inv = await b.ok('invoices.create', { sale: s1.id, customer: bar.id });
    const x = await b.ok('reports.get', { type: 'x' });
    expect(x.invoiced).toEqual({ count: 1, totalCents: s1.totalCents });
    expect({ sales: x.sales, net: x.netCents, vat: x.vat }).toEqual({ sales: before.sales, net: before.netCents, vat: before.vat });
    expect(renderPlainText(await b.ok('reports.layout', { type: 'x', columns: 42 }))).toMatch(/ {2}di cui fatturati \(1\) +29,30/);

    b.clock.set('2026-11-21T20:00:00Z');
    const closed = await b.ok('reports.closeDay', { count: { denominations: {} }, note: 'Invio domani' });
    // the next morning the second customer asks for the invoice of yesterday's sale
    b.clock.set('2026-11-22T08:00:00Z');
    await b.ok('invoices.create', { sale: s2.id, customer: bar.id });
    const z = await b.ok('reports.get', { type: 'z', date: '2026-11-21' });
    expect(z.invoiced).toEqual({ count: 2, totalCents: s1.totalCents + s2.totalCents });
    expect({ sales: z.sales, net: z.netCents, vat: z.vat, payments: z.payments }).toEqual({
      sales: closed.report.sales, net: closed.report.netCents, vat: closed.report.vat, payments: closed.report.payments,
    });
    const paper = renderPlainText(await b.ok('reports.layout', { type: 'z', date: '2026-11-21', columns: 42 }));
    expect(paper).toMatch(/Vendite \(3\) +87,90/);
    expect(paper).toMatch(/ {2}di cui fatturati \(2\) +58,60/);
    const pdf = await b.ok('reports.pdf', { type: 'z', date: '2026-11-21' });
    const runs = pdfTextRuns(Buffer.from(pdf.base64, 'base64')).join(' ');
    expect(runs).toMatch(/di cui fatturati\s+2\s+58,60/);

    const csv = reportCsv(b.db, z).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]!.split(';').at(-1)).toBe('fattura');
    expect(csv.slice(1, 4).map((l) => l.split(';').at(-1))).toEqual([inv.number, '2026/0002', '']);
  });
});
