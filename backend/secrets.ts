// Secrets at rest (Openapi token, AdE password and PIN): AES-256-GCM in the `secrets` table, with the
// key outside the database. The CLI keeps the key in a 0600 file in the data dir; the Electron app
// can pass wrap/unwrap (safeStorage) so the key file holds only the OS-wrapped key.
// The secret's name is authenticated data: a ciphertext copied under another name does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReadableDb, WritableDb } from './db/types.js';
import { BanconeError } from '../shared/errors.js';
import { msg } from '../shared/messages/index.js';

export interface KeyProvider {
  /** The 32-byte data key. */
  key(): Buffer;
}

export interface KeyWrapping {
  wrap(key: Buffer): Buffer;
  unwrap(stored: Buffer): Buffer;
}

export const KEY_FILE_NAME = 'secret.key';

/** Key kept in `file` (created on first use, mode 0600), optionally wrapped by the OS keychain. */
export function keyFileProvider(file: string, wrapping?: KeyWrapping): KeyProvider {
  let cached: Buffer | null = null;
  return {
    key() {
      if (cached) return cached;
      if (!existsSync(file)) {
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
        const fresh = randomBytes(32);
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, (wrapping ? wrapping.wrap(fresh) : fresh).toString('base64'), { mode: 0o600 });
        // Another process may have created it meanwhile: rename is atomic, first writer's key must win.
        if (!existsSync(file)) renameSync(tmp, file);
      }
      try { chmodSync(file, 0o600); } catch { /* not ours to fix (Windows) */ }
      const stored = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
      const key = wrapping ? wrapping.unwrap(stored) : stored;
      if (key.length !== 32) throw new BanconeError('SECRET_KEY_INVALID', msg.settings.secretKeyInvalid({ file }));
      cached = key;
      return key;
    },
  };
}

export function dataDirKeyProvider(dataDir: string, wrapping?: KeyWrapping): KeyProvider {
  return keyFileProvider(join(dataDir, KEY_FILE_NAME), wrapping);
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
  try {
    const d = createDecipheriv('aes-256-gcm', keys.key(), Buffer.from(r.iv, 'base64'));
    d.setAAD(Buffer.from(name, 'utf8'));
    d.setAuthTag(Buffer.from(r.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(r.ciphertext, 'base64')), d.final()]).toString('utf8');
  } catch {
    throw new BanconeError('SECRET_UNREADABLE', msg.settings.secretUnreadable({ name }));
  }
}

export function deleteSecret(db: WritableDb, name: string): void {
  db.prepare('DELETE FROM secrets WHERE name = ?').run(name);
}

export function hasSecret(db: ReadableDb, name: string): boolean {
  return db.prepare('SELECT 1 FROM secrets WHERE name = ?').get(name) !== undefined;
}
