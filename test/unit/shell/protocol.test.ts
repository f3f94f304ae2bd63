// app://bancone/, the renderer's own scheme (electron/protocol.ts), called as Electron's
// protocol.handle would: a Request in, a Response out, on a real folder shaped like out/renderer
// with a secret file beside it that no URL may reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RENDERER_CSP } from '../../../backend/security.js';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppPath } from '../../../electron/protocol.js';

let dir: string;
let root: string;
let handle: (r: Request) => Promise<Response>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bancone-protocol-'));
  root = join(dir, 'out', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Bancone</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log("cassa")');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(root, 'assets', 'notes.txt'), 'not a web asset');
  writeFileSync(join(root, '.env.json'), 'SECRET=1');
  writeFileSync(join(dir, 'out', 'secret.json'), 'the AES key');
  writeFileSync(join(dir, 'out', 'renderer-evil.html'), 'sibling folder');
  handle = createAppProtocolHandler({ root });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => handle(new Request(url, init));

function expectSecurityHeaders(r: Response): void {
  expect(r.headers.get('content-security-policy')).toBe(RENDERER_CSP);
  expect(r.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('app://bancone/ serves the renderer', () => {
  it('serves the page at / and /index.html, as HTML, with the CSP', async () => {
    for (const url of ['app://bancone/', APP_INDEX_URL, 'app://bancone/index.html#/sale', 'app://bancone/index.html?x=1']) {
      const r = await get(url);
      expect(r.status, url).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expectSecurityHeaders(r);
      expect(await r.text()).toBe('<!doctype html><title>Bancone</title>');
    }
  });

  it('gives each asset its type (a module script must be JavaScript, or Chromium refuses it)', async () => {
    const cases: [string, string][] = [
      ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['assets/index-abc.css', 'text/css; charset=utf-8'],
      ['assets/logo.svg', 'image/svg+xml'],
      ['assets/font.woff2', 'font/woff2'],
      ['ASSETS/../assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ];
    for (const [path, type] of cases) {
      const r = await get(`app://bancone/${path}`);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type'), path).toBe(type);
      expectSecurityHeaders(r);
    }
    expect(new Uint8Array(await (await get('app://bancone/assets/font.woff2')).arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
    expect(await (await get('app://bancone/assets/index%2Dabc.js')).text()).toBe('console.log("cassa")');
  });

  it('HEAD answers the headers without a body', async () => {
    const r = await get(APP_INDEX_URL, { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBe('37');
    expect(await r.text()).toBe('');
  });
});

describe('app://bancone/ refuses what is not the renderer', () => {
  it('never climbs out of the folder, however the path is spelled', async () => {
    const attempts = [
      'app://bancone/../secret.json',
      'app://bancone/%2e%2e/secret.json',
      'app://bancone/..%2fsecret.json',
      'app://bancone/..%2Fsecret.json',
      'app://bancone/..%5csecret.json',
      'app://bancone/assets/..%2f..%2fsecret.json',
      'app://bancone/%2e%2e%2f%2e%2e%2fsecret.json',
      'app://bancone/..\\secret.json',
      `app://bancone/${encodeURIComponent(join(dir, 'out', 'secret.json'))}`,
      'app://bancone/%2fetc%2fpasswd',
      'app://bancone//etc/passwd',
      'app://bancone/C:%5cWindows%5cwin.ini',
      'app://bancone/index.html%00.js',
      'app://bancone/../renderer-evil.html',
    ];
    for (const url of attempts) {
      const r = await get(url);
      expect([400, 404], url).toContain(r.status);
      expectSecurityHeaders(r);
      const body = await r.text();
      expect(body, url).not.toContain('AES');
      expect(body, url).not.toContain('sibling');
    }
  });

  it('answers 404 for unknown files, folders, hidden files and types the renderer never has', async () => {
    for (const path of ['missing.html', 'assets/missing.js', 'assets', 'assets/', '.env.json', 'assets/notes.txt']) {
      const r = await get(`app://bancone/${path}`);
      expect(r.status, path).toBe(404);
      expectSecurityHeaders(r);
      expect(await r.text()).toBe('Not found');
    }
  });

  it('answers 400 for a path that is not valid percent-encoding (no URIError escapes)', async () => {
    const r = await get('app://bancone/%E0%A4%A');
    expect(r.status).toBe(400);
    expectSecurityHeaders(r);
  });

  it('serves only its own host and scheme, and only GET and HEAD', async () => {
    for (const url of ['app://other/index.html', 'app://bancone.evil/index.html', 'other://bancone/index.html']) {
      expect((await get(url)).status, url).toBe(404);
    }
    // (A Request with credentials in its URL cannot even be built; the path check refuses them too.)
    expect(resolveAppPath(root, new URL('app://user:pw@bancone/index.html'))).toEqual({ ok: false, status: 404 });
    expect(resolveAppPath(root, new URL('file:///index.html'))).toEqual({ ok: false, status: 404 });
    const post = await get(APP_INDEX_URL, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expectSecurityHeaders(post);
  });

  it('a read that fails is a 404, not a crash', async () => {
    const failing = createAppProtocolHandler({ root, readFile: () => Promise.reject(new Error('EACCES')) });
    const r = await failing(new Request(APP_INDEX_URL));
    expect(r.status).toBe(404);
    expectSecurityHeaders(r);
  });

  it('registers the scheme as a standard, secure origin, without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});
