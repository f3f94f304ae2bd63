import { describe, expect, it } from 'vitest';
import { makeBackend, loginCashier, loginManager } from './helpers.js';
import { renderPlainText } from '../../../shared/receipt.js';
import { upsertProduct, searchProducts, rebuildSearchIndex } from '../../../backend/catalog/products.js';
import type { ParkedCart } from '../../../shared/contract/sale.js';
import { STATUS_SQL } from '../../../backend/status.js';

const parked: ParkedCart = {
  lines: [{ key: 'a', productId: null, sku: null, barcode: null, description: 'Reparto frutta', vatCode: '4', department: null, unitPriceCents: 320, listPriceCents: null, quantityMilli: 2000, soldByWeight: false, discount: null, complimentary: false }],
  saleDiscount: null,
};

describe('parking a sale', () => {
  it('parks, lists with total and operator, and resumes exactly once', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const s = await b.ok('sale.park', { cart: parked });
    expect(s).toMatchObject({ label: 'Reparto frutta', totalCents: 640, lineCount: 1, operatorName: 'Giulia' });
    expect((await b.ok('sale.parked', {})).parked.map((p) => p.id)).toEqual([s.id]);
    expect((await b.ok('sale.resume', { id: s.id })).cart).toEqual(parked);
    expect((await b.err('sale.resume', { id: s.id })).code).toBe('PARKED_NOT_FOUND');
    expect((await b.ok('sale.parked', {})).parked).toEqual([]);
  });
});

describe('returns and voids', () => {
  it('a return above the threshold needs a manager; below it a cashier may do it', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const sale = await b.ok('sale.commit', { lines: [{ sku: 'VINO', quantity: 6 }], payments: [{ method: 'cash', amount_cents: 8000 }] });
    const small = await b.ok('documents.return', { sale: sale.number, lines: [{ line_no: 1, quantity: 1 }] });
    expect(small.totalCents).toBe(1290);
    const big = await b.err('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 5 }] });
    expect(big.code).toBe('MANAGER_REQUIRED');
    await b.approve(big);
    expect((await b.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 5 }] })).totalCents).toBe(6450);
    const detail = await b.ok('documents.get', { ref: sale.id });
    expect(detail.returnable).toEqual([{ lineNo: 1, quantityMilli: 0 }]);
    expect(detail.children.map((c) => c.kind)).toEqual(['return', 'return']);
    expect(detail.voidBlocker?.code).toBe('SALE_HAS_RETURNS');
  });

  it('offers the void blocker once 24 h have passed since transmission', async () => {
    const b = makeBackend();
    await loginManager(b);
    const sale = await b.ok('sale.commit', { lines: [{ sku: 'PANE' }], payments: [{ method: 'cash', amount_cents: 350 }] });
    b.db.prepare(`UPDATE outbox SET state = 'ready', submitted_at = ?, document_number = 'DCW2026/1-1' WHERE document_id = ?`).run(b.clock.now().toISOString(), sale.id);
    expect((await b.ok('documents.get', { ref: sale.id })).voidBlocker).toBeNull();
    b.clock.advance(24 * 3600_000 + 60_000);
    const d = await b.ok('documents.get', { ref: sale.id });
    expect(d.voidBlocker?.code).toBe('VOID_TOO_LATE');
    expect(d.voidBlocker?.message).toContain('fare un reso totale');
    expect((await b.err('documents.void', { sale: sale.id })).code).toBe('VOID_TOO_LATE');
  });
});

