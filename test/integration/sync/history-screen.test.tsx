// @vitest-environment happy-dom
// The history as the manager reads it (rendered in a DOM over the real dispatcher, while a real sync
// engine talks to the emulator): where each document stands in plain words, voided and returned
// sales marked, refused documents under «Errore» with what to do, «Riprova» and «Non trasmettere».
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { initI18n } from '../../../renderer/src/kit/i18n.js';
import { HistoryScreen } from '../../../renderer/src/features/history/HistoryScreen.js';
import { useHistory } from '../../../renderer/src/features/history/store.js';
import { commitSale, recordReturn, recordVoid } from '../../../backend/ledger/index.js';
import { getOutboxRow } from '../../../backend/sync/outbox.js';
import { harness, type Harness } from './harness.js';
import { screenOver } from './screen.js';
import { nodeFetch } from './node-fetch.js';

let h: Harness;
beforeAll(() => { initI18n('it'); });
afterEach(async () => { cleanup(); await h?.close(); });

const card = (cents: number, quantity = 1) => ({
  lines: [{ description: 'Maglione', unit_price_cents: cents, vat_code: '22' as const, quantity }],
  payments: [{ method: 'electronic' as const, amount_cents: cents * quantity }],
});
const sale = (cents: number, quantity = 1) => commitSale(h.ledger.db, h.clock, card(cents, quantity));
const numberOf = (id: string) => h.ledger.db.prepare('SELECT number FROM documents WHERE id = ?').pluck().get(id) as string;

async function setup(): Promise<void> {
  h = await harness({ fetch: nodeFetch });
  const s = screenOver(h);
  await s.loginManager();
  render(<HistoryScreen />);
}

/** Reloads the list (as its 2 s refresh would) and reads one row: state label, AdE number, mark. */
async function rowOf(id: string): Promise<{ label: string; ade: string | null; mark: string | null; retry: boolean }> {
  await act(async () => { await useHistory.getState().load(); });
  const row = screen.getAllByTestId('history-row').find((r) => r.dataset.number === numberOf(id))!;
  const w = within(row);
  return {
    label: w.getByTestId('fiscal-label').textContent!,
    ade: w.queryByTestId('ade-number')?.textContent ?? null,
    mark: w.queryByTestId('sale-mark')?.textContent ?? null,
    retry: w.queryByTestId('retry') !== null,
  };
}

async function openDetail(id: string) {
  await act(async () => { await useHistory.getState().open(id); });
  return within(screen.getByTestId('history-detail'));
}

/** A sale the API refuses: its payments no longer add up (as a till bug would leave them). */
function refusable(cents = 1500): string {
  const id = sale(cents).id;
  h.ledger.db.prepare('UPDATE payments SET applied_cents = applied_cents - 1 WHERE document_id = ?').run(id);
  return id;
}

describe('history in plain words', () => {
  it('says where each document stands and marks voided and returned sales; «Errore» lists the refused one', async () => {
    await setup();
    const registered = sale(500).id;
    const refused = refusable();
    const voided = sale(700).id;
    const partly = sale(300, 3).id;
    const fully = sale(400, 2).id;
    await h.settle();
    recordVoid(h.ledger.db, h.clock, { sale: voided });
    recordReturn(h.ledger.db, h.clock, { sale: partly, lines: [{ line_no: 1, quantity: 1 }] });
    recordReturn(h.ledger.db, h.clock, { sale: fully, lines: [{ line_no: 1, quantity: 1 }] });
    recordReturn(h.ledger.db, h.clock, { sale: fully, lines: [{ line_no: 1, quantity: 1 }] });
    await h.settle();
    const waiting = sale(800).id; // not sent yet
    await h.engine.drainOnce();
    const inFlight = waiting;

    expect(await rowOf(registered)).toEqual({ label: "Registrato dall'AdE", ade: getOutboxRow(h.ledger.db, registered)!.documentNumber, mark: null, retry: false });
    expect(await rowOf(refused)).toEqual({ label: "Rifiutato dall'AdE — vedi dettaglio", ade: null, mark: null, retry: true });
    expect((await rowOf(voided)).mark).toBe('Annullato');
    expect((await rowOf(partly)).mark).toBe('Reso parziale');
    expect((await rowOf(fully)).mark).toBe('Reso totale');
    expect((await rowOf(inFlight)).label).toBe("Inviato, in attesa dell'AdE");
    const pending = sale(900).id;
    expect((await rowOf(pending)).label).toBe('Da inviare');

    await act(async () => { fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'error' } }); });
    await act(async () => { await useHistory.getState().load(); });
    expect(screen.getAllByTestId('history-row').map((r) => r.dataset.number)).toEqual([numberOf(refused)]);
    expect(within(screen.getByTestId('filter-status')).getByRole('option', { selected: true }).textContent).toBe('Errore');
  });
});

