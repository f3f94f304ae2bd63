// @vitest-environment happy-dom
// The invoice screens (issue #13) rendered in a DOM over the real dispatcher: the history's invoice
// (the SDI's errors with what to fix, «non consegnata»), the customer picker by keyboard, «Nota di
// credito» for a refund of an invoiced sale, «Riprova» through the manager's approval; the status
// bar's invoice item only when it matters; Settings refusing on the field it names.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../../../renderer/src/kit/i18n.js';
import { HistoryScreen } from '../../../renderer/src/features/history/HistoryScreen.js';
import { InvoicePanel } from '../../../renderer/src/features/history/InvoicePanel.js';
import { useHistory } from '../../../renderer/src/features/history/store.js';
import { useInvoicePick } from '../../../renderer/src/features/history/invoice-store.js';
import { SettingsScreen } from '../../../renderer/src/features/settings/SettingsScreen.js';
import { useSettings } from '../../../renderer/src/features/settings/store.js';
import { useInvoicing } from '../../../renderer/src/features/settings/invoicing-store.js';
import { ApprovalDialog } from '../../../renderer/src/app/ApprovalDialog.js';
import { StatusBar } from '../../../renderer/src/app/StatusBar.js';
import { useStatus } from '../../../renderer/src/app/status-store.js';
import { useInvoiceQueue } from '../../../renderer/src/app/invoice-queue-store.js';
import type { InvoiceQueue } from '../../../shared/contract/invoices.js';
import { INVOICE_SENDING_STATES } from '../../../shared/contract/invoices.js';
import { barSport, invoicingShop, marioRossi } from '../../integration/invoices/helpers.js';
import { world, loginAs, type StoreWorld } from './helpers.js';

let w: StoreWorld;
const S = 'renderer-test';

beforeAll(() => { initI18n('it'); });
beforeEach(() => {
  w = world();
  invoicingShop(w.backend.db);
  useInvoicePick.setState(useInvoicePick.getInitialState(), true);
  useInvoiceQueue.setState(useInvoiceQueue.getInitialState(), true);
  useSettings.setState(useSettings.getInitialState(), true);
  useInvoicing.setState(useInvoicing.getInitialState(), true);
});
afterEach(() => cleanup());

async function sell() {
  return w.backend.ok('sale.commit', { lines: [{ sku: 'PANE' }], payments: [{ method: 'cash', amount_cents: 350 }] }, S);
}
const outbox = (invoiceId: string, set: string, ...args: unknown[]) =>
  w.backend.db.prepare(`UPDATE invoice_outbox SET ${set} WHERE invoice_id = ?`).run(...args, invoiceId);

