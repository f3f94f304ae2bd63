// An e-commerce script that retries must not record a sale twice (issue #10, item 4): a killed
// `bancone sale` may have committed without saying so. With --idempotency-key, a replay returns the
// stored result and records nothing; the same key with a different request is refused. Also for
// returns and voids.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../../shared/time.js';
import { BIN, CATALOG_CSV, ROOT, cli, ledgerCounts, spawnCli, tempDataDir, withLedger } from './helpers.js';

const clock = fakeClock('2026-11-21T10:00:00Z');
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function till(): Promise<string> {
  const dir = tempDataDir();
  dirs.push(dir);
  writeFileSync(join(dir, 'c.csv'), CATALOG_CSV);
  expect((await cli(dir, ['catalog', 'import', join(dir, 'c.csv')], { clock })).code).toBe(0);
  return dir;
}
const SALE = { lines: [{ barcode: '8000000000002', quantity: 2 }], payments: [{ method: 'electronic', amount_cents: 1500 }] };

describe('--idempotency-key', () => {
  it('a sale replayed with its key returns the stored result and records nothing', async () => {
    const dir = await till();
    const argv = ['sale', '--input', '-', '--no-print', '--json', '--idempotency-key', 'shop-order-1001'];
    const first = await cli(dir, argv, { clock, stdin: JSON.stringify(SALE) });
    expect(first.code, first.stderr).toBe(0);
    const counts = ledgerCounts(dir);
    clock.advance(60_000);
    const again = await cli(dir, argv, { clock, stdin: JSON.stringify(SALE) });
    expect(again.code, again.stderr).toBe(0);
    const a = JSON.parse(first.stdout);
    const b = JSON.parse(again.stdout);
    expect(b).toEqual({ ...a, receipt: b.receipt, replayed: true });
    expect(a.replayed).toBeUndefined();
    expect(ledgerCounts(dir)).toEqual(counts);
    const human = await cli(dir, argv.filter((x) => x !== '--json'), { clock, stdin: JSON.stringify(SALE) });
    expect(human.stdout).toContain(`Vendita ${a.number} già registrata con la chiave «shop-order-1001»: nulla di nuovo registrato`);
  });

  it('the same key with another request is refused, naming the key, and changes nothing', async () => {
    const dir = await till();
    const argv = ['sale', '--input', '-', '--no-print', '--idempotency-key', 'k-1'];
    expect((await cli(dir, argv, { clock, stdin: JSON.stringify(SALE) })).code).toBe(0);
    const counts = ledgerCounts(dir);
    const other = { ...SALE, lines: [{ barcode: '8000000000002', quantity: 1 }], payments: [{ method: 'electronic', amount_cents: 750 }] };
    const r = await cli(dir, [...argv, '--json'], { clock, stdin: JSON.stringify(other) });
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotency-key' });
    const it = await cli(dir, argv, { clock, stdin: JSON.stringify(other) });
    expect(it.stderr).toContain("La chiave «k-1» è già stata usata per un'altra richiesta (vendita 2026-11-21/0001)");
    expect(ledgerCounts(dir)).toEqual(counts);
    // A key must be usable as one: not empty, not a paragraph.
    expect((await cli(dir, ['sale', '--input', '-', '--idempotency-key', 'x'.repeat(200)], { clock, stdin: JSON.stringify(SALE) })).stderr).toContain('--idempotency-key');
  });

  it('returns and voids: a replay records nothing; a sale key is not a void key', async () => {
    const dir = await till();
    const s1 = JSON.parse((await cli(dir, ['sale', '--input', '-', '--no-print', '--json'], { clock, stdin: JSON.stringify(SALE) })).stdout);
    const s2 = JSON.parse((await cli(dir, ['sale', '--input', '-', '--no-print', '--json'], { clock, stdin: JSON.stringify(SALE) })).stdout);
    const ret = ['return', s1.number, '--line', '1:1', '--no-print', '--json', '--idempotency-key', 'ret-1'];
    const r1 = await cli(dir, ret, { clock });
    expect(r1.code, r1.stderr).toBe(0);
    const counts = ledgerCounts(dir);
    const r2 = await cli(dir, ret, { clock });
    expect(r2.code, r2.stderr).toBe(0);
    expect(JSON.parse(r2.stdout)).toMatchObject({ id: JSON.parse(r1.stdout).id, replayed: true });
    expect(ledgerCounts(dir)).toEqual(counts);
    const v = ['void', s2.number, '--no-print', '--json', '--idempotency-key', 'void-1'];
    expect((await cli(dir, v, { clock })).code).toBe(0);
    const afterVoid = ledgerCounts(dir);
    // Without the key the second void is refused (SALE_VOIDED); with it the first answer comes back.
    const v2 = await cli(dir, v, { clock });
    expect(v2.code, v2.stderr).toBe(0);
    expect(JSON.parse(v2.stdout)).toMatchObject({ kind: 'void', replayed: true });
    const wrong = await cli(dir, ['void', s2.number, '--no-print', '--json', '--idempotency-key', 'ret-1'], { clock });
    expect(JSON.parse(wrong.stdout).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(ledgerCounts(dir)).toEqual(afterVoid);
  });
});

describe('kill test: a script that retries after SIGKILL records each order once', () => {
  /** Starts `bancone sale`, kills it after `afterMs` (or lets it finish first). */
  function killed(dir: string, key: string, afterMs: number): Promise<void> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, 'sale', '--input', '-', '--no-print', '--idempotency-key', key], {
        cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: dir, BANCONE_DATA_DIR: dir }, stdio: ['pipe', 'ignore', 'ignore'],
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(JSON.stringify(SALE));
      const t = setTimeout(() => child.kill('SIGKILL'), afterMs);
      child.on('close', () => { clearTimeout(t); resolve(); });
    });
  }

  it('8 orders, each killed once at a different moment and retried until it answers: 8 sales', async () => {
    const dir = await till();
    const ORDERS = 8;
    for (let i = 0; i < ORDERS; i++) {
      // From «before it could start» to «probably after the commit»: where it lands does not matter, the count must.
      await killed(dir, `order-${i}`, 150 + i * 400);
      let r = await spawnCli(dir, ['sale', '--input', '-', '--no-print', '--json', '--idempotency-key', `order-${i}`], JSON.stringify(SALE));
      for (let tries = 0; r.code !== 0 && tries < 3; tries++) r = await spawnCli(dir, ['sale', '--input', '-', '--no-print', '--json', '--idempotency-key', `order-${i}`], JSON.stringify(SALE));
      expect(r.code, r.stderr).toBe(0);
    }
    expect(withLedger(dir, (db) => db.prepare(`SELECT count(*) FROM documents WHERE kind = 'sale'`).pluck().get())).toBe(ORDERS);
    expect(withLedger(dir, (db) => db.prepare('SELECT count(*) FROM idempotency_keys').pluck().get())).toBe(ORDERS);
  }, 300_000);
});
