// Reliability test: a child process commits documents through the real ledger (file database,
// WAL, synchronous=FULL) and is killed with SIGKILL at random moments, many times. After every
// kill the ledger must be intact: integrity_check ok, every document the child reported is there
// and complete, no document is half-written, the audit chain verifies and numbering has no gaps.
//
// SIGKILL stops the process between any two instructions (also inside a transaction or an fsync);
// it does not cut the power to the disk, so this tests atomicity and recovery of the ledger code
// and SQLite's WAL, not the drive's cache honesty.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import { upsertProduct } from '../../../backend/catalog/products.js';
import { documentDigest, verifyAudit } from '../../../backend/ledger/index.js';
import { ledgerProblems } from './helpers.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = join(ROOT, 'test/fixtures/crash-child.ts');
const BARCODES = ['8000000000101', '8000000000102', '8000000000103', '8000000000104', '8000000000105'];
const KILLS = 24;

const dir = mkdtempSync(join(tmpdir(), 'bancone-crash-'));
const dbFile = join(dir, 'ledger.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Reported { kind: string; id: string; lines: number; payments: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the child; resolves its handle, a promise of its exit, and the lines it printed so far. */
function startChild(seed: number) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, String(seed)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  let stderr = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => { onReady = r; });
  const waiters: { n: number; resolve: () => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    const parts = buf.split('\n');
    buf = parts.pop()!;
    for (const p of parts) {
      if (p === 'ready') onReady();
      else lines.push(p);
    }
    for (const w of waiters.splice(0)) {
      if (lines.length >= w.n) w.resolve();
      else waiters.push(w);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
  /** Resolves once the child has reported n documents (or has exited). */
  const reportedAtLeast = (n: number) => Promise.race([exited.then(() => undefined), new Promise<void>((resolve) => (lines.length >= n ? resolve() : waiters.push({ n, resolve })))]);
  return { child, ready, exited, lines, reportedAtLeast, stderr: () => stderr };
}

/** Everything that must hold after any crash. Returns the number of documents in the ledger. */
function checkLedger(reported: Map<string, Reported>): number {
  const db = openDatabase(dbFile); // also recovers the WAL and re-runs (no) migrations
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // Every reported document is present and complete.
    for (const r of reported.values()) {
      const d = db.prepare('SELECT kind FROM documents WHERE id = ?').get(r.id) as { kind: string } | undefined;
      expect(d, `reported ${r.kind} ${r.id} is missing`).toBeDefined();
      expect(d!.kind).toBe(r.kind);
      expect(db.prepare('SELECT count(*) FROM document_lines WHERE document_id = ?').pluck().get(r.id), r.id).toBe(r.lines);
      expect(db.prepare('SELECT count(*) FROM payments WHERE document_id = ?').pluck().get(r.id), r.id).toBe(r.payments);
    }

    // No half-written document, reported or not, and all the ledger's invariants hold.
    expect(ledgerProblems(db)).toEqual([]);

    // The journal chain verifies, digests included.
    const v = verifyAudit(db, (id) => documentDigest(db, id));
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    const docs = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    expect(v.entries).toBe(docs);
    return docs;
  } finally {
    db.close();
  }
}

describe('crash test: SIGKILL while committing', () => {
  it(`survives ${KILLS} kills at random moments`, async () => {
    const setup = fiscalShop(openDatabase(dbFile));
    expect(setup.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(setup.pragma('synchronous', { simple: true })).toBe(2);
    setup.transaction(() => {
      BARCODES.forEach((b, i) => upsertProduct(setup, { sku: `CR${i}`, description: `Articolo ${i}`, priceCents: 100 + 137 * i, vatCode: i % 2 ? '22' : '10', barcodes: [b] }, new Date().toISOString()));
    })();
    setup.close();

    const reported = new Map<string, Reported>();
    const started = Date.now();
    let killedWhileCommitting = 0;
    let docs = 0;
    let unreported = 0;
    for (let k = 0; k < KILLS; k++) {
      const seed = 1000 + k;
      const run = startChild(seed);
      // Most kills land in the commit loop: after a random number of committed documents, plus a
      // random few milliseconds (so inside the next commit, its fsync, or between commit and
      // report). Every sixth lands at a random moment of start-up (opening the database, WAL
      // recovery, migrations check). Counting documents rather than time keeps this meaningful
      // on a slow or busy machine.
      if (k % 6 === 5) await sleep(Math.random() * 400);
      else {
        await run.reportedAtLeast(1 + Math.floor(Math.random() * 15));
        await sleep(Math.random() * 12);
      }
      const alive = run.child.exitCode === null && run.child.signalCode === null;
      run.child.kill('SIGKILL');
      const exit = await run.exited;
      if (!alive || exit.signal !== 'SIGKILL') throw new Error(`child ${seed} ended by itself (${JSON.stringify(exit)}): ${run.stderr()}`);
      for (const line of run.lines) {
        const [kind, id, l, p] = line.split(' ');
        expect(['sale', 'return', 'void'], line).toContain(kind);
        reported.set(id!, { kind: kind!, id: id!, lines: Number(l), payments: Number(p) });
      }
      if (run.lines.length > 0 && k % 6 !== 5) killedWhileCommitting++;
      const before = docs;
      docs = checkLedger(reported);
      // A kill can leave at most one committed document the child had no time to report.
      expect(docs - before - run.lines.length).toBeGreaterThanOrEqual(0);
      expect(docs - before - run.lines.length).toBeLessThanOrEqual(1);
      unreported += docs - before - run.lines.length;
    }
    console.info(`crash test: ${KILLS} kills (${killedWhileCommitting} while committing), ${docs} documents, ${reported.size} reported, ${unreported} committed but killed before reporting, ${Date.now() - started} ms`);
    expect(docs).toBeGreaterThanOrEqual(reported.size);
    expect(docs - reported.size).toBeLessThanOrEqual(KILLS);
    // The loop really ran: plenty of documents, and most kills hit a child that was committing.
    expect(reported.size).toBeGreaterThan(KILLS * 2);
    expect(killedWhileCommitting).toBeGreaterThanOrEqual(KILLS / 2);
    expect([...reported.values()].some((r) => r.kind === 'return')).toBe(true);
    expect([...reported.values()].some((r) => r.kind === 'void')).toBe(true);
  }, 240_000);
});
