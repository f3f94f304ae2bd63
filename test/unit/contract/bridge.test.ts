import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridge, type Bridge } from '../../../backend/bridge/server.js';
import type { Dispatcher } from '../../../backend/api/dispatcher.js';

const TOKEN = 'test-token-0123456789';
let bridge: Bridge;
let dir: string;
const seen: { name: string; arg: unknown; session: string }[] = [];

const dispatcher: Dispatcher = {
  async call(name, arg, session) {
    seen.push({ name, arg, session: session?.id ?? '' });
    return { ok: true, value: { echo: name } };
  },
  sessionCount: () => 0,
};

function send(opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: { host: `127.0.0.1:${bridge.port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c as Buffer));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const api = (headers: Record<string, string>, body = '{"name":"status.get","arg":{}}') =>
  send({ method: 'POST', path: '/api/call', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'x-bancone-session': 'tab-12345678', ...headers }, body });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bancone-bridge-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>till</title>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'bancone-bridge-secret.txt'), 'secret');
  bridge = await startBridge({ dispatcher, rendererDir: dir, token: TOKEN, maxBodyBytes: 1000 });
});

afterAll(async () => {
  await bridge.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HTTP bridge', () => {
  it('listens on 127.0.0.1 only and gives the page the token in the URL fragment', () => {
    expect(bridge.origin).toBe(`http://127.0.0.1:${bridge.port}`);
    expect(bridge.url).toBe(`${bridge.origin}/#token=${TOKEN}`);
  });

  it('serves the renderer with a strict CSP and no-sniff', async () => {
    const r = await send({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>till</title>');
    expect(r.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(r.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect((await send({ path: '/app.js' })).headers['content-type']).toContain('text/javascript');
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    expect((await send({ path: '/', headers: { host: `evil.example:${bridge.port}` } })).status).toBe(421);
    expect((await api({ host: `attacker.test:${bridge.port}` })).status).toBe(421);
    expect((await api({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await api({ origin: bridge.origin })).status).toBe(200);
    expect((await api({ host: `localhost:${bridge.port}` })).status).toBe(200);
  });

  it('refuses calls without the session token, with a JSON error in Italian', async () => {
    const before = seen.length;
    const none = await api({ authorization: '' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'BRIDGE_TOKEN', message: expect.stringContaining('Sessione non autorizzata') } });
    expect((await api({ authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect(seen.length).toBe(before); // the dispatcher never saw them
  });

  it('needs JSON, a session id and a body within the limit', async () => {
    expect((await api({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await api({ 'x-bancone-session': '' })).status).toBe(400);
    expect((await api({}, `{"name":"x","arg":"${'a'.repeat(2000)}"}`)).status).toBe(413);
    expect((await api({}, '{not json')).status).toBe(400);
    expect((await send({ method: 'GET', path: '/api/call' })).status).toBe(405);
  });

  it('each refusal tells the person what to do, in Italian first', async () => {
    const said = async (r: Promise<{ body: string }>) => (JSON.parse((await r).body) as { error: { message: string; message_en: string } }).error;
    expect((await said(api({ 'x-bancone-session': '' }))).message).toMatch(/ricaricare la pagina/);
    expect((await said(api({}, '{not json'))).message).toMatch(/ricaricare la pagina/);
    expect((await said(api({ 'content-type': 'text/plain' }))).message).toMatch(/ricaricare la pagina/);
    const big = await said(api({}, `{"name":"x","arg":"${'a'.repeat(2000)}"}`));
    expect(big.message).toMatch(/dividere il file/);
    expect(big.message_en).toMatch(/split the file/);
  });

  it('passes the call to the dispatcher with a per-tab session', async () => {
    const r = await api({ 'x-bancone-session': 'tab-abcdefgh' }, '{"name":"catalog.search","arg":{"text":"pane"}}');
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { echo: 'catalog.search' } });
    expect(seen.at(-1)).toEqual({ name: 'catalog.search', arg: { text: 'pane' }, session: 'bridge:tab-abcdefgh' });
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../bancone-bridge-secret.txt', '/%2e%2e/bancone-bridge-secret.txt', '/..%2fbancone-bridge-secret.txt']) {
      const r = await send({ path });
      expect([403, 404]).toContain(r.status);
      expect(r.body).not.toContain('secret');
    }
  });
});
