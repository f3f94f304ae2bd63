// safeStorage as the wrapping of the data key's fallback file (backend/keyring/data-key.ts), in plain
// Node so it is tested without Electron. Linux's `basic_text` backend is refused: its «encryption»
// uses a password written in Chromium's source, the same on every machine, so a wrapped file would
// only look protected. Then the key is kept as the CLI keeps it (the OS keyring, else a 0600 file in
// the user's config folder, outside the data folder) rather than refusing to store secrets: a shop
// must still transmit its receipts, and that file is protected by the same user permissions that
// basic_text would pretend to add to. The refusal is said once, in Italian, in the app's log.
//
// Electron 45 deprecates the synchronous safeStorage calls; the key provider is synchronous (every
// CLI command and the backend read the key synchronously). So the asynchronous work is done ahead,
// once, in main before the backend starts: the wrapped texts the provider may meet are decrypted, and
// a fresh key is made and encrypted in case the folder has none yet; the synchronous wrapping then
// only looks these up. A text it did not see ahead (none can appear between the two steps: main is
// the only writer at start) is refused as unreadable, never decrypted with the deprecated call.
import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import type { KeyWrapping } from '../backend/secrets.js';
import { msg } from '../shared/messages/index.js';

export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(text: string): Promise<Buffer>;
  decryptStringAsync(data: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?(): string;
}

export interface KeyWrappingChoice {
  /** The wrapping for the key file, or null (none, or refused). */
  wrapping: KeyWrapping | null;
  /** Unwraps a `secret.key` an older version wrapped, basic_text included (moved out at first use). */
  legacyUnwrap: ((stored: Buffer) => Buffer) | null;
  /** The key to make if the folder has none yet (already wrapped ahead); null without wrapping. */
  newKey: (() => Buffer) | null;
  /** Why safeStorage is not used, in Italian, when it is refused. */
  refused: string | null;
  /**
   * Files whose wrapping safeStorage asked to renew (its key rotated): rewrap them once the key is
   * known (`rewrap`), so the next start reads them with the current key.
   */
  stale: string[];
  rewrap(key: Buffer): Promise<void>;
}

const toText = (key: Buffer) => key.toString('base64');
const fromText = (text: string) => Buffer.from(text, 'base64');
const wrappedText = (stored: string) => stored.trim();

/**
 * @param stored the key files' texts as found (backend/keyring/data-key.ts `wrappedKeyTexts`).
 */
export async function safeStorageWrapping(s: SafeStorageLike, platform: NodeJS.Platform, stored: { file: string; text: string }[]): Promise<KeyWrappingChoice> {
  const none: KeyWrappingChoice = { wrapping: null, legacyUnwrap: null, newKey: null, refused: null, stale: [], rewrap: async () => {} };
  if (!(await s.isAsyncEncryptionAvailable())) return none;
  // Each stored text, decrypted ahead: the base64 of the wrapped bytes → the key.
  const known = new Map<string, Buffer>();
  const stale: string[] = [];
  for (const { file, text } of stored) {
    try {
      const r = await s.decryptStringAsync(Buffer.from(wrappedText(text), 'base64'));
      known.set(wrappedText(text), fromText(r.result));
      if (r.shouldReEncrypt) stale.push(file);
    } catch {
      // Not wrapped by this user's safeStorage (copied, or plain): the provider says it is unreadable.
    }
  }
  const unwrap = (b: Buffer): Buffer => {
    const key = known.get(b.toString('base64'));
    if (!key) throw new Error('not unwrapped ahead');
    return key;
  };
  if (platform === 'linux' && s.getSelectedStorageBackend?.() === 'basic_text')
    return { ...none, legacyUnwrap: unwrap, refused: msg.settings.safeStorageBasicText.it };
  const fresh = randomBytes(32);
  const freshWrapped = await s.encryptStringAsync(toText(fresh));
  const wrap = (key: Buffer): Buffer => {
    if (!key.equals(fresh)) throw new Error('only the key made ahead can be wrapped');
    return freshWrapped;
  };
  return {
    wrapping: { wrap, unwrap },
    legacyUnwrap: unwrap,
    newKey: () => fresh,
    refused: null,
    stale,
    async rewrap(key) {
      for (const file of stale) {
        const text = (await s.encryptStringAsync(toText(key))).toString('base64');
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, text, { mode: 0o600 });
        renameSync(tmp, file);
      }
    },
  };
}
