// Issue #9 item 11: `bancone sale` (and return, void) print the original receipt at once, with the
// drawer for cash; a printer problem leaves the sale recorded and the receipt queued, says so and
// how to print it; `bancone print queue` shows and prints the queue; the app and the CLI never print
// one receipt twice. Checked on the virtual printer's paper and drawer, the output and exit codes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main.js';
import { openDatabase } from '../../../electron/services/db/open.js';
import type { WritableDb } from '../../../electron/services/db/types.js';
import { createPrintingService } from '../../../electron/services/printing/index.js';
import { fakeClock } from '../../../shared/time.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../fakes/virtual-printer.js';
import { paperHasLine, paperSays } from '../../fakes/escpos-decoder.js';

const clock = fakeClock('2026-11-21T17:42:00Z');
let dir: string;
let vp: VirtualPrinter;

beforeEach(async () => {
  clock.set('2026-11-21T17:42:00Z');
  dir = mkdtempSync(join(tmpdir(), 'bancone-cli-sale-print-'));
  vp = await startVirtualPrinter();
});
afterEach(async () => {
  await vp.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readStdin: async () => '' },
    { BANCONE_DATA_DIR: dir, BANCONE_PRINTER: vp.url, ...env }, clock);
  return { code, stdout, stderr };
}

function withDb<T>(f: (db: WritableDb) => T): T {
  const db = openDatabase(join(dir, 'bancone.db'));
  try { return f(db); } finally { db.close(); }
}

