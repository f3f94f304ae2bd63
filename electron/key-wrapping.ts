// safeStorage as the wrapping of the data key's fallback file (backend/keyring/data-key.ts), in plain
// Node so it is tested without Electron. Linux's `basic_text` backend is refused: its «encryption»
// uses a password written in Chromium's source, the same on every machine, so a wrapped file would
// only look protected. Then the key is kept as the CLI keeps it (the OS keyring, else a 0600 file in
// the user's config folder, outside the data folder) rather than refusing to store secrets: a shop
// must still transmit its receipts, and that file is protected by the same user permissions that
// basic_text would pretend to add to. The refusal is said once, in Italian, in the app's log.
import type { KeyWrapping } from '../backend/secrets.js';
import { msg } from '../shared/messages/index.js';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface KeyWrappingChoice {
  /** The wrapping for the key file, or null (none, or refused). */
  wrapping: KeyWrapping | null;
  /** Unwraps a `secret.key` an older version wrapped, basic_text included (moved out at first use). */
  legacyUnwrap: ((stored: Buffer) => Buffer) | null;
  /** Why safeStorage is not used, in Italian, when it is refused. */
  refused: string | null;
}

export function safeStorageWrapping(s: SafeStorageLike, platform: NodeJS.Platform): KeyWrappingChoice {
  if (!s.isEncryptionAvailable()) return { wrapping: null, legacyUnwrap: null, refused: null };
  const wrap = (b: Buffer) => s.encryptString(b.toString('base64'));
  const unwrap = (b: Buffer) => Buffer.from(s.decryptString(b), 'base64');
  if (platform === 'linux' && s.getSelectedStorageBackend?.() === 'basic_text')
    return { wrapping: null, legacyUnwrap: unwrap, refused: msg.settings.safeStorageBasicText.it };
  return { wrapping: { wrap, unwrap }, legacyUnwrap: unwrap, refused: null };
}
