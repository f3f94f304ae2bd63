// What `npm test` needs from the machine besides node_modules, checked before anything runs: on a
// fresh Debian machine the README's test command must pass on its own (issue #10, item 12). As
// root with apt-get, what is missing is installed; otherwise one line says exactly what to run.
// Everything the check touches (files, user, commands, output) is passed in, so the logic is tested
// without uninstalling anything (test/unit/scripts/prerequisites.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * @typedef {{ pkg: string, why: string, present: (env: Record<string, string | undefined>, exists: (p: string) => boolean) => boolean }} Requirement
 * @typedef {{
 *   env: Record<string, string | undefined>,
 *   exists: (path: string) => boolean,
 *   isRoot: boolean,
 *   run: (cmd: string, args: string[]) => number,
 *   log: (line: string) => void,
 * }} Machine
 */

/** @type {Requirement[]} */
export const REQUIREMENTS = [
  // test/e2e/harness.ts drives this browser (BANCONE_CHROMIUM names another one).
  { pkg: 'chromium', why: 'browser end-to-end tests', present: (env, exists) => exists(env.BANCONE_CHROMIUM ?? '/usr/bin/chromium') },
  // A Chromium without any font draws the till's text as boxes; .ci/run has always installed this one.
  { pkg: 'fonts-dejavu-core', why: 'a font for Chromium', present: (_env, exists) => exists('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') },
  // xmllint: the FatturaPA tests validate every invoice against the official XSD with it (test/fixtures/xmllint.ts).
  { pkg: 'libxml2-utils', why: 'xmllint', present: (_env, exists) => exists('/usr/bin/xmllint') },
];

/**
 * Makes sure every requirement is there. Returns true when the tests can run.
 * @param {Machine} m
 * @param {Requirement[]} [requirements]
 */
export function ensurePrerequisites(m, requirements = REQUIREMENTS) {
  const missing = () => requirements.filter((r) => !r.present(m.env, m.exists));
  const first = missing();
  if (first.length === 0) return true;
  const pkgs = first.map((r) => r.pkg);
  const install = `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  const hasApt = m.exists('/usr/bin/apt-get');
  if (m.isRoot && hasApt) {
    m.log(`▶ Installing what the tests need: ${pkgs.join(', ')} (${first.map((r) => r.why).join('; ')})`);
    const ok = m.run('apt-get', ['update', '-qq']) === 0
      && m.run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs]) === 0;
    const still = missing();
    if (ok && still.length === 0) return true;
    m.log(`npm test: could not install ${(still.length ? still : first).map((r) => r.pkg).join(', ')}; run  apt-get update && ${install}  (see its errors above), then npm test again`);
    return false;
  }
  if (hasApt) m.log(`npm test needs ${pkgs.join(', ')}: run  sudo apt-get update && sudo ${install}  then npm test again`);
  else m.log(`npm test needs ${first.map((r) => `${r.pkg} (${r.why})`).join(', ')}: install them with your system's package manager${pkgs.includes('chromium') ? ' (or set BANCONE_CHROMIUM to a Chromium binary)' : ''}, then npm test again`);
  return false;
}

/** The real machine. @returns {Machine} */
export function thisMachine() {
  return {
    env: process.env,
    exists: existsSync,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    run: (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status ?? 1,
    log: (line) => console.log(line),
  };
}
