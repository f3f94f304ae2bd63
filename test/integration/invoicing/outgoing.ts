// Outgoing invoices for the provider tests: real FatturaPA from the builder (valid against the XSD).
import { buildInvoice } from '../../../shared/fatturapa/build.js';
import type { OutgoingInvoice } from '../../../backend/invoicing/provider.js';
import { makeDocument } from '../../fixtures/documents.js';
import { COMPANY, SHOP } from '../../unit/fatturapa/fixtures.js';

export function outgoing(n: number, date = '2026-12-01'): OutgoingInvoice {
  const doc = makeDocument({
    lines: [
      { description: 'Pane integrale', unitPriceCents: 125, quantityMilli: 2000, vatCode: '4' },
      { description: `Guida n. ${n}`, unitPriceCents: 1000 + n, vatCode: '22' },
    ],
    payments: [{ method: 'electronic', amountCents: 1250 + n }],
  });
  const number = `2026/${String(n).padStart(4, '0')}`;
  const { xml, figures } = buildInvoice({ shop: SHOP, customer: COMPANY, number, date, document: doc });
  return { localId: `doc-${n}`, number, date, kind: 'TD01', xml, fileName: `IT00743110157_${String(n).padStart(5, '0')}.xml`, totalCents: figures.totalCents };
}

/** A credit note (TD04) for the return of one line of invoice `of`. */
export function creditNote(n: number, of: OutgoingInvoice, date = '2026-12-02'): OutgoingInvoice {
  const ret = makeDocument({ kind: 'return', lines: [{ description: 'Pane integrale', unitPriceCents: 125, quantityMilli: 2000, vatCode: '4' }], payments: [{ method: 'electronic', amountCents: 250 }] });
  const number = `NC-2026/${n}`;
  const { xml, figures } = buildInvoice({ shop: SHOP, customer: COMPANY, number, date, document: ret, creditNoteOf: { number: of.number, date: of.date } });
  return { localId: `nc-${n}`, number, date, kind: 'TD04', xml, fileName: `IT00743110157_NC${n}.xml`, totalCents: figures.totalCents };
}
