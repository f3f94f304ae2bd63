// Secrets at rest: AES-256-GCM with the key outside the database, bound to the secret's name.
// Where the key lives: data-key.test.ts.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { randomBytes } from 'node:crypto';
import { dataDirKeyProvider, getSecret, putSecret, deleteSecret, hasSecret } from '../../../backend/secrets.js';

let dir: string;
let db: WritableDb;
const now = new Date('2026-03-10T10:00:00Z');
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'bancone-secrets-')); db = openDatabase(':memory:'); });
afterEach(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

describe('secrets', () => {
  it('round-trips, and nothing readable is stored in the database', () => {
    const keys = dataDirKeyProvider(dir);
    putSecret(db, keys, 'openapi.token', 'tok-3f9a-very-secret', now);
    expect(getSecret(db, keys, 'openapi.token')).toBe('tok-3f9a-very-secret');
    expect(JSON.stringify(db.prepare('SELECT * FROM secrets').all())).not.toContain('very-secret');
    expect(getSecret(db, keys, 'missing')).toBe(null);
    putSecret(db, keys, 'openapi.token', 'second', now);
    expect(getSecret(db, keys, 'openapi.token')).toBe('second');
    expect(hasSecret(db, 'openapi.token')).toBe(true);
    deleteSecret(db, 'openapi.token');
    expect(getSecret(db, keys, 'openapi.token')).toBe(null);
  });

  it('a second provider (another process) reuses the key', () => {
    putSecret(db, dataDirKeyProvider(dir), 'ade.pin', '12345678', now);
    expect(getSecret(db, dataDirKeyProvider(dir), 'ade.pin')).toBe('12345678');
  });

  it('another key, a tampered ciphertext or a row moved to another name cannot be read', () => {
    const keys = dataDirKeyProvider(dir);
    putSecret(db, keys, 'ade.password', 'Segreta!', now);
    putSecret(db, keys, 'ade.pin', '1234', now);
    const otherKey = randomBytes(32);
    const other = { key: () => otherKey };
    expect(() => getSecret(db, other, 'ade.password')).toThrow(/chiave diversa o dato alterato/);
    db.prepare(`UPDATE secrets SET ciphertext = ? WHERE name = 'ade.pin'`).run(Buffer.from('xxxx').toString('base64'));
    expect(() => getSecret(db, keys, 'ade.pin')).toThrow(/SECRET|segreto/);
    const pw = db.prepare(`SELECT iv, tag, ciphertext FROM secrets WHERE name = 'ade.password'`).get() as { iv: string; tag: string; ciphertext: string };
    db.prepare(`UPDATE secrets SET iv = ?, tag = ?, ciphertext = ? WHERE name = 'ade.pin'`).run(pw.iv, pw.tag, pw.ciphertext);
    expect(() => getSecret(db, keys, 'ade.pin')).toThrow();
  });
});
