// `bancone customer add|list|import|export` as a shop owner runs it: JSON in, the error naming the
// field, the list found by part of the Partita IVA, an export edited in a spreadsheet and imported.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDataDir } from '../cli/helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const bar = {
  kind: 'company', denominazione: 'Bar Sport Srl', partita_iva: '01234567897', codice_destinatario: 'M5UXCR1',
  indirizzo: 'Corso Italia', numero_civico: '2', cap: '00198', comune: 'Roma', provincia: 'RM',
};

describe('bancone customer', () => {
  it('add refuses a wrong Partita IVA naming the field, then adds; list finds it by part of the number', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const wrong = await cli(dir, ['customer', 'add', '--input', '-'], { stdin: JSON.stringify({ ...bar, partita_iva: '01234567890' }) });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toBe("Errore [PARTITA_IVA_INVALID]: Partita IVA: la cifra di controllo (l'ultima) non torna, c'è un errore di battitura\n");
    const json = await cli(dir, ['customer', 'add', '--input', '-', '--json'], { stdin: JSON.stringify({ ...bar, partita_iva: '01234567890' }) });
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'PARTITA_IVA_INVALID', field: 'partita_iva' } });
    expect((await cli(dir, ['customer', 'list', '--json'])).stdout).toBe('[]\n');

    const added = await cli(dir, ['customer', 'add', '--input', '-'], { stdin: JSON.stringify(bar) });
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Cliente aggiunto: Bar Sport Srl \(id [0-9a-f-]{36}\)\n$/);
    const list = await cli(dir, ['customer', 'list', '4567']);
    expect(list.stdout).toMatch(/^Bar Sport Srl\s+IT01234567897\s+Roma \(RM\)\s+[0-9a-f-]{36}\n$/);
    const found = JSON.parse((await cli(dir, ['customer', 'list', 'sport', '--json'])).stdout) as { displayName: string; codiceDestinatario: string }[];
    expect(found.map((c) => [c.displayName, c.codiceDestinatario])).toEqual([['Bar Sport Srl', 'M5UXCR1']]);
    expect((await cli(dir, ['customer', 'list', 'rossi'])).stdout).toBe('');
  });

  it('export, edit in a spreadsheet, import: updated in place; a bad row is named and nothing is written', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    await cli(dir, ['customer', 'add', '--input', '-'], { stdin: JSON.stringify(bar) });
    const out = join(dir, 'clienti.csv');
    expect((await cli(dir, ['customer', 'export', '--out', out])).code).toBe(0);
    const exported = readFileSync(out, 'utf8');
    const edited = exported.replace('Corso Italia;2;', 'Corso Italia;4;') +
      ';persona;;Anna;Verdi;VRDNNA80A41F205K;;;;anna@pec.it;Via Dante;1;2012;Milano;MI;IT;;sì\r\n';
    writeFileSync(out, edited);
    const bad = await cli(dir, ['customer', 'import', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Riga 3: CAP: servono 5 cifre (es. 20121)');
    expect(bad.stdout).toContain('Nessun cliente importato: 1 errore da correggere (oppure importare solo le righe giuste).');
    const before = JSON.parse((await cli(dir, ['customer', 'list', '--json'])).stdout) as { numeroCivico: string }[];
    expect(before.map((c) => c.numeroCivico)).toEqual(['2']);

    writeFileSync(out, edited.replace(';1;2012;Milano', ';1;20121;Milano'));
    const good = await cli(dir, ['customer', 'import', out]);
    expect(good.stdout).toContain('Importati 2 clienti (1 nuovo, 1 aggiornato).');
    const all = JSON.parse((await cli(dir, ['customer', 'list', '--json'])).stdout) as { displayName: string; numeroCivico: string; pec: string | null }[];
    expect(all.map((c) => [c.displayName, c.numeroCivico, c.pec])).toEqual([['Bar Sport Srl', '4', null], ['Verdi Anna', '1', 'anna@pec.it']]);
  });

  it('--help says how', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const help = await cli(dir, ['customer', '--help']);
    expect(help.stdout).toContain('bancone customer add --input FILE|-');
  });
});
