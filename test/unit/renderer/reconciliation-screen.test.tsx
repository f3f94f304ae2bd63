// @vitest-environment happy-dom
// «Riconciliazione pagamenti» as the shop owner sees it (rendered in a DOM, over the real dispatcher):
// the day's electronic payments with their identifiers, refunds negative, the invoice number, the
// total beside the X reading's electronic figure, another day by keyboard, and F2 saving the very
// CSV `bancone reconciliation export` prints.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../../../renderer/src/kit/i18n.js';
import { ReconciliationScreen } from '../../../renderer/src/features/reconciliation/ReconciliationScreen.js';
import { useReconciliation } from '../../../renderer/src/features/reconciliation/store.js';
import { recordReturn } from '../../../backend/ledger/index.js';
import { reconciliationCsv, reconciliationRows } from '../../../backend/reports/reconciliation.js';
import { barSport, invoicingShop } from '../../integration/invoices/helpers.js';
import { world, loginAs } from './helpers.js';
import { loginCashier } from '../contract/helpers.js';

beforeAll(() => { initI18n('it'); });
afterEach(() => { cleanup(); vi.restoreAllMocks(); });

const wine = (payments: { method: 'cash' | 'electronic'; amount_cents: number }[]) => ({ lines: [{ barcode: '8000000000019' }], payments });

describe('the reconciliation screen', () => {
  it('shows the day\'s card payments per document, totals them like the X, and F2 saves the CLI\'s CSV', async () => {
    const w = world();
    useReconciliation.setState(useReconciliation.getInitialState(), true);
    const b = w.backend;
    invoicingShop(b.db);
    await loginAs(w, 'cashier');
    await loginCashier(b); // the backend's own session, for the set-up calls
    await b.ok('customers.save', barSport);
    const s1 = await b.ok('sale.commit', wine([{ method: 'electronic', amount_cents: 1290 }]));
    b.clock.advance(60_000);
    await b.ok('sale.commit', wine([{ method: 'cash', amount_cents: 1290 }]));
    b.clock.advance(60_000);
    const s3 = await b.ok('sale.commit', wine([{ method: 'electronic', amount_cents: 1000 }, { method: 'cash', amount_cents: 290 }]));
    b.clock.advance(60_000);
    const r1 = recordReturn(b.db, b.clock, { sale: s1.id, lines: [{ line_no: 1, quantity: 1 }], refund_method: 'electronic' }, { printReceipt: false });
    await b.ok('invoices.create', { sale: s3.number, customer: '01234567897' });

    const saved: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => { saved.push(blob as Blob); return 'blob:reconciliation'; });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);

    render(<ReconciliationScreen />);
    const rows = await screen.findAllByTestId('reconciliation-row');
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['BNC-20261121-0001', `Vendita ${s1.number}`, '', 'Elettronico', '€ 12,90', '11:00'],
      ['BNC-20261121-0003', `Vendita ${s3.number}`, '2026/0001', 'Elettronico', '€ 10,00', '11:02'],
      ['BNC-20261121-0004', `Reso ${r1.number} (di ${s1.number})`, '', 'Elettronico', '€ -12,90', '11:03'],
    ]);
    const x = await b.ok('reports.get', { type: 'x', date: '2026-11-21' });
    const electronic = x.payments.find((p) => p.method === 'electronic')!.netCents;
    expect(electronic).toBe(1000);
    expect(screen.getByTestId('reconciliation-total').textContent).toBe('€ 10,00');
    expect(screen.getByTestId('reconciliation-totals').textContent).toContain('3 pagamenti elettronici del 21/11/2026:');
    expect(screen.getByTestId('reconciliation-check').textContent).toBe('uguale al totale elettronico della lettura X (€ 10,00)');
    // the day field has the focus: keyboard from the start
    expect(document.activeElement).toBe(screen.getByTestId('reconciliation-date'));

    const user = userEvent.setup();
    await user.keyboard('{F2}');
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    const bytes = new Uint8Array(await saved[0]!.arrayBuffer());
    expect(Buffer.from(bytes).toString('utf8')).toBe(reconciliationCsv(reconciliationRows(b.db, '2026-11-21')));
    expect(Buffer.from(bytes).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(screen.getByTestId('reconciliation-saved').textContent).toBe('File scaricato: riconciliazione-2026-11-21.csv');

    // another day, typed and confirmed with Enter: nothing electronic there, nothing to download
    const field = screen.getByTestId('reconciliation-date');
    fireEvent.change(field, { target: { value: '2026-11-20' } });
    await act(async () => { await user.type(field, '{Enter}'); });
    expect((await screen.findByTestId('reconciliation-empty')).textContent).toBe('Nessun pagamento elettronico il 20/11/2026.');
    expect(screen.queryAllByTestId('reconciliation-row')).toEqual([]);
    expect((screen.getByTestId('reconciliation-download') as HTMLButtonElement).disabled).toBe(true);
  });
});
