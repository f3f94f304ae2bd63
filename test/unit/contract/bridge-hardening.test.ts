// The bridge's sharp edges (issue #10, item 10): a malformed percent-escape is the client's error
// (400), never the till's (500); a slow socket is cut by tight header and request timeouts instead
// of Node's 60 s / 300 s defaults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BRIDGE_TIMEOUTS, startBridge, type Bridge } from '../../../backend/bridge/server.js';
import type { Dispatcher } from '../../../backend/api/dispatcher.js';

const TOKEN = 'test-token-0123456789';
const dispatcher: Dispatcher = { call: async (name) => ({ ok: true, value: { echo: name } }), sessionCount: () => 0 };
let bridge: Bridge;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bancone-bridge-h-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>till</title>');
  // Tight timeouts so the test waits for the cut (an event), not for Node's defaults.
  bridge = await startBridge({ dispatcher, rendererDir: dir, token: TOKEN, timeouts: { headersMs: 300, requestMs: 600, checkEveryMs: 100 } });
});
afterAll(async () => {
  await bridge.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, headers: { host: `127.0.0.1:${bridge.port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a raw socket, writes `text` and never finishes the request; resolves with what the server said before closing it. */
function slowClient(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(bridge.port, '127.0.0.1', () => s.write(text));
    let got = '';
    s.setEncoding('utf8').on('data', (d: string) => { got += d; });
    s.on('error', reject);
    s.on('close', () => resolve(got));
  });
}

describe('bridge: malformed paths and slow sockets', () => {
  it('a malformed percent-escape in the path is a 400, not a 500', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/%C0%AF']) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expect(r.body).toMatch(/Indirizzo non valido/);
    }
    // A request target URL cannot parse (absolute form with a broken host): 400 too, and the bridge lives on.
    const raw = await slowClient(`GET http://[x/ HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nConnection: close\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    const upgrade = await slowClient(`GET http://[x/ HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nOrigin: ${bridge.origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    expect(upgrade).toMatch(/^HTTP\/1\.1 400/);
    // The page itself is still served.
    expect((await get('/')).status).toBe(200);
  });

  it('a client that never finishes its headers is cut off (408) at the headers timeout', async () => {
    const said = await slowClient(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nX-Slow: `);
    expect(said).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it('a client that never finishes its body is cut off at the request timeout', async () => {
    const said = await slowClient(`POST /api/call HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nX-Bancone-Session: tab-12345678\r\nContent-Length: 1000\r\n\r\n{"name":`);
    expect(said).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it('the defaults are tight: seconds, not Node\'s minutes', () => {
    expect(BRIDGE_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(BRIDGE_TIMEOUTS.requestMs).toBeLessThanOrEqual(30_000);
    expect(BRIDGE_TIMEOUTS.checkEveryMs).toBeLessThanOrEqual(1_000);
  });
});
