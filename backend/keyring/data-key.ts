// Where the data key lives (the AES key of the `secrets` table, backend/secrets.ts): never beside the
// data, so a copy of the data folder gives up no secret (issue #10 item 2). In order:
//   1. the OS keyring (Keychain, Credential Manager, Secret Service), account `data-key-<id>`;
//   2. where there is none (a headless Linux, no Secret Service): a file in the user's config folder,
//      `$XDG_CONFIG_HOME/bancone/keys/<id>` (dir 0700, file 0600), wrapped by the app's safeStorage
//      when the app has a real one.
// <id> names the data folder: a random id in `<data>/key-id` (not a secret), so the folder can be
// moved and keep its key. A `secret.key` an older version left in the data folder is moved out on
// first use: the secrets stay readable, the copy no longer holds the key.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, resolve, isAbsolute } from 'node:path';
import type { Env } from '../config.js';
import { BanconeError } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import type { KeyringPort } from './port.js';
import { osKeyring } from './os-keyring.js';

/** The OS wrapping of the app (safeStorage): the key file then holds only the wrapped key. */
export interface KeyWrapping {
  wrap(key: Buffer): Buffer;
  unwrap(stored: Buffer): Buffer;
}

export interface DataKeyOptions {
  dataDir: string;
  /**
   * XDG_CONFIG_HOME, APPDATA; BANCONE_KEYRING=off leaves the OS keyring alone (a server, the tests).
   * Over process.env: what a command was given wins, the process's environment fills the rest.
   */
  env?: Env;
  /** The OS keyring; default the real one (os-keyring.ts), null for none. */
  keyring?: KeyringPort | null;
  wrapping?: KeyWrapping;
  /**
   * How an older version's `secret.key` was wrapped, when not like `wrapping`: the app refuses
   * Linux's basic_text for new keys but must still unwrap the file it once wrapped with it.
   */
  legacyUnwrap?: (stored: Buffer) => Buffer;
  platform?: NodeJS.Platform;
  /** Makes a new key (default 32 random bytes): the app makes it ahead, to wrap it asynchronously. */
  newKey?: () => Buffer;
}

export interface DataKey {
  /** The 32-byte key (created on first use). */
  key(): Buffer;
  /**
   * True once key() had to make a new key for a folder that already had one somewhere else (copied
   * from another machine or user): what was stored before cannot be read, and getSecret says why.
   */
  lost(): boolean;
  /** Where the key is kept, once key() ran: for status and the tests. */
  keptIn(): 'keyring' | 'file' | null;
}

export const KEY_ID_FILE = 'key-id';
export const LEGACY_KEY_FILE = 'secret.key';
const ID = /^[0-9a-f]{32}$/;

/**
 * The fallback folder. On Linux the brief's XDG place; macOS and Windows have case-insensitive
 * disks where `bancone` is the data folder `Bancone` itself, hence another name there (and they
 * always have a keyring: the file is the exception).
 */
export function keysDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'Bancone Keys');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Bancone Keys');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'bancone', 'keys');
}

function inside(child: string, parent: string): boolean {
  const r = relative(resolve(parent), resolve(child));
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** The data folder's id, created with the folder's first key; `existed` false when made now. */
function folderId(dataDir: string): { id: string; existed: boolean } {
  const file = join(dataDir, KEY_ID_FILE);
  const read = () => readFileSync(file, 'utf8').trim();
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const id = randomBytes(16).toString('hex');
    try {
      writeFileSync(file, `${id}\n`, { flag: 'wx', mode: 0o600 });
      return { id, existed: false };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first: theirs
    }
  }
  const id = read();
  if (!ID.test(id)) throw new BanconeError('SECRET_KEY_INVALID', msg.settings.secretKeyInvalid({ file }));
  return { id, existed: true };
}

/** A synchronous pause (the key is read synchronously): only while another process makes the key. */
const pause = new Int32Array(new SharedArrayBuffer(4));

