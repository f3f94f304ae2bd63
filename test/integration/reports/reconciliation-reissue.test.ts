// The reconciliation export names the document's invoice: after the SDI rejected an invoice and a
// corrected re-issue replaced it (migration 0017), that is the re-issue, the number the customer's
// accountant has, never the rejected one.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { invoiceSale } from '../../../backend/invoicing/issue.js';
import { reconciliationRows } from '../../../backend/reports/reconciliation.js';
import { fakeClock } from '../../../shared/time.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';
import { barSport, invoicingShop } from '../invoices/helpers.js';

describe('reconciliation rows and re-issued invoices', () => {
  it('a sale whose invoice was rejected and re-issued shows the re-issue\'s number', () => {
    const clock = fakeClock('2026-11-21T10:00:00Z');
    const db = fiscalShop(openDatabase(':memory:'));
    invoicingShop(db);
    const blank = { nome: '', cognome: '', codice_fiscale: '', paese_iva: '', pec: '', nazione: '', notes: '' };
    const customer = saveCustomer(db, null, { ...blank, ...barSport }, clock.now().toISOString());
    const sale = commitSale(db, clock, { lines: [{ description: 'Vino', unit_price_cents: 1290, vat_code: '22' }], payments: [{ method: 'electronic', amount_cents: 1290 }] }, { printReceipt: false });
    const first = invoiceSale(db, clock, { sale: sale.id, customer: customer.id, operatorId: null });
    expect(reconciliationRows(db, '2026-11-21').map((r) => r.invoiceNumber)).toEqual(['2026/0001']);
    // The SDI rejected it; the corrected re-issue (as the ledger writes one) replaces it.
    const at = clock.now().toISOString();
    db.transaction(() => {
      db.prepare(`INSERT INTO invoices (id, kind, year, seq, number, date, document_id, receipt_number, receipt_date, replaces_id,
        customer_id, total_cents, file_name, xml, created_at) VALUES ('re', 'TD01', '2026', 2, '2026/0002', '2026-11-21', ?, ?, '2026-11-21', ?, ?, 1290, 'IT00743110157_26002.xml', '<x/>', ?)`)
        .run(sale.id, sale.number, first.id, customer.id, at);
      db.prepare(`INSERT INTO invoice_outbox (invoice_id, state, attempts, created_at, updated_at) VALUES ('re', 'pending', 0, ?, ?)`).run(at, at);
    })();
    expect(reconciliationRows(db, '2026-11-21').map((r) => [r.identifier, r.invoiceNumber])).toEqual([['BNC-20261121-0001', '2026/0002']]);
    db.close();
  });
});
