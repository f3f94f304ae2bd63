// The invoice's courtesy copy (issue #13) as the customer reads it: the text of the A4 PDF, read back
// from pdfkit's content streams (test/integration/reports/pdf-text.ts), through `invoices.pdf` and
// `bancone invoice pdf`. Every figure is checked against the XML as issued; the same invoice gives
// the same bytes whenever the copy is made.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginCashier, makeBackend } from '../../unit/contract/helpers.js';
import { commitSale, recordReturn } from '../../../backend/ledger/index.js';
import { formatAmount } from '../../../shared/money.js';
import { validateAgainstXsd } from '../../fixtures/xmllint.js';
import { pdfTextRuns } from '../reports/pdf-text.js';
import { cli, tempDataDir } from '../cli/helpers.js';
import { openDatabase } from '../../../backend/db/open.js';
import { saveCustomer } from '../../../backend/customers/store.js';
import { fakeClock } from '../../../shared/time.js';
import { barSport, invoicingShop, marioRossi, receiptNumbered } from './helpers.js';
import { invoicePdf } from '../../../backend/invoicing/pdf.js';
import { getInvoice, invoiceXml } from '../../../backend/invoicing/store.js';
import { pdfPages } from '../reports/pdf-text.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A specialist visit (N4, € 90: stamp duty), a guide at 22 % with € 2,00 off, paid by card and cash. */
const visitAndGuide = {
  lines: [
    { description: 'Visita specialistica', unit_price_cents: 9000, vat_code: 'N4' as const },
    { description: 'Guida della Città', unit_price_cents: 1250, vat_code: '22' as const, quantity: 2, discount_cents: 200 },
  ],
  payments: [{ method: 'electronic' as const, amount_cents: 9000 }, { method: 'cash' as const, amount_cents: 2300 }],
};

const text = (base64: string) => pdfTextRuns(Buffer.from(base64, 'base64')).join('\n');
const field = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1] ?? null;
const all = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);
/** "113.00" → "113,00", as the copy prints the XML's amounts. */
const it2 = (s: string) => formatAmount(Math.round(Number(s) * 100));

async function invoicedSale() {
  const b = makeBackend();
  invoicingShop(b.db);
  await loginCashier(b);
  await b.ok('customers.save', barSport);
  const sale = commitSale(b.db, b.clock, visitAndGuide, { printReceipt: false });
  receiptNumbered(b.db, sale.id, 'DCW2026/5111-2222');
  b.clock.set('2026-11-21T15:30:00Z');
  const inv = await b.ok('invoices.create', { sale: sale.number, customer: 'IT01234567897' });
  return { b, sale, inv };
}

