// Secrets at rest (Openapi token, AdE tax code, password and PIN): AES-256-GCM in the `secrets`
// table, with the key never beside the data (backend/keyring/: the OS keyring, or a 0600 file in
// the user's config folder; the Electron app wraps that file with safeStorage).
// The secret's name is authenticated data: a ciphertext copied under another name does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ReadableDb, WritableDb } from './db/types.js';
import { BanconeError } from '../shared/errors.js';
import { msg } from '../shared/messages/index.js';
import { dataKeyProvider, type DataKeyOptions, type KeyWrapping } from './keyring/data-key.js';

export type { KeyWrapping };

export interface KeyProvider {
  /** The 32-byte data key. */
  key(): Buffer;
  /** True when the key was made anew for a folder whose key is elsewhere (a copied data folder). */
  lost?(): boolean;
}

/** The data folder's key, wherever backend/keyring keeps it. */
export function dataDirKeyProvider(dataDir: string, o: Omit<DataKeyOptions, 'dataDir'> = {}): KeyProvider {
  return dataKeyProvider({ ...o, dataDir });
}

export function putSecret(db: WritableDb, keys: KeyProvider, name: string, value: string, now: Date): void {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.key(), iv);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  db.prepare(`INSERT INTO secrets (name, iv, tag, ciphertext, updated_at) VALUES (?,?,?,?,?)
              ON CONFLICT (name) DO UPDATE SET iv = excluded.iv, tag = excluded.tag, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`)
    .run(name, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64'), now.toISOString());
}

/** The secret, or null if none is stored. Throws if it cannot be decrypted (wrong key, tampering). */
export function getSecret(db: ReadableDb, keys: KeyProvider, name: string): string | null {
  const r = db.prepare('SELECT iv, tag, ciphertext FROM secrets WHERE name = ?').get(name) as { iv: string; tag: string; ciphertext: string } | undefined;
  if (!r) return null;
  // A key that cannot be had says why itself (outside the try: not a «different key»).
  const key = keys.key();
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(r.iv, 'base64'));
    d.setAAD(Buffer.from(name, 'utf8'));
    d.setAuthTag(Buffer.from(r.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(r.ciphertext, 'base64')), d.final()]).toString('utf8');
  } catch {
    // A copied folder opened here got a new key: say so, and how to give the secret again.
    if (keys.lost?.()) throw new BanconeError('SECRET_KEY_ELSEWHERE', msg.settings.secretKeyElsewhere({ name }));
    throw new BanconeError('SECRET_UNREADABLE', msg.settings.secretUnreadable({ name }));
  }
}

export function deleteSecret(db: WritableDb, name: string): void {
  db.prepare('DELETE FROM secrets WHERE name = ?').run(name);
}

export function hasSecret(db: ReadableDb, name: string): boolean {
  return db.prepare('SELECT 1 FROM secrets WHERE name = ?').get(name) !== undefined;
}
