// The guided set-up's handlers: a thin layer on backend/setup/. Steps that talk to Openapi need the
// setup port (secrets key, fetch); without it they say so, and the state and the shop step still work.
import type { HandlerContext, HandlerMap } from './context.js';
import { fail } from '../../shared/errors.js';
import type { SetupResult, VerifyResult } from '../../shared/contract/setup.js';
import type { RemoteConfiguration } from '../../shared/openapi/schemas.js';
import { getSetting } from '../settings.js';
import {
  registerCompany, renewCredentials, saveOpenapi, saveShop, setupState, verifyCompany, type AdeDeps,
} from '../setup/index.js';

type SetupMethods = 'setup.state' | 'setup.saveShop' | 'setup.saveOpenapi' | 'setup.registerCompany' | 'setup.verify' | 'setup.renewCredentials';

function state(ctx: HandlerContext) {
  return setupState(ctx.db, ctx.clock, ctx.setup?.keys ?? null, ctx.setup?.env ?? {});
}

function ade(ctx: HandlerContext): AdeDeps {
  const s = ctx.setup;
  if (!s) fail('SETUP_UNAVAILABLE', 'Questa cassa non può parlare con Openapi da qui (archivio delle credenziali non collegato)', 'This till cannot talk to Openapi from here (secret store not wired)');
  return { db: ctx.db, clock: ctx.clock, keys: s.keys, fetch: s.fetch, env: s.env, ...(s.wake ? { wake: () => s.wake!() } : {}), ...(s.timeoutMs ? { timeoutMs: s.timeoutMs } : {}) };
}

/** The configuration as the wizard shows it: the credentials' tax code masked. */
function company(c: RemoteConfiguration): NonNullable<SetupResult['company']> {
  const tc = c.receipts_authentication?.taxCode ?? null;
  return {
    fiscalId: c.fiscal_id,
    name: c.name ?? null,
    email: c.email ?? null,
    receipts: c.receipts === true,
    active: c.active ?? null,
    taxCodeHint: tc ? `${tc.slice(0, 3)}•••••••••${tc.slice(-1)}` : null,
    callbacks: (c.api_configurations ?? []).map((a) => (a && typeof a === 'object' && typeof (a as { event?: unknown }).event === 'string' ? (a as { event: string }).event : '?')),
  };
}

export const setupHandlers: HandlerMap<SetupMethods> = {
  'setup.state': (_, ctx) => state(ctx),

  'setup.saveShop': (input, ctx) => {
    saveShop(ctx.db, ctx.clock, input, ctx.operator.id);
    return state(ctx);
  },

  'setup.saveOpenapi': async (input, ctx) => {
    const r = await saveOpenapi(ade(ctx), input, ctx.operator.id);
    return { state: state(ctx), message: r.message, message_en: r.message_en, company: null };
  },

  'setup.registerCompany': async (input, ctx) => {
    const r = await registerCompany(ade(ctx), input, ctx.operator.id);
    return { state: state(ctx), message: r.message, message_en: r.message_en, company: company(r.configuration) };
  },

  'setup.renewCredentials': async (input, ctx) => {
    const r = await renewCredentials(ade(ctx), input, ctx.operator.id);
    return { state: state(ctx), message: r.message, message_en: r.message_en, company: company(r.configuration) };
  },

  'setup.verify': async (_, ctx) => {
    const c = await verifyCompany(ade(ctx));
    const fiscalId = getSetting(ctx.db, 'shop.vatNumber');
    if (!c) {
      return {
        company: null, notices: [],
        message: `Openapi non ha una configurazione per la Partita IVA ${fiscalId}: premere «Registra» per crearla.`,
        message_en: `Openapi has no configuration for VAT number ${fiscalId}: press "Register" to create it.`,
      } satisfies VerifyResult;
    }
    const shown = company(c);
    const notices: VerifyResult['notices'] = [];
    if (!shown.receipts) notices.push({ code: 'RECEIPTS_DISABLED', field: 'vat_number', message: 'Su Openapi il servizio scontrini è spento: premere «Registra» per riattivarlo.', message_en: 'On Openapi the receipts service is off: press "Register" to turn it on again.' });
    if (!shown.taxCodeHint) notices.push({ code: 'NO_ADE_CREDENTIALS', field: 'password', message: 'Openapi non ha le credenziali AdE (Fisconline/Entratel): inserirle e premere «Registra».', message_en: 'Openapi has no AdE (Fisconline/Entratel) credentials: enter them and press "Register".' });
    if (shown.active === false) notices.push({ code: 'CONFIGURATION_INACTIVE', message: 'Su Openapi la configurazione risulta disattivata: contattare l\'assistenza di Openapi.', message_en: 'On Openapi the configuration is deactivated: contact Openapi\'s support.' });
    const shopName = getSetting(ctx.db, 'shop.name');
    if (shown.name && shown.name !== shopName) notices.push({ code: 'NAME_DIFFERS', field: 'name', message: `Su Openapi il nome registrato è «${shown.name}» (qui «${shopName}»): sugli scontrini vale quello della cassa; su Openapi non si può cambiare.`, message_en: `On Openapi the registered name is "${shown.name}" (here "${shopName}"): receipts print the till's; it cannot be changed on Openapi.` });
    return {
      company: shown, notices,
      message: notices.length === 0 ? `Openapi ha la Partita IVA ${c.fiscal_id} con gli scontrini attivi e le credenziali AdE: tutto in ordine.` : `Openapi ha la Partita IVA ${c.fiscal_id}, ma c'è da sistemare qualcosa (vedi sotto).`,
      message_en: notices.length === 0 ? `Openapi holds VAT number ${c.fiscal_id} with receipts enabled and the AdE credentials: all in order.` : `Openapi holds VAT number ${c.fiscal_id}, but something needs fixing (see below).`,
    } satisfies VerifyResult;
  },
};
