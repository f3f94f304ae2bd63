// @vitest-environment happy-dom
// Issue #14: the status bar's shop-server item, as the cashier reads it. Hidden on a till not joined;
// «Server ✓» when all is sent; the queue; unreachable in amber saying the till sells anyway; a till
// the server no longer knows, and a broken journal with its entry number, in red. A click opens the
// details panel with the whole story, like the fiscal items. The status is the real backend's
// status.get (a till in memory), with its `server` field set as srv-upload's shopLinkStatus fills it.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../../../renderer/src/kit/i18n.js';
import { StatusBar } from '../../../renderer/src/app/StatusBar.js';
import { useStatus } from '../../../renderer/src/app/status-store.js';
import type { TillStatus } from '../../../shared/contract/status.js';
import { world, loginAs, type StoreWorld } from '../../unit/renderer/helpers.js';

let w: StoreWorld;
beforeAll(() => { initI18n('it'); });
beforeEach(() => { w = world(); });
afterEach(() => { cleanup(); });

type Server = NonNullable<TillStatus['server']>;
const base: Server = {
  url: 'http://127.0.0.1:8470', tillCode: 'C2', state: 'ok', pending: 0, lastUploadAt: '2026-11-21T09:14:00.000Z',
  masterVersion: 3, chainBrokenAt: null, problem: null, problemEn: null,
};

describe('the status bar\'s shop-server item', () => {
  it('hidden when not joined; then each state in the shopkeeper\'s words, with the long sentence in the panel', async () => {
    await loginAs(w, 'cashier');
    await useStatus.getState().refresh();
    expect(useStatus.getState().status?.server).toBeNull();
    render(<StatusBar />);
    const item = () => screen.queryByTestId('sb-server');
    expect(item()).toBeNull();

    const show = (server: Partial<Server>) => act(() => {
      useStatus.setState({ status: { ...useStatus.getState().status!, server: { ...base, ...server } } });
    });
    const says = () => item()?.querySelector('.sb-long')?.textContent;
    const cases: [Partial<Server>, string, string][] = [
      [{}, 'Server ✓', 'ok'],
      [{ state: 'checking' }, 'Server: verifica…', 'idle'],
      [{ pending: 12 }, 'Server: 12 da inviare', 'warn'],
      [{ state: 'unreachable', pending: 12 }, 'Server non raggiungibile — la cassa vende lo stesso (12 da inviare)', 'warn'],
      [{ state: 'unreachable', pending: 1 }, 'Server non raggiungibile — la cassa vende lo stesso (1 da inviare)', 'warn'],
      [{ state: 'unreachable' }, 'Server non raggiungibile — la cassa vende lo stesso', 'warn'],
      [{ state: 'auth', pending: 4 }, 'Server: cassa non riconosciuta, abbinarla di nuovo', 'bad'],
      [{ state: 'chain_broken', chainBrokenAt: 57 }, 'Server: registro interrotto alla registrazione N. 57', 'bad'],
    ];
    for (const [server, label, tone] of cases) {
      show(server);
      expect({ label: says(), tone: item()?.dataset.state }).toEqual({ label, tone });
    }

    // Its details where the fiscal items put theirs: the panel, in full sentences.
    show({ state: 'unreachable', pending: 12 });
    await userEvent.click(item()!);
    const panel = screen.getByTestId('sb-server-details');
    expect([...panel.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'Server del negozio http://127.0.0.1:8470 (cassa C2)',
      'Server non raggiungibile: la cassa vende lo stesso e invia appena torna',
      'Da inviare al server: 12 registrazioni',
      'Ultimo invio: 21/11/2026 10:14',
    ]);
  });
});
