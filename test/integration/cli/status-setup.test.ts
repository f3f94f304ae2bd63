// `bancone status` says where the guided set-up stands (issue #12): steps done, skipped and still to
// do, in Italian, and whether the till is still in training mode or fiscal since when; --json carries
// the same facts.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../../shared/time.js';
import { cli, tempDataDir, withLedger } from './helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const clock = fakeClock('2026-11-21T10:00:00Z');

describe('bancone status: the set-up part', () => {
  it('an empty install: nothing done, six steps to do, training mode', async () => {
    const dir = tempDataDir('training');
    dirs.push(dir);
    const r = await cli(dir, ['status'], { clock });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('Configurazione guidata: 0 passi fatti su 6; da fare: passo 1 (negozio), passo 2 (AdE tramite Openapi), passo 3 (stampante), passo 4 (reparti), passo 5 (catalogo), passo 6 (persone).');
    expect(lines).toContain('Modalità prova (non fiscale): le vendite non vanno all\'AdE e non entrano nei report.');
  });

  it('steps 1–2 done, the printer skipped, the departments done, the till fiscal: said in words and in JSON', async () => {
    const dir = tempDataDir('training');
    dirs.push(dir);
    await cli(dir, ['status'], { clock }); // creates the ledger
    withLedger(dir, (db) => {
      const put = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)`);
      put.run('setup.shopDoneAt', JSON.stringify('2026-11-21T09:00:00.000Z'), 't');
      put.run('setup.adeDoneAt', JSON.stringify('2026-11-21T09:30:00.000Z'), 't');
      put.run('setup.printerSkipped', JSON.stringify(true), 't');
      put.run('setup.departmentsDoneAt', JSON.stringify('2026-11-21T09:40:00.000Z'), 't');
    });
    const leave = await cli(dir, ['training', 'leave'], { clock });
    expect(leave.code, leave.stderr).toBe(0);
    const r = await cli(dir, ['status'], { clock });
    const lines = r.stdout.split('\n');
    expect(lines).toContain('Configurazione guidata: 3 passi fatti su 6; saltato: passo 3 (stampante); da fare: passo 5 (catalogo), passo 6 (persone).');
    expect(lines).toContain('Cassa fiscale dal 21/11/2026 11:00.');
    const json = await cli(dir, ['status', '--json'], { clock });
    expect(JSON.parse(json.stdout).setup).toEqual({
      done: ['shop', 'ade', 'departments'], skipped: ['printer'], todo: ['catalogue', 'people'],
      training: false, fiscalSince: '2026-11-21T10:00:00.000Z',
    });
  });
});
