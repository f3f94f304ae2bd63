// «Fattura invece dello scontrino» (issue #13): a sale committed with `invoice: { customer }` is
// documented by a TD01 issued in the sale's own transaction (at_sale, no receipt cited), numbered in
// the invoice series and queued in invoice_outbox, and is NOT queued for /IT-receipts. Refusals
// (unknown/inactive customer, data FatturaPA needs, training mode) change nothing and take no number.
// A return or void of such a sale is documented by a TD04 in its own transaction, never sent as a receipt.
import { describe, expect, it } from 'vitest';
import { loginCashier, loginManager, makeBackend, type Backend } from '../../unit/contract/helpers.js';
import { setSetting } from '../../../backend/settings.js';
import { renderPlainText } from '../../../shared/receipt.js';
import { reportCsv } from '../../../backend/reports/index.js';
import { pdfTextRuns } from '../reports/pdf-text.js';
import { AT_SALE_SQL, ROWS_SQL } from '../../../backend/reports/queries.js';
import { invoicedAtSale } from '../../../backend/ledger/read.js';
import { barSport, invoicingShop, marioRossi, wineAndBread, xmlField } from './helpers.js';

const TABLES = ['documents', 'document_lines', 'payments', 'vat_rows', 'outbox', 'print_jobs', 'invoices', 'invoice_outbox', 'invoice_counters', 'day_counters', 'audit_log'];

