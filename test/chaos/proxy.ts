// A fault-injecting TCP proxy on 127.0.0.1 for the chaos test (issue #14). Each accepted connection
// gets a fault drawn from a seeded PRNG, in the order connections arrive (the same seed and mix give
// the same sequence of faults): pass it through, delay every chunk, drop it at a random byte (in
// either direction), or cut it right after the server has answered — the request reached the server
// whole and the server committed, but not one byte of its answer reaches the till. On top of that the
// whole link can be partitioned for a while: every connection refused (reset at accept) or black-holed
// (accepted, never answered; established connections fall silent too), until healed.
// The target can be moved (a server restarted on another port), and the proxy counts what it did.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { seededRandom } from '../../emulators/openapi/index.js';

export type FaultKind = 'pass' | 'delay' | 'drop' | 'cut_after_answer';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  /** Forward `atByte` bytes in `direction` (up: till → server, down: server → till), then cut both sides. */
  | { kind: 'drop'; direction: 'up' | 'down'; atByte: number }
  | { kind: 'cut_after_answer' };

/** Relative weights of the per-connection faults (0 or missing: never). */
export type FaultMix = Partial<Record<FaultKind, number>>;

export interface FaultProxyOptions {
  target: { host: string; port: number };
  seed: number;
  mix?: FaultMix;
  /** Delay of a `delay` connection's chunks, drawn in [min, max] ms. */
  delayMs?: [number, number];
  /** A `drop` cuts at a byte drawn in [0, dropMaxByte). */
  dropMaxByte?: number;
  /** The port to listen on (0: a free one). */
  port?: number;
}

export type PartitionMode = 'refuse' | 'blackhole';

export interface ProxyStats {
  connections: number;
  /** Faults drawn for connections (a drop whose byte never came is drawn but not fired). */
  drawn: Record<FaultKind, number>;
  /** Faults that did what they say: a delay that delayed at least one chunk, a drop that cut, a cut after an answer. */
  fired: Record<FaultKind, number>;
  refused: number;
  blackholed: number;
  partitions: number;
}

export interface FaultProxy {
  readonly port: number;
  readonly url: string;
  setMix(mix: FaultMix): void;
  setTarget(target: { host: string; port: number }): void;
  partition(mode: PartitionMode): void;
  heal(): void;
  readonly partitioned: PartitionMode | null;
  stats(): ProxyStats;
  /** Open connections (piped or held). */
  open(): number;
  close(): Promise<void>;
}

const KINDS: FaultKind[] = ['pass', 'delay', 'drop', 'cut_after_answer'];
const zero = (): Record<FaultKind, number> => ({ pass: 0, delay: 0, drop: 0, cut_after_answer: 0 });

/** The fault drawing: one PRNG, one draw sequence per connection, in arrival order. */
export function faultDrawer(seed: number, opts: { delayMs?: [number, number]; dropMaxByte?: number } = {}) {
  const rnd = seededRandom(seed);
  const [dMin, dMax] = opts.delayMs ?? [5, 50];
  const dropMax = opts.dropMaxByte ?? 4096;
  return (mix: FaultMix): Fault => {
    const weights = KINDS.map((k) => Math.max(0, mix[k] ?? 0));
    const total = weights.reduce((a, b) => a + b, 0);
    // Always three draws, whatever the kind, so a mix change does not shift later connections' details.
    const r = rnd();
    const a = rnd();
    const b = rnd();
    if (total === 0) return { kind: 'pass' };
    let x = r * total;
    let kind: FaultKind = 'pass';
    for (let i = 0; i < KINDS.length; i++) {
      if (x < weights[i]!) { kind = KINDS[i]!; break; }
      x -= weights[i]!;
    }
    switch (kind) {
      case 'pass': return { kind };
      case 'delay': return { kind, ms: Math.round(dMin + a * (dMax - dMin)) };
      case 'drop': return { kind, direction: b < 0.5 ? 'up' : 'down', atByte: Math.floor(a * dropMax) };
      case 'cut_after_answer': return { kind };
    }
  };
}

/** Delivers chunks to `to` after `ms`, in order. */
function delayed(to: Socket, ms: number) {
  const queue: { at: number; chunk: Buffer }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const pump = () => {
    timer = null;
    const now = Date.now();
    while (queue.length > 0 && queue[0]!.at <= now) {
      const { chunk } = queue.shift()!;
      if (!to.destroyed) to.write(chunk);
    }
    if (queue.length > 0) timer = setTimeout(pump, queue[0]!.at - now);
  };
  return {
    push(chunk: Buffer) {
      queue.push({ at: Date.now() + ms, chunk });
      if (!timer) timer = setTimeout(pump, ms);
    },
    /** Ends `to` once the queue is delivered. */
    end() {
      const finish = () => { if (queue.length > 0) { setTimeout(finish, 5); return; } to.end(); };
      finish();
    },
    cancel() { if (timer) clearTimeout(timer); timer = null; queue.length = 0; },
  };
}

