// Issue #14: a till joined to a shop server puts its till code in every number it takes — sales,
// returns, voids («C2-2026-11-21/0001») and invoices («C2-2026/0001») — so that the shop's tills,
// each with its own gap-free series, never print the same number; a till not joined numbers exactly
// as before, and training keeps its own «PROVA» series. Everything that takes a number back (returns,
// voids, reprints, invoices by sale number, the history's filter, the payment reference, the Z's
// «Documenti dal … al …») works with the prefixed numbers, and the 58 mm paper (32 columns) prints them
// whole. Driven through the `bancone` CLI against a fresh data folder and a virtual printer.
import { describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliWorld } from '../printing/cli-world.js';
import { cli as cliIn, tempDataDir } from '../cli/helpers.js';
import { openDatabase } from '../../../backend/db/open.js';
import { setSetting } from '../../../backend/settings.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { documentHistory } from '../../../backend/sync/fiscal-view.js';
import { HistoryQuerySchema } from '../../../shared/contract/documents.js';
import { paperSays } from '../../../emulators/escpos-decoder.js';
import { validateAgainstXsd } from '../../fixtures/xmllint.js';
import { barSport, invoicingShop, xmlField } from '../invoices/helpers.js';

const world = cliWorld('till-numbering');
const { cli, withDb, clock } = world;

