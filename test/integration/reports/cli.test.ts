// `bancone cash`, `bancone report` and `bancone close-day` as a shop runs them: once offline (no
// sync configured: closing needs a note), once against the Openapi emulator (the final sync sends
// the day before closing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../backend/cli/main.js';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import type { Clock } from '../../../shared/time.js';
import { fakeClock, romeDate } from '../../../shared/time.js';
import { pdfTextRuns } from './pdf-text.js';
import { startVirtualPrinter } from '../../../emulators/escpos-printer.js';
import { decodeEscPos, paperSays } from '../../../emulators/escpos-decoder.js';
import { fiscalShopFile } from '../../fixtures/fiscal-shop.js';

async function run(env: Record<string, string>, clock: Clock, argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: async () => stdin }, env, clock);
  return { code, out, err };
}

const saleJson = (cents: number, method: 'cash' | 'electronic') =>
  JSON.stringify({ lines: [{ description: 'Vino', unit_price_cents: cents, vat_code: '22', quantity: 1 }], payments: [{ method, amount_cents: method === 'cash' ? cents + 500 : cents }] });

describe('offline till', () => {
  let dir: string;
  let env: Record<string, string>;
  const clock = fakeClock('2026-11-21T16:00:00Z');
  const cli = (...argv: string[]) => run(env, clock, argv);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bancone-eod-'));
    fiscalShopFile(join(dir, 'bancone.db'));
    env = { BANCONE_DATA_DIR: dir };
    writeFileSync(join(dir, 'count.json'), JSON.stringify({ denominations: { '5000': 3, '1000': 1, '200': 1, '50': 1 }, note: 'contato in due' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records the float and a cash out, and shows the drawer', async () => {
    expect((await cli('cash', 'float', '--amount', '150,00')).out).toContain('Fondo cassa € 150,00 registrato sulla giornata 21/11/2026');
    expect((await run(env, clock, ['sale', '--input', '-'], saleJson(1290, 'cash'))).code).toBe(0);
    expect((await run(env, clock, ['sale', '--input', '-'], saleJson(2500, 'electronic'))).code).toBe(0);
    expect((await cli('cash', 'out', '--amount', '10', '--reason', 'Pane')).out).toBe('Uscita € 10,00 registrata sulla giornata 21/11/2026 (Pane)\n');
    const bad = await cli('cash', 'out', '--amount', '9000', '--reason', 'Troppo');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('CASH_OUT_EXCEEDS_DRAWER');
    expect((await cli('cash', 'status')).out).toContain('Contanti attesi € 152,90');
  });

  it('prints an X reading as text and JSON; a Z before closing is refused', async () => {
    const x = await cli('report', 'x');
    expect(x.code).toBe(0);
    expect(x.out).toContain('LETTURA GIORNALIERA (X)');
    expect(x.out).toMatch(/TOTALE CORRISPETTIVI\s+37,90/);
    const j = JSON.parse((await cli('report', 'x', '--json')).out);
    expect(j).toMatchObject({ type: 'x', from: '2026-11-21', netCents: 3790, sales: { count: 2 }, fiscal: { pending: 2 } });
    const z = await cli('report', 'z');
    expect(z.code).toBe(1);
    expect(z.err).toContain('NO_CLOSED_DAY');
  });

  it('close-day needs the count, then a note for the unsent documents, and refuses a second closing', async () => {
    const noCount = await cli('close-day');
    expect(noCount.code).toBe(1);
    expect(noCount.err).toContain('COUNT_REQUIRED');
    const noNote = await cli('close-day', '--counted-json', join(dir, 'count.json'));
    expect(noNote.code).toBe(1);
    expect(noNote.err).toContain('DAY_HAS_UNSENT_DOCUMENTS');
    expect(noNote.err).toContain('Invio finale non configurato: accettati 0 su 2, in attesa 2, falliti 0');
    expect(noNote.err).toContain('2 documenti non ancora accettati');
    const ok = await cli('close-day', '--counted-json', join(dir, 'count.json'), '--note', 'Senza connessione', '--pdf', join(dir, 'z.pdf'), '--csv', join(dir, 'z.csv'), '--print');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Giornata 21/11/2026 chiusa: Z N. 1');
    expect(ok.out).toContain('Contanti attesi € 152,90, contati € 162,50, differenza € 9,60');
    expect(ok.out).toContain('Stampa in coda');
    expect(ok.out).toContain("ATTENZIONE: 2 documenti non accettati dall'AdE; nota: Senza connessione");
    expect(pdfTextRuns(readFileSync(join(dir, 'z.pdf'))).join(' ')).toContain('Senza connessione');
    expect(readFileSync(join(dir, 'z.csv'), 'utf8').split('\r\n').filter((l) => l.startsWith('documento;'))).toHaveLength(2);
    const again = await cli('close-day', '--counted-json', join(dir, 'count.json'), '--note', 'x', '--date', '2026-11-21');
    expect(again.code).toBe(1);
    expect(again.err).toContain('DAY_ALREADY_CLOSED');
    expect(again.err).toContain('si può solo ristampare il report Z');
  });

  it('after closing, the Z can be reported in every format and new sales go to the next day', async () => {
    const z = JSON.parse((await cli('report', 'z', '--json')).out);
    expect(z).toMatchObject({ type: 'z', closure: { zNumber: 1, note: 'Senza connessione' }, cash: { varianceCents: 960 } });
    expect((await cli('report', 'z', '--date', '2026-11-21', '--pdf', join(dir, 'z2.pdf'))).out).toContain('PDF:');
    expect(existsSync(join(dir, 'z2.pdf'))).toBe(true);
    const s = await run(env, clock, ['sale', '--input', '-', '--json'], saleJson(100, 'cash'));
    expect(JSON.parse(s.out).business_day).toBe('2026-11-22');
    const printer = await startVirtualPrinter();
    try {
      const p = await run({ ...env, BANCONE_PRINTER: printer.url }, clock, ['report', 'z', '--print']);
      expect(p.code).toBe(0);
      expect(p.out).toContain(`Stampato su ${printer.url}`);
      const [job] = await printer.waitForJobs(1);
      const paper = paperSays(decodeEscPos(job!.bytes)).join('\n');
      expect(paper).toContain('CHIUSURA GIORNALIERA (Z)');
      expect(paper).toMatch(/Chiusura Z N\.\s+1/);
      expect(paper).toContain('Nota di chiusura: Senza connessione');
    } finally {
      await printer.close();
    }
    const period = JSON.parse((await cli('report', 'period', '--from', '2026-11-21', '--to', '2026-11-22', '--json')).out);
    expect(period).toMatchObject({ type: 'period', from: '2026-11-21', to: '2026-11-22', netCents: 3890, sales: { count: 3 } });
    expect((await cli('report', 'period', '--from', '2026-11-22', '--to', '2026-11-21')).err).toContain('INVALID_INPUT');
    const bad = await cli('report', 'x', '--date', '21-11-2026');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('AAAA-MM-GG');
  });
});

describe('with the Openapi emulator', () => {
  let emu: Emulator;
  let dir: string;
  let env: Record<string, string>;
  const at10 = new Date();
  at10.setUTCHours(10, 0, 0, 0);
  const offset = at10.getTime() - Date.now();
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const cli = (...argv: string[]) => run(env, clock, argv);

  beforeAll(async () => {
    emu = await startEmulator({ token: 'shop-token', clock, readyDelayMs: 50 });
    dir = mkdtempSync(join(tmpdir(), 'bancone-eod-sync-'));
    fiscalShopFile(join(dir, 'bancone.db'));
    env = {
      BANCONE_DATA_DIR: dir,
      BANCONE_OPENAPI_URL: emu.url,
      BANCONE_SYNC_TUNING: JSON.stringify({ pollFirstMs: 40, pollBackoffMaxMs: 200, sendBackoffBaseMs: 20, lookupDelayMs: 100 }),
    };
    const onboard = await run(env, clock, ['onboard', '--fiscal-id', '12345678903', '--name', 'Bottega Rossi', '--address', 'Via Roma 1, Torino', '--email', 'bottega@example.com',
      '--tax-code', 'RSSMRA80A01H501U', '--secrets-stdin'], JSON.stringify({ token: 'shop-token', password: 'Segreta!2026', pin: '12345678' }));
    expect(onboard.code).toBe(0);
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('close-day sends the pending documents first, shows the progress, and closes without a note', async () => {
    for (const c of [1290, 480, 2500]) expect((await run(env, clock, ['sale', '--input', '-'], saleJson(c, 'electronic'))).code).toBe(0);
    writeFileSync(join(dir, 'empty.json'), '{}');
    const r = await cli('close-day', '--counted-json', join(dir, 'empty.json'), '--json');
    expect(r.code).toBe(0);
    expect(r.err).toContain('Invio finale (avvio): accettati 0 su 3, in attesa 3, falliti 0');
    expect(r.err).toContain('Invio finale (fine): accettati 3 su 3, in attesa 0, falliti 0');
    const out = JSON.parse(r.out);
    expect(out.business_day).toBe(romeDate(clock.now()));
    expect(out.report.fiscal).toMatchObject({ total: 3, ready: 3, pending: 0, failed: 0, notReady: [] });
    expect(out.report.closure).toMatchObject({ note: null, notReadyAtClose: 0, finalSync: { ran: true, ok: true } });
    expect(out.report.numbering.firstDocumentNumber).toMatch(/\S/);
    expect(emu.receipts()).toHaveLength(3);
  });
});
