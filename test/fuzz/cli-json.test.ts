// Fuzz at the command line (issue #10 «Keep it honest»): sale and cash-count JSON mutated from valid
// ones, and return, void and cash arguments mutated, into `bancone` in-process (runCli, the entry
// bin/bancone.mjs calls). A refusal exits non-zero with {error} on stdout (--json), is never
// INTERNAL, shows no stack trace, names the field and changes nothing in the ledger; what is
// accepted leaves only what a till can mean. BANCONE_FUZZ_RUNS=20000 for a long run.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fakeClock } from '../../shared/time.js';
import { cli, tempDataDir } from '../integration/cli/helpers.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { digest, hostile, ledgerProblems, mutated, newFigures, record, refusalProblems, report, runs, seed, TIMEOUT, type Figures } from './oracle.js';

const clock = fakeClock('2026-11-21T10:00:00Z');
const STATE_CODES = new Set<string>(['DAY_CLOSED', 'BLACKOUT']);
let dir = '';
let db: Database.Database;
let saleNumber = '';
let saleId = '';

const line = { description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1 };
const SALES = [
  { lines: [line], payments: [{ method: 'cash', amount_cents: 500 }] },
  { lines: [line, { ...line, description: 'Vino', vat_code: '22', unit_price_cents: 1290, discount_cents: 100, quantity: 1.5 }], discount_cents: 50, payments: [{ method: 'meal_voucher', amount_cents: 800, count: 1 }, { method: 'electronic', amount_cents: 1335 }], note: 'nota' },
  { lines: [{ ...line, complimentary: true }, line], payments: [{ method: 'uncollected', amount_cents: 350, kind: 'services' }], lottery_code: null },
];
const COUNTS = [{ denominations: { 5000: 2, 200: 7, 5: 3 }, note: 'sera' }, { 2000: 1 }];

beforeAll(async () => {
  dir = tempDataDir();
  const r = await cli(dir, ['sale', '--input', '-', '--no-print', '--json'], { clock, stdin: JSON.stringify(SALES[1]) });
  expect(r.code, r.stderr).toBe(0);
  ({ id: saleId, number: saleNumber } = JSON.parse(r.stdout) as { id: string; number: string });
  db = new Database(join(dir, 'bancone.db'));
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function check(f: Figures, argv: string[], stdin?: string, input?: unknown): Promise<void> {
  const before = digest(db);
  const known = new Set(ledgerProblems(db));
  const r = await cli(dir, argv, { clock, ...(stdin !== undefined ? { stdin } : {}) });
  f.tried++;
  const what = `${argv.join(' ')} ${stdin ?? ''}`;
  if (r.code === 0) {
    f.accepted++;
    record(f, what, ledgerProblems(db).filter((p) => !known.has(p)));
    return;
  }
  f.refused++;
  let error: ErrorInfo;
  try {
    error = (JSON.parse(r.stdout) as { error: ErrorInfo }).error;
  } catch {
    record(f, what, [`crash: no JSON error on stdout: ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}`]);
    return;
  }
  const problems = refusalProblems(error, digest(db) !== before, STATE_CODES, input);
  if (/\n\s+at |\.(ts|js|mjs):\d+:\d+/.test(r.stderr)) problems.push(`stack trace on stderr: ${r.stderr.slice(0, 200)}`);
  record(f, what, problems);
}

/** Text as a script or a person might put it in an argument. */
const word = fc.oneof(hostile.map((h) => (typeof h === 'string' ? h : JSON.stringify(h) ?? '')), fc.string({ maxLength: 10 }));
const lineSpec = fc.oneof(
  fc.constantFrom('1:1', '2:1', '2:0,5', '1:0', '1:-0', '0:1', '1:1.0005', '99:1', '1:1e3', '1:NaN', '1:', ':1', '1:1:1', '１:1', '1:00000000001'),
  fc.tuple(fc.integer({ min: -2, max: 4 }), fc.oneof(fc.double({ noNaN: true, min: -2, max: 3 }).map(String), word)).map(([n, q]) => `${n}:${q}`),
  word,
);

describe('fuzz: bancone commands, JSON and arguments', () => {
  it('sale JSON (--input -): never INTERNAL, no stack, names the field, nothing changed on refusal', async () => {
    const f = newFigures();
    await fc.assert(fc.asyncProperty(fc.constantFrom<unknown>(...SALES).chain(mutated), fc.boolean(), async (input, bom) => {
      await check(f, ['sale', '--input', '-', '--no-print', '--json'], `${bom ? '\ufeff' : ''}${JSON.stringify(input) ?? ''}`, input);
    }), { numRuns: runs(40), ...seed });
    console.info(report('cli sale', f));
    expect(f.examples, report('cli sale', f)).toEqual([]);
    expect(f.accepted).toBeGreaterThan(0);
  }, TIMEOUT);

  it('cash count JSON and cash float/in/out amounts', async () => {
    const f = newFigures();
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fc.constantFrom<unknown>(...COUNTS).chain(mutated).map((j) => ({ argv: ['cash', 'count', '--counted-json', '-', '--json'], stdin: JSON.stringify(j) ?? '' })),
        fc.tuple(fc.constantFrom('float', 'in', 'out'), fc.oneof(fc.constantFrom('150', '12,50', '0', '-0', '1.000.000,01', '10000000000000000', '1e3', '0,001'), word), word)
          .map(([k, amount, reason]) => ({ argv: ['cash', k, '--amount', amount, '--reason', reason || 'x', '--json'], stdin: undefined })),
      ),
      async ({ argv, stdin }) => { await check(f, argv, stdin); },
    ), { numRuns: runs(30), ...seed });
    console.info(report('cli cash', f));
    expect(f.examples, report('cli cash', f)).toEqual([]);
  }, TIMEOUT);

  it('return and void arguments', async () => {
    const f = newFigures();
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fc.tuple(fc.oneof(fc.constant(saleNumber), fc.constant(saleId), word), fc.array(lineSpec, { minLength: 1, maxLength: 3 }), fc.constantFrom('cash', 'electronic', 'card', ' '), fc.option(word, { nil: undefined }))
          .map(([ref, specs, refund, reason]) => ['return', ref, ...specs.flatMap((s) => ['--line', s]), '--refund', refund, ...(reason ? ['--reason', reason] : []), '--no-print', '--json']),
        fc.tuple(fc.oneof(fc.constant(saleNumber), word), word).map(([ref, reason]) => ['void', ref, '--reason', reason || 'x', '--no-print', '--json']),
      ),
      async (argv) => { await check(f, argv); },
    ), { numRuns: runs(30), ...seed });
    console.info(report('cli return/void', f));
    expect(f.examples, report('cli return/void', f)).toEqual([]);
  }, TIMEOUT);
});
