// Set-up step 1, the shop: ragione sociale, Partita IVA, codice fiscale, address, regime. Asked once
// and used everywhere: the receipt header reads shop.*, and the sync's fiscal id (openapi.fiscalId)
// is the Partita IVA saved here, so nobody types it twice.
import type { z } from 'zod';
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import { fail } from '../../shared/errors.js';
import { checkCodiceFiscale, checkPartitaIva, fiscalIdProblemText } from '../../shared/fiscal-id.js';
import { parseInput } from '../../shared/validation.js';
import { msg } from '../../shared/messages/index.js';
import { SaveShopInputSchema } from '../../shared/contract/setup.js';
import { getSetting, setSetting } from '../settings.js';
import { appendAudit } from '../ledger/audit.js';

/** Control characters go (they would reach the printer and Openapi raw); runs of spaces become one. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
}

export type ShopInput = z.input<typeof SaveShopInputSchema>;

export interface SavedShop {
  name: string;
  vatNumber: string;
  taxCode: string;
  address: string;
  regime: z.output<typeof SaveShopInputSchema>['regime'];
}

/** Checks what was typed (each error names its field) and returns it cleaned. */
export function checkShop(input: ShopInput): SavedShop {
  const v = parseInput(SaveShopInputSchema, input);
  const name = cleanText(v.name);
  if (name === '') fail('SETUP_NAME_REQUIRED', msg.setup.nameRequired, 'name');
  const piva = checkPartitaIva(v.vat_number);
  if (!piva.ok) fail('SETUP_VAT_NUMBER_INVALID', fiscalIdProblemText('partitaIva', piva.problem), 'vat_number');
  const cf = checkCodiceFiscale(v.tax_code);
  if (!cf.ok) fail('SETUP_TAX_CODE_INVALID', fiscalIdProblemText('codiceFiscale', cf.problem), 'tax_code');
  // The address is printed as typed, line by line (street, then postcode and town).
  const address = v.address.split(/\r?\n/).map(cleanText).filter((l) => l !== '').join('\n');
  if (address === '') fail('SETUP_ADDRESS_REQUIRED', msg.setup.addressRequired, 'address');
  return { name, vatNumber: piva.value, taxCode: cf.value, address, regime: v.regime };
}

export function readShop(db: ReadableDb): SavedShop {
  return {
    name: getSetting(db, 'shop.name'),
    vatNumber: getSetting(db, 'shop.vatNumber'),
    taxCode: getSetting(db, 'shop.taxCode'),
    address: getSetting(db, 'shop.address'),
    regime: getSetting(db, 'shop.fiscalRegime'),
  };
}

/**
 * Saves step 1 and marks it done. A different Partita IVA is a different company for Openapi: step 2
 * is then to be done again (its registration was for the old number).
 */
export function saveShop(db: WritableDb, clock: Clock, input: ShopInput, actorId: string | null): SavedShop {
  const shop = checkShop(input);
  const now = clock.now();
  db.transaction(() => {
    const before = getSetting(db, 'shop.vatNumber');
    setSetting(db, 'shop.name', shop.name, now);
    setSetting(db, 'shop.vatNumber', shop.vatNumber, now);
    setSetting(db, 'shop.taxCode', shop.taxCode, now);
    setSetting(db, 'shop.address', shop.address, now);
    setSetting(db, 'shop.fiscalRegime', shop.regime, now);
    setSetting(db, 'openapi.fiscalId', shop.vatNumber, now);
    if (before !== '' && before !== shop.vatNumber) setSetting(db, 'setup.adeDoneAt', '', now);
    setSetting(db, 'setup.shopDoneAt', now.toISOString(), now);
    appendAudit(db, { at: now.toISOString(), actor: actorId, action: 'setup.shop', entityId: null, payload: { vatNumber: shop.vatNumber, regime: shop.regime } });
  }).immediate();
  return shop;
}

/**
 * The Settings screen saves single settings; those of step 1 get step 1's checks there too, and the
 * set-up's own record of completion is not a setting anyone types. Returns the values to save (the
 * identifiers normalised).
 */
export function checkShopSettings<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = { ...values };
  // Every set-up key (done at, skipped) is the wizard's to record, never a setting to type.
  for (const k of Object.keys(out).filter((key) => key.startsWith('setup.'))) {
    if (out[k] !== undefined)
      fail('SETTINGS_SETUP_KEY', msg.setup.settingsSetupKey({ key: k }), k);
  }
  const piva = out['shop.vatNumber'];
  if (typeof piva === 'string' && piva.trim() !== '') {
    const r = checkPartitaIva(piva);
    if (!r.ok) fail('SETUP_VAT_NUMBER_INVALID', fiscalIdProblemText('partitaIva', r.problem), 'shop.vatNumber');
    out['shop.vatNumber'] = r.value;
  }
  const cf = out['shop.taxCode'];
  if (typeof cf === 'string' && cf.trim() !== '') {
    const r = checkCodiceFiscale(cf);
    if (!r.ok) fail('SETUP_TAX_CODE_INVALID', fiscalIdProblemText('codiceFiscale', r.problem), 'shop.taxCode');
    out['shop.taxCode'] = r.value;
  }
  return out as T;
}

/**
 * After a Settings save, inside its transaction: a new Partita IVA is the sync's fiscal id too
 * (asked once), and, being another company for Openapi, makes step 2 to be done again.
 */
export function applyShopSettings(db: WritableDb, beforeVatNumber: string, now: Date): void {
  const after = getSetting(db, 'shop.vatNumber');
  if (after === beforeVatNumber || after === '') return;
  setSetting(db, 'openapi.fiscalId', after, now);
  if (beforeVatNumber !== '') setSetting(db, 'setup.adeDoneAt', '', now);
}

/**
 * A till joined to a shop server takes the shop's identity from it (issue #14) and may not type it
 * itself, so step 1 is done as soon as what the server sent passes step 1's own checks: else a new
 * till at a second counter could never finish its set-up, nor leave training. Journaled as the
 * server's act. Does nothing when step 1 is done already or the server's data is incomplete.
 */
export function adoptServerShop(db: WritableDb, now: Date): void {
  if (getSetting(db, 'setup.shopDoneAt') !== '') return;
  const saved = readShop(db);
  let shop: SavedShop;
  try {
    shop = checkShop({ name: saved.name, vat_number: saved.vatNumber, tax_code: saved.taxCode, address: saved.address, regime: saved.regime as ShopInput['regime'] });
  } catch {
    return; // not yet all there (the server's settings arrive one by one): a later page completes it
  }
  setSetting(db, 'openapi.fiscalId', shop.vatNumber, now);
  setSetting(db, 'setup.shopDoneAt', now.toISOString(), now);
  appendAudit(db, { at: now.toISOString(), actor: 'server', action: 'setup.shop', entityId: null, payload: { vatNumber: shop.vatNumber, regime: shop.regime, from: 'server' } });
}