describe('the history\'s invoice', () => {
  it('«Fattura» by keyboard: typed, ↓ to the second customer, Enter, then Enter issues it to that one', async () => {
    await loginAs(w, 'cashier');
    await w.backend.ok('customers.save', barSport, S);
    await w.backend.ok('customers.save', marioRossi, S);
    const sale = await sell();
    render(<HistoryScreen />);
    await act(() => useHistory.getState().open(sale.id));
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('make-invoice'));
    const dialog = await screen.findByTestId('invoice-pick');
    // Empty: the book's first customers by name.
    await waitFor(() => expect(within(dialog).getAllByTestId('invoice-pick-option').map((o) => o.dataset.name)).toEqual(['Bar Sport Srl', 'Rossi Mario']));
    await user.type(screen.getByTestId('invoice-pick-search'), 'r');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByTestId('invoice-chosen').textContent).toContain('Fattura a Rossi Mario');
    expect(screen.getByTestId('invoice-chosen').textContent).toContain('C.F. RSSMRA85T10A562S · PEC mario.rossi@pec.it');
    expect(document.activeElement).toBe(screen.getByTestId('invoice-issue'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByTestId('invoice-pick')).toBeNull());
    await waitFor(() => expect(screen.getByTestId('invoice-title').textContent).toBe('Fattura 2026/0001 — Da inviare'));
    expect(screen.getByTestId('invoice-customer').textContent).toMatch(/^Rossi Mario · del /);
    expect(screen.getByTestId('history-invoice-mark').textContent).toBe('Fattura 2026/0001');
  });

  it('a refusal of invoices.create stays in the picker, on the customer, in Italian', async () => {
    await loginAs(w, 'manager');
    const bar = await w.backend.ok('customers.save', barSport, S);
    const sale = await sell();
    render(<HistoryScreen />);
    await act(() => useHistory.getState().open(sale.id));
    act(() => useInvoicePick.getState().openFor({ id: sale.id, number: sale.number }));
    await waitFor(() => expect(screen.getAllByTestId('invoice-pick-option')).toHaveLength(1));
    // Deactivated meanwhile (another till, the customer book).
    await w.backend.ok('customers.deactivate', { id: bar.id }, S);
    const user = userEvent.setup();
    await user.keyboard('{Enter}');
    await user.click(screen.getByTestId('invoice-issue'));
    await waitFor(() => expect(screen.getByTestId('invoice-pick-error').textContent).toBe('Cliente: Bar Sport Srl è disattivato; riattivarlo in «Clienti» per fatturargli'));
    expect(w.backend.db.prepare('SELECT count(*) FROM invoices').pluck().get()).toBe(0);
  });

  it('rejected: each SDI error with what to fix; not delivered: the customer must be told, the courtesy copy', async () => {
    await loginAs(w, 'cashier');
    const bar = await w.backend.ok('customers.save', barSport, S);
    const sale = await sell();
    const inv = await w.backend.ok('invoices.create', { sale: sale.id, customer: bar.id }, S);
    // 00311 is in the sender's advice table (backend/invoicing/store.ts); 00999 is a code the till does not know: no advice line.
    outbox(inv.id, `state = 'rejected', sdi_errors = ?`, JSON.stringify([{ code: '00311', message: 'CodiceDestinatario non valido' }, { code: '00999', message: 'Errore nuovo' }]));
    const { rerender } = render(<InvoicePanel detail={await w.backend.ok('documents.get', { ref: sale.id }, S)} />);
    expect(screen.getByTestId('invoice-title').textContent).toBe('Fattura 2026/0001 — Scartata dallo SDI: va emessa di nuovo, corretta, entro 5 giorni');
    expect(screen.getAllByTestId('invoice-sdi-error').map((e) => e.textContent)).toEqual([
      'Errore SDI 00311: CodiceDestinatario non validoCosa fare: Codice destinatario del cliente non valido: chiedere al cliente il codice giusto (7 caratteri) o la PEC, correggere in «Clienti» e riemettere',
      'Errore SDI 00999: Errore nuovo',
    ]);
    expect(screen.queryByTestId('invoice-retry')).toBeNull();

    outbox(inv.id, `state = 'not_delivered', sdi_errors = '[]'`);
    rerender(<InvoicePanel detail={await w.backend.ok('documents.get', { ref: sale.id }, S)} />);
    expect(screen.getByTestId('invoice-title').textContent).toBe(
      'Fattura 2026/0001 — Non consegnata: è nel cassetto fiscale del cliente; avvisare il cliente e dargli la copia di cortesia');
    expect(screen.queryByTestId('invoice-sdi-errors')).toBeNull();
  });

  it('«Nota di credito» (F4) for the return of an invoiced sale, then the return shows it', async () => {
    await loginAs(w, 'cashier');
    const bar = await w.backend.ok('customers.save', barSport, S);
    const sale = await sell();
    await w.backend.ok('invoices.create', { sale: sale.id, customer: bar.id }, S);
    const ret = await w.backend.ok('documents.return', { sale: sale.id, lines: [{ line_no: 1, quantity: 1 }] }, S);
    render(<HistoryScreen />);
    await act(() => useHistory.getState().open(ret.id));
    expect((await screen.findByTestId('credit-note-due')).textContent).toContain(`La vendita ${sale.number} è fatturata (2026/0001): questo rimborso si documenta con la nota di credito`);
    const user = userEvent.setup();
    await user.keyboard('{F4}');
    await waitFor(() => expect(screen.getByTestId('invoice-title').textContent).toBe('Nota di credito 2026/0002 — Da inviare'));
    expect(screen.getByTestId('invoice-notice').textContent).toContain('Corregge la fattura 2026/0001 del ');
    expect(screen.queryByTestId('credit-note-due')).toBeNull();
  });

  it('«Riprova» for an invoice the service refused: a cashier gets the manager\'s PIN asked, then it is back in the queue', async () => {
    await loginAs(w, 'cashier');
    const bar = await w.backend.ok('customers.save', barSport, S);
    const sale = await sell();
    const inv = await w.backend.ok('invoices.create', { sale: sale.id, customer: bar.id }, S);
    outbox(inv.id, `state = 'failed', provider = 'fattura24', attempts = 1, last_error = ?`, 'Fattura24 ha rifiutato la fattura: Cliente senza partita IVA');
    render(<><HistoryScreen /><ApprovalDialog /></>);
    await act(() => useHistory.getState().open(sale.id));
    expect((await screen.findByTestId('invoice-title')).textContent).toBe('Fattura 2026/0001 — Rifiutata dal servizio: correggere e riprovare');
    expect(screen.getByTestId('invoice-service-words').textContent).toBe('Risposta del servizio: «Fattura24 ha rifiutato la fattura: Cliente senza partita IVA»');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('invoice-retry'));
    await user.type(await screen.findByTestId('approval-pin'), '9999{Enter}');
    await waitFor(() => expect(screen.getByTestId('invoice-title').textContent).toBe('Fattura 2026/0001 — Da inviare'));
    expect(w.backend.db.prepare(`SELECT state FROM invoice_outbox WHERE invoice_id = ?`).pluck().get(inv.id)).toBe('pending');
  });
});

