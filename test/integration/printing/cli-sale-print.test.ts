// Issue #9 item 11: `bancone sale` (and return, void) print the original receipt at once, with the
// drawer for cash; a printer problem leaves the sale recorded and the receipt queued, says so and
// how to print it; `bancone print queue` shows and prints the queue; the app and the CLI never print
// one receipt twice. Checked on the virtual printer's paper and drawer, the output and exit codes.
import { describe, expect, it } from 'vitest';
import { cliWorld } from './cli-world.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../backend/db/open.js';
import { createPrintingService } from '../../../backend/printing/index.js';
import { paperHasLine, paperSays } from '../../../emulators/escpos-decoder.js';

const world = cliWorld('cli-sale-print');
const { clock, cli, withDb } = world;

const saleFile = (payments: unknown[] = [{ method: 'cash', amount_cents: 2000 }]) => {
  const f = join(world.dir(), `sale-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify({ lines: [{ description: 'Guida della Città', unit_price_cents: 1250, vat_code: '22' }], payments }));
  return f;
};
const jobs = () => withDb((db) => db.prepare(`SELECT kind, state, drawer_pulse AS drawer FROM print_jobs ORDER BY created_at, rowid`).all());

describe('bancone sale prints its receipt at once', () => {
  it('a cash sale: the original receipt comes out with one drawer opening, nothing left queued', async () => {
    const r = await cli(['sale', '--input', saleFile()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Vendita 2026-11-21/0001 registrata');
    expect(r.stdout).toContain('Scontrino stampato, cassetto aperto\n');
    expect(r.stderr).toBe('');
    const [job] = await world.printer().waitForJobs(1);
    expect(paperHasLine(job!.paper, 'TOTALE € 12,50')).toBe(true);
    expect(paperHasLine(job!.paper, 'RESTO € 7,50')).toBe(true);
    expect(paperSays(job!.paper).join('\n')).not.toMatch(/COPIA|RISTAMPA/);
    expect(world.printer().drawerKicks.map((k) => k.command)).toEqual(['ESC p']);
    expect(jobs()).toEqual([{ kind: 'receipt', state: 'printed', drawer: 'receipt' }]);
  });

  it('a card sale: printed, the drawer stays shut; --json tells the receipt state', async () => {
    const r = await cli(['sale', '--input', saleFile([{ method: 'electronic', amount_cents: 1250 }]), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ number: '2026-11-21/0001', receipt: { state: 'printed', printed: true, drawer_opened: false, error: null } });
    await world.printer().waitForJobs(1);
    expect(world.printer().drawerKicks).toEqual([]);
  });

  it('--no-print: recorded, nothing printed and nothing queued for the app to print later', async () => {
    const r = await cli(['sale', '--input', saleFile(), '--no-print']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Vendita 2026-11-21/0001 registrata');
    expect(r.stdout).toContain('Scontrino non stampato (--no-print)');
    expect(world.printer().connections).toBe(0);
    expect(jobs()).toEqual([]);
    expect(withDb((db) => db.prepare('SELECT count(*) FROM documents').pluck().get())).toBe(1);
  });

  it('out of paper: the sale is recorded (exit 0), the drawer opens once, the receipt waits; print sale prints the ORIGINAL later, without a second opening', async () => {
    await world.printer().setMode('paperOut');
    const r = await cli(['sale', '--input', saleFile()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Vendita 2026-11-21/0001 registrata');
    expect(r.stderr).toBe('Scontrino NON stampato: Carta esaurita: sostituire il rotolo. Il cassetto è stato aperto. '
      + "Il documento è registrato e lo scontrino resta in coda: si stampa da solo con l'app della cassa aperta, "
      + 'oppure ora con «bancone print sale 2026-11-21/0001» (tutti quelli in attesa: «bancone print queue --run»).\n');
    expect(world.printer().drawerKicks.map((k) => [k.command, k.mode])).toEqual([['DLE DC4', 'paperOut']]);
    expect(world.printer().jobs).toEqual([]);
    expect(jobs()).toEqual([{ kind: 'receipt', state: 'retry', drawer: 'realtime' }]);

    const q = await cli(['print', 'queue']);
    expect(q.stdout).toMatch(/^21\/11\/2026 18:42 {2}da riprovare {3}scontrino N\. 2026-11-21\/0001 {2}tentativi 1 {2}Carta esaurita: sostituire il rotolo\n$/);

    await world.printer().setMode('ok');
    const p = await cli(['print', 'sale', '2026-11-21/0001']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toBe('Stampato: scontrino N. 2026-11-21/0001\n');
    const [job] = await world.printer().waitForJobs(1);
    expect(paperSays(job!.paper).join('\n')).not.toMatch(/COPIA|RISTAMPA/);
    expect(paperHasLine(job!.paper, 'TOTALE € 12,50')).toBe(true);
    expect(job!.paper.pulses).toEqual([]);
    expect(world.printer().drawerKicks).toHaveLength(1);
    expect(jobs()).toEqual([{ kind: 'receipt', state: 'printed', drawer: 'realtime' }]);
  });

  it('--json when the printer is off: the receipt part says it is queued and why', async () => {
    await world.printer().setMode('refused');
    const r = await cli(['sale', '--input', saleFile(), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).receipt).toMatchObject({ state: 'retry', printed: false, drawer_opened: false, error: expect.stringContaining('connessione rifiutata') });
  });

  it('no printer configured: recorded, the receipt stays queued untouched, and the command says so', async () => {
    const r = await cli(['sale', '--input', saleFile()], { BANCONE_PRINTER: '' });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Scontrino NON stampato: stampante non configurata.');
    expect(jobs()).toEqual([{ kind: 'receipt', state: 'queued', drawer: null }]);
  });

  it('in English', async () => {
    await world.printer().setMode('paperOut');
    const r = await cli(['sale', '--input', saleFile()], { BANCONE_LANG: 'en' });
    expect(r.stderr).toContain('Receipt NOT printed: Paper out: replace the roll. The cash drawer was opened.');
  });
});

describe('bancone return and void print their receipt too', () => {
  it('a cash refund: RESO / ANNULLAMENTO on paper, the drawer opens for each', async () => {
    await cli(['sale', '--input', saleFile()]);
    await cli(['sale', '--input', saleFile()]);
    const ret = await cli(['return', '2026-11-21/0001', '--line', '1:1', '--refund', 'cash']);
    expect(ret.code, ret.stderr).toBe(0);
    expect(ret.stdout).toContain('Reso 2026-11-21/0003 registrato');
    expect(ret.stdout).toContain('Scontrino stampato, cassetto aperto');
    const v = await cli(['void', '2026-11-21/0002']);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toContain('Annullo 2026-11-21/0004 registrato');
    const printed = await world.printer().waitForJobs(4);
    expect(paperSays(printed[2]!.paper)).toContain('RESO');
    expect(paperHasLine(printed[2]!.paper, 'TOTALE RESO € 12,50')).toBe(true);
    expect(paperSays(printed[3]!.paper)).toContain('ANNULLAMENTO');
    expect(paperHasLine(printed[3]!.paper, 'TOTALE ANNULLATO € 12,50')).toBe(true);
    expect(paperSays(printed[3]!.paper).join('\n')).not.toContain('DA PAGARE');
    expect(world.printer().drawerKicks).toHaveLength(4);
  });

  it('--no-print on return and void', async () => {
    await cli(['sale', '--input', saleFile()]);
    await cli(['sale', '--input', saleFile()]);
    expect((await cli(['return', '2026-11-21/0001', '--line', '1:1', '--no-print'])).stdout).toContain('Scontrino non stampato (--no-print)');
    expect((await cli(['void', '2026-11-21/0002', '--no-print'])).stdout).toContain('Scontrino non stampato (--no-print)');
    await world.printer().waitForJobs(2);
    expect(jobs()).toHaveLength(2);
  });
});

describe('bancone print queue', () => {
  it('lists what waits and why; --run prints what is due and exits 2 while the printer still fails', async () => {
    await world.printer().setMode('refused');
    await cli(['sale', '--input', saleFile()]);
    await cli(['sale', '--input', saleFile([{ method: 'electronic', amount_cents: 1250 }])], { BANCONE_PRINTER: '' });
    const list = await cli(['print', 'queue']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^21\/11\/2026 18:42 {2}da riprovare {3}scontrino N\. 2026-11-21\/0001 {2}tentativi 1 {2}Stampante non raggiungibile: connessione rifiutata/),
      '21/11/2026 18:42  in coda        scontrino N. 2026-11-21/0002  tentativi 0',
    ]);
    expect(JSON.parse((await cli(['print', 'queue', '--json'])).stdout)).toHaveLength(2);

    const fail = await cli(['print', 'queue', '--run']);
    expect(fail.code).toBe(2);
    expect(fail.stdout).toContain('Ancora in coda:');
    expect(fail.stderr).toContain('Le stampe restano in coda');

    await world.printer().setMode('ok');
    const run = await cli(['print', 'queue', '--run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Stampato: scontrino N. 2026-11-21/0001\nStampato: scontrino N. 2026-11-21/0002\n');
    const printed = await world.printer().waitForJobs(2);
    expect(printed.map((j) => j.paper.qrCodes.length)).toEqual([1, 1]);
    expect((await cli(['print', 'queue'])).stdout).toBe('Nessuna stampa in coda\n');
    expect((await cli(['printer', 'queue', '--all'])).stdout).toMatch(/stampato +scontrino N\. 2026-11-21\/0001/);
    // Without a printer the queue cannot run: say so, exit 2.
    expect((await cli(['print', 'queue', '--run'], { BANCONE_PRINTER: '' })).code).toBe(2);
  });
});

describe('the app and the CLI on one database', () => {
  it('a CLI sale while the app\'s queue runs: the receipt comes out once', async () => {
    // The app, with its own connection, polling the table.
    const appDb = openDatabase(join(world.dir(), 'bancone.db'));
    const app = createPrintingService({ db: appDb, clock, env: { BANCONE_PRINTER: world.printer().url }, pollMs: 5, statusPollMs: 0, retry: { baseMs: 20, maxMs: 100 } });
    app.queue.start();
    try {
      for (let i = 0; i < 5; i++) expect((await cli(['sale', '--input', saleFile()])).code).toBe(0);
      await world.printer().waitForJobs(5);
      await app.queue.drain();
      expect(jobs()).toHaveLength(5);
      expect(jobs().every((j) => (j as { state: string }).state === 'printed')).toBe(true);
      // Five receipts, five drawer openings, no duplicate on paper.
      const ids = world.printer().jobs.map((j) => j.paper.qrCodes[0]);
      expect(new Set(ids).size).toBe(5);
      expect(world.printer().drawerKicks).toHaveLength(5);
    } finally {
      await app.queue.stop();
      appDb.close();
    }
  });
});

describe('printer.mode wait_fiscal', () => {
  it('the CLI waits at most printer.waitSeconds for the AdE number (no sync here), then prints the receipt without it', async () => {
    withDb((db) => {
      db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('printer.mode', '"wait_fiscal"', '2026-11-21T00:00:00Z'), ('printer.waitSeconds', '1', '2026-11-21T00:00:00Z')`).run();
    });
    const r = await cli(['sale', '--input', saleFile()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Scontrino stampato, cassetto aperto');
    const [job] = await world.printer().waitForJobs(1);
    expect(paperSays(job!.paper).join(' ')).toContain('DOCUMENTO COMMERCIALE IN ATTESA DI EMISSIONE');
    expect(jobs()).toEqual([{ kind: 'receipt', state: 'printed', drawer: 'receipt' }]);
  });
});
