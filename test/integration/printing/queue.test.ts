// The print queue against the real ledger and the virtual network printer: what comes out on
// paper, and that no receipt is lost whatever the printer does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { setSetting } from '../../../backend/settings.js';
import { queueReportPrint, xReport } from '../../../backend/reports/index.js';
import {
  createPrintingService, enqueueFiscalNumberSlip, enqueuePendingFiscalNumbers, enqueueReprint, enqueueZReport, getQueueStatus,
  createTcpTransport, getPrintJob, insertPrintJob, listPrintJobs, type PrintingService,
} from '../../../backend/printing/index.js';
import { fakeClock } from '../../../shared/time.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../../emulators/escpos-printer.js';
import { paperHasLine, paperSays } from '../../../emulators/escpos-decoder.js';
import type { ZReportPrintable } from '../../../shared/receipt.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

const clock = fakeClock('2026-11-21T17:42:00Z');
let db: WritableDb;
let vp: VirtualPrinter;
let printing: PrintingService | null = null;

const fastTcp = { connectTimeoutMs: 500, replyTimeoutMs: 200, printedTimeoutMs: 500 };

function service(extra: Partial<Parameters<typeof createPrintingService>[0]> = {}): PrintingService {
  printing = createPrintingService({
    db, clock, env: { BANCONE_PRINTER: vp.url }, transportOptions: { tcp: fastTcp },
    retry: { baseMs: 20, maxMs: 100 }, pollMs: 50, statusPollMs: 0, ...extra,
  });
  return printing;
}

function setupShop(d: WritableDb): void {
  const at = clock.now();
  setSetting(d, 'shop.name', 'Bottega della Città', at);
  setSetting(d, 'shop.address', 'Via Roma 1, Roma', at);
  setSetting(d, 'shop.vatNumber', '01234567890', at);
  setSetting(d, 'printer.columns', 42, at);
  setSetting(d, 'printer.model', 'epson-tm-t20iii', at);
}

/** € 12,50 in cash, paid with € 20. */
const cashSale = (d = db) => commitSale(d, clock, {
  lines: [
    { description: 'Pane integrale', unit_price_cents: 125, vat_code: '4', quantity: 2 },
    { description: 'Guida della Città', unit_price_cents: 1000, vat_code: '22' },
  ],
  payments: [{ method: 'cash', amount_cents: 2000 }],
});
const cardSale = () => commitSale(db, clock, {
  lines: [{ description: 'Caffè in grani', unit_price_cents: 1250, vat_code: '10' }],
  payments: [{ method: 'electronic', amount_cents: 1250 }],
});

const fiscalNumberArrives = (documentId: string, number: string) =>
  db.prepare(`UPDATE outbox SET state = 'ready', document_number = ?, document_date = '2026-11-21' WHERE document_id = ?`).run(number, documentId);

beforeEach(async () => {
  clock.set('2026-11-21T17:42:00Z');
  db = fiscalShop(openDatabase(':memory:'));
  setupShop(db);
  vp = await startVirtualPrinter();
});

afterEach(async () => {
  await printing?.queue.stop();
  printing = null;
  await vp.close();
  if (db.open) db.close();
});

describe('a committed sale comes out of the printer', () => {
  it('cash sale: what the paper says, the QR of the sale, one cut and one drawer pulse', async () => {
    const sale = cashSale();
    const p = service();
    expect(await p.queue.drain()).toBe('idle');
    const [job] = await vp.waitForJobs(1);
    const paper = job!.paper;
    expect(paperHasLine(paper, 'TOTALE € 12,50')).toBe(true);
    expect(paperHasLine(paper, 'Guida della Città 22% 10,00')).toBe(true);
    expect(paperHasLine(paper, 'Pagamento contante 20,00')).toBe(true);
    expect(paperHasLine(paper, 'RESTO € 7,50')).toBe(true);
    expect(paperHasLine(paper, `21/11/2026 18:42 N. ${sale.number}`)).toBe(true);
    expect(paperSays(paper).join(' ')).toContain('DOCUMENTO COMMERCIALE IN ATTESA DI EMISSIONE');
    const vatLines = paperSays(paper).filter((l) => /^(4|22)% /.test(l));
    expect(vatLines).toEqual(['4% 2,40 0,10 2,50', '22% 8,20 1,80 10,00']);
    expect(paper.qrCodes).toEqual([sale.id]);
    expect(paper.cuts).toHaveLength(1);
    expect(paper.pulses).toHaveLength(1);
    expect(getPrintJob(db, sale.printJobId)).toMatchObject({ state: 'printed', attempts: 1, confirmed: true, provisional: true, lastError: null });
    expect(p.getPrinterStatus().state).toBe('ready');
    expect(p.port.status()).toEqual({ state: 'ok', message: 'Stampante pronta', messageEn: 'Printer ready', waitingReceipt: null });
  });

  it('card sale: no drawer pulse', async () => {
    cardSale();
    await service().queue.drain();
    const [job] = await vp.waitForJobs(1);
    expect(job!.paper.pulses).toEqual([]);
    expect(paperHasLine(job!.paper, 'Pagamento elettronico 12,50')).toBe(true);
  });

  it('the running queue prints as soon as it is woken after a commit, without waiting for its poll', async () => {
    const p = service({ pollMs: 60_000 });
    p.queue.start();
    await new Promise((r) => setTimeout(r, 20));
    const sale = cashSale();
    p.port.wake?.();
    const [job] = await vp.waitForJobs(1, 2000);
    expect(job!.paper.qrCodes).toEqual([sale.id]);
  });

  it('the running queue also finds jobs written by another process (CLI) on its own', async () => {
    const p = service({ pollMs: 30 });
    p.queue.start();
    cashSale();
    expect(await vp.waitForJobs(1, 2000)).toHaveLength(1);
  });
});

