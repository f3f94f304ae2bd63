import { describe, expect, it } from 'vitest';
import { toZReportPrintable } from '../../../backend/reports/printable.js';
import { ZReportPrintableSchema } from '../../../backend/printing/index.js';
import { layoutZReport, renderPlainLines, RECEIPT_COLUMNS } from '../../../shared/receipt.js';
import { dayReport, notReady } from './fixtures.js';

const shop = { name: 'Bottega della Città', address: 'Via Roma 1', vatNumber: '01234567890', footer: '' };

describe('the report on the thermal printer', () => {
  it('maps figures with refunds negative, net VAT rows, payments with pieces, and the cash section', () => {
    const p = toZReportPrintable(dayReport());
    expect(ZReportPrintableSchema.safeParse(p).success).toBe(true);
    expect(p).toMatchObject({ title: 'CHIUSURA GIORNALIERA (Z)', businessDay: '2026-11-21', zNumber: 12, operator: 'Marco' });
    expect(p.rows).toEqual([
      { label: 'Vendite (40)', amountCents: 123456 },
      { label: 'Resi (2)', amountCents: -2345 },
      { label: 'Annulli (1)', amountCents: -1111 },
      { label: 'TOTALE CORRISPETTIVI', amountCents: 120000, bold: true },
      { label: 'Sconti', amountCents: 400 },
      { label: 'Omaggi', amountCents: 399 },
      { label: 'Arrotondamenti', amountCents: -3 },
    ]);
    expect(p.vatRows).toEqual([
      { vatCode: '10', grossCents: 23111, taxableCents: 21010, vatCents: 2101 },
      { vatCode: '22', grossCents: 96889, taxableCents: 79417, vatCents: 17472 },
    ]);
    expect(p.paymentRows).toEqual([
      { label: 'Contanti', amountCents: 76547, count: null },
      { label: 'Buoni pasto', amountCents: 4000, count: 5 },
      { label: 'Elettronico', amountCents: 39450, count: null },
    ]);
    expect(p.sections?.[0]?.rows.map((r) => [r.label, r.amountCents])).toEqual([
      ['Fondo cassa', 15000], ['Incassi contanti', 80003], ['Rimborsi contanti', -3456], ['Entrate', 2000], ['Uscite', -4500],
      ['CONTANTI ATTESI', 89047], ['Contanti contati', 89000], ['DIFFERENZA', -47],
    ]);
    expect(p.notes).toContain('Documenti dal 2026-11-21/0001 al 2026-11-21/0043');
    expect(p.notes).toContain('N. AdE dal DCW2026/0001-0001 al DCW2026/0043-0001');
  });

  it('lists at most 15 documents not accepted by the AdE and counts the rest, with the closing note', () => {
    const r = dayReport({
      fiscal: { total: 43, ready: 23, pending: 19, failed: 1, notReady: notReady(20) },
      closure: { ...dayReport().closure!, note: 'Rete assente', notReadyAtClose: 20 },
    });
    const notes = toZReportPrintable(r).notes;
    expect(notes).toContain("ATTENZIONE: 20 documenti non accettati dall'AdE");
    expect(notes.filter((n) => n.startsWith('2026-11-21/'))).toHaveLength(15);
    expect(notes[notes.indexOf("ATTENZIONE: 20 documenti non accettati dall'AdE") + 1]).toBe('2026-11-21/0001 € 1,00 rifiutato/fallito');
    expect(notes).toContain('... e altri 5');
    expect(notes).toContain('Nota di chiusura: Rete assente');
  });

  it('says when the cash was not counted, and an X reading has no Z number', () => {
    const x = toZReportPrintable(dayReport({ type: 'x', closure: null, cash: { ...dayReport().cash, count: null, varianceCents: null } }), { operator: 'Giulia' });
    expect(x).toMatchObject({ title: 'LETTURA GIORNALIERA (X)', zNumber: null, operator: 'Giulia' });
    expect(x.notes).toContain('Contanti non contati');
    expect(x.sections?.[0]?.rows.map((r) => r.label)).not.toContain('DIFFERENZA');
  });

  it('fits every paper width', () => {
    const p = toZReportPrintable(dayReport({ fiscal: { total: 43, ready: 40, pending: 3, failed: 0, notReady: notReady(3) } }));
    for (const columns of RECEIPT_COLUMNS) {
      const lines = renderPlainLines(layoutZReport(p, shop, { columns }));
      for (const l of lines) expect(l.length, `${columns}: ${l}`).toBeLessThanOrEqual(columns);
      expect(lines.join('\n')).toContain('1.200,00');
    }
  });
});