describe('receipt preview and history', () => {
  it('lays the receipt out with the printer width and the shop name, COPIA on reprint', async () => {
    const b = makeBackend();
    await loginManager(b);
    await b.ok('settings.save', { values: { 'shop.name': 'Bottega Rossi', 'printer.columns': 32 } });
    const sale = await b.ok('sale.commit', { lines: [{ sku: 'LATTE', quantity: 2 }], payments: [{ method: 'cash', amount_cents: 500 }] });
    const layout = await b.ok('documents.receipt', { id: sale.id });
    expect(layout.columns).toBe(32);
    const text = renderPlainText(layout as never);
    expect(text).toContain('Bottega Rossi');
    expect(text).toContain('Latte intero 1 l');
    const copy = renderPlainText(await b.ok('documents.receipt', { id: sale.id, mark: 'reprint' }) as never);
    expect(copy).toMatch(/COPIA|RISTAMPA/);
    const job = await b.ok('documents.reprint', { id: sale.id });
    expect(b.db.prepare('SELECT kind, state, document_id FROM print_jobs WHERE id = ?').get(job.printJobId)).toEqual({ kind: 'reprint', state: 'queued', document_id: sale.id });
  });

  it('filters history by day, kind and number, newest first', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const day1 = await b.ok('sale.commit', { lines: [{ sku: 'PANE' }], payments: [{ method: 'cash', amount_cents: 350 }] });
    b.clock.advance(24 * 3600_000);
    const s2 = await b.ok('sale.commit', { lines: [{ sku: 'PANE' }], payments: [{ method: 'cash', amount_cents: 350 }] });
    const r2 = await b.ok('documents.return', { sale: s2.id, lines: [{ line_no: 1, quantity: 1 }] });
    const today = await b.ok('documents.history', {});
    expect(today.rows.map((r) => r.number)).toEqual([r2.number, s2.number]);
    expect(today.rows[0]).toMatchObject({ kind: 'return', parentNumber: s2.number, operatorName: 'Giulia', fiscalGroup: 'queued' });
    const both = await b.ok('documents.history', { from: '2026-11-21', to: '2026-11-22', kind: 'sale' });
    expect(both.rows.map((r) => r.number)).toEqual([s2.number, day1.number]);
    expect((await b.ok('documents.history', { from: '2026-11-21', to: '2026-11-22', text: '/0001' })).rows.map((r) => r.number)).toEqual([s2.number, day1.number]);
    expect((await b.err('documents.history', { from: '21/11/2026' })).field).toBe('from');
  });

  it('"riprova" needs a failed document and a sync process', async () => {
    const retried: string[] = [];
    const b = makeBackend({ sync: { status: () => ({ online: true, lastSuccessAt: null, problem: null, problemEn: null }), retry: (id) => { retried.push(id); return { state: 'pending' }; } } });
    await loginManager(b);
    const sale = await b.ok('sale.commit', { lines: [{ sku: 'PANE' }], payments: [{ method: 'cash', amount_cents: 350 }] });
    expect((await b.err('documents.retry', { id: sale.id })).code).toBe('NOT_FAILED');
    b.db.prepare(`UPDATE outbox SET state = 'failed' WHERE document_id = ?`).run(sale.id);
    expect(await b.ok('documents.retry', { id: sale.id })).toEqual({ state: 'pending' });
    expect(retried).toEqual([sale.id]);
  });
});