describe('printer problems never lose a receipt', () => {
  it('paper out in the middle of the queue: kept, visible, printed in order once the roll is changed', async () => {
    const sales = [cashSale(), cardSale(), cashSale()];
    const p = service();
    expect((await p.queue.runOnce()).outcome).toBe('printed');
    await vp.setMode('paperOut');
    expect((await p.queue.runOnce()).outcome).toBe('retry');
    expect(getPrintJob(db, sales[1]!.printJobId)).toMatchObject({ state: 'retry', attempts: 1, lastError: 'Carta esaurita: sostituire il rotolo' });
    expect(p.getPrinterStatus().state).toBe('paper_out');
    expect(p.port.status().state).toBe('paper_out');
    expect(getQueueStatus(db)).toMatchObject({ waiting: 2, retry: 1, queued: 1, lastError: 'Carta esaurita: sostituire il rotolo' });

    await vp.setMode('ok');
    expect(await p.queue.drain()).toBe('idle');
    const jobs = await vp.waitForJobs(3);
    expect(jobs.map((j) => j.paper.qrCodes[0])).toEqual(sales.map((s) => s.id));
    expect(listPrintJobs(db).map((j) => j.state)).toEqual(['printed', 'printed', 'printed']);
    expect(getQueueStatus(db).waiting).toBe(0);
  });

  it('refused connection: retried with backoff by the running queue until the printer is back', async () => {
    await vp.setMode('refused');
    const sale = cashSale();
    const p = service();
    p.queue.start();
    await until(() => (getPrintJob(db, sale.printJobId)?.attempts ?? 0) >= 3);
    expect(getPrintJob(db, sale.printJobId)).toMatchObject({ state: 'retry' });
    expect(getPrintJob(db, sale.printJobId)!.lastError).toMatch(/connessione rifiutata/);
    expect(p.port.status().state).toBe('offline');
    await vp.setMode('ok');
    const [job] = await vp.waitForJobs(1, 3000);
    expect(job!.paper.qrCodes).toEqual([sale.id]);
    await until(() => getPrintJob(db, sale.printJobId)?.state === 'printed');
  });

  it('a silent printer times out, the job waits, and prints once the printer answers', async () => {
    await vp.setMode('silent');
    const sale = cardSale();
    const p = service();
    expect((await p.queue.runOnce()).outcome).toBe('retry');
    expect(getPrintJob(db, sale.printJobId)!.lastError).toMatch(/non risponde/);
    expect(p.getPrinterStatus().state).toBe('timeout');
    await vp.setMode('ok');
    expect(await p.queue.drain()).toBe('idle');
    expect(await vp.waitForJobs(1)).toHaveLength(1);
  });

  it('no printer configured: the receipt waits, and the status bar says why', async () => {
    const sale = cashSale();
    const p = service({ env: { BANCONE_PRINTER: '' } });
    expect((await p.queue.runOnce()).outcome).toBe('retry');
    expect(getPrintJob(db, sale.printJobId)).toMatchObject({ state: 'retry', lastError: 'Stampante non configurata: impostarla in Impostazioni' });
    expect(p.port.status().state).toBe('not_configured');
  });

  it('restart with queued jobs: every receipt printed exactly once, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bancone-print-'));
    try {
      const file = join(dir, 'bancone.db');
      let fileDb = fiscalShop(openDatabase(file));
      setupShop(fileDb);
      db.close();
      db = fileDb;
      const sales = Array.from({ length: 5 }, () => cashSale(fileDb));
      await vp.setMode('refused');
      const first = service();
      first.queue.start();
      // The printer is down: the oldest receipt is retried, the others wait behind it.
      await until(() => (getPrintJob(fileDb, sales[0]!.printJobId)?.attempts ?? 0) >= 2);
      expect(getQueueStatus(fileDb).waiting).toBe(5);
      // The till is shut down (or crashes) while one job is in the printer's hands.
      await first.queue.stop();
      fileDb.prepare(`UPDATE print_jobs SET state = 'printing' WHERE id = ?`).run(sales[2]!.printJobId);
      fileDb.close();

      fileDb = openDatabase(file);
      db = fileDb;
      await vp.setMode('ok');
      const second = service();
      second.queue.start();
      const jobs = await vp.waitForJobs(5, 5000);
      await until(() => listPrintJobs(fileDb).every((j) => j.state === 'printed'));
      expect(jobs.map((j) => j.paper.qrCodes[0])).toEqual(sales.map((s) => s.id));
      await new Promise((r) => setTimeout(r, 100));
      expect(vp.jobs).toHaveLength(5);
    } finally {
      await printing?.queue.stop();
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a transport that never finishes is given up on by the watchdog, and the job kept', async () => {
    const sale = cardSale();
    let hang = true;
    const real = () => createTcpTransport({ host: vp.host, port: vp.port, ...fastTcp });
    const p = service({
      jobTimeoutMs: 100,
      transport: () => (hang ? { kind: 'serial', target: 'serial:///dev/ttyWEDGED', status: real().status, print: () => new Promise(() => undefined) } : real()),
    });
    expect((await p.queue.runOnce()).outcome).toBe('retry');
    expect(getPrintJob(db, sale.printJobId)).toMatchObject({ state: 'retry', lastError: 'La stampante non ha completato il lavoro entro 100 ms' });
    hang = false;
    expect(await p.queue.drain()).toBe('idle');
    expect(getPrintJob(db, sale.printJobId)!.state).toBe('printed');
  });

  it('a job with nothing printable fails alone and the queue goes on', async () => {
    const bad = insertPrintJob(db, clock.now(), { kind: 'z_report', payload: { title: 42 } });
    const sale = cardSale();
    const p = service();
    expect(await p.queue.drain()).toBe('idle');
    expect(getPrintJob(db, bad)).toMatchObject({ state: 'failed', lastError: 'Dati del report non validi' });
    expect(getPrintJob(db, sale.printJobId)!.state).toBe('printed');
    expect(getQueueStatus(db).failed).toBe(1);
  });
});

