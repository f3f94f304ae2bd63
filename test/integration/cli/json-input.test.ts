// Issue #10 item 6 at the command line: what `bancone` says about a JSON it refuses, and a UTF-8
// BOM (Windows Notepad saves one) in front of the JSON, which is accepted: it is not content, and
// RFC 8259 §8.1 lets a parser ignore it — refusing would only make the shopkeeper save the file again.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../../shared/time.js';
import { cli, ledgerCounts, tempDataDir } from './helpers.js';

const clock = fakeClock('2026-11-21T10:00:00Z');
let dir = '';
const sale = { lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 500 }] };

beforeAll(() => { dir = tempDataDir(); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI reads sale JSON', () => {
  it('accepts a file saved by Notepad with a UTF-8 BOM', async () => {
    const file = join(dir, 'notepad.json');
    writeFileSync(file, '\ufeff' + JSON.stringify(sale), 'utf8');
    const r = await cli(dir, ['sale', '--input', file, '--no-print', '--json'], { clock });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'sale', total_cents: 350 });
  });

  it('a quantity given as "NaN" is a wrong type, named, with what came; nothing recorded', async () => {
    const before = ledgerCounts(dir);
    const bad = { ...sale, lines: [{ ...sale.lines[0], quantity: 'NaN' }] };
    const r = await cli(dir, ['sale', '--input', '-', '--no-print', '--json'], { clock, stdin: JSON.stringify(bad) });
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'INVALID_INPUT', field: 'lines[0].quantity' });
    expect(r.stderr).toContain('Campo "lines[0].quantity": atteso un numero, ricevuto "NaN"');
    expect(r.stderr).not.toContain('obbligatorio');
    expect(ledgerCounts(dir)).toEqual(before);
  });

  it('`--line 1:0` says the quantity must be greater than 0, not «minimo 0»', async () => {
    const r = await cli(dir, ['return', '2026-11-21/0001', '--line', '1:0', '--no-print'], { clock });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Campo "lines[0].quantity": deve essere maggiore di 0 (ricevuto 0)');
  });

  it('JSON that is not JSON says so, naming the source', async () => {
    const r = await cli(dir, ['sale', '--input', '-', '--no-print'], { clock, stdin: '{"lines": [' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^Errore \[JSON_INVALID\]: JSON non valido in -/);
  });
});
