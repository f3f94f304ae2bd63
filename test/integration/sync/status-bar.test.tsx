// @vitest-environment happy-dom
// The status bar tells the truth about reaching the Agenzia delle Entrate (Openapi), as the cashier
// reads it: rendered in a DOM over the real dispatcher and the till's own sync port, while a real
// engine talks to the emulator under a fake clock. Never a green «tutto inviato» when nothing is
// configured, never «raggiungibile» from old news, and the sync learns an outage even when idle.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { initI18n } from '../../../renderer/src/kit/i18n.js';
import { StatusBar } from '../../../renderer/src/app/StatusBar.js';
import { useStatus } from '../../../renderer/src/app/status-store.js';
import { createSyncEngine } from '../../../backend/sync/engine.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { harness, seededRandom, TEST_TUNING, type Harness } from './harness.js';
import { screenOver } from './screen.js';
import { nodeFetch } from './node-fetch.js';

let h: Harness;
beforeAll(() => { initI18n('it'); });
afterEach(async () => { cleanup(); await h?.close(); });

const sale = (cents = 500) => commitSale(h.ledger.db, h.clock, {
  lines: [{ description: 'Pane', unit_price_cents: cents, vat_code: '4', quantity: 1 }],
  payments: [{ method: 'electronic', amount_cents: cents }],
}).id;

/** Refreshes the bar's data (as its 1.5 s poll would) and reads both fiscal items. */
async function bar(): Promise<{ network: string; networkState: string; fiscal: string; fiscalState: string }> {
  await act(async () => { await useStatus.getState().refresh(); });
  const n = screen.getByTestId('sb-network');
  const f = screen.getByTestId('sb-fiscal');
  return { network: n.textContent!, networkState: n.dataset.state!, fiscal: f.textContent!, fiscalState: f.dataset.state! };
}

async function setup(): Promise<void> {
  h = await harness({ fetch: nodeFetch });
  screenOver(h);
  render(<StatusBar />);
}

