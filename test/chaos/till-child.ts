// One till of the chaos test (issue #14), as a process of its own: its data folder and ledger, joined
// to the shop server with a real pairing code (`bancone till join`, the CLI's own command), ringing
// random sales (several lines, cash or card), returns and voids through the ledger's API (the same
// calls the CLI and the dispatcher make), and running the shop-link loop against the proxy's
// address. SIGKILLed at any moment and started again on the same folder, it carries on where its
// ledger says it was: the document count, the clock and the random choices all come from the ledger.
//
//   node --import tsx test/chaos/till-child.ts '<TillChildConfig JSON>'     (fork: IPC to the test)
//
// The clock is the ledger's: every document moves it on by STEP_MS of shop time, so a partition that
// lasts a fifth of the run is hours of trading «compressed in time», and the link loop's waits are
// shortened by TIMER_DIVISOR (its one-minute backoff cap is 3 s here). Nothing depends on timing luck.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { openDatabase } from '../../backend/db/open.js';
import type { WritableDb } from '../../backend/db/types.js';
import { closeDay, expectedCash, closureOf } from '../../backend/reports/index.js';
import { runCli } from '../../backend/cli/main.js';
import { getSetting } from '../../backend/settings.js';
import { dataDirKeyProvider } from '../../backend/secrets.js';
import type { Clock } from '../../shared/time.js';
import { fiscalShopFile } from '../fixtures/fiscal-shop.js';
import { startLink, type TillLink } from './till-link.js';
import { countOf, ringOne } from './ring.js';

export interface TillChildConfig {
  dataDir: string;
  index: number;
  seed: number;
  /** Documents (sales + returns + voids) this till rings in the whole run. */
  documents: number;
  /** The server's address as the till knows it: the fault proxy's. */
  serverUrl: string;
  /** A pairing code from the server: used on the first start only. */
  pairingCode: string;
}

/** Messages to the test. */
export type TillEvent =
  | { ev: 'ready'; tillCode: string; docs: number }
  | { ev: 'progress'; docs: number }
  | { ev: 'rung'; docs: number }
  | { ev: 'closed'; zNumber: number }
  | { ev: 'error'; message: string };
/** Messages from the test. */
export type TillCommand = { cmd: 'go' } | { cmd: 'close' } | { cmd: 'stop' };

export const START = Date.parse('2026-12-01T06:00:00.000Z'); // 07:00 in Rome
export const STEP_MS = 20_000;
export const TIMER_DIVISOR = 20;

const cfg = JSON.parse(process.argv[2] ?? '{}') as TillChildConfig;
const send = (e: TillEvent) => { if (process.connected) process.send!(e); };

/** The shop's time as the ledger has it: on from the last thing it recorded, STEP_MS per document. */
function ledgerClock(db: WritableDb): Clock & { tick(): void } {
  const last = db.prepare('SELECT max(at) AS at FROM audit_log').get() as { at: string | null };
  let t = Math.max(START, last.at ? Date.parse(last.at) + 1 : START);
  return {
    now: () => { t += 1; return new Date(t); },
    tick: () => { t += STEP_MS; },
  };
}

const docCount = (db: WritableDb) => (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;

async function main(): Promise<void> {
  const dbFile = join(cfg.dataDir, 'bancone.db');
  if (!existsSync(dbFile)) fiscalShopFile(dbFile);
  const db = openDatabase(dbFile);
  if (!getSetting(db, 'server.tillCode')) {
    // Joined through the real command, as a shop owner would (through the proxy: it passes then).
    let out = '';
    const code = await runCli(['till', 'join', cfg.serverUrl, cfg.pairingCode],
      { stdout: (s) => { out += s; }, stderr: (s) => { out += s; }, readStdin: async () => '' },
      { ...process.env, BANCONE_DATA_DIR: cfg.dataDir });
    if (code !== 0) throw new Error(`till join failed (${code}): ${out}`);
  }
  const tillCode = getSetting(db, 'server.tillCode')!;
  const clock = ledgerClock(db);
  const keys = dataDirKeyProvider(cfg.dataDir, { env: process.env });
  const link: TillLink = startLink({ db, clock, keys, timerDivisor: TIMER_DIVISOR });
  // The loop never throws for the network; anything else it throws is a defect the test must see.
  link.done.catch((e: unknown) => { send({ ev: 'error', message: `link loop: ${String((e as Error).stack ?? e)}` }); });

  let closing = false;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await link.stop();
    db.close();
    process.exit(0);
  };
  const close = async () => {
    if (closing) return;
    closing = true;
    const day = (db.prepare('SELECT max(business_day) AS d FROM documents').get() as { d: string }).d;
    if (!closureOf(db, day)) {
      clock.tick();
      const expected = expectedCash(db, day).expectedCents;
      await closeDay(db, clock, { business_day: day, count: { denominations: countOf(expected) }, note: 'prova: invio AdE non attivo' });
    }
    link.wake();
    send({ ev: 'closed', zNumber: closureOf(db, day)!.zNumber });
  };
  // Ringing starts on the test's word: every till joined first, so the chaos meets them all selling.
  let go!: () => void;
  const started = new Promise<void>((r) => { go = r; });
  process.on('message', (m: TillCommand) => {
    if (m.cmd === 'go') go();
    if (m.cmd === 'close') close().catch((e: unknown) => { send({ ev: 'error', message: String((e as Error).stack ?? e) }); process.exit(1); });
    if (m.cmd === 'stop') void stop();
  });
  process.on('SIGTERM', () => void stop());
  // The test gone (its process killed): no till outlives it.
  process.on('disconnect', () => process.exit(0));

  let n = docCount(db);
  send({ ev: 'ready', tillCode, docs: n });
  await started;
  while (n < cfg.documents && !stopping) {
    clock.tick();
    ringOne(db, clock, cfg, n);
    n = docCount(db);
    link.wake();
    send({ ev: 'progress', docs: n });
    // Let the link loop (and the IPC) run between documents, as a cashier's pauses would.
    await new Promise((r) => setImmediate(r));
  }
  send({ ev: 'rung', docs: n });
}

main().catch((e: unknown) => {
  process.stderr.write(`till ${cfg.index + 1}: ${String((e as Error).stack ?? e)}\n`);
  send({ ev: 'error', message: String((e as Error).stack ?? e) });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100);
});
