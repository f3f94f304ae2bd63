// `bancone print …` / `bancone printer …` against a data directory and the virtual printer.
import { describe, expect, it } from 'vitest';
import { cliWorld } from './cli-world.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { setSetting } from '../../../backend/settings.js';
import { paperSays } from '../../../emulators/escpos-decoder.js';

const world = cliWorld('print-cli');
const { clock, cli, withDb } = world;

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
    expect(r.stdout).toContain(`Stampante: ${world.printer().url} (da BANCONE_PRINTER)`);
    expect(r.stdout).toContain('Stato: Stampante pronta');
    expect(r.stdout).toContain('Coda: 1 in attesa');
    const j = await cli(['printer', 'status', '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ printer: world.printer().url, status: { state: 'ready' }, queue: { waiting: 1 } });
  });

  it('status: a printer out of paper exits 2 and says so', async () => {
    await world.printer().setMode('paperOut');
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
    const [job] = await world.printer().waitForJobs(1);
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
    const [original, copy, reprint] = await world.printer().waitForJobs(3);
    expect(paperSays(original!.paper).join('\n')).not.toMatch(/COPIA|RISTAMPA/);
    expect(paperSays(original!.paper)).toContain('TOTALE € 12,50');
    expect(original!.paper.pulses.map((p) => p.command)).toEqual(['ESC p']);
    expect(paperSays(copy!.paper)).toContain('*** COPIA ***');
    expect(paperSays(reprint!.paper)).toContain('*** RISTAMPA - COPIA ***');
    expect(paperSays(reprint!.paper)).toContain('TOTALE € 12,50');
    expect(reprint!.paper.qrCodes).toEqual([s.id]);
    expect(world.printer().drawerKicks).toHaveLength(1);
    expect((await cli(['print', 'queue'])).stdout).toBe('Nessuna stampa in coda\n');
  });

  it('sale --preview shows the receipt without printing: the original while queued, else the reprint', async () => {
    const s = sale();
    const r = await cli(['print', 'sale', s.number, '--preview']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('RISTAMPA');
    expect(r.stdout.replace(/ +/g, ' ')).toContain('TOTALE € 12,50');
    expect(world.printer().connections).toBe(0);
    withDb((db) => db.prepare(`UPDATE print_jobs SET state = 'printed' WHERE id = ?`).run(s.printJobId));
    expect((await cli(['print', 'sale', s.number, '--preview'])).stdout).toContain('RISTAMPA - COPIA');
  });

  it('a printer that is off keeps the receipt queued and exits 2', async () => {
    const s = sale();
    await world.printer().setMode('refused');
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
    const [job] = await world.printer().waitForJobs(1);
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
