// `bancone invoice xml`: a sale rung up through the CLI, invoiced from the ledger, valid against the XSD.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeClock } from '../../../shared/time.js';
import { openDatabase } from '../../../backend/db/open.js';
import { saveShop } from '../../../backend/setup/shop.js';
import { cli, ledgerCounts, tempDataDir } from '../../integration/cli/helpers.js';
import { validateAgainstXsd } from '../../fixtures/xmllint.js';
import { readInvoice, value } from './read-xml.js';

const clock = fakeClock('2026-11-21T10:00:00Z');

function shopIn(dir: string): void {
  const db = openDatabase(join(dir, 'bancone.db'));
  try {
    saveShop(db, clock, { name: 'Bottega della Città', vat_number: '00743110157', tax_code: '00743110157', address: 'Via Roma 1\n10121 Torino (TO)', regime: 'RF01' }, null);
  } finally { db.close(); }
}

function file(dir: string, name: string, content: object): string {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(content));
  return f;
}

const customer = {
  denominazione: 'Rossi & Figli S.r.l.', idFiscaleIva: { paese: 'IT', codice: '01234567897' },
  sede: { indirizzo: 'Corso Francia 12', cap: '10138', comune: 'Torino', provincia: 'TO' }, codiceDestinatario: 'M5UXCR1',
};

describe('bancone invoice xml', () => {
  it('prints the FatturaPA XML of a sale in the ledger: valid, citing its receipt, totals equal to the sale; writes nothing', async () => {
    const dir = tempDataDir();
    shopIn(dir);
    const sale = await cli(dir, ['sale', '--no-print', '--json', file(dir, 's.json', {
      lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 1.5, discount_cents: 50 }, { description: 'Vino', unit_price_cents: 1290, vat_code: '22', quantity: 2 }],
      payments: [{ method: 'electronic', amount_cents: 3055 }],
    })], { clock });
    expect(sale.code, sale.stderr).toBe(0);
    const number = JSON.parse(sale.stdout).number as string;
    const before = ledgerCounts(dir);

    const r = await cli(dir, ['invoice', 'xml', number, '--customer-json', file(dir, 'c.json', customer), '--number', '2026/0001'], { clock });
    expect(r.code, r.stderr).toBe(0);
    expect(validateAgainstXsd([r.stdout])[0]).toEqual({ valid: true, errors: [] });
    const inv = readInvoice(r.stdout);
    expect(inv).toMatchObject({ tipo: 'TD01', total: 3055, payments: [{ mode: 'MP08', amount: 3055 }] });
    expect(inv.causale).toBe(`Fattura relativa al documento commerciale n. ${number} del 21/11/2026`);
    expect(value(r.stdout, 'Numero')).toBe('2026/0001');
    expect(value(r.stdout, 'Denominazione')).toBe('Bottega della Città');
    expect(ledgerCounts(dir)).toEqual(before);

    const json = await cli(dir, ['invoice', 'xml', number, '--customer-json', file(dir, 'c.json', customer), '--number', '2026/0001', '--json'], { clock });
    expect(JSON.parse(json.stdout)).toMatchObject({ tipo_documento: 'TD01', total_cents: 3055, stamp_duty: false, xml: r.stdout });
  });

  it('a bad customer file is refused naming the field; a return needs the invoice it corrects', async () => {
    const dir = tempDataDir();
    shopIn(dir);
    const sale = JSON.parse((await cli(dir, ['sale', '--no-print', '--json', file(dir, 's.json', { lines: [{ description: 'Vino', unit_price_cents: 1290, vat_code: '22', quantity: 2 }], payments: [{ method: 'cash', amount_cents: 2580 }] })], { clock })).stdout);
    const bad = await cli(dir, ['invoice', 'xml', sale.number, '--customer-json', file(dir, 'c.json', { ...customer, sede: { ...customer.sede, cap: '101' } }), '--number', '1'], { clock });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('CAP: 5 cifre');
    const ret = JSON.parse((await cli(dir, ['return', sale.number, '--line', '1:1', '--no-print', '--json'], { clock })).stdout);
    const noRef = await cli(dir, ['invoice', 'xml', ret.number, '--customer-json', file(dir, 'c.json', customer), '--number', 'NC/1'], { clock });
    expect(noRef.code).not.toBe(0);
    expect(noRef.stderr).toContain('--credit-note-of');
    const note = await cli(dir, ['invoice', 'xml', ret.number, '--customer-json', file(dir, 'c.json', customer), '--number', 'NC/1', '--credit-note-of', '2026/0001', '--credit-note-date', '2026-11-21'], { clock });
    expect(note.code, note.stderr).toBe(0);
    expect(validateAgainstXsd([note.stdout])[0]!.valid).toBe(true);
    expect(readInvoice(note.stdout)).toMatchObject({ tipo: 'TD04', total: 1290 });
  });
});
