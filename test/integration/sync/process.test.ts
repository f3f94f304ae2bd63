// The sync process as the app drives it: started without a token, handed one over IPC (the app
// unwraps it with safeStorage), kicked after a sale, stopped with a message.
import { describe, it, expect, afterAll } from 'vitest';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import { commitSale } from '../../../backend/ledger/index.js';
import type { Clock } from '../../../shared/time.js';
import { tempLedger, FISCAL_ID, TOKEN, type TempLedger } from './fixtures.js';

const ENTRY = fileURLToPath(new URL('../../../backend/sync/process.ts', import.meta.url));
const at10 = new Date();
at10.setUTCHours(10, 0, 0, 0);
const OFFSET = at10.getTime() - Date.now();
const clock: Clock = { now: () => new Date(Date.now() + OFFSET) };

let emu: Emulator | undefined;
let ledger: TempLedger | undefined;
let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await emu?.close();
  ledger?.cleanup();
});

interface Drained { type: 'drained'; stopped: string | null; status: { ready: number; pending: number } }

function next(c: ChildProcess, pred: (m: Drained) => boolean, ms = 20_000): Promise<Drained> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { c.off('message', on); reject(new Error('timed out waiting for the sync process')); }, ms);
    const on = (m: Drained) => { if (m?.type === 'drained' && pred(m)) { clearTimeout(t); c.off('message', on); resolve(m); } };
    c.on('message', on);
  });
}

describe('sync process IPC', () => {
  it('waits for a token, sends after a kick, and exits cleanly on stop', async () => {
    emu = await startEmulator({ fiscalId: FISCAL_ID, token: TOKEN, clock, readyDelayMs: 50 });
    ledger = tempLedger();
    child = fork(ENTRY, ['--db', ledger.file, '--data-dir', ledger.dir], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BANCONE_OPENAPI_URL: emu.url, BANCONE_FISCAL_ID: FISCAL_ID, BANCONE_OPENAPI_TOKEN: '', BANCONE_CLOCK_OFFSET_MS: String(OFFSET), BANCONE_SYNC_TUNING: JSON.stringify({ pollFirstMs: 50 }) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    expect((await next(child, () => true)).stopped).toBe('not_configured');
    commitSale(ledger.db, clock, { lines: [{ description: 'Pane', unit_price_cents: 250, vat_code: '4', quantity: 1 }], payments: [{ method: 'electronic', amount_cents: 250 }] });
    child.send({ type: 'token', token: TOKEN });
    const done = await next(child, (m) => m.status.ready === 1);
    expect(done.stopped).toBe(null);
    expect(emu.receipts()).toHaveLength(1);
    commitSale(ledger.db, clock, { lines: [{ description: 'Latte', unit_price_cents: 150, vat_code: '4', quantity: 1 }], payments: [{ method: 'electronic', amount_cents: 150 }] });
    child.send({ type: 'kick' });
    await next(child, (m) => m.status.ready === 2);
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.send({ type: 'stop' });
    expect(await exited).toBe(0);
    // The lock is released: nothing claims to be running any more.
    expect(ledger.db.prepare(`SELECT count(*) FROM sync_state WHERE key = 'lock'`).pluck().get()).toBe(0);
  });
});
