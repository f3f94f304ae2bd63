// Unexpected command-line arguments are errors, never silently ignored (issue #10, item 5):
// `bancone void A B` used to void A and drop B, `return X extra` to ignore `extra`, and
// `--refund ''` to mean «no refund method». Each is refused in Italian naming the argument, with a
// non-zero exit, and the ledger is left as it was. The code stays CLI_USAGE (what scripts already
// check); the field names the option, or `arguments` for a word too many.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../../shared/time.js';
import { CATALOG_CSV, cli, ledgerCounts, tempDataDir } from './helpers.js';

const clock = fakeClock('2026-11-21T10:00:00Z');
let dir = '';
let first = '';
let second = '';

beforeAll(async () => {
  dir = tempDataDir();
  const csv = join(dir, 'catalog.csv');
  writeFileSync(csv, CATALOG_CSV);
  expect((await cli(dir, ['catalog', 'import', csv], { clock })).code).toBe(0);
  const sale = JSON.stringify({ lines: [{ barcode: '8000000000002', quantity: 2 }], payments: [{ method: 'electronic', amount_cents: 1500 }] });
  for (const _ of [1, 2]) {
    const r = await cli(dir, ['sale', '--input', '-', '--no-print', '--json'], { clock, stdin: sale });
    expect(r.code, r.stderr).toBe(0);
  }
  first = '2026-11-21/0001';
  second = '2026-11-21/0002';
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refused(argv: string[], code: string, field: string, it: RegExp, en: RegExp): Promise<void> {
  const before = ledgerCounts(dir);
  const r = await cli(dir, argv, { clock });
  expect(r.code, argv.join(' ')).not.toBe(0);
  expect(r.stderr).toMatch(it);
  expect(r.stderr).toContain(`[${code}]`);
  const j = await cli(dir, [...argv, '--json'], { clock });
  expect(JSON.parse(j.stdout).error).toMatchObject({ code, field });
  const e = await cli(dir, argv, { clock, env: { BANCONE_LANG: 'en' } });
  expect(e.stderr).toMatch(en);
  expect(ledgerCounts(dir)).toEqual(before);
}

describe('unexpected arguments are refused, naming them, and change nothing', () => {
  it('`void A B`: B is refused (A is not voided either)', async () => {
    await refused(['void', first, second, '--no-print'], 'CLI_USAGE', 'arguments',
      /Argomento inatteso «2026-11-21\/0002»/, /Unexpected argument «2026-11-21\/0002»/);
  });

  it('`return X extra --line 1:1`: extra is refused', async () => {
    await refused(['return', first, 'extra', '--line', '1:1', '--no-print'], 'CLI_USAGE', 'arguments',
      /Argomento inatteso «extra»/, /Unexpected argument «extra»/);
  });

  it("`--refund ''` is an empty value, not «no refund method»", async () => {
    await refused(['return', first, '--line', '1:1', '--refund', '', '--no-print'], 'CLI_USAGE', 'refund',
      /L'opzione --refund non può essere vuota/, /The option --refund cannot be empty/);
    await refused(['void', first, '--reason=', '--no-print'], 'CLI_USAGE', 'reason',
      /L'opzione --reason non può essere vuota/, /The option --reason cannot be empty/);
  });

  it('an option missing its value, a value given to a switch, an unknown option: in Italian', async () => {
    await refused(['return', first, '--line', '1:1', '--no-print', '--refund'], 'CLI_USAGE', 'refund',
      /L'opzione --refund richiede un valore/, /The option --refund needs a value/);
    await refused(['void', first, '--no-print=yes'], 'CLI_USAGE', 'no-print',
      /L'opzione --no-print non prende un valore/, /The option --no-print takes no value/);
    await refused(['void', first, '--refnd', 'cash'], 'CLI_USAGE', 'refnd',
      /Opzione sconosciuta «--refnd»/, /Unknown option «--refnd»/);
    await refused(['return', first, '--line', '1:1', '--refund', '--no-print'], 'CLI_USAGE', 'refund',
      /L'opzione --refund richiede un valore/, /The option --refund needs a value/);
    await refused(['void', first, '--reason', 'a', '--reason', 'b', '--no-print'], 'CLI_USAGE', 'reason',
      /L'opzione --reason è data più volte/, /The option --reason is given more than once/);
  });

  it.each([
    [['status', 'oggi'], 'oggi'],
    [['audit', 'verify', 'tutto'], 'tutto'],
    [['print', 'test', 'due'], 'due'],
    [['print', 'fiscal-numbers', 'x'], 'x'],
    [['printer', 'models', 'x'], 'x'],
    [['report', 'x', 'ieri'], 'ieri'],
    [['cash', 'status', 'x'], 'x'],
    [['catalog', 'import', 'a.csv', 'b.csv'], 'b.csv'],
    [['close-day', 'oggi'], 'oggi'],
    [['sync', 'oggi', '--failed'], 'oggi'],
    [['sale', 'vendita.json', '--input', '-'], 'vendita.json'],
  ])('%j: «%s» is refused', async (argv, extra) => {
    await refused(argv, 'CLI_USAGE', 'arguments', new RegExp(`Argomento inatteso «${extra}»`), new RegExp(`Unexpected argument «${extra}»`));
  });

  it('what the commands do accept still works: a void of one sale', async () => {
    const r = await cli(dir, ['void', second, '--reason', 'sbagliato', '--no-print', '--json'], { clock });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'void' });
  });
});
