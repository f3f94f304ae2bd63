// `npm test` on a fresh Debian machine (issue #10, item 12): what it needs besides node_modules is
// installed when it can be (root with apt-get), or one line says exactly what to run. The machine is
// a fake: nothing is installed or removed here.
import { describe, expect, it } from 'vitest';
import { ensurePrerequisites, REQUIREMENTS } from '../../../scripts/prerequisites.mjs';

const ALL = ['/usr/bin/chromium', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/bin/xmllint', '/usr/bin/apt-get'];

function machine(opts: { files: string[]; isRoot: boolean; env?: Record<string, string>; aptWorks?: boolean }) {
  const files = new Set(opts.files);
  const runs: string[] = [];
  const lines: string[] = [];
  const installs: Record<string, string> = { chromium: '/usr/bin/chromium', 'fonts-dejavu-core': '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'libxml2-utils': '/usr/bin/xmllint' };
  return {
    runs, lines, files,
    m: {
      env: opts.env ?? {},
      exists: (p: string) => files.has(p),
      isRoot: opts.isRoot,
      run: (cmd: string, args: string[]) => {
        runs.push([cmd, ...args].join(' '));
        if (opts.aptWorks === false) return 100;
        if (args[0] === 'install') for (const a of args) if (installs[a]) files.add(installs[a]!);
        return 0;
      },
      log: (l: string) => { lines.push(l); },
    },
  };
}

describe('npm test prerequisites', () => {
  it('a machine with everything: nothing is run, nothing is said', () => {
    const f = machine({ files: ALL, isRoot: false });
    expect(ensurePrerequisites(f.m)).toBe(true);
    expect([f.runs, f.lines]).toEqual([[], []]);
  });

  it('fresh Debian as root: installs only what is missing with apt-get, then goes on', () => {
    const f = machine({ files: ['/usr/bin/apt-get', '/usr/bin/xmllint'], isRoot: true });
    expect(ensurePrerequisites(f.m)).toBe(true);
    expect(f.runs).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core']);
    expect(f.lines).toEqual(['▶ Installing what the tests need: chromium, fonts-dejavu-core (browser end-to-end tests; a font for Chromium)']);
  });

  it('fresh Debian, not root: one line with exactly the command to run, and the tests do not start', () => {
    const f = machine({ files: ['/usr/bin/apt-get'], isRoot: false });
    expect(ensurePrerequisites(f.m)).toBe(false);
    expect(f.runs).toEqual([]);
    expect(f.lines).toEqual(['npm test needs chromium, fonts-dejavu-core, libxml2-utils: run  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core libxml2-utils  then npm test again']);
  });

  it('root but apt-get fails (no network): says so in one line with the command', () => {
    const f = machine({ files: ['/usr/bin/apt-get'], isRoot: true, aptWorks: false });
    expect(ensurePrerequisites(f.m)).toBe(false);
    expect(f.lines).toHaveLength(2);
    expect(f.lines[1]).toBe('npm test: could not install chromium, fonts-dejavu-core, libxml2-utils; run  apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core libxml2-utils  (see its errors above), then npm test again');
  });

  it('no apt-get (another system): names what is missing and BANCONE_CHROMIUM', () => {
    const f = machine({ files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/bin/xmllint'], isRoot: true });
    expect(ensurePrerequisites(f.m)).toBe(false);
    expect(f.lines).toEqual(["npm test needs chromium (browser end-to-end tests): install them with your system's package manager (or set BANCONE_CHROMIUM to a Chromium binary), then npm test again"]);
  });

  it('BANCONE_CHROMIUM names the browser the e2e harness uses: then /usr/bin/chromium is not needed', () => {
    const f = machine({ files: ['/opt/chrome/chrome', ...ALL.filter((p) => p !== '/usr/bin/chromium')], isRoot: false, env: { BANCONE_CHROMIUM: '/opt/chrome/chrome' } });
    expect(ensurePrerequisites(f.m)).toBe(true);
    expect(REQUIREMENTS.map((r) => r.pkg)).toEqual(['chromium', 'fonts-dejavu-core', 'libxml2-utils']);
  });
});

describe('scripts/test.mjs checks them first', () => {
  it('runs the check before the typecheck', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(new URL('../../../scripts/test.mjs', import.meta.url), 'utf8');
    expect(src.indexOf('ensurePrerequisites(thisMachine())')).toBeGreaterThan(0);
    expect(src.indexOf('ensurePrerequisites(thisMachine())')).toBeLessThan(src.indexOf('for (const [name, cmd, args] of steps)'));
  });
});