describe('a refused sale, from the manager\'s side', () => {
  it('explains what to do with Openapi\'s words apart; «Non trasmettere» asks for a reason and takes it out of the queue', async () => {
    await setup();
    const refused = refusable();
    await h.settle();
    const d = await openDetail(refused);
    expect(d.getByTestId('fiscal-explanation').textContent).toMatch(/^I pagamenti registrati non corrispondono al totale dello scontrino: l'Agenzia non lo accetta\./);
    expect(d.getByTestId('fiscal-api-message').textContent).toBe('Messaggio di Openapi: «The sum of payments (14.99) does not match the receipt total (15.00)»');
    expect(d.getByTestId('detail-retry')).toBeTruthy();

    await act(async () => { d.getByTestId('cancel-transmission').click(); });
    const dialog = within(screen.getByTestId('cancel-transmission-dialog'));
    expect(dialog.getByText(/non arriverà mai all'Agenzia delle Entrate, e nemmeno i suoi resi e annulli/)).toBeTruthy();
    await act(async () => { dialog.getByTestId('cancel-confirm').click(); });
    await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
    expect(screen.getByTestId('cancel-error').textContent).toBe('Scrivere il motivo per cui il documento non va trasmesso (almeno 3 caratteri)');
    expect(getOutboxRow(h.ledger.db, refused)!.state).toBe('failed');
    await act(async () => { fireEvent.change(dialog.getByTestId('cancel-reason'), { target: { value: 'Vendita rifatta con i pagamenti giusti' } }); });
    await act(async () => { dialog.getByTestId('cancel-confirm').click(); });
    await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
    expect(screen.queryByTestId('cancel-transmission-dialog')).toBeNull();
    expect(getOutboxRow(h.ledger.db, refused)!.state).toBe('cancelled');
    expect((await rowOf(refused)).label).toBe('Non trasmesso');
    const after = within(screen.getByTestId('history-detail'));
    expect(after.getByTestId('fiscal-cancelled').textContent).toMatch(/Deciso da Marco il .*\. Motivo: Vendita rifatta con i pagamenti giusti/);
    expect(after.queryByTestId('detail-retry')).toBeNull();
    expect(after.queryByTestId('cancel-transmission')).toBeNull();
  });

  it('its void does not wait: both read «Non trasmesso», the sale is marked «Annullato»', async () => {
    await setup();
    const refused = refusable();
    await h.settle();
    const v = recordVoid(h.ledger.db, h.clock, { sale: refused }).id;
    await h.engine.drainOnce();
    expect(await rowOf(refused)).toMatchObject({ label: 'Non trasmesso', mark: 'Annullato', retry: false });
    expect((await rowOf(v)).label).toBe('Non trasmesso');
    const d = await openDetail(refused);
    expect(d.getByTestId('fiscal-cancelled').textContent).toMatch(/Deciso dalla cassa il .*annullata in cassa/);
  });

  it('a return of a refused sale says what it waits for; «Riprova» of the sale (once fixed) sends both', async () => {
    await setup();
    const refused = refusable();
    await h.settle();
    const ret = recordReturn(h.ledger.db, h.clock, { sale: refused, lines: [{ line_no: 1, quantity: 1 }] }).id;
    await h.engine.drainOnce();
    expect((await rowOf(ret)).label).toBe('Fermo: vendita rifiutata');
    const r = await openDetail(ret);
    expect(r.getByTestId('fiscal-note').textContent).toBe(`Non parte finché non si decide della vendita ${numberOf(refused)}, rifiutata dall'Agenzia: aprirla e scegliere «Riprova» o «Non trasmettere».`);
    h.ledger.db.prepare('UPDATE payments SET applied_cents = applied_cents + 1 WHERE document_id = ?').run(refused);
    const d = await openDetail(refused);
    await act(async () => { d.getByTestId('detail-retry').click(); });
    await act(async () => { await new Promise((res) => setTimeout(res, 0)); });
    await h.settle();
    expect((await rowOf(refused)).label).toBe("Registrato dall'AdE");
    expect((await rowOf(ret)).label).toBe("Registrato dall'AdE");
  });
});
