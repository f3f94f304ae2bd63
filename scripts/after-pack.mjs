// electron-builder's afterPack hook (electron-builder.yml): sets Electron's fuses on the packaged
// binary, before it is signed (afterPack runs before signing, so the signature covers the flipped
// bytes). Fuses are bits in the Electron binary that turn features off for good, whatever the
// command line or the environment says (issue #10 item 11):
//   - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 Bancone` would be a plain Node with the till's
//     signature and keychain identity. The shipped command line does not need it
//     (`Bancone --cli …`, docs/architecture.md «The command line»).
//   - NODE_OPTIONS and --inspect off: nobody can --require code or attach a debugger to main.
//   - Cookie encryption on: the session's cookies are sealed with the OS keychain.
//   - Embedded asar integrity on, only load the app from asar: the code that runs is the code we
//     shipped (electron-builder embeds the archive's hash on macOS and Windows; Linux has no check).
//   - File-protocol extra privileges off: the renderer is served from app://bancone/
//     (electron/protocol.ts), so file:// pages need none of the powers Electron grants them.
// Plain .mjs: electron-builder loads it as is, and tests call it on a fake binary.
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** The fuse states Bancone ships with (FuseV1Options index → on/off). */
export const BANCONE_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

// The byte values of a fuse in the wire (@electron/fuses' FuseState: '0', '1', 'r').
const ENABLED = 0x31;
const DISABLED = 0x30;
const REMOVED = 0x72; // 'r'

/**
 * The Electron binary electron-builder just packed, as its own addElectronFuses finds it: the
 * .app bundle on macOS (@electron/fuses goes into its framework), the .exe on Windows, the
 * executable on Linux.
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName: platform, packager } = context;
  if (platform === 'darwin' || platform === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (platform === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  if (platform === 'linux') return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
  throw new Error(`after-pack: unknown platform ${platform}, cannot set the Electron fuses`);
}

/**
 * Flips the fuses, then reads them back. It refuses, failing the packaging instead of shipping a
 * till less hardened than it says: a binary whose wire marks one of these fuses removed (Electron
 * dropped it: @electron/fuses would only warn and write a byte nothing reads), a wire too short
 * for them (@electron/fuses throws), or a fuse that reads back wrong.
 * @param {Parameters<typeof electronBinaryPath>[0]} context
 */
export default async function afterPack(context) {
  const binary = electronBinaryPath(context);
  const names = (/** @type {(i: number) => boolean} */ keep) => Object.keys(BANCONE_FUSES).map(Number).filter(keep)
    .map((i) => FuseV1Options[/** @type {FuseV1Options} */ (i)]).join(', ');
  const before = await getCurrentFuseWire(binary);
  const removed = names((i) => before[/** @type {FuseV1Options} */ (i)] === REMOVED);
  if (removed) throw new Error(`after-pack: this Electron has removed the fuses ${removed} (${binary}): review scripts/after-pack.mjs`);
  await flipFuses(binary, {
    version: FuseVersion.V1,
    // No resetAdHocDarwinSignature: electron-builder signs right after this hook (ad hoc on arm64
    // without an identity), so the signature always covers the flipped bytes.
    ...BANCONE_FUSES,
  });
  const after = await getCurrentFuseWire(binary);
  const wrong = names((i) => after[/** @type {FuseV1Options} */ (i)] !== (BANCONE_FUSES[/** @type {FuseV1Options} */ (i)] ? ENABLED : DISABLED));
  if (wrong) throw new Error(`after-pack: these Electron fuses did not take in ${binary}: ${wrong}`);
}
