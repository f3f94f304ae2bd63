// The guided set-up's store against the real backend and the Openapi emulator on 127.0.0.1: the step
// it shows follows setup.state, errors land on the field they name (check digits found as the field is
// left, before anything is sent), Openapi's answer is kept as advice plus its own words apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { world, loginAs, type StoreWorld } from './helpers.js';
import { useSetup, fieldError, splitAdvice } from '../../../renderer/src/features/setup/store.js';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';

const TOKEN = 'tok-negozio-7f3a9c21';
const PIVA = '00743110157';
const ADE_CF = 'RSSMRA85T10A562S';
const SHOP = { name: 'Bottega Rossi S.n.c.', vat_number: PIVA, tax_code: PIVA, address: 'Via Roma 1\n10121 Torino (TO)', regime: 'RF01' } as const;
const CREDS = { email: 'bottega@example.com', tax_code: ADE_CF, password: 'Segreta!2026', pin: '1234567890' };

let emu: Emulator;
let w: StoreWorld;
const s = () => useSetup.getState();

beforeAll(async () => {
  emu = await startEmulator({ token: TOKEN, readyDelayMs: 50 });
  emu.setAdeAccounts({ [ADE_CF]: { password: CREDS.password, pin: CREDS.pin } });
  // A new till: its set-up still to do (and so in training mode).
  w = world({ setup: { keys: { key: () => Buffer.alloc(32, 7) }, fetch: (u, i) => fetch(u, i), env: {} } }, 'training');
  await loginAs(w, 'manager');
});
afterAll(async () => { await emu.close(); });

describe('the set-up store, step 1', () => {
  it('a fresh till shows step 1', async () => {
    await s().load();
    expect(s().step()).toBe('shop');
    expect(s().state?.steps.shop.done).toBe(false);
  });

  it('a mistyped Partita IVA is said on its field as the field is left, and saving sends nothing', async () => {
    expect(s().checkField('vat_number', '00743110158')).toBe(false);
    expect(fieldError(s(), 'vat_number')?.message).toBe('Partita IVA: la cifra di controllo (l\'ultima) non torna, c\'è un errore di battitura');
    const before = w.calls.length;
    expect(await s().saveShop({ ...SHOP, vat_number: '00743110158' })).toBe(false);
    expect(w.calls.slice(before)).toEqual([]);
    expect(fieldError(s(), 'vat_number')?.code).toBe('SETUP_VAT_NUMBER_INVALID');
    // Corrected: the error goes as the field is left again.
    expect(s().checkField('vat_number', PIVA)).toBe(true);
    expect(fieldError(s(), 'vat_number')).toBeNull();
  });

  it('what only the backend checks comes back on the field it names, and the step stays', async () => {
    expect(await s().saveShop({ ...SHOP, address: '  ' })).toBe(false);
    expect(fieldError(s(), 'address')?.message).toMatch(/^Indirizzo: campo obbligatorio/);
    expect(fieldError(s(), 'name')).toBeNull();
    expect(s().step()).toBe('shop');
  });

  it('saved: the store moves on to step 2, as setup.state says', async () => {
    expect(await s().saveShop(SHOP)).toBe(true);
    expect(s().error).toBeNull();
    expect(s().step()).toBe('ade');
    expect(s().state?.steps.shop).toMatchObject({ done: true, data: { name: 'Bottega Rossi S.n.c.', vatNumber: PIVA } });
  });

  it('a fresh load (a reload of the page) resumes at step 2', async () => {
    useSetup.setState(useSetup.getInitialState(), true);
    await s().load();
    expect(s().step()).toBe('ade');
  });
});