export async function startFaultProxy(o: FaultProxyOptions): Promise<FaultProxy> {
  let target = { ...o.target };
  let mix: FaultMix = o.mix ?? { pass: 1 };
  let mode: PartitionMode | null = null;
  const draw = faultDrawer(o.seed, o);
  const stats: ProxyStats = { connections: 0, drawn: zero(), fired: zero(), refused: 0, blackholed: 0, partitions: 0 };
  const sockets = new Set<Socket>();
  /** Established connections, silenced when a black-hole partition begins. */
  const silencers = new Set<() => void>();

  const track = (s: Socket) => { sockets.add(s); s.once('close', () => sockets.delete(s)); s.on('error', () => undefined); };

  const hold = (client: Socket) => {
    // Accepted, read and never answered: the till's request times out on its own clock.
    stats.blackholed++;
    client.on('data', () => undefined);
  };

  const server: Server = createServer({ pauseOnConnect: false }, (client) => {
    track(client);
    if (mode === 'refuse') { stats.refused++; client.resetAndDestroy(); return; }
    if (mode === 'blackhole') { hold(client); return; }
    stats.connections++;
    const fault = draw(mix);
    stats.drawn[fault.kind]++;
    const upstream = connect(target.port, target.host);
    track(upstream);
    let silent = false;
    const silence = () => { silent = true; };
    silencers.add(silence);
    const cutBoth = () => { client.resetAndDestroy(); upstream.destroy(); };
    let up = 0;
    let down = 0;
    let delayFired = false;
    const toUp = fault.kind === 'delay' ? delayed(upstream, fault.ms) : null;
    const toDown = fault.kind === 'delay' ? delayed(client, fault.ms) : null;
    // The server's side finished: the till's side ends once what is queued for it is delivered.
    let endedDown = false;
    const endDown = () => {
      if (endedDown || silent || client.destroyed) return;
      endedDown = true;
      if (toDown) toDown.end(); else client.end();
    };
    client.once('close', () => { silencers.delete(silence); toUp?.cancel(); toDown?.cancel(); upstream.destroy(); });
    upstream.once('close', () => { silencers.delete(silence); endDown(); });
    upstream.once('error', () => { if (!client.destroyed && !endedDown) { silent = true; client.resetAndDestroy(); } });

    client.on('data', (chunk: Buffer) => {
      if (silent) return;
      if (fault.kind === 'drop' && fault.direction === 'up') {
        if (up + chunk.length > fault.atByte) {
          const keep = chunk.subarray(0, fault.atByte - up);
          up = fault.atByte;
          stats.fired.drop++;
          if (keep.length > 0) upstream.write(keep, () => cutBoth()); else cutBoth();
          silent = true;
          return;
        }
      }
      up += chunk.length;
      if (toUp) { if (!delayFired) { delayFired = true; stats.fired.delay++; } toUp.push(chunk); } else upstream.write(chunk);
    });
    client.on('end', () => { if (toUp) toUp.end(); else upstream.end(); });

    upstream.on('data', (chunk: Buffer) => {
      if (silent) return;
      if (fault.kind === 'cut_after_answer') {
        // The server has answered: its work is committed. The till gets nothing of it.
        stats.fired.cut_after_answer++;
        silent = true;
        cutBoth();
        return;
      }
      if (fault.kind === 'drop' && fault.direction === 'down') {
        if (down + chunk.length > fault.atByte) {
          const keep = chunk.subarray(0, fault.atByte - down);
          down = fault.atByte;
          stats.fired.drop++;
          silent = true;
          if (keep.length > 0) client.write(keep, () => cutBoth()); else cutBoth();
          return;
        }
      }
      down += chunk.length;
      if (toDown) { if (!delayFired) { delayFired = true; stats.fired.delay++; } toDown.push(chunk); } else client.write(chunk);
    });
    upstream.on('end', endDown);
    if (fault.kind === 'pass') stats.fired.pass++;
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as { port: number }).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setMix(m) { mix = m; },
    setTarget(t) { target = { ...t }; },
    partition(m) {
      if (mode === null) stats.partitions++;
      mode = m;
      if (m === 'refuse') {
        // Nothing gets through, and what was open breaks now.
        for (const s of sockets) s.resetAndDestroy();
      } else {
        for (const s of silencers) s();
      }
    },
    heal() { mode = null; },
    get partitioned() { return mode; },
    stats: () => structuredClone(stats),
    open: () => sockets.size,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
