// Electron cannot run on these machines, so what only a running Electron would catch is checked on
// the built output (`electron-vite build`, run by `npm test` before vitest): the sandboxed preload
// must be CommonJS and expose the contract, paths must resolve in the packaged layout, and the
// window options and CSP must be the secure ones.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { RENDERER_CSP, RENDERER_CSP_META, secureWebPreferences, MAIN_WINDOW_OPTIONS } from '../../../backend/security.js';

const root = resolve(import.meta.dirname, '../../..');
const out = join(root, 'out');
const read = (p: string) => readFileSync(join(out, p), 'utf8');

describe('built output', () => {
  it('has been built (npm test runs electron-vite build first)', () => {
    expect(existsSync(join(out, 'main', 'main.js')), 'run `npx electron-vite build`').toBe(true);
  });

  it('preload is CommonJS and, run in a sandbox-like context, exposes only the generic contract call', async () => {
    const code = read('preload/preload.cjs');
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/^\s*export\s/m);
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => { exposed[key] = api; } },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => { invoked.push(args); return { ok: true, value: 42 }; },
        on: () => undefined,
        removeListener: () => undefined,
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
    const api = exposed.bancone as { call: (n: string, a: unknown) => Promise<unknown> };
    expect(Object.keys(api).sort()).toEqual(['call', 'platform']);
    await expect(api.call('sale.commit', { x: 1 })).resolves.toEqual({ ok: true, value: 42 });
    expect(invoked).toEqual([['bancone:call', 'sale.commit', { x: 1 }]]);
  });

  it('main resolves the preload and the renderer from the packaged layout (out/main → out/preload, out/renderer)', () => {
    const main = read('main/main.js');
    expect(main).toContain('../preload/preload.cjs');
    expect(main).toContain('../renderer/index.html');
    expect(existsSync(join(out, 'preload', 'preload.cjs'))).toBe(true);
    expect(existsSync(join(out, 'renderer', 'index.html'))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(existsSync(join(root, pkg.main))).toBe(true);
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
