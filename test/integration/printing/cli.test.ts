// `bancone print …` / `bancone printer …` against a data directory and the virtual printer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main.js';
import { openDatabase } from '../../../electron/services/db/open.js';
import type { WritableDb } from '../../../electron/services/db/types.js';
import { commitSale } from '../../../electron/services/ledger/index.js';
import { setSetting } from '../../../electron/services/settings.js';
import { fakeClock } from '../../../shared/time.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../fakes/virtual-printer.js';
import { paperSays } from '../../fakes/escpos-decoder.js';

const clock = fakeClock('2026-11-21T17:42:00Z');
let dir: string;
let vp: VirtualPrinter;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bancone-print-cli-'));
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

const sale = () => withDb((db) => {
  setSetting(db, 'shop.name', 'Bottega della Città', clock.now());
  return commitSale(db, clock, {
    lines: [{ description: 'Guida della Città', unit_price_cents: 1250, vat_code: '22' }],
    payments: [{ method: 'cash', amount_cents: 1250 }],
  });
});

describe('bancone printer', () => {
  it('status: printer ready and the queue', async () => {
    sale();
    const r = await cli(['printer', 'status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Stampante: ${vp.url} (da BANCONE_PRINTER)`);
    expect(r.stdout).toContain('Stato: Stampante pronta');
    expect(r.stdout).toContain('Coda: 1 in attesa');
    const j = await cli(['printer', 'status', '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ printer: vp.url, status: { state: 'ready' }, queue: { waiting: 1 } });
  });

  it('status: a printer out of paper exits 2 and says so', async () => {
    await vp.setMode('paperOut');
    const r = await cli(['printer', 'status']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Stato: Carta esaurita: sostituire il rotolo');
  });

  it('status: no printer configured', async () => {
    const r = await cli(['printer', 'status'], { BANCONE_PRINTER: '' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Stampante: (non configurata)');
  });

  it('models lists the ESC/POS models', async () => {
    const r = await cli(['printer', 'models']);
    expect(r.stdout.split('\n')).toContain('epson-tm-t20iii');
  });
});

describe('bancone print', () => {
  it('test prints the test page, and only that', async () => {
    sale();
    const r = await cli(['print', 'test']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Stampato: pagina di prova');
    const [job] = await vp.waitForJobs(1);
    expect(paperSays(job!.paper)).toContain('PROVA DI STAMPA');
    expect(paperSays(job!.paper)).toContain('Bottega della Città');
    // The sale's receipt keeps its place in the app's queue.
    expect((await cli(['printer', 'queue'])).stdout).toMatch(/in coda\s+scontrino N\. 2026-11-21\/0001  tentativi 0/);
  });

  it('sale SALE prints the ORIGINAL while it is still queued (with the drawer), then RISTAMPA; --copy marks COPIA', async () => {
    const s = sale();
    const first = await cli(['print', 'sale', s.number]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`Stampato: scontrino N. ${s.number}, cassetto aperto\n`);
    expect((await cli(['print', 'sale', s.id, '--copy'])).code).toBe(0);
    expect((await cli(['print', 'sale', s.number])).code).toBe(0);
    const [original, copy, reprint] = await vp.waitForJobs(3);
    expect(paperSays(original!.paper).join('\n')).not.toMatch(/COPIA|RISTAMPA/);
    expect(paperSays(original!.paper)).toContain('TOTALE € 12,50');
    expect(original!.paper.pulses.map((p) => p.command)).toEqual(['ESC p']);
    expect(paperSays(copy!.paper)).toContain('*** COPIA ***');
    expect(paperSays(reprint!.paper)).toContain('*** RISTAMPA - COPIA ***');
    expect(paperSays(reprint!.paper)).toContain('TOTALE € 12,50');
    expect(reprint!.paper.qrCodes).toEqual([s.id]);
    expect(vp.drawerKicks).toHaveLength(1);
    expect((await cli(['print', 'queue'])).stdout).toBe('Nessuna stampa in coda\n');
  });

  it('sale --preview shows the receipt without printing: the original while queued, else the reprint', async () => {
    const s = sale();
    const r = await cli(['print', 'sale', s.number, '--preview']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('RISTAMPA');
    expect(r.stdout.replace(/ +/g, ' ')).toContain('TOTALE € 12,50');
    expect(vp.connections).toBe(0);
    withDb((db) => db.prepare(`UPDATE print_jobs SET state = 'printed' WHERE id = ?`).run(s.printJobId));
    expect((await cli(['print', 'sale', s.number, '--preview'])).stdout).toContain('RISTAMPA - COPIA');
  });

  it('a printer that is off keeps the receipt queued and exits 2', async () => {
    const s = sale();
    await vp.setMode('refused');
    const r = await cli(['print', 'sale', s.number]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`In coda: scontrino N. ${s.number}`);
    expect(r.stderr).toContain('Il lavoro resta in coda');
    expect((await cli(['printer', 'queue'])).stdout).toMatch(/da riprovare\s+scontrino N\. \S+  tentativi 1  .*connessione rifiutata/);
  });

  it('fiscal-numbers prints the slips of provisional receipts whose number arrived', async () => {
    const s = sale();
    withDb((db) => {
      db.prepare(`UPDATE print_jobs SET state = 'printed', provisional = 1 WHERE id = ?`).run(s.printJobId);
      db.prepare(`UPDATE outbox SET state = 'ready', document_number = 'DCW2026/0000-0042' WHERE document_id = ?`).run(s.id);
    });
    const r = await cli(['print', 'fiscal-numbers']);
    expect(r.code, r.stderr).toBe(0);
    const [job] = await vp.waitForJobs(1);
    expect(paperSays(job!.paper)).toContain('Documento N. DCW2026/0000-0042');
    expect((await cli(['print', 'fiscal-numbers'])).stdout).toContain('Nessun numero fiscale da stampare');
  });

  it('usage errors and unknown sales', async () => {
    expect((await cli(['print'])).code).toBe(1);
    const r = await cli(['print', 'sale', '2026-01-01/9999']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Documento non trovato');
  });
});
