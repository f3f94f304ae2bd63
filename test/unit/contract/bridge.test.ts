import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startBridge, type Bridge } from '../../../backend/bridge/server.js';
import type { Dispatcher } from '../../../backend/api/dispatcher.js';
import type { ChangeListener } from '../../../backend/bridge/changes.js';

const TOKEN = 'test-token-0123456789';
let bridge: Bridge;
let dir: string;
const seen: { name: string; arg: unknown; session: string }[] = [];

const dispatcher: Dispatcher = {
  async call(name, arg, session) {
    seen.push({ name, arg, session: session?.id ?? '' });
    // A slow call, to show answers find their call by id whatever the order.
    if (name === 'reports.pdf') await new Promise((r) => setTimeout(r, 80));
    return { ok: true, value: { echo: name } };
  },
  sessionCount: () => 0,
};

/** A change feed that never says anything (the push test has its own). */
const events = { subscribe: (_l: ChangeListener) => () => undefined };

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
  bridge = await startBridge({ dispatcher, rendererDir: dir, token: TOKEN, maxBodyBytes: 1000, events });
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

interface Handshake {
  host?: string;
  origin?: string | null;
  protocols?: string[];
  path?: string;
  port?: number;
}

/** Opens the channel; resolves with the socket, or with the HTTP status of the refusal. */
function channel(h: Handshake = {}): Promise<{ ws: WebSocket } | { status: number; body: string }> {
  const port = h.port ?? bridge.port;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${h.path ?? '/api/channel?session=tab-12345678'}`, h.protocols ?? ['bancone.v1', `bancone.token.${TOKEN}`], {
    headers: { host: h.host ?? `127.0.0.1:${port}` },
    ...(h.origin === null ? {} : { origin: h.origin ?? `http://127.0.0.1:${port}` }),
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    ws.once('error', (e) => { if (!/Unexpected server response/.test(e.message)) reject(e); });
  });
}

async function open(h: Handshake = {}): Promise<WebSocket> {
  const r = await channel(h);
  if (!('ws' in r)) throw new Error(`refused: ${r.status} ${r.body}`);
  return r.ws;
}

/** Frames as they arrive on a socket, parsed. */
function frames(ws: WebSocket) {
  const got: Record<string, unknown>[] = [];
  let wake: (() => void) | null = null;
  ws.on('message', (d) => { got.push(JSON.parse(String(d)) as Record<string, unknown>); wake?.(); });
  return {
    got,
    async until(pred: (f: Record<string, unknown>) => boolean, ms = 3000): Promise<Record<string, unknown>> {
      const end = Date.now() + ms;
      for (;;) {
        const f = got.find(pred);
        if (f) return f;
        if (Date.now() > end) throw new Error(`no such frame; got ${JSON.stringify(got)}`);
        await new Promise<void>((r) => { wake = r; setTimeout(r, 50); });
      }
    },
  };
}

const closed = (ws: WebSocket) => new Promise<{ code: number }>((r) => ws.once('close', (code) => r({ code })));

