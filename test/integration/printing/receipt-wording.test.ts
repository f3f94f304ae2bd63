// What each kind of paper says, read back from the bytes the printer gets: nothing on a receipt
// may contradict the document (a void is not paid, a refund is not a payment) or promise what the
// till does not do (the AdE number slip, per the printing.fiscalNumberSlip setting).
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';
import { commitSale, getDocument, recordReturn, recordVoid } from '../../../backend/ledger/index.js';
import { setSetting } from '../../../backend/settings.js';
import { encodeLayout, renderJob, printSettingsFromDb, type PrintJob } from '../../../backend/printing/index.js';
import { layoutDocument, layoutFiscalNumberSlip, type ReceiptLayout } from '../../../shared/receipt.js';
import { fakeClock } from '../../../shared/time.js';
import { decodeEscPos, paperSays } from '../../../emulators/escpos-decoder.js';
import { fiscalShop } from '../../fixtures/fiscal-shop.js';

const clock = fakeClock('2026-11-21T17:42:00Z');
const SHOP = { name: 'Bottega', address: 'Via Roma 1', vatNumber: '01234567890', footer: '' };
let db: WritableDb;

const paper = (layout: ReceiptLayout) => paperSays(decodeEscPos(encodeLayout(layout)));
const receiptOf = (id: string, columns: 32 | 42 = 42) => paper(layoutDocument(getDocument(db, id), SHOP, { columns }));

/** € 18,53 in cash with € 20: rounded to € 18,55, change € 1,45. */
const roundedCashSale = () => commitSale(db, clock, {
  lines: [
    { description: 'Focaccia', unit_price_cents: 1253, vat_code: '10' },
    { description: 'Pane', unit_price_cents: 300, vat_code: '4', quantity: 2 },
  ],
  payments: [{ method: 'cash', amount_cents: 2000 }],
});

beforeEach(() => {
  clock.set('2026-11-21T17:42:00Z');
  db = fiscalShop(openDatabase(':memory:'));
  setSetting(db, 'sale.cashRounding', true, clock.now());
});

describe('totals say what happened to the money', () => {
  it('a sale: TOTALE, the rounding, TOTALE DA PAGARE, the payment and the change', () => {
    const s = receiptOf(roundedCashSale().id);
    expect(s).toContain('TOTALE € 18,53');
    expect(s).toContain('ARROTONDAMENTO 0,02');
    expect(s).toContain('TOTALE DA PAGARE € 18,55');
    expect(s).toContain('Pagamento contante 20,00');
    expect(s).toContain('RESTO € 1,45');
  });

  it.each([32, 42] as const)('a void (%i columns) is not to be paid: TOTALE ANNULLATO, TOTALE RIMBORSATO, refunded in cash', (columns) => {
    const v = recordVoid(db, clock, { sale: roundedCashSale().id });
    const s = receiptOf(v.id, columns);
    expect(s).toContain('ANNULLAMENTO');
    expect(s).toContain('TOTALE ANNULLATO € 18,53');
    expect(s).toContain('ARROTONDAMENTO 0,02');
    expect(s).toContain('TOTALE RIMBORSATO € 18,55');
    expect(s).toContain('Rimborso contante 18,55');
    const text = s.join('\n');
    expect(text).not.toContain('DA PAGARE');
    expect(text).not.toContain('Pagamento');
    expect(text).not.toContain('RESTO');
  });

  it('a return: TOTALE RESO and the refund, nothing to pay', () => {
    const r = recordReturn(db, clock, { sale: roundedCashSale().id, lines: [{ line_no: 1, quantity: 1 }], refund_method: 'cash' });
    const s = receiptOf(r.id);
    expect(s).toContain('TOTALE RESO € 12,53');
    expect(s).toContain('Rimborso contante 12,53');
    expect(s.join('\n')).not.toMatch(/DA PAGARE|Pagamento|^TOTALE €/m);
  });

  it('a void gives meal vouchers back: they are not a payment on its paper', () => {
    const sale = commitSale(db, clock, {
      lines: [{ description: 'Pranzo', unit_price_cents: 1500, vat_code: '10' }],
      payments: [{ method: 'meal_voucher', amount_cents: 800, count: 2 }, { method: 'cash', amount_cents: 1000 }],
    });
    expect(receiptOf(sale.id)).toContain('Buoni pasto (n. 2) 8,00');
    const s = receiptOf(recordVoid(db, clock, { sale: sale.id }).id);
    expect(s).toContain('Buoni pasto restituiti (n. 2) 8,00');
    expect(s).toContain('Rimborso contante 7,00');
  });

  it('the AdE number slip of a return or a void names its total the same way', () => {
    const sale = roundedCashSale();
    const v = recordVoid(db, clock, { sale: sale.id });
    db.prepare(`UPDATE outbox SET state = 'ready', document_number = 'DCW2026/0000-0009', document_date = '2026-11-21' WHERE document_id = ?`).run(v.id);
    const s = paper(layoutFiscalNumberSlip(getDocument(db, v.id), SHOP, { columns: 42 })!);
    expect(s).toContain(`Annullamento N. ${v.number}`);
    expect(s).toContain('TOTALE ANNULLATO € 18,53');
    expect(s.join(' ')).toContain('Documento N. DCW2026/0000-0009 del 21/11/2026');
  });
});

