// The real OS keyring through @napi-rs/keyring (prebuilt for every platform the app ships on, no
// build step). Loaded on first use only: most commands never touch a secret, and a machine where
// the addon cannot load (an unusual platform) simply has no keyring: the key file is used instead.
import { createRequire } from 'node:module';
import type { KeyringPort } from './port.js';

/** The service name the keyring shows the user (e.g. in «Accesso Portachiavi»). */
export const KEYRING_SERVICE = 'Bancone';

interface EntryLike { getPassword(): string | null; setPassword(value: string): void }
type EntryClass = new (service: string, account: string) => EntryLike;

export function osKeyring(): KeyringPort | null {
  let Entry: EntryClass;
  try {
    Entry = (createRequire(import.meta.url)('@napi-rs/keyring') as { Entry: EntryClass }).Entry;
  } catch {
    return null;
  }
  return {
    read(account) {
      try { return new Entry(KEYRING_SERVICE, account).getPassword(); } catch { return null; }
    },
    write(account, value) {
      try {
        const entry = new Entry(KEYRING_SERVICE, account);
        entry.setPassword(value);
        // Some stores accept a write and keep nothing (a session keyring, a locked collection):
        // only a value read back counts as kept.
        return entry.getPassword() === value;
      } catch {
        return false;
      }
    },
  };
}
