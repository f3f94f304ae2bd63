// Shop settings as JSON values in the `settings` table, each with a typed default.
import type { z } from 'zod';
import { SettingsValuesSchema } from '../shared/contract/settings.js';
import { DEFAULT_LABEL_LAYOUT } from '../shared/barcode.js';
import type { ReadableDb, WritableDb } from './db/types.js';
import type { ShopInfo } from '../shared/receipt.js';

/** One schema per key, from the contract (the settings screen and the services read the same one). */
export const SettingsSchema = SettingsValuesSchema.shape;
export type SettingKey = keyof typeof SettingsSchema;
export type SettingValue<K extends SettingKey> = z.output<(typeof SettingsSchema)[K]>;

export const SETTING_DEFAULTS: { [K in SettingKey]: SettingValue<K> } = {
  'shop.name': 'Il mio negozio',
  'shop.address': '',
  'shop.vatNumber': '',
  'shop.taxCode': '',
  'shop.fiscalRegime': 'RF01',
  'shop.footer': 'Grazie e arrivederci!',
  'sale.cashRounding': true,
  'sale.offlinePolicy': 'queue',
  'sale.managerReturnThresholdCents': 5000,
  // Scales and price tags speak kilograms; a typed «g» is always understood.
  'sale.weightEntryUnit': 'kg',
  // Above 5 kg the till asks: a shop counter rarely weighs more, and the usual slip is grams typed as kg.
  'sale.plausibleWeightMaxMilli': 5000,
  'sale.managerComplimentary': true,
  'sale.managerDiscountPercent': 10,
  'sale.managerOpenPriceCents': 10000,
  'sale.managerCashRefundOfCard': true,
  // GS1 Italy's structure for variable-measure goods: 2 + 6-digit article code + price in cents.
  'scale.labelLayout': DEFAULT_LABEL_LAYOUT,
  'printer.url': '',
  'printer.columns': 42,
  'printer.model': 'epson-tm-t88vi',
  'printer.mode': 'immediate',
  'printer.waitSeconds': 5,
  // On request: a slip printed by itself minutes later, after the customer has gone, is paper for
  // the bin (and lands between the next customer's receipts); whoever needs the number asks.
  'printing.fiscalNumberSlip': 'on_request',
  // Blind by default: whoever counts the drawer does not see what it should hold, so the count is honest.
  'eod.blindCount': true,
  // No prefix: the series reads «2026/0001».
  'invoice.prefix': '',
  'invoice.provider': '',
  'invoice.providerUrl': '',
  'invoice.providerUser': '',
  'openapi.url': 'https://test.invoice.openapi.com',
  'openapi.fiscalId': '',
  'ui.language': 'it',
  // Not joined to a shop server until `bancone till join` (issue #14).
  'server.url': '',
  'server.tillCode': '',
  'server.shopName': '',
  // Set-up steps 1 (the shop) and 2 (the AdE via Openapi, backend/setup/): when each was completed,
  // '' while not. Until both are done and a manager leaves it, the till is in training mode
  // (backend/training/).
  'setup.shopDoneAt': '',
  'setup.adeDoneAt': '',
  // Steps 3–6 (backend/setup/steps.ts): not needed to leave training mode, but the wizard asks for
  // each until it is done or the manager skips it.
  'setup.printerDoneAt': '',
  'setup.printerSkipped': false,
  'setup.departmentsDoneAt': '',
  'setup.departmentsSkipped': false,
  'setup.catalogueDoneAt': '',
  'setup.catalogueSkipped': false,
  'setup.peopleDoneAt': '',
  'setup.peopleSkipped': false,
};

export function getSetting<K extends SettingKey>(db: ReadableDb, key: K): SettingValue<K> {
  const r = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!r) return SETTING_DEFAULTS[key];
  const parsed = SettingsSchema[key].safeParse(JSON.parse(r.value));
  return parsed.success ? (parsed.data as SettingValue<K>) : SETTING_DEFAULTS[key];
}

export function getAllSettings(db: ReadableDb): { [K in SettingKey]: SettingValue<K> } {
  const out = { ...SETTING_DEFAULTS } as Record<string, unknown>;
  for (const k of Object.keys(SETTING_DEFAULTS) as SettingKey[]) out[k] = getSetting(db, k);
  return out as { [K in SettingKey]: SettingValue<K> };
}

export function setSetting<K extends SettingKey>(db: WritableDb, key: K, value: SettingValue<K>, at: Date): void {
  const v = SettingsSchema[key].parse(value);
  db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?,?,?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(key, JSON.stringify(v), at.toISOString());
}

/** The shop as receipts and reports print it (header and footer). */
export function shopInfo(db: ReadableDb): ShopInfo {
  return {
    name: getSetting(db, 'shop.name'),
    address: getSetting(db, 'shop.address'),
    vatNumber: getSetting(db, 'shop.vatNumber'),
    footer: getSetting(db, 'shop.footer'),
  };
}