describe('catalog', () => {
  it('search is accent-insensitive and finds words inside descriptions', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const names = async (text: string) => (await b.ok('catalog.search', { text })).products.map((p) => p.sku);
    expect(await names('citta')).toEqual(['PANE']);
    expect(await names('CITTÀ')).toEqual(['PANE']);
    expect(await names('chianti ross')).toEqual(['VINO']);
    expect(await names('8001234567890')).toEqual(['LATTE']);
    expect(await names('zzz')).toEqual([]);
  });

  it('the search index follows edits, and rebuilds after rowids change', async () => {
    const b = makeBackend();
    const at = b.clock.now().toISOString();
    upsertProduct(b.db, { sku: 'PANE', description: 'Focaccia genovese', priceCents: 350, vatCode: '4' }, at);
    expect(searchProducts(b.db, 'genovese').map((p) => p.sku)).toEqual(['PANE']);
    expect(searchProducts(b.db, 'citta')).toEqual([]);
    const plan = (b.db.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM products_fts WHERE products_fts MATCH '"genovese"'`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/VIRTUAL TABLE INDEX/);
    b.db.exec('VACUUM');
    rebuildSearchIndex(b.db);
    expect(searchProducts(b.db, 'genovese').map((p) => p.sku)).toEqual(['PANE']);
  });

  it('saves products with barcodes, refusing a barcode owned by another product', async () => {
    const b = makeBackend();
    await loginManager(b);
    const p = await b.ok('catalog.save', { sku: 'OLIO', description: 'Olio extravergine', price_cents: 899, vat_code: '4', barcodes: ['8000000000101'], favourite: true });
    expect(p).toMatchObject({ sku: 'OLIO', barcodes: ['8000000000101'], favourite: true });
    expect((await b.ok('catalog.lookup', { code: '8000000000101' })).product?.id).toBe(p.id);
    const taken = await b.err('catalog.save', { sku: 'OLIO2', description: 'Olio', price_cents: 100, vat_code: '4', barcodes: ['8001234567890'] });
    expect(taken).toMatchObject({ code: 'BARCODE_TAKEN', field: 'barcodes[0]' });
    expect((await b.err('catalog.save', { id: p.id, sku: 'ALTRO', description: 'x', price_cents: 1, vat_code: '4' })).code).toBe('SKU_IMMUTABLE');
    const edited = await b.ok('catalog.save', { id: p.id, sku: 'OLIO', description: 'Olio EVO', price_cents: 999, vat_code: '4', barcodes: ['8000000000101', '8000000000118'] });
    expect(edited).toMatchObject({ description: 'Olio EVO', priceCents: 999, barcodes: ['8000000000101', '8000000000118'] });
  });

  it('imports a CSV all-or-nothing with row errors, and with skip_bad imports the good rows', async () => {
    const b = makeBackend();
    await loginManager(b);
    const csv = 'sku,barcode,description,price,vat_code,department\nA1,111,Acqua,"0,35",22,\nA2,,Birra,abc,22,\nA3,,Caffè,"3,20",99,\n';
    const r = await b.ok('catalog.import', { csv });
    expect(r.applied).toBe(false);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[3, 'price'], [4, 'vat_code']]);
    expect((await b.ok('catalog.lookup', { code: '111' })).product).toBeNull();
    const r2 = await b.ok('catalog.import', { csv, skip_bad: true });
    expect(r2).toMatchObject({ applied: true, imported: 1, skipped: 2 });
    expect((await b.ok('catalog.lookup', { code: '111' })).product?.description).toBe('Acqua');
  });
});

describe('status and settings', () => {
  it('status counts the fiscal queue and shows the blackout window', async () => {
    const b = makeBackend();
    await loginCashier(b);
    await b.ok('sale.commit', { lines: [{ sku: 'PANE' }], payments: [{ method: 'cash', amount_cents: 350 }] });
    const s = await b.ok('status.get', {});
    expect(s).toMatchObject({ businessDay: '2026-11-21', operator: { name: 'Giulia' }, sync: { queued: 1, failed: 0, blackout: false } });
    expect(s.printer.state).toBe('not_configured');
    b.clock.set('2026-11-21T22:56:00Z'); // 23:56 in Rome
    expect((await b.ok('status.get', {})).sync.blackout).toBe(true);
  });

  it("status shows the day's takings only to a logged-in operator", async () => {
    const b = makeBackend();
    await loginCashier(b);
    await b.ok('sale.commit', { lines: [{ sku: 'PANE' }], payments: [{ method: 'cash', amount_cents: 350 }] });
    expect((await b.ok('status.get', {})).today).toMatchObject({ sales: 1, salesCents: 350 });
    await b.ok('session.logout', {});
    const anonymous = await b.ok('status.get', {});
    expect(anonymous.operator).toBeNull();
    expect(anonymous.today).toEqual({ sales: 0, salesCents: 0, returns: 0, voids: 0 });
    expect(anonymous.sync.queued).toBe(1); // the state of the machines stays visible
  });

  it('the status bar, polled all day, reads index ranges only (no scan of the history)', () => {
    const b = makeBackend();
    for (const [name, sql] of Object.entries(STATUS_SQL)) {
      const plan = (b.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join('; ');
      // SEARCH = an index range or equality; SCAN (even of an index) reads every row.
      expect(plan, name).toMatch(/SEARCH \w+ USING (COVERING )?INDEX/);
      expect(plan, name).not.toMatch(/\bSCAN\b/);
    }
  });

  it('secrets are write-only: the UI sees whether they are set and a masked hint', async () => {
    const store = new Map<string, string>();
    const b = makeBackend({
      secrets: {
        status: (n) => (store.has(n) ? { set: true, hint: `••••${store.get(n)!.slice(-4)}` } : { set: false, hint: null }),
        set: (n, v) => { store.set(n, v); },
      },
    });
    await loginManager(b);
    const v = await b.ok('settings.setSecret', { name: 'openapi.token', value: 'tok_1234567890abcd' });
    expect(v.secrets['openapi.token']).toEqual({ set: true, hint: '••••abcd' });
    expect(JSON.stringify(v)).not.toContain('1234567890');
    await loginCashier(b);
    expect((await b.err('settings.save', { values: { 'shop.name': 'X' } })).code).toBe('MANAGER_REQUIRED');
  });
});
