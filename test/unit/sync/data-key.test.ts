// Where the data key lives (issue #10 item 2): never beside the data. The OS keyring through an
// injected port (this headless Linux has no Secret Service), else a 0600 file in the user's config
// folder; an older version's `secret.key` is moved out of the data folder with the secrets readable.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { getSecret, putSecret } from '../../../backend/secrets.js';
import { dataKeyProvider, keysDir, wrappedKeyTexts } from '../../../backend/keyring/data-key.js';
import type { KeyringPort } from '../../../backend/keyring/port.js';
import { osKeyring } from '../../../backend/keyring/os-keyring.js';
import { safeStorageWrapping } from '../../../electron/key-wrapping.js';

const now = new Date('2026-03-10T10:00:00Z');
let root: string;
let data: string;
let config: string;
let db: WritableDb;
const env = () => ({ XDG_CONFIG_HOME: config });
const mode = (p: string) => statSync(p).mode & 0o777;

function memoryKeyring(works = true): KeyringPort & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    read: (a) => entries.get(a) ?? null,
    write: (a, v) => { if (works) entries.set(a, v); return works; },
  };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bancone-datakey-'));
  data = join(root, 'data');
  config = join(root, 'config');
  mkdirSync(data);
  db = openDatabase(join(data, 'bancone.db'));
});
afterEach(() => { db.close(); rmSync(root, { recursive: true, force: true }); });

