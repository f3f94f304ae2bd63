// Issue #9 item 8, paper out: the sale is recorded, the cash drawer opens anyway (DLE DC4, the
// real-time pulse a TM executes while out of paper), the counter learns which receipt waits, and
// when the roll is changed the receipt prints by itself without opening the drawer a second time.
// Everything is read back from the virtual printer: the paper, and every time the drawer opened.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, recordVoid } from '../../../backend/ledger/index.js';
import { setSetting } from '../../../backend/settings.js';
import {
  createPrintingService, createTcpTransport, getPrintJob, insertPrintJob, type PrintingService, type PrintQueueEvent,
} from '../../../backend/printing/index.js';
import { createDispatcher } from '../../../backend/api/index.js';
import { fakeClock } from '../../../shared/time.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../../emulators/escpos-printer.js';
import { paperHasLine } from '../../../emulators/escpos-decoder.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

const clock = fakeClock('2026-11-21T17:42:00Z');
let db: WritableDb;
let vp: VirtualPrinter;
const services: PrintingService[] = [];

const fastTcp = { connectTimeoutMs: 500, replyTimeoutMs: 200, printedTimeoutMs: 500 };

function service(extra: Partial<Parameters<typeof createPrintingService>[0]> = {}, on = db): PrintingService {
  const s = createPrintingService({
    db: on, clock, env: { BANCONE_PRINTER: vp.url }, transportOptions: { tcp: fastTcp },
    retry: { baseMs: 20, maxMs: 100 }, pollMs: 50, statusPollMs: 0, ...extra,
  });
  services.push(s);
  return s;
}

const cashSale = (d = db) => commitSale(d, clock, {
  lines: [{ description: 'Guida della Città', unit_price_cents: 1250, vat_code: '22' }],
  payments: [{ method: 'cash', amount_cents: 2000 }],
});
const cardSale = (d = db) => commitSale(d, clock, {
  lines: [{ description: 'Caffè in grani', unit_price_cents: 1250, vat_code: '10' }],
  payments: [{ method: 'electronic', amount_cents: 1250 }],
});

beforeEach(async () => {
  clock.set('2026-11-21T17:42:00Z');
  db = fiscalShop(openDatabase(':memory:'));
  setSetting(db, 'printer.model', 'epson-tm-t20iii', clock.now());
  vp = await startVirtualPrinter();
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.queue.stop();
  await vp.close();
  if (db.open) db.close();
});

