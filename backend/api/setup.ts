// The guided set-up's handlers: a thin layer on backend/setup/. Steps that talk to Openapi need the
// setup port (secrets key, fetch); without it they say so, and the state and the shop step still work.
import type { HandlerContext, HandlerMap } from './context.js';
import { errorInfo, fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import type { SetupResult, VerifyResult } from '../../shared/contract/setup.js';
import type { RemoteConfiguration } from '../../shared/openapi/schemas.js';
import { getSetting } from '../settings.js';
import {
  enableInvoices, finishStep, registerCompany, renewCredentials, saveOpenapi, saveShop, setupState, verifyCompany, type AdeDeps,
} from '../setup/index.js';
import { refuseIfServerOwned } from '../shop-link/server-owned.js';

type SetupMethods = 'setup.state' | 'setup.saveShop' | 'setup.saveOpenapi' | 'setup.registerCompany' | 'setup.verify' | 'setup.renewCredentials' | 'setup.enableInvoices' | 'setup.finishStep';

function state(ctx: HandlerContext) {
  return setupState(ctx.db, ctx.clock, ctx.setup?.keys ?? null, ctx.setup?.env ?? {});
}

function ade(ctx: HandlerContext): AdeDeps {
  const s = ctx.setup;
  if (!s) fail('SETUP_UNAVAILABLE', msg.setup.unavailable);
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
    refuseIfServerOwned(ctx.db, 'name');
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

  'setup.enableInvoices': async (_, ctx) => {
    const r = await enableInvoices(ade(ctx), ctx.operator.id);
    return { state: state(ctx), message: r.message, message_en: r.message_en, company: company(r.configuration) };
  },

  'setup.finishStep': ({ step, skip }, ctx) => {
    finishStep(ctx.db, ctx.clock, step, skip, ctx.operator.id);
    return state(ctx);
  },

  'setup.verify': async (_, ctx) => {
    const c = await verifyCompany(ade(ctx));
    const fiscalId = getSetting(ctx.db, 'shop.vatNumber');
    if (!c) {
      const words = msg.setup.notRegistered({ fiscalId, writing: false });
      return { company: null, notices: [], message: words.it, message_en: words.en } satisfies VerifyResult;
    }
    const shown = company(c);
    const notices: VerifyResult['notices'] = [];
    if (!shown.receipts) notices.push(errorInfo('RECEIPTS_DISABLED', msg.setup.verifyReceiptsOff, 'vat_number'));
    if (!shown.taxCodeHint) notices.push(errorInfo('NO_ADE_CREDENTIALS', msg.setup.verifyNoCredentials, 'password'));
    if (shown.active === false) notices.push(errorInfo('CONFIGURATION_INACTIVE', msg.setup.verifyInactive));
    const shopName = getSetting(ctx.db, 'shop.name');
    if (shown.name && shown.name !== shopName) notices.push(errorInfo('NAME_DIFFERS', msg.setup.verifyNameDiffers({ remote: shown.name, local: shopName }), 'name'));
    const words = notices.length === 0 ? msg.setup.verifyAllGood({ fiscalId: c.fiscal_id }) : msg.setup.verifyToFix({ fiscalId: c.fiscal_id });
    return { company: shown, notices, message: words.it, message_en: words.en } satisfies VerifyResult;
  },
};
