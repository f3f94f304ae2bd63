// Issue #9 item 9, the AdE number slip: with printing.fiscalNumberSlip = auto it prints by itself,
// exactly once, when the sync (its own engine and database connection, the real emulator) marks the
// document ready; on request it prints from the history (documents.printFiscalNumber); never, not
// by itself. What the customer gets is read back from the virtual printer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { setSetting } from '../../../backend/settings.js';
import { createDispatcher } from '../../../backend/api/index.js';
import { saveOperator } from '../../../backend/operators.js';
import { createPrintingService, createTcpTransport, getPrintJob, listPrintJobs, type PrintingService } from '../../../backend/printing/index.js';
import { harness, type Harness } from '../sync/harness.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../../emulators/escpos-printer.js';
import { paperSays } from '../../../emulators/escpos-decoder.js';

let h: Harness;
let vp: VirtualPrinter;
let tillDb: WritableDb;
let printing: PrintingService;

const fastTcp = { connectTimeoutMs: 500, replyTimeoutMs: 200, printedTimeoutMs: 500 };

beforeEach(async () => {
  h = await harness({ start: '2026-11-21T10:00:00Z' });
  vp = await startVirtualPrinter();
  // The till's own connection to the ledger file; the sync engine has h.ledger.db.
  tillDb = openDatabase(h.ledger.file);
  setSetting(tillDb, 'shop.name', 'Bottega', h.clock.now());
  printing = createPrintingService({
    db: tillDb, clock: h.clock, env: { BANCONE_PRINTER: vp.url }, transportOptions: { tcp: fastTcp },
    retry: { baseMs: 20, maxMs: 100 }, pollMs: 50, statusPollMs: 0,
  });
});

afterEach(async () => {
  await printing.queue.stop();
  tillDb.close();
  await vp.close();
  await h.close();
});

const cashSale = () => commitSale(tillDb, h.clock, {
  lines: [{ description: 'Guida della Città', unit_price_cents: 1250, vat_code: '22' }],
  payments: [{ method: 'cash', amount_cents: 1250 }],
});
const slips = () => listPrintJobs(tillDb).filter((j) => j.kind === 'fiscal_number');
const documentNumber = (id: string) => (tillDb.prepare('SELECT document_number FROM outbox WHERE document_id = ?').pluck().get(id) as string | null);

describe('auto: the slip prints by itself when the AdE number arrives', () => {
  beforeEach(() => setSetting(tillDb, 'printing.fiscalNumberSlip', 'auto', h.clock.now()));

  it('receipt out without the number → sync gets it → one slip with the number, and never a second', async () => {
    const sale = cashSale();
    expect(await printing.queue.drain()).toBe('idle');
    const [receipt] = await vp.waitForJobs(1);
    expect(paperSays(receipt!.paper).join(' ')).toContain('Il numero AdE sarà stampato a parte appena disponibile');

    await h.settle();
    const number = documentNumber(sale.id);
    expect(number).toMatch(/^DCW/);
    expect(slips()).toHaveLength(1);

    // The app's queue finds it on its own (the sync process wrote it).
    printing.queue.start();
    const [, slip] = await vp.waitForJobs(2);
    const says = paperSays(slip!.paper);
    expect(says).toContain('NUMERO DOCUMENTO COMMERCIALE');
    expect(says).toContain(`Vendita N. ${sale.number}`);
    expect(says).toContain('TOTALE € 12,50');
    expect(says.join(' ')).toContain(`Documento N. ${number}`);
    expect(slip!.paper.qrCodes).toEqual([sale.id]);
    expect(slip!.paper.pulses).toEqual([]);

    // More polls, another engine run, another ready status: still one slip.
    h.clock.advance(60_000);
    await h.settle();
    await h.newEngine().drainOnce();
    expect(slips()).toHaveLength(1);
    expect(slips()[0]!.state).toBe('printed');
  });

  it('a receipt still waiting for paper when the number arrives prints with the number: no slip', async () => {
    await vp.setMode('paperOut');
    const sale = cashSale();
    await printing.queue.runOnce();
    await h.settle();
    expect(documentNumber(sale.id)).toMatch(/^DCW/);
    expect(slips()).toEqual([]);
    await vp.setMode('ok');
    await printing.queue.drain();
    const [receipt] = await vp.waitForJobs(1);
    expect(paperSays(receipt!.paper).join(' ')).toContain(`Documento N. ${documentNumber(sale.id)}`);
    expect(slips()).toEqual([]);
    expect(getPrintJob(tillDb, sale.printJobId)).toMatchObject({ state: 'printed', provisional: false });
  });

  it('the number arrives while the receipt is on its way out without it: the slip is still queued once', async () => {
    const sale = cashSale();
    // A printer that holds the receipt until released, while the sync stores the number.
    const real = createTcpTransport({ host: vp.host, port: vp.port, ...fastTcp });
    let inPrinter!: () => void;
    const reached = new Promise<void>((r) => { inPrinter = r; });
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    await printing.queue.stop();
    printing = createPrintingService({
      db: tillDb, clock: h.clock, statusPollMs: 0, pollMs: 60_000,
      transport: () => ({ ...real, print: async (bytes) => { inPrinter(); await gate; return real.print(bytes); } }),
    });
    const printed = printing.queue.runOnce();
    await reached;
    expect(getPrintJob(tillDb, sale.printJobId)!.state).toBe('printing');
    await h.settle();
    expect(documentNumber(sale.id)).toMatch(/^DCW/);
    release();
    expect((await printed).outcome).toBe('printed');
    expect(getPrintJob(tillDb, sale.printJobId)!.provisional).toBe(true);
    expect(slips()).toHaveLength(1);
    await printing.queue.drain();
    const jobs = await vp.waitForJobs(2);
    expect(paperSays(jobs[0]!.paper).join(' ')).toContain('Il numero AdE sarà stampato a parte');
    expect(paperSays(jobs[1]!.paper)).toContain('NUMERO DOCUMENTO COMMERCIALE');
    expect(slips()).toHaveLength(1);
  });
});