describe('a cash sale while the printer is out of paper', () => {
  it('opens the drawer at once with DLE DC4, keeps the receipt, and prints it later without a second pulse', async () => {
    await vp.setMode('paperOut');
    const sale = cashSale();
    const events: PrintQueueEvent[] = [];
    const p = service({ onEvent: (e) => events.push(e) });

    expect((await p.queue.runOnce()).outcome).toBe('retry');
    // The drawer opened, while out of paper, by the real-time command; nothing came out.
    expect(vp.drawerKicks).toEqual([{ command: 'DLE DC4', pin: 0, onMs: 100, mode: 'paperOut', connection: expect.any(Number) }]);
    expect(vp.jobs).toHaveLength(0);
    expect(getPrintJob(db, sale.printJobId)).toMatchObject({ state: 'retry', drawerPulse: 'realtime', lastError: 'Carta esaurita: sostituire il rotolo' });
    expect(events.filter((e) => e.type === 'drawer')).toEqual([{ type: 'drawer', jobId: sale.printJobId, documentId: sale.id }]);

    // What the counter shows: the printer state and the receipt waiting, with the drawer opened.
    expect(p.port.status()).toMatchObject({
      state: 'paper_out',
      message: 'Carta esaurita: sostituire il rotolo',
      waitingReceipt: { documentId: sale.id, documentNumber: sale.number, documentKind: 'sale', drawerOpened: true, others: 0, attempts: 1 },
    });

    // The queue keeps trying while the paper is out: the drawer is not kicked again.
    expect((await p.queue.runOnce()).outcome).toBe('retry');
    expect(vp.drawerKicks).toHaveLength(1);

    // The roll is changed: the receipt prints by itself, and the drawer stays shut.
    await vp.setMode('ok');
    expect(await p.queue.drain()).toBe('idle');
    const [job] = await vp.waitForJobs(1);
    expect(paperHasLine(job!.paper, 'TOTALE € 12,50')).toBe(true);
    expect(paperHasLine(job!.paper, 'RESTO € 7,50')).toBe(true);
    expect(job!.paper.pulses).toEqual([]);
    expect(vp.drawerKicks).toHaveLength(1);
    expect(getPrintJob(db, sale.printJobId)).toMatchObject({ state: 'printed', drawerPulse: 'realtime' });
    expect(p.port.status()).toMatchObject({ state: 'ok', waitingReceipt: null });
  });

  it('with the cover open: the same', async () => {
    await vp.setMode('coverOpen');
    cashSale();
    const p = service();
    await p.queue.runOnce();
    expect(vp.drawerKicks.map((k) => [k.command, k.mode])).toEqual([['DLE DC4', 'coverOpen']]);
    expect(p.port.status()).toMatchObject({ state: 'cover_open', waitingReceipt: { drawerOpened: true } });
    await vp.setMode('ok');
    await p.queue.drain();
    expect(await vp.waitForJobs(1)).toHaveLength(1);
    expect(vp.drawerKicks).toHaveLength(1);
  });

  it('the paper runs out in the middle of the receipt: one real-time pulse, then one full receipt without ESC p', async () => {
    const sale = cashSale();
    vp.switchModeAfter(200, 'paperOut');
    const p = service();
    expect((await p.queue.runOnce()).outcome).toBe('retry');
    expect(vp.jobs).toHaveLength(0);
    expect(vp.drawerKicks.map((k) => k.command)).toEqual(['DLE DC4']);
    expect(getPrintJob(db, sale.printJobId)!.lastError).toMatch(/^Carta esaurita/);
    await vp.setMode('ok');
    expect(await p.queue.drain()).toBe('idle');
    const [job] = await vp.waitForJobs(1);
    expect(job!.paper.qrCodes).toEqual([sale.id]);
    expect(vp.drawerKicks).toHaveLength(1);
  });

  it('a card sale does not open the drawer, and its receipt still waits and prints', async () => {
    await vp.setMode('paperOut');
    const sale = cardSale();
    const p = service();
    await p.queue.runOnce();
    expect(vp.drawerKicks).toEqual([]);
    expect(p.port.status().waitingReceipt).toMatchObject({ documentNumber: sale.number, drawerOpened: false });
    await vp.setMode('ok');
    await p.queue.drain();
    expect(await vp.waitForJobs(1)).toHaveLength(1);
    expect(vp.drawerKicks).toEqual([]);
  });

  it('a cash refund (void) opens the drawer once too: the cashier hands money back', async () => {
    const sale = cardSale();
    const cash = cashSale();
    const p = service();
    await p.queue.drain();
    expect(vp.drawerKicks.map((k) => k.command)).toEqual(['ESC p']);
    await vp.setMode('paperOut');
    const v = recordVoid(db, clock, { sale: cash.id });
    await p.queue.runOnce();
    expect(vp.drawerKicks.map((k) => k.command)).toEqual(['ESC p', 'DLE DC4']);
    expect(p.port.status().waitingReceipt).toMatchObject({ documentNumber: v.number, documentKind: 'void', drawerOpened: true });
    await vp.setMode('ok');
    await p.queue.drain();
    expect(vp.drawerKicks).toHaveLength(2);
    expect(sale).toBeTruthy();
  });

  it('every cash sale gets its own pulse, also when an older job is stuck at the head of the queue', async () => {
    const report = insertPrintJob(db, clock.now(), { kind: 'test' });
    await vp.setMode('paperOut');
    const p = service();
    expect((await p.queue.runOnce()).job!.id).toBe(report);
    expect(vp.drawerKicks).toHaveLength(0);
    clock.advance(20_000);
    const first = cashSale();
    await p.queue.runOnce(); // the test page fails again: the new cash sale behind it opens the drawer
    expect(vp.drawerKicks).toHaveLength(1);
    clock.advance(30_000);
    cardSale();
    const second = cashSale();
    await p.queue.runOnce();
    expect(vp.drawerKicks.map((k) => k.command)).toEqual(['DLE DC4', 'DLE DC4']);
    expect(p.port.status().waitingReceipt).toMatchObject({ documentNumber: second.number, others: 2 });
    await vp.setMode('ok');
    expect(await p.queue.drain()).toBe('idle');
    await vp.waitForJobs(4);
    expect(vp.jobs.flatMap((j) => j.paper.pulses)).toEqual([]);
    expect(vp.drawerKicks).toHaveLength(2);
    expect(getPrintJob(db, first.printJobId)!.drawerPulse).toBe('realtime');
  });

  it('a receipt the printer could not even be reached for, minutes ago, is not kicked open late: it opens with its receipt', async () => {
    await vp.setMode('refused');
    const sale = cashSale();
    const p = service();
    await p.queue.runOnce();
    expect(vp.drawerKicks).toEqual([]); // nothing to send a pulse to
    expect(p.port.status()).toMatchObject({ state: 'offline', waitingReceipt: { documentNumber: sale.number, drawerOpened: false } });
    clock.advance(5 * 60_000);
    await vp.setMode('paperOut');
    await p.queue.runOnce();
    expect(vp.drawerKicks).toEqual([]);
    await vp.setMode('ok');
    await p.queue.drain();
    expect(vp.drawerKicks.map((k) => k.command)).toEqual(['ESC p']);
    expect(getPrintJob(db, sale.printJobId)).toMatchObject({ state: 'printed', drawerPulse: 'receipt' });
  });

  it('a cash sale made while the running queue is busy failing on the printer gets its pulse at once, not after the backoff', async () => {
    await vp.setMode('paperOut');
    const real = createTcpTransport({ host: vp.host, port: vp.port, ...fastTcp });
    let reached!: () => void;
    const inPrinter = new Promise<void>((r) => { reached = r; });
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let calls = 0;
    // The first attempt is held in the printer's hands; the backoff after it would be a minute.
    const p = service({
      retry: { baseMs: 60_000, maxMs: 60_000 },
      transport: () => ({ ...real, print: async (bytes) => { if (calls++ === 0) { reached(); await gate; } return real.print(bytes); } }),
    });
    const card = cardSale();
    p.queue.start();
    await inPrinter;
    const cash = cashSale(); // committed while the card receipt is failing
    p.port.wake?.();
    release();
    const kicks = await vp.waitForDrawerKicks(1, 5000);
    expect(kicks.map((k) => k.command)).toEqual(['DLE DC4']);
    expect(getPrintJob(db, cash.printJobId)!.drawerPulse).toBe('realtime');
    expect(getPrintJob(db, card.printJobId)!.state).toBe('retry');
  });

  it('the app and the CLI on one database: the drawer opens once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bancone-drawer-'));
    const file = join(dir, 'bancone.db');
    const appDb = fiscalShop(openDatabase(file));
    const cliDb = openDatabase(file);
    try {
      await vp.setMode('paperOut');
      const sale = cashSale(appDb);
      const app = service({}, appDb);
      const cli = service({}, cliDb);
      await Promise.all([app.queue.runOnce(), cli.queue.runJob(sale.printJobId), app.queue.runOnce(), cli.queue.runOnce()]);
      expect(vp.drawerKicks).toHaveLength(1);
      await vp.setMode('ok');
      await Promise.all([app.queue.drain(), cli.queue.drain()]);
      await vp.waitForJobs(1);
      expect(vp.drawerKicks).toHaveLength(1);
      expect(appDb.prepare(`SELECT state, drawer_pulse AS pulse FROM print_jobs`).all()).toEqual([{ state: 'printed', pulse: 'realtime' }]);
    } finally {
      for (const s of services.splice(0)) await s.queue.stop();
      appDb.close();
      cliDb.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('status.get carries the notice for the counter', () => {
  it('printer state, the waiting receipt and whether the drawer opened; null again once it printed', async () => {
    await vp.setMode('paperOut');
    const sale = cashSale();
    const p = service();
    const till = createDispatcher({ db, clock, printing: p.port });
    const status = async () => {
      const r = await till.call('status.get', undefined, { id: 's1' });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { printer: unknown }).printer;
    };
    await p.queue.runOnce();
    expect(await status()).toEqual({
      state: 'paper_out', message: 'Carta esaurita: sostituire il rotolo', messageEn: 'Paper out: replace the roll', queued: 1,
      waitingReceipt: {
        documentId: sale.id, documentNumber: sale.number, documentKind: 'sale', since: '2026-11-21T17:42:00.000Z', attempts: 1,
        lastError: 'Carta esaurita: sostituire il rotolo', drawerOpened: true, others: 0,
      },
    });
    await vp.setMode('ok');
    await p.queue.drain();
    expect(await status()).toMatchObject({ state: 'ok', queued: 0, waitingReceipt: null });
  });
});

describe('the notice is only for receipts held up by the printer', () => {
  it('a receipt next in line to a working printer is not news; without a printer configured there is no notice', async () => {
    cashSale();
    expect(service().port.status()).toMatchObject({ waitingReceipt: null });
    expect(service({ env: { BANCONE_PRINTER: '' } }).port.status()).toMatchObject({ state: 'not_configured', waitingReceipt: null });
  });
});