export function dataKeyProvider(o: DataKeyOptions): DataKey {
  const env: Env = { ...process.env, ...o.env };
  // The addon loads at the first key() only: most commands never touch a secret.
  let keyringLoaded: KeyringPort | null | undefined = o.keyring;
  const keyringPort = (): KeyringPort | null =>
    (keyringLoaded = keyringLoaded !== undefined ? keyringLoaded : env.BANCONE_KEYRING === 'off' ? null : osKeyring());
  const dir = keysDir(env, o.platform);
  let cached: Buffer | null = null;
  let lost = false;
  let folder: string | null = null;
  let kept: 'keyring' | 'file' | null = null;

  const decode = (text: string, unwrap: ((b: Buffer) => Buffer) | undefined, where: string): Buffer => {
    let key: Buffer;
    try {
      const stored = Buffer.from(text.trim(), 'base64');
      key = unwrap ? unwrap(stored) : stored;
    } catch {
      throw new BanconeError('SECRET_KEY_INVALID', msg.settings.secretKeyInvalid({ file: where }));
    }
    if (key.length !== 32) throw new BanconeError('SECRET_KEY_INVALID', msg.settings.secretKeyInvalid({ file: where }));
    return key;
  };

  const stored = (id: string): Buffer | null => {
    const inKeyring = keyringPort()?.read(`data-key-${id}`) ?? null;
    if (inKeyring !== null) { kept = 'keyring'; return decode(inKeyring, undefined, `keyring ${id}`); }
    const file = join(dir, id);
    if (!existsSync(file)) return null;
    try { chmodSync(file, 0o600); } catch { /* not ours to fix (Windows) */ }
    kept = 'file';
    return decode(readFileSync(file, 'utf8'), o.wrapping?.unwrap, file);
  };

  const keep = (id: string, key: Buffer): void => {
    const file = join(dir, id);
    if (keyringPort()?.write(`data-key-${id}`, key.toString('base64'))) {
      kept = 'keyring';
      // A fallback file from a time without keyring is a weaker copy of the same key.
      try { unlinkSync(file); } catch { /* none */ }
      return;
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try { chmodSync(dir, 0o700); } catch { /* Windows */ }
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, (o.wrapping ? o.wrapping.wrap(key) : key).toString('base64'), { mode: 0o600 });
    renameSync(tmp, file);
    kept = 'file';
  };

  /** Only one process makes a folder's first key: the others wait for it and read it. */
  const withCreationLock = <T>(id: string, fn: () => T): T => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const lock = join(dir, `${id}.lock`);
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        closeSync(openSync(lock, 'wx', 0o600));
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        // A lock left by a process killed while making the key (it takes milliseconds).
        const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
        if (age > 30_000 || Date.now() > deadline) { try { unlinkSync(lock); } catch { /* gone */ } continue; }
        Atomics.wait(pause, 0, 0, 20);
      }
    }
    try { return fn(); } finally { try { unlinkSync(lock); } catch { /* gone */ } }
  };

  return {
    lost: () => lost || (folder !== null && existsSync(join(dir, `${folder}.replaced`))),
    keptIn: () => kept,
    key() {
      if (cached) return cached;
      if (inside(dir, o.dataDir) || inside(o.dataDir, dir))
        throw new BanconeError('SECRET_KEYS_DIR_IN_DATA', msg.settings.keysDirInsideData({ keys: dir, data: o.dataDir }));
      const { id, existed } = folderId(o.dataDir);
      folder = id;
      // An older version's key beside the data: moved out, so the secrets it locked stay readable.
      // It wins over a stored one: it is the key the last writer of those secrets used.
      const legacy = join(o.dataDir, LEGACY_KEY_FILE);
      let legacyText: string | null = null;
      try { legacyText = readFileSync(legacy, 'utf8'); } catch { /* none (or another process moved it just now) */ }
      if (legacyText !== null) {
        const key = decode(legacyText, o.legacyUnwrap ?? o.wrapping?.unwrap, legacy);
        keep(id, key);
        try { unlinkSync(legacy); } catch { /* another process moved it too */ }
        cached = key;
        return key;
      }
      cached = stored(id) ?? withCreationLock(id, () => {
        const again = stored(id);
        if (again) return again;
        const fresh = o.newKey ? o.newKey() : randomBytes(32);
        keep(id, fresh);
        // Said by every later process too (each CLI command is one), not only by this one.
        if (existed) { lost = true; writeFileSync(join(dir, `${id}.replaced`), ''); }
        return fresh;
      });
      return cached;
    },
  };
}

/**
 * The stored texts the key provider may have to unwrap for this data folder (its fallback key file
 * and an older version's `secret.key`), read ahead so that an asynchronous unwrapping (Electron's
 * safeStorage async API) can be done before the synchronous provider runs. Missing files are left out.
 */
export function wrappedKeyTexts(dataDir: string, env: Env = {}, platform: NodeJS.Platform = process.platform): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const read = (file: string) => { try { out.push({ file, text: readFileSync(file, 'utf8') }); } catch { /* none */ } };
  let id: string | null = null;
  try { id = readFileSync(join(dataDir, KEY_ID_FILE), 'utf8').trim(); } catch { /* a new folder */ }
  if (id !== null && ID.test(id)) read(join(keysDir({ ...process.env, ...env }, platform), id));
  read(join(dataDir, LEGACY_KEY_FILE));
  return out;
}
