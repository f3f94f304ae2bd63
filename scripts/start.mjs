#!/usr/bin/env node
// `npm start`: runs the till in Electron; where the Electron binary is missing (as on machines that
// cannot download it) it says so in one line and starts the browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, cpSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');

/** The Electron binary if it is installed. Not require('electron'): that tries to download it. */
function electronBinary() {
  try {
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      const p = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
      return existsSync(p) ? p : null;
    }
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const p = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [opts] */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** better-sqlite3 built for Electron's ABI, kept beside the Node build the tests use.
 *  @param {string} electronVersion */
function electronSqliteBinding(electronVersion) {
  const dir = join(root, 'build', 'native', `electron-${electronVersion}`);
  const file = join(dir, 'better_sqlite3.node');
  if (existsSync(file)) return file;
  console.log(`Compilo better-sqlite3 per Electron ${electronVersion} (una volta sola)…`);
  const work = join(tmpdir(), `bancone-bsqlite-${process.pid}`);
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  run('npx', ['node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), file);
  rmSync(work, { recursive: true, force: true });
  return file;
}

run('npx', ['electron-vite', 'build']);
const bin = electronBinary();
if (bin) {
  const version = require('electron/package.json').version;
  const binding = electronSqliteBinding(version);
  const child = spawn(bin, ['.'], { stdio: 'inherit', cwd: root, env: { ...process.env, BANCONE_SQLITE_BINDING: binding } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron non è installato su questa macchina: avvio la modalità browser (bancone serve).');
  const child = spawn(process.execPath, [join(root, 'bin', 'bancone.mjs'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  child.on('exit', (code) => process.exit(code ?? 0));
}
