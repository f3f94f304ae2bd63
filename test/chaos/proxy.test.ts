// The chaos test's fault-injecting proxy, each fault on its own: behind it a tiny HTTP server that
// counts the requests it has fully received and answered (its «commits»), and a raw TCP sink that
// records every byte it gets. No sleeps: every wait is on an event, with the test's timeout as the bound.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faultDrawer, startFaultProxy, type FaultProxy } from './proxy.js';

let http: HttpServer;
let httpPort: number;
let committed: string[];
let sink: Server;
let sinkPort: number;
let sinkGot: Buffer[];
let sinkClosed: Promise<void>;
let sinkConnections: number;
const proxies: FaultProxy[] = [];

const listen = (s: Server | HttpServer) => new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port)));

beforeEach(async () => {
  committed = [];
  http = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => { body += d; });
    req.on('end', () => {
      committed.push(body);
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
      res.end(`ok ${body}`);
    });
  });
  httpPort = await listen(http);
  sinkGot = [];
  sinkConnections = 0;
  let closed!: () => void;
  sinkClosed = new Promise((r) => { closed = r; });
  sink = createServer((s) => {
    sinkConnections++;
    s.on('data', (d: Buffer) => sinkGot.push(d));
    s.on('error', () => undefined);
    s.on('close', () => closed());
  });
  sinkPort = await listen(sink);
});

afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
  await new Promise((r) => sink.close(r));
});

async function proxyTo(port: number, o: Partial<Parameters<typeof startFaultProxy>[0]> = {}): Promise<FaultProxy> {
  const p = await startFaultProxy({ target: { host: '127.0.0.1', port }, seed: 1, ...o });
  proxies.push(p);
  return p;
}

/** Sends `data` on a raw connection; resolves with what came back and how the connection ended. */
function rawExchange(port: number, data: Buffer, opts: { endAfterWrite?: boolean } = {}): Promise<{ got: Buffer; how: 'end' | 'error' }> {
  return new Promise((resolve) => {
    const s: Socket = connect(port, '127.0.0.1');
    const got: Buffer[] = [];
    let how: 'end' | 'error' = 'end';
    s.on('data', (d: Buffer) => got.push(d));
    s.on('error', () => { how = 'error'; });
    s.on('close', () => resolve({ got: Buffer.concat(got), how }));
    s.write(data, () => { if (opts.endAfterWrite !== false) s.end(); });
  });
}

const post = (url: string, body: string) => fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(20_000) });