describe('the data key', () => {
  it('without a keyring: a 0600 file in $XDG_CONFIG_HOME/bancone/keys (dir 0700), nothing secret in the data folder', () => {
    const keys = dataKeyProvider({ dataDir: data, env: env(), keyring: null });
    putSecret(db, keys, 'openapi.token', 'tok-very-secret', now);
    const id = readdirSync(join(config, 'bancone', 'keys'))[0]!;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(mode(join(config, 'bancone', 'keys'))).toBe(0o700);
    expect(mode(join(config, 'bancone', 'keys', id))).toBe(0o600);
    expect(readdirSync(data).sort()).toEqual(['bancone.db', 'bancone.db-shm', 'bancone.db-wal', 'key-id']);
    expect(keys.keptIn()).toBe('file');
    // Another process (a new provider) finds the same key.
    expect(getSecret(db, dataKeyProvider({ dataDir: data, env: env(), keyring: null }), 'openapi.token')).toBe('tok-very-secret');
  });

  it('with a keyring: the key is kept there, and no file anywhere holds it', () => {
    const keyring = memoryKeyring();
    const keys = dataKeyProvider({ dataDir: data, env: env(), keyring });
    putSecret(db, keys, 'ade.pin', '12345678', now);
    expect(keys.keptIn()).toBe('keyring');
    expect([...keyring.entries.keys()]).toEqual([expect.stringMatching(/^data-key-[0-9a-f]{32}$/)]);
    expect(existsSync(join(config, 'bancone', 'keys')) ? readdirSync(join(config, 'bancone', 'keys')) : []).toEqual([]);
    expect(getSecret(db, dataKeyProvider({ dataDir: data, env: env(), keyring }), 'ade.pin')).toBe('12345678');
  });

  it('a keyring that cannot keep it (locked, absent): the file instead, still readable', () => {
    const keys = dataKeyProvider({ dataDir: data, env: env(), keyring: memoryKeyring(false) });
    putSecret(db, keys, 'ade.pin', '1234', now);
    expect(keys.keptIn()).toBe('file');
    expect(getSecret(db, dataKeyProvider({ dataDir: data, env: env(), keyring: memoryKeyring(false) }), 'ade.pin')).toBe('1234');
  });

  it('upgrade: an older secret.key beside the data is moved out, and the secrets it locked stay readable', () => {
    // What the previous version wrote: the raw key, base64, 0600, in the data folder.
    const old = randomBytes(32);
    writeFileSync(join(data, 'secret.key'), old.toString('base64'), { mode: 0o600 });
    putSecret(db, { key: () => old }, 'openapi.token', 'tok-before-upgrade', now);
    const keyring = memoryKeyring();
    expect(getSecret(db, dataKeyProvider({ dataDir: data, env: env(), keyring }), 'openapi.token')).toBe('tok-before-upgrade');
    expect(existsSync(join(data, 'secret.key'))).toBe(false);
    expect([...keyring.entries.values()]).toEqual([old.toString('base64')]);
    // And the next start, with the key only in its new place.
    expect(getSecret(db, dataKeyProvider({ dataDir: data, env: env(), keyring }), 'openapi.token')).toBe('tok-before-upgrade');
  });

  it('upgrade without a keyring: the key file moves to the config folder', () => {
    const old = randomBytes(32);
    writeFileSync(join(data, 'secret.key'), old.toString('base64'), { mode: 0o600 });
    putSecret(db, { key: () => old }, 'ade.password', 'Segreta!2026', now);
    expect(getSecret(db, dataKeyProvider({ dataDir: data, env: env(), keyring: null }), 'ade.password')).toBe('Segreta!2026');
    expect(existsSync(join(data, 'secret.key'))).toBe(false);
    expect(readdirSync(join(config, 'bancone', 'keys'))).toHaveLength(1);
  });

  it('a copy of the data folder opened by another user or machine: the secrets cannot be read, and it says why, every time', () => {
    putSecret(db, dataKeyProvider({ dataDir: data, env: env(), keyring: null }), 'openapi.token', 'tok-of-the-shop', now);
    db.close();
    const copy = join(root, 'copy');
    cpSync(data, copy, { recursive: true });
    db = openDatabase(join(copy, 'bancone.db'));
    const elsewhere = { XDG_CONFIG_HOME: join(root, 'other-user-config') };
    const first = dataKeyProvider({ dataDir: copy, env: elsewhere, keyring: null });
    expect(() => getSecret(db, first, 'openapi.token')).toThrow(/salvato con una chiave che non è su questo computer.*bancone onboard/);
    // The next command (another process) says the same, not «dato alterato».
    expect(() => getSecret(db, dataKeyProvider({ dataDir: copy, env: elsewhere, keyring: null }), 'openapi.token')).toThrow(/non è su questo computer/);
    // Given again, it is kept with this machine's key.
    putSecret(db, first, 'openapi.token', 'tok-given-again', now);
    expect(getSecret(db, dataKeyProvider({ dataDir: copy, env: elsewhere, keyring: null }), 'openapi.token')).toBe('tok-given-again');
  });

  it('refuses a keys folder inside the data folder (a copy would carry the key)', () => {
    const inData = dataKeyProvider({ dataDir: join(config, 'bancone'), env: env(), keyring: null, platform: 'linux' });
    expect(() => inData.key()).toThrow(/dentro la cartella dei dati/);
  });

  it('on macOS and Windows the keys folder is not the data folder under another case', () => {
    expect(keysDir({}, 'darwin').toLowerCase()).not.toBe(join(process.env.HOME ?? '', 'Library', 'Application Support', 'Bancone').toLowerCase());
    expect(keysDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Bancone Keys$/);
    expect(keysDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/bancone/keys');
  });
});

describe('the real OS keyring (@napi-rs/keyring)', () => {
  it('loads its prebuilt addon here and answers null for an account it does not hold (nothing written)', () => {
    const port = osKeyring();
    expect(port).not.toBe(null);
    expect(port!.read(`data-key-${randomBytes(16).toString('hex')}`)).toBe(null);
  });
});

describe('safeStorage as the wrapping (Electron, its asynchronous API)', () => {
  /** A fake safeStorage with only the asynchronous calls (the synchronous ones are deprecated in Electron 45). */
  const fake = (backend: string, o: { rotate?: boolean; prefix?: string } = {}) => {
    const prefix = o.prefix ?? 'W:';
    const calls: string[] = [];
    return {
      calls,
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (t: string) => { calls.push('encrypt'); return Buffer.from(`${prefix}${t}`); },
      decryptStringAsync: async (b: Buffer) => {
        calls.push('decrypt');
        const text = b.toString();
        if (!text.startsWith('W:') && !text.startsWith('V:')) throw new Error('not ours');
        return { result: text.slice(2), shouldReEncrypt: o.rotate === true && text.startsWith('W:') };
      },
      getSelectedStorageBackend: () => backend,
    };
  };
  const keyFile = () => join(config, 'bancone', 'keys', readdirSync(join(config, 'bancone', 'keys')).filter((f) => !f.includes('.'))[0]!);
  /** What main does at start: the wrapped texts read ahead, the async work done, then the synchronous provider. */
  async function start(s: ReturnType<typeof fake>) {
    const c = await safeStorageWrapping(s, 'linux', wrappedKeyTexts(data, env(), 'linux'));
    const keys = dataKeyProvider({ dataDir: data, env: env(), keyring: null, platform: 'linux', ...(c.wrapping ? { wrapping: c.wrapping } : {}), ...(c.legacyUnwrap ? { legacyUnwrap: c.legacyUnwrap } : {}), ...(c.newKey ? { newKey: c.newKey } : {}) });
    return { c, keys };
  }

  it('refuses Linux basic_text, in Italian, but still unwraps an older key file (decrypted ahead)', async () => {
    writeFileSync(join(data, 'secret.key'), Buffer.from(`W:${Buffer.alloc(32, 7).toString('base64')}`).toString('base64'));
    const { c, keys } = await start(fake('basic_text'));
    expect(c.wrapping).toBe(null);
    expect(c.refused).toMatch(/basic_text.*password fissa/);
    expect(keys.key()).toEqual(Buffer.alloc(32, 7));
    expect(existsSync(join(data, 'secret.key'))).toBe(false);
  });

  it('wraps the key file with a real backend: the file holds only the wrapped key, and the next start reads it', async () => {
    const first = await start(fake('gnome_libsecret'));
    putSecret(db, first.keys, 'openapi.token', 'abc', now);
    expect(Buffer.from(readFileSync(keyFile(), 'utf8'), 'base64').toString().startsWith('W:')).toBe(true);
    const again = await start(fake('gnome_libsecret'));
    expect(getSecret(db, again.keys, 'openapi.token')).toBe('abc');
  });

  it('a wrapping safeStorage asks to renew (its key rotated) is rewritten once the key is known', async () => {
    const first = await start(fake('gnome_libsecret'));
    putSecret(db, first.keys, 'openapi.token', 'abc', now);
    const rotated = fake('gnome_libsecret', { rotate: true, prefix: 'V:' });
    const again = await start(rotated);
    expect(again.c.stale).toEqual([keyFile()]);
    await again.c.rewrap(again.keys.key());
    expect(Buffer.from(readFileSync(keyFile(), 'utf8'), 'base64').toString().startsWith('V:')).toBe(true);
    expect(getSecret(db, (await start(fake('gnome_libsecret'))).keys, 'openapi.token')).toBe('abc');
  });

  it('a key file this user\'s safeStorage did not wrap (copied from another machine) is said unreadable, not crashed on', async () => {
    const first = await start(fake('gnome_libsecret'));
    first.keys.key();
    writeFileSync(keyFile(), Buffer.from(`X:${Buffer.alloc(32, 1).toString('base64')}`).toString('base64'));
    const { keys } = await start(fake('gnome_libsecret'));
    expect(() => keys.key()).toThrow(expect.objectContaining({ code: 'SECRET_KEY_INVALID' }));
  });

  it('without async encryption available: no wrapping, the key kept as the CLI keeps it', async () => {
    const s = { ...fake('gnome_libsecret'), isAsyncEncryptionAvailable: async () => false };
    const c = await safeStorageWrapping(s, 'linux', []);
    expect(c).toMatchObject({ wrapping: null, legacyUnwrap: null, newKey: null, refused: null });
    expect(s.calls).toEqual([]);
  });
});