describe('the receipt promises the AdE number slip only as the setting says', () => {
  const job = (documentId: string): PrintJob => ({
    id: 'j', documentId, kind: 'receipt', state: 'queued', attempts: 0, payload: null, lastError: null, nextAttemptAt: null,
    createdAt: clock.now().toISOString(), printedAt: null, provisional: null, confirmed: null, drawerPulse: null, drawerPulsedAt: null,
  });
  const printed = (documentId: string) => {
    const r = renderJob(job(documentId), { ...printSettingsFromDb(db), logo: false }, clock.now(), (id) => getDocument(db, id));
    if (r.kind !== 'print') throw new Error('not printed');
    return paper(r.layout).join('\n');
  };

  it('auto: «sarà stampato a parte»', () => {
    setSetting(db, 'printing.fiscalNumberSlip', 'auto', clock.now());
    const s = printed(roundedCashSale().id).replace(/\s+/g, ' ');
    expect(s).toContain('DOCUMENTO COMMERCIALE IN ATTESA DI EMISSIONE');
    expect(s).toContain('Il numero AdE sarà stampato a parte appena disponibile');
  });

  it('on request (the default): the customer can ask for it at the till', () => {
    const s = printed(roundedCashSale().id).replace(/\s+/g, ' ');
    expect(s).toContain('DOCUMENTO COMMERCIALE IN ATTESA DI EMISSIONE');
    expect(s).toContain('Il numero AdE si può richiedere in cassa appena disponibile');
    expect(s).not.toContain('stampato a parte');
  });

  it('never: no promise at all', () => {
    setSetting(db, 'printing.fiscalNumberSlip', 'never', clock.now());
    const s = printed(roundedCashSale().id).replace(/\s+/g, ' ');
    expect(s).toContain('DOCUMENTO COMMERCIALE IN ATTESA DI EMISSIONE');
    expect(s).not.toContain('Il numero AdE');
  });

  it('once the number is known the receipt carries it and promises nothing', () => {
    setSetting(db, 'printing.fiscalNumberSlip', 'auto', clock.now());
    const sale = roundedCashSale();
    db.prepare(`UPDATE outbox SET state = 'ready', document_number = 'DCW2026/0000-0042', document_date = '2026-11-21' WHERE document_id = ?`).run(sale.id);
    const s = printed(sale.id).replace(/\s+/g, ' ');
    expect(s).toContain('Documento N. DCW2026/0000-0042 del 21/11/2026');
    expect(s).not.toContain('IN ATTESA');
    expect(s).not.toContain('a parte');
  });
});
