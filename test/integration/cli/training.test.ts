// `bancone training status|leave` (issue #12): the command-line twin of the manager's action. On an
// empty install a sale from the command line is a training sale too; leaving is refused, naming the
// missing set-up steps, until steps 1–2 are done.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../../shared/time.js';
import { cli, ledgerCounts, tempDataDir, withLedger } from './helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const clock = fakeClock('2026-11-21T10:00:00Z');

describe('bancone training', () => {
  it('an empty install: status says training and what is missing; a sale is a training sale; leave is refused in Italian', async () => {
    const dir = tempDataDir('training');
    dirs.push(dir);
    const status = await cli(dir, ['training', 'status'], { clock });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('MODALITÀ PROVA - NON FISCALE');
    expect(status.stdout).toContain('Configurazione ancora da fare: passo 1 (negozio), passo 2 (AdE tramite Openapi).');

    const saleFile = join(dir, 's.json');
    writeFileSync(saleFile, JSON.stringify({ lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 350 }] }));
    const sale = await cli(dir, ['sale', '--json', saleFile, '--no-print'], { clock });
    expect(sale.code, sale.stderr).toBe(0);
    expect(sale.stdout).toContain('PROVA 2026-11-21/0001');
    expect(ledgerCounts(dir)).toMatchObject({ documents: 0, outbox: 0 });

    const leave = await cli(dir, ['training', 'leave'], { clock });
    expect(leave.code).not.toBe(0);
    expect(leave.stderr).toMatch(/Impossibile uscire dalla modalità prova: manca passo 1, i dati del negozio .* e passo 2/);
  });

  it('once steps 1–2 are done, leave makes the till fiscal (JSON), and the next sale is 0001 of the day', async () => {
    const dir = tempDataDir('training');
    dirs.push(dir);
    await cli(dir, ['training', 'status'], { clock }); // creates the ledger
    withLedger(dir, (db) => {
      const put = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)`);
      put.run('setup.shopDoneAt', JSON.stringify('2026-11-21T09:00:00.000Z'), 't');
      put.run('setup.adeDoneAt', JSON.stringify('2026-11-21T09:30:00.000Z'), 't');
    });
    const leave = await cli(dir, ['training', 'leave', '--json'], { clock });
    expect(leave.code, leave.stderr).toBe(0);
    expect(JSON.parse(leave.stdout)).toEqual({ training: false, missing: [], fiscal_since: '2026-11-21T10:00:00.000Z' });
    const saleFile = join(dir, 's.json');
    writeFileSync(saleFile, JSON.stringify({ lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1 }], payments: [{ method: 'cash', amount_cents: 350 }] }));
    const sale = await cli(dir, ['sale', '--json', saleFile, '--no-print'], { clock });
    expect(sale.stdout).toContain('2026-11-21/0001');
    expect(sale.stdout).not.toContain('PROVA');
    expect(ledgerCounts(dir)).toMatchObject({ documents: 1, outbox: 1 });
    const status = await cli(dir, ['training', 'status'], { clock });
    expect(status.stdout).toBe('Modalità fiscale dal 2026-11-21T10:00:00.000Z.\n');
  });
});