describe('the set-up store, step 2 against the emulator', () => {
  it('a refused token: advice on the token field, Openapi\'s own words as the labelled detail', async () => {
    expect(await s().saveOpenapi({ environment: 'custom', url: emu.url, token: 'sbagliato' })).toBe(false);
    const e = fieldError(s(), 'token')!;
    const { advice, detail } = splitAdvice(e.message);
    expect(advice).toMatch(/^Openapi non accetta il token: controllare di averlo copiato per intero/);
    expect(detail).toBe('Messaggio di Openapi: «Unauthorized: invalid or expired token»');
    expect(s().state?.steps.ade.data.token.set).toBe(false);
  });

  it('the custom address sticks and the token comes back masked', async () => {
    expect(await s().saveOpenapi({ environment: 'custom', url: emu.url, token: TOKEN })).toBe(true);
    expect(s().answer?.message).toBe(`Openapi (${emu.url}) accetta il token: nessuna azienda registrata finora con questo account.`);
    expect(s().state?.steps.ade.data).toMatchObject({ environment: 'custom', url: emu.url, token: { set: true, hint: '••••9c21' } });
    // Saving again without a token keeps the one stored.
    expect(await s().saveOpenapi({ environment: 'custom', url: emu.url })).toBe(true);
    expect(s().state?.steps.ade.data.token).toEqual({ set: true, hint: '••••9c21' });
  });

  it('credentials the Agenzia refuses: advice on the password field, nothing registered', async () => {
    expect(await s().registerCompany({ ...CREDS, password: 'Vecchia!2025' })).toBe(false);
    expect(fieldError(s(), 'password')?.message).toMatch(/^L'Agenzia delle Entrate non accetta le credenziali Fisconline\/Entratel/);
    expect(emu.configurations()).toEqual([]);
    expect(s().step()).toBe('ade');
  });

  it('registered: Openapi received receipts on and the credentials; the wizard is complete', async () => {
    expect(await s().registerCompany(CREDS)).toBe(true);
    expect(emu.configurationBodies().at(-1)).toEqual({
      method: 'POST', path: '/IT-configurations',
      body: { fiscal_id: PIVA, name: 'Bottega Rossi S.n.c.', email: 'bottega@example.com', receipts: true, receipts_authentication: { taxCode: ADE_CF, password: 'Segreta!2026', pin: '1234567890' } },
    });
    expect(s().answer?.message).toMatch(/^Negozio registrato su Openapi per la Partita IVA 00743110157: scontrini elettronici attivi\./);
    expect(s().error).toBeNull();
    // The step stays on screen with Openapi's answer; moving on shows step 3, the printer.
    expect(s().step()).toBe('ade');
    expect(s().state?.current).toBe('printer');
  });

  it('«Verifica» keeps the configuration as Openapi holds it', async () => {
    expect(await s().verify()).toBe(true);
    expect(s().verified).toMatchObject({ company: { fiscalId: PIVA, receipts: true, taxCodeHint: 'RSS•••••••••S' }, notices: [] });
    s().choose(null);
    expect(s().step()).toBe('printer');
  });

  it('from day 80 the state warns, and «Rinnova credenziali» sends a PATCH', async () => {
    w.backend.clock.advance(81 * 24 * 3600 * 1000);
    await s().load();
    expect(s().state?.notices.map((n) => n.code)).toEqual(['ADE_CREDENTIALS_EXPIRING']);
    expect(s().state?.steps.ade.data.company?.credentials).toMatchObject({ warning: true, daysLeft: 9 });
    // The shop changed its password on Fisconline: the «Agenzia» now accepts the new one only.
    emu.setAdeAccounts({ [ADE_CF]: { password: 'Nuova!2027', pin: CREDS.pin } });
    const renewed = await s().renewCredentials({ password: 'Nuova!2027', pin: '1234567890' });
    expect(s().error).toBeNull();
    expect(renewed).toBe(true);
    expect(emu.configurationBodies().at(-1)).toMatchObject({ method: 'PATCH', path: `/IT-configurations/${PIVA}`, body: { receipts_authentication: { taxCode: ADE_CF, password: 'Nuova!2027', pin: '1234567890' } } });
    expect(s().state?.notices).toEqual([]);
  });

  it('reopened from Settings, a built step can be chosen again and nothing stale is shown', () => {
    s().reopen(true);
    expect(s()).toMatchObject({ fromSettings: true, answer: null, verified: null, error: null });
    s().choose('shop');
    expect(s().step()).toBe('shop');
  });
});
