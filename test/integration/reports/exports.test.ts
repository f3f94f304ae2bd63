import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDb } from '../../../backend/db/types.js';
import { closeDay, recordCashMovement, reportCsv, reportPdf, shopInfo, toZReportPrintable, queueReportPrint, xReport, zReport } from '../../../backend/reports/index.js';
import type { DayReport } from '../../../shared/contract/reports.js';
import { formatAmount } from '../../../shared/money.js';
import { layoutZReport, renderPlainText } from '../../../shared/receipt.js';
import { parseCsv } from '../../../shared/csv.js';
import { fakeClock } from '../../../shared/time.js';
import { line, recordReturn, recordVoid, sale, setFiscal, setup } from './helpers.js';
import { pdfPages, pdfTextRuns } from './pdf-text.js';

let db: WritableDb;
let clock: ReturnType<typeof fakeClock>;
let z: DayReport;

beforeAll(async () => {
  ({ db, clock } = setup('2026-11-21T07:30:00Z'));
  recordCashMovement(db, clock, { kind: 'float', amount_cents: 15000 });
  const ids: string[] = [];
  for (let i = 0; i < 70; i++) {
    clock.advance(6 * 60_000);
    const cash = i % 3 !== 0;
    const lines = [line(1252 + 17 * i, '22'), line(350, '10', { quantity: 2, discount_cents: i % 4 === 0 ? 50 : 0 }), line(199, '4', { complimentary: i % 5 === 0 })];
    const probeTotal = 1252 + 17 * i + 700 - (i % 4 === 0 ? 50 : 0) + (i % 5 === 0 ? 0 : 199);
    const r = sale(db, clock, { lines, payments: cash ? [{ method: 'cash', amount_cents: 10000 }] : [{ method: 'electronic', amount_cents: probeTotal }] });
    ids.push(r.id);
    if (i === 7) setFiscal(db, r.id, 'failed', null, 'Codice fiscale del cedente non valido');
    else setFiscal(db, r.id, 'ready', `DCW2026/${String(4700 + i)}-0001`);
  }
  recordReturn(db, clock, { sale: ids[10]!, lines: [{ line_no: 1, quantity: 1 }], reason: 'Difettoso' });
  recordVoid(db, clock, { sale: ids[20]!, reason: 'Errore di battitura' });
  recordCashMovement(db, clock, { kind: 'out', amount_cents: 4500, reason: 'Pagamento fornitore pane' });
  await closeDay(db, clock, { note: 'Documento 0008 da correggere domani', count: { denominations: { '5000': 10, '2000': 10, '1000': 5, '200': 3, '5': 1 } } });
  z = zReport(db);
});
afterAll(() => db.close());

describe('PDF export', () => {
  it('is an A4 PDF that shows the shop, the Z number and every total of the report', async () => {
    const pdf = await reportPdf(z, shopInfo(db));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    // Wrapped cells come out as several runs: join them the way a reader sees them.
    const text = pdfTextRuns(pdf).join(' ').replace(/\s+/g, ' ');
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Bottega della Città');
    expect(text).toContain('P.IVA 01234567890');
    expect(text).toContain('CHIUSURA GIORNALIERA (Z)');
    expect(text).toContain('Chiusura Z N. 1');
    expect(text).toContain(`Pagina 1 di ${pages}`);
    expect(text).toContain(`Pagina ${pages} di ${pages}`);
    for (const cents of [z.netCents, z.sales.totalCents, -z.returns.totalCents, -z.voids.totalCents, z.vatTotal.net.taxableCents,
      z.vatTotal.net.vatCents, z.cash.expectedCents, z.cash.count!.countedCents, z.cash.varianceCents!, z.paymentsNetCents, z.discounts.lineCents, z.complimentary.salesCents, z.rounding.netCents]) {
      expect(text).toContain(formatAmount(cents));
    }
    for (const v of z.vat) expect(text).toContain(formatAmount(v.net.grossCents));
    expect(text).toContain(`€ ${formatAmount(z.netCents)}`);
    expect(text).toContain('Codice fiscale del cedente non valido');
    expect(text).toContain('Documento 0008 da correggere domani');
    expect(text).toContain('Pagamento fornitore pane');
    expect(text).toContain(z.numbering.firstDocumentNumber!);
  });

  it('labels an X reading as not closed', async () => {
    clock.advance(60_000);
    sale(db, clock, { lines: [line(900, '22')], payments: [{ method: 'cash', amount_cents: 1000 }] });
    const text = pdfTextRuns(await reportPdf(xReport(db, clock), shopInfo(db))).join('\n');
    expect(text).toContain('LETTURA GIORNALIERA (X)');
    expect(text).toContain('la giornata non è chiusa');
    expect(text).toContain('Il contante non è stato contato.');
  });
});

describe('CSV export', () => {
  it('has one row per document and one per VAT code, and its columns add up to the report', () => {
    const csv = reportCsv(db, z);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv, ';');
    const head = rows[0]!.fields;
    const col = (r: { fields: string[] }, name: string) => r.fields[head.indexOf(name)]!;
    const cents = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);
    const docs = rows.filter((r) => col(r, 'riga') === 'documento');
    const vat = rows.filter((r) => col(r, 'riga') === 'iva');
    expect(docs).toHaveLength(z.sales.count + z.returns.count + z.voids.count);
    expect(vat.map((r) => col(r, 'codice_iva'))).toEqual(z.vat.map((v) => v.vatCode));
    expect(docs.reduce((a, r) => a + cents(col(r, 'totale')), 0)).toBe(z.netCents);
    expect(vat.reduce((a, r) => a + cents(col(r, 'imposta')), 0)).toBe(z.vatTotal.net.vatCents);
    expect(docs.reduce((a, r) => a + cents(col(r, 'contanti')), 0)).toBe(z.cash.cashSalesCents - z.cash.cashRefundsCents);
    // The void gives the sale's cash rounding back: the column nets to the report's rounding.
    expect(z.rounding.voidedCents).not.toBe(0);
    expect(docs.reduce((a, r) => a + cents(col(r, 'arrotondamento')), 0)).toBe(z.rounding.netCents);
    const ret = docs.find((r) => col(r, 'tipo') === 'Reso')!;
    expect(col(ret, 'documento_origine')).toMatch(/^2026-11-21\/\d{4}$/);
    expect(cents(col(ret, 'totale'))).toBe(-z.returns.totalCents);
    expect(docs.filter((r) => col(r, 'stato_ade') === 'failed')).toHaveLength(1);
  });
});

describe('thermal print', () => {
  it('maps the report onto the printer layout and queues it as a z_report job', () => {
    const p = toZReportPrintable(z);
    expect(p).toMatchObject({ title: 'CHIUSURA GIORNALIERA (Z)', businessDay: '2026-11-21', zNumber: 1 });
    const text = renderPlainText(layoutZReport(p, shopInfo(db), { columns: 42 }));
    const flowing = text.replace(/\s+/g, ' ');
    expect(text).toContain(`TOTALE CORRISPETTIVI`);
    expect(text).toContain(formatAmount(z.netCents));
    expect(flowing).toContain('Nota di chiusura: Documento 0008 da correggere domani');
    expect(text).toContain('CONTANTI ATTESI');
    const id = queueReportPrint(db, clock, z);
    const job = db.prepare('SELECT kind, state, payload, document_id FROM print_jobs WHERE id = ?').get(id) as { kind: string; state: string; payload: string; document_id: null };
    expect(job).toMatchObject({ kind: 'z_report', state: 'queued', document_id: null });
    expect(JSON.parse(job.payload)).toEqual(p);
  });
});
