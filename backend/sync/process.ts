// Entry of the background sync process: a Node child (tests, `bancone sync --watch`) or an Electron
// utilityProcess (the app). It opens its OWN connection to the ledger (WAL lets it write the outbox
// while the till commits sales) and runs the engine until told to stop. Beside the receipts' engine
// runs the invoice sender (../invoicing/sender), kicked by the same `kick`, reading the invoicing
// configuration (Settings) at each drain.
//
//   tsx backend/sync/process.ts --db /path/bancone.db --data-dir /path [--verbose]
//
// Messages it understands (child_process IPC, or Electron's process.parentPort):
//   {type:'kick'}              a document was committed: drain now
//   {type:'token', token}      the app unwrapped the token with safeStorage and hands it over
//   {type:'stop'}              finish in-flight requests, release the lock, exit
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { openSyncDatabase } from './connection.js';
import { systemClock, type Clock } from '../../shared/time.js';
import { dataDirKeyProvider } from '../secrets.js';
import type { Env } from '../config.js';
import { createSyncEngine, type DrainSummary } from './engine.js';
import { resolveSyncConfig, tuningFromEnv } from './config.js';
import { randomInt } from 'node:crypto';
import { createInvoiceSender } from '../invoicing/sender/engine.js';
import { invoiceTuningFromEnv } from '../invoicing/sender/tuning-env.js';
import { recordedProviderConfig } from '../invoicing/sender/recorded.js';
import { readInvoicingConfig } from '../invoicing/config.js';
import { createShopLinkLoop } from '../shop-link/loop.js';
import { readShopLinkConfig } from '../shop-link/config.js';

interface ParentPortLike {
  on(event: 'message', cb: (e: { data: unknown }) => void): void;
  postMessage(m: unknown): void;
}

type Message = { type: 'kick' } | { type: 'stop' } | { type: 'token'; token: string };

function asMessage(m: unknown): Message | null {
  if (!m || typeof m !== 'object') return null;
  const t = (m as { type?: unknown }).type;
  if (t === 'kick' || t === 'stop') return { type: t };
  if (t === 'token' && typeof (m as { token?: unknown }).token === 'string') return { type: 'token', token: (m as { token: string }).token };
  return null;
}

/**
 * BANCONE_CLOCK_OFFSET_MS shifts the process clock (tests and demos only: a fault test must not
 * depend on running outside 23:55–00:00 Rome time). Real time still flows.
 */
export function processClock(env: Env): Clock {
  const offset = Number(env.BANCONE_CLOCK_OFFSET_MS ?? 0);
  if (!Number.isFinite(offset) || offset === 0) return systemClock;
  return { now: () => new Date(Date.now() + offset) };
}

/** Cryptographic-quality randomness for jitter (Math.random is banned in services by lint). */
export function processRandom(): number {
  return randomInt(0, 2 ** 32) / 2 ** 32;
}

/**
 * Runs the sync process until SIGTERM/SIGINT or a {type:'stop'} message. Resolves with the exit code.
 * The Electron app's utility-process entry calls this with process.argv.slice(2) and process.env.
 */
export async function syncProcessMain(argv: string[], env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, 'data-dir': { type: 'string' }, verbose: { type: 'boolean' }, 'native-binding': { type: 'string' } },
    strict: true,
  });
  if (!values.db || !values['data-dir']) {
    process.stderr.write('uso: sync/process.ts --db FILE --data-dir DIR [--verbose]\n');
    return 2;
  }
  const dataDir = values['data-dir'];
  const db = openSyncDatabase(values.db, values['native-binding'] ? { nativeBinding: values['native-binding'] } : {});
  const keys = dataDirKeyProvider(dataDir, { env });
  let tokenOverride: string | null = null;
  const controller = new AbortController();
  const say = (m: unknown) => {
    const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
    if (port) port.postMessage(m);
    else if (process.send) process.send(m);
  };
  // A token handed over by the app wins over the environment and the stored one.
  const syncEnv = (): Env => (tokenOverride ? { ...env, BANCONE_OPENAPI_TOKEN: tokenOverride } : env);
  const invoices = createInvoiceSender({
    db,
    clock: processClock(env),
    fetch: globalThis.fetch,
    random: processRandom,
    config: () => readInvoicingConfig(db, syncEnv(), keys),
    configFor: (name) => recordedProviderConfig(db, syncEnv(), keys, name),
    tuning: invoiceTuningFromEnv(env),
    log: values.verbose ? (e) => process.stderr.write(`${JSON.stringify({ invoices: true, ...e })}\n`) : undefined,
  });
  const engine = createSyncEngine({
    db,
    clock: processClock(env),
    fetch: globalThis.fetch,
    random: processRandom,
    // A token handed over by the app wins over the environment and the stored one.
    config: () => resolveSyncConfig(db, tokenOverride ? { ...env, BANCONE_OPENAPI_TOKEN: tokenOverride } : env, keys),
    tuning: { pdfDir: join(dataDir, 'receipts'), ...tuningFromEnv(env) },
    log: values.verbose ? (e) => process.stderr.write(`${JSON.stringify(e)}\n`) : undefined,
  });
  // The journal up to the shop server (issue #14), beside the fiscal senders: idle until the till joins one.
  const shopLink = createShopLinkLoop({
    db,
    clock: processClock(env),
    fetch: globalThis.fetch,
    config: () => readShopLinkConfig(db, keys),
    log: values.verbose ? (e) => process.stderr.write(`${JSON.stringify({ shopLink: true, ...e })}\n`) : undefined,
  });
  const onMessage = (raw: unknown) => {
    const m = asMessage(raw);
    if (!m) return;
    if (m.type === 'kick') { engine.kick(); invoices.kick(); shopLink.wake(); }
    else if (m.type === 'token') { tokenOverride = m.token; engine.kick(); invoices.kick(); }
    else controller.abort();
  };
  const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (port) port.on('message', (e) => onMessage(e.data));
  process.on('message', onMessage);
  const stop = () => controller.abort();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    await Promise.all([
      engine.watch({
        signal: controller.signal,
        onDrain: (s: DrainSummary) => say({ type: 'drained', stopped: s.stopped, status: s.status }),
      }),
      invoices.watch({ signal: controller.signal }),
      shopLink.run(controller.signal),
    ]);
  } finally {
    engine.close();
    invoices.close();
    db.close();
    process.off('message', onMessage);
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && /sync[\\/]process\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  syncProcessMain(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; if (process.connected) process.disconnect(); },
    (e) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exitCode = 1; },
  );
}
