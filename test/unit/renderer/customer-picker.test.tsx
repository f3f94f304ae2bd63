// @vitest-environment happy-dom
// «Fattura invece dello scontrino» (⇧F1, issue #13) from the cashier's side: the customer picker
// searches the customer book as you type (the real dispatcher behind it), Enter picks the highlighted
// customer, ↓ moves, «Nuovo cliente» is offered when nobody matches; and the payment store sends the
// invoice with the sale, keeping cart and choice when the till refuses it.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../../../renderer/src/kit/i18n.js';
import { CustomerPicker } from '../../../renderer/src/features/counter/CustomerPicker.js';
import { useSale } from '../../../renderer/src/features/counter/sale-store.js';
import { usePayment } from '../../../renderer/src/features/counter/payment-store.js';
import { world, loginAs } from './helpers.js';
import { barSport, invoicingShop, marioRossi } from '../../integration/invoices/helpers.js';

beforeAll(() => { initI18n('it'); });
afterEach(() => cleanup());

const barSpiaggia = { ...barSport, denominazione: 'Bar Spiaggia Snc', partita_iva: '00743110157' };

async function book() {
  const w = world();
  invoicingShop(w.backend.db);
  await loginAs(w, 'cashier');
  await w.backend.ok('customers.save', barSport, 'renderer-test');
  await w.backend.ok('customers.save', barSpiaggia, 'renderer-test');
  await w.backend.ok('customers.save', marioRossi, 'renderer-test');
  return w;
}

describe('customer picker', () => {
  it('searches as you type; ↓ and Enter pick; the pick reads back name and P.IVA', async () => {
    await book();
    const onPick = vi.fn();
    render(<CustomerPicker current={null} onPick={onPick} onRemove={vi.fn()} onNewCustomer={vi.fn()} onClose={vi.fn()} />);
    const user = userEvent.setup();
    const input = screen.getByTestId('invoice-picker-search');
    expect(document.activeElement).toBe(input);
    await user.type(input, 'bar sp');
    await waitFor(() => expect(screen.getAllByTestId('invoice-picker-row').map((r) => r.querySelector('.picker-name')!.textContent).sort())
      .toEqual(['Bar Spiaggia Snc', 'Bar Sport Srl']));
    const rows = screen.getAllByTestId('invoice-picker-row');
    const second = rows[1]!.querySelector('.picker-name')!.textContent;
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onPick).toHaveBeenCalledTimes(1);
    const picked = onPick.mock.calls[0]![0] as { name: string; taxId: string };
    expect(picked.name).toBe(second);
    expect(picked.taxId).toBe(second === 'Bar Sport Srl' ? 'P.IVA 01234567897' : 'P.IVA 00743110157');
  });

  it('by codice fiscale; nobody found says how to add one; F2 removes only when an invoice is set', async () => {
    await book();
    const onPick = vi.fn();
    const onNew = vi.fn();
    const onRemove = vi.fn();
    const { unmount } = render(<CustomerPicker current={null} onPick={onPick} onRemove={onRemove} onNewCustomer={onNew} onClose={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByTestId('invoice-picker-search'), 'RSSMRA85T10A562S');
    await waitFor(() => expect(screen.getAllByTestId('invoice-picker-row')).toHaveLength(1));
    await user.keyboard('{Enter}');
    expect(onPick).toHaveBeenCalledWith({ id: expect.any(String), name: 'Rossi Mario', taxId: 'C.F. RSSMRA85T10A562S' });
    await user.clear(screen.getByTestId('invoice-picker-search'));
    await user.type(screen.getByTestId('invoice-picker-search'), 'Trattoria');
    expect((await screen.findByTestId('invoice-picker-none')).textContent).toBe(
      'Nessun cliente per «Trattoria». Per aggiungerlo: «Nuovo cliente» (⇧F7) apre i Clienti; poi F1 torna alla vendita, che resta com\'è.');
    await user.keyboard('{Shift>}{F7}{/Shift}');
    expect(onNew).toHaveBeenCalledTimes(1);
    await user.keyboard('{F2}');
    expect(onRemove).not.toHaveBeenCalled();
    expect(screen.queryByTestId('invoice-remove')).toBeNull();
    unmount();
    render(<CustomerPicker current={{ id: 'x', name: 'Bar Sport Srl', taxId: 'P.IVA 01234567897' }} onPick={onPick} onRemove={onRemove} onNewCustomer={onNew} onClose={vi.fn()} />);
    expect(screen.getByTestId('invoice-picker-current').textContent).toBe('Fattura a: Bar Sport Srl (P.IVA 01234567897)');
    await user.keyboard('{F2}');
    expect(onRemove).toHaveBeenCalledTimes(1);
  });
});

describe('payment with the invoice', () => {
  it('commits the sale with its invoice; the result names it; a refusal keeps the cart and the choice', async () => {
    const w = await book();
    const bar = (await w.backend.ok('customers.search', { text: '01234567897' }, 'renderer-test')).customers[0]!;
    await useSale.getState().scan('8000000000019');
    useSale.getState().setInvoiceTo({ id: 'nobody', name: 'Nessuno', taxId: '' });
    expect(await usePayment.getState().addPayment({ method: 'electronic', amountCents: 1290 })).toBe(false);
    expect(usePayment.getState().error).toMatchObject({ code: 'INVOICE_CUSTOMER_UNKNOWN', field: 'invoice.customer' });
    expect(useSale.getState().lines).toHaveLength(1);
    expect(useSale.getState().invoiceTo?.id).toBe('nobody');
    useSale.getState().setInvoiceTo({ id: bar.id, name: bar.displayName, taxId: 'P.IVA 01234567897' });
    usePayment.getState().removePayment(0);
    expect(await usePayment.getState().addPayment({ method: 'electronic', amountCents: 1290 })).toBe(true);
    expect(usePayment.getState().result?.commit.invoice).toEqual({ id: expect.any(String), number: '2026/0001' });
    expect(useSale.getState().invoiceTo).toBeNull();
    expect(w.backend.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });
});

describe('customer picker at scanner speed', () => {
  it('Enter typed before the answer picks the first customer of the answer for what was typed', async () => {
    await book();
    const onPick = vi.fn();
    render(<CustomerPicker current={null} onPick={onPick} onRemove={vi.fn()} onNewCustomer={vi.fn()} onClose={vi.fn()} />);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByTestId('invoice-picker-search'), '01234567897{Enter}');
    await waitFor(() => expect(onPick).toHaveBeenCalledWith({ id: expect.any(String), name: 'Bar Sport Srl', taxId: 'P.IVA 01234567897' }));
    expect(onPick).toHaveBeenCalledTimes(1);
  });
});