describe('status bar: Openapi reachability and the fiscal queue, truthfully', () => {
  it('nothing configured: says to configure it, never green, even with nothing queued', async () => {
    await setup();
    h.engine.close();
    h.engine = createSyncEngine({ db: h.ledger.db, clock: h.clock, fetch: nodeFetch, random: seededRandom(1), config: () => null, tuning: TEST_TUNING });
    await h.engine.drainOnce();
    let b = await bar();
    expect(b.network).toBe('AdE non configurato');
    expect(b.fiscal).toBe('AdE: niente da inviare');
    expect([b.networkState, b.fiscalState]).toEqual(['warn', 'warn']);
    sale();
    b = await bar();
    expect(b.fiscal).toBe('AdE: 1 in attesa della configurazione');
    expect(b.fiscalState).toBe('warn');
    expect(screen.getByTestId('status-bar').textContent).not.toMatch(/tutto inviato|In rete/);
  });

  it('training mode (a new install, issue #12): «AdE: non configurata» in amber even with Openapi reachable, never green', async () => {
    await setup();
    // The harness's ledger is a set-up, fiscal shop: made a new install again, not set up.
    h.ledger.db.exec(`DELETE FROM fiscal_mode; DELETE FROM settings WHERE key IN ('setup.shopDoneAt', 'setup.adeDoneAt')`);
    await h.engine.drainOnce();
    let b = await bar();
    expect(b).toEqual({ network: 'AdE: non configurata', networkState: 'warn', fiscal: 'Prova: niente va all’AdE', fiscalState: 'warn' });
    sale();
    b = await bar();
    expect(b.fiscalState).toBe('warn');
    expect(screen.getByTestId('status-bar').textContent).not.toMatch(/tutto inviato|raggiungibile/);
    // Steps 1–2 done, training not left yet: Openapi's state is shown again, the fiscal item still says training.
    const at = h.clock.now().toISOString();
    h.ledger.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('setup.shopDoneAt', ?, ?), ('setup.adeDoneAt', ?, ?)`).run(JSON.stringify(at), at, JSON.stringify(at), at);
    b = await bar();
    expect(b).toEqual({ network: 'AdE raggiungibile', networkState: 'warn', fiscal: 'Prova: niente va all’AdE', fiscalState: 'warn' });
  });

  it('learns an outage while idle (a light check every few minutes), and that it is over', async () => {
    await setup();
    await h.engine.drainOnce();
    let b = await bar();
    expect(b).toEqual({ network: 'AdE raggiungibile', networkState: 'ok', fiscal: 'AdE: tutto inviato', fiscalState: 'ok' });
    const checks = () => h.emu.requests().filter((r) => r.path.startsWith('/IT-configurations/')).length;
    const before = checks();
    // Idle for a minute: no request at all.
    h.clock.advance(60_000);
    await h.engine.drainOnce();
    expect(checks()).toBe(before);

    await h.emu.goOffline();
    h.clock.advance(3 * 60_000);
    await h.engine.drainOnce(); // nothing to send: the idle check finds Openapi gone
    b = await bar();
    expect(b.network).toBe('AdE non raggiungibile: vendite in coda');
    expect(b.networkState).toBe('bad');
    expect(b.fiscal).toBe('AdE: niente da inviare');
    expect(b.fiscalState).toBe('idle');
    sale();
    b = await bar();
    expect(b.fiscal).toBe('AdE: 1 da inviare');

    await h.emu.goOnline();
    h.clock.advance(60_000);
    await h.settle();
    b = await bar();
    expect(b).toEqual({ network: 'AdE raggiungibile', networkState: 'ok', fiscal: expect.stringMatching(/^AdE: tutto inviatoultimo invio \d\d:\d\d$/), fiscalState: 'ok' });
  });

  it('old news is not «raggiungibile»: with no exchange for ten minutes it says it is checking', async () => {
    await setup();
    await h.engine.drainOnce();
    expect((await bar()).network).toBe('AdE raggiungibile');
    h.clock.advance(11 * 60_000); // the sync process is not running (no drains)
    const b = await bar();
    expect(b.network).toBe('AdE: verifica in corso…');
    expect(b.networkState).toBe('idle');
    expect(b.fiscalState).not.toBe('ok');
  });

  it('a refused token stops the queue: a short Italian label, the whole story and Openapi\'s words in the details', async () => {
    await setup();
    h.emu.setToken('another-token');
    sale();
    await h.engine.drainOnce();
    const b = await bar();
    expect(b.fiscal).toBe('Invio AdE fermo: token da rinnovare');
    expect(b.fiscalState).toBe('bad');
    expect(b.network).toBe('AdE raggiungibile'); // it answered: the network is not the problem
    expect(screen.getByTestId('status-bar').textContent).not.toMatch(/Unauthorized/);
    await act(async () => { screen.getByTestId('sb-fiscal').click(); });
    const details = within(screen.getByTestId('sb-details'));
    expect(details.getByText('Token Openapi non valido o scaduto: inserirne uno nuovo in Impostazioni. Le vendite restano in coda.')).toBeTruthy();
    expect(details.getByText('Messaggio di Openapi: «Unauthorized: invalid or expired token»')).toBeTruthy();
    expect(details.getByText('1 documento da inviare all’Agenzia delle Entrate.')).toBeTruthy();
  });

  it('a refused document: counted as an error to look at in the history, while the rest goes on', async () => {
    await setup();
    const bad = sale(1999);
    h.ledger.db.prepare('UPDATE payments SET applied_cents = applied_cents - 1 WHERE document_id = ?').run(bad);
    sale(300);
    await h.settle();
    const b = await bar();
    expect(b.network).toBe('AdE raggiungibile');
    expect(b.fiscal).toBe('AdE: 1 in errore (Storico)');
    expect(b.fiscalState).toBe('bad');
  });
});
