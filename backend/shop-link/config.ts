// Where this till's shop server is and how it proves who it is: the settings `till join` stored
// (server.url, server.tillCode) and the token, decrypted as the sync reads its own secrets (the
// data folder's key provider, ../secrets.ts). Null until the till has joined: then nothing runs.
import type { ReadableDb } from '../db/types.js';
import { getSetting } from '../settings.js';
import { getSecret, type KeyProvider } from '../secrets.js';
import { SERVER_TOKEN_SECRET } from './join.js';

export interface ShopLinkConfig { url: string; tillCode: string; token: string }

export function readShopLinkConfig(db: ReadableDb, keys: KeyProvider): ShopLinkConfig | null {
  const url = getSetting(db, 'server.url');
  const tillCode = getSetting(db, 'server.tillCode');
  if (!url || !tillCode) return null;
  const token = getSecret(db, keys, SERVER_TOKEN_SECRET);
  return token ? { url, tillCode, token } : null;
}
