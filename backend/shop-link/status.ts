// Where this till stands with its shop server, for the status bar, `bancone status` and the report
// it sends up: null until the till has joined a server. (Being written with the uploader: until then
// a joined till reads «checking» with nothing known.)
import type { ReadableDb } from '../db/types.js';
import type { TillStatus } from '../../shared/contract/status.js';
import { getSetting } from '../settings.js';

export type ShopLinkStatus = NonNullable<TillStatus['server']>;

export function shopLinkStatus(db: ReadableDb): ShopLinkStatus | null {
  const url = getSetting(db, 'server.url');
  const tillCode = getSetting(db, 'server.tillCode');
  if (!url || !tillCode) return null;
  return { url, tillCode, state: 'checking', pending: 0, lastUploadAt: null, masterVersion: 0, chainBrokenAt: null, problem: null, problemEn: null };
}
