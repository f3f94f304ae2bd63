// The packaging hook that sets Electron's fuses (scripts/after-pack.mjs), run on a fake Electron
// binary: @electron/fuses finds the fuse wire after a sentinel string in the binary, so a file with
// the sentinel, the wire version, its length and Electron's default states is enough to see which
// bytes the hook flips, in the path electron-builder hands it on each platform.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import afterPack, { BANCONE_FUSES, electronBinaryPath } from '../../../scripts/after-pack.mjs';

const root = resolve(import.meta.dirname, '../../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's shipped defaults, in wire order: RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect,
// asar integrity, only asar, V8 snapshot, file-protocol privileges, and a ninth fuse this version of
// @electron/fuses has no name for (newer Electrons have more fuses than it knows; they stay as they are).
const ELECTRON_DEFAULTS = '10110001' + '1';

function fakeElectron(file: string, wire = ELECTRON_DEFAULTS): void {
  mkdirSync(dirname(file), { recursive: true });
  const before = Buffer.from('\x7fELF fake electron binary, code before the wire…');
  const after = Buffer.from('…and code after it');
  writeFileSync(file, Buffer.concat([before, Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), after]));
}

/** The fuse states as the binary now holds them ('0' off, '1' on), and that nothing else changed. */
function wireOf(file: string): string {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  expect(bytes.subarray(0, bytes.indexOf(SENTINEL)).toString()).toBe('\x7fELF fake electron binary, code before the wire…');
  expect(bytes.subarray(at + 2 + bytes[at + 1]!).toString()).toBe('…and code after it');
  return bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1');
}

function withDir(run: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bancone-fuses-'));
    try { await run(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
  };
}

const packager = { appInfo: { productFilename: 'Bancone' }, executableName: 'bancone' };
// RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on,
// only asar on, V8 snapshot off, file-protocol privileges off; the unknown ninth left alone.
const HARDENED = '01001100' + '1';

describe('Electron fuses at packaging (scripts/after-pack.mjs)', () => {
  it('sets every fuse the till ships with, and leaves the rest of the binary alone (Linux executable)', withDir(async (dir) => {
    const binary = join(dir, 'bancone');
    fakeElectron(binary);
    await afterPack({ appOutDir: dir, electronPlatformName: 'linux', packager });
    expect(wireOf(binary)).toBe(HARDENED);
  }));

  it('finds the binary where electron-builder packs it on Windows and inside the macOS framework', withDir(async (dir) => {
    const exe = join(dir, 'Bancone.exe');
    fakeElectron(exe);
    await afterPack({ appOutDir: dir, electronPlatformName: 'win32', packager });
    expect(wireOf(exe)).toBe(HARDENED);

    const framework = join(dir, 'Bancone.app', 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
    fakeElectron(framework);
    await afterPack({ appOutDir: dir, electronPlatformName: 'darwin', packager });
    expect(wireOf(framework)).toBe(HARDENED);
    expect(electronBinaryPath({ appOutDir: dir, electronPlatformName: 'mas', packager })).toBe(join(dir, 'Bancone.app'));
  }));

  it('is idempotent: packing twice (or a binary already hardened) gives the same fuses', withDir(async (dir) => {
    const binary = join(dir, 'bancone');
    fakeElectron(binary, HARDENED);
    await afterPack({ appOutDir: dir, electronPlatformName: 'linux', packager });
    await afterPack({ appOutDir: dir, electronPlatformName: 'linux', packager });
    expect(wireOf(binary)).toBe(HARDENED);
  }));

  it('fails the packaging, the binary untouched, when this Electron has removed one of the fuses (its protection would not exist)', withDir(async (dir) => {
    const binary = join(dir, 'bancone');
    fakeElectron(binary, '1r110001');
    await expect(afterPack({ appOutDir: dir, electronPlatformName: 'linux', packager })).rejects.toThrow(/removed the fuses EnableCookieEncryption\b/);
    expect(wireOf(binary)).toBe('1r110001');
  }));

  it('fails on an Electron whose wire is too short for the fuses', withDir(async (dir) => {
    const binary = join(dir, 'bancone');
    fakeElectron(binary, '10110');
    await expect(afterPack({ appOutDir: dir, electronPlatformName: 'linux', packager })).rejects.toThrow(/not long enough/);
  }));

  it('fails on a binary without a fuse wire, and on a platform it does not know', withDir(async (dir) => {
    writeFileSync(join(dir, 'bancone'), 'not electron');
    await expect(afterPack({ appOutDir: dir, electronPlatformName: 'linux', packager })).rejects.toThrow(/sentinel/);
    expect(() => electronBinaryPath({ appOutDir: dir, electronPlatformName: 'aix', packager })).toThrow(/aix/);
  }));

  it('names each fuse the brief asks for with its state', () => {
    // FuseV1Options indexes: 0 RunAsNode … 7 GrantFileProtocolExtraPrivileges.
    expect(BANCONE_FUSES).toEqual({ 0: false, 1: true, 2: false, 3: false, 4: true, 5: true, 6: false, 7: false });
  });

  it('electron-builder.yml runs the hook after packing, on an asar app', async () => {
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^asar: true$/m);
    const hook = /^afterPack: (\S+)$/m.exec(yml)?.[1];
    expect(hook).toBe('./scripts/after-pack.mjs');
    // What electron-builder does with the setting: import the file and call its default export.
    const mod = (await import(pathToFileURL(join(root, hook!)).href)) as { default: unknown };
    expect(mod.default).toBe(afterPack);
    // No second, competing fuse setting.
    expect(yml).not.toMatch(/^electronFuses:/m);
  });

  it('electron-builder reads the file as its own configuration, and its schema accepts it', async () => {
    // electron-builder's own loader and validator (a typo such as `afterpack:` would be refused here, not at release time).
    const require = createRequire(join(root, 'package.json'));
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, path: string | null, from: null): Promise<Record<string, unknown>>;
      validateConfiguration(config: Record<string, unknown>, log: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const config = await getConfig(root, null, null);
    expect(config).toMatchObject({ afterPack: './scripts/after-pack.mjs', asar: true });
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, afterpack: config.afterPack }, new DebugLogger(false))).rejects.toThrow(/unknown property 'afterpack'/);
  });
});