describe('«Riemetti corretta» and the courtesy copy', () => {
  it('a rejected invoice is re-issued by a manager (PIN asked of a cashier) with the next number, citing it; any invoice\'s PDF is saved', async () => {
    await loginAs(w, 'cashier');
    const bar = await w.backend.ok('customers.save', barSport, S);
    const sale = await sell();
    const inv = await w.backend.ok('invoices.create', { sale: sale.id, customer: bar.id }, S);
    outbox(inv.id, `state = 'rejected', provider = 'fattura24', sdi_errors = ?`, JSON.stringify([{ code: '00311', message: 'CodiceDestinatario non valido' }]));
    const saved: { name: string; type: string; size: number }[] = [];
    const createUrl = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => { saved.push({ name: '', type: (b as Blob).type, size: (b as Blob).size }); return 'blob:x'; });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { saved[saved.length - 1]!.name = this.download; });
    try {
      render(<><HistoryScreen /><ApprovalDialog /></>);
      await act(() => useHistory.getState().open(sale.id));
      expect((await screen.findByTestId('invoice-title')).textContent).toBe('Fattura 2026/0001 — Scartata dallo SDI: va emessa di nuovo, corretta, entro 5 giorni');
      const user = userEvent.setup();
      await user.click(screen.getByTestId('invoice-pdf'));
      await waitFor(() => expect(screen.getByTestId('invoice-pdf-saved').textContent).toMatch(/^Copia di cortesia salvata: .*2026-0001.*\.pdf$/));
      expect(saved).toEqual([{ name: expect.stringMatching(/2026-0001.*\.pdf$/), type: 'application/pdf', size: expect.any(Number) }]);
      expect(saved[0]!.size).toBeGreaterThan(1000);

      await user.click(screen.getByTestId('invoice-reissue'));
      await user.type(await screen.findByTestId('approval-pin'), '9999{Enter}');
      await waitFor(() => expect(screen.getByTestId('invoice-title').textContent).toBe('Fattura 2026/0002 — Da inviare'));
      expect(screen.getByTestId('invoice-notice').textContent).toContain('2026/0001');
      expect(screen.queryByTestId('invoice-reissue')).toBeNull();
      expect(w.backend.db.prepare(`SELECT number FROM invoices WHERE replaces_id = ?`).pluck().get(inv.id)).toBe('2026/0002');
    } finally {
      createUrl.mockRestore();
      click.mockRestore();
    }
  });
});

describe('the status bar\'s invoice item', () => {
  const queue = (counts: Partial<Record<(typeof INVOICE_SENDING_STATES)[number], number>>, more: Partial<InvoiceQueue> = {}): InvoiceQueue => ({
    provider: 'fattura24', stopped: null, nextAttemptAt: null,
    counts: { ...Object.fromEntries(INVOICE_SENDING_STATES.map((s) => [s, 0])), ...counts } as InvoiceQueue['counts'], ...more,
  });
  const stopped = { code: 'INVOICING_NO_CREDENTIAL', message: 'Fatture: manca la chiave', messageEn: 'Invoices: no key' };

  it('nothing when nothing waits and nothing is wrong; the count, the stop or the refusals when they matter', async () => {
    await loginAs(w, 'cashier');
    await useStatus.getState().refresh();
    const item = () => screen.queryByTestId('sb-invoices');
    render(<StatusBar />);
    const show = (q: InvoiceQueue | null) => act(() => useInvoiceQueue.setState({ queue: q }));
    for (const q of [null, queue({ delivered: 5, rejected: 1, sent: 2, queued: 1 }), queue({}, { provider: null, stopped: { ...stopped, code: 'INVOICING_NO_PROVIDER' } })]) {
      show(q);
      expect(item()).toBeNull();
    }
    show(queue({ pending: 1, unknown: 1 }));
    expect(item()?.textContent).toBe('Fatture: 2 da inviare');
    expect(item()?.dataset.state).toBe('warn');
    show(queue({ pending: 2 }, { stopped }));
    expect(item()?.textContent).toBe('Fatture ferme · 2');
    expect(item()?.title).toBe('Fatture: manca la chiave');
    expect(item()?.dataset.state).toBe('bad');
    // A service chosen that cannot send matters before the first invoice.
    show(queue({}, { stopped }));
    expect(item()?.textContent).toBe('Fatture ferme');
    show(queue({ failed: 1, pending: 3 }));
    expect(item()?.textContent).toBe('Fatture: 1 rifiutata dal servizio');
    // The whole sentence in the details panel.
    show(queue({ pending: 2 }, { stopped }));
    await userEvent.setup().click(item()!);
    expect(screen.getByTestId('sb-invoices-details').textContent).toBe('Fatture ferme · 2: Fatture: manca la chiave');
  });

  it('asks invoices.queue at start: with no service chosen, the queue is stopped for want of one', async () => {
    await loginAs(w, 'cashier');
    const stop = useInvoiceQueue.getState().start();
    await waitFor(() => expect(useInvoiceQueue.getState().queue?.stopped?.code).toBe('INVOICING_NO_PROVIDER'));
    expect(w.calls.filter((c) => c === 'invoices.queue')).toHaveLength(1);
    stop();
  });
});