function saleFile(payments: unknown[] = [{ method: 'electronic', amount_cents: 2500 }]): string {
  const f = join(world.dir(), `sale-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify({ lines: [{ description: 'Guida della Città', unit_price_cents: 1250, vat_code: '22', quantity: 2 }], payments }));
  return f;
}

async function ok(argv: string[]): Promise<Record<string, unknown>> {
  const r = await cli([...argv, '--json']);
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** As `bancone till join` (or Settings' «Abbina») leaves a till: joined to a server as till C2. */
function joinAs(code: string): void {
  withDb((db) => {
    setSetting(db, 'server.url', 'http://127.0.0.1:1', clock.now());
    setSetting(db, 'server.tillCode', code, clock.now());
  });
}

function withCustomer(): void {
  withDb((db) => {
    invoicingShop(db);
    const blank = { nome: '', cognome: '', codice_fiscale: '', paese_iva: '', pec: '', nazione: '', notes: '' };
    saveCustomer(db, null, { ...blank, ...barSport }, clock.now().toISOString());
  });
}

describe('numbers on a till joined to a shop server', () => {
  it('sale, return, void and invoice carry the till code; the series stays gap-free; returns, voids, reprints and invoices find a sale by its prefixed number', async () => {
    joinAs('C2');
    withCustomer();
    const s1 = await ok(['sale', '--input', saleFile(), '--no-print']);
    const s2 = await ok(['sale', '--input', saleFile([{ method: 'cash', amount_cents: 5000 }]), '--no-print']);
    expect([s1.number, s2.number]).toEqual(['C2-2026-11-21/0001', 'C2-2026-11-21/0002']);

    const ret = await ok(['return', 'C2-2026-11-21/0001', '--line', '1:1', '--no-print']);
    expect(ret.number).toBe('C2-2026-11-21/0003');
    const voided = await ok(['void', 'C2-2026-11-21/0002', '--no-print']);
    expect(voided.number).toBe('C2-2026-11-21/0004');

    const inv = await cli(['invoice', 'create', '--sale', 'C2-2026-11-21/0001', '--customer', '01234567897']);
    expect({ code: inv.code, stderr: inv.stderr }).toEqual({ code: 0, stderr: '' });
    expect(inv.stdout).toBe('Fattura n. C2-2026/0001 emessa a Bar Sport Srl; in attesa di invio\n');
    const cn = await ok(['invoice', 'credit-note', '--return', 'C2-2026-11-21/0003']);
    expect(cn).toMatchObject({ kind: 'TD04', number: 'C2-2026/0002', corrects: { number: 'C2-2026/0001' } });

    // The XML: Numero is the prefixed number (String20Type), the receipt it cites is the prefixed one,
    // CodicePagamento the till's own reconciliation identifier; valid against the FatturaPA XSD.
    const xml = await cli(['invoice', 'xml', 'C2-2026/0001']);
    expect(xml.code, xml.stderr).toBe(0);
    expect(xmlField(xml.stdout, 'Numero')).toBe('C2-2026/0001');
    expect(xmlField(xml.stdout, 'Causale')).toBe('Fattura relativa al documento commerciale n. C2-2026-11-21/0001 del 21/11/2026');
    expect(xmlField(xml.stdout, 'CodicePagamento')).toBe('BNC-C2-20261121-0001');
    expect(validateAgainstXsd([xml.stdout])[0]).toEqual({ valid: true, errors: [] });

    // The counters are the day's, as before: the rows hold the plain sequence, gap-free.
    const rows = withDb((db) => db.prepare('SELECT seq, number, kind FROM documents ORDER BY seq').all());
    expect(rows).toEqual([
      { seq: 1, number: 'C2-2026-11-21/0001', kind: 'sale' },
      { seq: 2, number: 'C2-2026-11-21/0002', kind: 'sale' },
      { seq: 3, number: 'C2-2026-11-21/0003', kind: 'return' },
      { seq: 4, number: 'C2-2026-11-21/0004', kind: 'void' },
    ]);

    // The daily export of electronic payments names each document with the till's identifier.
    const exp = await cli(['reconciliation', 'export', '--date', '2026-11-21', '--json']);
    expect((JSON.parse(exp.stdout) as { identifier: string }[]).map((r) => r.identifier)).toContain('BNC-C2-20261121-0001');

    // The X reading: «Documenti dal C2-…/0001 al C2-…/0004».
    const x = await ok(['report', 'x']);
    expect((x as { numbering: unknown }).numbering).toMatchObject({ firstNumber: 'C2-2026-11-21/0001', lastNumber: 'C2-2026-11-21/0004' });
  });

  it('an invoice prefix that would make the number longer than FatturaPA\'s 20 characters with the till code: refused naming the setting, no number taken', async () => {
    joinAs('C12');
    withCustomer();
    withDb((db) => setSetting(db, 'invoice.prefix', 'NEGOZIO-', clock.now()));
    await ok(['sale', '--input', saleFile(), '--no-print']);
    const r = await cli(['invoice', 'create', '--sale', 'C12-2026-11-21/0001', '--customer', '01234567897', '--json']);
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: {
      code: 'INVOICE_PREFIX_TOO_LONG', field: 'invoice.prefix',
      message: 'Prefisso delle fatture: con il codice di questa cassa il numero diventa «C12-NEGOZIO-2026/0001», più lungo dei 20 caratteri ammessi dallo SDI; accorciarlo a 7 caratteri al massimo (Impostazioni, Fatturazione elettronica)',
    } });
    expect(withDb((db) => db.prepare('SELECT count(*) FROM invoice_counters').pluck().get())).toBe(0);
    // Seven characters fit: «C12-NEGOZIO2026/0001» is 20.
    withDb((db) => setSetting(db, 'invoice.prefix', 'NEGOZIO', clock.now()));
    expect((await ok(['invoice', 'create', '--sale', 'C12-2026-11-21/0001', '--customer', '01234567897'])).number).toBe('C12-NEGOZIO2026/0001');
  });

  it('`bancone sync --cancel` takes a prefixed number: the sale never sent is not transmitted', async () => {
    joinAs('C2');
    await ok(['sale', '--input', saleFile(), '--no-print']);
    const r = await cli(['sync', '--cancel', 'C2-2026-11-21/0001', '--reason', 'scontrino di prova battuto per errore']);
    expect(r.code, r.stderr).toBe(0);
    expect(withDb((db) => db.prepare(`SELECT o.state FROM outbox o JOIN documents d ON d.id = o.document_id WHERE d.number = 'C2-2026-11-21/0001'`).pluck().get())).toBe('cancelled');
  });

  it('the history filter finds documents by the whole prefixed number, by the till code and by the sequence alone', async () => {
    joinAs('C2');
    await ok(['sale', '--input', saleFile(), '--no-print']);
    await ok(['sale', '--input', saleFile(), '--no-print']);
    const find = (text: string) => withDb((db) => documentHistory(db, HistoryQuerySchema.parse({ text }), '2026-11-21').rows.map((r) => r.number));
    expect(find('C2-2026-11-21/0002')).toEqual(['C2-2026-11-21/0002']);
    expect(find('c2-2026-11-21/0001')).toEqual(['C2-2026-11-21/0001']);
    expect(find('/0001')).toEqual(['C2-2026-11-21/0001']);
    expect(find('C2-').sort()).toEqual(['C2-2026-11-21/0001', 'C2-2026-11-21/0002']);
    expect(find('C3-')).toEqual([]);
  });

  it('on 58 mm paper (32 columns) the prefixed number prints whole, and so does the payment reference; a reprint by number', async () => {
    joinAs('C12');
    withDb((db) => setSetting(db, 'printer.columns', 32, clock.now()));
    const s = await ok(['sale', '--input', saleFile()]);
    expect(s.number).toBe('C12-2026-11-21/0001');
    const reprint = await cli(['print', 'sale', 'C12-2026-11-21/0001', '--copy']);
    expect(reprint.code, reprint.stderr).toBe(0);
    const jobs = await world.printer().waitForJobs(2);
    for (const job of jobs) {
      const lines = job.paper.lines;
      expect(lines.every((l) => l.length <= 32), lines.join('\n')).toBe(true);
      // The date and the number do not fit side by side: the number goes flush right on its own line.
      expect(lines.map((l) => l.trim())).toContain('N. C12-2026-11-21/0001');
      expect(lines.map((l) => l.trim())).toContain('BNC-C12-20261121-0001');
      expect(paperSays(job.paper).join('\n')).toContain('21/11/2026 18:42');
    }
  });

  it('training on a joined till keeps its own «PROVA» numbers, without the till code', async () => {
    const dir = tempDataDir('training');
    try {
      await cliIn(dir, ['training', 'status'], { clock }); // creates the ledger
      const db = openDatabase(join(dir, 'bancone.db'));
      try { setSetting(db, 'server.tillCode', 'C2', clock.now()); } finally { db.close(); }
      const f = join(dir, 'sale.json');
      writeFileSync(f, JSON.stringify({ lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4' }], payments: [{ method: 'cash', amount_cents: 500 }] }));
      const s = await cliIn(dir, ['sale', '--input', f, '--no-print', '--json'], { clock });
      expect(s.code, s.stderr).toBe(0);
      expect((JSON.parse(s.stdout) as { number: string }).number).toBe('PROVA 2026-11-21/0001');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('numbers on a till not joined', () => {
  it('sale, return, void and invoice number exactly as before', async () => {
    withCustomer();
    const s1 = await ok(['sale', '--input', saleFile(), '--no-print']);
    const s2 = await ok(['sale', '--input', saleFile(), '--no-print']);
    expect([s1.number, s2.number]).toEqual(['2026-11-21/0001', '2026-11-21/0002']);
    expect((await ok(['return', '2026-11-21/0001', '--line', '1:1', '--no-print'])).number).toBe('2026-11-21/0003');
    expect((await ok(['void', '2026-11-21/0002', '--no-print'])).number).toBe('2026-11-21/0004');
    const inv = await cli(['invoice', 'create', '--sale', '2026-11-21/0001', '--customer', '01234567897']);
    expect(inv.stdout).toBe('Fattura n. 2026/0001 emessa a Bar Sport Srl; in attesa di invio\n');
    const exp = await cli(['reconciliation', 'export', '--date', '2026-11-21', '--json']);
    expect((JSON.parse(exp.stdout) as { identifier: string }[]).map((r) => r.identifier)).toContain('BNC-20261121-0001');
  });
});