describe('on request (the default) and never', () => {
  it('on request: nothing prints by itself; «Stampa numero AdE» in the history prints the slip', async () => {
    const op = saveOperator(tillDb, h.clock, { name: 'Giulia', role: 'cashier', pin: '1111' }, null);
    const till = createDispatcher({ db: tillDb, clock: h.clock, printing: printing.port });
    const call = (name: string, arg: unknown) => till.call(name, arg, { id: 's1' });
    expect((await call('session.login', { operator_id: op.id, pin: '1111' })).ok).toBe(true);

    const sale = cashSale();
    await printing.queue.drain();
    const [receipt] = await vp.waitForJobs(1);
    expect(paperSays(receipt!.paper).join(' ')).toContain('Il numero AdE si può richiedere in cassa appena disponibile');

    // Before the number: refused, in Italian, and nothing queued.
    const early = await call('documents.printFiscalNumber', { id: sale.id });
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.error.code).toBe('FISCAL_NUMBER_NOT_READY');
      expect(early.error.message).toBe(`Il numero AdE di ${sale.number} non è ancora arrivato dall'Agenzia delle Entrate: si potrà stampare appena arriva`);
      expect(early.error.field).toBe('id');
    }
    expect(slips()).toEqual([]);

    await h.settle();
    expect(slips()).toEqual([]);
    const r = await call('documents.printFiscalNumber', { id: sale.id });
    expect(r.ok).toBe(true);
    await printing.queue.drain();
    const [, slip] = await vp.waitForJobs(2);
    expect(paperSays(slip!.paper).join(' ')).toContain(`Documento N. ${documentNumber(sale.id)}`);
    if (r.ok) expect(getPrintJob(tillDb, (r.value as { printJobId: string }).printJobId)).toMatchObject({ kind: 'fiscal_number', state: 'printed', documentId: sale.id });
    expect(tillDb.prepare(`SELECT count(*) FROM audit_log WHERE action = 'document.print_fiscal_number'`).pluck().get()).toBe(1);
  });

  it('never: no slip by itself and no promise on the receipt', async () => {
    setSetting(tillDb, 'printing.fiscalNumberSlip', 'never', h.clock.now());
    cashSale();
    await printing.queue.drain();
    const [receipt] = await vp.waitForJobs(1);
    expect(paperSays(receipt!.paper).join(' ')).not.toContain('Il numero AdE');
    await h.settle();
    expect(slips()).toEqual([]);
  });
});