describe('copies, reprints and the fiscal number', () => {
  it('a reprint says RISTAMPA - COPIA and does not open the drawer', async () => {
    const sale = cashSale();
    const p = service();
    await p.queue.drain();
    enqueueReprint(db, clock, sale.id);
    enqueueReprint(db, clock, sale.id, 'copy');
    await p.queue.drain();
    const [, reprint, copy] = await vp.waitForJobs(3);
    expect(paperSays(reprint!.paper).filter((l) => l === '*** RISTAMPA - COPIA ***')).toHaveLength(2);
    expect(reprint!.paper.pulses).toEqual([]);
    expect(paperSays(copy!.paper)).toContain('*** COPIA ***');
    expect(copy!.paper.pulses).toEqual([]);
    expect(() => enqueueReprint(db, clock, 'no-such-document')).toThrow(/Documento non trovato/);
  });

  it('the port queues a reprint and a test page for the contract handlers', async () => {
    const sale = cardSale();
    const p = service();
    await p.queue.drain();
    p.port.enqueue({ kind: 'reprint', documentId: sale.id });
    p.port.enqueue({ kind: 'test', documentId: null });
    await p.queue.drain();
    const [, reprint, test] = await vp.waitForJobs(3);
    expect(paperSays(reprint!.paper)).toContain('*** RISTAMPA - COPIA ***');
    expect(paperSays(test!.paper)).toContain('PROVA DI STAMPA');
    expect(paperSays(test!.paper)).toContain(`Stampante ${vp.url}`);
  });

  it('wait mode: the receipt waits for the AdE number and prints it', async () => {
    setSetting(db, 'printer.mode', 'wait_fiscal', clock.now());
    setSetting(db, 'printer.waitSeconds', 5, clock.now());
    const sale = cardSale();
    const p = service();
    expect((await p.queue.runOnce()).outcome).toBe('deferred');
    expect(vp.received).toEqual([]);
    expect(getPrintJob(db, sale.printJobId)).toMatchObject({ state: 'queued', attempts: 0, lastError: 'In attesa del numero AdE' });
    fiscalNumberArrives(sale.id, 'DCW2026/1111-2222');
    clock.advance(600);
    expect(await p.queue.drain()).toBe('idle');
    const [job] = await vp.waitForJobs(1);
    expect(paperSays(job!.paper).join('\n')).toContain('Documento N. DCW2026/1111-2222');
    expect(paperSays(job!.paper).join('\n')).not.toContain('IN ATTESA');
    expect(getPrintJob(db, sale.printJobId)).toMatchObject({ state: 'printed', provisional: false });
  });

  it('wait mode: after N seconds without the number, the receipt goes out provisional', async () => {
    setSetting(db, 'printer.mode', 'wait_fiscal', clock.now());
    setSetting(db, 'printer.waitSeconds', 3, clock.now());
    const sale = cardSale();
    const p = service();
    expect((await p.queue.runOnce()).outcome).toBe('deferred');
    clock.advance(1000);
    expect((await p.queue.runOnce()).outcome).toBe('deferred');
    clock.advance(2000);
    expect(await p.queue.drain()).toBe('idle');
    const [job] = await vp.waitForJobs(1);
    expect(paperSays(job!.paper).join(' ')).toContain('DOCUMENTO COMMERCIALE IN ATTESA DI EMISSIONE');
    expect(getPrintJob(db, sale.printJobId)).toMatchObject({ state: 'printed', provisional: true });
  });

  it('the fiscal numbers of provisional receipts print later in one go', async () => {
    const a = cashSale();
    const b = cardSale();
    const p = service();
    await p.queue.drain();
    expect(getQueueStatus(db).fiscalNumbersReady).toBe(0);
    fiscalNumberArrives(a.id, 'DCW2026/0000-0001');
    expect(getQueueStatus(db).fiscalNumbersReady).toBe(1);
    expect(enqueuePendingFiscalNumbers(db, clock)).toHaveLength(1);
    expect(enqueuePendingFiscalNumbers(db, clock)).toHaveLength(0);
    expect(getQueueStatus(db).fiscalNumbersReady).toBe(0);
    await p.queue.drain();
    const jobs = await vp.waitForJobs(3);
    const slip = jobs[2]!.paper;
    expect(paperSays(slip)).toContain('NUMERO DOCUMENTO COMMERCIALE');
    expect(paperSays(slip)).toContain(`Vendita N. ${a.number}`);
    expect(paperSays(slip).join(' ')).toContain('Documento N. DCW2026/0000-0001 del 21/11/2026');
    expect(slip.pulses).toEqual([]);

    // A slip asked for before the number exists waits for it.
    enqueueFiscalNumberSlip(db, clock, b.id);
    expect((await p.queue.runOnce()).outcome).toBe('deferred');
    fiscalNumberArrives(b.id, 'DCW2026/0000-0002');
    clock.advance(31_000);
    await p.queue.drain();
    const later = await vp.waitForJobs(4);
    expect(paperSays(later[3]!.paper).join(' ')).toContain('DCW2026/0000-0002');
  });

  it('prints the X reading the end-of-day code queues (its printable passes our checks)', async () => {
    cashSale();
    cardSale();
    const jobId = queueReportPrint(db, clock, xReport(db, clock));
    const p = service();
    await p.queue.drain();
    expect(getPrintJob(db, jobId)).toMatchObject({ state: 'printed', lastError: null });
    const jobs = await vp.waitForJobs(3);
    const paper = paperSays(jobs[2]!.paper);
    expect(paper).toContain('TOTALE CORRISPETTIVI 25,00');
    expect(paper).toContain('Giornata 21/11/2026');
  });

  it('prints a Z report handed over by the end of day', async () => {
    const report: ZReportPrintable = {
      title: 'CHIUSURA GIORNALIERA', businessDay: '2026-11-21', zNumber: 7, generatedAt: clock.now().toISOString(),
      rows: [{ label: 'Vendite', amountCents: 2500 }], vatRows: [{ vatCode: '22', grossCents: 1000, taxableCents: 820, vatCents: 180 }],
      paymentRows: [{ label: 'Contanti', amountCents: 2500 }], counts: [{ label: 'Documenti', value: 2 }], notes: [],
    };
    enqueueZReport(db, clock, report);
    expect(() => enqueueZReport(db, clock, { ...report, businessDay: '21/11/2026' })).toThrow(/Report non stampabile/);
    await service().queue.drain();
    const [job] = await vp.waitForJobs(1);
    expect(paperSays(job!.paper)).toContain('Chiusura Z N. 7');
    expect(paperSays(job!.paper)).toContain('22% 8,20 1,80 10,00');
    expect(job!.paper.pulses).toEqual([]);
  });
});

async function until(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

