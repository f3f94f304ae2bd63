// `bancone invoice create|credit-note|xml|list` as a shop owner runs it, and the annual series taken
// by several `bancone invoice create` processes at once: no gap, no duplicate, one invoice per sale.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import { commitSale, recordReturn } from '../../../backend/ledger/index.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { fakeClock, systemClock, type Clock } from '../../../shared/time.js';
import { cli, spawnCli, tempDataDir } from '../cli/helpers.js';
import { validateAgainstXsd } from '../../fixtures/xmllint.js';
import { barSport, invoicingShop, xmlField } from './helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const pane = { lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4' as const, quantity: 2 }, { description: 'Vino', unit_price_cents: 1290, vat_code: '22' as const, quantity: 1 }], payments: [{ method: 'cash' as const, amount_cents: 2000 }] };

/** A data folder with the shop set up, Bar Sport in the book and `sales` sales; returns their numbers and ids. */
function shopWithSales(sales: number, clock: Clock): { dir: string; sales: { id: string; number: string }[]; customerId: string } {
  const dir = tempDataDir();
  dirs.push(dir);
  const db = openDatabase(join(dir, 'bancone.db'));
  try {
    invoicingShop(db);
    const blank = { nome: '', cognome: '', codice_fiscale: '', paese_iva: '', pec: '', nazione: '', notes: '' };
    const c = saveCustomer(db, null, { ...blank, ...barSport }, clock.now().toISOString());
    const made = Array.from({ length: sales }, () => commitSale(db, clock, pane, { printReceipt: false }));
    return { dir, sales: made.map((s) => ({ id: s.id, number: s.number })), customerId: c.id };
  } finally { db.close(); }
}

describe('bancone invoice', () => {
  it('create prints the number; xml prints the stored bytes (valid against the XSD); list; refusals on stderr in Italian; credit-note', async () => {
    const clock = fakeClock('2026-11-21T10:00:00Z');
    const { dir, sales } = shopWithSales(2, clock);
    const [s1, s2] = sales as [{ id: string; number: string }, { id: string; number: string }];

    const made = await cli(dir, ['invoice', 'create', '--sale', s1.number, '--customer', '01234567897'], { clock });
    expect({ code: made.code, stderr: made.stderr }).toEqual({ code: 0, stderr: '' });
    expect(made.stdout).toBe('Fattura n. 2026/0001 emessa a Bar Sport Srl; in attesa di invio\n');

    const again = await cli(dir, ['invoice', 'create', '--sale', s1.number, '--customer', '01234567897'], { clock });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toBe(`Errore [INVOICE_ALREADY_ISSUED]: Vendita: la vendita ${s1.number} è già fatturata (fattura 2026/0001); non si può fatturare due volte\n`);
    const unknown = await cli(dir, ['invoice', 'create', '--sale', s2.number, '--customer', 'RSSMRA85T10A562S', '--json'], { clock });
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'INVOICE_CUSTOMER_UNKNOWN', field: 'customer' } });

    const xml = await cli(dir, ['invoice', 'xml', '2026/0001'], { clock });
    expect(xml.code).toBe(0);
    const db = openDatabase(join(dir, 'bancone.db'));
    try {
      expect(xml.stdout).toBe(db.prepare(`SELECT xml FROM invoices WHERE number = '2026/0001'`).pluck().get());
      const ret = recordReturn(db, clock, { sale: s1.id, lines: [{ line_no: 2, quantity: 1 }] }, { printReceipt: false });
      const cn = await cli(dir, ['invoice', 'credit-note', '--return', ret.number, '--json'], { clock });
      expect(JSON.parse(cn.stdout)).toMatchObject({ kind: 'TD04', number: '2026/0002', corrects: { number: '2026/0001' } });
    } finally { db.close(); }
    expect(validateAgainstXsd([xml.stdout])[0]).toEqual({ valid: true, errors: [] });
    expect(xmlField(xml.stdout, 'Causale')).toBe(`Fattura relativa al documento commerciale n. ${s1.number} del 21/11/2026`);
    expect((await cli(dir, ['invoice', 'xml', '2026/0099'])).stderr).toBe('Errore [INVOICE_NOT_FOUND]: Fattura non trovata: 2026/0099\n');

    const list = await cli(dir, ['invoice', 'list'], { clock });
    expect(list.stdout).toBe(
      '2026/0002  2026-11-21  nota di credito  Bar Sport Srl  € 12,90  da inviare\n' +
      '2026/0001  2026-11-21  fattura  Bar Sport Srl  € 19,90  da inviare\n',
    );
    expect((await cli(dir, ['invoice', 'list', '--year', '2025'])).stdout).toBe('Nessuna fattura\n');
  });

  it('6 × `bancone invoice create` at once (5 sales, one twice): numbers 1–5 without gaps or duplicates, the repeat refused', async () => {
    const { dir, sales } = shopWithSales(5, systemClock);
    const targets = [...sales, sales[0]!];
    const runs = await Promise.all(targets.map((s) => spawnCli(dir, ['invoice', 'create', '--sale', s.id, '--customer', 'IT01234567897', '--json'])));
    const ok = runs.filter((r) => r.code === 0).map((r) => JSON.parse(r.stdout) as { number: string; year: string; seq: number; document: { id: string } });
    const refused = runs.filter((r) => r.code !== 0).map((r) => (JSON.parse(r.stdout) as { error: { code: string } }).error.code);
    expect(refused).toEqual(['INVOICE_ALREADY_ISSUED']);
    expect(ok.map((i) => i.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(ok.map((i) => i.document.id))).toEqual(new Set(sales.map((s) => s.id)));
    for (const i of ok) expect(i.number).toBe(`${i.year}/${String(i.seq).padStart(4, '0')}`);
    const db = openDatabase(join(dir, 'bancone.db'));
    try {
      expect(db.prepare('SELECT count(*) FROM invoices').pluck().get()).toBe(5);
      expect(db.prepare('SELECT count(*) FROM invoice_outbox').pluck().get()).toBe(5);
      expect(db.prepare('SELECT last_seq FROM invoice_counters').pluck().all()).toEqual([5]);
    } finally { db.close(); }
  }, 240_000);
});
