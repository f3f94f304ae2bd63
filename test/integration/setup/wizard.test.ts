// The set-up wizard's steps 1 and 2 as the screens will drive them, through the till's dispatcher,
// against the Openapi emulator: what the shopkeeper is told, what Openapi received, what is kept
// (secrets only encrypted), and a fresh till on the same data folder resuming at the same step.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startSetupTill, SHOP, CREDS, TOKEN, PIVA, ADE_CF, type SetupTill } from './harness.js';
import { shopInfo, getSetting } from '../../../backend/settings.js';
import { resolveSyncConfig } from '../../../backend/sync/config.js';
import { openDatabase } from '../../../backend/db/open.js';
import { seedDemo } from '../../../backend/demo/seed.js';
import { setupState } from '../../../backend/setup/index.js';
import { fakeClock } from '../../../shared/time.js';

let t: SetupTill;
beforeAll(async () => { t = await startSetupTill(); });
afterAll(async () => { await t.close(); });

describe('a new shop goes through steps 1 and 2, with a restart after each', () => {
  it('a fresh till starts at step 1, nothing done', async () => {
    const s = await t.ok('setup.state', {});
    expect(s.current).toBe('shop');
    expect(s.steps.shop).toMatchObject({ done: false, doneAt: null });
    expect(s.steps.ade).toMatchObject({ done: false, doneAt: null, data: { environment: 'sandbox', token: { set: false, hint: null }, company: null } });
  });

  it('a cashier may look but not save the shop', async () => {
    await t.ok('session.login', { operator_id: t.cashierId, pin: '1111' }, 'counter');
    expect((await t.ok('setup.state', {}, 'counter')).current).toBe('shop');
    expect((await t.err('setup.saveShop', SHOP, 'counter')).code).toBe('MANAGER_REQUIRED');
  });

  it('a mistyped Partita IVA or codice fiscale is refused in Italian, naming the field, and nothing is saved', async () => {
    const piva = await t.err('setup.saveShop', { ...SHOP, vat_number: '00743110158' });
    expect(piva).toMatchObject({ code: 'SETUP_VAT_NUMBER_INVALID', field: 'vat_number' });
    expect(piva.message).toBe('Partita IVA: la cifra di controllo (l\'ultima) non torna, c\'è un errore di battitura');
    const cf = await t.err('setup.saveShop', { ...SHOP, tax_code: 'RSSMRA85T10A562T' });
    expect(cf).toMatchObject({ code: 'SETUP_TAX_CODE_INVALID', field: 'tax_code' });
    expect(cf.message).toMatch(/^Codice fiscale: il carattere di controllo/);
    const name = await t.err('setup.saveShop', { ...SHOP, name: '  \u0000 ' });
    expect(name).toMatchObject({ code: 'SETUP_NAME_REQUIRED', field: 'name' });
    expect(name.message).toMatch(/^Ragione sociale: campo obbligatorio/);
    const address = await t.err('setup.saveShop', { ...SHOP, address: ' \n ' });
    expect(address).toMatchObject({ code: 'SETUP_ADDRESS_REQUIRED', field: 'address' });
    const s = await t.ok('setup.state', {});
    expect(s.current).toBe('shop');
    expect(s.steps.shop.data.name).toBe('Il mio negozio');
    expect(getSetting(t.till.db, 'shop.vatNumber')).toBe('');
  });

  it('step 1 saved: the receipt header and the sync\'s fiscal id read it (the Partita IVA is asked once)', async () => {
    const s = await t.ok('setup.saveShop', { ...SHOP, vat_number: 'IT 007 431 101 57' });
    expect(s.current).toBe('ade');
    expect(s.steps.shop).toMatchObject({ done: true, doneAt: '2026-11-21T10:00:00.000Z', data: { name: 'Bottega Rossi S.n.c.', vatNumber: PIVA, taxCode: PIVA, address: 'Via Roma 1\n10121 Torino (TO)', regime: 'RF01' } });
    expect(shopInfo(t.till.db)).toMatchObject({ name: 'Bottega Rossi S.n.c.', address: 'Via Roma 1\n10121 Torino (TO)', vatNumber: PIVA });
    expect(getSetting(t.till.db, 'openapi.fiscalId')).toBe(PIVA);
    expect(getSetting(t.till.db, 'setup.shopDoneAt')).toBe('2026-11-21T10:00:00.000Z');
  });

  it('after a restart the wizard resumes at step 2', async () => {
    await t.restart();
    const s = await t.ok('setup.state', {});
    expect(s.current).toBe('ade');
    expect(s.steps.shop.done).toBe(true);
  });

  it('a refused token is said on the token field, with Openapi\'s own words apart, and is not kept', async () => {
    const e = await t.err('setup.saveOpenapi', { environment: 'custom', url: t.emu.url, token: 'sbagliato' });
    expect(e).toMatchObject({ code: 'SETUP_TOKEN_REFUSED', field: 'token' });
    expect(e.message).toMatch(/^Openapi non accetta il token: controllare di averlo copiato per intero/);
    expect(e.message).toMatch(/\nMessaggio di Openapi: «Unauthorized: invalid or expired token»$/);
    const s = await t.ok('setup.state', {});
    expect(s.steps.ade.data).toMatchObject({ environment: 'sandbox', token: { set: false } });
  });

  it('a custom address must be https (plain http only for this machine)', async () => {
    const e = await t.err('setup.saveOpenapi', { environment: 'custom', url: 'http://openapi.example.com', token: TOKEN });
    expect(e).toMatchObject({ code: 'SETUP_URL_INSECURE', field: 'url' });
    expect(e.message).toMatch(/^Indirizzo di Openapi: deve iniziare con https:\/\//);
    expect((await t.err('setup.saveOpenapi', { environment: 'custom', url: 'invoice openapi', token: TOKEN })).field).toBe('url');
  });

  it('environment and token saved: the custom address sticks, the token is shown masked', async () => {
    const r = await t.ok('setup.saveOpenapi', { environment: 'custom', url: `${t.emu.url}/`, token: TOKEN });
    expect(r.message).toBe(`Openapi (${t.emu.url}) accetta il token: nessuna azienda registrata finora con questo account.`);
    expect(r.state.current).toBe('ade');
    expect(r.state.steps.ade.data).toMatchObject({ environment: 'custom', url: t.emu.url, urlFromEnvironment: false, token: { set: true, hint: '••••9c21' } });
    expect(t.emu.requests().at(-1)).toMatchObject({ method: 'GET', path: '/IT-configurations', status: 200 });
  });

  it('after a restart the custom address is still there, and it is the one the sync uses', async () => {
    await t.restart();
    const s = await t.ok('setup.state', {});
    expect(s.current).toBe('ade');
    expect(s.steps.ade.data).toMatchObject({ environment: 'custom', url: t.emu.url, token: { set: true, hint: '••••9c21' } });
    expect(resolveSyncConfig(t.till.db, {}, t.till.keys)).toEqual({ baseUrl: t.emu.url, token: TOKEN, fiscalId: PIVA });
  });

  it('credentials the Agenzia refuses: advice on the password field, nothing registered, step not done', async () => {
    t.emu.setAdeAccounts({ [ADE_CF]: { password: CREDS.password, pin: CREDS.pin } });
    const e = await t.err('setup.registerCompany', { ...CREDS, password: 'Vecchia!2025' });
    expect(e).toMatchObject({ code: 'SETUP_ADE_CREDENTIALS_REFUSED', field: 'password' });
    expect(e.message).toMatch(/^L'Agenzia delle Entrate non accetta le credenziali Fisconline\/Entratel: controllare codice fiscale, password e PIN/);
    expect(e.message).toMatch(/Su Openapi non è cambiato niente\.\nMessaggio di Openapi: «Invalid receipts_authentication/);
    expect(t.emu.configurations()).toEqual([]);
    expect((await t.ok('setup.state', {})).steps.ade.done).toBe(false);
  });

  it('a bad PIN or e-mail is refused before anything is sent', async () => {
    const before = t.emu.requests().length;
    expect(await t.err('setup.registerCompany', { ...CREDS, pin: '12ab' })).toMatchObject({ code: 'SETUP_ADE_PIN_INVALID', field: 'pin' });
    expect(await t.err('setup.registerCompany', { ...CREDS, email: 'bottega@' })).toMatchObject({ code: 'SETUP_EMAIL_INVALID', field: 'email' });
    expect(await t.err('setup.registerCompany', { ...CREDS, tax_code: 'RSSMRA85T10A562X' })).toMatchObject({ code: 'SETUP_ADE_TAX_CODE_INVALID', field: 'tax_code' });
    expect(t.emu.requests().length).toBe(before);
  });

  it('registering: Openapi receives the company with receipts on and the credentials; step 2 done', async () => {
    const r = await t.ok('setup.registerCompany', CREDS);
    // The refused attempt before, then this one.
    expect(t.emu.configurationBodies()).toHaveLength(2);
    expect(t.emu.configurationBodies()[1]).toEqual({
      method: 'POST', path: '/IT-configurations',
      body: { fiscal_id: PIVA, name: 'Bottega Rossi S.n.c.', email: 'bottega@example.com', receipts: true, receipts_authentication: { taxCode: ADE_CF, password: 'Segreta!2026', pin: '1234567890' } },
    });
    expect(r.message).toBe('Negozio registrato su Openapi per la Partita IVA 00743110157: scontrini elettronici attivi. Credenziali AdE valide fino al 19/02/2027: la cassa avvisa 10 giorni prima di rinnovarle.');
    expect(r.company).toMatchObject({ fiscalId: PIVA, receipts: true, taxCodeHint: 'RSS•••••••••S' });
    // Fiscal from here; the wizard goes on with the printer (steps 3–6 are done or skipped explicitly).
    expect(r.state.current).toBe('printer');
    expect(r.state.steps.ade).toMatchObject({
      done: true, doneAt: '2026-11-21T10:00:00.000Z',
      data: { company: { fiscalId: PIVA, email: 'bottega@example.com', taxCode: { set: true, hint: 'RSS•••••••••S' }, password: { set: true, hint: '••••••' }, pin: { set: true, hint: '••••••' }, credentials: { daysLeft: 90, warning: false } } },
    });
  });

  it('nothing secret is in the data folder\'s database in clear, the AdE tax code included', () => {
    const bytes = t.ledgerBytes();
    for (const secret of [TOKEN, ADE_CF, CREDS.password, CREDS.pin]) expect(bytes.includes(secret), secret).toBe(false);
  });

  it('after a restart the wizard resumes at step 3, and «Verifica» shows the configuration as Openapi holds it', async () => {
    await t.restart();
    expect((await t.ok('setup.state', {})).current).toBe('printer');
    const v = await t.ok('setup.verify', {});
    expect(v).toMatchObject({
      company: { fiscalId: PIVA, name: 'Bottega Rossi S.n.c.', email: 'bottega@example.com', receipts: true, active: true, taxCodeHint: 'RSS•••••••••S', callbacks: [] },
      notices: [],
      message: 'Openapi ha la Partita IVA 00743110157 con gli scontrini attivi e le credenziali AdE: tutto in ordine.',
    });
  });

  it('registering again updates the company with a PATCH (no duplicate, e-mail cannot change)', async () => {
    const r = await t.ok('setup.registerCompany', { ...CREDS, email: 'nuova@example.com' });
    expect(t.emu.configurationBodies().at(-1)).toEqual({
      method: 'PATCH', path: `/IT-configurations/${PIVA}`,
      body: { receipts: true, receipts_authentication: { taxCode: ADE_CF, password: 'Segreta!2026', pin: '1234567890' } },
    });
    expect(r.message).toMatch(/^Registrazione aggiornata su Openapi per la Partita IVA 00743110157: scontrini elettronici attivi\./);
    expect(r.message).toMatch(/Su Openapi l'e-mail resta bottega@example\.com: non si può cambiare dopo la registrazione\.$/);
    expect(t.emu.configurations()).toHaveLength(1);
  });

  it('a different Partita IVA in step 1 is a different company: step 2 is to be done again', async () => {
    const s = await t.ok('setup.saveShop', { ...SHOP, vat_number: '00488410010', tax_code: '00488410010' });
    expect(s.current).toBe('ade');
    expect(s.steps.ade.done).toBe(false);
    await t.ok('setup.saveShop', SHOP);
    expect((await t.ok('setup.registerCompany', CREDS)).state.current).toBe('printer');
  });
});

describe('the Settings screen and the set-up agree', () => {
  let u: SetupTill;
  beforeAll(async () => {
    u = await startSetupTill();
    await u.ok('setup.saveShop', SHOP);
    await u.ok('setup.saveOpenapi', { environment: 'custom', url: u.emu.url, token: TOKEN });
    await u.ok('setup.registerCompany', CREDS);
  });
  afterAll(async () => { await u.close(); });

  it('a mistyped Partita IVA in Settings is refused there too, naming the setting, and nothing changes', async () => {
    const e = await u.err('settings.save', { values: { 'shop.vatNumber': '00743110158', 'shop.footer': 'Ciao' } });
    expect(e).toMatchObject({ code: 'SETUP_VAT_NUMBER_INVALID', field: 'shop.vatNumber' });
    expect(e.message).toMatch(/^Partita IVA: la cifra di controllo/);
    expect(getSetting(u.till.db, 'shop.footer')).toBe('Grazie e arrivederci!');
  });

  it('the set-up\'s completion is not a setting to type', async () => {
    expect(await u.err('settings.save', { values: { 'setup.adeDoneAt': '' } })).toMatchObject({ code: 'SETTINGS_SETUP_KEY', field: 'setup.adeDoneAt' });
    expect(await u.err('settings.save', { values: { 'setup.printerSkipped': true } })).toMatchObject({ code: 'SETTINGS_SETUP_KEY', field: 'setup.printerSkipped' });
    expect((await u.ok('setup.state', {})).current).toBe('printer');
  });

  it('a new Partita IVA in Settings is the sync\'s too, and step 2 is to be done again for it', async () => {
    await u.ok('settings.save', { values: { 'shop.vatNumber': 'IT00488410010' } });
    expect(getSetting(u.till.db, 'shop.vatNumber')).toBe('00488410010');
    expect(getSetting(u.till.db, 'openapi.fiscalId')).toBe('00488410010');
    expect((await u.ok('setup.state', {})).current).toBe('ade');
  });
});

describe('the demo shop (bancone serve --demo)', () => {
  it('is set up: the wizard has nothing to ask', () => {
    const db = openDatabase(':memory:');
    seedDemo(db, fakeClock('2026-11-21T10:00:00Z'));
    const s = setupState(db, fakeClock('2026-11-21T10:00:00Z'), null);
    expect(s.current).toBe('complete');
    expect(s.steps.shop.data).toMatchObject({ name: 'Bottega della Città', vatNumber: '12345678901' });
    db.close();
  });
});