describe('Settings «Fatturazione elettronica»', () => {
  it('Fattura Elettronica API with user and password: a missing user and a bad prefix are refused on their fields, nothing saved', async () => {
    await loginAs(w, 'manager');
    render(<SettingsScreen onSaved={async () => undefined} />);
    const section = await screen.findByTestId('settings-invoicing');
    const user = userEvent.setup();
    await user.selectOptions(within(section).getByTestId('invoice-provider'), 'fattura-elettronica-api');
    expect(within(section).getByTestId('invoice-address-choice').textContent).toContain('Indirizzo pubblico (https://fattura-elettronica-api.it/ws2.0/prod)');
    await user.selectOptions(within(section).getByTestId('invoice-auth'), 'basic');
    await user.click(screen.getByTestId('settings-save'));
    expect(screen.getByTestId('invoice-user-error').textContent).toBe('Utente del servizio Fattura Elettronica API: scriverlo, oppure scegliere «Token»');
    expect(screen.queryByTestId('error')).toBeNull();
    expect(w.backend.db.prepare(`SELECT count(*) FROM settings WHERE key LIKE 'invoice.%'`).pluck().get()).toBe(0);
    await user.type(within(section).getByTestId('invoice-user'), 'bottega');
    expect(screen.queryByTestId('invoice-user-error')).toBeNull();
    await user.type(within(section).getByTestId('invoice-prefix'), 'A B');
    await user.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('invoice-prefix-error').textContent).toContain('Prefisso delle fatture: fino a 8 lettere, cifre, «-» o «/»'));
    expect(screen.queryByTestId('error')).toBeNull();
    await user.clear(within(section).getByTestId('invoice-prefix'));
    await user.type(within(section).getByTestId('invoice-prefix'), 'A-');
    expect(within(section).getByTestId('invoice-next-number').textContent).toMatch(/^Prossimo numero: A-\d{4}\/0001$/);
    await user.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(w.backend.db.prepare(`SELECT value FROM settings WHERE key = 'invoice.providerUser'`).pluck().get()).toBe('"bottega"'));
    // The password is the credential: without it the queue says what is missing.
    expect(within(section).getByText('Password')).toBeTruthy();
    await waitFor(() => expect(within(section).getByTestId('invoice-queue-state').textContent).toMatch(/^Fatture: manca la chiave o la password/));
  });

  it('Openapi: «Attiva le fatture su Openapi» shows Openapi\'s answer in words (its success, as the set-up words it)', async () => {
    await loginAs(w, 'manager');
    render(<SettingsScreen onSaved={async () => undefined} />);
    const section = await screen.findByTestId('settings-invoicing');
    const user = userEvent.setup();
    await user.selectOptions(within(section).getByTestId('invoice-provider'), 'openapi');
    expect(within(section).queryByTestId('secret-invoice.credential-edit')).toBeNull();
    // Openapi itself is the set-up's business (test/integration/setup/invoices.test.ts): its answer is taken as given.
    const words = 'Fatture elettroniche attive su Openapi per la partita IVA 00743110157: le fatture partono dalla cassa con lo stesso token degli scontrini.';
    const api = (await import('../../../renderer/src/api/client.js')).getApi();
    const state = await w.backend.ok('setup.state', {}, S);
    const spy = vi.spyOn(api, 'callWithApproval').mockResolvedValueOnce({ ok: true, value: { state, message: words, message_en: 'Enabled', company: null } } as never);
    await user.click(within(section).getByTestId('invoice-enable-openapi'));
    await waitFor(() => expect(within(section).getByTestId('invoice-enable-result').textContent).toBe(words));
    expect(spy).toHaveBeenCalledWith('setup.enableInvoices', {});
    spy.mockRestore();
  });
});