function snapshot(b: Backend): Record<string, number> {
  const have = new Set((b.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  return Object.fromEntries(TABLES.filter((t) => have.has(t)).map((t) => [t, (b.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

async function shop(): Promise<{ b: Backend; bar: { id: string } }> {
  const b = makeBackend();
  invoicingShop(b.db);
  await loginManager(b);
  const bar = await b.ok('customers.save', barSport);
  return { b, bar };
}

describe('a sale invoiced at the counter', () => {
  it('one transaction: the sale, its TD01 (at sale, no receipt cited) pending in invoice_outbox, and no /IT-receipts outbox row', async () => {
    const { b, bar } = await shop();
    const r = await b.ok('sale.commit', { ...wineAndBread, invoice: { customer: '01234567897' } });
    expect(r.invoice).toEqual({ id: expect.any(String), number: '2026/0001' });
    expect(b.db.prepare('SELECT count(*) AS n FROM outbox WHERE document_id = ?').get(r.id)).toEqual({ n: 0 });
    const inv = await b.ok('invoices.get', { invoice: r.invoice!.id });
    expect(inv).toMatchObject({ kind: 'TD01', number: '2026/0001', atSale: true, receipt: null, customer: { id: bar.id, name: 'Bar Sport Srl' },
      document: { id: r.id, kind: 'sale' }, totalCents: r.totalCents, sending: { state: 'pending' } });
    const list = await b.ok('invoices.list', {});
    expect(list.invoices.map((i) => [i.number, i.atSale, i.sending.state])).toEqual([['2026/0001', true, 'pending']]);
    const xml = b.db.prepare('SELECT xml FROM invoices WHERE id = ?').pluck().get(r.invoice!.id) as string;
    expect(xmlField(xml, 'TipoDocumento')).toBe('TD01');
    expect(xml).not.toContain('documento commerciale');
    // the sale's own receipt job is the slip that says it is not a documento commerciale
    const { document: doc } = await b.ok('documents.get', { ref: r.id });
    expect(doc.invoice).toMatchObject({ kind: 'TD01', number: '2026/0001', customer: { name: 'Bar Sport Srl', vatNumber: '01234567897' } });
    const paper = renderPlainText(await b.ok('documents.receipt', { id: r.id, mark: null }));
    expect(paper.replace(/\s+/g, ' ')).toContain('Documento non valido ai fini fiscali - Fattura n. 2026/0001 emessa a Bar Sport Srl, inviata allo SDI');
    expect(paper).toContain('FATTURA N. 2026/0001');
    expect(paper).toContain('Fattura a: Bar Sport Srl');
    expect(paper).toContain('P.IVA 01234567897');
    expect(paper).not.toContain('DOCUMENTO COMMERCIALE');
    expect(paper).not.toMatch(/Documento N\.|numero AdE/);
    // a plain sale still goes to /IT-receipts and takes no invoice number
    const plain = await b.ok('sale.commit', wineAndBread);
    expect(plain.invoice).toBeNull();
    expect(b.db.prepare('SELECT state FROM outbox WHERE document_id = ?').pluck().get(plain.id)).toBe('pending');
    const next = await b.ok('sale.commit', { ...wineAndBread, invoice: { customer: bar.id } });
    expect(next.invoice!.number).toBe('2026/0002');
  });

  it('refusals happen before anything is written, name the field in Italian, and take no number', async () => {
    const { b, bar } = await shop();
    // every refusal leaves every table as it was (and the cart is the caller's, untouched)
    const refused = async (arg: unknown) => {
      const before = snapshot(b);
      const e = await b.err('sale.commit', arg);
      expect(snapshot(b)).toEqual(before);
      return e;
    };
    const unknown = await refused({ ...wineAndBread, invoice: { customer: 'Pippo' } });
    expect(unknown).toMatchObject({ code: 'INVOICE_CUSTOMER_UNKNOWN', field: 'invoice.customer' });
    expect(unknown.message).toContain('«Pippo»');

    const rossi = await b.ok('customers.save', marioRossi);
    await b.ok('customers.deactivate', { id: rossi.id, active: false });
    const inactive = await refused( { ...wineAndBread, invoice: { customer: rossi.id } });
    expect(inactive).toMatchObject({ code: 'INVOICE_CUSTOMER_INACTIVE', field: 'invoice.customer' });
    expect(inactive.message).toContain('Rossi Mario');

    // a record the book holds from before its checks (an old import): no CAP
    b.db.prepare(`UPDATE customers SET cap = '' WHERE id = ?`).run(bar.id);
    const noCap = await refused({ ...wineAndBread, invoice: { customer: bar.id } });
    expect(noCap).toMatchObject({ code: 'INVOICE_CUSTOMER_CAP_INVALID', field: 'invoice.customer.sede.cap' });
    b.db.prepare(`UPDATE customers SET cap = '00198' WHERE id = ?`).run(bar.id);

    // the shop's own data FatturaPA needs: refused by the build, inside the transaction, rolled back
    setSetting(b.db, 'shop.address', 'Roma', new Date('2026-01-01T00:00:00Z'));
    const shopAddr = await refused({ ...wineAndBread, invoice: { customer: bar.id } });
    expect(shopAddr.code).toBe('INVOICE_SHOP_ADDRESS_UNREADABLE');
    expect(shopAddr.message).toMatch(/Indirizzo del negozio/);
    invoicingShop(b.db);

    const ok = await b.ok('sale.commit', { ...wineAndBread, invoice: { customer: bar.id } });
    expect(ok.invoice!.number).toBe('2026/0001');
    expect(ok.number).toBe('2026-11-21/0001');
  });

  it('training mode refuses the invoice (no real number, nothing queued for the SDI)', async () => {
    const b = makeBackend({}, {}, 'training');
    invoicingShop(b.db);
    await loginManager(b);
    await b.ok('customers.save', barSport);
    const e = await b.err('sale.commit', { ...wineAndBread, invoice: { customer: '01234567897' } });
    expect(e).toMatchObject({ code: 'INVOICE_TRAINING', field: 'invoice' });
    expect(e.message).toMatch(/modalità formazione/);
    expect(b.db.prepare('SELECT count(*) AS n FROM invoices').get()).toEqual({ n: 0 });
    expect(b.db.prepare('SELECT count(*) AS n FROM training_documents').get()).toEqual({ n: 0 });
  });

  it('a return is documented by a TD04 citing the invoice, in the same transaction, and nothing goes to /IT-receipts', async () => {
    const { b } = await shop();
    const sale = await b.ok('sale.commit', { ...wineAndBread, invoice: { customer: '01234567897' } });
    const ret = await b.ok('documents.return', { sale: sale.id, lines: [{ line_no: 2, quantity: 1 }] });
    expect(ret.invoice).toEqual({ id: expect.any(String), number: '2026/0002' });
    expect(b.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    const note = await b.ok('invoices.get', { invoice: ret.invoice!.id });
    expect(note).toMatchObject({ kind: 'TD04', corrects: { number: '2026/0001' }, atSale: false, document: { id: ret.id, kind: 'return' },
      totalCents: 350, sending: { state: 'pending' } });
    const layout = await b.ok('documents.receipt', { id: ret.id, mark: null });
    const paper = renderPlainText(layout);
    expect(paper).toContain('Nota di credito n. 2026/0002');
    expect(paper).not.toContain('DOCUMENTO COMMERCIALE');
  });

  it('a void is a full credit note at any time (no 24 h window: no receipt was sent)', async () => {
    const { b } = await shop();
    await loginCashier(b);
    const sale = await b.ok('sale.commit', { ...wineAndBread, invoice: { customer: '01234567897' } });
    await loginManager(b);
    b.clock.set('2026-11-24T10:00:00Z');
    const v = await b.ok('documents.void', { sale: sale.id });
    expect(v.invoice!.number).toBe('2026/0002');
    const note = await b.ok('invoices.get', { invoice: v.invoice!.id });
    expect(note).toMatchObject({ kind: 'TD04', totalCents: sale.totalCents, corrects: { number: '2026/0001' } });
    expect(b.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });
});

describe('«Vendite documentate da fattura» in the reports', () => {
  it('X, Z, paper, PDF and CSV keep sales invoiced at the counter out of the corrispettivi, on their own line; the money stays in', async () => {
    const { b } = await shop();
    const plain = await b.ok('sale.commit', wineAndBread);
    const before = await b.ok('reports.get', { type: 'x' });
    const inv = await b.ok('sale.commit', { ...wineAndBread, invoice: { customer: '01234567897' } });
    await b.ok('documents.return', { sale: inv.id, lines: [{ line_no: 2, quantity: 1 }] });
    const x = await b.ok('reports.get', { type: 'x' });
    // the corrispettivi are the plain sale's alone, as before the invoiced sale
    expect({ sales: x.sales, returns: x.returns, net: x.netCents, vat: x.vat, rounding: x.rounding, fiscal: x.fiscal })
      .toEqual({ sales: before.sales, returns: before.returns, net: before.netCents, vat: before.vat, rounding: before.rounding, fiscal: before.fiscal });
    expect(x.atSale).toEqual({ sales: { count: 1, totalCents: inv.totalCents }, creditNotes: { count: 1, totalCents: 350 }, netCents: inv.totalCents - 350, roundingCents: 0 });
    expect(x.invoiced).toEqual({ count: 0, totalCents: 0 });
    // the till's money includes the invoiced sale and its refund
    expect(x.paymentsNetCents).toBe(plain.totalCents + inv.totalCents - 350);
    expect(x.paymentsNetCents).toBe(x.netCents + x.rounding.netCents + x.atSale!.netCents + x.atSale!.roundingCents);
    const paper = renderPlainText(await b.ok('reports.layout', { type: 'x', columns: 42 }));
    expect(paper).toMatch(/TOTALE CORRISPETTIVI +29,30/);
    expect(paper.replace(/\s+/g, ' ')).toMatch(/Vendite documentate da fattura \(1\) 29,30/);
    expect(paper).toMatch(/note di credito \(1\) +-3,50/);

    b.clock.set('2026-11-21T20:00:00Z');
    const closed = await b.ok('reports.closeDay', { count: { denominations: {} }, note: 'fine giornata' });
    expect(closed.report.netCents).toBe(plain.totalCents);
    const z = await b.ok('reports.get', { type: 'z', date: '2026-11-21' });
    expect(z.atSale).toEqual(x.atSale);
    const pdf = await b.ok('reports.pdf', { type: 'z', date: '2026-11-21' });
    const runs = pdfTextRuns(Buffer.from(pdf.base64, 'base64')).join(' ');
    expect(runs).toMatch(/Vendite documentate da fattura\s+1\s+29,30/);
    expect(runs).toMatch(/Totale corrispettivi netti\s+1\s+29,30/);
    const csv = reportCsv(b.db, z).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((l) => l.split(';'));
    const docs = csv.filter((c) => c[0] === 'documento');
    expect(docs.map((c) => c[2])).toEqual([plain.number]);
    expect(csv.filter((c) => c[0] === 'fattura').map((c) => [c[2], c.at(-1)])).toEqual([[inv.number, '2026/0001'], ['2026-11-21/0003', '2026/0002']]);
    expect(csv.find((c) => c[0] === 'vendite documentate da fattura')?.[13]).toBe('29,30');
    expect(csv.find((c) => c[0] === 'note di credito')?.[13]).toBe('-3,50');
  });
});

describe('migration 0019: the at-sale invoices found by their sale', () => {
  it('applies on a ledger with invoices; the reports and the ledger reads search it, never scan the series', async () => {
    const { b } = await shop();
    const s = await b.ok('sale.commit', { ...wineAndBread, invoice: { customer: '01234567897' } });
    expect(b.db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'invoices_at_sale'`).pluck().get()).toContain('WHERE at_sale = 1');
    const plan = (sql: string, ...args: unknown[]) => (b.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    for (const [name, sql] of Object.entries(AT_SALE_SQL)) {
      const p = plan(sql, '2026-11-01', '2026-11-30', '2026-11-01', '2026-11-30');
      expect(p, name).toContain('invoices_at_sale');
      // driven from those invoices: the documents are probed by key, never walked by day
      expect(p, name).not.toMatch(/SCAN (d|c|documents|v|vat_rows)\b|business_day>/);
    }
    for (const sql of [ROWS_SQL.fiscalStates, ROWS_SQL.notReady]) expect(plan(sql, '2026-11-01', '2026-11-30')).toContain('invoices_at_sale');
    expect(invoicedAtSale(b.db, s.id)).toBe(true);
  });
});