describe('the chaos proxy', () => {
  it('pass: every byte through, both ways, and the answer comes back', async () => {
    const p = await proxyTo(httpPort, { mix: { pass: 1 } });
    const r = await post(p.url, 'vendita-1');
    expect(await r.text()).toBe('ok vendita-1');
    expect(committed).toEqual(['vendita-1']);
    expect(p.stats()).toMatchObject({ connections: 1, fired: { pass: 1, delay: 0, drop: 0, cut_after_answer: 0 } });
  });

  it('delay: the bytes arrive whole, and not before the delay', async () => {
    const p = await proxyTo(httpPort, { mix: { delay: 1 }, delayMs: [300, 300] });
    const t0 = performance.now();
    const r = await post(p.url, 'lento');
    expect(await r.text()).toBe('ok lento');
    // A lower bound only (the chunks wait ≥ 300 ms each way): no upper bound on a loaded machine.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(2 * 300 - 5);
    expect(p.stats().fired.delay).toBe(1);
  });

  it('drop up: the server gets exactly the first N bytes, then the connection is cut', async () => {
    // The seed is chosen so the first connection drops upstream, past byte 0 (checked, not assumed);
    // the byte is the one the same drawer gives the first connection.
    const seed = [...Array(50).keys()].find((s) => { const f = faultDrawer(s, { dropMaxByte: 100 })({ drop: 1 }); return f.kind === 'drop' && f.direction === 'up' && f.atByte > 0; })!;
    const fault = faultDrawer(seed, { dropMaxByte: 100 })({ drop: 1 });
    if (fault.kind !== 'drop') throw new Error('no drop drawn');
    const p = await proxyTo(sinkPort, { mix: { drop: 1 }, seed, dropMaxByte: 100 });
    const out = await rawExchange(p.port, Buffer.alloc(1000, 0x61), { endAfterWrite: false });
    await sinkClosed;
    expect(Buffer.concat(sinkGot).length).toBe(fault.atByte);
    expect(out.how).toBe('error'); // reset, not a clean end
    expect(p.stats().fired.drop).toBe(1);
  });

  it('drop down: the till gets exactly the first N bytes of the answer, then the connection is cut', async () => {
    // The seed is chosen so the first connection drops downstream (checked, not assumed).
    const seed = [...Array(50).keys()].find((s) => { const f = faultDrawer(s, { dropMaxByte: 200 })({ drop: 1 }); return f.kind === 'drop' && f.direction === 'down' && f.atByte > 0; })!;
    const fault = faultDrawer(seed, { dropMaxByte: 200 })({ drop: 1 });
    if (fault.kind !== 'drop') throw new Error('no drop drawn');
    const echo = createServer((s) => { s.on('data', (d: Buffer) => s.write(Buffer.concat([d, d, d, d]))); s.on('error', () => undefined); });
    const echoPort = await listen(echo);
    try {
      const p = await proxyTo(echoPort, { mix: { drop: 1 }, seed, dropMaxByte: 200 });
      const out = await rawExchange(p.port, Buffer.alloc(100, 0x62), { endAfterWrite: false });
      // Cut mid-answer: the till has the first N bytes and no more (the echo would send 400).
      expect(out.got.length).toBe(fault.atByte);
      expect(p.stats().fired.drop).toBe(1);
    } finally {
      await new Promise((r) => echo.close(r));
    }
  });

  it('cut after the answer: the server received the whole request and committed; the till gets no byte of the answer', async () => {
    const p = await proxyTo(httpPort, { mix: { cut_after_answer: 1 } });
    await expect(post(p.url, 'vendita-persa')).rejects.toThrow(/fetch failed/);
    expect(committed).toEqual(['vendita-persa']);
    expect(p.stats().fired.cut_after_answer).toBe(1);
    // The same request again (the till resends): it reaches the server a second time.
    p.setMix({ pass: 1 });
    expect(await (await post(p.url, 'vendita-persa')).text()).toBe('ok vendita-persa');
    expect(committed).toEqual(['vendita-persa', 'vendita-persa']);
  });

  it('partition «refuse»: every connection reset at once, none reaches the server; healed, they pass again', async () => {
    const p = await proxyTo(httpPort);
    p.partition('refuse');
    await expect(post(p.url, 'x')).rejects.toThrow(/fetch failed/);
    await expect(post(p.url, 'y')).rejects.toThrow(/fetch failed/);
    expect(committed).toEqual([]);
    expect(p.stats()).toMatchObject({ refused: 2, connections: 0, partitions: 1 });
    p.heal();
    expect(await (await post(p.url, 'z')).text()).toBe('ok z');
    expect(committed).toEqual(['z']);
  });

  it('partition «black-hole»: connections accepted and never answered, nothing reaches the server; established ones fall silent', async () => {
    const p = await proxyTo(sinkPort);
    // An established connection before the partition: its later bytes are swallowed.
    const before = connect(p.port, '127.0.0.1');
    before.on('error', () => undefined);
    await new Promise<void>((r) => before.once('connect', () => r()));
    before.write('prima|');
    await expect.poll(() => Buffer.concat(sinkGot).toString(), { timeout: 10_000 }).toBe('prima|');
    p.partition('blackhole');
    before.write('dopo');
    const held = connect(p.port, '127.0.0.1');
    held.on('error', () => undefined);
    let answered = false;
    held.on('data', () => { answered = true; });
    await new Promise<void>((r) => held.once('connect', () => r()));
    held.write('nel buco');
    // Accepted (connect succeeded) and counted; the server saw one connection only (the one before).
    await expect.poll(() => p.stats().blackholed, { timeout: 10_000 }).toBe(1);
    // The fetch gives up on its own timeout, as a till would.
    await expect(fetch(p.url, { method: 'POST', body: 'z', signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted|timeout/i);
    expect(answered).toBe(false);
    expect(Buffer.concat(sinkGot).toString()).toBe('prima|');
    expect(sinkConnections).toBe(1);
    held.destroy();
    before.destroy();
  });

  it('the same seed draws the same faults; another seed, others', () => {
    const mix = { pass: 1, delay: 1, drop: 1, cut_after_answer: 1 };
    const seq = (seed: number) => { const d = faultDrawer(seed); return Array.from({ length: 40 }, () => d(mix)); };
    expect(seq(42)).toEqual(seq(42));
    expect(seq(42)).not.toEqual(seq(43));
    // Every kind shows up in a mixed run.
    expect(new Set(seq(42).map((f) => f.kind))).toEqual(new Set(['pass', 'delay', 'drop', 'cut_after_answer']));
  });

  it('the target moves (a server restarted on another port): new connections go to the new one', async () => {
    const p = await proxyTo(sinkPort);
    p.setTarget({ host: '127.0.0.1', port: httpPort });
    expect(await (await post(p.url, 'spostato')).text()).toBe('ok spostato');
    expect(sinkConnections).toBe(0);
  });
});
