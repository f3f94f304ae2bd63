// Once a till has joined a shop server (setting server.tillCode set by joining), the shop's master
// data is the server's: catalogue, departments, operators and the shop settings it sends
// (shared/master.ts). The till's own edits of them are refused, changing nothing, so that the next
// pull cannot silently undo them and two tills never disagree on a price. A till not joined is
// untouched by any of this.
import type { ReadableDb } from '../db/types.js';
import { getSetting, type SettingKey } from '../settings.js';
import { isServerSettingKey } from '../../shared/master.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

export function joinedToServer(db: ReadableDb): boolean {
  return getSetting(db, 'server.tillCode') !== '';
}

/** Refuses (naming the field) an edit of master data on a joined till. */
export function refuseIfServerOwned(db: ReadableDb, field: string): void {
  if (joinedToServer(db)) fail('MASTER_SERVER_OWNED', msg.master.serverOwned({ field }), field);
}

/**
 * Settings the server sends may not change on a joined till; the screen saves the whole form, so a
 * value equal to the current one is no edit and passes.
 */
export function refuseServerOwnedSettings(db: ReadableDb, values: Record<string, unknown>): void {
  if (!joinedToServer(db)) return;
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || !isServerSettingKey(key)) continue;
    if (JSON.stringify(value) !== JSON.stringify(getSetting(db, key as SettingKey))) refuseIfServerOwned(db, key);
  }
}