describe('the courtesy copy of an invoice (A4 PDF)', () => {
  it('a TD01 from a receipt: the notice, both parties, the receipt cited, lines with N-code and discount, riepilogo, bollo, total, payments and the identifier, all as the XML says', async () => {
    const { b, sale } = await invoicedSale();
    const { xml } = await b.ok('invoices.get', { invoice: '2026/0001' });
    expect(validateAgainstXsd([xml])[0]).toEqual({ valid: true, errors: [] });

    const copy = await b.ok('invoices.pdf', { invoice: '2026/0001' });
    expect(copy.fileName).toBe('Fattura-2026-0001.pdf');
    const t = text(copy.base64);
    expect(t).toContain('Copia di cortesia — il documento valido ai fini fiscali è quello trasmesso allo SDI');
    expect(t).toContain('Fattura N. 2026/0001 del 21/11/2026');
    // the seller and the customer
    expect(t).toContain('Bottega della Città S.n.c.');
    expect(t).toContain('P.IVA IT00743110157');
    expect(t).toContain('Bar Sport Srl');
    expect(t).toContain('P.IVA IT01234567897');
    expect(t).toContain('Corso Italia 2');
    expect(t).toContain('Codice destinatario M5UXCR1');
    expect(t).toContain(`Relativa al documento commerciale N. ${sale.number} del 21/11/2026 (n. AdE DCW2026/5111-2222)`);
    // the lines: the N-code with its meaning, the discount per unit, net amounts as in the XML
    expect(t).toContain('Visita specialistica');
    expect(t).toContain('Guida della Città');
    expect(t).toContain('N4: operazioni esenti');
    const totals = all(xml, 'PrezzoTotale');
    for (const p of totals) expect(t).toContain(it2(p));
    expect(t).toContain(`-${all(xml, 'Importo')[0]!.replace('.', ',')} cad.`); // the discount per unit, every decimal of the XML
    // per-rate summary, equal to DatiRiepilogo
    expect(t).toContain('N4 - esenti');
    expect(t).toContain('IVA 22%');
    for (const v of [...all(xml, 'ImponibileImporto'), ...all(xml, 'Imposta')]) expect(t).toContain(it2(v));
    // bollo virtuale, paid by the shop
    expect(field(xml, 'BolloVirtuale')).toBe('SI');
    expect(t).toContain('Imposta di bollo di € 2,00 assolta in modo virtuale');
    // the total is the XML's
    expect(t).toContain(`€ ${it2(field(xml, 'ImportoTotaleDocumento')!)}`);
    // payments with the reconciliation identifier (CodicePagamento)
    expect(all(xml, 'CodicePagamento')).toEqual(['BNC-20261121-0001', 'BNC-20261121-0001']);
    expect(t).toContain('Carta di pagamento (MP08)');
    expect(t).toContain('Contanti (MP01)');
    expect(t).toContain('Identificativo di riconciliazione: BNC-20261121-0001');
    expect(t).not.toContain('Nota di credito');
  });

  it('a TD04 for the return: «Nota di credito», the invoice it corrects, the refund with the return\'s identifier', async () => {
    const { b, sale } = await invoicedSale();
    const ret = recordReturn(b.db, b.clock, { sale: sale.id, lines: [{ line_no: 2, quantity: 1 }], refund_method: 'electronic' }, { printReceipt: false });
    const cn = await b.ok('invoices.creditNote', { return: ret.number });
    const copy = await b.ok('invoices.pdf', { invoice: cn.id });
    expect(copy.fileName).toBe('Nota-di-credito-2026-0002.pdf');
    const t = text(copy.base64);
    expect(t).toContain('Nota di credito N. 2026/0002 del 21/11/2026');
    expect(t).toContain('Nota di credito a storno della fattura N. 2026/0001 del 21/11/2026');
    expect(t).toContain('Copia di cortesia — il documento valido ai fini fiscali è quello trasmesso allo SDI');
    expect(t).toContain('Totale nota di credito');
    expect(t).toContain('Identificativo di riconciliazione: BNC-20261121-0002');
    expect(t).not.toContain('Relativa al documento commerciale');
    expect(t).not.toContain('bollo'); // € 10,25 at 22 %: no stamp duty
  });

  it('the same invoice gives the same bytes, whenever the copy is made; an unknown invoice is refused naming the field', async () => {
    const { b } = await invoicedSale();
    const first = await b.ok('invoices.pdf', { invoice: '2026/0001' });
    b.clock.advance(86_400_000 * 40);
    const again = await b.ok('invoices.pdf', { invoice: '2026/0001' });
    expect(again.base64).toBe(first.base64);
    const pdf = Buffer.from(first.base64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('(D:20261121153000Z)'); // the issue instant, not the clock
    expect(await b.err('invoices.pdf', { invoice: '2026/0099' })).toMatchObject({ code: 'INVOICE_NOT_FOUND', field: 'invoice' });
  });

  it('a person with a PEC, 60 lines over pages; a corrected re-issue and an invoice at the counter say what they are', async () => {
    const b = makeBackend();
    invoicingShop(b.db);
    await loginCashier(b);
    await b.ok('customers.save', marioRossi);
    const lines = Array.from({ length: 60 }, (_, i) => ({ description: `Articolo ${i + 1}`, unit_price_cents: 100 + i, vat_code: '10' as const }));
    const total = lines.reduce((a, l) => a + l.unit_price_cents, 0);
    const sale = commitSale(b.db, b.clock, { lines, payments: [{ method: 'cash', amount_cents: total }] }, { printReceipt: false });
    const inv = await b.ok('invoices.create', { sale: sale.number, customer: 'RSSMRA85T10A562S' });
    const pdf = Buffer.from((await b.ok('invoices.pdf', { invoice: inv.number })).base64, 'base64');
    expect(pdfPages(pdf)).toBeGreaterThan(1);
    const t = pdfTextRuns(pdf).join('\n');
    expect(t).toContain('Mario Rossi'); // Nome and Cognome, as the XML has them
    expect(t).toContain('Codice fiscale RSSMRA85T10A562S');
    expect(t).toContain('PEC mario.rossi@pec.it');
    expect(t).toContain('Articolo 60');
    expect(t).toContain(`Pagina 1 di ${pdfPages(pdf)}`);
    expect(t.match(/^Descrizione$/gm)?.length).toBeGreaterThan(1); // the lines' header again on the next page
    expect(t).toContain('Identificativo di riconciliazione: BNC-20261121-0001');

    // The ledger's record says what the XML does not: a re-issue replacing a rejected invoice, an invoice instead of the receipt.
    const record = getInvoice(b.db, inv.id);
    const xml = invoiceXml(b.db, inv.id);
    const reissue = pdfTextRuns(await invoicePdf({ ...record, replaces: { id: 'x', number: '2026/0000', date: '2026-11-20' } }, xml)).join('\n');
    expect(reissue).toContain('Riemissione corretta della fattura N. 2026/0000 del 20/11/2026, scartata dal Sistema di Interscambio');
    const atSale = pdfTextRuns(await invoicePdf({ ...record, receipt: null, atSale: true }, xml)).join('\n');
    expect(atSale).toContain(`Emessa al banco in luogo del documento commerciale (vendita N. ${sale.number})`);
    expect(atSale).not.toContain('Relativa al documento commerciale');
  });

  it('bancone invoice pdf DOC [--out FILE] writes the same bytes as the till', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const clock = fakeClock('2026-11-21T10:00:00Z');
    const db = openDatabase(join(dir, 'bancone.db'));
    try {
      invoicingShop(db);
      const blank = { nome: '', cognome: '', codice_fiscale: '', paese_iva: '', pec: '', nazione: '', notes: '' };
      saveCustomer(db, null, { ...blank, ...barSport }, clock.now().toISOString());
      commitSale(db, clock, visitAndGuide, { printReceipt: false });
    } finally { db.close(); }
    expect((await cli(dir, ['invoice', 'create', '--sale', '2026-11-21/0001', '--customer', '01234567897'], { clock })).code).toBe(0);

    const out = join(dir, 'copia.pdf');
    const r = await cli(dir, ['invoice', 'pdf', '2026/0001', '--out', out], { clock });
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 0, stderr: '', stdout: `Copia di cortesia della fattura 2026/0001: ${out}\n` });
    const t = pdfTextRuns(readFileSync(out)).join('\n');
    expect(t).toContain('Fattura N. 2026/0001 del 21/11/2026');
    expect(t).toContain('Identificativo di riconciliazione: BNC-20261121-0001');
    clock.advance(3_600_000);
    const again = join(dir, 'di-nuovo.pdf');
    expect((await cli(dir, ['invoice', 'pdf', '2026/0001', '--out', again, '--json'], { clock })).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);

    const missing = await cli(dir, ['invoice', 'pdf'], { clock });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Indicare la fattura');
  });
});
