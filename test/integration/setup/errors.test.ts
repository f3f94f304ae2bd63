// Every Openapi refusal the set-up can meet, as the shopkeeper reads it: what to do, in Italian,
// on the field to fix, with Openapi's own words apart and labelled; and nothing kept on a refusal.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startSetupTill, SHOP, CREDS, TOKEN, PIVA, ADE_CF, type SetupTill } from './harness.js';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fakeClock } from '../../../shared/time.js';
import type { ConfigRefusal, ConfigRefusalName } from '../../../emulators/openapi/index.js';

let t: SetupTill;
beforeAll(async () => {
  t = await startSetupTill();
  await t.ok('setup.saveShop', SHOP);
  await t.ok('setup.saveOpenapi', { environment: 'custom', url: t.emu.url, token: TOKEN });
});
afterAll(async () => { await t.close(); });
beforeEach(async () => {
  t.emu.setToken(TOKEN);
  t.emu.setAdeAccounts(null);
  await t.emu.goOnline();
});

const DETAIL = /\nMessaggio di Openapi: «[^»]+»$/;

describe('registering the company: each refusal says what to do', () => {
  const cases: Array<{ name: string; arm: ConfigRefusalName | ConfigRefusal; methods?: string[]; code: string; field?: string; says: RegExp }> = [
    { name: 'the account has no credit (402)', arm: 'paymentRequired', code: 'SETUP_ACCOUNT_PAYMENT', field: 'token', says: /^Il conto Openapi legato a questo token non ha credito o l'abbonamento al servizio scontrini non è attivo: ricaricarlo o attivarlo/ },
    { name: 'the token lacks the scope (403)', arm: 'forbidden', code: 'SETUP_TOKEN_FORBIDDEN', field: 'token', says: /^Il token Openapi non ha il permesso per questa operazione: crearne uno .* IT-configurations e IT-receipts/ },
    { name: 'receipts not enabled (174)', arm: 'receiptsNotEnabled', methods: ['POST'], code: 'SETUP_RECEIPTS_NOT_ENABLED', field: 'vat_number', says: /^Il servizio scontrini elettronici non è abilitato su Openapi per la Partita IVA 00743110157: abilitarlo nella console di Openapi/ },
    { name: 'Openapi validation (422) on a field', arm: { status: 422, code: 601, message: 'Invalid value for email: Invalid email address' }, methods: ['POST'], code: 'SETUP_REFUSED', field: 'email', says: /^Openapi non accetta il campo «e-mail»: controllarlo e riprovare\./ },
    { name: 'Openapi validation (422), no field named', arm: { status: 422, code: 601, message: 'The given data was invalid.' }, methods: ['POST'], code: 'SETUP_REFUSED', says: /^Openapi ha rifiutato la richiesta \(HTTP 422\): controllare i dati inseriti/ },
    { name: 'too many requests (429)', arm: 'rateLimited', code: 'SETUP_RATE_LIMITED', says: /^Openapi chiede di rallentare: riprovare tra qualche minuto\./ },
    { name: 'a server error (500)', arm: 'serverError', methods: ['POST'], code: 'SETUP_UNCERTAIN', says: /^Openapi non ha risposto in modo chiaro: la richiesta potrebbe essere arrivata\. Premere «Verifica»/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      t.emu.refuseConfigurations(c.arm, c.methods ? { methods: c.methods } : {});
      const e = await t.err('setup.registerCompany', CREDS);
      expect(e.code).toBe(c.code);
      expect(e.field).toBe(c.field);
      expect(e.message).toMatch(c.says);
      expect(e.message).toMatch(c.code === 'SETUP_UNCERTAIN' ? /\nDettaglio tecnico: «HTTP 500: Internal Server Error»$/ : DETAIL);
      expect(e.message_en).toMatch(/\n(Openapi's message|Technical detail): "[^"]+"$/);
      expect(t.emu.configurations()).toEqual([]);
      expect((await t.ok('setup.state', {})).steps.ade.done).toBe(false);
    });
  }

  it('the fiscal id is registered by another Openapi account (112)', async () => {
    t.emu.registerElsewhere(PIVA);
    const e = await t.err('setup.registerCompany', CREDS);
    expect(e).toMatchObject({ code: 'SETUP_ALREADY_REGISTERED', field: 'vat_number' });
    expect(e.message).toMatch(/^La Partita IVA 00743110157 è già registrata su Openapi, ma non con l'account di questo token: inserire il token dell'account che l'ha registrata/);
    expect(e.message).toMatch(/\nMessaggio di Openapi: «fiscal_id 00743110157 already exists»$/);
    t.emu.store.registeredElsewhere.delete(PIVA);
  });

  it('the Fisconline tax code is not enabled for this Partita IVA', async () => {
    t.emu.setAdeAccounts({ [ADE_CF]: { password: CREDS.password, pin: CREDS.pin, fiscalIds: ['00488410010'] } });
    const e = await t.err('setup.registerCompany', CREDS);
    expect(e).toMatchObject({ code: 'SETUP_ADE_TAX_CODE_NOT_ENABLED', field: 'tax_code' });
    expect(e.message).toMatch(/^Il codice fiscale Fisconline\/Entratel non è abilitato a trasmettere i corrispettivi per questa Partita IVA: abilitarlo .* «Fatture e Corrispettivi»/);
    expect(e.message).toMatch(DETAIL);
  });

  it('a wrong PIN alone is said on the PIN field', async () => {
    t.emu.refuseConfigurations({ status: 422, code: 610, message: 'Invalid receipts_authentication.pin' }, { methods: ['POST'] });
    expect(await t.err('setup.registerCompany', CREDS)).toMatchObject({ code: 'SETUP_ADE_CREDENTIALS_REFUSED', field: 'pin' });
  });

  it('the token was revoked (401)', async () => {
    t.emu.setToken('another');
    const e = await t.err('setup.registerCompany', CREDS);
    expect(e).toMatchObject({ code: 'SETUP_TOKEN_REFUSED', field: 'token' });
    expect(e.message).toMatch(/^Openapi non accetta il token: .*un token della sandbox non vale in produzione/);
  });

  it('nothing answers at the address: said on the address, and the address is not kept', async () => {
    const idle = createServer();
    await new Promise<void>((r) => idle.listen(0, '127.0.0.1', () => r()));
    const port = (idle.address() as AddressInfo).port;
    await new Promise<void>((r) => idle.close(() => r()));
    const e = await t.err('setup.saveOpenapi', { environment: 'custom', url: `http://127.0.0.1:${port}`, token: TOKEN });
    expect(e).toMatchObject({ code: 'SETUP_UNREACHABLE', field: 'url' });
    expect(e.message).toMatch(/^All'indirizzo di Openapi non risponde nessuno: controllare l'indirizzo scelto \(ambiente\) e la connessione, poi riprovare\.\nDettaglio tecnico: «fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(ECONNREFUSED\)»$/);
    expect((await t.ok('setup.state', {})).steps.ade.data.url).toBe(t.emu.url);
  });

  it('an address that is not Openapi (404 with no envelope of Openapi\'s, or no such route)', async () => {
    const e = await t.err('setup.saveOpenapi', { environment: 'custom', url: `${t.emu.url}/v2`, token: TOKEN });
    expect(e).toMatchObject({ code: 'SETUP_WRONG_ADDRESS', field: 'url' });
    expect(e.message).toMatch(/^All'indirizzo scelto non risponde Openapi \(HTTP 404\): controllare l'ambiente o l'indirizzo personalizzato\./);
    expect((await t.ok('setup.state', {})).steps.ade.data.url).toBe(t.emu.url);
  });

  it('an update Openapi refuses because a field cannot change (670)', async () => {
    await t.ok('setup.registerCompany', CREDS);
    t.emu.refuseConfigurations({ status: 400, code: 670, message: 'Invalid field: email. Fields fiscal_id, name, email are not editable.' }, { methods: ['PATCH'] });
    const e = await t.err('setup.registerCompany', CREDS);
    expect(e).toMatchObject({ code: 'SETUP_NOT_EDITABLE', field: 'email' });
    expect(e.message).toMatch(/^Su Openapi e-mail non si può più cambiare dopo la registrazione/);
  });

  it('verify of a company Openapi does not have says to register it', async () => {
    t.emu.store.configurations.clear();
    const v = await t.ok('setup.verify', {});
    expect(v).toMatchObject({ company: null, message: 'Openapi non ha una configurazione per la Partita IVA 00743110157: premere «Registra» per crearla.' });
  });
});

describe('the AdE credentials\' 90 days', () => {
  let u: SetupTill;
  const clock = fakeClock('2026-03-10T10:00:00Z');
  const DAY = 86_400_000;
  beforeAll(async () => {
    u = await startSetupTill({ clock });
    await u.ok('setup.saveShop', SHOP);
    await u.ok('setup.saveOpenapi', { environment: 'custom', url: u.emu.url, token: TOKEN });
    await u.ok('setup.registerCompany', CREDS);
  });
  afterAll(async () => { await u.close(); });

  it('no warning until day 80, then one that says when and what to do', async () => {
    clock.advance(80 * DAY - 60_000);
    expect((await u.ok('setup.state', {})).notices).toEqual([]);
    clock.advance(60_000);
    const s = await u.ok('setup.state', {});
    expect(s.notices).toEqual([{
      code: 'ADE_CREDENTIALS_EXPIRING', field: 'password',
      message: 'Le credenziali AdE (Fisconline/Entratel) scadono tra 10 giorni (08/06/2026): cambiare la password sul sito dell\'Agenzia, poi inserirla qui con «Rinnova».',
      message_en: 'The AdE (Fisconline/Entratel) credentials expire in 10 days (08/06/2026): change the password on the Agency\'s site, then enter it here with "Renew".',
    }]);
    expect(s.steps.ade.data.company?.credentials).toMatchObject({ daysLeft: 10, warning: true, expired: false });
  });

  it('expired: said as such', async () => {
    clock.advance(10 * DAY);
    expect((await u.ok('setup.state', {})).notices.map((n) => n.code)).toEqual(['ADE_CREDENTIALS_EXPIRED']);
  });

  it('renewal is a PATCH with the new credentials (the tax code kept), and the 90 days start again', async () => {
    const r = await u.ok('setup.renewCredentials', { password: 'Estate!2026', pin: '1234567890' });
    expect(u.emu.configurationBodies().at(-1)).toEqual({
      method: 'PATCH', path: `/IT-configurations/${PIVA}`,
      body: { receipts: true, receipts_authentication: { taxCode: ADE_CF, password: 'Estate!2026', pin: '1234567890' } },
    });
    expect(r.message).toBe('Credenziali AdE aggiornate su Openapi. Credenziali AdE valide fino al 06/09/2026: la cassa avvisa 10 giorni prima di rinnovarle.');
    expect(r.state.notices).toEqual([]);
    expect(r.state.steps.ade.data.company?.credentials).toMatchObject({ daysLeft: 90, warning: false });
  });

  it('a renewal the Agenzia refuses keeps the old credentials and says so on the password', async () => {
    u.emu.setAdeAccounts({ [ADE_CF]: { password: 'Estate!2026', pin: '1234567890' } });
    const renewedAt = clock.now().toISOString();
    clock.advance(DAY);
    const e = await u.err('setup.renewCredentials', { password: 'Sbagliata!1', pin: '1234567890' });
    expect(e).toMatchObject({ code: 'SETUP_ADE_CREDENTIALS_REFUSED', field: 'password' });
    expect((await u.ok('setup.state', {})).steps.ade.data.company?.credentials?.updatedAt).toBe(renewedAt);
    expect(u.ledgerBytes().includes('Sbagliata!1')).toBe(false);
  });
});
