// Settings screen: plain settings, write-only secrets, printer test page.
import type { HandlerContext, HandlerMap } from './context.js';
import { getAllSettings, getSetting, setSetting, type SettingKey, type SettingValue } from '../settings.js';
import { applyShopSettings, checkShopSettings } from '../setup/shop.js';
import { checkPrinterSettings } from '../setup/printer-step.js';
import { appendAudit } from '../ledger/audit.js';
import { fail } from '../../shared/errors.js';
import { SECRET_NAMES, type SettingsView } from '../../shared/contract/settings.js';
import { enqueuePrint } from './documents.js';
import { msg } from '../../shared/messages/index.js';
import { refuseServerOwnedSettings } from '../shop-link/server-owned.js';

type SettingsMethods = 'settings.get' | 'settings.save' | 'settings.setSecret' | 'settings.testPrint';

function view(ctx: HandlerContext): SettingsView {
  const secrets = Object.fromEntries(SECRET_NAMES.map((n) => [n, ctx.secrets?.status(n) ?? { set: false, hint: null }])) as SettingsView['secrets'];
  return { values: getAllSettings(ctx.db), secrets, secretsAvailable: ctx.secrets !== undefined };
}

export const settingsHandlers: HandlerMap<SettingsMethods> = {
  'settings.get': (_, ctx) => view(ctx),

  'settings.save': ({ values: typed }, ctx) => {
    const at = ctx.clock.now();
    // The shop's identifiers get the set-up's checks here too (backend/setup/shop.ts).
    const values = checkShopSettings(typed);
    refuseServerOwnedSettings(ctx.db, values);
    checkPrinterSettings(values);
    ctx.db.transaction(() => {
      const vatBefore = getSetting(ctx.db, 'shop.vatNumber');
      for (const [k, v] of Object.entries(values)) {
        if (v === undefined) continue;
        setSetting(ctx.db, k as SettingKey, v as SettingValue<SettingKey>, at);
      }
      applyShopSettings(ctx.db, vatBefore, at);
      appendAudit(ctx.db, { at: at.toISOString(), actor: ctx.operator.id, action: 'settings.save', entityId: null, payload: { keys: Object.keys(values).sort() } });
    }).immediate();
    return view(ctx);
  },

  'settings.setSecret': async ({ name, value }, ctx) => {
    if (!ctx.secrets) fail('SECRETS_UNAVAILABLE', msg.settings.secretsUnavailable);
    await ctx.secrets.set(name, value, ctx.operator.id);
    appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.operator.id, action: 'secret.set', entityId: null, payload: { name } });
    return view(ctx);
  },

  'settings.testPrint': (_, ctx) => {
    const printJobId = enqueuePrint(ctx, 'test', null);
    ctx.printing?.wake?.();
    return { printJobId };
  },
};
