// The set-up's offer to send invoices through Openapi (setup.enableInvoices, issue #13): one PATCH of
// the shop's IT-configuration with customer_invoice on; Openapi's refusals with the set-up's advice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSetupTill, CREDS, PIVA, SHOP, TOKEN, type SetupTill } from './harness.js';

let t: SetupTill;
beforeEach(async () => {
  t = await startSetupTill();
  await t.ok('setup.saveShop', SHOP);
  await t.ok('setup.saveOpenapi', { environment: 'custom', url: t.emu.url, token: TOKEN });
});
afterEach(async () => { await t.close(); });

describe('setup.enableInvoices', () => {
  it('enables customer_invoice on the registered company (PATCH with nothing else) and says so', async () => {
    await t.ok('setup.registerCompany', CREDS);
    expect(t.emu.configurations()[0]).toMatchObject({ fiscal_id: PIVA, customer_invoice: false });
    const r = await t.ok('setup.enableInvoices', {});
    expect(r.message).toBe(`Fatture elettroniche attive su Openapi per la partita IVA ${PIVA}: le fatture partono dalla cassa con lo stesso token degli scontrini.`);
    expect(r.company).toMatchObject({ fiscalId: PIVA, receipts: true });
    expect(t.emu.configurations()[0]).toMatchObject({ fiscal_id: PIVA, customer_invoice: true, receipts: true });
    expect(t.emu.configurationBodies().at(-1)).toEqual({ method: 'PATCH', path: `/IT-configurations/${PIVA}`, body: { customer_invoice: true } });
    // No service was chosen yet: the till's invoices now go through Openapi.
    expect((await t.ok('invoices.queue', {})).provider).toBe('openapi');
  });

  it('a service already chosen in Impostazioni stays as chosen', async () => {
    await t.ok('setup.registerCompany', CREDS);
    await t.ok('settings.save', { values: { 'invoice.provider': 'fattura24' } });
    await t.ok('setup.enableInvoices', {});
    expect((await t.ok('invoices.queue', {})).provider).toBe('fattura24');
  });

  it('before the company is on Openapi: the set-up advice, nothing created', async () => {
    const e = await t.err('setup.enableInvoices', {});
    expect(e).toMatchObject({ code: 'SETUP_NOT_REGISTERED', field: 'vat_number' });
    expect(e.message).toMatch(/^Openapi non ha una configurazione per la Partita IVA 00743110157: premere «Registra» per crearla\. Su Openapi non è cambiato niente\./);
    expect(t.emu.configurations()).toEqual([]);
  });

  it('a cashier may not do it', async () => {
    await t.ok('setup.registerCompany', CREDS);
    const r = await t.till.dispatcher.call('session.login', { operator_id: t.cashierId, pin: '1111' }, { id: 'till' });
    expect(r.ok).toBe(true);
    expect(await t.err('setup.enableInvoices', {}, 'till')).toMatchObject({ code: 'MANAGER_REQUIRED' });
    expect(t.emu.configurations()[0]).toMatchObject({ customer_invoice: false });
  });
});
