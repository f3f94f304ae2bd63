// @vitest-environment happy-dom
// «Listino» of the back office against the admin master-data calls as shared/server-api.ts fixes them
// (a stand-in server in fetch: srv-master serves the real ones; the Chromium test runs against it):
// what is sent on «Salva», and the refusals in Italian naming the field, with nothing sent.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../../../backoffice/src/i18n.js';
import { CatalogScreen } from '../../../backoffice/src/screens/Catalog.js';
import { useBackoffice } from '../../../backoffice/src/store.js';
import { setToken } from '../../../backoffice/src/api.js';
import { MasterItemSchema, type MasterItem } from '../../../shared/server-api.js';

beforeAll(() => { initI18n('it'); setToken('t0k3n'); });
afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

let items: MasterItem[];
let sent: { method: string; path: string; body: unknown; auth: string | null }[];
let version: number;

function stubServer(master: 'up' | 'missing' = 'up') {
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://127.0.0.1:8470');
    const method = init.method ?? 'GET';
    const auth = new Headers(init.headers).get('authorization');
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, path: url.pathname + url.search, body, auth });
    const json = (status: number, v: unknown) => new Response(JSON.stringify(v), { status, headers: { 'content-type': 'application/json' } });
    if (master === 'missing') return json(404, { error: { code: 'NOT_FOUND', message: `Server: nessun servizio a ${url.pathname}`, message_en: `Server: no service at ${url.pathname}` } });
    const m = /^\/admin\/api\/shops\/1\/master(?:\/(\w+)\/([^/]+))?$/.exec(url.pathname);
    if (!m) return json(404, {});
    if (method === 'GET') return json(200, { items: items.filter((i) => i.kind === url.searchParams.get('kind') && !i.deleted) });
    // The server's own refusals (srv-master names the field as its zod path or its check does).
    if (body?.data?.priceCents > 99_999_99) return json(400, { error: { code: 'MASTER_INVALID', field: 'priceCents', message: 'Listino: il campo «priceCents» non va bene (troppo grande)', message_en: 'Catalogue: the field «priceCents» is not valid (too big)' } });
    const item = MasterItemSchema.parse({ kind: m[1], id: decodeURIComponent(m[2]!), version: ++version, deleted: false,
      data: m[1] === 'operator' ? { name: body.data.name, role: body.data.role, pinHash: body.data.pin ? 'hashed' : null, active: body.data.active } : body.data });
    items = [...items.filter((i) => !(i.kind === item.kind && i.id === item.id)), item];
    return json(200, { item });
  }));
}

beforeEach(() => {
  sent = [];
  version = 3;
  items = [
    { kind: 'department', id: 'dep-pane', version: 1, deleted: false, data: { code: 'PANE', name: 'Pane', vatCode: '4' } },
    { kind: 'product', id: 'p-1', version: 2, deleted: false, data: { sku: 'PANE-INT', description: 'Pane integrale', priceCents: 250, vatCode: '4', departmentId: 'dep-pane', soldByWeight: false, favourite: true, active: true, barcodes: ['8000000000019'] } },
  ];
  useBackoffice.setState({ screen: 'catalog', shopId: '1', shops: [{ shopId: '1', name: 'Forno Rossi', masterVersion: 3, tills: [] }], error: null });
});

describe('the back office\'s Listino', () => {
  it('changes a product\'s price: a price that is no amount is refused naming «Prezzo» and nothing is sent; 3,20 is sent as 320 cents with the rest unchanged', async () => {
    stubServer();
    const user = userEvent.setup();
    render(<CatalogScreen />);
    await user.click(await screen.findByTestId('edit-product-PANE-INT'));
    const price = screen.getByLabelText('Prezzo (€)');
    expect((price as HTMLInputElement).value).toBe('2,50');
    await user.clear(price);
    await user.type(price, 'due euro');
    await user.click(screen.getByTestId('catalog-save'));
    expect(screen.getByTestId('m-price-error').textContent).toBe('Prezzo: scrivere un importo in euro, per esempio 2,50');
    expect(sent.filter((s) => s.method === 'PUT')).toEqual([]);

    await user.clear(price);
    await user.type(price, '3,20{Enter}');
    await screen.findByTestId('catalog-saved');
    const put = sent.filter((s) => s.method === 'PUT');
    expect(put).toEqual([{ method: 'PUT', path: '/admin/api/shops/1/master/product/p-1', auth: 'Bearer t0k3n', body: { data: {
      sku: 'PANE-INT', description: 'Pane integrale', priceCents: 320, vatCode: '4', departmentId: 'dep-pane', soldByWeight: false, favourite: true, active: true, barcodes: ['8000000000019'] } } }]);
    expect(screen.getByTestId('catalog-saved').textContent).toBe('Salvato: le casse lo ricevono al prossimo collegamento.');
    expect(within(screen.getByTestId('master-product-p-1')).getByText('€ 3,20')).toBeTruthy();
  });

  it('a refusal of the server naming the price (its field priceCents) is shown under «Prezzo»', async () => {
    stubServer();
    const user = userEvent.setup();
    render(<CatalogScreen />);
    await user.click(await screen.findByTestId('edit-product-PANE-INT'));
    const price = screen.getByLabelText('Prezzo (€)');
    await user.clear(price);
    await user.type(price, '1000000{Enter}');
    expect((await screen.findByTestId('m-price-error')).textContent).toBe('Listino: il campo «priceCents» non va bene (troppo grande)');
    expect(screen.queryByTestId('catalog-saved')).toBeNull();
  });

  it('adds an operator: a PIN of 2 digits is refused naming «PIN»; with 4 digits the PIN is sent (the server hashes it) under a new id', async () => {
    stubServer();
    const user = userEvent.setup();
    render(<CatalogScreen />);
    await user.click(screen.getByTestId('catalog-kind-operator'));
    await user.click(await screen.findByTestId('catalog-add'));
    await user.type(screen.getByLabelText('Nome'), 'Giulia');
    await user.type(screen.getByLabelText('PIN (4–8 cifre; vuoto: invariato)'), '12');
    await user.click(screen.getByTestId('catalog-save'));
    expect(screen.getByTestId('m-pin-error').textContent).toBe('PIN: da 4 a 8 cifre');
    expect(sent.filter((s) => s.method === 'PUT')).toEqual([]);
    await user.type(screen.getByLabelText('PIN (4–8 cifre; vuoto: invariato)'), '34');
    await user.click(screen.getByTestId('catalog-save'));
    await screen.findByTestId('catalog-saved');
    const [put] = sent.filter((s) => s.method === 'PUT');
    expect(put!.path).toMatch(/^\/admin\/api\/shops\/1\/master\/operator\/[0-9a-f-]{36}$/);
    expect(put!.body).toEqual({ data: { name: 'Giulia', role: 'cashier', active: true, pin: '1234' } });
  });

  it('says so when the server has no master-data calls yet', async () => {
    stubServer('missing');
    render(<CatalogScreen />);
    expect((await screen.findByRole('alert')).textContent).toBe('Il listino del server non risponde ancora: Server: nessun servizio a /admin/api/shops/1/master');
  });
});
