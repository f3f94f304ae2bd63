// `bancone sale … --invoice CUSTOMER` (issue #13): the sale documented by a TD01 issued at the sale
// (XSD-valid, no receipt cited), nothing queued for /IT-receipts; a refusal records nothing.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { fakeClock } from '../../../shared/time.js';
import { cli, tempDataDir } from '../cli/helpers.js';
import { validateAgainstXsd } from '../../fixtures/xmllint.js';
import { barSport, invoicingShop, xmlField } from './helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const pane = { lines: [{ description: 'Pane', unit_price_cents: 350, vat_code: '4', quantity: 2 }], payments: [{ method: 'electronic', amount_cents: 700 }] };

describe('bancone sale --invoice', () => {
  it('records the sale with its invoice instead of the receipt; refusals record nothing', async () => {
    const clock = fakeClock('2026-11-21T10:00:00Z');
    const dir = tempDataDir();
    dirs.push(dir);
    const db0 = openDatabase(join(dir, 'bancone.db'));
    invoicingShop(db0);
    const blank = { nome: '', cognome: '', codice_fiscale: '', paese_iva: '', pec: '', nazione: '', notes: '' };
    saveCustomer(db0, null, { ...blank, ...barSport }, clock.now().toISOString());
    db0.close();
    const file = join(dir, 'sale.json');
    writeFileSync(file, JSON.stringify(pane));

    const refused = await cli(dir, ['sale', '--input', file, '--invoice', 'RSSMRA85T10A562S', '--no-print'], { clock });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Errore [INVOICE_CUSTOMER_UNKNOWN]: Cliente: nessun cliente con id, codice fiscale o partita IVA «RSSMRA85T10A562S»');

    const text = await cli(dir, ['sale', '--input', file, '--invoice', 'IT01234567897', '--no-print'], { clock });
    expect({ code: text.code, stderr: text.stderr }).toEqual({ code: 0, stderr: '' });
    expect(text.stdout).toContain('Vendita 2026-11-21/0001 registrata');
    expect(text.stdout).toContain('Fattura n. 2026/0001 (invece dello scontrino');

    const json = await cli(dir, ['sale', '--input', file, '--invoice', '01234567897', '--no-print', '--json'], { clock });
    expect(JSON.parse(json.stdout)).toMatchObject({ number: '2026-11-21/0002', invoice: { number: '2026/0002' } });

    const db = openDatabase(join(dir, 'bancone.db'));
    try {
      expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(2);
      const xml = db.prepare(`SELECT xml FROM invoices WHERE number = '2026/0001'`).pluck().get() as string;
      expect(validateAgainstXsd([xml])[0]).toEqual({ valid: true, errors: [] });
      expect(xmlField(xml, 'Causale')).toBeNull();
      expect(xmlField(xml, 'ModalitaPagamento')).toBe('MP08');
    } finally { db.close(); }
  });
});