const saleFile = (payments: unknown[] = [{ method: 'cash', amount_cents: 2000 }]) => {
  const f = join(dir, `sale-${Math.random().toString(36).slice(2)}.json`);
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
    const [job] = await vp.waitForJobs(1);
    expect(paperHasLine(job!.paper, 'TOTALE € 12,50')).toBe(true);
    expect(paperHasLine(job!.paper, 'RESTO € 7,50')).toBe(true);
    expect(paperSays(job!.paper).join('\n')).not.toMatch(/COPIA|RISTAMPA/);
    expect(vp.drawerKicks.map((k) => k.command)).toEqual(['ESC p']);
    expect(jobs()).toEqual([{ kind: 'receipt', state: 'printed', drawer: 'receipt' }]);
  });

  it('a card sale: printed, the drawer stays shut; --json tells the receipt state', async () => {
    const r = await cli(['sale', '--input', saleFile([{ method: 'electronic', amount_cents: 1250 }]), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ number: '2026-11-21/0001', receipt: { state: 'printed', printed: true, drawer_opened: false, error: null } });
    await vp.waitForJobs(1);
    expect(vp.drawerKicks).toEqual([]);
  });

  it('--no-print: recorded, nothing printed and nothing queued for the app to print later', async () => {
    const r = await cli(['sale', '--input', saleFile(), '--no-print']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Vendita 2026-11-21/0001 registrata');
    expect(r.stdout).toContain('Scontrino non stampato (--no-print)');
    expect(vp.connections).toBe(0);
    expect(jobs()).toEqual([]);
    expect(withDb((db) => db.prepare('SELECT count(*) FROM documents').pluck().get())).toBe(1);
  });

  it('out of paper: the sale is recorded (exit 0), the drawer opens once, the receipt waits; print sale prints the ORIGINAL later, without a second opening', async () => {
    await vp.setMode('paperOut');
    const r = await cli(['sale', '--input', saleFile()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Vendita 2026-11-21/0001 registrata');
    expect(r.stderr).toBe('Scontrino NON stampato: Carta esaurita: sostituire il rotolo. Il cassetto è stato aperto. '
      + "Il documento è registrato e lo scontrino resta in coda: si stampa da solo con l'app della cassa aperta, "
      + 'oppure ora con «bancone print sale 2026-11-21/0001» (tutti quelli in attesa: «bancone print queue --run»).\n');
    expect(vp.drawerKicks.map((k) => [k.command, k.mode])).toEqual([['DLE DC4', 'paperOut']]);
    expect(vp.jobs).toEqual([]);
    expect(jobs()).toEqual([{ kind: 'receipt', state: 'retry', drawer: 'realtime' }]);

    const q = await cli(['print', 'queue']);
    expect(q.stdout).toMatch(/^21\/11\/2026 18:42 {2}da riprovare {3}scontrino N\. 2026-11-21\/0001 {2}tentativi 1 {2}Carta esaurita: sostituire il rotolo\n$/);

    await vp.setMode('ok');
    const p = await cli(['print', 'sale', '2026-11-21/0001']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toBe('Stampato: scontrino N. 2026-11-21/0001\n');
    const [job] = await vp.waitForJobs(1);
    expect(paperSays(job!.paper).join('\n')).not.toMatch(/COPIA|RISTAMPA/);
    expect(paperHasLine(job!.paper, 'TOTALE € 12,50')).toBe(true);
    expect(job!.paper.pulses).toEqual([]);
    expect(vp.drawerKicks).toHaveLength(1);
    expect(jobs()).toEqual([{ kind: 'receipt', state: 'printed', drawer: 'realtime' }]);
  });

  it('--json when the printer is off: the receipt part says it is queued and why', async () => {
    await vp.setMode('refused');
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
    await vp.setMode('paperOut');
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
    const printed = await vp.waitForJobs(4);
    expect(paperSays(printed[2]!.paper)).toContain('RESO');
    expect(paperHasLine(printed[2]!.paper, 'TOTALE RESO € 12,50')).toBe(true);
    expect(paperSays(printed[3]!.paper)).toContain('ANNULLAMENTO');
    expect(paperHasLine(printed[3]!.paper, 'TOTALE ANNULLATO € 12,50')).toBe(true);
    expect(paperSays(printed[3]!.paper).join('\n')).not.toContain('DA PAGARE');
    expect(vp.drawerKicks).toHaveLength(4);
  });

  it('--no-print on return and void', async () => {
    await cli(['sale', '--input', saleFile()]);
    await cli(['sale', '--input', saleFile()]);
    expect((await cli(['return', '2026-11-21/0001', '--line', '1:1', '--no-print'])).stdout).toContain('Scontrino non stampato (--no-print)');
    expect((await cli(['void', '2026-11-21/0002', '--no-print'])).stdout).toContain('Scontrino non stampato (--no-print)');
    await vp.waitForJobs(2);
    expect(jobs()).toHaveLength(2);
  });
});

describe('bancone print queue', () => {
  it('lists what waits and why; --run prints what is due and exits 2 while the printer still fails', async () => {
    await vp.setMode('refused');
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

    await vp.setMode('ok');
    const run = await cli(['print', 'queue', '--run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Stampato: scontrino N. 2026-11-21/0001\nStampato: scontrino N. 2026-11-21/0002\n');
    const printed = await vp.waitForJobs(2);
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
    const appDb = openDatabase(join(dir, 'bancone.db'));
    const app = createPrintingService({ db: appDb, clock, env: { BANCONE_PRINTER: vp.url }, pollMs: 5, statusPollMs: 0, retry: { baseMs: 20, maxMs: 100 } });
    app.queue.start();
    try {
      for (let i = 0; i < 5; i++) expect((await cli(['sale', '--input', saleFile()])).code).toBe(0);
      await vp.waitForJobs(5);
      await app.queue.drain();
      expect(jobs()).toHaveLength(5);
      expect(jobs().every((j) => (j as { state: string }).state === 'printed')).toBe(true);
      // Five receipts, five drawer openings, no duplicate on paper.
      const ids = vp.jobs.map((j) => j.paper.qrCodes[0]);
      expect(new Set(ids).size).toBe(5);
      expect(vp.drawerKicks).toHaveLength(5);
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
    const [job] = await vp.waitForJobs(1);
    expect(paperSays(job!.paper).join(' ')).toContain('DOCUMENTO COMMERCIALE IN ATTESA DI EMISSIONE');
    expect(jobs()).toEqual([{ kind: 'receipt', state: 'printed', drawer: 'receipt' }]);
  });
});
