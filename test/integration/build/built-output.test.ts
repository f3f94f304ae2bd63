// Electron cannot run on these machines, so what only a running Electron would catch is checked on
// the built output (`electron-vite build`, run by `npm test` before vitest): the sandboxed preload
// must be CommonJS and expose the contract call and the event channel, paths must resolve in the
// packaged layout, main must be the shell only (the till lives in out/main/backend-process.js, a
// utility process), the built backend process must start and answer under Node with main's
// messages, the window options and CSP must be the secure ones, the renderer must load from
// app://bancone/ through the protocol handler, and the navigation guards must be wired.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import vm from 'node:vm';
import { RENDERER_CSP, RENDERER_CSP_META, IPC_CALL, IPC_EVENT, secureWebPreferences, MAIN_WINDOW_OPTIONS } from '../../../backend/security.js';
import { APP_INDEX_URL, createAppProtocolHandler } from '../../../electron/protocol.js';

const root = resolve(import.meta.dirname, '../../..');
const out = join(root, 'out');
const read = (p: string) => readFileSync(join(out, p), 'utf8');

/** Every package a built module loads, following its own chunks (relative imports) through. */
function packagesLoadedBy(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g)) {
    if (!spec) continue;
    if (spec.startsWith('.')) for (const p of packagesLoadedBy(join(dirname(file), spec), seen)) packages.add(p);
    else packages.add(spec);
  }
  for (const [, spec] of code.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) if (spec && !spec.startsWith('.')) packages.add(spec);
  return packages;
}

