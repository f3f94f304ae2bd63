// A training sale on paper (issue #12): the same items, totals and payments as a receipt, between
// two «MODALITÀ PROVA - NON FISCALE» bands, and nothing that makes it look like a documento
// commerciale: no such heading, no VAT summary, no AdE number or promise of one, no QR to return
// it with, and the drawer stays shut (cash taken on a slip that is not fiscal is off the books).
import { romeDateTimeLabel } from '../time.js';
import type { DocumentRecord } from '../document.js';
import type { ReceiptLayout, ReceiptOptions, ShopInfo } from './model.js';
import { LineList, footer, shopHeader } from './common.js';
import { items, payments, totals } from './document.js';

/** The band at the top and the bottom of every training slip (the em dash of the screen is «-» in cp858). */
export const TRAINING_MARK = 'MODALITÀ PROVA - NON FISCALE';

function band(out: LineList): void {
  out.rule('=');
  out.center(TRAINING_MARK, { bold: true });
  out.center('SCONTRINO DI PROVA SENZA VALORE FISCALE');
  out.rule('=');
}

export function layoutTrainingReceipt(doc: DocumentRecord, shop: ShopInfo, opts: Pick<ReceiptOptions, 'columns' | 'logo'>): ReceiptLayout {
  const out = new LineList(opts.columns);
  shopHeader(out, shop, opts.logo ?? false);
  band(out);
  items(out, doc);
  out.rule();
  totals(out, doc);
  payments(out, doc);
  out.rule();
  out.pair(romeDateTimeLabel(doc.createdAt), `N. ${doc.number}`);
  footer(out, shop);
  out.blank();
  band(out);
  out.push({ kind: 'cut' });
  return { kind: doc.kind, columns: opts.columns, lines: out.lines, openDrawer: false };
}
