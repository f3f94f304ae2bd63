// The compiled `bancone` (out/cli/bancone.mjs, built by `npm run build` before vitest in `npm test`)
// as it ships: copied with package.json and the packages into a folder without our sources and
// without tsx, it runs on plain Node. Also: bin/bancone.mjs picks the build only when it is fresh,
// and the packaging config carries it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compiledCliPath } from '../../../bin/compiled-cli.mjs';
import { fiscalShopFile } from '../../fixtures/fiscal-shop.js';

const root = resolve(import.meta.dirname, '../../..');
const cliDir = join(root, 'out', 'cli');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };
const tmp = mkdtempSync(join(tmpdir(), 'bancone-cli-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** node_modules whose entries link to the checkout's, all but `leaveOut`. */
function linkedNodeModules(at: string, leaveOut: string[]): void {
  mkdirSync(at, { recursive: true });
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (leaveOut.includes(name) || name === '.bin') continue;
    symlinkSync(join(root, 'node_modules', name), join(at, name), 'junction');
  }
}

interface Run { code: number; stdout: string; stderr: string }

/** Plain `node file args`: nothing inherited that could load TypeScript (NODE_OPTIONS, loaders). */
function node(file: string, args: string[], opts: { cwd: string; dataDir: string; input?: string }): Run {
  const r = spawnSync(process.execPath, [file, ...args], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: opts.dataDir, BANCONE_DATA_DIR: opts.dataDir },
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function bundleFiles(): string[] {
  return readdirSync(cliDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs')).map((f) => join(cliDir, f));
}

describe('the compiled CLI, as it ships', () => {
  const app = join(tmp, 'app');
  const dataDir = join(tmp, 'data');

  beforeAll(() => {
    expect(existsSync(compiledCliPath(root)), 'run `npm run build` (npm test does)').toBe(true);
    // The packaged app's shape: package.json, out/ and the packages; no backend/, shared/, tsx.
    mkdirSync(join(app, 'out'), { recursive: true });
    cpSync(cliDir, join(app, 'out', 'cli'), { recursive: true });
    cpSync(join(root, 'out', 'renderer'), join(app, 'out', 'renderer'), { recursive: true });
    cpSync(join(root, 'package.json'), join(app, 'package.json'));
    linkedNodeModules(join(app, 'node_modules'), ['tsx']);
    mkdirSync(dataDir);
  });

  const cli = (args: string[], input?: string) => node(join(app, 'out', 'cli', 'bancone.mjs'), args, { cwd: app, dataDir, ...(input === undefined ? {} : { input }) });

  it('imports only Node built-ins and the packages the app ships (its dependencies), never TypeScript', () => {
    const shipped = new Set(Object.keys(pkg.dependencies));
    const builtins = new Set(builtinModules);
    // Loaded only where there are renderer sources to build (a checkout), never in an installed app.
    const checkoutOnly = new Set(['vite']);
    for (const file of bundleFiles()) {
      const code = readFileSync(file, 'utf8');
      for (const [, from, dynamic] of code.matchAll(/^import\s[^'"]*?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)) {
        const spec = (from ?? dynamic)!;
        // Our own modules only as chunks of the build: never a .ts file.
        if (spec.startsWith('.')) { expect(spec, file).toMatch(/\.mjs$/); continue; }
        if (spec.startsWith('node:') || builtins.has(spec)) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (dynamic && checkoutOnly.has(name)) continue;
        expect(shipped.has(name), `${file} imports ${spec}, which is not in package.json dependencies`).toBe(true);
      }
    }
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
  });

  it('--help lists every command and exits 0', () => {
    const r = cli(['--help']);
    expect(r.code, r.stderr).toBe(0);
    for (const name of ['catalog', 'sale', 'return', 'void', 'status', 'audit', 'report', 'close-day', 'cash', 'print', 'printer', 'sync', 'onboard', 'training', 'serve'])
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(cli(['status', '--help']).stdout).toContain('Uso: bancone status');
  });

  it('status --json on a new data folder, a sale, then the status counts it', () => {
    const before = cli(['status', '--json']);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({ today: { sales: 0 }, sync: expect.any(Object), printing: { waiting: 0 } });
    // A new data folder is in training mode: declared a set-up, fiscal shop for the fiscal sale below.
    expect(JSON.parse(cli(['training', 'status', '--json']).stdout)).toMatchObject({ training: true, missing: ['shop', 'ade'] });
    fiscalShopFile(join(dataDir, 'bancone.db'));
    expect(JSON.parse(cli(['training', 'status', '--json']).stdout)).toMatchObject({ training: false });

    const sale = cli(['sale', '--json', '-', '--no-print'], JSON.stringify({ lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 500 }] }));
    expect(sale.code, sale.stderr).toBe(0);
    expect(sale.stderr).toBe('');
    expect(JSON.parse(sale.stdout)).toMatchObject({ number: expect.stringMatching(/^\d{4}-\d{2}-\d{2}\/0001$/), total_cents: 350, change_cents: 150 });

    const after = JSON.parse(cli(['status', '--json']).stdout);
    expect(after.today).toMatchObject({ sales: 1, salesCents: 350 });
    expect(cli(['audit', 'verify']).stdout).toContain('Catena integra.');
  });

  it('an unknown command exits 2 with the help on stderr', () => {
    const r = cli(['vendi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Comando sconosciuto: vendi/);
  });

  it('serve finds the built renderer in the installed layout and serves it on 127.0.0.1', async () => {
    const child = spawn(process.execPath, [join(app, 'out', 'cli', 'bancone.mjs'), 'serve', '--json'], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', HOME: dataDir, BANCONE_DATA_DIR: join(tmp, 'serve-data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const info = await new Promise<{ url: string; port: number }>((ok, fail) => {
        let out = '';
        let err = '';
        child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /\{[\s\S]*?\n\}/.exec(out);
          if (m) ok(JSON.parse(m[0]));
        });
        child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
      });
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      const page = await fetch(`http://127.0.0.1:${info.port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('bin/bancone.mjs', () => {
  // A checkout in miniature: bin/ as it is, a stand-in build and stand-in sources that say which ran.
  const co = join(tmp, 'checkout');
  const build = join(co, 'out', 'cli', 'bancone.mjs');
  const source = join(co, 'backend', 'cli', 'main.ts');
  const standIn = (said: string, typed: boolean) =>
    `export const processIO = { stdout: (s${typed ? ': string' : ''}) => process.stdout.write(s) };\n` +
    `export async function runCli(argv${typed ? ': string[]' : ''}, io${typed ? ': { stdout(s: string): void }' : ''}) { io.stdout('${said} ' + argv.join(' ')); return 0; }\n`;
  const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);
  const ran = () => {
    const r = node(join(co, 'bin', 'bancone.mjs'), ['status', '--json'], { cwd: co, dataDir: tmp });
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };

  beforeAll(() => {
    cpSync(join(root, 'bin'), join(co, 'bin'), { recursive: true });
    linkedNodeModules(join(co, 'node_modules'), []);
    writeFileSync(join(co, 'package.json'), JSON.stringify({ type: 'module' }));
    for (const [file, text] of [[build, standIn('compiled', false)], [source, standIn('tsx', true)], [join(co, 'shared', 'money.ts'), 'export {};\n']] as const) {
      mkdirSync(resolve(file, '..'), { recursive: true });
      writeFileSync(file, text);
    }
  });

  it('runs the build when no source is newer than it', () => {
    at(source, 1_000); at(join(co, 'shared', 'money.ts'), 1_000); at(build, 2_000);
    expect(ran()).toBe('compiled status --json');
  });

  it('runs the TypeScript through tsx when a source is newer than the build, or there is no build', () => {
    at(build, 2_000); at(join(co, 'shared', 'money.ts'), 3_000);
    expect(ran()).toBe('tsx status --json');
    rmSync(build);
    expect(ran()).toBe('tsx status --json');
    writeFileSync(build, standIn('compiled', false));
  });

  it('a source of the shop server (server/, bundled for `bancone server`) newer than the build runs the TypeScript too', () => {
    const server = join(co, 'server', 'http.ts');
    mkdirSync(resolve(server, '..'), { recursive: true });
    writeFileSync(server, 'export {};\n');
    at(source, 1_000); at(join(co, 'shared', 'money.ts'), 1_000); at(build, 2_000); at(server, 3_000);
    expect(ran()).toBe('tsx status --json');
    rmSync(join(co, 'server'), { recursive: true });
    expect(ran()).toBe('compiled status --json');
  });

  it('runs the build where there are no sources (an installed package)', () => {
    rmSync(join(co, 'backend'), { recursive: true });
    rmSync(join(co, 'shared'), { recursive: true });
    at(build, 1);
    expect(ran()).toBe('compiled status --json');
  });
});

describe('packaging', () => {
  it('npm run build builds the CLI after the app, and electron-builder ships out/ (so out/cli) without tsx', () => {
    // …then the back office page that `bancone server` serves (issue #14, out/backoffice).
    expect(pkg.scripts.build).toMatch(/^electron-vite build && vite build --config cli\.vite\.config\.ts && vite build --config backoffice\.vite\.config\.ts$/);
    expect(pkg.scripts.dist).toMatch(/^npm run build && electron-builder/);
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    const files = /^files:\n((?:\s+- .+\n)+)/m.exec(yml)?.[1] ?? '';
    expect(files).toMatch(/- out\/\*\*/);
    expect(files).not.toMatch(/!.*out\/cli/);
    expect(Object.keys(pkg.devDependencies)).toContain('tsx');
  });

  it('the app runs the shipped CLI with `--cli`, on its own runtime, before any window or lock', () => {
    const main = readFileSync(join(root, 'out', 'main', 'main.js'), 'utf8');
    expect(main).toContain('--cli');
    expect(main).toContain('../cli/bancone.mjs');
    expect(main.indexOf('--cli')).toBeLessThan(main.indexOf('requestSingleInstanceLock'));
  });
});