describe('built output', () => {
  it('has been built (npm test runs electron-vite build first)', () => {
    expect(existsSync(join(out, 'main', 'main.js')), 'run `npx electron-vite build`').toBe(true);
  });

  it('preload is CommonJS and, run in a sandbox-like context, exposes only the contract call and the event channel', async () => {
    const code = read('preload/preload.cjs');
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/^\s*export\s/m);
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const on = new Map<string, Set<(...a: unknown[]) => void>>();
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => { exposed[key] = api; } },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => { invoked.push(args); return { ok: true, value: 42 }; },
        on: (ch: string, l: (...a: unknown[]) => void) => { if (!on.has(ch)) on.set(ch, new Set()); on.get(ch)!.add(l); },
        removeListener: (ch: string, l: (...a: unknown[]) => void) => { on.get(ch)?.delete(l); },
      },
    };
    // A sandboxed preload gets a limited `require` that can load only 'electron' (and a few polyfills).
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return fakeElectron;
      throw new Error(`sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(`(function (require, module, exports) {${code}\n})`, {})(sandboxRequire, module, module.exports);
    expect(Object.keys(exposed)).toEqual(['bancone']);
    const api = exposed.bancone as { call: (n: string, a: unknown) => Promise<unknown>; onEvent: (l: (e: unknown) => void) => () => void };
    expect(Object.keys(api).sort()).toEqual(['call', 'onEvent', 'platform']);
    await expect(api.call('sale.commit', { x: 1 })).resolves.toEqual({ ok: true, value: 42 });
    // The channel names are main's (repeated in the preload, which can require nothing else).
    expect(invoked).toEqual([[IPC_CALL, 'sale.commit', { x: 1 }]]);
    // Events: the page gets the payload only, never the IPC event object (it holds the sender).
    const heard: unknown[][] = [];
    const off = api.onEvent((...a) => heard.push(a));
    expect([...on.keys()]).toEqual([IPC_EVENT]);
    for (const l of on.get(IPC_EVENT)!) l({ sender: 'ipc internals' }, { type: 'changed', topics: ['status'] });
    expect(heard).toEqual([[{ type: 'changed', topics: ['status'] }]]);
    off();
    expect(on.get(IPC_EVENT)!.size).toBe(0);
  });

  it('main is the shell only: it loads electron and Node built-ins, never SQLite, pdfkit, zod or the dispatcher', () => {
    const loaded = [...packagesLoadedBy(join(out, 'main', 'main.js'))];
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(loaded.filter((p) => p !== 'electron' && !builtins.has(p))).toEqual([]);
    expect(read('main/main.js')).not.toMatch(/createDispatcher|openDatabase|better-sqlite3/);
    // The till is in the backend process, which does load them.
    const backend = packagesLoadedBy(join(out, 'main', 'backend-process.js'));
    for (const p of ['better-sqlite3', 'pdfkit', 'zod']) expect(backend.has(p), p).toBe(true);
    expect(backend.has('electron')).toBe(false);
  });

  it('main forks the backend and the sync process from the packaged layout (out/main/*.js)', () => {
    const main = read('main/main.js');
    expect(main).toContain('backend-process.js');
    expect(main).toContain('sync-process.js');
    expect(main).toMatch(/utilityProcess\.fork\(/);
    expect(existsSync(join(out, 'main', 'backend-process.js'))).toBe(true);
    expect(existsSync(join(out, 'main', 'sync-process.js'))).toBe(true);
  });

  it('the built backend process starts with main\'s start message and answers calls (under Node, parentPort shimmed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bancone-built-backend-'));
    const child = fork(join(out, 'main', 'backend-process.js'), [], {
      execArgv: ['--import', join(root, 'test/fixtures/parent-port-shim.mjs')],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BANCONE_DATA_DIR: dir },
    });
    const got: Record<string, unknown>[] = [];
    child.on('message', (m) => got.push(m as Record<string, unknown>));
    const until = async (pred: (m: Record<string, unknown>) => boolean) => {
      for (let i = 0; i < 400; i++) {
        const m = got.find(pred);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no such message; got ${JSON.stringify(got)}`);
    };
    try {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.send({ type: 'start', dbFile: join(dir, 'bancone.db'), dataDir: dir, key: { ok: true, bytes: new Uint8Array(32).fill(1) } });
      await until((m) => m.type === 'ready');
      expect(await until((m) => m.type === 'sync.start')).toMatchObject({ args: ['--db', join(dir, 'bancone.db'), '--data-dir', dir] });
      child.send({ type: 'call', id: 1, name: 'session.state', arg: {}, session: 'electron:1' });
      expect(await until((m) => m.id === 1)).toMatchObject({ type: 'result', result: { ok: true, value: { setupRequired: true } } });
      child.send({ type: 'stop' });
      await until((m) => m.type === 'stopped');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('main resolves the preload and the renderer from the packaged layout (out/main → out/preload, out/renderer)', () => {
    const main = read('main/main.js');
    expect(main).toContain('../preload/preload.cjs');
    expect(main).toContain('"../renderer"');
    expect(existsSync(join(out, 'preload', 'preload.cjs'))).toBe(true);
    expect(existsSync(join(out, 'renderer', 'index.html'))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(existsSync(join(root, pkg.main))).toBe(true);
  });

  it('main loads the renderer from app://bancone/ (registered privileged before ready), never from file://', () => {
    const main = read('main/main.js');
    expect(main).toMatch(/protocol\.registerSchemesAsPrivileged\(/);
    expect(main).toMatch(/\.protocol\.handle\("app", createAppProtocolHandler\(/);
    expect(main).toContain(`"${APP_INDEX_URL}"`);
    expect(main).not.toMatch(/\.loadFile\(/);
    // Registered before ready: the call runs at the top level, before app.whenReady() is reached.
    const register = main.search(/^registerAppScheme\(\);$/m);
    expect(register).toBeGreaterThan(-1);
    expect(register).toBeLessThan(main.indexOf('app.whenReady()'));
  });

  it('main guards navigation: will-navigate, will-redirect and will-frame-navigate refused off our origin, windows denied', () => {
    const main = read('main/main.js');
    for (const e of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(main).toMatch(new RegExp(`webContents\\.on\\("${e}", \\(event\\) => \\{\\s*if \\(!allowNavigation\\(event\\.url, origins\\)\\) event\\.preventDefault\\(\\);`));
    }
    expect(main).toMatch(/setWindowOpenHandler\(\(\{ url \}\) => \{\s*const decision = windowOpenDecision\(url\);\s*if \(decision\.openExternally\) shell\.openExternal\(url\);/);
    // openExternal only there, behind the allow-list.
    expect(main.match(/openExternal\(/g)).toHaveLength(1);
    // IPC trusts our origin only.
    expect(main).toMatch(/const trusted = \(url\) => isAppUrl\(url,/);
  });

  it('the built renderer, served by the app:// handler, loads: the page and every asset it names, each with its type and the CSP', async () => {
    const handle = createAppProtocolHandler({ root: join(out, 'renderer') });
    const page = await handle(new Request(APP_INDEX_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    const html = await page.text();
    const assets = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const a of assets) {
      const url = new URL(a, APP_INDEX_URL).href;
      const r = await handle(new Request(url));
      expect(r.status, url).toBe(200);
      expect(r.headers.get('content-type'), url).toMatch(a.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(r.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    }
    // The page itself cannot be used to read the app's other files (main, the backend).
    expect((await handle(new Request('app://bancone/../main/main.js'))).status).toBe(404);
    expect((await handle(new Request('app://bancone/..%2fmain%2fmain.js'))).status).toBe(404);
  });

  it('main creates windows with the secure webPreferences', () => {
    const main = read('main/main.js');
    for (const s of ['contextIsolation: true', 'nodeIntegration: false', 'sandbox: true', 'webSecurity: true', 'webviewTag: false']) expect(main).toContain(s);
    expect(secureWebPreferences('/p')).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, preload: '/p' });
    expect(MAIN_WINDOW_OPTIONS.minWidth).toBeLessThanOrEqual(1024);
    // Only the shell talks to Electron: no service module may have pulled electron in beyond main.
    expect(main).toMatch(/from "electron"|from 'electron'/);
  });

  it('renderer page carries the strict CSP, loads only relative local assets, and has no inline script', () => {
    const html = read('renderer/index.html');
    const meta = /<meta[^>]+http-equiv="Content-Security-Policy"[^>]+content="([^"]+)"/i.exec(html);
    expect(meta?.[1]).toBe(RENDERER_CSP_META);
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body!.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attrs!)?.[1] ?? '';
      expect(src.startsWith('./')).toBe(true);
      expect(existsSync(join(out, 'renderer', src))).toBe(true);
    }
  });

  it('packaging config keeps better-sqlite3 outside the asar and ships the built output', () => {
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/asarUnpack:[\s\S]*better-sqlite3/);
    expect(yml).toMatch(/files:[\s\S]*out\/\*\*/);
    for (const target of ['AppImage', 'deb', 'nsis', 'dmg']) expect(yml).toContain(target);
  });
});
