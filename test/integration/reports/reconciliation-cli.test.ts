// `bancone reconciliation export` (issue #13, Sibill's use case) as a shop owner runs it: the day's
// electronic payments per document, refunds negative, the invoice number when invoiced, never cash
// nor training sales, summing to the X's electronic figure to the cent.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import { commitSale, recordReturn, recordVoid } from '../../../backend/ledger/index.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { fakeClock } from '../../../shared/time.js';
import { cli, tempDataDir } from '../cli/helpers.js';
import { barSport, invoicingShop } from '../invoices/helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const pane = { description: 'Pane', unit_price_cents: 350, vat_code: '4' as const, quantity: 2 };
const vino = { description: 'Vino', unit_price_cents: 1290, vat_code: '22' as const, quantity: 1 };
const card = (cents: number) => ({ method: 'electronic' as const, amount_cents: cents });
const cash = (cents: number) => ({ method: 'cash' as const, amount_cents: cents });

describe('bancone reconciliation export', () => {
  it('lists card payments per document (returns and voids negative, invoice number), not cash; sums to the X; JSON too', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    // 21 November 2026, Rome is UTC+1: 10:00Z is 11:00 at the shop.
    const clock = fakeClock('2026-11-21T10:00:00Z');
    const db = openDatabase(join(dir, 'bancone.db'));
    let numbers: string[];
    try {
      invoicingShop(db);
      const blank = { nome: '', cognome: '', codice_fiscale: '', paese_iva: '', pec: '', nazione: '', notes: '' };
      saveCustomer(db, null, { ...blank, ...barSport }, clock.now().toISOString());
      const s1 = commitSale(db, clock, { lines: [pane, vino], payments: [card(1990)] }, { printReceipt: false });
      clock.advance(60_000);
      const s2 = commitSale(db, clock, { lines: [pane], payments: [cash(700)] }, { printReceipt: false });
      clock.advance(60_000);
      const s3 = commitSale(db, clock, { lines: [pane, vino], payments: [card(1000), cash(990)] }, { printReceipt: false });
      clock.advance(60_000);
      const r1 = recordReturn(db, clock, { sale: s1.id, lines: [{ line_no: 2, quantity: 1 }], refund_method: 'electronic' }, { printReceipt: false });
      clock.advance(60_000);
      const s4 = commitSale(db, clock, { lines: [vino], payments: [card(1290)] }, { printReceipt: false });
      clock.advance(60_000);
      const v4 = recordVoid(db, clock, { sale: s4.id }, { printReceipt: false });
      numbers = [s1.number, s2.number, s3.number, r1.number, s4.number, v4.number];
    } finally { db.close(); }
    const [s1, , s3, r1, s4, v4] = numbers as [string, string, string, string, string, string];

    const inv = await cli(dir, ['invoice', 'create', '--sale', s3, '--customer', '01234567897'], { clock });
    expect({ code: inv.code, stderr: inv.stderr }).toEqual({ code: 0, stderr: '' });

    const out = await cli(dir, ['reconciliation', 'export', '--date', '2026-11-21'], { clock });
    expect({ code: out.code, stderr: out.stderr }).toEqual({ code: 0, stderr: '' });
    expect(out.stdout.startsWith('\uFEFF')).toBe(true);
    const lines = out.stdout.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toEqual([
      'identificativo;numero;tipo;documento_origine;fattura;metodo;importo;data_ora_utc;data_ora_roma',
      `BNC-20261121-0001;${s1};Vendita;;;Elettronico;19,90;2026-11-21T10:00:00.000Z;2026-11-21T11:00:00+01:00`,
      `BNC-20261121-0003;${s3};Vendita;;2026/0001;Elettronico;10,00;2026-11-21T10:02:00.000Z;2026-11-21T11:02:00+01:00`,
      `BNC-20261121-0004;${r1};Reso;${s1};;Elettronico;-12,90;2026-11-21T10:03:00.000Z;2026-11-21T11:03:00+01:00`,
      `BNC-20261121-0005;${s4};Vendita;;;Elettronico;12,90;2026-11-21T10:04:00.000Z;2026-11-21T11:04:00+01:00`,
      `BNC-20261121-0006;${v4};Annullo;${s4};;Elettronico;-12,90;2026-11-21T10:05:00.000Z;2026-11-21T11:05:00+01:00`,
    ]);

    // The export's column sums to the X reading's net electronic payments, to the cent.
    const x = await cli(dir, ['report', 'x', '--date', '2026-11-21', '--json'], { clock });
    const electronic = (JSON.parse(x.stdout) as { payments: { method: string; netCents: number }[] }).payments.find((p) => p.method === 'electronic');
    const cents = (a: string) => Math.round(Number(a.replace(',', '.')) * 100);
    const sum = lines.slice(1, -1).reduce((t, l) => t + cents(l.split(';')[6]!), 0);
    expect(sum).toBe(1990 + 1000 - 1290 + 1290 - 1290);
    expect(electronic?.netCents).toBe(sum);

    const json = await cli(dir, ['reconciliation', 'export', '--date', '2026-11-21', '--json'], { clock });
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(rows.map((r) => [r.identifier, r.amount, r.amount_cents, r.invoice_number])).toEqual([
      ['BNC-20261121-0001', '19.90', 1990, null],
      ['BNC-20261121-0003', '10.00', 1000, '2026/0001'],
      ['BNC-20261121-0004', '-12.90', -1290, null],
      ['BNC-20261121-0005', '12.90', 1290, null],
      ['BNC-20261121-0006', '-12.90', -1290, null],
    ]);
    expect(rows[2]).toEqual({
      identifier: 'BNC-20261121-0004', number: r1, kind: 'return', parent_number: s1, invoice_number: null, method: 'electronic',
      amount: '-12.90', amount_cents: -1290, time_utc: '2026-11-21T10:03:00.000Z', time_rome: '2026-11-21T11:03:00+01:00',
    });
  });

  it('a bad or missing --date is refused in Italian naming the argument; a day with nothing gives the header or []', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const clock = fakeClock('2026-11-21T10:00:00Z');
    const bad = await cli(dir, ['reconciliation', 'export', '--date', '21/11/2026'], { clock });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('Errore [CLI_USAGE]: Data non valida per --date: 21/11/2026 (usare AAAA-MM-GG)\n');
    const missing = await cli(dir, ['reconciliation', 'export'], { clock });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Manca la giornata: --date AAAA-MM-GG.');

    const empty = await cli(dir, ['reconciliation', 'export', '--date', '2026-11-21'], { clock });
    expect(empty).toEqual({
      code: 0,
      stdout: '\uFEFFidentificativo;numero;tipo;documento_origine;fattura;metodo;importo;data_ora_utc;data_ora_roma\r\n',
      stderr: "Nessun pagamento elettronico nella giornata 2026-11-21: l'export è vuoto\n",
    });
    const emptyJson = await cli(dir, ['reconciliation', 'export', '--date', '2026-11-21', '--json'], { clock });
    expect({ code: emptyJson.code, rows: JSON.parse(emptyJson.stdout) as unknown }).toEqual({ code: 0, rows: [] });
  });

  it('training sales never appear, even paid by card', async () => {
    const dir = tempDataDir('training');
    dirs.push(dir);
    const clock = fakeClock('2026-11-21T10:00:00Z');
    await cli(dir, ['training', 'status'], { clock }); // creates the ledger (training mode: an empty install)
    const db = openDatabase(join(dir, 'bancone.db'));
    let number: string;
    try {
      number = commitSale(db, clock, { lines: [vino], payments: [card(1290)] }, { printReceipt: false }).number;
    } finally { db.close(); }
    expect(number).toMatch(/^PROVA /); // a training number, not the fiscal series
    const out = await cli(dir, ['reconciliation', 'export', '--date', '2026-11-21', '--json'], { clock });
    expect({ code: out.code, rows: JSON.parse(out.stdout) as unknown, stderr: out.stderr }).toEqual({
      code: 0, rows: [], stderr: "Nessun pagamento elettronico nella giornata 2026-11-21: l'export è vuoto\n",
    });
  });
});