describe('the bridge\'s persistent channel (WebSocket)', () => {
  it('refuses, before any socket opens, a foreign Host (DNS rebinding) with 421', async () => {
    expect(await channel({ host: `evil.example:${bridge.port}` })).toMatchObject({ status: 421 });
  });

  it('refuses a foreign Origin, and a missing one, with 403 (cross-site WebSocket hijacking)', async () => {
    expect(await channel({ origin: 'http://evil.example' })).toMatchObject({ status: 403 });
    expect(await channel({ origin: null })).toMatchObject({ status: 403 });
    // localhost is the same machine's other name for us, as for /api/call.
    const ok = await open({ host: `localhost:${bridge.port}`, origin: `http://localhost:${bridge.port}` });
    ok.close();
  });

  it('refuses a missing or wrong token with 401, and the dispatcher never hears of it', async () => {
    const before = seen.length;
    expect(await channel({ protocols: ['bancone.v1'] })).toMatchObject({ status: 401 });
    const wrong = await channel({ protocols: ['bancone.v1', 'bancone.token.wrong-token-0123456789'] });
    expect(wrong).toMatchObject({ status: 401 });
    expect((wrong as { body: string }).body).toContain('Sessione non autorizzata');
    expect(seen.length).toBe(before);
  });

  it('refuses an unknown protocol version or a bad session id with 400, and another path with 404', async () => {
    expect(await channel({ protocols: ['bancone.v0', `bancone.token.${TOKEN}`] })).toMatchObject({ status: 400 });
    expect(await channel({ path: '/api/channel?session=x' })).toMatchObject({ status: 400 });
    expect(await channel({ path: '/api/channel' })).toMatchObject({ status: 400 });
    expect(await channel({ path: '/api/other?session=tab-12345678' })).toMatchObject({ status: 404 });
  });

  it('answers each call with its own id, in whatever order they finish, in the tab\'s session', async () => {
    const ws = await open({ path: '/api/channel?session=tab-channel1' });
    const f = frames(ws);
    ws.send(JSON.stringify({ type: 'call', id: 7, name: 'reports.pdf', arg: { day: 'x' } }));
    ws.send(JSON.stringify({ type: 'call', id: 8, name: 'catalog.lookup', arg: { code: '1' } }));
    const slow = await f.until((m) => m.id === 7);
    expect(f.got.findIndex((m) => m.id === 8)).toBeLessThan(f.got.indexOf(slow));
    expect(slow).toEqual({ type: 'result', id: 7, result: { ok: true, value: { echo: 'reports.pdf' } } });
    expect(await f.until((m) => m.id === 8)).toEqual({ type: 'result', id: 8, result: { ok: true, value: { echo: 'catalog.lookup' } } });
    expect(seen.filter((c) => c.session === 'bridge:tab-channel1').map((c) => c.name).sort()).toEqual(['catalog.lookup', 'reports.pdf']);
    ws.close();
  });

  it('pushes what changed to every open channel, and stops listening when a page goes', async () => {
    // A bridge of its own: the count of listeners is this test's alone.
    const mine = new Set<ChangeListener>();
    const own = await startBridge({ dispatcher, rendererDir: null, token: TOKEN, events: { subscribe(l) { mine.add(l); return () => { mine.delete(l); }; } } });
    try {
      const a = await open({ port: own.port });
      const b = await open({ port: own.port });
      expect(mine.size).toBe(2);
      const fa = frames(a);
      const fb = frames(b);
      for (const l of mine) l({ type: 'changed', topics: ['status'] });
      expect(await fa.until((m) => m.type === 'event')).toEqual({ type: 'event', event: { type: 'changed', topics: ['status'] } });
      expect(await fb.until((m) => m.type === 'event')).toEqual({ type: 'event', event: { type: 'changed', topics: ['status'] } });
      a.terminate();
      for (let i = 0; i < 100 && mine.size > 1; i++) await new Promise((r) => setTimeout(r, 10));
      expect(mine.size).toBe(1);
      b.close();
    } finally {
      await own.close();
    }
    expect(mine.size).toBe(0);
  });

  it('closes the channel on a frame that is not JSON (1007), not a call (1008), or binary (1003)', async () => {
    for (const [frame, code] of [['{not json', 1007], ['{"type":"hello"}', 1008], [Buffer.from([1, 2, 3]), 1003]] as const) {
      const ws = await open();
      const c = closed(ws);
      ws.send(frame);
      expect((await c).code).toBe(code);
    }
  });

  it('can be turned off (the UI benchmark measures HTTP alone): then the page uses /api/call', async () => {
    const off = await startBridge({ dispatcher, rendererDir: null, token: TOKEN, webSocket: false, events });
    try {
      expect(await channel({ port: off.port })).toMatchObject({ status: 404 });
    } finally {
      await off.close();
    }
  });
});
