// Several processes open a new or upgraded ledger at once: after an upgrade Electron main, the sync
// process and a CLI start together, and a shop script may run several `bancone sale` in parallel.
// Each must find the ledger migrated once, whoever got there first (issue #10, item 1).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../backend/db/open.js';
import { migrations } from '../../../backend/db/migrations/index.js';
import { spawnCli } from '../cli/helpers.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = join(ROOT, 'test/fixtures/migrate-child.ts');
const WORKERS = 6;
const ROUNDS = 25;

interface Worker { child: ChildProcessWithoutNullStreams; next(): Promise<string> }

function startWorker(): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return { child, next: async () => { const r = await lines.next(); return r.done ? 'exited' : r.value; } };
}

const dir = mkdtempSync(join(tmpdir(), 'bancone-migrate-race-'));
const workers: Worker[] = [];
beforeAll(async () => {
  for (let i = 0; i < WORKERS; i++) workers.push(startWorker());
  for (const w of workers) expect(await w.next()).toBe('ready');
}, 120_000);
afterAll(() => {
  for (const w of workers) w.child.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Every worker opens `file` at the same moment; returns what each answered. */
async function race(file: string): Promise<string[]> {
  for (const w of workers) w.child.stdin.write(`${file}\n`);
  return Promise.all(workers.map((w) => w.next()));
}

function schemaOf(file: string): { versions: number[]; userVersion: number } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      versions: db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[],
      userVersion: db.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

const all = migrations.map((m) => m.version);

describe('several processes open the same ledger at once', () => {
  it(`${WORKERS} processes × ${ROUNDS} new ledgers: every open succeeds, each migration applied once`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(dir, `new-${round}.db`);
      const answers = await race(file);
      failures.push(...answers.filter((a) => a !== 'ok').map((a) => `round ${round}: ${a}`));
      expect(schemaOf(file)).toEqual({ versions: all, userVersion: Math.max(...all) });
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it(`${WORKERS} processes × ${ROUNDS} ledgers being upgraded (from the first migrations only)`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(dir, `old-${round}.db`);
      const old = new Database(file);
      old.pragma('journal_mode = WAL');
      migrate(old, migrations.slice(0, 1 + (round % 3)));
      old.close();
      const answers = await race(file);
      failures.push(...answers.filter((a) => a !== 'ok').map((a) => `round ${round}: ${a}`));
      expect(schemaOf(file)).toEqual({ versions: all, userVersion: Math.max(...all) });
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('4 × `bancone status` on an empty data folder all answer', async () => {
    const data = mkdtempSync(join(dir, 'status-'));
    const runs = await Promise.all([0, 1, 2, 3].map(() => spawnCli(data, ['status', '--json'])));
    for (const r of runs) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(schemaOf(join(data, 'bancone.db')).versions).toEqual(all);
  }, 180_000);

  it('8 × `bancone sale` on an empty data folder: 8 sales, numbered without gaps', async () => {
    const data = mkdtempSync(join(dir, 'sale-'));
    const sale = JSON.stringify({ lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 350 }] });
    const runs = await Promise.all(Array.from({ length: 8 }, () => spawnCli(data, ['sale', '--json', '-', '--no-print'], sale)));
    for (const r of runs) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const numbers = runs.map((r) => Number((JSON.parse(r.stdout) as { number: string }).number.split('/')[1])).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  }, 240_000);
});
