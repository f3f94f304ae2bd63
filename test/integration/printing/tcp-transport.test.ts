import { afterEach, describe, expect, it } from 'vitest';
import { layoutDocument } from '../../../shared/receipt.js';
import { encodeLayout } from '../../../backend/printing/encode.js';
import { createTcpTransport, type TcpTransportOptions } from '../../../backend/printing/transports/tcp.js';
import { PrinterError } from '../../../backend/printing/printer-status.js';
import { transportFromUrl } from '../../../backend/printing/transports/index.js';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterOptions } from '../../../emulators/escpos-printer.js';
import { paperHasLine } from '../../../emulators/escpos-decoder.js';
import { SHOP, cashSale } from '../../fixtures/documents.js';

let vp: VirtualPrinter | null = null;
afterEach(async () => {
  await vp?.close();
  vp = null;
});

async function printer(opts: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  vp = await startVirtualPrinter(opts);
  return vp;
}

const fast: Partial<TcpTransportOptions> = { connectTimeoutMs: 1000, replyTimeoutMs: 250, printedTimeoutMs: 400 };
const transportFor = (p: VirtualPrinter, extra: Partial<TcpTransportOptions> = {}) =>
  createTcpTransport({ host: p.host, port: p.port, ...fast, ...extra });

const receipt = () => encodeLayout(layoutDocument(cashSale(), SHOP, { columns: 42 }));

async function until(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function printError(p: Promise<unknown>): Promise<PrinterError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PrinterError);
    return e as PrinterError;
  }
  throw new Error('expected the print to fail');
}

describe('status over TCP (DLE EOT)', () => {
  it.each([
    ['ok', 'ready', 'Stampante pronta'],
    ['nearEnd', 'ready', 'Stampante pronta, carta in esaurimento'],
    ['paperOut', 'paper_out', 'Carta esaurita: sostituire il rotolo'],
    ['coverOpen', 'cover_open', 'Coperchio della stampante aperto'],
    ['silent', 'timeout', 'La stampante non risponde'],
    ['refused', 'unreachable', 'Stampante non raggiungibile'],
  ] as const)('a printer in mode %s reads as %s', async (mode, state, message) => {
    const p = await printer({ mode });
    const s = await transportFor(p).status();
    expect(s.state).toBe(state);
    expect(s.message).toBe(message);
    expect(s.printer).toBe(p.url);
    expect(s.paperNearEnd).toBe(mode === 'nearEnd');
    expect(p.jobs).toEqual([]);
  });

  it('parses replies that come one byte per packet, mixed with unsolicited ASB messages', async () => {
    const p = await printer({ fragmentReplies: true, asbNoise: true });
    expect((await transportFor(p).status()).state).toBe('ready');
    const r = await transportFor(p).print(receipt());
    expect(r.confirmed).toBe(true);
  });

  it('waits for a slow printer within the reply deadline, and gives up after it', async () => {
    const p = await printer({ replyDelayMs: 100 });
    expect((await transportFor(p).status()).state).toBe('ready');
    p.setReplyDelay(600);
    const started = performance.now();
    expect((await transportFor(p).status()).state).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('printing over TCP', () => {
  it('delivers the job, confirmed by GS r after the data, and the paper reads right', async () => {
    const p = await printer();
    const bytes = receipt();
    const r = await transportFor(p).print(bytes);
    expect(r).toMatchObject({ confirmed: true, bytes: bytes.length });
    expect(r.status?.state).toBe('ready');
    const [job] = await p.waitForJobs(1);
    expect(paperHasLine(job!.paper, 'TOTALE € 12,50')).toBe(true);
    expect(job!.paper.cuts).toHaveLength(1);
    // Status first, then the job, then the "printed" query.
    const queries = job!.paper.events.filter((e) => e.type === 'status-query');
    expect(queries.map((q) => q.type === 'status-query' && `${q.command} ${q.n}`)).toEqual(['DLE EOT 1', 'DLE EOT 2', 'DLE EOT 4', 'GS r 1']);
    const gsr = job!.paper.events.findIndex((e) => e.type === 'status-query' && e.command === 'GS r');
    const cut = job!.paper.events.findIndex((e) => e.type === 'cut');
    expect(gsr).toBeGreaterThan(cut);
  });

  it('reports the paper near its end after a job that printed', async () => {
    const p = await printer({ mode: 'nearEnd' });
    const r = await transportFor(p).print(receipt());
    expect(r.confirmed).toBe(true);
    expect(r.status?.paperNearEnd).toBe(true);
    expect(await p.waitForJobs(1)).toHaveLength(1);
  });

  it.each([
    ['paperOut', 'PRINTER_PAPER_OUT', /Carta esaurita/],
    ['coverOpen', 'PRINTER_COVER_OPEN', /Coperchio/],
    ['refused', 'PRINTER_UNREACHABLE', /connessione rifiutata/],
    ['silent', 'PRINTER_TIMEOUT', /non risponde/],
  ] as const)('does not send a job into a printer in mode %s (%s)', async (mode, code, message) => {
    const p = await printer({ mode });
    const started = performance.now();
    const err = await printError(transportFor(p).print(receipt()));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(p.received).toEqual([]);
  });

  it('a printer that runs out of paper during the job: not confirmed, reported as paper out', async () => {
    const p = await printer();
    p.switchModeAfter(200, 'paperOut');
    const err = await printError(transportFor(p).print(receipt()));
    expect(err.code).toBe('PRINTER_PAPER_OUT');
    expect(err.message).toMatch(/stampa interrotta/);
    await until(() => p.received.length === 1);
    expect(p.jobs).toEqual([]);
    expect(p.received).toHaveLength(1);
  });

  it('delivers a 2 MB job whole and waits for it to drain before asking GS r', async () => {
    const p = await printer();
    const one = receipt();
    const copies = Math.ceil((2 * 1024 * 1024) / one.length);
    const big = new Uint8Array(one.length * copies);
    for (let i = 0; i < copies; i++) big.set(one, i * one.length);
    const r = await transportFor(p, { printedTimeoutMs: 5000 }).print(big);
    expect(r.confirmed).toBe(true);
    const [job] = await p.waitForJobs(1);
    // 9 bytes of status queries before the job, 3 of GS r 1 after it.
    expect(job!.bytes.length).toBe(big.length + 12);
    expect(job!.paper.cuts).toHaveLength(copies);
    expect(job!.paper.lines.filter((l) => l.replace(/\s+/g, ' ').trim() === 'TOTALE € 12,50')).toHaveLength(copies);
  });

  it('?status=off: a printer that never answers still gets its jobs, unconfirmed', async () => {
    const p = await printer({ mode: 'silent' });
    const t = transportFromUrl(`${p.url}?status=off`, { tcp: fast });
    expect((await t.status()).state).toBe('unknown');
    const bytes = receipt();
    expect(await t.print(bytes)).toEqual({ confirmed: false, status: null, bytes: bytes.length });
    await until(() => p.received.length === 1);
    expect(p.received[0]!.bytes.length).toBe(bytes.length);
    expect(p.statusQueries).toBe(0);
  });

  it('prints again once the printer is back', async () => {
    const p = await printer({ mode: 'refused' });
    const t = transportFor(p);
    expect((await printError(t.print(receipt()))).code).toBe('PRINTER_UNREACHABLE');
    await p.setMode('ok');
    expect((await t.print(receipt())).confirmed).toBe(true);
    expect(await p.waitForJobs(1)).toHaveLength(1);
  });
});
